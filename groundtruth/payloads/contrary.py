"""Which valid payloads were rejected because the page says otherwise than the spec.

A page is what docmodels reads: where the generator wrote a fact that the spec does not say (a
property marked required that the spec leaves optional, a string where the spec has an object,
as when a model named DateTime is written as the language's date-time type, or a schema the
generator took from elsewhere), the models follow the page and reject the API's payload; no
reading of that page could take it. Those rejections are told apart here from the ones the
pages could have avoided, so that the table shows what docmodels still has to read.

``python groundtruth/payloads/contrary.py RUN``: reads groundtruth/payloads/results/
RUN-failures.tsv, and for each valid payload rejected: walks the spec from the payload's schema
along the path the error names, and the schema ``docmodels schema`` prints for the folder along
the same path, and classifies the rejection as

- **page says required**: the property is missing from the payload, the spec does not require
  it, and the page marks it required (a fact it states, not ``x-docmodels-unstated``);
- **page says another type**: the value is of a JSON type the spec takes there, and the page
  gives the property a type (stated, not any value, not a model whose page lost what it is)
  that does not take it; null is counted only where the page states the property not nullable;
- **not contrary**: everything else (the pages carried it, or it is unclear): what docmodels
  has to answer for.

It writes RUN-contrary.tsv (folder, payloads, class, schema, detail), which run.py --table
reads. The classification is automatic, from one example per failure row; the rows it calls
contrary are listed in the table so that anyone can check them.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from groundtruth.measure import norm
from groundtruth.payloads.measure import lookup
from groundtruth.real.measure import _cli

RESULTS = Path(__file__).parent / "results"
_STEP = re.compile(r"\[\d+\]|[^.\[\]]+")


def path_of(detail: str) -> tuple[list[str], str]:
    """The path an error names (``a.b[0].c: message``), as keys and ``[]`` for items, and the
    message."""
    where, _, message = detail.partition(": ")
    steps = ["[]" if s.startswith("[") else s for s in _STEP.findall(where)]
    return steps, message


Schema = dict[str, Any]
# A reference's target, or None where it points nowhere this side reads.
Target = Callable[[str], Any]


def _pointer(root: Any, parts: list[str]) -> Any:
    for part in parts:
        part = part.replace("~1", "/").replace("~0", "~")
        root = root.get(part) if isinstance(root, dict) else None
    return root


def _parts(schema: Any, target: Target, depth: int = 0) -> list[Schema]:
    """The schema and every schema it is made of (its reference, allOf, oneOf, anyOf); a
    cycle of references ends at a depth no real schema reaches."""
    if not isinstance(schema, dict) or depth > 20:
        return []
    out = [schema]
    ref = schema.get("$ref")
    if isinstance(ref, str):
        out += _parts(target(ref), target, depth + 1)
    for key in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(key, []) or []:
            out += _parts(part, target, depth + 1)
    return out


def _walk(start: Any, steps: list[str], target: Target) -> tuple[list[Schema], list[Schema]]:
    """The schemas of the parent of the last step, and of the last step, from ``start``
    (each a list: a property may be found in several parts of a composition). Keys match with
    punctuation and case dropped: the error names the key as the model spells it."""
    current = _parts(start, target)
    parent = current
    for step in steps:
        parent = current
        found: list[Schema] = []
        for schema in current:
            if step == "[]":
                found += _parts(schema.get("items"), target)
                continue
            for key, prop in (schema.get("properties") or {}).items():
                if norm(key) == norm(step):
                    found += _parts(prop, target)
        current = found
    return parent, current


class Spec:
    """The spec's schemas, with local references followed (``#/components/schemas/X``, and
    deeper pointers such as ``#/components/schemas/X/definitions/y``)."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        components = document.get("components", {}).get("schemas")
        schemas = components or document.get("definitions") or {}
        self.schemas: dict[str, Any] = {norm(k): v for k, v in schemas.items()}

    def target(self, ref: str) -> Any:
        return _pointer(self.document, ref[2:].split("/")) if ref.startswith("#/") else None

    def walk(self, name: str, steps: list[str]) -> tuple[list[Schema], list[Schema]]:
        return _walk(lookup(self.schemas, name), steps, self.target)


def _doc_walk(defs: dict[str, Any], name: str, steps: list[str]) -> tuple[Schema, Schema, bool]:
    """The printed schema's parent model and property at the path (merged as one dict each),
    and whether the property's type is one the page stated."""

    def target(ref: str) -> Any:
        if not ref.startswith("#/$defs/"):
            return None
        first, *rest = ref[len("#/$defs/"):].split("/")
        return _pointer(defs.get(norm(first.replace("~1", "/").replace("~0", "~"))), rest)

    parent, current = _walk(lookup(defs, name), steps, target)
    stated = bool(current) and not any(
        "x-docmodels-missing" in s or "x-docmodels-unread" in s for s in current
    ) and any(("type" in s or "$ref" in s or "enum" in s) for s in current)
    merged_parent: Schema = {"required": []}
    for schema in parent:
        merged_parent["required"] += schema.get("required", [])
        for part in schema.get("oneOf", []) or []:
            if isinstance(part, dict) and part.get("required") and len(part) == 1:
                merged_parent["required"] += part["required"]
    merged_prop: Schema = {"unstated": []}
    for schema in current:
        merged_prop["unstated"] += schema.get("x-docmodels-unstated", [])
    return merged_parent, merged_prop, stated


def classify(spec: Spec, defs: dict[str, Any], schema: str, detail: str) -> str:
    steps, message = path_of(detail)
    if not steps:
        return "not contrary"
    if message.startswith("required property is missing"):
        spec_parent, _ = spec.walk(schema, steps)
        key = steps[-1]
        if any(norm(k) == norm(key) for s in spec_parent for k in s.get("required", []) or []):
            return "not contrary"
        doc_parent, _, _ = _doc_walk(defs, schema, steps)
        required = {norm(k) for k in doc_parent["required"]}
        return "page says required" if norm(key) in required else "not contrary"
    got = re.search(r", got (\w+)", message)
    if message.startswith("expected") and got:
        _, doc_prop, stated = _doc_walk(defs, schema, steps)
        if got.group(1) == "None" and "nullable" in doc_prop["unstated"]:
            return "not contrary"
        _, spec_prop = spec.walk(schema, steps)
        return "page says another type" if stated and spec_prop else "not contrary"
    return "not contrary"


def schema_of(folder: Path) -> dict[str, Any]:
    code, out, _, _ = _cli(["schema", str(folder)], folder)
    document = json.loads(out) if code == 0 and out.strip() else {"$defs": {}}
    return {norm(k): v for k, v in document.get("$defs", {}).items()}


def run(name: str) -> Path:
    from groundtruth.real import cache, sample
    from groundtruth.real.measure import docs_folder

    directory, entries = sample.read()
    root = cache.ROOT / directory / "package"
    paths = {entry.id: root / entry.path for entry in entries}
    with (RESULTS / f"{name}-failures.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["kind"].startswith("valid")]
    specs: dict[str, Spec] = {}
    schemas: dict[str, dict[str, Any]] = {}
    out = []
    for row in rows:
        spec_id, _, folder = row["folder"].partition("/")
        if spec_id not in specs:
            specs[spec_id] = Spec(json.loads(paths[spec_id].read_text(encoding="utf-8")))
        if row["folder"] not in schemas:
            docs = docs_folder(cache.ROOT / "generated" / spec_id / folder)
            schemas[row["folder"]] = schema_of(docs) if docs else {}
        verdict = classify(specs[spec_id], schemas[row["folder"]], row["schema"], row["detail"])
        out.append({"folder": row["folder"], "payloads": row["payloads"], "class": verdict,
                    "schema": row["schema"], "detail": row["detail"]})
    target = RESULTS / f"{name}-contrary.tsv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(out[0]) if out else ["folder"],
                                delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    return target


if __name__ == "__main__":
    print(run(sys.argv[1] if len(sys.argv) > 1 else "real-dataclasses"))

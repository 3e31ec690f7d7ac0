#!/usr/bin/env python3
"""How much of each ground-truth spec docmodels recovers from each generator's pages.

    python groundtruth/measure.py            # the table, as Markdown
    python groundtruth/measure.py go@7.26.0  # one folder, with every fact it missed

The facts are read from what ``docmodels schema FOLDER`` prints, as a user would get them.
Per property of every object model in the spec: the property is there (``property``), its wire
name is read (``name``: the schema's key is exact, or, where the page does not carry the key,
one of the spellings the schema accepts, ``x-docmodels-keys``, is), ``required``, structural ``type`` (items and map values recursively,
reference targets), ``format`` (where the spec gives one), ``nullable``, inline ``enum`` values,
``default`` and ``read_only``; each enum model's values (``enum model``); and each oneOf/anyOf
model's member types (``variants``) and, where the spec has one, its ``discriminator``.

A fact the schema marks as unstated (``x-docmodels-unstated``: the page did not say, and the
schema chose) does not count as recovered.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from docmodels.cli import main as docmodels
from docmodels.emit.jsonschema import KEYS, SPELLING_OF, UNSTATED

from groundtruth.expected import (
    NO_DEFAULT,
    Expected,
    compositions,
    enum_models,
    load_spec,
    models,
)

KINDS = ("property", "name", "required", "type", "format", "nullable", "enum", "default",
         "read_only", "enum model", "variants", "discriminator")

Schema = dict[str, Any]


def norm(name: str) -> str:
    name = re.sub(r"_t$", "", name)
    return re.sub(r"[^a-z0-9]", "", name.lower())


def schema_of(folder: Path) -> tuple[Schema, int]:
    """What ``docmodels schema FOLDER`` prints, and how many error diagnostics it reports."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        docmodels(["schema", str(folder)])
    errors = sum(1 for line in err.getvalue().splitlines() if ": error: " in line)
    text = out.getvalue()
    document: Schema = json.loads(text) if text else {"$defs": {}}
    return document, errors


def accepts_null(schema: Schema) -> bool:
    kind = schema.get("type")
    return (isinstance(kind, list) and "null" in kind) or {"type": "null"} in schema.get("anyOf", [])


def without_null(schema: Schema) -> Schema:
    """The schema of the value when it is not null."""
    kind = schema.get("type")
    if isinstance(kind, list):
        rest = [k for k in kind if k != "null"]
        return {**schema, "type": rest[0] if len(rest) == 1 else rest}
    if "anyOf" in schema:
        rest = [s for s in schema["anyOf"] if s != {"type": "null"}]
        if len(rest) == 1:
            return {**{k: v for k, v in schema.items() if k != "anyOf"}, **rest[0]}
        return {**schema, "anyOf": rest}
    return schema


def structural(schema: Schema) -> str:
    schema = without_null(schema)
    if "$ref" in schema:
        return "ref:" + schema["$ref"].rsplit("/", 1)[-1]
    kind = schema.get("type")
    if kind == "array":
        items = structural(schema.get("items", {}))
        return ("set" if schema.get("uniqueItems") else "array") + f"<{items}>"
    if kind == "object":
        return f"map<{structural(schema.get('additionalProperties', {}))}>"
    if kind in ("string", "integer", "number", "boolean"):
        return str(kind)
    if "anyOf" in schema:  # a type the page writes alike for several (C's int)
        return "either<" + ",".join(structural(s) for s in schema["anyOf"]) + ">"
    return "any"


def _same_type(expected: str, got: str) -> bool:
    def canon(text: str) -> str:
        # A model's name as the spec writes it, punctuation and all (User--Mini, links.Self):
        # everything up to the next bracket, comma or bar of the type's spelling.
        return re.sub(r"ref:([^<>,|\s]+)", lambda m: "ref:" + norm(m.group(1)), text)
    return canon(expected) == canon(got)


def _members_format(schema: Schema) -> str | None:
    """The format every member of an either carries, innermost (php-symfony's string, list or
    map of dates is a date, whichever it is)."""
    found = set()
    for member in schema.get("anyOf", ()):
        while member.get("type") in ("array", "object"):
            member = member.get("items", member.get("additionalProperties", {}))
        found.add(member.get("format"))
    return found.pop() if len(found) == 1 else None


@dataclass
class Score:
    counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: dict[str, str] = field(default_factory=dict)  # "kind: Model.property" -> detail
    errors: int = 0

    def add(self, kind: str, ok: bool, where: str, detail: str = "") -> None:
        self.counts[kind][1] += 1
        if ok:
            self.counts[kind][0] += 1
        else:
            self.misses[f"{kind}: {where}"] = detail


def required_of(model: Schema) -> set[str]:
    """The keys a model's schema requires: its ``required``, and each required property whose
    key is uncertain (one of its spellings is required: the first names it)."""
    required = set(model.get("required", []))
    required |= {rule["oneOf"][0]["required"][0] for rule in model.get("allOf", [])
                 if "oneOf" in rule}
    return required


def match(wire: str, properties: dict[str, Schema]) -> str | None:
    """The schema's property for the spec's wire name: the same key, one whose accepted
    spellings include it, or one the page spelled otherwise (``propertyClass`` for ``class``),
    whose name is then a miss of its own."""
    if wire in properties and SPELLING_OF not in properties[wire]:
        return wire
    spelled = next((key for key, p in properties.items() if wire in p.get(KEYS, ())), None)
    if spelled is not None:
        return spelled
    wanted = norm(wire)
    return next((key for key, p in properties.items()
                 if norm(key) == wanted and SPELLING_OF not in p), None)


def measure(spec_path: Path, folder: Path) -> Score:
    spec = load_spec(spec_path)
    document, errors = schema_of(folder)
    score = Score(errors=errors)
    defs: dict[str, Schema] = document["$defs"]
    got = {norm(name): schema for name, schema in defs.items()}
    # Some SDKs prefix every model name (the ory .NET SDK's ClientIdentity for Identity).
    prefix = os.path.commonprefix(list(got))
    if len(got) > 1 and prefix:
        got.update({name[len(prefix):]: m for name, m in got.items() if name[len(prefix):]})
    enums = {
        name: tuple(m["enum"]) for name, m in got.items() if "enum" in m and "properties" not in m
    }
    for model_name, props in models(spec).items():
        model = got.get(norm(model_name), {})
        properties: dict[str, Schema] = model.get("properties", {})
        required = required_of(model)
        for wire, facts in props.items():
            where = f"{model_name}.{wire}"
            key = match(wire, properties)
            score.add("property", key is not None, where)
            if key is None:
                continue
            _compare(score, where, wire, facts, key, properties[key], key in required, enums)
    for model_name, values in enum_models(spec).items():
        recovered = enums.get(norm(model_name), ())
        score.add("enum model", recovered == values, model_name, f"{recovered!r}")
    for model_name, composed in compositions(spec).items():
        model = got.get(norm(model_name), {})
        variants = sorted(structural(member) for member in model.get("oneOf", []))
        detail = f"got {variants}" if variants else _shape(model)
        ok = len(variants) == len(composed.variants) and all(
            _same_type(e, g) for e, g in zip(sorted(composed.variants), variants)
        )
        score.add("variants", ok, model_name, detail)
        if composed.discriminator is not None:
            named = model.get("discriminator", {}).get("propertyName")
            score.add("discriminator", named == composed.discriminator, model_name, f"got {named}")
    return score


def _shape(model: Schema) -> str:
    if not model:
        return "no such model"
    return "got an object with properties " + (", ".join(model.get("properties", {})) or "none")


def _compare(
    score: Score,
    where: str,
    wire: str,
    facts: Expected,
    key: str,
    prop: Schema,
    required: bool,
    enums: dict[str, tuple[Any, ...]],
) -> None:
    unstated = set(prop.get(UNSTATED, ()))
    score.add("name", key == wire or wire in prop.get(KEYS, ()), where, f"got {key!r}")
    got_required = None if "required" in unstated else required
    score.add("required", got_required == facts.required, where, f"got {got_required}")
    got_type = structural(prop)
    score.add("type", _same_type(facts.type, got_type), where, f"{facts.type} got {got_type}")
    value = without_null(prop)
    if facts.format:
        got_format = value.get("format", _members_format(value))
        score.add("format", got_format == facts.format, where, f"{facts.format} got {got_format}")
    nullable = accepts_null(prop) and "nullable" not in unstated
    score.add("nullable", nullable == facts.nullable, where, f"got {nullable}")
    if facts.enum is not None:
        got_enum: tuple[Any, ...] | None = None
        if "enum" in prop:
            values = list(prop["enum"])
            if accepts_null(prop) and values and values[-1] is None:
                values.pop()  # the schema adds null to a nullable property's values
            got_enum = tuple(values)
        elif "$ref" in value:
            got_enum = enums.get(norm(structural(value)[4:]))  # some dialects make it a model
        score.add("enum", got_enum == facts.enum, where, f"{facts.enum!r} got {got_enum!r}")
    got_default: Any = prop.get("default", NO_DEFAULT)
    if facts.default is not NO_DEFAULT or got_default is not NO_DEFAULT:
        score.add("default", got_default == facts.default, where,
                  f"{facts.default!r} got {got_default!r}")
    if facts.read_only:
        score.add("read_only", bool(prop.get("readOnly")), where)


def folders() -> list[tuple[Path, Path]]:
    pairs = []
    for spec in sorted((HERE / "specs").glob("*.yaml")):
        root = HERE / "pages" / spec.stem
        if root.is_dir():
            pairs.extend((spec, folder) for folder in sorted(root.iterdir()) if folder.is_dir())
    return pairs


def losses(folder: Path) -> dict[str, str] | None:
    """The facts a folder's pages do not carry, each with the reason (groundtruth/losses/), or
    None where no dialect claims the folder yet."""
    path = HERE / "losses" / f"{folder.parent.name}" / f"{folder.name}.toml"
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    lost: dict[str, str] = data.get("lost", {})
    return lost


def cell(counts: list[int] | None, lost: int) -> str:
    """Recovered of what the pages carry; and how many facts the pages lose."""
    if not counts or counts[1] == 0:
        return "–"
    ok, total = counts
    carried = total - lost
    text = "–" if carried == 0 else ("100%" if ok == carried else f"{ok}/{carried}")
    return f"{text} ({lost} lost)" if lost else text


def rows() -> list[tuple[str, Score, dict[str, str] | None]]:
    return [(f.name, measure(spec, f), losses(f)) for spec, f in folders()]


def table() -> str:
    lines = [
        "| pages | " + " | ".join(KINDS) + " |",
        "|---|" + "---|" * len(KINDS),
    ]
    for name, score, lost in rows():
        if lost is None:
            cells = ["not read yet"] + [""] * (len(KINDS) - 1)
        else:
            cells = [
                cell(score.counts.get(kind), sum(1 for k in lost if k.startswith(kind + ":")))
                for kind in KINDS
            ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


CORPUS = HERE.parent.parent / "shared" / "corpus"


def corpus_table() -> str:
    """Recovery on the real corpus pages whose source spec the corpus ships (no losses declared:
    the figure counts every fact of the spec, carried by the pages or not)."""
    manifest = (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    kinds = ("property", "name", "required", "type", "format", "nullable", "default")
    lines = [
        "| corpus folder (generator) | " + " | ".join(kinds) + " | error diagnostics |",
        "|---|" + "---|" * (len(kinds) + 1),
    ]
    for row in manifest[1:]:
        cells = row.split("\t")
        folder, flavor, spec = cells[0], cells[3], cells[5].split(" ")[0]
        if spec == "-":
            continue
        score = measure(_follow(CORPUS / folder / spec), CORPUS / folder / "docs")
        figures = []
        for kind in kinds:
            ok, total = score.counts.get(kind, [0, 0])
            figures.append(f"{100 * ok / total:.1f}%" if total else "–")
        lines.append(f"| {folder} ({flavor}) | " + " | ".join(figures) + f" | {score.errors} |")
    return "\n".join(lines) + "\n"


def _follow(path: Path) -> Path:
    """The corpus keeps some symlinks as small files holding the relative target."""
    if path.stat().st_size < 512:
        target = path.read_text(encoding="utf-8").strip()
        if target.endswith((".json", ".yaml")):
            return (path.parent / target).resolve()
    return path


DOCS = HERE.parent / "docs" / "recovery.md"
BEGIN, END = "<!-- table: begin -->\n", "<!-- table: end -->\n"


CORPUS_BEGIN, CORPUS_END = "<!-- corpus: begin -->\n", "<!-- corpus: end -->\n"
README = HERE.parent / "README.md"
SUMMARY_BEGIN, SUMMARY_END = "<!-- recovery: begin -->\n", "<!-- recovery: end -->\n"


def summary() -> str:
    """One row per generator (its newest release): recovered of what the pages carry, and how
    many facts the pages lose in all; for the README."""
    newest: dict[str, tuple[tuple[int, ...], str, Score, dict[str, str] | None]] = {}
    for name, score, lost in rows():
        generator, version = name.split("@")
        key = tuple(int(part) for part in version.split("."))
        if generator not in newest or key > newest[generator][0]:
            newest[generator] = (key, name, score, lost)
    lines = [
        "| pages | facts recovered of those the pages carry | facts the pages lose |",
        "|---|---|---|",
    ]
    for generator in sorted(newest):
        _, name, score, lost = newest[generator]
        total = sum(counts[1] for counts in score.counts.values())
        ok = sum(counts[0] for counts in score.counts.values())
        lost_count = len(lost or {})
        carried = total - lost_count
        cell = "not read yet" if lost is None else f"{ok}/{carried} ({100 * ok / carried:.0f}%)"
        lines.append(f"| {name} | {cell} | {lost_count} of {total} |")
    return "\n".join(lines) + "\n"


def _replace(text: str, begin: str, end: str, body: str) -> str:
    head, rest = text.split(begin, 1)
    return head + begin + body + end + rest.split(end, 1)[1]


def write_docs() -> None:
    """Replace the tables in docs/recovery.md with the current measurements (the corpus one only
    where ../shared/corpus is present)."""
    text = _replace(DOCS.read_text(encoding="utf-8"), BEGIN, END, table())
    if CORPUS.is_dir():
        text = _replace(text, CORPUS_BEGIN, CORPUS_END, corpus_table())
    DOCS.write_text(text, encoding="utf-8")
    readme = _replace(README.read_text(encoding="utf-8"), SUMMARY_BEGIN, SUMMARY_END, summary())
    README.write_text(readme, encoding="utf-8")


def main(argv: list[str]) -> int:
    if not argv:
        sys.stdout.write(table())
        return 0
    if argv == ["--docs"]:
        write_docs()
        return 0
    if argv == ["--corpus"]:
        sys.stdout.write(corpus_table())
        return 0
    for spec, folder in folders():
        if folder.name in argv:
            score = measure(spec, folder)
            lost = losses(folder) or {}
            for kind in KINDS:
                count = sum(1 for k in lost if k.startswith(kind + ":"))
                print(f"{kind:12} {cell(score.counts.get(kind), count)}")
            print(f"errors       {score.errors}")
            for miss, detail in score.misses.items():
                mark = "lost " if miss in lost else "MISS "
                print(f"{mark} {miss}  {detail}")
            for extra in sorted(set(lost) - set(score.misses)):
                print(f"RECOVERED but declared lost: {extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

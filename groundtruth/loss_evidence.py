#!/usr/bin/env python3
"""Each loss declared for our catalog (groundtruth/losses/catalog/*.toml), checked against the
page: is the evidence the fact would need absent from it?

    python groundtruth/loss_evidence.py            # the summary, and what is not confirmed
    python groundtruth/loss_evidence.py --write    # also groundtruth/losses/unconfirmed.tsv

A declared loss is confirmed when the page shows it does not carry the fact:

- **the same rendering stands for two values** of the fact in the folder (groundtruth/real/
  carried.py, the test the real sample uses): ``**Double**`` written for a float and a double
  carries neither format; the catalog holds such pairs on purpose; for a type, also with model
  names aside (php-symfony writes a Pet and a list of Tags alike, as ``Pet`` and ``Tag``);
- **the page says nothing of it**, read from the row or the page: no ``default`` on the row (a
  default lost), no Notes cell (required lost), no spelling of null on the row (nullable lost),
  a union's page that names none of its members (variants lost) or never says "discriminator";
- or carried.py's own verdicts: no row for the property, a name cell that is not the key, enum
  values not written on the page.

What none of these confirms is listed in unconfirmed.tsv with its reason, and
tests/test_loss_evidence.py holds that list current on a slice of the folders: a new loss must be
confirmed by its page or land in the list, where a reviewer sees it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from groundtruth.expected import load_spec
from groundtruth.measure import norm
from groundtruth.real import carried
from groundtruth.real.facts import spec_facts
from groundtruth.real.measure import _cli

LOSSES = HERE / "losses" / "catalog"
PAGES = HERE / "pages" / "catalog"
UNCONFIRMED = HERE / "losses" / "unconfirmed.tsv"
# How pages spell null on a row: a marker of nullability, or Rust's Option, Python's Optional...
# "[default to null]" is how bash, markdown and swagger-codegen say "no default", not null.
_NULL_SPELLINGS = re.compile(r"null|nil\b|none\b|option<|optional\[|\?", re.IGNORECASE)
_NO_DEFAULT_NOTE = re.compile(r"\[default to null\]", re.IGNORECASE)
_REF = re.compile(r"ref:[^<>,|\s]+")


@dataclass(frozen=True)
class Audit:
    """One folder's declared losses: key -> how the page confirms it ("" where it does not),
    and key -> its declared reason."""

    confirmed: dict[str, str]
    reasons: dict[str, str]

    def unconfirmed(self) -> list[str]:
        return [key for key, how in self.confirmed.items() if not how]


def declared(folder: str) -> dict[str, str]:
    loss_file = LOSSES / f"{folder}.toml"
    if not loss_file.is_file():
        return {}
    lost: dict[str, str] = tomllib.loads(loss_file.read_text(encoding="utf-8"))["lost"]
    return lost


def audit(folder: str, lost: dict[str, str] | None = None) -> Audit:
    """``lost``: the losses to check (default: the folder's loss file)."""
    lost = declared(folder) if lost is None else lost
    spec = load_spec(HERE / "specs" / "catalog.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        code, out, _, _ = _cli(["ir", str(PAGES / folder)], Path(tmp))
        ir: dict[str, Any] = json.loads(out) if code == 0 else {"models": []}
        base = carried.project_of(PAGES / folder)
        found = carried.folder(spec, spec_facts(spec), ir, base)
        rows, pages = carried.page_rows(ir, base)
        texts = {name: _read(path) for name, path in pages.items()}
    verdict = carried.judge({key: "" for key in lost}, found, carried.pool([found]))
    shapes = _type_shapes(found, rows)
    confirmed = {}
    for key in lost:
        if _said_elsewhere(key, rows, texts):
            confirmed[key] = ""  # whatever the row shows, the page says it below
            continue
        how = verdict.declared.get(key, "")
        if not how:
            how = _on_the_page(key, rows, texts, spec)
        if not how and key.startswith("type: "):
            shape = _row_shape(key, rows)
            values = shapes.get(shape, set()) if shape is not None else set()
            if len(values) > 1:
                shown = ", ".join(sorted(values)[:3])
                how = f"'{shape}', model names aside, is written for {shown}"
        confirmed[key] = how
    return Audit(confirmed, lost)


def _said_elsewhere(key: str, rows: dict[str, dict[str, carried.PageRow]],
                    texts: dict[str, str]) -> bool:
    """Whether the page, beyond the row, names the property with null: go's ``SetTagsNil``
    method says a property is nullable whatever its row shows."""
    kind, model, wire = _parts(key)
    row = _row(rows, model, wire)
    if kind != "nullable" or row is None:
        return False
    name = carried._BOLD.sub("", row.name).strip()
    body = "\n".join(line for line in texts.get(norm(model), "").splitlines()
                     if "|" not in line)
    return bool(name) and re.search(rf"{re.escape(name)}(?:nil|null)", body, re.IGNORECASE) is not None


def _row_shape(key: str, rows: dict[str, dict[str, carried.PageRow]]) -> str | None:
    """The row's Type cell with the models it names blanked (carried._shape)."""
    _, model, wire = _parts(key)
    row = _row(rows, model, wire)
    return None if row is None else carried._shape(row.type, row.models, row.prop)


def _parts(key: str) -> tuple[str, str, str]:
    """``"type: Pet.tags"`` -> ("type", "Pet", "tags"); a model's own fact has no property."""
    kind, _, where = key.partition(": ")
    model, _, wire = where.partition(".")
    return kind, model, wire


def _row(rows: dict[str, dict[str, carried.PageRow]], model: str, wire: str
         ) -> carried.PageRow | None:
    return (rows.get(norm(model)) or {}).get(norm(wire))


def _type_shapes(found: carried.Folder, rows: dict[str, dict[str, carried.PageRow]]
                 ) -> dict[str, set[str]]:
    """Type cell shape -> the types, model names aside, it is written for in the folder: a
    template that writes a list of Pets as Pet writes a list of Tags as Tag."""
    shapes: dict[str, set[str]] = {}
    for fact in found.facts:
        if fact.kind == "type":
            shape = _row_shape(fact.key, rows)
            if shape is not None:
                shapes.setdefault(shape, set()).add(_REF.sub("ref:_", fact.value))
    return shapes


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _on_the_page(key: str, rows: dict[str, dict[str, carried.PageRow]],
                 texts: dict[str, str], spec: dict[str, Any]) -> str:
    """How the page shows it lacks the fact ``key`` names, or ""."""
    kind, model, wire = _parts(key)
    if kind in ("variants", "discriminator"):
        text = _body(texts.get(norm(model), ""))
        if kind == "discriminator":
            return "" if "discriminator" in text.lower() else "the page never says discriminator"
        schema = ((spec.get("components") or {}).get("schemas") or {}).get(model) or {}
        members = [m["$ref"].rsplit("/", 1)[-1] for m in schema.get("oneOf", []) if "$ref" in m]
        if any(re.search(rf"\b{re.escape(m)}\b", text) for m in members):
            return ""
        return "the page names none of the member types"
    row = _row(rows, model, wire)
    if row is None:
        return ""
    if kind == "default":
        notes = _NO_DEFAULT_NOTE.sub("", row.notes)
        return "" if "default" in notes.lower() else "the row writes no default"
    if kind == "required" and not row.notes:
        return "the table has no Notes cell"
    if kind == "nullable":
        said = _NO_DEFAULT_NOTE.sub("", f"{row.type} {row.notes}")
        return "" if _NULL_SPELLINGS.search(said) else "the row spells no null"
    return ""


def _body(text: str) -> str:
    """The page less its title line (which names the model itself)."""
    return text.split("\n", 1)[1] if "\n" in text else ""


def folders() -> list[str]:
    return sorted(p.stem for p in LOSSES.glob("*.toml"))


def unconfirmed_rows(audits: dict[str, Audit]) -> list[tuple[str, str, str]]:
    return [(folder, key, a.reasons[key]) for folder, a in sorted(audits.items())
            for key in a.unconfirmed()]


def read_unconfirmed() -> set[tuple[str, str]]:
    if not UNCONFIRMED.is_file():
        return set()
    lines = UNCONFIRMED.read_text(encoding="utf-8").splitlines()[1:]
    return {(cells[0], cells[1]) for cells in (line.split("\t") for line in lines) if cells[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write losses/unconfirmed.tsv")
    args = parser.parse_args(argv)
    audits = {folder: audit(folder) for folder in folders()}
    total = sum(len(a.confirmed) for a in audits.values())
    rows = unconfirmed_rows(audits)
    print(f"{total - len(rows)} of {total} declared losses confirmed by their pages")
    for (kind, reason), count in Counter(
        (key.split(":")[0], reason) for _, key, reason in rows
    ).most_common():
        print(f"{count:5} {kind}: {reason}")
    if args.write:
        UNCONFIRMED.write_text(
            "folder\tloss\treason\n" + "".join(f"{f}\t{k}\t{r}\n" for f, k, r in rows),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

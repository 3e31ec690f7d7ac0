#!/usr/bin/env python3
"""How much of each ground-truth spec docmodels recovers from each generator's pages.

    python groundtruth/measure.py            # the table, as Markdown
    python groundtruth/measure.py go@7.26.0  # one folder, with every fact it missed

Facts, per property of every object model in the spec: the property is there (``property``), its
wire name is exact (``name``), ``required``, structural ``type`` (items and map values
recursively, reference targets), ``format`` (where the spec gives one), ``nullable``, inline
``enum`` values, ``default`` and ``read_only``; and each enum model's values (``enum model``).
"""

from __future__ import annotations

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

from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Field,
    MapOf,
    ModelKind,
    Primitive,
    Reference,
    TypeExpr,
)
from docmodels.load import load

from groundtruth.expected import NO_DEFAULT, Expected, enum_models, load_spec, models

KINDS = ("property", "name", "required", "type", "format", "nullable", "enum", "default",
         "read_only", "enum model")


def norm(name: str) -> str:
    name = re.sub(r"_t$", "", name)
    return re.sub(r"[^a-z0-9]", "", name.lower())


def structural(type_expr: TypeExpr) -> str:
    if isinstance(type_expr, Primitive):
        return type_expr.kind.value
    if isinstance(type_expr, ArrayOf):
        return ("set" if type_expr.unique_items else "array") + f"<{structural(type_expr.items)}>"
    if isinstance(type_expr, MapOf):
        return f"map<{structural(type_expr.values)}>"
    if isinstance(type_expr, AnyValue):
        return "any"
    return "ref:" + type_expr.name


def _same_type(expected: str, got: str) -> bool:
    def canon(text: str) -> str:
        return re.sub(r"ref:([A-Za-z0-9_]+)", lambda m: "ref:" + norm(m.group(1)), text)
    return canon(expected) == canon(got)


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


def _match(wire: str, fields: dict[str, Field]) -> Field | None:
    if wire in fields:
        return fields[wire]
    wanted = norm(wire)
    for name, candidate in fields.items():
        if norm(name) == wanted or norm(candidate.name) == wanted:
            return candidate
    return None


def measure(spec_path: Path, folder: Path) -> Score:
    spec = load_spec(spec_path)
    model_set, diagnostics = load([folder], folder)
    score = Score(errors=sum(1 for d in diagnostics if d.severity.value == "error"))
    got = {norm(m.name): m for m in model_set.models}
    # Some SDKs prefix every model name (the ory .NET SDK's ClientIdentity for Identity).
    prefix = os.path.commonprefix([norm(m.name) for m in model_set.models])
    if len(model_set.models) > 1 and prefix:
        got.update({name[len(prefix):]: m for name, m in got.items() if name[len(prefix):]})
    enums = {
        name: tuple(v.value for v in m.enum_values)
        for name, m in got.items()
        if m.kind is ModelKind.ENUM
    }
    for model_name, props in models(spec).items():
        model = got.get(norm(model_name))
        fields = {f.wire_name: f for f in model.fields} if model else {}
        for wire, facts in props.items():
            where = f"{model_name}.{wire}"
            found = _match(wire, fields)
            score.add("property", found is not None, where)
            if found is None:
                continue
            _compare(score, where, wire, facts, found, enums)
    for model_name, values in enum_models(spec).items():
        model = got.get(norm(model_name))
        recovered = (
            tuple(v.value for v in model.enum_values)
            if model and model.kind is ModelKind.ENUM else ()
        )
        score.add("enum model", recovered == values, model_name, f"{recovered!r}")
    return score


def _compare(
    score: Score,
    where: str,
    wire: str,
    facts: Expected,
    found: Field,
    enums: dict[str, tuple[Any, ...]],
) -> None:
    score.add("name", found.wire_name == wire, where, f"got {found.wire_name!r}")
    score.add("required", found.required == facts.required, where, f"got {found.required}")
    got_type = structural(found.type)
    score.add("type", _same_type(facts.type, got_type), where, f"{facts.type} got {got_type}")
    if facts.format:
        got_format = found.type.format if isinstance(found.type, Primitive) else None
        score.add("format", got_format == facts.format, where, f"{facts.format} got {got_format}")
    score.add("nullable", bool(found.nullable) == facts.nullable, where, f"got {found.nullable}")
    if facts.enum is not None:
        got_enum = found.enum_values
        if got_enum is None and isinstance(found.type, Reference):
            got_enum = enums.get(norm(found.type.name))  # some dialects make it a model
        score.add("enum", got_enum == facts.enum, where, f"{facts.enum!r} got {got_enum!r}")
    got_default: Any = found.default.value if found.default else NO_DEFAULT
    if facts.default is not NO_DEFAULT or got_default is not NO_DEFAULT:
        score.add("default", got_default == facts.default, where,
                  f"{facts.default!r} got {got_default!r}")
    if facts.read_only:
        score.add("read_only", found.read_only, where)


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

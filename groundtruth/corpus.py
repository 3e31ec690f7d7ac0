#!/usr/bin/env python3
"""What a user meets on each real SDK docs folder of ../shared/corpus, as shipped: does it
generate, how many pages are read into models, left out or skipped, how many properties are read
as any value, and in which dialect.

    python groundtruth/corpus.py          # the table, as Markdown
    python groundtruth/corpus.py --docs   # write it into docs/recovery.md
"""

from __future__ import annotations

import collections
import os
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from docmodels.diagnostics import Diagnostic, Severity
from docmodels.ir import ModelSet
from docmodels.load import load

# ../shared/corpus beside the repository, or where DOCMODELS_CORPUS says (as for the tests).
CORPUS = Path(os.environ.get("DOCMODELS_CORPUS") or HERE.parent.parent / "shared" / "corpus")
RECOVERY = HERE.parent / "docs" / "recovery.md"
BEGIN, END = "<!-- shipped: begin -->\n", "<!-- shipped: end -->\n"


@dataclass(frozen=True, slots=True)
class Shipped:
    """One folder as a user meets it."""

    folder: str
    generator: str
    pages: int
    models: int
    left_out: int
    skipped: int
    as_any: int  # properties read as any value
    losses: int
    errors: int
    dialects: str  # the dialects its models were read in, most first

    @property
    def generates(self) -> bool:
        return self.errors == 0


def folders() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if (p / "docs").is_dir())


def generators() -> dict[str, str]:
    """Each folder's generator and release, as MANIFEST.tsv names them."""
    rows = (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {cells[0]: cells[3].split(";")[0] for cells in (row.split("\t") for row in rows)}


def shipped(folder: str, model_set: ModelSet, diagnostics: list[Diagnostic]) -> Shipped:
    count = collections.Counter(m.dialect for m in model_set.models if m.dialect != "generic")
    return Shipped(
        folder=folder,
        generator=generators().get(folder, "?"),
        pages=len(list((CORPUS / folder / "docs").rglob("*.md"))),
        models=len(model_set.models),
        left_out=len(model_set.left_out),
        skipped=len(model_set.skipped),
        as_any=sum(1 for m in model_set.models for f in m.fields if f.unread is not None),
        losses=sum(1 for d in diagnostics if d.loss),
        errors=sum(1 for d in diagnostics if d.severity is Severity.ERROR),
        dialects=", ".join(name for name, _ in count.most_common()),
    )


def read(folder: str) -> tuple[ModelSet, list[Diagnostic]]:
    return load([CORPUS / folder / "docs"], CORPUS)


def table(rows: list[Shipped]) -> str:
    lines = [
        ("| folder | generator | generates | pages → models | left out | skipped | "
        "properties read as any | losses | read as |"),
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.folder} | {r.generator} | {'yes' if r.generates else 'no'} | "
            f"{r.pages} → {r.models} | {r.left_out} | {r.skipped} | {r.as_any} | {r.losses} | "
            f"{r.dialects or '–'} |"
        )
    generating = sum(r.generates for r in rows)
    clean = sum(r.generates and not r.losses for r in rows)
    lines.append("")
    lines.append(
        f"{generating} of {len(rows)} folders generate; {clean} read without a single loss; "
        f"{sum(r.models for r in rows):,} of {sum(r.pages for r in rows):,} pages read into models."
    )
    return "\n".join(lines) + "\n"


def write_docs(text: str) -> None:
    current = RECOVERY.read_text(encoding="utf-8")
    start, end = current.index(BEGIN) + len(BEGIN), current.index(END)
    RECOVERY.write_text(current[:start] + text + current[end:], encoding="utf-8")


def main(argv: list[str]) -> int:
    text = table([shipped(f, *read(f)) for f in folders()])
    if "--docs" in argv:
        write_docs(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

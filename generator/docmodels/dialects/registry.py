"""The dialects docmodels knows, and choosing one for a page."""

from __future__ import annotations

from collections.abc import Sequence

from docmodels.dialects.base import Dialect, TypeSyntaxError
from docmodels.dialects.python import PYTHON
from docmodels.dialects.rust import RUST
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell

DIALECTS: tuple[Dialect, ...] = (PYTHON, RUST)

# Used for pages that carry no type at all (an enum page, an empty table): nothing to interpret.
GENERIC = "generic"


def by_name(name: str) -> Dialect | None:
    for dialect in DIALECTS:
        if dialect.name == name:
            return dialect
    return None


def names() -> tuple[str, ...]:
    return tuple(dialect.name for dialect in DIALECTS)


def detect(type_cells: Sequence[TypeCell], page: Page | None = None) -> Dialect | None:
    """The dialect whose grammar reads the most cells in its own vocabulary.

    A cell that only names a model reads the same in every dialect and counts for none; a cell a
    dialect cannot read counts against it; the page's shape adds what each dialect sees in it.
    None when nothing is evidence for any dialect. Ties go to the dialect listed first.
    """
    best: Dialect | None = None
    best_score = 0
    for dialect in DIALECTS:
        score = dialect.page_evidence(page) if page is not None else 0
        for cell in type_cells:
            try:
                parsed = dialect.parse_type(cell)
            except TypeSyntaxError:
                score -= 1
                continue
            if parsed.native_names:
                score += 1
        if score > best_score:
            best, best_score = dialect, score
    return best

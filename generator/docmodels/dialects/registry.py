"""The dialects docmodels knows, and choosing one for a page."""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Sequence
from itertools import repeat
from operator import itemgetter

import docmodels.dialects
from docmodels.dialects.base import Dialect, TypeSyntaxError, TypeTooDeep
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell
from docmodels.reading import Evidence

# Modules of this package that are not dialects.
_NOT_DIALECTS = frozenset({"base", "registry"})
# Detection breaks ties in favour of the dialect listed first: these, then the rest by name.
_FIRST = ("python", "rust")


def _discover() -> tuple[Dialect, ...]:
    """Every dialect module's ``DIALECTS``: a new dialect is a new module, nothing else."""
    modules = sorted(
        (info.name for info in pkgutil.iter_modules(docmodels.dialects.__path__)),
        key=lambda name: (name not in _FIRST, _FIRST.index(name) if name in _FIRST else 0, name),
    )
    found: list[Dialect] = []
    for name in modules:
        if name in _NOT_DIALECTS or name.startswith("_"):
            continue
        module = importlib.import_module(f"docmodels.dialects.{name}")
        found.extend(getattr(module, "DIALECTS", ()))
    return tuple(found)


DIALECTS: tuple[Dialect, ...] = _discover()
# The dialects detection weighs: not the fallbacks (dialects.universal), which read any page
# and are chosen only where no dialect reads a folder, or by name.
DETECTABLE: tuple[Dialect, ...] = tuple(d for d in DIALECTS if not getattr(d, "fallback", False))
FALLBACKS: tuple[Dialect, ...] = tuple(d for d in DIALECTS if getattr(d, "fallback", False))

# Used for pages that carry no type at all (an enum page, an empty table): nothing to interpret.
GENERIC = "generic"


def by_name(name: str) -> Dialect | None:
    for dialect in DIALECTS:
        if dialect.name == name:
            return dialect
    return None


def names() -> tuple[str, ...]:
    return tuple(dialect.name for dialect in DIALECTS)


def evidence(type_cells: Sequence[TypeCell], page: Page | None = None) -> Evidence:
    """What the page's shape and type cells say for each dialect.

    A cell that only names a model reads the same in every dialect and counts for none; a cell a
    dialect cannot read counts against it; the page's shape adds what each dialect sees in it."""
    scores = [dialect.page_evidence(page) if page is not None else 0 for dialect in DIALECTS]
    unread = [0] * len(DIALECTS)
    for cell in type_cells:
        for index, found in enumerate(_cell_evidence(cell)):
            scores[index] += found
            unread[index] += found < 0
    return tuple(zip(scores, unread, strict=True))


# A page's shape can veto a dialect (a Rust page wraps every optional type in Option<>): for one
# page that is decisive; in a folder, one odd page must not outweigh hundreds of others.
_PAGE_FLOOR = -10


def combined(evidences: Sequence[Evidence]) -> Evidence:
    """The evidence of many pages together (one folder's, which one generator wrote)."""
    # (A page that is not a model page has no evidence.)
    pages = [found for found in evidences if len(found) == len(DIALECTS)]
    if not pages:
        return tuple((0, 0) for _ in DIALECTS)
    # Summed a dialect at a time, by loops in C: a folder of thousands of pages, 30 dialects.
    return tuple(
        (sum(map(max, map(_SCORE, column), repeat(_PAGE_FLOOR))), sum(map(_MISSED, column)))
        for column in zip(*pages, strict=True)
    )


_SCORE, _MISSED = itemgetter(0), itemgetter(1)


# What a cell a dialect cannot read costs it in a folder, besides the point its score loses:
# ten rows of names other languages share (go 4.3's AWS pages: 333 **string** rows, which php
# counts as its own, and 37 int32 and float64 cells only go reads). At 3, php won that folder.
_FOLDER_MISS = 10


def best_for_folder(found: Evidence) -> Dialect | None:
    """The dialect a folder's combined evidence is for: the highest score, each cell it cannot
    read costing more than a page's shape gains (a folder of many small go pages must not read
    as php for its rows' shape), yet not everything (a real folder has a few cells its own
    dialect misses, and a foreign dialect that happens to read all of them must not win on that
    alone). None when no dialect scores above 0. Ties go to the dialect listed first."""
    chosen: Dialect | None = None
    chosen_rank = 0
    for dialect, (score, missed) in zip(DIALECTS, found, strict=False):
        if score <= 0 or is_fallback(dialect):
            continue
        rank = score - _FOLDER_MISS * missed
        if chosen is None or rank > chosen_rank:
            chosen, chosen_rank = dialect, rank
    return chosen


def best(found: Evidence) -> Dialect | None:
    """The dialect the evidence is for: a dialect that reads every cell beats one that cannot
    read some, whatever the shape says (a page's shape is shared by more generators than its type
    spellings are); then the higher score. None when nothing is evidence for any dialect. Ties
    go to the dialect listed first."""
    chosen: Dialect | None = None
    chosen_rank = (0, 0)
    for dialect, (score, missed) in zip(DIALECTS, found, strict=False):
        if score <= 0 or is_fallback(dialect):
            continue
        rank = (-missed, score)
        if chosen is None or rank > chosen_rank:
            chosen, chosen_rank = dialect, rank
    return chosen


def is_fallback(dialect: Dialect) -> bool:
    """A grammar of the spellings many languages share, for folders no dialect reads: never
    chosen by evidence, only where nothing else reads a folder (folders.py)."""
    return bool(getattr(dialect, "fallback", False))


def fallback(found: Evidence, than: int) -> Dialect | None:
    """The fallback grammar that leaves fewer than ``than`` cells of the evidence unread (the
    fewest), if any."""
    chosen: Dialect | None = None
    for dialect, (_, missed) in zip(DIALECTS, found, strict=False):
        if is_fallback(dialect) and missed < than:
            chosen, than = dialect, missed
    return chosen


def detect(type_cells: Sequence[TypeCell], page: Page | None = None) -> Dialect | None:
    """The dialect whose grammar reads the most cells of one page in its own vocabulary
    (``best`` of the page's ``evidence``)."""
    return best(evidence(type_cells, page))


def read_by_none(cell: TypeCell) -> bool:
    """Whether no dialect (the fallback aside) reads the cell: evidence of an unknown generator."""
    return all(
        found < 0
        for dialect, found in zip(DIALECTS, _cell_evidence(cell), strict=True)
        if not is_fallback(dialect)
    )


def index_of(dialect: Dialect) -> int:
    return next(i for i, known in enumerate(DIALECTS) if known.name == dialect.name)


# Cells longer than this are read afresh every time: remembering them could hold megabytes.
_REMEMBERED_CELL = 256


def _cell_evidence(cell: TypeCell) -> tuple[int, ...]:
    """What a cell is evidence for, per dialect: a function of its text and links only (what
    the grammars read), and a big API's pages repeat a few hundred cells thousands of times."""
    if len(cell.text) > _REMEMBERED_CELL:
        return _every_evidence(cell.text, cell.links)
    return _remembered_evidence(cell.text, cell.links)


def _every_evidence(text: str, links: tuple[str, ...]) -> tuple[int, ...]:
    # Cell by cell, each read in every grammar in turn: the tokenizer most of them share then
    # tokenizes a cell once (it remembers the last few), however many cells the page has.
    cell = TypeCell(text, links)
    return tuple(_evidence(dialect, cell) for dialect in DIALECTS)


_remembered_evidence = functools.lru_cache(maxsize=1 << 14)(_every_evidence)


def _evidence(dialect: Dialect, cell: TypeCell) -> int:
    try:
        parsed = dialect.parse_type(cell)
    except TypeTooDeep:
        # The grammar read dozens of levels in its own words before it gave up: the page is
        # this dialect's, and reading it so reports the depth, not a syntax error.
        return 1
    except TypeSyntaxError:
        return -1
    return 1 if parsed.native_names else 0

"""Splitting a table row into cells from its raw source line.

Real pages contain unescaped ``|`` inside descriptions (regular expressions, flattened tables), so
counting pipes is not enough. The cells around the description have known shapes: the name and
type come first, the last cell (Notes) has a grammar of its own. Whatever lies between is the
description.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # stripped of surrounding whitespace
    column: int  # 1-based column of the first non-blank character (of the cell's start if blank)


@dataclass(frozen=True, slots=True)
class _Piece:
    start: int  # 0-based offset of the text after the separator
    raw: str


def _pieces(line: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    start = 0
    i = line.find("|")
    while i >= 0:
        if i == 0 or line[i - 1] != "\\":
            pieces.append(_Piece(start, line[start:i]))
            start = i + 1
        i = line.find("|", i + 1)
    pieces.append(_Piece(start, line[start:]))
    return pieces


def _cell(line: str, pieces: list[_Piece]) -> Cell:
    """One cell made of consecutive pieces, the pipes between them kept as text."""
    start = pieces[0].start
    end = pieces[-1].start + len(pieces[-1].raw)
    raw = line[start:end]
    text = raw.strip()
    # A blank cell has no first character: it is found where it starts, not at the next pipe.
    lead = len(raw) - len(raw.lstrip()) if text else 0
    return Cell(text, start + lead + 1)


def any_last_cell(text: str) -> bool:
    """``split_row``'s ``is_last_cell`` for a row whose last cell may be anything (a header, a
    two-column table): one function, so that split_row's memo knows each such row once (a new
    lambda at each call would be a new key)."""
    return True


# A function of its arguments only, and a page's rows are split by the reader and again by the
# dialects whose page shape is evidence (rust, go...): once is enough.
@functools.lru_cache(maxsize=4096)
def split_row(
    line: str,
    columns: int,
    outer_pipes: bool,
    is_last_cell: Callable[[str], bool],
) -> tuple[Cell, ...] | None:
    """The row's cells, ``columns`` of them, or None when the row cannot have that shape.

    ``outer_pipes`` says whether the table draws borders (read from its header): without them a
    trailing ``|`` separates an empty last cell and is not a border.
    """
    if "\\" not in line:
        simple = _simple_row(line, columns, outer_pipes)
        if simple is not None:
            return simple
    pieces = _pieces(line)
    if outer_pipes:
        if len(pieces) > 1 and not pieces[0].raw.strip():
            pieces = pieces[1:]
        if len(pieces) > 1 and not pieces[-1].raw.strip():
            pieces = pieces[:-1]
    if len(pieces) == columns:
        return tuple(_cell(line, [piece]) for piece in pieces)
    if len(pieces) < columns or columns < 3:
        return None
    # Too many pieces: pipes inside the description (or inside the last cell). Take the shortest
    # tail that is a well-formed last cell and give everything between to the description.
    head = [_cell(line, [piece]) for piece in pieces[: columns - 2]]
    for taken in range(1, len(pieces) - columns + 2):
        tail = pieces[len(pieces) - taken :]
        last = _cell(line, tail)
        if is_last_cell(last.text):
            middle = _cell(line, pieces[columns - 2 : len(pieces) - taken])
            return (*head, middle, last)
    return None


def _simple_row(line: str, columns: int, outer_pipes: bool) -> tuple[Cell, ...] | None:
    """``split_row`` for a row with no backslash (so no escaped pipe: every pipe separates)
    whose pipes make exactly ``columns`` cells, as most rows are; None for any other row. The
    same cells, without a piece object per cell: a page's rows are split by the reader and by
    several dialects' evidence, and this was a fifth of reading a page."""
    raws = line.split("|")
    starts = [0] * len(raws)
    offset = 0
    for index, raw in enumerate(raws):
        starts[index] = offset
        offset += len(raw) + 1
    first, end = 0, len(raws)
    if outer_pipes:
        if end - first > 1 and not raws[first].strip():
            first += 1
        if end - first > 1 and not raws[end - 1].strip():
            end -= 1
    if end - first != columns:
        return None
    cells = []
    for index in range(first, end):
        raw = raws[index]
        text = raw.strip()
        lead = len(raw) - len(raw.lstrip()) if text else 0
        cells.append(Cell(text, starts[index] + lead + 1))
    return tuple(cells)


def first_cells(line: str, outer_pipes: bool) -> list[Cell]:
    """The row's cells as its pipes split them, for a row ``split_row`` cannot shape: its first
    cell still names the property."""
    pieces = _pieces(line)
    if outer_pipes and len(pieces) > 1 and not pieces[0].raw.strip():
        pieces = pieces[1:]
    if outer_pipes and len(pieces) > 1 and not pieces[-1].raw.strip():
        pieces = pieces[:-1]
    return [_cell(line, [piece]) for piece in pieces]

"""The structure of python 6.x's model pages (openapi-generator's ``python`` at 6.0–6.6, the
former python-experimental): a "## Model Type Info" table instead of a property table.

A page describes one schema under its title, and each inline schema it uses (a property's
items, an inline object, an allOf part) under a heading of its own (``# tags``) with its own
"## Model Type Info"; the rows that use one link to it (``**[tags](#tags)**``). Inline
schemas are written depth first, each followed by its own inline schemas, so the names (many
are ``all_of_1`` or ``items``) are told apart by where they stand, not by what they say.

Under each "## Model Type Info" heading: its one-row table (Input Type | Accessed Type |
Description | Notes), then "### Dictionary Keys" (an object's properties), "### Tuple Items"
(an array's items) or "### Composed Schemas" with a table per "#### allOf", "#### oneOf"...
This module reads that structure; the type spellings and notes are the dialect's
(dialects/python6.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docmodels.limits import MAX_TYPE_DEPTH
from docmodels.page.cells import Cell, split_row
from docmodels.page.structure import Line, Page, Section, Table
from docmodels.page.text import unescape

INFO = "model type info"
KEYS = "dictionary keys"
ITEMS = "tuple items"
COMPOSITIONS = ("allof", "oneof", "anyof", "not")


@dataclass(frozen=True, slots=True)
class Row:
    """A row of a Dictionary Keys, Tuple Items or composition table (Key or Class Name | Input
    Type | Accessed Type | Description | Notes), or the one row of a Model Type Info table
    (which has no first cell: ``name`` is then empty)."""

    line: Line
    name: Cell
    input_type: Cell
    description: Cell
    notes: Cell

    @property
    def anchor(self) -> str | None:
        """The inline schema the row's name links to (``[all_of_1](#all_of_1)``), if any."""
        for cell in (self.name, self.input_type):
            start = cell.text.find("](#")
            if start >= 0:
                end = cell.text.find(")", start)
                if end > start:
                    return unescape(cell.text[start + 3 : end]).strip()
        return None


@dataclass(frozen=True, slots=True)
class Block:
    """One schema of the page: its name (the title's, or its heading's), where it starts, its
    description, its Model Type Info row, its tables' rows, and the inline schemas its rows
    link to, by the anchor they link with."""

    name: str
    line: int
    description: str
    info: Row | None
    keys: tuple[Row, ...] = ()
    items: tuple[Row, ...] = ()
    # ("allof", rows), ("oneof", rows)...: in the order the page writes them.
    composed: tuple[tuple[str, tuple[Row, ...]], ...] = ()
    children: tuple[tuple[str, Block], ...] = ()
    # What the layout does not read, (line, what), for a diagnostic: a table under a heading
    # it does not know, a row whose cells cannot be told apart.
    unknown: tuple[tuple[int, str], ...] = ()

    def child(self, anchor: str) -> Block | None:
        for name, block in self.children:
            if name == anchor:
                return block
        wanted = anchor.lower()
        return next((block for name, block in self.children if name.lower() == wanted), None)

    def composition(self, kind: str) -> tuple[Row, ...]:
        return tuple(row for found, rows in self.composed if found == kind for row in rows)


def is_type_info_page(page: Page) -> bool:
    """Whether the page is in this layout: its first section is "## Model Type Info"."""
    return bool(page.sections) and page.sections[0].title.strip().lower() == INFO


def read_blocks(page: Page) -> Block | None:
    """The page's own schema with its inline schemas nested under it; None where the page is
    not in this layout."""
    if not is_type_info_page(page) or page.title is None:
        return None
    flat: list[Block] = []
    heading: Section | None = None  # the "# name" section over the next Model Type Info
    for section in page.sections:
        if section.title.strip().lower() != INFO:
            heading = section
            continue
        if not flat:
            name, line, description = page.title.text, page.title.line, page.description
        elif heading is not None:
            name, line = heading.title, heading.line
            description = "\n\n".join(p.text for p in heading.paragraphs)
        else:  # two Model Type Info sections in a row: an inline schema without a name
            name, line, description = "", section.line, ""
        flat.append(_block(unescape(name).strip(), line, description, section))
        heading = None
    block, following = _nest(flat, 0, 0)
    if following < len(flat):
        # A schema no row links to where it stands, or nested past the limit: what it says is
        # not read.
        stray = flat[following]
        what = (
            f"the inline schema '{stray.name}' (and {len(flat) - following - 1} after it), "
            "which no row links to where it stands or which is nested too deep,"
        )
        block = replace(block, unknown=(*block.unknown, (stray.line, what)))
    return block


def _nest(flat: list[Block], index: int, depth: int) -> tuple[Block, int]:
    """The block at ``index`` with the blocks after it that its rows link to (each with its
    own, depth first), and the index after the last one taken."""
    block = flat[index]
    wanted = [a for row in (*block.keys, *block.items, *_composed(block)) if (a := row.anchor)]
    children: list[tuple[str, Block]] = []
    following = index + 1
    while following < len(flat) and depth < MAX_TYPE_DEPTH:
        name = flat[following].name
        match = next((a for a in wanted if a == name), None) or next(
            (a for a in wanted if a.lower() == name.lower()), None
        )
        if match is None:
            break
        wanted.remove(match)
        child, following = _nest(flat, following, depth + 1)
        children.append((match, child))
    return Block(
        block.name, block.line, block.description, block.info, block.keys, block.items,
        block.composed, tuple(children), block.unknown,
    ), following


def _composed(block: Block) -> tuple[Row, ...]:
    return tuple(row for _, rows in block.composed for row in rows)


def _block(name: str, line: int, description: str, section: Section) -> Block:
    info: Row | None = None
    keys: list[Row] = []
    items: list[Row] = []
    composed: list[tuple[str, tuple[Row, ...]]] = []
    unknown: list[tuple[int, str]] = []
    for table in section.tables:
        above = [h for h in section.headings if h.number < table.header.number]
        title = above[-1].text.strip() if above else ""
        kind = title.lower()
        if not title:
            rows = _rows(table, 4, unknown)
            info = rows[0] if rows else None
        elif kind == KEYS:
            keys.extend(_rows(table, 5, unknown))
        elif kind == ITEMS:
            items.extend(_rows(table, 5, unknown))
        elif kind in COMPOSITIONS:
            composed.append((kind, tuple(_rows(table, 5, unknown))))
        else:
            unknown.append((table.header.number, f"a table under '{title}'"))
    return Block(name, line, description, info, tuple(keys), tuple(items), tuple(composed),
                 unknown=tuple(unknown))


def _rows(table: Table, count: int, unknown: list[tuple[int, str]]) -> list[Row]:
    rows: list[Row] = []
    for line in table.rows:
        cells = split_row(line.text, count, table.outer_pipes, _is_notes)
        if cells is None:
            unknown.append((line.number, f"a row whose {count} cells cannot be told apart"))
            continue
        if count == 4:
            cells = (Cell("", cells[0].column), *cells)
        rows.append(Row(line, cells[0], cells[1], cells[3], cells[4]))
    return rows


# What a Notes cell of this layout starts with, when it is not empty.
_NOTES_START = ("[optional]", "must be one of", "if omitted", "value must")


def _is_notes(text: str) -> bool:
    """Whether the text can be a whole Notes cell: a row's description may hold pipes."""
    return not text or text.startswith(_NOTES_START)

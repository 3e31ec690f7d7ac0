"""Which pages of a docs folder are model pages.

An SDK's docs folder as shipped holds more than model pages: API pages (not always named
``*Api.md``: ``Client.md``, ``AdminMember.md``, ``*_API.md``), hand-written guides
(``logging.md``), READMEs. They are told apart by their structure, not their names: a model page
has a property table, or lists enum values or a oneOf's members; an API page has a table of HTTP
requests. What is no model page is skipped, and counted, never an error.
"""

from __future__ import annotations

import re

from docmodels.page.structure import Line, Page, Table

# A property table's header ("Name | Type | Description | Notes", with or without outer pipes
# and bold), and a separator line ("--- | :---: |").
_HEADER = re.compile(r"^\|?\s*\**name\**\s*\|\s*\**type\**\s*(\||$)", re.IGNORECASE)
_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")

# The column an API page's method table has ("Method | HTTP request | Description"), and the
# header of the operations' parameter tables, which look like property tables.
_API_COLUMNS = ("http request",)


def is_api_page(page: Page) -> bool:
    """Whether a table of the page lists HTTP requests: an API page, whatever its name."""
    tables = [*page.preamble_tables, *(t for s in page.sections for t in s.tables)]
    return any(_is_api_table(table) for table in tables)


def _is_api_table(table: Table) -> bool:
    header = table.header.text.lower()
    return any(column in header for column in _API_COLUMNS)


def property_table(page: Page) -> Table | None:
    """The page's property table: the first table of its ``## Properties`` section, else the
    first table between the title and the first section whose header starts with "Name"."""
    section = page.section("Properties")
    if section is not None and section.tables:
        return section.tables[0]
    for table in page.preamble_tables:
        if table.header.text.strip().strip("|").strip().lower().startswith("name"):
            return table
    return None


def enum_section(page: Page) -> bool:
    return page.section("Enum", "Enum Variants") is not None


def not_a_model_page(page: Page) -> str | None:
    """Why the page is no model page, or None where it may be one (it has a property table or an
    enum section; a oneOf page that lists members instead is the dialect's to recognise)."""
    if is_api_page(page):
        return "an API page (a table of HTTP requests)"
    if property_table(page) is not None or enum_section(page):
        return None
    if page.title is None:
        return "no title and no property table"
    return "no property table, enum values or member types"


# Model pages in layouts docmodels does not read: the section each is known by, and what it is.
_UNREAD_LAYOUTS = {
    # python 6.x's pages are read (reader_typeinfo.py) where the section comes first.
    "model type info": "python 6.x's layout ('## Model Type Info') after another section",
}


def unread_layout(page: Page) -> str | None:
    """What a model page in a layout docmodels does not read yet is, or None: such a page is
    left out with a loss (declared), never skipped as no model page. An API page is none:
    python 6.x's describe their parameters in the same tables."""
    if is_api_page(page):
        return None
    for section in page.sections:
        known = _UNREAD_LAYOUTS.get(section.title.strip().lower())
        if known is not None:
            return known
    return None


def unread_table(page: Page) -> tuple[Line, str] | None:
    """A property table Markdown read as a paragraph (its separator line is missing or does not
    match the header's columns), and why; None where the page has none. Such a page would
    otherwise be skipped as no model page, without a word."""
    section = page.section("Properties")
    paragraphs = (*page.preamble_paragraphs, *(section.paragraphs if section else ()))
    for paragraph in paragraphs:
        lines = paragraph.text.split("\n")
        if not _HEADER.match(lines[0].strip()):
            continue
        if len(lines) > 1 and _SEPARATOR.match(lines[1].strip()):
            header, separator = (_cells(line) for line in lines[:2])
            why = (f"its separator line has {separator} cells, its header {header}")
        else:
            why = "it has no separator line (such as '--- | --- | --- | ---') under its header"
        return paragraph, why
    return None


def _cells(line: str) -> int:
    stripped = line.strip()
    stripped = stripped.removeprefix("|")
    stripped = stripped.removesuffix("|")
    return stripped.count("|") + 1

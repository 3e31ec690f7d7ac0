"""Which column of a property table holds what, from the table's header.

Most generators write ``Name | Type | Description | Notes`` (typescript-fetch only ``Name |
Type``); ktorm-schema writes seven columns, ``Name | Mapping | SQL Type | Default | Type |
Description | Notes``, where Mapping is the key the property maps from and Default its default.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docmodels.page.cells import Cell
from docmodels.page.notes import Notes
from docmodels.page.text import unescape


@dataclass(frozen=True, slots=True)
class Columns:
    """The 0-based index of each column a property row has (None: the table has no such column)."""

    labels: tuple[str, ...]  # the header's labels, lower-cased
    name: int
    type: int
    description: int | None = None
    notes: int | None = None
    default: int | None = None
    mapping: int | None = None

    @property
    def count(self) -> int:
        return len(self.labels)

    @property
    def shape(self) -> str:
        """The header as pages write it, for a diagnostic."""
        return " | ".join(label.title() if label != "sql type" else "SQL Type" for label in self.labels)


PROPERTY = Columns(("name", "type", "description", "notes"), 0, 1, 2, 3)
# typescript-fetch writes only names and types: no descriptions, and nothing about requiredness.
SHORT = Columns(("name", "type"), 0, 1)
KTORM = Columns(
    ("name", "mapping", "sql type", "default", "type", "description", "notes"),
    name=0, type=4, description=5, notes=6, default=3, mapping=1,
)
KNOWN = (PROPERTY, SHORT, KTORM)


def with_default(default: Cell | None, notes: Notes) -> Notes:
    """The notes with the Default column's value, where the table has one that states it."""
    text = default.text if default is not None else ""
    if notes.default is not None or not text or text.startswith("`"):  # `----`: none
        return notes
    return replace(notes, default=text)


def mapped_key(mapping: Cell | None) -> str | None:
    """The key a Mapping column names; None for `One-To-Many` (the property is a list, whose
    key the column does not give) or where the table has no such column."""
    text = unescape(mapping.text).strip() if mapping is not None else ""
    return None if not text or text.startswith("`") else text

"""ktorm-schema pages: openapi-generator's ktorm-schema (7.x), a database schema of the models.

Each page is titled ``# Table `Pet``` and followed by ``(mapped from: Pet)``; its table has seven
columns, ``Name | Mapping | SQL Type | Default | Type | Description | Notes`` (docmodels.page.
columns), and relationship tables for the array properties follow under titles of their own
(``# **Table `PetTags`**``), with unbolded names: they are not models of the API. Types are the
kotlin client's (``kotlin.String``, ``kotlin.Array<…>``, ``java.time.LocalDateTime``), the
Mapping column names the key (``size`` for ``propertySize``, ```One-To-Many``` for an array),
and Notes add ``[foreignkey]`` to a property that refers to another table. An inline enum links
to a section the page does not have (``[**size**](#PropertySize)``): its values are lost, its
base type is the SQL Type column's.
"""

from __future__ import annotations

import dataclasses
import re

from docmodels.dialects.base import ParsedType
from docmodels.dialects.kotlin import KotlinDialect
from docmodels.ir import (
    AnyValue,
    EnumValue,
    Field,
    JsonValue,
    KeyCase,
    Primitive,
    PrimitiveKind,
    TypeExpr,
)
from docmodels.page.cells import split_row
from docmodels.page.columns import KTORM
from docmodels.page.kind import property_table
from docmodels.page.notes import Notes, is_notes
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell

_TABLE_TITLE = re.compile(r"^\**Table\s+`([^`]+)`\**$")
_MAPPED_FROM = re.compile(r"\(mapped from: ([^)]*)\)")
# What an inline enum's SQL column type says of its values.
_SQL_KINDS = {
    "text": PrimitiveKind.STRING,
    "int": PrimitiveKind.INTEGER,
    "long": PrimitiveKind.INTEGER,
    "float": PrimitiveKind.NUMBER,
    "double": PrimitiveKind.NUMBER,
    "decimal": PrimitiveKind.NUMBER,
    "boolean": PrimitiveKind.BOOLEAN,
}
_NOT_KTORM = -100
_EVIDENCE = 5  # more than the kotlin client's page shape, whose types these are


class KtormDialect(KotlinDialect):
    name = "ktorm-schema"
    # the Mapping column writes the key (the Name column, camelCase, is Kotlin's)
    names = KeyCase.AS_WRITTEN

    def model_name(self, title: str) -> str:
        match = _TABLE_TITLE.match(title.strip())
        return match.group(1) if match else title.strip()

    def page_model_name(self, page: Page, title: str) -> str:
        # The table may be named otherwise (Owner_address); the class, which references name,
        # is the one it is "mapped from".
        for paragraph in page.description.split("\n\n"):
            mapped = _MAPPED_FROM.fullmatch(paragraph.strip())
            if mapped is not None:
                return mapped.group(1).strip()
        return self.model_name(title)

    def page_description(self, page: Page) -> str:
        # The template writes "(mapped from: Pet)" where others write the schema's description,
        # which it does not write.
        paragraphs = page.description.split("\n\n")
        return "\n\n".join(p for p in paragraphs if not _MAPPED_FROM.fullmatch(p.strip()))

    def parse_default(self, text: str) -> JsonValue:
        # The Default column is empty in every page seen (the spec's defaults are not written
        # there); where it is not, a Kotlin literal, an SQL string ('web') or the bare text.
        try:
            return super().parse_default(text)
        except ValueError:
            stripped = text.strip()
            if len(stripped) >= 2 and stripped[0] == stripped[-1] == "'":
                return stripped[1:-1].replace("''", "'")
            return stripped

    def parse_type(self, cell: TypeCell) -> ParsedType:
        if cell.links and all(link.startswith("#") for link in cell.links):
            # An inline enum whose section the page does not have: finish_model reads its base
            # type from the row's SQL Type column.
            return ParsedType(_INLINE_ENUM, native_names=1)
        return super().parse_type(cell)

    def finish_field(self, field: Field, notes: Notes) -> tuple[Field, frozenset[str]]:
        field, understood = super().finish_field(field, notes)
        # A property that refers to another table: its type already says so.
        return field, understood | {"foreignkey"}

    def finish_model(
        self, page: Page, fields: tuple[Field, ...]
    ) -> tuple[tuple[Field, ...], tuple[EnumValue, ...]]:
        if not any(field.type is _INLINE_ENUM for field in fields):
            return fields, ()
        sql = _sql_types(page)
        return tuple(
            dataclasses.replace(field, type=_sql_type(sql.get(field.location.line, "")))
            if field.type is _INLINE_ENUM
            else field
            for field in fields
        ), ()

    def page_evidence(self, page: Page) -> int:
        title = page.title.text if page.title is not None else ""
        if _TABLE_TITLE.match(title.strip()):
            return _EVIDENCE
        # Every page of this generator with a property table is titled "Table `Name`"; without
        # that title the page is the kotlin client's, whatever its cells read as here. A page
        # without one (an enum's) says nothing either way.
        return _NOT_KTORM if property_table(page) is not None else 0


# A distinct object (the type of a property until finish_model replaces it), not AnyValue().
_INLINE_ENUM = AnyValue()


def _sql_types(page: Page) -> dict[int, str]:
    """The SQL Type cell of each row of the page's property table, by line."""
    section = page.section("Properties")
    if section is None or not section.tables:
        return {}
    table = section.tables[0]
    found: dict[int, str] = {}
    for line in table.rows:
        cells = split_row(line.text, KTORM.count, table.outer_pipes, is_notes)
        if cells is not None:
            found[line.number] = cells[2].text
    return found


def _sql_type(sql: str) -> TypeExpr:
    words = sql.split()
    kind = _SQL_KINDS.get(words[0].lower()) if words else None
    return Primitive(kind) if kind is not None else AnyValue()


KTORM_SCHEMA = KtormDialect()
DIALECTS = (KTORM_SCHEMA,)

"""Kotlin pages: openapi-generator's kotlin client (7.x).

Types are fully qualified: ``kotlin.String``, ``kotlin.Int``, ``kotlin.Long``, ``kotlin.Float``,
``kotlin.Double``, ``kotlin.Boolean``, ``kotlin.ByteArray``, ``kotlin.Any``,
``kotlin.collections.List<…>`` (also ``Set``, ``Map<kotlin.String, …>`` and their ``Mutable``
forms, and ``kotlin.Array<…>``), and the JDK's ``java.time.OffsetDateTime``,
``java.time.LocalDate``, ``java.util.UUID``, ``java.math.BigDecimal``, ``java.io.File``, which the
template links as if they were models. Reserved words are escaped with back-ticks, which the page
HTML-escapes (``**&#x60;in&#x60;**``); names that clash with a map's members get a ``property``
prefix (``propertySize``). An inline enum links to an anchored section whose one row holds all
values, comma-separated: ``| propertySize | small, medium, large |``.
"""

from __future__ import annotations

import dataclasses

from docmodels.dialects.base import ParsedType
from docmodels.dialects.java import (
    BINARY,
    BOOLEAN,
    BYTE,
    DATE,
    DATE_TIME,
    DOUBLE,
    FLOAT,
    INT32,
    INT64,
    NUMBER,
    STRING,
    URI,
    UUID,
    JvmDialect,
)
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Field,
    JsonValue,
    Primitive,
    PrimitiveKind,
    TypeExpr,
    WireNameSource,
)
from docmodels.numeric import is_finite
from docmodels.page.notes import Notes
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell

_SCALARS: dict[str, TypeExpr] = {
    "kotlin.String": STRING,
    "kotlin.Int": INT32,
    "kotlin.Long": INT64,
    "kotlin.Short": Primitive(PrimitiveKind.INTEGER),
    "kotlin.Byte": Primitive(PrimitiveKind.INTEGER),
    "kotlin.Float": FLOAT,
    "kotlin.Double": DOUBLE,
    "kotlin.Boolean": BOOLEAN,
    "kotlin.ByteArray": BYTE,
    "kotlin.Any": AnyValue(),
    "AnyType": AnyValue(),  # 4.x: a schema without a type
    "java.math.BigDecimal": NUMBER,
    "java.time.LocalDate": DATE,
    "java.time.OffsetDateTime": DATE_TIME,
    "java.time.LocalDateTime": DATE_TIME,
    "java.time.Instant": DATE_TIME,
    "kotlinx.datetime.LocalDate": DATE,
    "kotlinx.datetime.Instant": DATE_TIME,
    "java.util.UUID": UUID,
    "java.net.URI": URI,
    "java.io.File": BINARY,
}
_INLINE = "inline"
# Properties the generator renames because a Kotlin map has members of that name.
_MAP_MEMBERS = frozenset({"entries", "keys", "size", "values"})


class KotlinDialect(JvmDialect):
    name = "kotlin"
    links_dates = None  # [**java.time.OffsetDateTime**](java.time.OffsetDateTime.md) on every row
    scalars = _SCALARS
    lists = frozenset({"kotlin.collections.List", "kotlin.collections.MutableList", "kotlin.Array"})
    sets = frozenset({"kotlin.collections.Set", "kotlin.collections.MutableSet"})
    maps = frozenset({"kotlin.collections.Map", "kotlin.collections.MutableMap"})

    def page_evidence(self, page: Page) -> int:
        # The JVM family's title-on-line-1 penalty guards names other languages share (String,
        # Double); kotlin's are qualified (kotlin.Int), no other dialect's: a page whose
        # leading blank line was trimmed is still kotlin's.
        return max(0, super().page_evidence(page))

    def parse_type(self, cell: TypeCell) -> ParsedType:
        if cell.text == _INLINE and any(link.startswith("#") for link in cell.links):
            # [**inline**](#Type): an inline enum, whose section the reader reads; read alone
            # (for detection, or with the section missing) it is a string, in Kotlin's words.
            return ParsedType(STRING, native_names=1)
        return super().parse_type(cell)

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        if len(name) > 2 and name[0] == name[-1] == "`":
            return name[1:-1], WireNameSource.UNMANGLED
        if name.startswith("property") and name[8:].lower() in _MAP_MEMBERS:
            return name[8:].lower(), WireNameSource.UNMANGLED
        return super().wire_name(name)

    def finish_field(self, field: Field, notes: Notes) -> tuple[Field, frozenset[str]]:
        values = field.enum_values
        if values is None or len(values) != 1 or not isinstance(values[0], str):
            return field, frozenset()
        # The section's one row lists every value in one cell: "small, medium, large".
        parts = tuple(part.strip() for part in values[0].split(","))
        numbers = [_number(part) for part in parts]
        split: tuple[JsonValue, ...] = parts
        kind = PrimitiveKind.STRING
        if all(isinstance(n, int) for n in numbers):
            kind, split = PrimitiveKind.INTEGER, tuple(numbers)
        elif all(n is not None for n in numbers):
            kind, split = PrimitiveKind.NUMBER, tuple(numbers)
        # A list of them (kotlin.collections.List<Tags>): its items are the enum.
        typed = _with_items(field.type, Primitive(kind))
        return dataclasses.replace(field, type=typed, enum_values=split), frozenset()


def _with_items(type_expr: TypeExpr, scalar: Primitive) -> TypeExpr:
    """The type with ``scalar`` where its innermost scalar is (a list of lists keeps its shape)."""
    if isinstance(type_expr, ArrayOf):
        return ArrayOf(_with_items(type_expr.items, scalar), type_expr.unique_items)
    return scalar


def _number(text: str) -> int | float | None:
    for convert in (int, float):
        try:
            number = convert(text)
        except ValueError:
            continue
        return number if is_finite(number) else None  # float() also reads "nan", "inf"
    return None


KOTLIN = KotlinDialect()
DIALECTS = (KOTLIN,)

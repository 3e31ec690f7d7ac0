"""Scala pages: openapi-generator's scala-akka client (7.x).

Types: ``String``, ``Int``, ``Long``, ``Float``, ``Double``, ``BigDecimal``, ``Boolean``,
``ByteArray``, ``File``, ``LocalDate``, ``OffsetDateTime``, ``UUID``, ``URI``, ``Any`` and
``AnyType`` (any JSON value), ``Seq<…>``, ``Set<…>``, ``Map<String, …>``; nested generics may use
Scala's own brackets (``Map&lt;String, Seq[String]&gt;``). Reserved words are escaped with
back-ticks (``**`type`**``). An inline enum links to an ``## Enum: Size`` section that lists the
values as ``Allowed values: [small, medium, large]`` (read by the reader); enum models' pages
carry no values at all. Like Java's, the pages mark neither nullable properties nor defaults.
"""

from __future__ import annotations

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
from docmodels.ir import AnyValue, TypeExpr, WireNameSource
from docmodels.page.structure import Page

_SCALARS: dict[str, TypeExpr] = {
    "String": STRING,
    "Int": INT32,
    "Long": INT64,
    "Float": FLOAT,
    "Double": DOUBLE,
    "BigDecimal": NUMBER,
    "Boolean": BOOLEAN,
    "ByteArray": BYTE,
    "File": BINARY,
    "LocalDate": DATE,
    "OffsetDateTime": DATE_TIME,
    "UUID": UUID,
    "URI": URI,
    "Any": AnyValue(),
    "AnyType": AnyValue(),
}


class ScalaDialect(JvmDialect):
    name = "scala"
    scalars = _SCALARS
    lists = frozenset({"Seq", "List", "Array"})
    sets = frozenset({"Set"})
    maps = frozenset({"Map"})
    square_generics = True

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        if len(name) > 2 and name[0] == name[-1] == "`":
            return name[1:-1], WireNameSource.UNMANGLED
        return super().wire_name(name)

    def page_evidence(self, page: Page) -> int:
        evidence = super().page_evidence(page)
        # A back-ticked name (**`type`**) is Scala's escape of a reserved word; Java pages have
        # the same title and scalar names, and no escapes.
        properties = page.section("Properties")
        if properties is not None and any(
            "| **`" in row.text or row.text.startswith("**`")
            for table in properties.tables
            for row in table.rows
        ):
            evidence += 1
        return evidence


SCALA = ScalaDialect()
DIALECTS = (SCALA,)

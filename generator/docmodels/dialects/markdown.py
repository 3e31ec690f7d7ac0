"""Markdown pages: openapi-generator's own ``markdown`` documentation generator (7.x), whose model
pages are in Models/.

Tables are drawn with outer pipes; every row without a default says ``[default to null]``. Types
are Java's boxed names: ``String``, ``Integer`` (integer and int32 alike), ``Long``, ``Float``,
``Double``, ``BigDecimal``, ``Boolean``, ``date`` (a date), ``Date`` (a date-time), ``byte[]``,
``File``, ``UUID``, ``URI``, ``Object`` and ``oas_any_type_not_mapped`` (anything). A model is
linked to its page, which is named by the spec's name as it is (``Folder--Mini.md``,
``links.SelfLink.md``, ``0.md``). Containers are written without their item type: ``**List**``,
``**Set**``, ``**Map**``; where the items are models the link names them
(``[**List**](Pet.md)``), and where they are containers the link says which
(``[**Map**](array.md)``). Names are the spec's keys, Markdown-escaped (``photo\\_urls``).
Defaults are written bare: a string is not quoted (``[default to 720h]``).

Before 7.x the table has no outer pipes, a scalar links a page of openapi-generator's type name
that is never written (``[**String**](string.md)``, ``[**List**](integer.md)``), and a model's
page is named by the spec's name camelized while links keep the spec's spelling
(canonical.py finds it). 4.x spells a key's special characters out as bash does
(``xMinusrequestMinusid``, ``propertyUnderscoreclass``).
"""

from __future__ import annotations

from docmodels.dialects import _literals
from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
    ParsedType,
    UnknownType,
    looks_like_model_name,
)
from docmodels.dialects.bash import unmangle
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Field,
    JsonValue,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.page.notes import Notes
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell

_STRING = PrimitiveKind.STRING
_SCALARS: dict[str, TypeExpr] = {
    "String": Primitive(_STRING),
    "Integer": Primitive(PrimitiveKind.INTEGER),  # integer and int32 alike
    "Long": Primitive(PrimitiveKind.INTEGER, "int64"),
    "Float": Primitive(PrimitiveKind.NUMBER, "float"),
    "Double": Primitive(PrimitiveKind.NUMBER, "double"),
    "BigDecimal": Primitive(PrimitiveKind.NUMBER),
    "Boolean": Primitive(PrimitiveKind.BOOLEAN),
    "date": Primitive(_STRING, "date"),
    "Date": Primitive(_STRING, "date-time"),
    "File": Primitive(_STRING, "binary"),
    "UUID": Primitive(_STRING, "uuid"),
    "URI": Primitive(_STRING, "uri"),
    "Object": AnyValue(),
    "oas_any_type_not_mapped": AnyValue(),
}
_CONTAINERS = frozenset({"List", "Set", "Map"})
# What a link says where it names no model: a container's items that are containers, and the
# placeholder openapi-generator links for a schema without a type.
_LINKED_ITEMS: dict[str, TypeExpr] = {
    "array": ArrayOf(AnyValue()),
    "map": MapOf(AnyValue()),
    "AnyType": AnyValue(),
}
# Before 7.x a scalar links a page named by openapi-generator's own type name, which no one
# writes: "[**String**](string.md)", "[**Date**](DateTime.md)", and so do a container's scalar
# items: "[**List**](string.md)". The lower-case ones only: those versions name a model's page
# camelized, so "DateTime.md" or "UUID.md" may be a model's page.
_SCALAR_PAGES: dict[str, TypeExpr] = {
    "string": _SCALARS["String"],
    "integer": _SCALARS["Integer"],
    "long": _SCALARS["Long"],
    "float": _SCALARS["Float"],
    "double": _SCALARS["Double"],
    "number": _SCALARS["BigDecimal"],
    "boolean": _SCALARS["Boolean"],
    "file": _SCALARS["File"],
    "object": AnyValue(),
}
_NOT_MARKDOWN = -3
_EVIDENCE = 3  # more than bash sees in the "[default to null]" both write
_AS_BASH = 2  # what bash sees in a page of its layout (dialects.bash.page_evidence)


class MarkdownDialect(BaseDialect):
    name = "markdown"
    vocabulary = frozenset(_SCALARS) | _CONTAINERS

    def parse_type(self, cell: TypeCell) -> ParsedType:
        linked = _linked_name(cell.links)
        if linked == "Date" == cell.text.strip():
            # A format-date string and a spec model named Date whose page the generator left
            # out (its Date type took the name) are both written so: the page decides, and
            # without one the reference is declared lost.
            return ParsedType(Reference(linked))
        if linked and cell.text.strip() not in _CONTAINERS | _SCALARS.keys() | {"byte[]"}:
            # The spec's own name, punctuation and all (``Folder--Mini``, ``links.SelfLink``,
            # ``0``): its page is named after it, so the link is the evidence.
            return ParsedType(_LINKED_ITEMS.get(linked, Reference(linked)))
        cursor = Cursor(cell.text)
        token = cursor.take("name")
        name = token.text
        if name == "byte" and cursor.accept("["):
            cursor.take("]")
            cursor.end()
            return ParsedType(Primitive(_STRING, "byte"), native_names=1)
        cursor.end()
        if name in _CONTAINERS:
            items = _linked_items(linked) if linked else AnyValue()
            container = MapOf(items) if name == "Map" else ArrayOf(items, name == "Set")
            return ParsedType(container, native_names=1, items_unsaid=not linked)
        if name in _SCALARS:
            return ParsedType(_SCALARS[name], native_names=1)
        if looks_like_model_name(name):
            return ParsedType(Reference(name))
        raise UnknownType(name, token.offset)

    def parse_default(self, text: str) -> JsonValue:
        return _literals.bare(text)

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        # 4.x spells a key's special characters out as bash does (xMinusrequestMinusid).
        unmangled = unmangle(name)
        if unmangled != name:
            return unmangled, WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def finish_field(self, field: Field, notes: Notes) -> tuple[Field, frozenset[str]]:
        return _literals.string_default(field, notes), frozenset()

    def page_evidence(self, page: Page) -> int:
        # The title on the first line, a table drawn with outer pipes, and "[default to null]"
        # where there is no default: java starts lower, kotlin and ruby write no null default.
        # Before 7.x the table has no outer pipes but every row says "[default to null]", as
        # bash's do: as much evidence as bash sees, and the type cells decide (String, Double
        # against string, integer). Another table without outer pipes is another generator's,
        # whose scalars may read alike (swift's String and Double).
        section = page.section("Properties")
        if page.title is None or section is None or not section.tables:
            return 0
        table = section.tables[0]
        if not table.outer_pipes:
            every_row = bool(table.rows) and all("[default to null]" in r.text for r in table.rows)
            return _AS_BASH if every_row and page.title.line == 1 else _NOT_MARKDOWN
        if page.title.line != 1 or not any("[default to null]" in r.text for r in table.rows):
            return 0
        return _EVIDENCE


def _linked_items(linked: str) -> TypeExpr:
    return _LINKED_ITEMS.get(linked) or _SCALAR_PAGES.get(linked) or Reference(linked)


def _linked_name(links: tuple[str, ...]) -> str:
    """The model a cell's one link names: its page's file name, or "" (``(.md)``, no link)."""
    if len(links) != 1 or not links[0].endswith(".md"):
        return ""
    return links[0].rsplit("/", 1)[-1].removesuffix(".md")


MARKDOWN = MarkdownDialect()
DIALECTS = (MARKDOWN,)

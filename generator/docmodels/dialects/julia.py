"""Julia pages: openapi-generator's julia-client (7.x).

Types: ``String``, ``Int64`` (every integer), ``Float32``, ``Float64``, ``Bool``, ``Date``,
``ZonedDateTime``, ``Any``, ``Vector{T}``, ``Vector{UInt8}`` (bytes), ``Dict{String, T}``, and
model references written as pointers, ``*Pet`` (7.12 ``[***Pet**](Pet.md)``, 7.26
``[**`*Pet`**](Pet.md)``). Every row has a default: ``[default to nothing]`` where the spec has
none. Names that are not Julia identifiers are written as ``var"@type"``.
"""

from __future__ import annotations

import re

from docmodels.dialects import _literals
from docmodels.dialects.base import (
    BaseDialect,
    Composition,
    Cursor,
    NoDefault,
    ParsedType,
    TypeSyntaxError,
    UnknownType,
    looks_like_model_name,
    nesting,
)
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EnumValue,
    Field,
    JsonValue,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.page.cells import split_row
from docmodels.page.notes import is_notes
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell

_SCALARS: dict[str, TypeExpr] = {
    "String": Primitive(PrimitiveKind.STRING),
    # int32 and int64 are both written Int64, and Float64 is both double and plain number.
    "Int64": Primitive(PrimitiveKind.INTEGER),
    "Int32": Primitive(PrimitiveKind.INTEGER, "int32"),
    "Float32": Primitive(PrimitiveKind.NUMBER, "float"),
    "Float64": Primitive(PrimitiveKind.NUMBER),
    "Bool": Primitive(PrimitiveKind.BOOLEAN),
    "Date": Primitive(PrimitiveKind.STRING, "date"),
    "ZonedDateTime": Primitive(PrimitiveKind.STRING, "date-time"),
    "Any": AnyValue(),
}
_BYTES = Primitive(PrimitiveKind.STRING, "byte")
_VAR_NAME = re.compile(r'^var"(.*)"$')
_COMPOSED = re.compile(r"^This is a (?:oneOf|anyOf) model\. The value must be ")
_COMPOSED_TEXT = re.compile(r"This is a (?:oneOf|anyOf) model\.")
_COMPOSED_ROW = "value"
# "... one of the following types: Circle, Square" (the type cell of a composed model's row).
_MEMBERS = re.compile(r"^This is a (?:oneOf|anyOf) model\. The value must be [^:]*:\s*(?P<types>.+)$")
_DISCRIMINATOR = re.compile(r"^The discriminator field is `([^`\n]+)`")
_NOTHING_DEFAULT = re.compile(r"\[default to nothing\]")
_NOT_JULIA = -100


class JuliaDialect(BaseDialect):
    name = "julia"
    vocabulary = frozenset(_SCALARS)

    def parse_type(self, cell: TypeCell) -> ParsedType:
        if _COMPOSED.match(cell.text):
            # A oneOf/anyOf model's single row: the value is one of the listed types, which the
            # IR cannot say; finish_model leaves the row out.
            return ParsedType(AnyValue(), native_names=1)
        return super().parse_type(cell)

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        if cursor.accept("*"):  # a model, by pointer
            token = cursor.take("name")
            if not looks_like_model_name(token.text) or token.text in _SCALARS:
                raise TypeSyntaxError(f"unknown model {token.text!r}", token.offset)
            counter[0] += 1
            return Reference(token.text)
        token = cursor.take("name")
        name = token.text
        if name == "Vector":
            counter[0] += 1
            cursor.take("{")
            byte = cursor.peek("name")
            if byte is not None and byte.text == "UInt8":  # a byte array: base64 text in JSON
                cursor.take("name")
                cursor.take("}")
                counter[0] += 1
                return _BYTES
            items = self._type(cursor, counter)
            cursor.take("}")
            return ArrayOf(items)
        if name == "Dict":
            counter[0] += 1
            cursor.take("{")
            key = cursor.take("name")
            if key.text != "String":
                raise TypeSyntaxError("dictionary keys must be String", key.offset)
            cursor.take(",")
            values = self._type(cursor, counter)
            cursor.take("}")
            return MapOf(values)
        if name in _SCALARS:
            counter[0] += 1
            return _SCALARS[name]
        if looks_like_model_name(name):
            return Reference(name)
        raise UnknownType(name, token.offset)

    def parse_default(self, text: str) -> JsonValue:
        if text.strip() == "nothing":
            raise NoDefault("the generator writes nothing for no default")
        # The template does not escape quotes inside: "it's "quoted"" is one string.
        return _literals.scalar(text, '"', language="a Julia")

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        match = _VAR_NAME.match(name)
        if match:
            return match.group(1), WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def finish_model(
        self, page: Page, fields: tuple[Field, ...]
    ) -> tuple[tuple[Field, ...], tuple[EnumValue, ...]]:
        # A composed model is one optional row "value" of any type: not a property of the JSON.
        if len(fields) == 1 and fields[0].name == _COMPOSED_ROW and fields[0].type == AnyValue():
            return (), ()
        return fields, ()

    def composition(self, page: Page) -> Composition | None:
        # A oneOf/anyOf model is one row, "value", whose type cell lists the member types and
        # whose description cell is the model's; the discriminator follows in a paragraph.
        section = page.section("Properties")
        if section is None or not section.tables or len(section.tables[0].rows) != 1:
            return None
        table = section.tables[0]
        cells = split_row(table.rows[0].text, 4, table.outer_pipes, is_notes)
        if cells is None or cells[0].text.strip("*") != _COMPOSED_ROW:
            return None
        members = _MEMBERS.match(cells[1].text)
        if members is None:
            return None
        found = (_DISCRIMINATOR.match(paragraph.text) for paragraph in section.paragraphs)
        discriminator = next((match.group(1) for match in found if match is not None), None)
        return Composition(
            tuple(t.strip() for t in members.group("types").split(",") if t.strip()),
            discriminator,
            cells[2].text,
        )

    def page_evidence(self, page: Page) -> int:
        # The template writes a default on every row: [default to nothing] where there is none.
        section = page.section("Properties")
        rows = section.tables[0].rows if section is not None and section.tables else ()
        if not rows:
            return 0
        # Without a single [default to nothing] (or a composed model's row), the page is another
        # generator's: Int64, String and Float64 are Swift's words too.
        if any(_NOTHING_DEFAULT.search(row.text) or _COMPOSED_TEXT.search(row.text) for row in rows):
            return 2
        return _NOT_JULIA


JULIA = JuliaDialect()
DIALECTS = (JULIA,)

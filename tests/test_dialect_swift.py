"""The swift dialect: swift5 and swift6 (docmodels.dialects.swift)."""

from __future__ import annotations

import pytest
from docmodels.dialects import registry
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.swift import SWIFT
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    JsonValue,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.page.structure import parse_page
from docmodels.page.typecell import TypeCell, decode_type_cell
from docmodels.reader import read_page

STRING = Primitive(PrimitiveKind.STRING)
INTEGER = Primitive(PrimitiveKind.INTEGER)
DOUBLE = Primitive(PrimitiveKind.NUMBER)


def parse(text: str) -> ParsedType:
    return SWIFT.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("String", STRING, 1),
        ("Int", INTEGER, 1),
        ("Int64", Primitive(PrimitiveKind.INTEGER, "int64"), 1),
        ("Float", Primitive(PrimitiveKind.NUMBER, "float"), 1),
        ("Double", DOUBLE, 1),
        ("Bool", Primitive(PrimitiveKind.BOOLEAN), 1),
        ("Date", STRING, 1),
        ("Data", Primitive(PrimitiveKind.STRING, "byte"), 1),
        ("URL", Primitive(PrimitiveKind.STRING, "binary"), 1),
        ("UUID", Primitive(PrimitiveKind.STRING, "uuid"), 1),
        ("AnyCodable", AnyValue(), 1),
        ("Any", AnyValue(), 1),  # 4.x
        ("AnyType", AnyValue(), 1),  # 4.x
        ("JSONValue", AnyValue(), 1),
        ("[String]", ArrayOf(STRING), 2),
        ("Set<String>", ArrayOf(STRING, unique_items=True), 2),
        ("[String: Int]", MapOf(INTEGER), 3),
        ("[String: [String]]", MapOf(ArrayOf(STRING)), 4),
        ("[[Double]]", ArrayOf(ArrayOf(DOUBLE)), 3),
        ("[Pet]", ArrayOf(Reference("Pet")), 1),
        ("Pet", Reference("Pet"), 0),
    ],
)
def test_types(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


def test_an_unbolded_array_of_models_is_an_array_not_a_link() -> None:
    assert parse(decode_type_cell("[HiddenOfferDTO]").text).type == ArrayOf(Reference("HiddenOfferDTO"))


@pytest.mark.parametrize("text", ["[Int: String]", "string", "[String", "Vec<String>"])
def test_what_swift_pages_never_write_is_a_syntax_error(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), ("1.5", 1.5), ("false", False), ('"720h"', "720h"), ('"it\'s "q""', 'it\'s "q"')],
)
def test_defaults(text: str, value: JsonValue) -> None:
    assert SWIFT.parse_default(text) == value


def test_an_enum_case_is_not_a_default_value() -> None:
    with pytest.raises(ValueError, match="enum case"):
        SWIFT.parse_default(".medium")


@pytest.mark.parametrize(
    ("name", "wire", "source"),
    [
        ("_self", "self", WireNameSource.UNMANGLED),
        ("_class", "class", WireNameSource.UNMANGLED),
        ("_123start", "123start", WireNameSource.UNMANGLED),
        ("_links", "_links", WireNameSource.PAGE),
        ("self", "self", WireNameSource.PAGE),
    ],
)
def test_wire_names(name: str, wire: str, source: WireNameSource) -> None:
    assert SWIFT.wire_name(name) == (wire, source)


PAGE = """# Offer

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**id** | **Int64** |  | 
**hidden** | [HiddenOffer] |  | [optional] 
**byName** | [String: HiddenOffer] |  | [optional] 
**extra** | **AnyCodable** |  | [optional] 
"""


def test_a_swift_page_is_read_as_swift() -> None:
    model, diagnostics = read_page(parse_page("Offer.md", PAGE))
    assert diagnostics == []
    assert model is not None and model.dialect == "swift"
    assert [(f.wire_name, f.type, f.required) for f in model.fields] == [
        ("id", Primitive(PrimitiveKind.INTEGER, "int64"), True),
        ("hidden", ArrayOf(Reference("HiddenOffer")), False),
        ("byName", MapOf(Reference("HiddenOffer")), False),
        ("extra", AnyValue(), False),
    ]


def test_a_page_with_a_code_example_is_not_swift() -> None:
    page = parse_page("Offer.md", PAGE + "\n## Example\n\n```typescript\nx\n```\n")
    cells = [decode_type_cell("**[String]**"), decode_type_cell("**Int64**")]
    assert registry.detect(cells, page) is not SWIFT

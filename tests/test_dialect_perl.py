"""The perl dialect: type grammar, defaults, names and detection (docmodels.dialects.perl)."""

from __future__ import annotations

import pytest
from docmodels.dialects import registry
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.perl import PERL
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
INT = Primitive(PrimitiveKind.INTEGER)
DOUBLE = Primitive(PrimitiveKind.NUMBER)


def parse(text: str) -> ParsedType:
    return PERL.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("string", STRING, 1),
        ("int", INT, 1),
        ("double", DOUBLE, 1),
        ("boolean", Primitive(PrimitiveKind.BOOLEAN), 1),
        ("DATE", Primitive(PrimitiveKind.STRING, "date"), 1),
        ("DATE_TIME", Primitive(PrimitiveKind.STRING, "date-time"), 1),
        # Before 6.x: dates and date-times alike (kubernetes-client's perl, 3.3.4).
        ("DateTime", STRING, 1),
        ("object", AnyValue(), 1),
        ("AnyType", AnyValue(), 1),
        ("ARRAY[string]", ArrayOf(STRING), 2),
        ("ARRAY[ARRAY[double]]", ArrayOf(ArrayOf(DOUBLE)), 3),
        ("ARRAY[Pet]", ArrayOf(Reference("Pet")), 1),
        ("HASH[string,int]", MapOf(INT), 2),
        ("HASH[string,ARRAY[string]]", MapOf(ArrayOf(STRING)), 3),
        ("HASH[string,Pet]", MapOf(Reference("Pet")), 1),
        ("Category", Reference("Category"), 0),
    ],
)
def test_types(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


@pytest.mark.parametrize("text", ["HASH[int,string]", "ARRAY<string>", "str", "ARRAY[string"])
def test_what_is_not_a_perl_type(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("1.5", 1.5),
        ("false", False),
        ("'medium'", "medium"),
        ("'it's \"quoted\"'", 'it\'s "quoted"'),
    ],
)
def test_defaults(text: str, expected: JsonValue) -> None:
    assert PERL.parse_default(text) == expected


def test_an_unquoted_word_is_not_a_default() -> None:
    with pytest.raises(ValueError, match="not a Perl literal"):
        PERL.parse_default("medium")


def test_a_leading_digit_gets_an_underscore() -> None:
    assert PERL.wire_name("_123start") == ("123start", WireNameSource.UNMANGLED)


@pytest.mark.parametrize("name", ["_private", "x_request_id", "@type", "class"])
def test_other_names_are_the_wire_names(name: str) -> None:
    assert PERL.wire_name(name) == (name, WireNameSource.PAGE)


def test_the_model_is_the_last_part_of_the_package() -> None:
    assert PERL.model_name("WWW::OpenAPIClient::Object::Pet") == "Pet"


PAGE = """# WWW::OpenAPIClient::Object::Names

## Load the model package
```perl
use WWW::OpenAPIClient::Object::Names;
```

## Properties
Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**class** | **string** |  | [optional]
**extra** | **object** |  | [optional]
"""


def test_the_package_title_and_load_section_choose_perl() -> None:
    page = parse_page("Names.md", PAGE)
    rows = [decode_type_cell("**string**"), decode_type_cell("**object**")]
    assert registry.detect(rows, page) is PERL


def test_a_perl_page_reads() -> None:
    model, diagnostics = read_page(parse_page("Names.md", PAGE))
    assert model is not None
    assert model.name == "Names"
    assert model.dialect == "perl"
    assert [(f.name, f.type) for f in model.fields] == [("class", STRING), ("extra", AnyValue())]
    assert diagnostics == []


def test_a_page_without_the_package_title_is_not_perl() -> None:
    page = parse_page("Names.md", PAGE.replace("# WWW::OpenAPIClient::Object::Names", "# Names"))
    cells = [decode_type_cell("**string**"), decode_type_cell("**int**")]
    assert registry.detect(cells, page) is not PERL

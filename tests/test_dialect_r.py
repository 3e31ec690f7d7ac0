"""The r dialect: type grammar, defaults, notes, names and detection (docmodels.dialects.r)."""

from __future__ import annotations

import pytest
from docmodels.dialects import registry
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.r import R
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EitherOf,
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
# Booleans are written character too.
STRING_OR_BOOLEAN = EitherOf((STRING, Primitive(PrimitiveKind.BOOLEAN)))
INTEGER = Primitive(PrimitiveKind.INTEGER)
NUMERIC = Primitive(PrimitiveKind.NUMBER)
BOOLEAN = Primitive(PrimitiveKind.BOOLEAN)


def parse(text: str) -> ParsedType:
    return R.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("character", STRING_OR_BOOLEAN, 1),
        ("integer", INTEGER, 1),
        ("numeric", NUMERIC, 1),
        ("data.frame", Primitive(PrimitiveKind.STRING, "binary"), 1),
        ("object", AnyValue(), 1),
        ("AnyType", AnyValue(), 1),
        ("array[character]", ArrayOf(STRING_OR_BOOLEAN), 2),
        ("set[character]", ArrayOf(STRING_OR_BOOLEAN, unique_items=True), 2),
        ("array[array[numeric]]", ArrayOf(ArrayOf(NUMERIC)), 3),
        ("array[Pet]", ArrayOf(Reference("Pet")), 1),
        ("map(character)", MapOf(STRING_OR_BOOLEAN), 2),
        ("map(array[character])", MapOf(ArrayOf(STRING_OR_BOOLEAN)), 3),
        ("map(Pet)", MapOf(Reference("Pet")), 1),
        ("Category", Reference("Category"), 0),
    ],
)
def test_types(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


@pytest.mark.parametrize("text", ["map[character]", "list[str]", "array[character"])
def test_what_is_not_an_r_type(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("1.5", 1.5),
        ("FALSE", False),
        ("TRUE", True),
        ('"medium"', "medium"),
        ('"it\'s "quoted""', 'it\'s "quoted"'),
    ],
)
def test_defaults(text: str, expected: JsonValue) -> None:
    assert R.parse_default(text) == expected


def test_an_unquoted_word_is_not_a_default() -> None:
    with pytest.raises(ValueError, match="not an R literal"):
        R.parse_default("medium")


def test_reserved_words_lose_their_item_prefix() -> None:
    assert R.wire_name("item_self") == ("self", WireNameSource.UNMANGLED)


@pytest.mark.parametrize("name", ["item_count", "item_if", "123start", "@type", "x-request-id"])
def test_other_names_are_the_wire_names(name: str) -> None:
    assert R.wire_name(name) == (name, WireNameSource.PAGE)


def test_the_model_is_the_title_without_its_package() -> None:
    assert R.model_name("openapi::Pet") == "Pet"


PAGE = """# openapi::Pet

A pet.

## Properties
Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**status** | [**PetStatus**](PetStatus.md) |  | [Enum: ]
**size** | **character** |  | [optional] [default to &quot;medium&quot;] [Enum: [small, medium, large]]
**level** | **integer** |  | [optional] [Enum: [1, 2, 3]]
**vaccinated** | **character** |  | [optional] [default to FALSE]
**code** | **character** | One of a or b: ^(a|b)$ | [optional] [Pattern: ^[^\\\\x00-\\\\x08]{1,255}$] [Max. length: 255]
**ids** | **array[integer]** |  | [Max. items: 1500] [Min. items: 1]
"""


def test_the_package_title_chooses_r() -> None:
    page = parse_page("Pet.md", PAGE)
    assert registry.detect([decode_type_cell("**character**")], page) is R


def test_notes_give_enum_values_booleans_and_constraints_without_warnings() -> None:
    model, diagnostics = read_page(parse_page("Pet.md", PAGE))
    assert diagnostics == []
    assert model is not None
    fields = {f.name: f for f in model.fields}
    assert fields["status"].type == Reference("PetStatus")
    assert fields["status"].enum_values is None
    assert fields["size"].enum_values == ("small", "medium", "large")
    assert fields["level"].enum_values == (1, 2, 3)
    assert fields["vaccinated"].type == BOOLEAN
    assert fields["vaccinated"].default is not None
    assert fields["vaccinated"].default.value is False
    assert fields["ids"].required is True


def test_a_page_without_the_package_title_is_not_r() -> None:
    page = parse_page("Pet.md", PAGE.replace("# openapi::Pet", "# Pet"))
    assert registry.detect([decode_type_cell("**character**")], page) is not R

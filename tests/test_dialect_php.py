"""The php dialect: type grammar, defaults, names and detection (docmodels.dialects.php)."""

from __future__ import annotations

import pytest
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.php import PHP
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    JsonValue,
    MapOf,
    ModelKind,
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
NUMBER = Primitive(PrimitiveKind.NUMBER)


def parse(text: str) -> ParsedType:
    return PHP.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("string", STRING),
        ("int", INTEGER),
        ("float", NUMBER),
        ("double", Primitive(PrimitiveKind.NUMBER, "double")),
        ("bool", Primitive(PrimitiveKind.BOOLEAN)),
        ("\\DateTime", STRING),
        ("\\SplFileObject", Primitive(PrimitiveKind.STRING, "binary")),
        ("mixed", AnyValue()),
        ("object", AnyValue()),
        ("AnyType", AnyValue()),  # 4.x
    ],
)
def test_scalars(text: str, expected: TypeExpr) -> None:
    assert parse(text) == ParsedType(expected, native_names=1)


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("string[]", ArrayOf(STRING), 2),
        ("float[][]", ArrayOf(ArrayOf(NUMBER)), 3),
        ("array<string,int>", MapOf(INTEGER), 3),
        ("array<string,string[]>", MapOf(ArrayOf(STRING)), 4),
        # 4.x's maps.
        ("map[string,object]", MapOf(AnyValue()), 3),
        ("map[string,map[string,AnyType]]", MapOf(MapOf(AnyValue())), 5),
        ("map[string,string[]]", MapOf(ArrayOf(STRING)), 4),
        ("\\Ory\\Client\\Model\\Identity", Reference("Identity"), 1),
        ("\\OpenAPI\\Client\\Model\\Pet[]", ArrayOf(Reference("Pet")), 2),
        ("array<string,\\OpenAPI\\Client\\Model\\Pet>", MapOf(Reference("Pet")), 3),
    ],
)
def test_arrays_maps_and_qualified_class_names(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


def test_a_linked_qualified_name_comes_through_the_cell_decoder() -> None:
    cell = decode_type_cell("[**\\OpenAPI\\Client\\Model\\Pet[]**](Pet.md)")
    assert PHP.parse_type(cell).type == ArrayOf(Reference("Pet"))


def test_a_bare_model_name_counts_for_no_dialect() -> None:
    assert parse("Pet") == ParsedType(Reference("Pet"))


def test_a_leading_question_mark_allows_null() -> None:
    parsed = parse("?string")
    assert parsed.wrapped_optional
    assert PHP.nullable(parsed, required=True) is True
    assert PHP.nullable(parse("string"), required=True) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("array<int,string>", "array keys must be string"),
        ("string[", "type ends where"),
        ("str", "unknown type 'str'"),
        ("Vec<i32>", "expected"),
    ],
)
def test_types_the_grammar_rejects(text: str, message: str) -> None:
    with pytest.raises(TypeSyntaxError, match=message):
        parse(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("'general'", "general"),
        ("'it's \"quoted\"'", 'it\'s "quoted"'),
        ("0", 0),
        ("1.5", 1.5),
        ("false", False),
        ("TRUE", True),
        ("null", None),
    ],
)
def test_defaults(text: str, value: JsonValue) -> None:
    assert PHP.parse_default(text) == value


def test_a_constant_is_not_a_default_the_page_carries() -> None:
    with pytest.raises(ValueError, match="not a PHP literal"):
        PHP.parse_default("self::SIZE_MEDIUM")


@pytest.mark.parametrize(
    ("name", "wire", "source"),
    [
        ("_123start", "123start", WireNameSource.UNMANGLED),
        ("_private", "_private", WireNameSource.PAGE),
        ("at_type", "at_type", WireNameSource.PAGE),
    ],
)
def test_only_the_digit_prefix_is_undone(name: str, wire: str, source: WireNameSource) -> None:
    assert PHP.wire_name(name) == (wire, source)


@pytest.mark.parametrize(("title", "name"), [("# Pet", "Pet"), ("Pet", "Pet")])
def test_the_double_hash_title_names_the_model(title: str, name: str) -> None:
    assert PHP.model_name(title) == name


PAGE = """# # Basket

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**id** | **string** |  |
**count** | **int** |  | [optional] [default to 1]
**flag** | **bool** |  | [optional]

[[Back to Model list]](../../README.md#models)
"""


def test_a_php_page_of_plain_scalars_is_told_by_its_title_and_row_ends() -> None:
    model, diagnostics = read_page(parse_page("Basket.md", PAGE))
    assert diagnostics == []
    assert model is not None
    assert (model.name, model.dialect) == ("Basket", "php")
    assert [(f.name, f.type, f.required) for f in model.fields] == [
        ("id", STRING, True),
        ("count", INTEGER, False),
        ("flag", Primitive(PrimitiveKind.BOOLEAN), False),
    ]


def test_the_row_ends_alone_tell_a_726_page_with_a_plain_title() -> None:
    model, _ = read_page(parse_page("Basket.md", PAGE.replace("# # Basket", "# Basket")))
    assert model is not None
    assert (model.name, model.dialect) == ("Basket", "php")


def test_rows_ending_in_a_space_are_not_php_evidence() -> None:
    page = PAGE.replace("# # Basket", "# Basket").replace("|  |\n", "|  | \n")
    page = page.replace("[optional]\n", "[optional] \n")
    assert PHP.page_evidence(parse_page("Basket.md", page)) == 0


ONE_OF = """# Shape

This model is a `oneOf` wrapper: a value is exactly one of the member types listed below.

## oneOf

- [**\\Acme\\Model\\Circle**](Circle.md)
- [**\\Acme\\Model\\Square**](Square.md)
- **string**

The concrete type is selected by the `shape_type` discriminator property.
"""


def test_a_nextgen_one_of_page_is_a_union_of_the_members_it_names() -> None:
    model, diagnostics = read_page(parse_page("Shape.md", ONE_OF))
    assert diagnostics == []
    assert model is not None
    assert (model.name, model.dialect, model.kind, model.variants) == (
        "Shape",
        "php",
        ModelKind.UNION,
        (Reference("Circle"), Reference("Square"), Primitive(PrimitiveKind.STRING)),
    )
    assert model.discriminator == "shape_type"


def test_a_nextgen_one_of_page_without_the_discriminator_line_names_none() -> None:
    text = ONE_OF.replace("The concrete type is selected by the `shape_type` discriminator property.\n", "")
    model, _ = read_page(parse_page("Shape.md", text))
    assert model is not None
    assert (len(model.variants), model.discriminator) == (3, None)


def test_rows_with_placeholder_defaults_are_not_php_evidence() -> None:
    # bash, typescript-axios and julia also end rows without a space, but write a default on
    # every row: [default to null], [default to undefined], [default to nothing].
    page = PAGE.replace("# # Basket", "# Basket").replace(
        "|  |\n", "|  | [default to null]\n"
    ).replace("[optional]\n", "[optional] [default to null]\n")
    assert PHP.page_evidence(parse_page("Basket.md", page)) == 0


def test_a_single_row_is_too_little_to_tell_a_php_table() -> None:
    page = """# Anything

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**any string name** | **bool, date, str, none_type** | any string name can be used | [optional]
"""
    assert PHP.page_evidence(parse_page("Anything.md", page)) == 0

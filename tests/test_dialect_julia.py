"""The julia dialect: type grammar, defaults, names and detection (docmodels.dialects.julia)."""

from __future__ import annotations

import pytest
from docmodels.dialects import registry
from docmodels.dialects.base import NoDefault, ParsedType, TypeSyntaxError
from docmodels.dialects.julia import JULIA
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
FLOAT64 = Primitive(PrimitiveKind.NUMBER)


def parse(text: str) -> ParsedType:
    return JULIA.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("String", STRING, 1),
        ("Int64", INTEGER, 1),
        ("Float32", Primitive(PrimitiveKind.NUMBER, "float"), 1),
        ("Float64", FLOAT64, 1),
        ("Bool", Primitive(PrimitiveKind.BOOLEAN), 1),
        ("Date", Primitive(PrimitiveKind.STRING, "date"), 1),
        ("ZonedDateTime", Primitive(PrimitiveKind.STRING, "date-time"), 1),
        ("Any", AnyValue(), 1),
        ("Vector{UInt8}", Primitive(PrimitiveKind.STRING, "byte"), 2),
        ("Vector{String}", ArrayOf(STRING), 2),
        ("Vector{Vector{Float64}}", ArrayOf(ArrayOf(FLOAT64)), 3),
        ("Vector{Pet}", ArrayOf(Reference("Pet")), 1),
        ("Dict{String, Int64}", MapOf(INTEGER), 2),
        ("Dict{String, Vector{String}}", MapOf(ArrayOf(STRING)), 3),
        ("*Category", Reference("Category"), 1),
        ("Category", Reference("Category"), 0),
    ],
)
def test_types(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


def test_a_composed_models_row_is_any_value() -> None:
    text = "This is a oneOf model. The value must be exactly one of the following types: A, B"
    assert parse(text) == ParsedType(AnyValue(), native_names=1)


@pytest.mark.parametrize("text", ["Dict{Int64, String}", "Vector<String>", "*String", "Vector{String"])
def test_what_is_not_a_julia_type(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", 0), ("1.5", 1.5), ("false", False), ('"medium"', "medium"),
     ('"it\'s "quoted""', 'it\'s "quoted"')],
)
def test_defaults(text: str, expected: JsonValue) -> None:
    assert JULIA.parse_default(text) == expected


def test_nothing_means_no_default() -> None:
    with pytest.raises(NoDefault):
        JULIA.parse_default("nothing")


@pytest.mark.parametrize(("name", "wire"), [('var"@type"', "@type"), ('var"x-request-id"', "x-request-id")])
def test_var_strings_are_unquoted(name: str, wire: str) -> None:
    assert JULIA.wire_name(name) == (wire, WireNameSource.UNMANGLED)


PAGE_7_26 = """# Pet


## Properties
Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**`id`** | **`Int64`** | Unique identifier. | [default to nothing]
**`owner`** | [**`*Owner`**](Owner.md) |  | [optional] [default to nothing]
**`var&quot;@type&quot;`** | **`String`** |  | [optional] [default to "pet"]
"""


def test_a_julia_7_26_page_reads() -> None:
    model, diagnostics = read_page(parse_page("Pet.md", PAGE_7_26))
    assert diagnostics == []
    assert model is not None
    assert model.dialect == "julia"
    assert [(f.name, f.wire_name, f.type) for f in model.fields] == [
        ("id", "id", INTEGER),
        ("owner", "owner", Reference("Owner")),
        ('var"@type"', "@type", STRING),
    ]
    assert [f.default.value if f.default else None for f in model.fields] == [None, None, "pet"]


def test_the_7_12_pointer_star_inside_the_bold_is_a_reference() -> None:
    assert JULIA.parse_type(decode_type_cell("[***Owner**](Owner.md)")).type == Reference("Owner")


def test_default_to_nothing_chooses_julia() -> None:
    page = parse_page("Pet.md", PAGE_7_26)
    assert registry.detect([decode_type_cell("**`String`**")], page) is JULIA


COMPOSED = (
    "# {name}\n\n## Properties\nName | Type | Description | Notes\n"
    "------------ | ------------- | ------------- | -------------\n"
    "**value** | This is a {kind} model. The value must be {which} of the following types: "
    "{members} | {description} | [optional] \n\n{after}"
)


def test_a_composed_models_row_is_a_union_of_the_listed_types() -> None:
    text = COMPOSED.format(
        name="Shape", kind="oneOf", which="exactly one", members="Circle, Square",
        description="A shape.", after="The discriminator field is `shape_type`\n",
    )
    model, diagnostics = read_page(parse_page("Shape.md", text))
    assert diagnostics == []
    assert model is not None
    assert (model.kind, model.variants) == (ModelKind.UNION, (Reference("Circle"), Reference("Square")))
    assert (model.description, model.discriminator, model.dialect) == ("A shape.", "shape_type", "julia")


def test_an_any_of_of_scalars_without_a_discriminator() -> None:
    text = COMPOSED.format(
        name="Id", kind="anyOf", which="any", members="Int64, String", description="", after="",
    )
    model, _ = read_page(parse_page("Id.md", text))
    assert model is not None
    assert (model.variants, model.discriminator) == ((INTEGER, STRING), None)


SWIFT_LIKE = """# Category

## Properties
Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**id** | **Int64** |  | [optional]
**name** | **String** |  | [default to "general"]
"""


def test_a_page_without_default_to_nothing_is_not_julia() -> None:
    page = parse_page("Category.md", SWIFT_LIKE)
    cells = [decode_type_cell("**Int64**"), decode_type_cell("**String**")]
    assert registry.detect(cells, page) is not JULIA

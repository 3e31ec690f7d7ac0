"""The kotlin dialect: type grammar, names, inline enums and detection (docmodels.dialects.kotlin)."""

from __future__ import annotations

import pytest
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.kotlin import KOTLIN
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EnumValue,
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
INT32 = Primitive(PrimitiveKind.INTEGER, "int32")
DOUBLE = Primitive(PrimitiveKind.NUMBER, "double")


def parse(text: str) -> ParsedType:
    return KOTLIN.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kotlin.String", STRING),
        ("kotlin.Int", INT32),
        ("kotlin.Long", Primitive(PrimitiveKind.INTEGER, "int64")),
        ("kotlin.Float", Primitive(PrimitiveKind.NUMBER, "float")),
        ("kotlin.Double", DOUBLE),
        ("kotlin.Boolean", Primitive(PrimitiveKind.BOOLEAN)),
        ("kotlin.ByteArray", Primitive(PrimitiveKind.STRING, "byte")),
        ("kotlin.Any", AnyValue()),
        ("java.math.BigDecimal", Primitive(PrimitiveKind.NUMBER)),
        ("java.time.LocalDate", Primitive(PrimitiveKind.STRING, "date")),
        ("java.time.OffsetDateTime", Primitive(PrimitiveKind.STRING, "date-time")),
        ("java.util.UUID", Primitive(PrimitiveKind.STRING, "uuid")),
        ("java.io.File", Primitive(PrimitiveKind.STRING, "binary")),
    ],
)
def test_scalars(text: str, expected: TypeExpr) -> None:
    assert parse(text) == ParsedType(expected, native_names=1)


def test_a_jdk_type_linked_as_if_it_were_a_model_is_a_scalar() -> None:
    cell = decode_type_cell("[**java.time.OffsetDateTime**](java.time.OffsetDateTime.md)")
    assert KOTLIN.parse_type(cell).type == Primitive(PrimitiveKind.STRING, "date-time")


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("kotlin.collections.List<kotlin.String>", ArrayOf(STRING), 2),
        ("kotlin.collections.Set<kotlin.String>", ArrayOf(STRING, unique_items=True), 2),
        ("kotlin.Array<Pet>", ArrayOf(Reference("Pet")), 1),
        ("kotlin.collections.Map<kotlin.String, kotlin.Int>", MapOf(INT32), 3),
        (
            "kotlin.collections.Map<kotlin.String, kotlin.collections.List<kotlin.String>>",
            MapOf(ArrayOf(STRING)),
            4,
        ),
        (
            "kotlin.collections.List<kotlin.collections.List<kotlin.Double>>",
            ArrayOf(ArrayOf(DOUBLE)),
            3,
        ),
        ("kotlin.collections.MutableMap<kotlin.String, Pet>", MapOf(Reference("Pet")), 2),
    ],
)
def test_containers(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("String", "unknown type 'String'", 0),
        ("List<kotlin.String>", "unexpected '<' after the type", 4),
        ("kotlin.Integer", "unknown type 'kotlin.Integer'", 0),
        ("kotlin.collections.Map<kotlin.Int, kotlin.String>", "map keys must be String", 23),
    ],
)
def test_types_the_grammar_rejects(text: str, message: str, offset: int) -> None:
    # An unqualified String is no Kotlin type name on these pages, nor a model name.
    if text == "String":
        assert parse(text) == ParsedType(Reference("String"), native_names=0)
        return
    with pytest.raises(TypeSyntaxError) as caught:
        parse(text)
    assert (caught.value.message, caught.value.offset) == (message, offset)


@pytest.mark.parametrize(
    ("name", "wire"),
    [
        ("`in`", ("in", WireNameSource.UNMANGLED)),
        ("`123start`", ("123start", WireNameSource.UNMANGLED)),
        ("propertySize", ("size", WireNameSource.UNMANGLED)),
        ("propertyKeys", ("keys", WireNameSource.UNMANGLED)),
        ("propertyEntries", ("entries", WireNameSource.UNMANGLED)),
        ("propertyValues", ("values", WireNameSource.UNMANGLED)),
        # class and property_class both become propertyClass: nothing to undo.
        ("propertyClass", ("propertyClass", WireNameSource.PAGE)),
        ("photoUrls", ("photoUrls", WireNameSource.PAGE)),
    ],
)
def test_wire_names_undo_kotlins_escapes(name: str, wire: tuple[str, WireNameSource]) -> None:
    assert KOTLIN.wire_name(name) == wire


KOTLIN_PAGE = """
# Pet

## Properties
| Name | Type | Description | Notes |
| ------------ | ------------- | ------------- | ------------- |
| **name** | **kotlin.String** |  |  |
| **tags** | **kotlin.collections.List&lt;kotlin.String&gt;** |  |  [optional] |
| **&#x60;open&#x60;** | [**java.time.OffsetDateTime**](java.time.OffsetDateTime.md) |  |  [optional] |
| **propertySize** | [**inline**](#PropertySize) | How big. |  [optional] |
| **level** | [**inline**](#Level) |  |  [optional] |


<a id="PropertySize"></a>
## Enum: size
| Name | Value |
| ---- | ----- |
| propertySize | small, medium, large |


<a id="Level"></a>
## Enum: level
| Name | Value |
| ---- | ----- |
| level | 1, 2, 3 |

"""


def test_a_kotlin_page_reads_as_kotlin_with_its_inline_enums() -> None:
    model, diagnostics = read_page(parse_page("Pet.md", KOTLIN_PAGE))
    assert diagnostics == []
    assert model is not None
    assert model.dialect == "kotlin"
    assert [(f.name, f.wire_name, f.type, f.enum_values) for f in model.fields] == [
        ("name", "name", STRING, None),
        ("tags", "tags", ArrayOf(STRING), None),
        ("`open`", "open", Primitive(PrimitiveKind.STRING, "date-time"), None),
        ("propertySize", "size", STRING, ("small", "medium", "large")),
        ("level", "level", Primitive(PrimitiveKind.INTEGER), (1, 2, 3)),
    ]


ENUM_PAGE = """
# PetStatus

## Enum


    * `available` (value: `"available"`)

    * `pending` (value: `"pending"`)

"""


def test_an_enum_models_values_indented_into_a_code_block_are_read() -> None:
    model, diagnostics = read_page(parse_page("PetStatus.md", ENUM_PAGE))
    assert diagnostics == []
    assert model is not None
    assert [(v.value, v.name) for v in model.enum_values] == [
        ("available", "available"),
        ("pending", "pending"),
    ]
    assert all(isinstance(v, EnumValue) for v in model.enum_values)


def test_the_anchor_above_a_heading_is_kept_with_its_section() -> None:
    page = parse_page("Pet.md", KOTLIN_PAGE)
    assert [(s.title, s.anchors) for s in page.sections] == [
        ("Properties", ()),
        ("Enum: size", ("PropertySize",)),
        ("Enum: level", ("Level",)),
    ]


def test_an_anchor_followed_by_other_text_names_no_section() -> None:
    page = parse_page("P.md", '# P\n\n<a id="Lost"></a>\n\nSome text.\n\n## Enum: x\n')
    assert page.sections[0].anchors == ()
    assert page.description == "Some text."


def test_an_indented_block_that_is_not_a_list_gives_no_bullets() -> None:
    page = parse_page("P.md", "# P\n\n## Enum\n\n    val x = 1\n    * not a bullet\n")
    assert page.sections[0].bullets == ()


def test_a_page_of_kotlin_strings_and_inline_enums_reads_as_kotlin() -> None:
    # [**inline**](#Type) is no other dialect's word either: the page is kotlin's.
    page = (
        "\n# Key\n\n## Properties\n| Name | Type | Description | Notes |\n"
        "| ------------ | ------------- | ------------- | ------------- |\n"
        "| **name** | **kotlin.String** |  |  [optional] |\n"
        "| **type** | [**inline**](#Type) |  |  [optional] |\n\n\n"
        '<a id="Type"></a>\n## Enum: type\n| Name | Value |\n| ---- | ----- |\n'
        "| type | string, number |\n"
    )
    model, diagnostics = read_page(parse_page("Key.md", page))
    assert diagnostics == []
    assert model is not None and model.dialect == "kotlin"
    assert [(f.type, f.enum_values) for f in model.fields] == [
        (Primitive(PrimitiveKind.STRING), None),
        (Primitive(PrimitiveKind.STRING), ("string", "number")),
    ]


def test_an_inline_cell_alone_is_kotlins_string() -> None:
    assert KOTLIN.parse_type(decode_type_cell("[**inline**](#Type)")) == ParsedType(
        Primitive(PrimitiveKind.STRING), native_names=1
    )


# A list and a set of inline enums: the cell says only "inline", the anchor names the type
# (7.x; 4.x writes kotlin.Array&lt;TagsEnum&gt; and <a name=…>).
KOTLIN_COLLECTIONS = """
# Palette

## Properties
| Name | Type | Description | Notes |
| ------------ | ------------- | ------------- | ------------- |
| **tags** | [**inline**](#kotlin.collections.List&lt;Tags&gt;) |  |  |
| **kinds** | [**inline**](#kotlin.collections.Set&lt;Kinds&gt;) |  |  [optional] |
| **anything** | [**AnyType**](.md) |  |  [optional] |


<a id="kotlin.collections.List<Tags>"></a>
## Enum: tags
| Name | Value |
| ---- | ----- |
| tags | red, green |


<a id="kotlin.collections.Set<Kinds>"></a>
## Enum: kinds
| Name | Value |
| ---- | ----- |
| kinds | 1, 2 |
"""


def test_a_list_or_set_of_inline_enums_is_an_array_of_the_enum() -> None:
    model, diagnostics = read_page(parse_page("Palette.md", KOTLIN_COLLECTIONS))
    assert diagnostics == []
    assert model is not None and model.dialect == "kotlin"
    assert [(f.type, f.enum_values) for f in model.fields] == [
        (ArrayOf(Primitive(PrimitiveKind.STRING)), ("red", "green")),
        (ArrayOf(Primitive(PrimitiveKind.INTEGER), unique_items=True), (1, 2)),
        (AnyValue(), None),
    ]


def test_a_page_whose_only_cell_is_a_kotlin_scalar_reads_as_kotlin_wherever_its_title_is() -> None:
    for before in ("\n", ""):  # the template's blank line, or none (trimmed)
        page = (
            f"{before}# Count\n\n## Properties\n| Name | Type | Description | Notes |\n"
            "| ------------ | ------------- | ------------- | ------------- |\n"
            "| **total** | **kotlin.Int** |  |  [optional] |\n"
        )
        model, diagnostics = read_page(parse_page("Count.md", page))
        assert diagnostics == []
        assert model is not None and model.dialect == "kotlin"


def test_map_values_that_may_be_null_are_any_value_or_not_read() -> None:
    # Any? takes null as it is; String? would be read as String and reject the nulls sent.
    nested = "kotlin.collections.Map<kotlin.String, kotlin.collections.Map<kotlin.String, kotlin.Any?>>"
    assert parse(nested).type == MapOf(MapOf(AnyValue()))
    with pytest.raises(TypeSyntaxError, match="items that may be null are not read yet"):
        parse("kotlin.collections.Map<kotlin.String, kotlin.String?>")

"""The go dialect: type grammar, nullability, defaults, names and detection (docmodels.dialects.go)."""

from __future__ import annotations

import pytest
from docmodels.dialects.base import NoDefault, ParsedType, TypeSyntaxError
from docmodels.dialects.go import GO
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Default,
    JsonValue,
    MapOf,
    Model,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.page.structure import parse_page
from docmodels.page.typecell import decode_type_cell
from docmodels.reader import read_page

STRING = Primitive(PrimitiveKind.STRING)
BOOLEAN = Primitive(PrimitiveKind.BOOLEAN)
INTEGER = Primitive(PrimitiveKind.INTEGER)
I32 = Primitive(PrimitiveKind.INTEGER, "int32")
I64 = Primitive(PrimitiveKind.INTEGER, "int64")
F32 = Primitive(PrimitiveKind.NUMBER, "float")
F64 = Primitive(PrimitiveKind.NUMBER, "double")
DATE_TIME = Primitive(PrimitiveKind.STRING, "date-time")
BINARY = Primitive(PrimitiveKind.STRING, "binary")


def parse(raw: str) -> ParsedType:
    """The cell as the page writes it, bold and links included."""
    return GO.parse_type(decode_type_cell(raw))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("**int32**", I32),
        ("**int64**", I64),
        ("**float32**", F32),
        ("**float64**", F64),
        ("**uint8**", INTEGER),
        ("**time.Time**", DATE_TIME),
        ("**interface{}**", AnyValue()),
    ],
)
def test_scalars(raw: str, expected: TypeExpr) -> None:
    assert parse(raw) == ParsedType(expected, native_names=1)


def test_a_file_is_a_pointer_to_os_file() -> None:
    assert parse("***os.File**") == ParsedType(BINARY, native_names=2)


@pytest.mark.parametrize(
    ("raw", "expected"), [("**string**", STRING), ("**bool**", BOOLEAN), ("**int**", INTEGER)]
)
def test_names_other_languages_share_are_read_but_are_no_evidence(
    raw: str, expected: TypeExpr
) -> None:
    assert parse(raw) == ParsedType(expected, native_names=0)


@pytest.mark.parametrize(
    ("raw", "expected", "native"),
    [
        ("**[]string**", ArrayOf(STRING), 1),
        ("**[][]float64**", ArrayOf(ArrayOf(F64)), 3),
        ("[**[]Pet**](Pet.md)", ArrayOf(Reference("Pet")), 1),
        ("**map[string]int32**", MapOf(I32), 2),
        ("**map[string][]string**", MapOf(ArrayOf(STRING)), 2),
        ("[**map[string]Pet**](Pet.md)", MapOf(Reference("Pet")), 1),
        ("**[]map[string]bool**", ArrayOf(MapOf(BOOLEAN)), 2),
        ("**[][]Pet**", ArrayOf(ArrayOf(Reference("Pet"))), 2),
        ("**map[string][]Pet**", MapOf(ArrayOf(Reference("Pet"))), 2),
        ("**map[string]map[string]int64**", MapOf(MapOf(I64)), 3),
        # A map of free-form objects: only the innermost map is "any value".
        ("**map[string]map[string]interface{}**", MapOf(MapOf(AnyValue())), 3),
        ("[**map[string]map[string]interface{}**](map.md)", MapOf(MapOf(AnyValue())), 3),
        ("**[]map[string]interface{}**", ArrayOf(AnyValue()), 3),
    ],
)
def test_slices_and_maps(raw: str, expected: TypeExpr, native: int) -> None:
    assert parse(raw) == ParsedType(expected, native_names=native)


def test_a_map_of_anything_is_a_free_form_object_which_is_any_value() -> None:
    assert parse("**map[string]interface{}**") == ParsedType(AnyValue(), native_names=2)


def test_a_model_is_a_reference_and_no_evidence() -> None:
    assert parse("[**PetStatus**](PetStatus.md)") == ParsedType(Reference("PetStatus"))


def test_pointer_to_marks_an_optional_property() -> None:
    assert parse("Pointer to **string**") == ParsedType(STRING, native_names=1)
    assert parse("Pointer to [**Owner**](Owner.md)") == ParsedType(
        Reference("Owner"), native_names=1
    )


def test_swagger_codegens_pointer_star_before_a_model() -> None:
    assert parse("[***Links**](Links.md)") == ParsedType(Reference("Links"), native_names=1)
    assert parse("[***interface{}**](interface{}.md)") == ParsedType(AnyValue(), native_names=2)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("**NullableString**", STRING),
        ("Pointer to **NullableInt32**", I32),
        ("Pointer to **NullableFloat64**", F64),
        ("Pointer to **NullableBool**", BOOLEAN),
        ("Pointer to **NullableTime**", DATE_TIME),
        ("Pointer to [**NullablePet**](Pet.md)", Reference("Pet")),
    ],
)
def test_nullable_wrappers_allow_null(raw: str, expected: TypeExpr) -> None:
    parsed = parse(raw)
    assert (parsed.type, parsed.wrapped_optional) == (expected, True)
    assert GO.nullable(parsed, required=False) is True
    assert GO.nullable(parsed, required=True) is True


def test_a_model_named_nullable_something_links_to_its_own_page() -> None:
    assert parse("[**NullableThing**](NullableThing.md)") == ParsedType(Reference("NullableThing"))


def test_scalars_and_models_without_a_wrapper_do_not_allow_null() -> None:
    assert GO.nullable(parse("Pointer to **string**"), required=False) is False
    assert GO.nullable(parse("[**Pet**](Pet.md)"), required=True) is False


@pytest.mark.parametrize("raw", ["**[]string**", "**map[string]string**", "**interface{}**"])
def test_lists_maps_and_anything_are_never_wrapped_so_null_is_unknown(raw: str) -> None:
    assert GO.nullable(parse(raw), required=False) is None


def test_a_set_nil_method_makes_a_list_map_or_anything_nullable() -> None:
    page = (
        "# Body\n\n## Properties\n\n"
        + HEADER
        + "**Tags** | Pointer to **[]string** |  | [optional] \n"
        + "**Counts** | Pointer to **map[string]int32** |  | [optional] \n"
        + "**Extra** | Pointer to **interface{}** |  | [optional] \n"
        + "\n## Methods\n\n### SetTagsNil\n\n`func (o *Body) SetTagsNil(b bool)`\n\n"
        + " SetTagsNil sets the value for Tags to be an explicit nil\n\n"
        + "### SetExtraNil\n\n`func (o *Body) SetExtraNil(b bool)`\n"
    )
    assert [(f.name, f.nullable) for f in read(page).fields] == [
        ("Tags", True), ("Counts", None), ("Extra", True)
    ]


def test_a_set_nil_method_makes_a_model_nullable_before_7() -> None:
    """5.x writes a nullable model Pointer to [**Category**], as a plain optional one (7.x
    writes NullableCategory): the SetXNil method says which it is."""
    page = (
        "# Body\n\n## Properties\n\n"
        + HEADER
        + "**Owner** | Pointer to [**Category**](Category.md) |  | [optional] \n"
        + "**Seller** | Pointer to [**Category**](Category.md) |  | [optional] \n"
        + "\n## Methods\n\n### SetOwnerNil\n\n`func (o *Body) SetOwnerNil(b bool)`\n"
    )
    owner, seller = read(page).fields
    assert owner.nullable is True
    assert seller.nullable is not True


def test_a_oneof_interfaces_method_set_is_any_value() -> None:
    assert parse("**interface { GetShapeType() string }**").type == AnyValue()


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("map[int32]string", "map keys must be string", 4),
        ("[]", "type ends where a type name was expected", 2),
        ("[3]string", "unexpected character '3' in type", 1),
        ("Pointer from string", "expected 'Pointer to'", 8),
        ("Vec<String>", "unexpected '<' after the type", 3),
        ("list[str]", "unknown type 'list'", 0),
        ("interface{", "type ends where '}' was expected", 10),
        ("NullableString string", "unexpected 'string' after the type", 15),
    ],
)
def test_types_the_grammar_rejects(text: str, message: str, offset: int) -> None:
    with pytest.raises(TypeSyntaxError) as caught:
        parse(text)
    assert (caught.value.message, caught.value.offset) == (message, offset)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('"medium"', "medium"),
        ('"720h"', "720h"),
        # The page's Markdown escapes (\") are undone before the dialect reads the literal.
        ('"it\'s "quoted""', 'it\'s "quoted"'),
        ('"line\\nbreak\\t\\u00e9"', "line\nbreak\té"),
        ("0", 0),
        ("1.5", 1.5),
        ("true", True),
        ("false", False),
        ("[]", []),
    ],
)
def test_defaults(text: str, value: JsonValue) -> None:
    assert GO.parse_default(text) == value
    assert type(GO.parse_default(text)) is type(value)


@pytest.mark.parametrize(
    ("type_cell", "value"),
    [
        ("Pointer to [**[]AttributeFilter**](AttributeFilter.md)", []),
        ("Pointer to **map[string]string**", {}),
        ("Pointer to **map[string]interface{}**", {}),
    ],
)
def test_an_empty_composite_literal_is_a_list_or_a_map_as_the_type_says(
    type_cell: str, value: JsonValue
) -> None:
    page = (
        "# Body\n\n## Properties\n\n"
        + HEADER
        + (f"**Filters** | {type_cell} |  | [optional] [default to {{}}]\n\n## Methods\n")
    )
    assert read(page).fields[0].default == Default(value, "{}")


def test_swagger_codegens_null_default_means_no_default() -> None:
    with pytest.raises(NoDefault):
        GO.parse_default("null")


@pytest.mark.parametrize("text", ["PETSTATUS_AVAILABLE", "medium", "nan", "inf"])
def test_what_is_not_a_go_literal_is_no_default(text: str) -> None:
    with pytest.raises(ValueError, match="not a Go literal"):
        GO.parse_default(text)


@pytest.mark.parametrize(
    ("name", "wire"),
    [
        # A Go name cannot start with a digit; the rest is exact where it has no capital.
        ("Var123start", ("123start", WireNameSource.UNMANGLED)),
        ("Var1stPlace", ("Var1stPlace", WireNameSource.PAGE)),
        ("Variant", ("Variant", WireNameSource.PAGE)),
        # Field names: the JSON key (photo_urls? photoUrls?) is not on the page.
        ("PhotoUrls", ("PhotoUrls", WireNameSource.PAGE)),
        ("Type", ("Type", WireNameSource.PAGE)),
    ],
)
def test_wire_names(name: str, wire: tuple[str, WireNameSource]) -> None:
    assert GO.wire_name(name) == wire


HEADER = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"

GO_7 = (
    "# Scalars\n\n## Properties\n\n" + HEADER + "**ReqString** | **string** |  | \n"
    "**ReqNullable** | **NullableString** |  | \n"
    "**Flag** | Pointer to **bool** |  | [optional] [default to false]\n"
    '**Size** | Pointer to **string** | How big. | [optional] [default to "medium"]\n'
    "\n## Methods\n\n### NewScalars\n\n`func NewScalars(reqString string, ) *Scalars`\n"
)

SWAGGER_2 = (
    "# FeatureFlag\n\n## Properties\n"
    + HEADER
    + "**Key** | **string** |  | [optional] [default to null]\n"
    "**Name** | **string** | Name of the flag. | [optional] [default to null]\n"
)


def read(text: str) -> Model:
    model, diagnostics = read_page(parse_page("Page.md", text))
    assert diagnostics == []
    assert model is not None
    return model


def test_a_go_7_page_reads_as_go() -> None:
    model = read(GO_7)
    assert model.dialect == "go"
    assert [(f.name, f.type, f.required, f.nullable, f.default) for f in model.fields] == [
        ("ReqString", STRING, True, False, None),
        ("ReqNullable", STRING, True, True, None),
        ("Flag", BOOLEAN, False, False, Default(False, "false")),
        ("Size", STRING, False, False, Default("medium", '"medium"')),
    ]


def test_the_methods_section_decides_even_where_every_row_reads_in_other_dialects() -> None:
    # string and bool rows alone read as well in PHP, C# or TypeScript, which count them.
    table = (
        "# Session\n\n## Properties\n\n"
        + HEADER
        + ("**Id** | **string** |  | \n**Open** | **bool** |  | \n**Name** | **string** |  | \n")
    )
    methods = "\n## Methods\n\n### NewSession\n\n`func NewSession() *Session`\n"
    assert read(table + methods).dialect == "go"
    assert read(table).dialect != "go"


def test_a_swagger_codegen_page_of_strings_reads_as_go_not_bash() -> None:
    model = read(SWAGGER_2)
    assert model.dialect == "go"
    assert [(f.name, f.required, f.default) for f in model.fields] == [
        ("Key", False, None),
        ("Name", False, None),
    ]


def test_a_bash_page_with_its_camel_case_names_stays_bash() -> None:
    bash = SWAGGER_2.replace("**Key**", "**key**").replace("**Name**", "**name**")
    assert read(bash).dialect == "bash"


def test_rust_and_python_pages_are_not_go() -> None:
    rust = "# Pet\n\n## Properties\n\n" + HEADER + "**id** | Option<**i64**> |  | [optional]\n"
    python = "# Pet\n\n## Properties\n\n" + HEADER + "**tags** | **list[str]** |  | [optional]\n"
    assert read(rust).dialect == "rust"
    assert read(python).dialect == "python"


def test_before_5_a_pointer_is_a_nullable_property() -> None:
    """4.3's pages have no Methods section and write "Pointer to" for a nullable property
    alone: an optional one is bare. From 5.x on every optional property is a pointer and the
    SetXNil methods say what is nullable."""
    model = read(
        "# ChartAxisDataTypes\n\n## Properties\n\n" + HEADER
        + "**Description** | Pointer to **string** |  | [optional] \n"
        "**Id** | **string** |  | [optional] \n"
        "**Values** | Pointer to **[]string** |  | [optional] \n"
        "**TypeId** | **int32** |  | [optional] \n"
    )
    assert model.dialect == "go"
    assert [(f.name, f.required, f.nullable) for f in model.fields] == [
        ("Description", False, True),
        ("Id", False, False),
        ("Values", False, True),
        ("TypeId", False, False),
    ]


def test_before_5_a_string_default_is_written_as_it_is() -> None:
    """4.3 writes [default to 720h] where 5.x writes [default to "720h"]; an inline enum's
    constant (SIZE_MEDIUM) does not say its value and stays unread, with a warning."""
    page = (
        "# Scalars\n\n## Properties\n\n" + HEADER
        + "**AStringDefault** | **string** |  | [optional] [default to 720h]\n"
        "**AQuotedDefault** | **string** |  | [optional] [default to it's \"quoted\"]\n"
        "**Size** | **string** |  | [optional] [default to SIZE_MEDIUM]\n"
    )
    # Read as go: a page of string rows alone reads as well in php (its folder decides).
    model, diagnostics = read_page(parse_page("Scalars.md", page), GO)
    assert model is not None
    assert [f.default.value if f.default else None for f in model.fields] == [
        "720h", "it's \"quoted\"", None
    ]
    assert [d.message for d in diagnostics] == [
        "property 'Size': default ignored: not a Go literal: 'SIZE_MEDIUM'"
    ]

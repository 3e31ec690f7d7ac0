"""The rust dialect: type grammar, nullability, defaults and names (docmodels.dialects.rust)."""

from __future__ import annotations

import pytest
from docmodels.diagnostics import Location
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.rust import RUST
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Default,
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
from docmodels.page.structure import parse_page
from docmodels.page.typecell import TypeCell, decode_type_cell
from docmodels.reader import read_page

STRING = Primitive(PrimitiveKind.STRING)
BOOLEAN = Primitive(PrimitiveKind.BOOLEAN)
I32 = Primitive(PrimitiveKind.INTEGER, "int32")
I64 = Primitive(PrimitiveKind.INTEGER, "int64")
F32 = Primitive(PrimitiveKind.NUMBER, "float")
F64 = Primitive(PrimitiveKind.NUMBER, "double")


def parse(text: str) -> ParsedType:
    return RUST.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("String", STRING),
        ("i32", I32),
        ("i64", I64),
        ("f32", F32),
        ("f64", F64),
        ("bool", BOOLEAN),
        ("u8", Primitive(PrimitiveKind.INTEGER)),
        ("serde_json::Value", AnyValue()),
        ("uuid::Uuid", Primitive(PrimitiveKind.STRING, "uuid")),
        ("chrono::NaiveDate", Primitive(PrimitiveKind.STRING, "date")),
        ("chrono::DateTime", Primitive(PrimitiveKind.STRING, "date-time")),
        ("std::path::PathBuf", Primitive(PrimitiveKind.STRING, "binary")),
    ],
)
def test_scalars(text: str, expected: TypeExpr) -> None:
    assert parse(text) == ParsedType(expected, native_names=1)


def test_a_chrono_time_zone_parameter_says_nothing_for_json() -> None:
    assert parse("chrono::DateTime<chrono::Utc>") == ParsedType(
        Primitive(PrimitiveKind.STRING, "date-time"), native_names=1
    )


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("Vec<String>", ArrayOf(STRING), 2),
        ("Vec<Vec<f64>>", ArrayOf(ArrayOf(F64)), 3),
        ("HashMap<String, i64>", MapOf(I64), 3),
        ("std::collections::HashMap<String, String>", MapOf(STRING), 3),
        ("::std::collections::HashMap<String, bool>", MapOf(BOOLEAN), 3),
        ("std::collections::HashMap<String, serde_json::Value>", MapOf(AnyValue()), 3),
        ("BTreeMap<String, Vec<i32>>", MapOf(ArrayOf(I32)), 4),
        ("std::collections::HashSet<String>", ArrayOf(STRING, unique_items=True), 2),
        ("Box<models::Node>", Reference("Node"), 2),
    ],
)
def test_containers(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


@pytest.mark.parametrize(
    ("text", "native"),
    [("models::Owner", 1), ("crate::models::Owner", 1), ("Owner", 0)],
)
def test_model_references_with_and_without_a_module_path(text: str, native: int) -> None:
    assert parse(text) == ParsedType(Reference("Owner"), native_names=native)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 4.3 names a schema without a type crate::models::AnyType; no page defines it.
        ("Option<[**crate::models::AnyType**](.md)>", AnyValue()),
        ("**::std::collections::HashMap<String, crate::models::AnyType>**", MapOf(AnyValue())),
        ("Option<[**serde_json::Value**](.md)>", AnyValue()),
    ],
)
def test_free_form_placeholders_are_any_value(text: str, expected: TypeExpr) -> None:
    assert RUST.parse_type(decode_type_cell(text)).type == expected


def test_references_inside_containers_lose_their_module_path() -> None:
    assert parse("::std::collections::HashMap<String, crate::models::Creds>") == ParsedType(
        MapOf(Reference("Creds")), native_names=3
    )
    assert parse("Vec<models::Event>") == ParsedType(ArrayOf(Reference("Event")), native_names=2)


def test_option_wraps_the_whole_type() -> None:
    assert parse("Option<String>") == ParsedType(STRING, wrapped_optional=True, native_names=2)


def test_option_around_a_container_of_models() -> None:
    assert parse("Option<Vec<models::CreateSession200ResponseTimestampsInner>>") == ParsedType(
        ArrayOf(Reference("CreateSession200ResponseTimestampsInner")),
        wrapped_optional=True,
        native_names=3,
    )


def test_option_may_be_fully_qualified() -> None:
    assert parse("std::option::Option<i32>") == ParsedType(
        I32, wrapped_optional=True, native_names=2
    )


def test_without_option_null_is_not_allowed() -> None:
    assert RUST.nullable(parse("String"), required=True) is False
    assert RUST.nullable(parse("String"), required=False) is False


def test_option_on_a_required_property_means_null_is_allowed() -> None:
    assert RUST.nullable(parse("Option<String>"), required=True) is True


def test_option_on_an_optional_property_leaves_null_unknown() -> None:
    assert RUST.nullable(parse("Option<String>"), required=False) is None


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("u128", "unknown type 'u128'", 0),
        ("Vec<strng>", "unknown type 'strng'", 4),
        ("crate::models::owner", "unknown type 'crate::models::owner'", 0),
        ("chrono::NaiveDateTime", "unknown type 'chrono::NaiveDateTime'", 0),
        ("HashMap<i32, String>", "map keys must be String", 8),
        ("Vec<HashMap<u8, String>>", "map keys must be String", 12),
        ("Vec<String", "type ends where '>' was expected", 10),
        ("Option<Option<String>>", "expected '>' but found '<'", 13),
        ("Vec<Option<i32>>", "expected '>' but found '<'", 10),
        ("Option<>", "expected a type name but found '>'", 7),
        ("String>", "unexpected '>' after the type", 6),
        ("*models::X", "expected a type name but found '*'", 0),
        ("map[string]X", "unknown type 'map'", 0),
        ("i32 | None", "unexpected character '|' in type", 4),
    ],
)
def test_types_the_grammar_rejects(text: str, message: str, offset: int) -> None:
    with pytest.raises(TypeSyntaxError) as caught:
        parse(text)
    assert (caught.value.message, caught.value.offset) == (message, offset)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("28800", 28800),
        ("-3", -3),
        ("0.25", 0.25),
        ("1e3", 1000.0),
        ("true", True),
        ("false", False),
        ('"open"', "open"),
        ("open", "open"),
        ("  42 ", 42),
    ],
)
def test_defaults(text: str, value: JsonValue) -> None:
    assert RUST.parse_default(text) == value
    assert type(RUST.parse_default(text)) is type(value)


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-inf", "infinity"])
def test_words_that_python_reads_as_non_finite_floats_are_text(text: str) -> None:
    # Neither a Rust literal nor a JSON number: taken as the string the page wrote.
    assert RUST.parse_default(text) == text


@pytest.mark.parametrize(
    ("name", "wire"),
    [
        ("r#type", ("type", WireNameSource.UNMANGLED)),
        ("r#use", ("use", WireNameSource.UNMANGLED)),
        ("param_self", ("self", WireNameSource.UNMANGLED)),
        ("param_crate", ("crate", WireNameSource.UNMANGLED)),
        ("param_count", ("param_count", WireNameSource.PAGE)),
        ("backend_name", ("backend_name", WireNameSource.PAGE)),
        # 5.x prefixed the generator's reserved words with an underscore.
        ("_type", ("type", WireNameSource.UNMANGLED)),
        ("_self", ("self", WireNameSource.UNMANGLED)),
        ("_in", ("in", WireNameSource.UNMANGLED)),
        ("_private", ("_private", WireNameSource.PAGE)),
        # A name cannot start with a digit: param_ (6.x on) or var_ (5.x) before it.
        ("param_123start", ("123start", WireNameSource.UNMANGLED)),
        ("var_2fa", ("2fa", WireNameSource.UNMANGLED)),
        ("var_name", ("var_name", WireNameSource.PAGE)),
    ],
)
def test_wire_names_undo_rusts_reserved_word_manglings(
    name: str, wire: tuple[str, WireNameSource]
) -> None:
    assert RUST.wire_name(name) == wire


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("CreateSession200Response", "CreateSession200Response"),
        ("ory_client::Identity", "Identity"),
    ],
)
def test_the_model_name_is_the_last_segment_of_the_title(title: str, name: str) -> None:
    assert RUST.model_name(title) == name


def test_a_string_linked_to_string_md_is_a_date() -> None:
    # Up to 7.12 the generator maps date to an unknown lower-case "string" and links it.
    cell = decode_type_cell("Option<[**String**](string.md)>")
    assert RUST.parse_type(cell) == ParsedType(
        Primitive(PrimitiveKind.STRING, "date"), wrapped_optional=True, native_names=2
    )


def test_a_list_linked_to_string_md_is_a_list_of_dates() -> None:
    cell = decode_type_cell("[**Vec<String>**](string.md)")
    assert RUST.parse_type(cell).type == ArrayOf(Primitive(PrimitiveKind.STRING, "date"))


def test_an_unlinked_string_is_a_plain_string() -> None:
    assert RUST.parse_type(decode_type_cell("Option<**String**>")).type == STRING


def test_an_empty_list_default() -> None:
    assert RUST.parse_default("[]") == []


@pytest.mark.parametrize(
    "text",
    ["Medium", "IbmcloudCos", "Variant2", "Size_Medium", "HydraStrategiesScopeEnum_Wildcard"],
)
def test_an_enum_variants_name_is_not_a_default_value(text: str) -> None:
    with pytest.raises(ValueError, match="enum variant's name"):
        RUST.parse_default(text)


@pytest.mark.parametrize("text", ["POST", "USE_CLOUD", "smtp", "720h", "client_secret_basic"])
def test_strings_no_variant_is_named_are_defaults(text: str) -> None:
    assert RUST.parse_default(text) == text


def _field(type_: TypeExpr, description: str, default: Default | None = None) -> Field:
    return Field(
        name="size",
        wire_name="size",
        wire_name_source=WireNameSource.PAGE,
        type=type_,
        required=False,
        nullable=None,
        read_only=False,
        default=default,
        description=description,
        location=Location("Pet.md", 8, 1),
    )


def test_an_inline_enum_is_a_string_limited_to_the_values_the_description_lists() -> None:
    field, understood = RUST.finish_field(
        _field(Reference("Size"), "How big the pet is. (enum: small, medium, large)"), Notes()
    )
    assert (field.type, field.enum_values, field.description) == (
        STRING,
        ("small", "medium", "large"),
        "How big the pet is.",
    )
    assert understood == frozenset()


def test_an_inline_enum_of_integers() -> None:
    field, _ = RUST.finish_field(_field(Reference("Level"), "(enum: 1, 2, 3)"), Notes())
    assert (field.type, field.enum_values, field.description) == (
        Primitive(PrimitiveKind.INTEGER),
        (1, 2, 3),
        "",
    )


@pytest.mark.parametrize("written", ["Medium", "Size_Medium"])
def test_an_inline_enums_default_is_the_value_its_variant_names(written: str) -> None:
    field, _ = RUST.finish_field(
        _field(Reference("Size"), "(enum: small, medium, large)"),
        Notes(optional=True, default=written),
    )
    assert field.default == Default("medium", written)


def test_a_default_naming_no_listed_variant_stays_unread() -> None:
    field, _ = RUST.finish_field(
        _field(Reference("Size"), "(enum: small, medium, large)"), Notes(default="Huge")
    )
    assert field.default is None


def test_a_description_without_enum_values_leaves_the_field_as_it_is() -> None:
    plain = _field(Reference("Size"), "How big (roughly) the pet is.")
    assert RUST.finish_field(plain, Notes()) == (plain, frozenset())


PET_7_26 = """# Pet

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**id** | **i64** |  | 
**size** | Option<**Size**> | How big. (enum: small, medium, large) | [optional][default to Medium]
"""

PET_7_12 = PET_7_26.replace(
    "Option<**Size**> | How big. (enum: small, medium, large)", "Option<**String**> | How big."
)


def test_a_page_with_an_inline_enum_reads_its_values_and_default_without_a_warning() -> None:
    model, diagnostics = read_page(parse_page("Pet.md", PET_7_26))
    assert model is not None
    size = model.fields[1]
    assert (size.type, size.enum_values, size.default) == (
        STRING,
        ("small", "medium", "large"),
        Default("medium", "Medium"),
    )
    assert diagnostics == []


def test_a_variant_name_default_without_the_values_is_dropped_with_a_warning() -> None:
    model, diagnostics = read_page(parse_page("Pet.md", PET_7_12))
    assert model is not None
    assert (model.fields[1].type, model.fields[1].default) == (STRING, None)
    assert [d.message for d in diagnostics] == [
        "property 'size': default ignored: 'Medium' is an enum variant's name, not its value"
    ]


OPTIONAL_STRING = """# Address

## Properties
Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**street** | **String** |  | [optional]
"""


def test_an_optional_row_without_option_is_not_rust() -> None:
    # Rust wraps every optional property in Option<>; Swift writes String alike, without it.
    assert RUST.page_evidence(parse_page("Address.md", OPTIONAL_STRING)) < 0
    model, _ = read_page(parse_page("Address.md", OPTIONAL_STRING))
    assert model is not None
    assert model.dialect != "rust"


def test_optional_rows_in_option_are_no_evidence_against_rust() -> None:
    page = OPTIONAL_STRING.replace("**String**", "Option<**String**>")
    assert RUST.page_evidence(parse_page("Address.md", page)) == 0


def test_an_inline_enum_keeps_a_scalar_type_the_page_writes() -> None:
    field, _ = RUST.finish_field(_field(I64, "Level. (enum: 1, 2, 3)"), Notes())
    assert (field.type, field.enum_values) == (I64, (1, 2, 3))


def test_a_string_with_numeric_looking_enum_values_stays_a_string() -> None:
    field, _ = RUST.finish_field(_field(STRING, "Code. (enum: 200, 404)"), Notes())
    assert (field.type, field.enum_values) == (STRING, ("200", "404"))

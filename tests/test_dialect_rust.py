"""The rust dialect: type grammar, nullability, defaults and names (docmodels.dialects.rust)."""

from __future__ import annotations

import pytest
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.rust import RUST
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
from docmodels.page.typecell import TypeCell

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

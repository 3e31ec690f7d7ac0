"""The rust-server dialect: openapi-generator's rust-server (docmodels.dialects.rust_server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmodels.diagnostics import Severity
from docmodels.dialects import registry
from docmodels.dialects.base import NoDefault, ParsedType, TypeSyntaxError
from docmodels.dialects.rust import RUST
from docmodels.dialects.rust_server import RUST_SERVER
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Default,
    JsonValue,
    MapOf,
    ModelKind,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.load import load
from docmodels.page.structure import parse_page
from docmodels.page.typecell import TypeCell, decode_type_cell
from docmodels.reader import read_page

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STRING = Primitive(PrimitiveKind.STRING)
I32 = Primitive(PrimitiveKind.INTEGER, "int32")
I64 = Primitive(PrimitiveKind.INTEGER, "int64")
F64 = Primitive(PrimitiveKind.NUMBER, "double")


def parse(text: str, links: tuple[str, ...] = ()) -> ParsedType:
    return RUST_SERVER.parse_type(TypeCell(text, links))


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("String", STRING, 1),
        ("i32", I32, 1),
        ("i64", I64, 1),
        ("u32", Primitive(PrimitiveKind.INTEGER), 1),
        ("f32", Primitive(PrimitiveKind.NUMBER, "float"), 1),
        ("f64", F64, 1),
        ("bool", Primitive(PrimitiveKind.BOOLEAN), 1),
        ("*uuid::Uuid", Primitive(PrimitiveKind.STRING, "uuid"), 2),
        ("*chrono::naive::NaiveDate", Primitive(PrimitiveKind.STRING, "date"), 2),
        ("chrono::DateTime::<chrono::Utc>", Primitive(PrimitiveKind.STRING, "date-time"), 1),
        ("*swagger::ByteArray", Primitive(PrimitiveKind.STRING, "byte"), 2),
        ("*serde_json::Value", AnyValue(), 2),
        ("swagger::AnyType", AnyValue(), 1),
        ("*models::Pet", Reference("Pet"), 2),
        ("models::Pet", Reference("Pet"), 1),
        ("Pet", Reference("Pet"), 0),
        ("Vec<String>", ArrayOf(STRING), 2),
        ("Vec‹String>", ArrayOf(STRING), 2),
        ("Vec‹models::Pet›", ArrayOf(Reference("Pet")), 2),
        ("Vec<Vec<f64>>", ArrayOf(ArrayOf(F64)), 3),
        ("std::collections::HashMap<String, i32>", MapOf(I32), 3),
        ("std::collections::HashMap<String, Vec<String>>", MapOf(ArrayOf(STRING)), 4),
    ],
)
def test_types(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


def test_nullable_wraps_a_type_that_may_be_null() -> None:
    parsed = parse("swagger::Nullable<Vec<String>>")
    assert parsed == ParsedType(ArrayOf(STRING), wrapped_optional=True, native_names=3)
    assert RUST_SERVER.nullable(parsed, False) is True
    assert RUST_SERVER.nullable(parse("String"), True) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[***swagger::ByteArray**](file.md)", Primitive(PrimitiveKind.STRING, "binary")),
        ("[***chrono::DateTime::<chrono::Utc>**](date.md)", Primitive(PrimitiveKind.STRING, "date")),
        ("[***models::OrderCancellationReasonType**](OrderCancellationReasonType.md)",
         Reference("OrderCancellationReasonType")),
        ("[**Vec<models::GetOfferDto>**](GetOfferDTO.md)", ArrayOf(Reference("GetOfferDto"))),
    ],
)
def test_cells_as_the_page_writes_them(raw: str, expected: TypeExpr) -> None:
    assert RUST_SERVER.parse_type(decode_type_cell(raw)).type == expected


@pytest.mark.parametrize(
    "text", ["Option<String>", "HashMap<i32, String>", "string", "**String", "Vec<String"]
)
def test_what_rust_server_pages_never_write_is_a_syntax_error(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse(text, ("x.md",))  # "string" alone is a "## Type" section's, without links


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Some(0)", 0),
        ("Some(1.5)", 1.5),
        ("Some(false)", False),
        ('Some("720h".to_string())', "720h"),
        ('Some("it\'s "q"".to_string())', 'it\'s "q"'),
        ('"general".to_string()', "general"),
        ("28800", 28800),
    ],
)
def test_defaults(text: str, value: JsonValue) -> None:
    assert RUST_SERVER.parse_default(text) == value


def test_none_is_no_default() -> None:
    with pytest.raises(NoDefault):
        RUST_SERVER.parse_default("None")


@pytest.mark.parametrize(
    ("name", "wire", "source"),
    [
        ("r#type", "type", WireNameSource.UNMANGLED),
        ("param_self", "self", WireNameSource.UNMANGLED),
        ("param_123start", "123start", WireNameSource.UNMANGLED),
        ("class", "class", WireNameSource.PAGE),
    ],
)
def test_wire_names(name: str, wire: str, source: WireNameSource) -> None:
    assert RUST_SERVER.wire_name(name) == (wire, source)


def test_the_fixture_folder_reads_clean_and_its_references_land() -> None:
    folder = FIXTURES / "rust_server"
    model_set, diagnostics = load([folder], folder)
    assert [d for d in diagnostics if d.severity is Severity.ERROR] == []
    models = model_set.by_name()
    # The titles name the models, as the types do (the links say ParcelItemDTO.md).
    assert sorted(models) == ["ParcelDto", "ParcelItemDto", "ParcelState", "PriceOrText"]
    parcel = models["ParcelDto"]
    assert parcel.dialect == "rust-server"
    fields = {f.wire_name: f for f in parcel.fields}
    assert [(f.wire_name, f.type, f.required) for f in parcel.fields][:4] == [
        ("id", I64, True),
        ("label", STRING, True),
        ("state", Reference("ParcelState"), True),
        ("items", ArrayOf(Reference("ParcelItemDto")), True),
    ]
    assert fields["barcodes"].type == ArrayOf(STRING)
    assert fields["barcodes"].default is None
    assert fields["scan"].type == Primitive(PrimitiveKind.STRING, "binary")
    assert fields["note"].nullable is True
    assert fields["fragile"].default == Default(False, "Some(false)")
    assert fields["carrier"].default == Default("post", 'Some("post".to_string())')
    assert fields["type"].default == Default("parcel", '"parcel".to_string()')
    # The escape is undone; the pages write field names, so the key is one of its spellings.
    assert fields["type"].wire_name_source is WireNameSource.UNCERTAIN
    assert fields["type"].wire_names == ("type", "Type")
    # 7.26's "## Type" pages: an enum's base type, a oneOf's members.
    assert models["ParcelState"].kind is ModelKind.UNION
    assert models["ParcelState"].variants == (STRING,)
    assert models["PriceOrText"].variants == (STRING, F64)


def test_rust_server_cells_choose_rust_server() -> None:
    cells = [decode_type_cell("[***models::Pet**](Pet.md)"), decode_type_cell("**String**")]
    assert registry.detect(cells) is RUST_SERVER


def test_default_to_none_is_rust_server_evidence() -> None:
    text = (FIXTURES / "rust_server" / "ParcelDto.md").read_text(encoding="utf-8")
    page = parse_page("ParcelDto.md", text)
    assert RUST_SERVER.page_evidence(page) > 0
    assert RUST.page_evidence(page) < 0


def test_the_rust_fixture_pages_still_read_as_rust() -> None:
    for path in sorted((FIXTURES / "rust").glob("*.md")):
        model, _ = read_page(parse_page(path.name, path.read_text(encoding="utf-8")))
        assert model is not None and model.dialect in ("rust", "generic"), path.name


@pytest.mark.parametrize(
    "body", ["**swagger::OneOf2<**", "**swagger::OneOf2<String,f64> x**", "**é**"]
)
def test_a_type_section_it_cannot_read_is_a_loss_not_a_crash(body: str) -> None:
    page = parse_page("X.md", f"# X\n\n## Type\n{body}\n")
    model, diagnostics = read_page(page, RUST_SERVER)
    assert model is not None and model.variants == (AnyValue(),)
    assert [(d.severity, d.loss) for d in diagnostics] == [(Severity.WARNING, True)]


def test_a_one_of_of_nested_types_splits_at_its_top_level_commas() -> None:
    page = parse_page("X.md", "# X\n\n## Type\n**swagger::OneOf3<Vec<String>,models::Pet,i32>**\n")
    model, diagnostics = read_page(page)
    assert diagnostics == []
    assert model is not None and model.variants == (ArrayOf(STRING), Reference("Pet"), I32)


REQUIRED_ONLY = """# Box{gap}
## Properties
{blank}Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**id** | **i64** |  | 
**sizes** | **Vec<f64>** |  | 
"""


@pytest.mark.parametrize(("blank", "dialect"), [("", "rust-server"), ("\n", "rust")])
def test_required_rows_only_are_told_apart_by_the_blank_line_under_the_heading(
    blank: str, dialect: str
) -> None:
    page = parse_page("Box.md", REQUIRED_ONLY.format(gap="\n", blank=blank))
    model, diagnostics = read_page(page)
    assert diagnostics == []
    assert model is not None and model.dialect == dialect


def test_an_optional_row_without_a_default_note_is_not_rust_server() -> None:
    text = REQUIRED_ONLY.format(gap="\n", blank="") + "**tag** | **String** |  | [optional]\n"
    assert RUST_SERVER.page_evidence(parse_page("Box.md", text)) < 0


def test_a_default_of_null_is_not_rust_server() -> None:
    text = REQUIRED_ONLY.format(gap="\n", blank="") + "**tag** | **String** |  | [default to null]\n"
    assert RUST_SERVER.page_evidence(parse_page("Box.md", text)) < 0


def test_a_page_of_strings_only_is_no_rust_server_evidence() -> None:
    text = REQUIRED_ONLY.format(gap="\n", blank="").replace("i64", "String").replace("Vec<f64>", "String")
    # Swift's and Dart's words too: such a page is another's where that one reads it as well.
    assert RUST_SERVER.page_evidence(parse_page("Box.md", text)) < 0


def test_a_page_of_strings_only_is_left_to_the_dialects_before_it() -> None:
    text = REQUIRED_ONLY.format(gap="\n", blank="").replace("i64", "String").replace("Vec<f64>", "String")
    cells = [decode_type_cell("**String**"), decode_type_cell("**String**")]
    assert registry.detect(cells, parse_page("Box.md", text)) is not RUST_SERVER

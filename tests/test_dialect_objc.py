"""The objc dialect: openapi-generator's objc client (docmodels.dialects.objc)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmodels.diagnostics import Severity
from docmodels.dialects import registry
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.objc import OBJC
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Default,
    EitherOf,
    JsonValue,
    MapOf,
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
NUMBER = Primitive(PrimitiveKind.NUMBER)
# NSNumber is written for numbers and booleans alike.
NUMBER_OR_BOOLEAN = EitherOf((NUMBER, Primitive(PrimitiveKind.BOOLEAN)))


def parse(text: str) -> ParsedType:
    return OBJC.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("NSString*", STRING, 1),
        ("NSNumber*", NUMBER_OR_BOOLEAN, 1),
        ("NSDate*", STRING, 1),
        ("NSData*", Primitive(PrimitiveKind.STRING, "byte"), 1),
        ("NSURL*", Primitive(PrimitiveKind.STRING, "binary"), 1),
        ("NSObject*", AnyValue(), 1),
        ("OAIAnyType*", AnyValue(), 1),
        ("OAIPet*", Reference("Pet"), 1),
        ("SWGPet*", Reference("Pet"), 1),
        ("Pet*", Reference("Pet"), 0),
        ("NSArray<NSString*>*", ArrayOf(STRING), 2),
        ("NSArray<OAIPet>*", ArrayOf(Reference("Pet")), 2),
        ("NSArray<NSArray<NSNumber*>*>*", ArrayOf(ArrayOf(NUMBER_OR_BOOLEAN)), 3),
        ("OAISet<NSString*>*", ArrayOf(STRING, unique_items=True), 2),
        ("NSDictionary<NSString*, NSNumber*>*", MapOf(NUMBER_OR_BOOLEAN), 3),
        ("NSDictionary<NSString*, NSArray<NSString*>*>*", MapOf(ArrayOf(STRING)), 4),
        # A map of models: the generator leaves the key type out.
        ("NSDictionary<OAIPet>*", MapOf(Reference("Pet")), 2),
    ],
)
def test_types(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


def test_a_cell_is_read_with_its_markdown() -> None:
    cell = decode_type_cell("[**NSArray&lt;OAIHiddenOfferDTO&gt;***](OAIHiddenOfferDTO.md)")
    assert OBJC.parse_type(cell).type == ArrayOf(Reference("HiddenOfferDTO"))


@pytest.mark.parametrize(
    "text",
    ["NSString", "String", "NSArray<NSString*>", "NSDictionary<NSNumber*, NSString*>*", "int*"],
)
def test_what_objc_pages_never_write_is_a_syntax_error(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse(text)


@pytest.mark.parametrize(
    ("title", "name"),
    [("OAIPet", "Pet"), ("SWGPet", "Pet"), ("OAIHiddenOfferDTO", "HiddenOfferDTO"), ("Pet", "Pet"),
     ("OAI", "OAI"), ("OAIx", "OAIx")],
)
def test_the_class_prefix_is_taken_off_model_names(title: str, name: str) -> None:
    assert OBJC.model_name(title) == name


@pytest.mark.parametrize(
    ("text", "value"),
    [('@"720h"', "720h"), ('@"it\'s "q""', 'it\'s "q"'), ("@0", 0), ("@1.5", 1.5), ("@(YES)", True),
     ("@(NO)", False)],
)
def test_defaults(text: str, value: JsonValue) -> None:
    assert OBJC.parse_default(text) == value


@pytest.mark.parametrize("text", ["720h", "YES", "@nan"])
def test_a_default_that_is_no_objc_literal_is_not_read(text: str) -> None:
    with pytest.raises(ValueError):
        OBJC.parse_default(text)


@pytest.mark.parametrize(
    ("name", "wire", "source"),
    [
        ("_id", "id", WireNameSource.UNMANGLED),
        ("_description", "description", WireNameSource.UNMANGLED),
        ("_class", "class", WireNameSource.UNMANGLED),
        ("_123start", "123start", WireNameSource.UNMANGLED),
        ("_links", "_links", WireNameSource.PAGE),
        ("varNewDate", "newDate", WireNameSource.UNMANGLED),
        ("varCopy", "copy", WireNameSource.UNMANGLED),
        ("variant", "variant", WireNameSource.PAGE),
        ("varName", "varName", WireNameSource.PAGE),
        ("self", "self", WireNameSource.PAGE),
    ],
)
def test_wire_names(name: str, wire: str, source: WireNameSource) -> None:
    assert OBJC.wire_name(name) == (wire, source)


def test_the_fixture_folder_reads_clean_and_its_references_land() -> None:
    folder = FIXTURES / "objc"
    model_set, diagnostics = load([folder], folder)
    assert [d for d in diagnostics if d.severity is Severity.ERROR] == []
    models = model_set.by_name()
    assert sorted(models) == ["Parcel", "ParcelItem", "ParcelState"]
    parcel = models["Parcel"]
    assert parcel.dialect == "objc"
    fields = {f.wire_name: f for f in parcel.fields}
    assert [(f.wire_name, f.type, f.required) for f in parcel.fields][:4] == [
        ("id", NUMBER_OR_BOOLEAN, True),
        ("label", STRING, True),
        ("state", Reference("ParcelState"), True),
        ("items", ArrayOf(Reference("ParcelItem")), True),
    ]
    assert fields["zones"].type == ArrayOf(NUMBER_OR_BOOLEAN, unique_items=True)
    assert fields["itemsBySku"].type == MapOf(Reference("ParcelItem"))
    assert fields["sentAt"].read_only
    # The escape is undone; the pages write field names, so the key is one of its spellings.
    assert fields["description"].wire_name_source is WireNameSource.UNCERTAIN
    assert fields["description"].wire_names == ("description", "Description")
    # NSNumber with a @(NO) default: the default tells a boolean.
    assert fields["fragile"].type == Primitive(PrimitiveKind.BOOLEAN)
    assert fields["fragile"].default == Default(False, "@(NO)")
    assert fields["weight"].default == Default(2.5, "@2.5")
    assert fields["weight"].type == NUMBER  # a number's default: not a boolean
    assert fields["carrier"].default == Default("post", '@"post"')
    # An enum's page is an empty table; its name loses the prefix as the references do.
    assert models["ParcelState"].values_lost and models["ParcelState"].missing


def test_objc_cells_choose_objc() -> None:
    cells = [decode_type_cell("**NSString***"), decode_type_cell("[**OAIPet***](OAIPet.md)")]
    assert registry.detect(cells) is OBJC


def test_an_empty_table_with_a_prefixed_title_is_objc() -> None:
    page = parse_page("OAIParcelState.md", (FIXTURES / "objc" / "OAIParcelState.md").read_text())
    model, _ = read_page(page)
    assert model is not None and model.name == "ParcelState"


@pytest.mark.parametrize("folder", ["rust", "python"])
def test_other_fixture_pages_are_not_objc(folder: str) -> None:
    for path in sorted((FIXTURES / folder).glob("*.md")):
        model, _ = read_page(parse_page(path.name, path.read_text(encoding="utf-8")))
        assert model is None or model.dialect != "objc", path.name

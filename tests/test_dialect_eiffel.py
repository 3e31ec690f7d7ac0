"""The eiffel dialect (docmodels.dialects.eiffel) and the one name its models get across pages
(docmodels.canonical)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmodels.dialects import registry
from docmodels.dialects.base import NoDefault, TypeSyntaxError
from docmodels.dialects.eiffel import EIFFEL
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
from docmodels.load import load
from docmodels.page.structure import parse_page
from docmodels.page.typecell import decode_type_cell
from docmodels.reader import read_page

FIXTURES = Path(__file__).parent / "fixtures" / "eiffel"
STRING = Primitive(PrimitiveKind.STRING)
DOUBLE = Primitive(PrimitiveKind.NUMBER, "double")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("[**STRING_32**](STRING_32.md)", STRING),
        ("[**STRING**](STRING.md)", STRING),
        ("**INTEGER_32**", Primitive(PrimitiveKind.INTEGER)),
        ("**INTEGER_64**", Primitive(PrimitiveKind.INTEGER, "int64")),
        ("**REAL_32**", Primitive(PrimitiveKind.NUMBER)),
        ("**REAL_64**", DOUBLE),
        ("**BOOLEAN**", Primitive(PrimitiveKind.BOOLEAN)),
        ("[**DATE**](DATE.md)", Primitive(PrimitiveKind.STRING, "date")),
        ("[**DATE_TIME**](DATE_TIME.md)", Primitive(PrimitiveKind.STRING, "date-time")),
        ("[**UUID**](UUID.md)", Primitive(PrimitiveKind.STRING, "uuid")),
        ("[**FILE**](FILE.md)", Primitive(PrimitiveKind.STRING, "binary")),
        ("[**ARRAY [NATURAL_8]**](ARRAY [NATURAL_8].md)", Primitive(PrimitiveKind.STRING, "byte")),
        ("[**ANY**](.md)", AnyValue()),
        ("[**LIST [STRING_32]**](STRING_32.md)", ArrayOf(STRING)),
        ("**STRING_TABLE [INTEGER_32]**", MapOf(Primitive(PrimitiveKind.INTEGER))),
        ("[**LIST [LIST [REAL_64]]**](LIST.md)", ArrayOf(ArrayOf(DOUBLE))),
        # The link spells the model's CamelCase name, which the text lost.
        ("[**GET_OFFER_DTO**](GetOfferDTO.md)", Reference("GetOfferDTO")),
        ("[**LIST [HIDDEN_OFFER_DTO]**](HiddenOfferDTO.md)", ArrayOf(Reference("HiddenOfferDTO"))),
        ("[**OWNER_ADDRESS**](Owner_address.md)", Reference("Owner_address")),
        # A link that names another model (or nothing) leaves the text's name.
        ("[**STRING_TABLE [LIST [PET]]**](LIST.md)", MapOf(ArrayOf(Reference("PET")))),
        # Punctuation in the spec's name is "_", doubled or trailing (User--Mini,
        # "MetadataField (Write)").
        ("[**USER__MINI**](User--Mini.md)", Reference("USER__MINI")),
        ("[**LIST [METADATA_FIELD__WRITE_]**](LIST.md)", ArrayOf(Reference("METADATA_FIELD__WRITE_"))),
        # A scalar links to its own name; a model named like one (the spec's Date) to its own.
        ("[**DATE**](Date.md)", Reference("Date")),
    ],
)
def test_types(cell: str, expected: TypeExpr) -> None:
    assert EIFFEL.parse_type(decode_type_cell(cell)).type == expected


@pytest.mark.parametrize("cell", ["**ARRAY [INTEGER_32]**", "**string**", "**LIST [**", "**Pet**"])
def test_what_eiffel_pages_never_write_is_a_syntax_error(cell: str) -> None:
    with pytest.raises(TypeSyntaxError):
        EIFFEL.parse_type(decode_type_cell(cell))


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), ("1.5", 1.5), ("false", False), ("720h", "720h"), ("[]", []), ("{}", {})],
)
def test_defaults_are_written_bare(text: str, value: JsonValue) -> None:
    assert EIFFEL.parse_default(text) == value


def test_null_is_no_default() -> None:
    with pytest.raises(NoDefault):
        EIFFEL.parse_default("null")


@pytest.mark.parametrize(
    ("name", "wire", "source"),
    [
        ("var_result", "result", WireNameSource.UNMANGLED),
        ("var_from", "from", WireNameSource.UNMANGLED),
        ("var_123start", "123start", WireNameSource.UNMANGLED),
        ("var_links", "_links", WireNameSource.UNMANGLED),
        ("variant_id", "variant_id", WireNameSource.PAGE),
        ("offer", "offer", WireNameSource.PAGE),
    ],
)
def test_wire_names(name: str, wire: str, source: WireNameSource) -> None:
    assert EIFFEL.wire_name(name) == (wire, source)


def test_a_page_of_model_references_only_is_eiffel() -> None:
    """Every cell reads alike in every grammar; the UPPER_SNAKE title tells (bash also writes
    [default to null] on every row)."""
    page = parse_page(
        "GET_OFFER_MAPPING_DTO.md",
        "# GET_OFFER_MAPPING_DTO\n\n## Properties\nName | Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n"
        "**offer** | [**GET_OFFER_DTO**](GetOfferDTO.md) |  | [optional] [default to null]\n",
    )
    cells = [decode_type_cell("[**GET_OFFER_DTO**](GetOfferDTO.md)")]
    assert registry.detect(cells, page) is EIFFEL


def test_a_string_default_that_reads_as_a_number_is_the_text() -> None:
    model, diagnostics = read_page(parse_page("x.md", (FIXTURES / "ORDER_ITEM_DTO.md").read_text()))
    assert diagnostics == []
    assert model is not None
    defaults = {f.wire_name: f.default.value if f.default else None for f in model.fields}
    assert defaults == {"sku": None, "count": 1, "price": None, "123code": "7", "_links": None}


def test_a_folder_gets_the_camel_case_names_its_links_spell() -> None:
    model_set, diagnostics = load([FIXTURES], FIXTURES)
    assert [d for d in diagnostics if d.severity.name == "ERROR"] == []
    by_name = model_set.by_name()
    # Linked models take the link's spelling; LONE_ITEM_DTO, linked by none, is made PascalCase.
    assert sorted(by_name) == ["LoneItemDto", "OrderDto", "OrderItemDTO", "OrderStatusType"]
    order = {f.wire_name: f for f in by_name["OrderDto"].fields}
    assert order["result"].type == Reference("OrderItemDTO")
    assert order["items"].type == ArrayOf(Reference("OrderItemDTO"))
    assert order["status"].type == Reference("OrderStatusType")
    assert order["by_code"].type == MapOf(ArrayOf(DOUBLE))
    assert order["placed_at"].read_only
    assert order["channel"].default is not None and order["channel"].default.value == "web"
    # A reference the link does not spell keeps the title's name, and is renamed with the model.
    assert order["by_sku"].type == MapOf(ArrayOf(Reference("OrderItemDTO")))
    assert [f.required for f in order.values()] == [True, False, True] + [False] * 7


def test_a_model_its_links_spell_two_ways_gets_the_spelling_most_use(tmp_path: Path) -> None:
    table = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
    (tmp_path / "MOVIE.md").write_text(
        "# MOVIE\n\n## Properties\n" + table
        + "**people** | [**MOVIE_PEOPLE**](Movie_people.md) |  | [optional] [default to null]\n"
        + "**cast** | [**LIST [MOVIE_PEOPLE]**](MoviePeople.md) |  | [optional] [default to null]\n"
        + "**crew** | [**LIST [MOVIE_PEOPLE]**](MoviePeople.md) |  | [optional] [default to null]\n"
    )
    (tmp_path / "MOVIE_PEOPLE.md").write_text(
        "# MOVIE_PEOPLE\n\n## Properties\n" + table
        + "**name** | [**STRING_32**](STRING_32.md) |  | [optional] [default to null]\n"
    )
    model_set, diagnostics = load([tmp_path], tmp_path)
    assert diagnostics == []
    by_name = model_set.by_name()
    assert sorted(by_name) == ["Movie", "MoviePeople"]
    assert [f.type for f in by_name["Movie"].fields] == [
        Reference("MoviePeople"), ArrayOf(Reference("MoviePeople")), ArrayOf(Reference("MoviePeople"))
    ]

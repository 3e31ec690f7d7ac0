"""The ktorm-schema dialect (docmodels.dialects.ktorm) and its seven-column table
(docmodels.page.columns)."""

from __future__ import annotations

from pathlib import Path

from docmodels.dialects import registry
from docmodels.dialects.ktorm import KTORM_SCHEMA
from docmodels.ir import (
    ArrayOf,
    MapOf,
    ModelKind,
    Primitive,
    PrimitiveKind,
    Reference,
    WireNameSource,
)
from docmodels.load import load
from docmodels.page.structure import parse_page
from docmodels.page.typecell import decode_type_cell
from docmodels.reader import read_page

FIXTURES = Path(__file__).parent / "fixtures" / "ktorm-schema"
STRING = Primitive(PrimitiveKind.STRING)


def read(name: str):  # type: ignore[no-untyped-def]
    model, diagnostics = read_page(parse_page(name, (FIXTURES / name).read_text()))
    assert diagnostics == []
    assert model is not None
    return model


def test_the_seven_column_table_is_read_by_its_header() -> None:
    model = read("Order.md")
    assert model.name == "Order" and model.dialect == "ktorm-schema"
    fields = {f.name: f for f in model.fields}
    assert [(f.name, f.wire_name) for f in model.fields] == [
        ("id", "id"),
        ("lines", "lines"),  # `One-To-Many` names no key: the page's name is the best there is
        ("state", "state"),
        ("propertyKind", "kind"),  # the Mapping column names the key
        ("placedAt", "placed_at"),
        ("channel", "channel"),
        ("attributes", "attributes"),
    ]
    assert fields["placedAt"].wire_name_source is WireNameSource.PAGE
    assert fields["id"].description == "Order number."
    assert fields["id"].type == Primitive(PrimitiveKind.INTEGER, "int64")
    assert fields["lines"].type == ArrayOf(Reference("OrderLine"))
    assert fields["state"].type == Reference("OrderState")
    assert fields["placedAt"].read_only and fields["placedAt"].type == Primitive(PrimitiveKind.STRING, "date-time")
    assert fields["attributes"].type == MapOf(STRING)
    assert [f.required for f in model.fields] == [True, True, False, False, False, False, False]


def test_the_default_column_is_the_default() -> None:
    fields = {f.name: f for f in read("Order.md").fields}
    assert fields["channel"].default is not None and fields["channel"].default.value == "web"
    assert fields["lines"].default is None  # `----`


def test_an_inline_enum_without_its_section_takes_the_sql_type() -> None:
    fields = {f.name: f for f in read("Order.md").fields}
    assert fields["propertyKind"].type == STRING
    assert fields["propertyKind"].description == "Either a | b."


def test_relationship_tables_are_not_models() -> None:
    model_set, diagnostics = load([FIXTURES], FIXTURES)
    assert [d for d in diagnostics if d.severity.name == "ERROR"] == []
    assert sorted(m.name for m in model_set.models) == ["Order", "OrderLine", "OrderState"]
    assert model_set.by_name()["OrderState"].kind is ModelKind.ENUM


def test_a_table_title_is_ktorm_not_kotlin() -> None:
    page = parse_page("OrderLine.md", (FIXTURES / "OrderLine.md").read_text())
    assert registry.detect([decode_type_cell("**kotlin.String**")], page) is KTORM_SCHEMA


def test_the_columns_a_header_names() -> None:
    from docmodels.page import columns
    from docmodels.page.cells import Cell
    from docmodels.page.notes import Notes

    assert columns.KTORM.shape == "Name | Mapping | SQL Type | Default | Type | Description | Notes"
    assert columns.mapped_key(Cell("`One-To-Many`", 1)) is None
    assert columns.mapped_key(Cell("age\\_in\\_days", 1)) == "age_in_days"
    assert columns.with_default(Cell("`----`", 1), Notes()) == Notes()
    assert columns.with_default(Cell("0", 1), Notes()).default == "0"
    # A default the notes state wins over the column's.
    assert columns.with_default(Cell("0", 1), Notes(default="1")).default == "1"

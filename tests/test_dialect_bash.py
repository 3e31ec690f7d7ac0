"""The bash dialect: type grammar, defaults, names and detection (docmodels.dialects.bash)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmodels.dialects import registry
from docmodels.dialects.base import NoDefault, ParsedType, TypeSyntaxError
from docmodels.dialects.bash import BASH
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
from docmodels.page.typecell import TypeCell, decode_type_cell
from docmodels.reader import read_page

STRING = Primitive(PrimitiveKind.STRING)
# bash writes integer for numbers without a format too: a number, which takes ints and floats.
WRITTEN_INTEGER = Primitive(PrimitiveKind.NUMBER)


def parse(text: str) -> ParsedType:
    return BASH.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("string", STRING, 1),
        ("integer", WRITTEN_INTEGER, 1),
        ("float", Primitive(PrimitiveKind.NUMBER), 1),
        ("boolean", Primitive(PrimitiveKind.BOOLEAN), 1),
        ("binary", Primitive(PrimitiveKind.STRING, "binary"), 1),
        ("AnyType", AnyValue(), 1),
        ("map", AnyValue(), 1),
        ("array[string]", ArrayOf(STRING), 2),
        ("Set[string]", ArrayOf(STRING, unique_items=True), 2),
        ("array[array[float]]", ArrayOf(ArrayOf(Primitive(PrimitiveKind.NUMBER))), 3),
        ("map[String, integer]", MapOf(WRITTEN_INTEGER), 2),
        ("map[String, array[string]]", MapOf(ArrayOf(STRING)), 3),
        ("map[String, Pet]", MapOf(Reference("Pet")), 1),
        ("Category", Reference("Category"), 0),
    ],
)
def test_types(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


@pytest.mark.parametrize("text", ["map[integer, string]", "str", "array[string"])
def test_what_is_not_a_bash_type(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", 0), ("1.5", 1.5), ("false", False), ("720h", "720h"), ('it\'s "quoted"', 'it\'s "quoted"')],
)
def test_defaults_are_written_raw(text: str, expected: JsonValue) -> None:
    assert BASH.parse_default(text) == expected


def test_null_means_no_default() -> None:
    with pytest.raises(NoDefault):
        BASH.parse_default("null")


@pytest.mark.parametrize(
    ("name", "wire"),
    [
        ("shapeUnderscoretype", "shape_type"),
        ("Underscoreprivate", "_private"),
        ("xMinusrequestMinusid", "x-request-id"),
        ("_in", "in"),
        ("aPeriodb", "a.b"),
    ],
)
def test_spelled_out_characters_and_reserved_words_are_unmangled(name: str, wire: str) -> None:
    assert BASH.wire_name(name) == (wire, WireNameSource.UNMANGLED)


@pytest.mark.parametrize(
    "name",
    ["fooBar", "class", "123start", "_id", "createdAt", "gracePeriod", "periodStart", "Attype",
     "Attachment"],
)
def test_other_names_are_the_wire_names(name: str) -> None:
    assert BASH.wire_name(name) == (name, WireNameSource.PAGE)


def test_an_inline_models_raw_title_names_the_class() -> None:
    assert BASH.model_name("Owner_address") == "OwnerAddress"


PAGE = """# Names

## Properties
Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**class** | **string** |  | [optional] [default to null]
**count** | **integer** |  | [optional] [default to 0]

[[Back to Model list]](../README.md#documentation-for-models)
"""


def test_a_page_with_default_to_null_on_its_rows_reads_as_bash() -> None:
    page = parse_page("Names.md", PAGE)
    rows = [decode_type_cell("**string**"), decode_type_cell("**integer**")]
    assert registry.detect(rows, page) is BASH


def test_default_to_null_gives_no_default_and_no_warning() -> None:
    model, diagnostics = read_page(parse_page("Names.md", PAGE))
    assert model is not None
    assert [f.default.value if f.default else None for f in model.fields] == [None, 0]
    assert diagnostics == []


def test_a_page_without_default_to_null_is_not_bash() -> None:
    page = parse_page("Names.md", PAGE.replace(" [default to null]", ""))
    rows = [decode_type_cell("**string**"), decode_type_cell("**integer**")]
    assert registry.detect(rows, page) is not BASH


def test_a_bare_array_does_not_say_its_items() -> None:
    """6.x to 7.12 write a property whose schema is a named array as **array**: a list of any
    values, said to be a loss, and bash's own word (AWS folders of such rows read as php)."""
    assert parse("array") == ParsedType(ArrayOf(AnyValue()), native_names=1, items_unsaid=True)


def test_a_folder_of_string_and_bare_array_rows_reads_as_bash(tmp_path: Path) -> None:
    rows = (
        "**AnomalyId** | **string** |  | [default to null]\n"
        "**RootCauses** | **array** |  | [optional] [default to null]\n"
        "**Score** | **float** |  | [optional] [default to null]\n"
    )
    for name in ("Anomaly", "Impact", "Cause"):
        (tmp_path / f"{name}.md").write_text(
            f"# {name}\n\n## Properties\nName | Type | Description | Notes\n"
            "------------ | ------------- | ------------- | -------------\n" + rows
        )
    model_set, diagnostics = load([tmp_path], tmp_path)
    assert {m.dialect for m in model_set.models} == {"bash"}
    assert model_set.by_name()["Anomaly"].fields[1].type == ArrayOf(AnyValue())
    said = (
        "property 'RootCauses': the page writes 'array' without what it holds; read as a list "
        "of any values"
    )
    assert [d.message for d in diagnostics] == [said] * 3

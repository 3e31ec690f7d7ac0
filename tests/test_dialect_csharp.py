"""The csharp dialect: type grammar, nullability, defaults, names and detection
(docmodels.dialects.csharp)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.csharp import CSHARP
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
from docmodels.page.typecell import TypeCell
from docmodels.reader import read_page

STRING = Primitive(PrimitiveKind.STRING)
INT32 = Primitive(PrimitiveKind.INTEGER, "int32")


def parse(text: str) -> ParsedType:
    return CSHARP.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("string", STRING),
        ("bool", Primitive(PrimitiveKind.BOOLEAN)),
        ("int", INT32),
        ("long", Primitive(PrimitiveKind.INTEGER, "int64")),
        ("float", Primitive(PrimitiveKind.NUMBER, "float")),
        ("double", Primitive(PrimitiveKind.NUMBER, "double")),
        ("decimal", Primitive(PrimitiveKind.NUMBER)),
        ("DateTime", Primitive(PrimitiveKind.STRING, "date-time")),
        ("DateOnly", Primitive(PrimitiveKind.STRING, "date")),
        ("Guid", Primitive(PrimitiveKind.STRING, "uuid")),
        ("byte[]", Primitive(PrimitiveKind.STRING, "byte")),
        ("System.IO.Stream", Primitive(PrimitiveKind.STRING, "binary")),
        ("Object", AnyValue()),
        ("AnyType", AnyValue()),  # 4.x
    ],
)
def test_scalars(text: str, expected: TypeExpr) -> None:
    assert parse(text) == ParsedType(expected, native_names=1)


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("List<string>", ArrayOf(STRING), 2),
        ("List<List<double>>", ArrayOf(ArrayOf(Primitive(PrimitiveKind.NUMBER, "double"))), 3),
        ("HashSet<string>", ArrayOf(STRING, unique_items=True), 2),
        ("Dictionary<string, int>", MapOf(INT32), 3),
        ("Dictionary<string, List<string>>", MapOf(ArrayOf(STRING)), 4),
        ("Dictionary<string, Pet>", MapOf(Reference("Pet")), 2),
        ("List<Pet>", ArrayOf(Reference("Pet")), 1),
    ],
)
def test_containers(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


def test_a_model_name_counts_for_no_dialect() -> None:
    assert parse("ClientIdentity") == ParsedType(Reference("ClientIdentity"))


def test_a_question_mark_is_a_nullable_value_type() -> None:
    parsed = parse("int?")
    assert parsed == ParsedType(INT32, wrapped_optional=True, native_names=1)
    assert CSHARP.nullable(parsed, required=False) is True


def test_without_a_question_mark_the_page_does_not_say_whether_null_is_allowed() -> None:
    assert CSHARP.nullable(parse("string"), required=True) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("map<string>", "unknown type 'map'"),
        ("Dictionary<int, string>", "dictionary keys must be string"),
        ("List<string", "type ends where '>' was expected"),
        ("str", "unknown type 'str'"),
    ],
)
def test_types_the_grammar_rejects(text: str, message: str) -> None:
    with pytest.raises(TypeSyntaxError, match=message):
        parse(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('"general"', "general"),
        ('"it\'s "quoted""', 'it\'s "quoted"'),
        ("0", 0),
        ("-3", -3),
        ("1.5D", 1.5),
        ("2.5F", 2.5),
        ("10M", 10),
        ("false", False),
        ("true", True),
        ("null", None),
    ],
)
def test_defaults(text: str, value: JsonValue) -> None:
    assert CSHARP.parse_default(text) == value


def test_an_enum_member_default_is_not_a_value_the_page_carries() -> None:
    with pytest.raises(ValueError, match="not a C# literal"):
        CSHARP.parse_default("SizeEnum.Medium")


@pytest.mark.parametrize(
    ("name", "wire", "source"),
    [
        ("Var123start", "123start", WireNameSource.UNMANGLED),
        ("_123start", "123start", WireNameSource.UNMANGLED),
        ("PhotoUrls", "PhotoUrls", WireNameSource.PAGE),
        ("Variable", "Variable", WireNameSource.PAGE),
        ("VarClass", "Class", WireNameSource.PAGE),
        ("VarPrivate", "Private", WireNameSource.PAGE),
    ],
)
def test_the_generators_prefixes_are_undone_and_the_pascal_case_name_is_kept(
    name: str, wire: str, source: WireNameSource
) -> None:
    assert CSHARP.wire_name(name) == (wire, source)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Org.OpenAPITools.Model.Pet", "Pet"),
        ("Ory.Client.Model.ClientIdentity", "ClientIdentity"),
    ],
)
def test_the_model_name_follows_the_models_namespace(title: str, name: str) -> None:
    assert CSHARP.model_name(title) == name


PAGE = """# Acme.Shop.Model.Basket
What a customer is about to buy.

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**Id** | **string** |  | 
**Count** | **int** |  | [optional] [default to 1]
**Flag** | **bool** |  | [optional] 

[[Back to Model list]](../README.md#documentation-for-models)
"""


def test_a_csharp_page_is_detected_by_its_namespaced_title() -> None:
    model, diagnostics = read_page(parse_page("Basket.md", PAGE))
    assert diagnostics == []
    assert model is not None
    assert (model.name, model.dialect) == ("Basket", "csharp")
    assert [(f.name, f.type, f.required) for f in model.fields] == [
        ("Id", STRING, True),
        ("Count", INT32, False),
        ("Flag", Primitive(PrimitiveKind.BOOLEAN), False),
    ]
    assert model.fields[1].default is not None and model.fields[1].default.value == 1


def test_the_same_types_under_a_plain_title_are_not_csharp() -> None:
    page = PAGE.replace("# Acme.Shop.Model.Basket", "# Basket")
    model, _ = read_page(parse_page("Basket.md", page))
    assert model is not None
    assert model.dialect != "csharp"


def _order_page(extra_row: str) -> str:
    return (
        "# Acme.Shop.Model.Order\n\n## Properties\n\nName | Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n"
        "**PlacedAt** | **DateTime** |  | [optional] \n"
        "**History** | **List&lt;DateTime&gt;** |  | [optional] \n" + extra_row
    )


@pytest.mark.parametrize("with_date_only", [False, True])
def test_datetime_is_a_string_in_a_folder_that_writes_no_dateonly(
    tmp_path: Path, with_date_only: bool
) -> None:
    # Before 7.12 C# writes DateTime for dates too: read as a date-time, every date the API
    # sends ("2024-01-01") was rejected. A folder with DateOnly is 7.12 on: DateTime is a date-time.
    docs = tmp_path / "docs"
    docs.mkdir()
    extra = "**ShipOn** | **DateOnly** |  | [optional] \n" if with_date_only else ""
    (docs / "Order.md").write_text(_order_page(extra), encoding="utf-8")
    model_set, diagnostics = load([docs], tmp_path)
    types = {f.name: f.type for f in model_set.by_name()["Order"].fields}
    said = [d.message for d in diagnostics if "DateOnly" in d.message]
    if with_date_only:
        assert types["PlacedAt"] == Primitive(PrimitiveKind.STRING, "date-time")
        assert said == []
    else:
        assert types["PlacedAt"] == STRING
        assert types["History"] == ArrayOf(STRING)
        assert len(said) == 1 and "2 properties read as strings" in said[0]


def test_a_property_named_as_its_model_is_unescaped(tmp_path: Path) -> None:
    # C# escapes a member that shares its class's name: azure's Kind.kind is written VarKind,
    # and every payload's "kind" was dropped.
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "Kind.md").write_text(
        "# Org.Api.Model.Kind\n\n## Properties\n\nName | Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n"
        "**VarKind** | **string** | Kind of the resource | [optional] \n",
        encoding="utf-8",
    )
    model_set, _ = load([docs], tmp_path)
    (field,) = model_set.by_name()["Kind"].fields
    assert "kind" in (field.wire_names or (field.wire_name,))

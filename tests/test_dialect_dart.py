"""The dart and dart-dio dialects (docmodels.dialects.dart)."""

from __future__ import annotations

import pytest
from docmodels.dialects.base import NoDefault, ParsedType, TypeSyntaxError
from docmodels.dialects.dart import DART, DART_DIO, DartDialect
from docmodels.ir import (
    AnyValue,
    ArrayOf,
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
from docmodels.page.typecell import TypeCell
from docmodels.reader import read_page

STRING = Primitive(PrimitiveKind.STRING)
INTEGER = Primitive(PrimitiveKind.INTEGER)
NUMBER = Primitive(PrimitiveKind.NUMBER)


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("String", STRING, 1),
        ("int", INTEGER, 1),
        ("double", NUMBER, 1),
        ("num", NUMBER, 1),
        ("bool", Primitive(PrimitiveKind.BOOLEAN), 1),
        ("Object", AnyValue(), 1),
        ("AnyType", AnyValue(), 1),  # 4.x
        ("DateTime", STRING, 1),
        ("MultipartFile", Primitive(PrimitiveKind.STRING, "binary"), 1),
        ("List<String>", ArrayOf(STRING), 2),
        ("Set<String>", ArrayOf(STRING, unique_items=True), 2),
        ("Map<String, List<String>>", MapOf(ArrayOf(STRING)), 3),
        ("List<Pet>", ArrayOf(Reference("Pet")), 1),
        ("Pet", Reference("Pet"), 0),
    ],
)
def test_dart_types(text: str, expected: TypeExpr, native: int) -> None:
    assert DART.parse_type(TypeCell(text, ())) == ParsedType(expected, native_names=native)


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("Date", Primitive(PrimitiveKind.STRING, "date"), 1),
        ("DateTime", Primitive(PrimitiveKind.STRING, "date-time"), 1),
        ("JsonObject", AnyValue(), 1),
        ("Uint8List", Primitive(PrimitiveKind.STRING, "binary"), 1),
        ("BuiltList<String>", ArrayOf(STRING), 2),
        ("BuiltSet<String>", ArrayOf(STRING, unique_items=True), 2),
        ("BuiltMap<String, BuiltList<double>>", MapOf(ArrayOf(NUMBER)), 3),
    ],
)
def test_dart_dio_types(text: str, expected: TypeExpr, native: int) -> None:
    assert DART_DIO.parse_type(TypeCell(text, ())) == ParsedType(expected, native_names=native)


@pytest.mark.parametrize(
    ("dialect", "text"),
    [(DART, "BuiltList<String>"), (DART_DIO, "List<String>"), (DART, "Map<int, String>"), (DART, "string")],
)
def test_the_other_flavour_s_collections_are_syntax_errors(dialect: DartDialect, text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        dialect.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), ("1.5", 1.5), ("false", False), ("'720h'", "720h"), ("'it's \"q\"'", "it's \"q\"")],
)
def test_defaults(text: str, value: JsonValue) -> None:
    assert DART.parse_default(text) == value


@pytest.mark.parametrize("text", ["const []", "const {}", "null"])
def test_an_empty_const_collection_is_the_generator_s_own_initial_value(text: str) -> None:
    with pytest.raises(NoDefault):
        DART.parse_default(text)


def test_dart_dio_writes_an_empty_collection_default_as_a_builder() -> None:
    assert DART_DIO.parse_default("ListBuilder()") == []
    assert DART_DIO.parse_default("MapBuilder()") == {}


def test_the_title_is_qualified_by_the_package() -> None:
    assert DART.model_name("ory_client.model.Identity") == "Identity"


@pytest.mark.parametrize(
    ("name", "wire", "source"),
    [
        ("class_", "class", WireNameSource.UNMANGLED),
        ("in_", "in", WireNameSource.UNMANGLED),
        ("n123start", "123start", WireNameSource.UNMANGLED),
        ("name_", "name_", WireNameSource.PAGE),
        ("name", "name", WireNameSource.PAGE),
    ],
)
def test_wire_names(name: str, wire: str, source: WireNameSource) -> None:
    assert DART.wire_name(name) == (wire, source)


PAGE = """# ory_client.model.Pet

## Load the model package
```dart
import 'package:ory_client/api.dart';
```

## Properties
Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**id** | **String** | The pet's id. | 
**tags** | {tags} |  | [optional] {tags_default}
**born** | [**DateTime**](DateTime.md) |  | [optional] 
"""


def read(text: str) -> Model:
    model, diagnostics = read_page(parse_page("Pet.md", text))
    assert diagnostics == []
    assert model is not None
    return model


def test_a_dart_page_is_read_as_dart() -> None:
    model = read(PAGE.format(tags="**List<String>**", tags_default="[default to const []]"))
    assert (model.name, model.dialect) == ("Pet", "dart")
    assert [(f.wire_name, f.type, f.required, f.default) for f in model.fields] == [
        ("id", STRING, True, None),
        ("tags", ArrayOf(STRING), False, None),
        ("born", STRING, False, None),
    ]


def test_a_dart_dio_page_is_read_as_dart_dio() -> None:
    model = read(PAGE.format(tags="**BuiltList&lt;String&gt;**", tags_default=""))
    assert model.dialect == "dart-dio"
    assert model.fields[2].type == Primitive(PrimitiveKind.STRING, "date-time")


def test_the_title_and_the_dart_import_are_evidence_for_dart() -> None:
    with_import = parse_page("Pet.md", PAGE)
    without = parse_page("Pet.md", "# Pet\n\n## Properties" + PAGE.split("## Properties", 1)[1])
    assert DART.page_evidence(with_import) > 0
    assert DART.page_evidence(without) < 0


def test_map_values_that_may_be_null_are_any_value_or_not_read() -> None:
    cell = TypeCell("Map<String, Map<String, Object?>>", ())
    assert DART.parse_type(cell).type == MapOf(MapOf(AnyValue()))
    with pytest.raises(TypeSyntaxError, match="items that may be null are not read yet"):
        DART.parse_type(TypeCell("Map<String, String?>", ()))

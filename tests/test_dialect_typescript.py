"""The typescript-axios and typescript-fetch dialects (docmodels.dialects.typescript)."""

from __future__ import annotations

import pytest
from docmodels.dialects import registry
from docmodels.dialects.base import NoDefault, ParsedType, TypeSyntaxError
from docmodels.dialects.typescript import TYPESCRIPT_AXIOS, TYPESCRIPT_FETCH
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
from docmodels.page.typecell import TypeCell, decode_type_cell
from docmodels.reader import read_page

STRING = Primitive(PrimitiveKind.STRING)
NUMBER = Primitive(PrimitiveKind.NUMBER)
BOOLEAN = Primitive(PrimitiveKind.BOOLEAN)
BINARY = Primitive(PrimitiveKind.STRING, "binary")


def axios(text: str) -> ParsedType:
    return TYPESCRIPT_AXIOS.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("string", STRING, 1),
        ("number", NUMBER, 1),
        ("boolean", BOOLEAN, 1),
        ("any", AnyValue(), 1),
        ("object", AnyValue(), 1),
        ("File", BINARY, 1),
        ("Array<string>", ArrayOf(STRING), 2),
        ("Set<string>", ArrayOf(STRING, unique_items=True), 2),
        ("{ [key: string]: any; }", MapOf(AnyValue()), 2),
        ("{ [key: string]: Array<string>; }", MapOf(ArrayOf(STRING)), 3),
        ("{ [key: string]: Pet; }", MapOf(Reference("Pet")), 1),
        ("Array<Array<number>>", ArrayOf(ArrayOf(NUMBER)), 3),
        ("Pet", Reference("Pet"), 0),
    ],
)
def test_axios_types(text: str, expected: TypeExpr, native: int) -> None:
    assert axios(text) == ParsedType(expected, native_names=native)


def test_fetch_writes_dates_as_date_and_files_as_blob() -> None:
    assert TYPESCRIPT_FETCH.parse_type(TypeCell("Date", ())) == ParsedType(STRING, native_names=1)
    assert TYPESCRIPT_FETCH.parse_type(TypeCell("Blob", ())) == ParsedType(BINARY, native_names=1)


@pytest.mark.parametrize(
    ("text", "offset"),
    [("{ [key: number]: string; }", 8), ("str", 0), ("Array<string", 12), ("string | null", 7)],
)
def test_what_typescript_pages_never_write_is_a_syntax_error(text: str, offset: int) -> None:
    with pytest.raises(TypeSyntaxError) as raised:
        axios(text)
    assert raised.value.offset == offset


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), ("1.5", 1.5), ("false", False), ("'720h'", "720h"), ("'it's \"quoted\"'", "it's \"quoted\"")],
)
def test_defaults(text: str, value: JsonValue) -> None:
    assert TYPESCRIPT_AXIOS.parse_default(text) == value


def test_undefined_is_no_default_at_all() -> None:
    with pytest.raises(NoDefault):
        TYPESCRIPT_AXIOS.parse_default("undefined")


def test_an_enum_member_name_is_not_a_default_value() -> None:
    with pytest.raises(ValueError, match="enum member"):
        TYPESCRIPT_AXIOS.parse_default("SizeEnum_Medium")


@pytest.mark.parametrize(
    ("name", "wire", "source"),
    [
        ("_class", "class", WireNameSource.UNMANGLED),
        ("_in", "in", WireNameSource.UNMANGLED),
        ("_123start", "123start", WireNameSource.UNMANGLED),
        ("_links", "_links", WireNameSource.PAGE),
        ("self", "self", WireNameSource.PAGE),
        ("at_type", "at_type", WireNameSource.PAGE),
    ],
)
def test_wire_names(name: str, wire: str, source: WireNameSource) -> None:
    assert TYPESCRIPT_AXIOS.wire_name(name) == (wire, source)


AXIOS_PAGE = """# Pet

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**id** | **string** | The pet\\&#39;s id. | [default to undefined]
**tags** | **Array&lt;string&gt;** |  | [optional] [default to undefined]
**size** | **string** |  | [optional] [default to 'medium']

## Example

```typescript
import { Pet } from './api';
```
"""

FETCH_PAGE = """# Pet

## Properties

Name | Type
------------ | -------------
`id` | string
`owner` | [Owner](Owner.md)
`labels` | [{ [key: string]: Label; }](Label.md)
`born` | Date

## Example

```typescript
import type { Pet } from ''
```
"""


def read(text: str) -> Model:
    model, diagnostics = read_page(parse_page("Pet.md", text))
    assert diagnostics == []
    assert model is not None
    return model


def test_an_axios_page_is_read_as_typescript_axios() -> None:
    model = read(AXIOS_PAGE)
    assert model.dialect == "typescript-axios"
    assert [(f.wire_name, f.type, f.required) for f in model.fields] == [
        ("id", STRING, True),
        ("tags", ArrayOf(STRING), False),
        ("size", STRING, False),
    ]
    assert model.fields[0].description == "The pet's id."
    assert model.fields[0].default is None
    assert model.fields[2].default is not None and model.fields[2].default.value == "medium"


def test_a_fetch_page_is_read_as_typescript_fetch_without_requiredness() -> None:
    model = read(FETCH_PAGE)
    assert model.dialect == "typescript-fetch"
    assert [(f.wire_name, f.type, f.required) for f in model.fields] == [
        ("id", STRING, None),
        ("owner", Reference("Owner"), None),
        ("labels", MapOf(Reference("Label")), None),
        ("born", STRING, None),
    ]


def test_without_a_typescript_example_string_cells_are_not_typescript() -> None:
    page = parse_page("Pet.md", AXIOS_PAGE.split("## Example")[0])
    cells = [decode_type_cell("**string**"), decode_type_cell("**Array&lt;string&gt;**")]
    assert registry.detect(cells, page) not in (TYPESCRIPT_AXIOS, TYPESCRIPT_FETCH)


def test_the_unknown_default_member_is_not_an_enum_value() -> None:
    text = (
        "# Level\n\n## Enum\n\n* `Aal1` (value: `'aal1'`)\n\n"
        "* `UnknownDefaultOpenApi` (value: `'11184809'`)\n"
    )
    model = read(text)
    assert [v.value for v in model.enum_values] == ["aal1"]

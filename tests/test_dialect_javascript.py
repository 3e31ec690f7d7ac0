"""The javascript dialect (docmodels.dialects.javascript)."""

from __future__ import annotations

import pytest
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.javascript import JAVASCRIPT
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
NUMBER = Primitive(PrimitiveKind.NUMBER)


def parse(text: str) -> ParsedType:
    return JAVASCRIPT.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("String", STRING, 1),
        ("Number", NUMBER, 1),
        ("Boolean", Primitive(PrimitiveKind.BOOLEAN), 1),
        ("Date", STRING, 1),
        ("Object", AnyValue(), 1),
        ("AnyType", AnyValue(), 1),  # 4.x
        ("Blob", Primitive(PrimitiveKind.STRING, "byte"), 1),
        ("File", Primitive(PrimitiveKind.STRING, "binary"), 1),
        ("[String]", ArrayOf(STRING), 2),
        ("[[Number]]", ArrayOf(ArrayOf(NUMBER)), 3),
        ("{String: [String]}", MapOf(ArrayOf(STRING)), 3),
        ("{String: Pet}", MapOf(Reference("Pet")), 1),
        ("[Pet]", ArrayOf(Reference("Pet")), 1),
        ("Pet", Reference("Pet"), 0),
    ],
)
def test_types(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


@pytest.mark.parametrize("text", ["{Number: String}", "string", "[String", "Array<String>"])
def test_what_javascript_pages_never_write_is_a_syntax_error(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), ("1.5", 1.5), ("true", True), ("'medium'", "medium"), ("'it's \"q\"'", "it's \"q\"")],
)
def test_defaults(text: str, value: JsonValue) -> None:
    assert JAVASCRIPT.parse_default(text) == value


def test_the_title_is_qualified_by_the_module() -> None:
    assert JAVASCRIPT.model_name("OpenapiClient.Pet") == "Pet"
    assert JAVASCRIPT.model_name("Pet") == "Pet"


@pytest.mark.parametrize(
    ("name", "wire", "source"),
    [
        ("_class", "class", WireNameSource.UNMANGLED),
        ("_123start", "123start", WireNameSource.UNMANGLED),
        ("_links", "_links", WireNameSource.PAGE),
        ("photoUrls", "photoUrls", WireNameSource.PAGE),
    ],
)
def test_wire_names(name: str, wire: str, source: WireNameSource) -> None:
    assert JAVASCRIPT.wire_name(name) == (wire, source)


PAGE = """# Api.Pet

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**name** | **String** | The pet&#39;s name. | 
**tags** | **[String]** |  | [optional] 
**size** | **String** | How big. | [optional] [default to &#39;medium&#39;]



## Enum: SizeEnum


* `small` (value: `"small"`)

* `medium` (value: `"medium"`)
"""


def read(text: str) -> Model:
    model, diagnostics = read_page(parse_page("Pet.md", text))
    assert diagnostics == []
    assert model is not None
    return model


def test_a_javascript_page_is_read_as_javascript() -> None:
    model = read(PAGE)
    assert (model.name, model.dialect) == ("Pet", "javascript")
    assert [(f.wire_name, f.type, f.required) for f in model.fields] == [
        ("name", STRING, True),
        ("tags", ArrayOf(STRING), False),
        ("size", STRING, False),
    ]


def test_an_inline_enum_s_values_come_from_its_enum_section() -> None:
    size = read(PAGE).fields[2]
    assert size.enum_values == ("small", "medium")
    assert size.default is not None and size.default.value == "medium"


def test_an_unqualified_title_is_not_javascript() -> None:
    text = PAGE.replace("# Api.Pet", "# Pet").split("## Enum")[0]
    model, _ = read_page(parse_page("Pet.md", text))
    assert model is not None and model.dialect != "javascript"

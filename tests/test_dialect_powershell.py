"""The powershell dialect: type grammar, defaults, names and detection
(docmodels.dialects.powershell)."""

from __future__ import annotations

import pytest
from docmodels.dialects import registry
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.powershell import POWERSHELL
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
from docmodels.page.structure import parse_page
from docmodels.page.typecell import TypeCell, decode_type_cell
from docmodels.reader import read_page

STRING = Primitive(PrimitiveKind.STRING)
DOUBLE = Primitive(PrimitiveKind.NUMBER)


def parse(text: str, *links: str) -> ParsedType:
    return POWERSHELL.parse_type(TypeCell(text, links))


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("String", STRING, 1),
        ("Int32", Primitive(PrimitiveKind.INTEGER, "int32"), 1),
        ("Int64", Primitive(PrimitiveKind.INTEGER, "int64"), 1),
        ("Double", DOUBLE, 1),
        ("Decimal", DOUBLE, 1),
        ("Boolean", Primitive(PrimitiveKind.BOOLEAN), 1),
        ("System.DateTime", STRING, 1),
        ("System.IO.FileInfo", Primitive(PrimitiveKind.STRING, "binary"), 1),
        ("SystemByte", Primitive(PrimitiveKind.STRING, "byte"), 1),
        ("AnyType", AnyValue(), 1),
        ("SystemCollectionsHashtable", AnyValue(), 1),
        ("String[]", ArrayOf(STRING), 2),
        ("Double[][]", ArrayOf(ArrayOf(DOUBLE)), 3),
        ("Pet[]", ArrayOf(Reference("Pet")), 1),
        ("Category", Reference("Category"), 0),
    ],
)
def test_types(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


@pytest.mark.parametrize(
    ("link", "values"),
    [
        ("Pet.md", Reference("Pet")),
        ("Array.md", ArrayOf(AnyValue())),
        (".md", AnyValue()),
        # 6.x and later: additionalProperties true; 5.x links the free-form object's name.
        ("AnyType.md", AnyValue()),
        ("SystemCollectionsHashtable.md", AnyValue()),
        ("Map.md", MapOf(AnyValue())),  # a map of maps
        ("Int32.md", Primitive(PrimitiveKind.INTEGER, "int32")),
    ],
)
def test_a_hashtables_values_come_from_its_link_target(link: str, values: TypeExpr) -> None:
    assert parse("System.Collections.Hashtable", link) == ParsedType(MapOf(values), native_names=1)


def test_an_unlinked_hashtable_holds_anything() -> None:
    assert parse("System.Collections.Hashtable") == ParsedType(MapOf(AnyValue()), native_names=1)


@pytest.mark.parametrize("text", ["string", "List<String>", "String[", "System.Foo"])
def test_what_is_not_a_powershell_type(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", 0), ("1.5", 1.5), ("$false", False), ("$true", True), ('"medium"', "medium"),
     ('"it\'s "quoted""', 'it\'s "quoted"')],
)
def test_defaults(text: str, expected: JsonValue) -> None:
    assert POWERSHELL.parse_default(text) == expected


@pytest.mark.parametrize(("name", "wire"), [("VarFrom", "From"), ("Var123start", "123start")])
def test_the_var_prefix_is_removed(name: str, wire: str) -> None:
    assert POWERSHELL.wire_name(name) == (wire, WireNameSource.UNMANGLED)


@pytest.mark.parametrize("name", ["Variable", "Class", "XRequestId"])
def test_other_names_are_kept(name: str) -> None:
    assert POWERSHELL.wire_name(name) == (name, WireNameSource.PAGE)


PAGE = """# Pet
## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**Name** | **String** |  |
**Size** | **String** |  | [optional] [default to "medium"]

## Examples

- Prepare the resource
```powershell
$Pet = Initialize-PSOpenAPIToolsPet  -Name null `
 -Size null
```
"""


def test_the_powershell_example_chooses_powershell() -> None:
    page = parse_page("Pet.md", PAGE)
    assert registry.detect([decode_type_cell("**String**")] * 2, page) is POWERSHELL


def test_a_powershell_page_reads() -> None:
    model, diagnostics = read_page(parse_page("Pet.md", PAGE))
    assert diagnostics == []
    assert model is not None
    assert [(f.name, f.required, f.default.value if f.default else None) for f in model.fields] == [
        ("Name", True, None),
        ("Size", False, "medium"),
    ]


def test_a_page_without_the_powershell_example_is_not_powershell() -> None:
    page = parse_page("Pet.md", PAGE.split("## Examples")[0])
    cells = [decode_type_cell("**String**"), decode_type_cell("**Int64**")]
    assert registry.detect(cells, page) is not POWERSHELL


# Customised templates (SailPoint's PowerShell SDK): Go-like arrays and maps, listed enums.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[]String", ArrayOf(STRING)),
        ("[]Pet", ArrayOf(Reference("Pet"))),
        ("[][]Pet", ArrayOf(ArrayOf(Reference("Pet")))),
        ("[]String[]", ArrayOf(ArrayOf(STRING))),
        ("[]System.Collections.Hashtable", ArrayOf(MapOf(AnyValue()))),
        ("[]SystemCollectionsHashtable", ArrayOf(AnyValue())),
        ("map[string]AnyType", MapOf(AnyValue())),
        ("map[string]Pet", MapOf(Reference("Pet"))),
        ("map[string][]String", MapOf(ArrayOf(STRING))),
    ],
)
def test_customised_templates_go_like_types(text: str, expected: TypeExpr) -> None:
    assert parse(text).type == expected


@pytest.mark.parametrize("text", ["map[int]String", "map[string]", "[]", "[String]"])
def test_what_is_not_a_customised_type(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse(text)


@pytest.mark.parametrize(
    ("cell", "kind", "values"),
    [
        ('**Enum** [  "APPROVAL",    "REJECTION",    "ALL" ]', PrimitiveKind.STRING,
         ("APPROVAL", "REJECTION", "ALL")),
        ('**Enum** [  "SOURCE" ]', PrimitiveKind.STRING, ("SOURCE",)),
        ("**Enum** [ 1, 2, 3 ]", PrimitiveKind.INTEGER, (1, 2, 3)),
        ("**Enum** [ 1, 2.5 ]", PrimitiveKind.NUMBER, (1, 2.5)),
        ('**Enum** [ "a", 1 ]', PrimitiveKind.STRING, ("a", "1")),
        ("**Enum** [ 'it''s', 'b', ]", PrimitiveKind.STRING, ("it's", "b")),
    ],
)
def test_a_listed_enum_is_a_scalar_with_those_values(
    cell: str, kind: PrimitiveKind, values: tuple[JsonValue, ...]
) -> None:
    parsed = POWERSHELL.parse_type(decode_type_cell(cell))
    assert (parsed.type, parsed.enum_values) == (Primitive(kind), values)


@pytest.mark.parametrize("text", ['Enum [ "a" "b" ]', "Enum [ ]", "Enum [ small ]", 'Enum [ "a", 1e999 ]'])
def test_an_unreadable_listed_enum(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        parse(text)


CUSTOMISED = """---
id: pet
title: Pet
keywords: ['powershell', 'PowerShell', 'sdk', 'Pet']
slug: /tools/sdk/powershell/models/pet
---


# Pet

A pet | with a pipe.

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**Owner** | [**Owner**](owner) |  | [required]
**Tags** | [**[]Tag**](tag) | Its tags. | [optional] 
**Names** | **[]String** | Values: | a | b | | [optional] 
**Extra** | **map[string]AnyType** |  | [optional] 
**Size** |  **Enum** [  "small",    "medium" ] | How big. | [optional] [default to "medium"]

## Examples

- Prepare the resource
```powershell
$Pet = Initialize-Pet  -Owner null `
 -Size small
```

- Convert the resource to JSON
```powershell
$Pet | ConvertTo-JSON
```


[[Back to top]](#) 
"""


def test_a_page_of_customised_templates_reads() -> None:
    model, diagnostics = read_page(parse_page("Pet.md", CUSTOMISED))
    assert diagnostics == []
    assert model is not None
    assert (model.name, model.dialect, model.description) == ("Pet", "powershell", "A pet | with a pipe.")
    assert [(f.name, f.type, f.required, f.enum_values) for f in model.fields] == [
        ("Owner", Reference("Owner"), True, None),
        ("Tags", ArrayOf(Reference("Tag")), False, None),
        ("Names", ArrayOf(STRING), False, None),
        ("Extra", MapOf(AnyValue()), False, None),
        ("Size", STRING, False, ("small", "medium")),
    ]
    assert model.fields[2].description == "Values: | a | b |"
    assert model.fields[4].default is not None and model.fields[4].default.value == "medium"


def test_a_customised_page_of_model_references_is_powershell() -> None:
    # Rows like PHP's (no trailing space after [required]); the PowerShell example decides.
    page = parse_page("Pet.md", "\n".join(line.rstrip() for line in CUSTOMISED.split("\n")))
    cells = [decode_type_cell("[**Owner**](owner)"), decode_type_cell("[**Tag**](tag)")]
    assert registry.detect(cells, page) is POWERSHELL

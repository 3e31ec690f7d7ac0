"""The java dialect (java and android pages): type grammar, defaults, names and detection
(docmodels.dialects.java)."""

from __future__ import annotations

import pytest
from docmodels.dialects import registry
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.java import JAVA
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
from docmodels.page.structure import Page, parse_page
from docmodels.page.typecell import TypeCell, decode_type_cell
from docmodels.reader import read_page

STRING = Primitive(PrimitiveKind.STRING)
INT32 = Primitive(PrimitiveKind.INTEGER, "int32")
INT64 = Primitive(PrimitiveKind.INTEGER, "int64")
DOUBLE = Primitive(PrimitiveKind.NUMBER, "double")


def parse(text: str) -> ParsedType:
    return JAVA.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("String", STRING),
        ("Integer", INT32),
        ("Long", INT64),
        ("Float", Primitive(PrimitiveKind.NUMBER, "float")),
        ("Double", DOUBLE),
        ("BigDecimal", Primitive(PrimitiveKind.NUMBER)),
        ("Boolean", Primitive(PrimitiveKind.BOOLEAN)),
        ("LocalDate", Primitive(PrimitiveKind.STRING, "date")),
        ("OffsetDateTime", Primitive(PrimitiveKind.STRING, "date-time")),
        ("UUID", Primitive(PrimitiveKind.STRING, "uuid")),
        ("URI", Primitive(PrimitiveKind.STRING, "uri")),
        ("byte[]", Primitive(PrimitiveKind.STRING, "byte")),
        ("File", Primitive(PrimitiveKind.STRING, "binary")),
        ("Object", AnyValue()),
        ("Any", AnyValue()),
        ("OasAnyTypeNotMapped", AnyValue()),
        ("oas_any_type_not_mapped", AnyValue()),  # 4.x
    ],
)
def test_scalars(text: str, expected: TypeExpr) -> None:
    assert parse(text) == ParsedType(expected, native_names=1)


def test_date_stands_for_dates_and_date_times_alike_so_it_has_no_format() -> None:
    # The legacy date library and android write java.util.Date for both formats.
    assert parse("Date") == ParsedType(STRING, native_names=1)


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("List<String>", ArrayOf(STRING), 2),
        ("Set<String>", ArrayOf(STRING, unique_items=True), 2),
        ("List<List<Double>>", ArrayOf(ArrayOf(DOUBLE)), 3),
        ("List<byte[]>", ArrayOf(Primitive(PrimitiveKind.STRING, "byte")), 2),
        ("Map<String, Integer>", MapOf(INT32), 3),
        ("Map<String, List<String>>", MapOf(ArrayOf(STRING)), 4),
        ("Map<String, Object>", MapOf(AnyValue()), 3),
        ("List<Pet>", ArrayOf(Reference("Pet")), 1),
        ("Map<String, IdentityCredentials>", MapOf(Reference("IdentityCredentials")), 2),
    ],
)
def test_containers(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


def test_a_bare_model_name_is_a_reference_and_no_evidence() -> None:
    assert parse("PetStatus") == ParsedType(Reference("PetStatus"), native_names=0)


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("int", "unknown type 'int'", 0),
        ("str", "unknown type 'str'", 0),
        ("kotlin.String", "unknown type 'kotlin.String'", 0),
        ("List<strng>", "unknown type 'strng'", 5),
        ("Map<Integer, String>", "map keys must be String", 4),
        ("List<String", "type ends where '>' was expected", 11),
        ("Seq<String>", "unexpected '<' after the type", 3),
        ("List[String]", "expected '<' but found '['", 4),
        ("byte[", "type ends where ']' was expected", 5),
        ("Option<String>", "unexpected '<' after the type", 6),
    ],
)
def test_types_the_grammar_rejects(text: str, message: str, offset: int) -> None:
    with pytest.raises(TypeSyntaxError) as caught:
        parse(text)
    assert (caught.value.message, caught.value.offset) == (message, offset)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("42", 42),
        ("-3", -3),
        ("42L", 42),
        ("1.5", 1.5),
        ("1.5f", 1.5),
        ("2d", 2.0),
        ("1_000", 1000),
        ("true", True),
        ("false", False),
        ('"720h"', "720h"),
        ('"it\'s \\"quoted\\""', 'it\'s "quoted"'),
        ('"tab\\there"', "tab\there"),
        ('"\\u00e9"', "é"),
    ],
)
def test_defaults_are_java_literals(text: str, value: JsonValue) -> None:
    assert JAVA.parse_default(text) == value
    assert type(JAVA.parse_default(text)) is type(value)


@pytest.mark.parametrize(
    "text", ["SizeEnum.MEDIUM", "new ArrayList<>()", "nan", "1.5L", '"a"b"', '"\\q"', "null"]
)
def test_what_is_not_a_literal_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        JAVA.parse_default(text)


@pytest.mark.parametrize("name", ["photoUrls", "propertyClass", "_private", "atType"])
def test_camel_case_names_are_kept_the_wire_name_is_not_on_the_page(name: str) -> None:
    assert JAVA.wire_name(name) == (name, WireNameSource.PAGE)


def test_the_underscore_before_a_leading_digit_is_undone() -> None:
    """A JVM name cannot start with a digit: the generator writes the key 123start _123start."""
    assert JAVA.wire_name("_123start") == ("123start", WireNameSource.UNMANGLED)


def test_java_pages_never_say_whether_null_is_allowed() -> None:
    assert JAVA.nullable(parse("String"), required=True) is None


JAVA_PAGE = """

# Pet

A pet in the store.

## Properties

| Name | Type | Description | Notes |
|------------ | ------------- | ------------- | -------------|
|**id** | **Long** | Unique identifier. |  |
|**name** | **String** |  |  |
|**status** | **PetStatus** |  |  |
|**tags** | **List&lt;String&gt;** |  |  |
|**attributes** | **Map&lt;String, String&gt;** |  |  [optional] |
|**size** | [**SizeEnum**](#SizeEnum) | How big. |  [optional] |
|**createdAt** | **OffsetDateTime** |  |  [optional] [readonly] |



## Enum: SizeEnum

| Name | Value |
|---- | -----|
| SMALL | &quot;small&quot; |
| LARGE | &quot;large&quot; |



"""

# android: no outer pipes, links to primitives, and an empty enum table.
ANDROID_PAGE = """

# Pet

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**name** | **String** |  | 
**birthday** | [**Date**](Date.md) |  |  [optional]
**size** | [**SizeEnum**](#SizeEnum) |  |  [optional]


## Enum: SizeEnum

Name | Value
---- | -----



"""


def test_a_java_page_reads_as_java() -> None:
    model, diagnostics = read_page(parse_page("Pet.md", JAVA_PAGE))
    assert diagnostics == []
    assert model is not None
    assert model.dialect == "java"
    assert [(f.name, f.type, f.required) for f in model.fields] == [
        ("id", INT64, True),
        ("name", STRING, True),
        ("status", Reference("PetStatus"), True),
        ("tags", ArrayOf(STRING), True),
        ("attributes", MapOf(STRING), False),
        ("size", STRING, False),
        ("createdAt", Primitive(PrimitiveKind.STRING, "date-time"), False),
    ]
    assert model.fields[5].enum_values == ("small", "large")
    assert model.fields[6].read_only is True


def test_an_android_page_reads_as_java_and_its_empty_enum_table_lists_no_values() -> None:
    model, diagnostics = read_page(parse_page("Pet.md", ANDROID_PAGE))
    assert diagnostics == []
    assert model is not None
    assert model.dialect == "java"
    assert [(f.name, f.type, f.enum_values) for f in model.fields] == [
        ("name", STRING, None),
        ("birthday", STRING, None),
        ("size", STRING, None),
    ]


# java-micronaut (5.x-7.x): types in code spans, "[optional property]", an inline enum's section
# titled without "Enum:" and its values quoted in code.
MICRONAUT_PAGE = """

# Order

The class is defined in **[Order.java](../../src/main/java/org/openapitools/model/Order.java)**

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**id** | `Long` | Identifier. | 
**items** | [`List&lt;OrderItem&gt;`](OrderItem.md) |  |  [optional property]
**placedAt** | `LocalDateTime` |  |  [optional property] [readonly property]
**size** | [**SizeEnum**](#SizeEnum) |  |  [optional property]
**tags** | [**List&lt;TagsEnum&gt;**](#List&lt;TagsEnum&gt;) |  | 

## SizeEnum

Name | Value
---- | -----
SMALL | `"small"`
LARGE | `"large"`

## List&lt;TagsEnum&gt;

Name | Value
---- | -----
RED | `"red"`
"""


def test_a_java_micronaut_page_reads_as_java() -> None:
    text = MICRONAUT_PAGE.replace("# Order\n", "# Order\n\nAn order.\n")
    model, diagnostics = read_page(parse_page("Order.md", text))
    assert diagnostics == []
    assert model is not None
    assert model.dialect == "java"
    assert model.description == "An order."  # without the template's "The class is defined in…"
    assert [(f.name, f.type, f.required, f.read_only, f.enum_values) for f in model.fields] == [
        ("id", INT64, True, False, None),
        ("items", ArrayOf(Reference("OrderItem")), False, False, None),
        ("placedAt", Primitive(PrimitiveKind.STRING, "date-time"), False, True, None),
        ("size", STRING, False, False, ("small", "large")),
        ("tags", ArrayOf(STRING), True, False, ("red",)),
    ]


def _only_strings(title_prefix: str) -> str:
    return (
        f"{title_prefix}# Address\n\n## Properties\n\nName | Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n"
        "**street** | **String** |  | \n**city** | **String** |  | [optional]\n"
    )


def test_the_blank_lines_before_the_title_make_a_page_of_strings_java() -> None:
    page = parse_page("Address.md", _only_strings("\n\n"))
    model, _ = read_page(page)
    assert model is not None
    assert model.dialect == "java"


def test_a_page_of_strings_with_its_title_first_is_not_java() -> None:
    # Rust, swift and dart write String too, and their pages start with the title.
    page = parse_page("Address.md", _only_strings(""))
    model, _ = read_page(page)
    assert model is not None
    assert model.dialect != "java"


def test_python_and_rust_spellings_are_not_java() -> None:
    python = parse_page("P.md", _only_strings("").replace("**String**", "**str**"))
    rust = parse_page("R.md", _only_strings("").replace("**String**", "Option<**String**>"))
    assert registry.detect(_cells(python), python) is not JAVA
    assert registry.detect(_cells(rust), rust) is not JAVA


def _cells(page: Page) -> list[TypeCell]:
    section = page.section("Properties")
    assert section is not None
    return [decode_type_cell(row.text.split("|")[1]) for row in section.tables[0].rows]


@pytest.mark.parametrize(
    ("prefix", "evidence"),
    [
        ("\n\n", 2),  # the JVM templates' two blank lines
        ("", -1),  # no JVM template starts with its title
        ("\n", 0),  # kotlin's one blank line: the kotlin. prefixes tell
        ("---\nslug: /models/address\n---\n\n", 0),  # front matter says nothing
    ],
)
def test_what_comes_before_the_title_is_jvm_evidence(prefix: str, evidence: int) -> None:
    assert JAVA.page_evidence(parse_page("Address.md", _only_strings(prefix))) == evidence


def test_a_java_micronaut_page_of_model_references_reads_as_java() -> None:
    # Rows that end without a space read like PHP's; the class sentence is micronaut's own.
    page = (
        "\n\n# Reply\n\n"
        "The class is defined in **[Reply.java](../../src/main/java/org/openapitools/model/Reply.java)**\n\n"
        "## Properties\n\nName | Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n"
        "**status** | `ReplyStatus` |  |  [optional property]\n"
        "**result** | [`ReplyBody`](ReplyBody.md) |  |  [optional property]\n"
    )
    model, diagnostics = read_page(parse_page("Reply.md", page))
    assert diagnostics == []
    assert model is not None and model.dialect == "java"
    assert [f.required for f in model.fields] == [False, False]


def test_the_qualified_legacy_date_is_a_string() -> None:
    # 4.x writes java.util.Date where the spec has a model named Date taking the short name
    assert JAVA.parse_type(TypeCell("java.util.Date", ())).type == Primitive(PrimitiveKind.STRING)

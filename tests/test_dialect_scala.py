"""The scala dialect (scala-akka pages): type grammar, names, inline enums and detection
(docmodels.dialects.scala)."""

from __future__ import annotations

import pytest
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.scala import SCALA
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    MapOf,
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
INT32 = Primitive(PrimitiveKind.INTEGER, "int32")
DOUBLE = Primitive(PrimitiveKind.NUMBER, "double")


def parse(text: str) -> ParsedType:
    return SCALA.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("String", STRING),
        ("Int", INT32),
        ("Long", Primitive(PrimitiveKind.INTEGER, "int64")),
        ("Float", Primitive(PrimitiveKind.NUMBER, "float")),
        ("Double", DOUBLE),
        ("BigDecimal", Primitive(PrimitiveKind.NUMBER)),
        ("Boolean", Primitive(PrimitiveKind.BOOLEAN)),
        ("ByteArray", Primitive(PrimitiveKind.STRING, "byte")),
        ("File", Primitive(PrimitiveKind.STRING, "binary")),
        ("LocalDate", Primitive(PrimitiveKind.STRING, "date")),
        ("OffsetDateTime", Primitive(PrimitiveKind.STRING, "date-time")),
        ("UUID", Primitive(PrimitiveKind.STRING, "uuid")),
        ("Any", AnyValue()),
        ("AnyType", AnyValue()),
    ],
)
def test_scalars(text: str, expected: TypeExpr) -> None:
    assert parse(text) == ParsedType(expected, native_names=1)


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("Seq<String>", ArrayOf(STRING), 2),
        ("Seq[String]", ArrayOf(STRING), 2),
        ("Set<String>", ArrayOf(STRING, unique_items=True), 2),
        ("Map<String, Int>", MapOf(INT32), 3),
        # The template mixes the brackets: the outer type is HTML, the inner one Scala.
        ("Map<String, Seq[String]>", MapOf(ArrayOf(STRING)), 4),
        ("Seq<Seq[Double]>", ArrayOf(ArrayOf(DOUBLE)), 3),
        ("Seq<Pet>", ArrayOf(Reference("Pet")), 1),
    ],
)
def test_containers(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("int", "unknown type 'int'", 0),
        ("Seq<String]", "expected '>' but found ']'", 10),
        ("Map<Int, String>", "map keys must be String", 4),
        ("kotlin.String", "unknown type 'kotlin.String'", 0),
    ],
)
def test_types_the_grammar_rejects(text: str, message: str, offset: int) -> None:
    with pytest.raises(TypeSyntaxError) as caught:
        parse(text)
    assert (caught.value.message, caught.value.offset) == (message, offset)


@pytest.mark.parametrize(
    ("name", "wire"),
    [
        ("`type`", ("type", WireNameSource.UNMANGLED)),
        ("`class`", ("class", WireNameSource.UNMANGLED)),
        ("photoUrls", ("photoUrls", WireNameSource.PAGE)),
    ],
)
def test_wire_names_undo_scalas_back_tick_escapes(
    name: str, wire: tuple[str, WireNameSource]
) -> None:
    assert SCALA.wire_name(name) == wire


SCALA_PAGE = """

# Pet

A pet.

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**name** | **String** |  | 
**`type`** | **String** |  |  [optional]
**tags** | **Seq&lt;String&gt;** |  |  [optional]
**size** | [**Size**](#Size) | How big. |  [optional]
**level** | [**Level**](#Level) |  |  [optional]


## Enum: Size
Allowed values: [small, medium, large]


## Enum: Level
Allowed values: [1, 2]



"""


def test_a_scala_page_reads_as_scala_with_its_inline_enums() -> None:
    model, diagnostics = read_page(parse_page("Pet.md", SCALA_PAGE))
    assert diagnostics == []
    assert model is not None
    assert model.dialect == "scala"
    assert [(f.wire_name, f.type, f.enum_values) for f in model.fields] == [
        ("name", STRING, None),
        ("type", STRING, None),
        ("tags", ArrayOf(STRING), None),
        ("size", STRING, ("small", "medium", "large")),
        ("level", Primitive(PrimitiveKind.INTEGER), (1, 2)),
    ]


def test_a_back_ticked_name_tells_a_scala_page_of_strings_from_a_java_one() -> None:
    text = SCALA_PAGE.split("**tags**")[0]
    model, _ = read_page(parse_page("Pet.md", text))
    assert model is not None
    assert model.dialect == "scala"


def test_a_sections_paragraphs_are_kept_with_their_line() -> None:
    page = parse_page("Pet.md", SCALA_PAGE)
    size = page.section("Enum: Size")
    assert size is not None
    assert [(p.number, p.text) for p in size.paragraphs] == [
        (19, "Allowed values: [small, medium, large]")
    ]


def test_prose_in_an_enum_section_is_not_read_as_values() -> None:
    text = SCALA_PAGE.replace("Allowed values: [1, 2]", "Levels are explained elsewhere.")
    model, diagnostics = read_page(parse_page("Pet.md", text))
    assert diagnostics == []
    assert model is not None
    assert model.fields[-1].enum_values is None


def _page_of(rows: str) -> str:
    # scala-akka's template: two blank lines, the title; rows end without a space (as PHP's do).
    return (
        "\n\n# Result\n\n## Properties\n\nName | Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n" + rows
    )


@pytest.mark.parametrize(
    "rows",
    [
        # One Int among model references: PHP's rows end alike, Java has no Int.
        "**status** | **ResultStatus** |  |  [optional]\n**attemptsLeft** | **Int** |  |  [optional]\n",
        "**ids** | **Set&lt;Int&gt;** |  |  [optional]\n**paid** | **Boolean** |  |  [optional]\n",
    ],
)
def test_a_page_whose_only_scala_word_is_int_reads_as_scala(rows: str) -> None:
    model, diagnostics = read_page(parse_page("Result.md", _page_of(rows)))
    assert diagnostics == []
    assert model is not None and model.dialect == "scala"
    assert Primitive(PrimitiveKind.INTEGER, "int32") in {
        f.type.items if isinstance(f.type, ArrayOf) else f.type for f in model.fields
    }

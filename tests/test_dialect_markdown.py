"""The markdown dialect: openapi-generator's markdown documentation (docmodels.dialects.markdown)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmodels.dialects import registry
from docmodels.dialects.base import NoDefault, TypeSyntaxError
from docmodels.dialects.markdown import MARKDOWN
from docmodels.ir import AnyValue, ArrayOf, MapOf, Primitive, PrimitiveKind, Reference, TypeExpr
from docmodels.load import load
from docmodels.page.structure import parse_page
from docmodels.page.typecell import decode_type_cell

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
STRING = Primitive(PrimitiveKind.STRING)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("**String**", STRING),
        ("**Integer**", Primitive(PrimitiveKind.INTEGER)),
        ("**Long**", Primitive(PrimitiveKind.INTEGER, "int64")),
        ("**Float**", Primitive(PrimitiveKind.NUMBER, "float")),
        ("**Double**", Primitive(PrimitiveKind.NUMBER, "double")),
        ("**BigDecimal**", Primitive(PrimitiveKind.NUMBER)),
        ("**Boolean**", Primitive(PrimitiveKind.BOOLEAN)),
        ("**date**", Primitive(PrimitiveKind.STRING, "date")),
        ("**Date**", Primitive(PrimitiveKind.STRING, "date-time")),
        ("**byte[]**", Primitive(PrimitiveKind.STRING, "byte")),
        ("**File**", Primitive(PrimitiveKind.STRING, "binary")),
        ("**UUID**", Primitive(PrimitiveKind.STRING, "uuid")),
        ("[**Object**](.md)", AnyValue()),
        ("[**oas_any_type_not_mapped**](.md)", AnyValue()),
        # The item type is only in the link, where it is a model or a container.
        ("**List**", ArrayOf(AnyValue())),
        ("**Set**", ArrayOf(AnyValue(), unique_items=True)),
        ("**Map**", MapOf(AnyValue())),
        ("[**List**](Pet.md)", ArrayOf(Reference("Pet"))),
        ("[**Set**](Pet.md)", ArrayOf(Reference("Pet"), unique_items=True)),
        ("[**Map**](Pet.md)", MapOf(Reference("Pet"))),
        ("[**List**](array.md)", ArrayOf(ArrayOf(AnyValue()))),
        ("[**Map**](array.md)", MapOf(ArrayOf(AnyValue()))),
        ("[**Pet**](Pet.md)", Reference("Pet")),
        ("**URI**", Primitive(PrimitiveKind.STRING, "uri")),
        # A model is the spec's name as it is, which its page's file name keeps.
        ("[**User--Mini**](User--Mini.md)", Reference("User--Mini")),
        ("[**links.SelfLink**](links.SelfLink.md)", Reference("links.SelfLink")),
        ("[**userLinks**](userLinks.md)", Reference("userLinks")),
        ("[**0**](0.md)", Reference("0")),
        ("[**List**](Folder--Mini.md)", ArrayOf(Reference("Folder--Mini"))),
        # The page openapi-generator links for a schema without a type, which it never writes.
        ("[**List**](AnyType.md)", ArrayOf(AnyValue())),
        # Before 7.x a scalar links a page of openapi-generator's type name, never written.
        ("[**String**](string.md)", STRING),
        ("[**Integer**](integer.md)", Primitive(PrimitiveKind.INTEGER)),
        ("[**Date**](DateTime.md)", Primitive(PrimitiveKind.STRING, "date-time")),
        ("[**List**](string.md)", ArrayOf(STRING)),
        ("[**List**](integer.md)", ArrayOf(Primitive(PrimitiveKind.INTEGER))),
        ("[**Map**](double.md)", MapOf(Primitive(PrimitiveKind.NUMBER, "double"))),
        ("[**List**](boolean.md)", ArrayOf(Primitive(PrimitiveKind.BOOLEAN))),
        ("[**byte[]**](ByteArray.md)", Primitive(PrimitiveKind.STRING, "byte")),
        ("[**date**](date.md)", Primitive(PrimitiveKind.STRING, "date")),
        # A format-date string or a model named Date whose page was left out: a reference,
        # which the page of that name decides.
        ("[**Date**](Date.md)", Reference("Date")),
    ],
)
def test_types(cell: str, expected: TypeExpr) -> None:
    assert MARKDOWN.parse_type(decode_type_cell(cell)).type == expected


@pytest.mark.parametrize("cell", ["**List<String>**", "**str**", "**int[]**"])
def test_what_markdown_pages_never_write_is_a_syntax_error(cell: str) -> None:
    with pytest.raises(TypeSyntaxError):
        MARKDOWN.parse_type(decode_type_cell(cell))


@pytest.mark.parametrize(("cell", "unsaid"), [("**List**", True), ("**Map**", True),
                                              ("[**List**](Pet.md)", False), ("**String**", False)])
def test_a_container_without_a_link_does_not_say_its_items(cell: str, unsaid: bool) -> None:
    assert MARKDOWN.parse_type(decode_type_cell(cell)).items_unsaid is unsaid


def test_null_is_no_default() -> None:
    with pytest.raises(NoDefault):
        MARKDOWN.parse_default("null")


def test_a_folder_of_markdown_pages() -> None:
    model_set, diagnostics = load([FIXTURES], FIXTURES)
    assert [d for d in diagnostics if d.severity.name == "ERROR"] == []
    order = model_set.by_name()["Order"]
    assert order.dialect == "markdown"
    fields = {f.wire_name: f for f in order.fields}
    assert list(fields) == [
        "id", "lines", "labels", "by_code", "state", "placed_on", "placed_at", "signature",
        "total", "channel", "code", "extra",
    ]
    assert fields["lines"].type == ArrayOf(Reference("OrderLine"))
    assert fields["by_code"].type == MapOf(ArrayOf(AnyValue()))
    assert [f.required for f in fields.values()][:3] == [True, True, False]
    defaults = {k: f.default.value for k, f in fields.items() if f.default is not None}
    assert defaults == {"total": 0, "channel": "web", "code": "42"}


def test_a_page_of_model_references_only_is_markdown() -> None:
    """Every cell reads alike in every grammar; the page's shape tells (bash also writes
    [default to null] on every row)."""
    page = parse_page("OrderLine.md", (FIXTURES / "OrderLine.md").read_text())
    assert registry.detect([decode_type_cell("[**Order**](Order.md)")], page) is MARKDOWN


def write_pages(folder: Path, pages: dict[str, list[str]], *, outer_pipes: bool) -> None:
    """Pages as the markdown generator writes them: 7.x with outer pipes, 4.x to 6.x without.
    ``pages``: each title to its rows' cells (name, type, notes)."""
    header = ["Name", "Type", "Description", "Notes"]
    rule = ["------------", "-------------", "-------------", "-------------"]
    for title, rows in pages.items():
        lines = [header, rule, *([name, type_, "", notes] for name, type_, notes in rows)]
        table = "".join(
            ("| " + " | ".join(cells) + " |" if outer_pipes else " | ".join(cells)) + "\n"
            for cells in lines
        )
        (folder / f"{title}.md").write_text(f"# {title}\n## Properties\n\n{table}")


def test_capitalized_keys_do_not_make_markdown_pages_swagger_go(tmp_path: Path) -> None:
    """swagger-codegen's go also writes [default to null] on every row of Capitalized names,
    but never draws its tables with outer pipes (AWS specs have Capitalized keys)."""
    write_pages(tmp_path, {
        "Anomaly": [("**AnomalyId**", "**String**", "[default to null]"),
                    ("**Impact**", "[**Impact**](Impact.md)", "[optional] [default to null]"),
                    ("**Values**", "**List**", "[optional] [default to null]")],
        "Impact": [("**MaxImpact**", "**Double**", "[default to null]")],
    }, outer_pipes=True)
    model_set, diagnostics = load([tmp_path], tmp_path)
    anomaly = model_set.by_name()["Anomaly"]
    assert anomaly.dialect == "markdown"
    assert [f.type for f in anomaly.fields] == [STRING, Reference("Impact"), ArrayOf(AnyValue())]
    # The list's items are not on the page: said, at the cell.
    assert [(d.location.line, d.message) for d in diagnostics] == [
        (8, "property 'Values': the page writes 'List' without what it holds; read as a list of any values")
    ]


def test_pages_before_7_without_outer_pipes_are_markdown(tmp_path: Path) -> None:
    """4.x to 6.x draw the table without outer pipes; every row still says [default to null],
    and the Java boxed types tell the rest (bash, which also writes it, has none of them)."""
    write_pages(tmp_path, {
        "Segment": [("**percentage**", "**Double**", "[optional] [default to null]"),
                    ("**kind**", "**String**", "[optional] [default to null]"),
                    ("**links**", "[**List**](Link.md)", "[optional] [default to null]")],
        "Link": [("**href**", "**String**", "[default to null]")],
    }, outer_pipes=False)
    model_set, diagnostics = load([tmp_path], tmp_path)
    segment = model_set.by_name()["Segment"]
    assert segment.dialect == "markdown"
    assert [f.type for f in segment.fields] == [
        Primitive(PrimitiveKind.NUMBER, "double"), STRING, ArrayOf(Reference("Link"))
    ]
    assert diagnostics == []


def test_pages_before_7_that_link_their_scalars_are_markdown_not_swagger_go(tmp_path: Path) -> None:
    """4.x and 5.x link a scalar to a page of another spelling ([**String**](string.md));
    with Capitalized keys and no outer pipes the rows otherwise look like swagger-codegen's go,
    which links a model only to its own page."""
    write_pages(tmp_path, {
        "Activity": [("**EstimationId**", "[**Integer**](integer.md)", "[optional] [default to null]"),
                     ("**Message**", "[**String**](string.md)", "[optional] [default to null]"),
                     ("**Tags**", "[**List**](string.md)", "[optional] [default to null]")],
    }, outer_pipes=False)
    model_set, diagnostics = load([tmp_path], tmp_path)
    activity = model_set.by_name()["Activity"]
    assert activity.dialect == "markdown"
    assert [f.type for f in activity.fields] == [
        Primitive(PrimitiveKind.INTEGER), STRING, ArrayOf(STRING)
    ]
    assert diagnostics == []


def test_a_link_by_the_spec_name_finds_the_page_named_camelized(tmp_path: Path) -> None:
    """Before 7.x the page is named by the spec's name camelized while links keep the spec's
    spelling: Shared.Lines.Details.md is SharedLinesDetails.md."""
    write_pages(tmp_path, {
        "Chart": [("**line**", "[**Shared.Lines.Details**](Shared.Lines.Details.md)",
                   "[optional] [default to null]"),
                  ("**meta**", "[**List**](list_response_meta.md)", "[optional] [default to null]")],
        "SharedLinesDetails": [("**width**", "**Double**", "[default to null]")],
        "ListResponseMeta": [("**page**", "**Integer**", "[default to null]")],
    }, outer_pipes=False)
    model_set, diagnostics = load([tmp_path], tmp_path)
    chart = model_set.by_name()["Chart"]
    assert [f.type for f in chart.fields] == [
        Reference("SharedLinesDetails"), ArrayOf(Reference("ListResponseMeta"))
    ]
    assert diagnostics == []


@pytest.mark.parametrize(
    ("written", "key"),
    [("xMinusrequestMinusid", "x-request-id"), ("propertyUnderscoreclass", "property_class"),
     ("Underscoreprivate", "_private"), ("gracePeriod", "gracePeriod"), ("fooBar", "fooBar")],
)
def test_4x_spells_special_characters_out_as_bash_does(written: str, key: str) -> None:
    assert MARKDOWN.wire_name(written)[0] == key

"""Choosing a page's dialect from its type cells (docmodels.dialects.registry, docmodels.reader)."""

from __future__ import annotations

from pathlib import Path

from docmodels.dialects import registry
from docmodels.dialects.python import PYTHON
from docmodels.dialects.rust import RUST
from docmodels.ir import Model, Primitive, PrimitiveKind
from docmodels.page.structure import parse_page
from docmodels.page.typecell import TypeCell, decode_type_cell
from docmodels.reader import read_page, read_source
from docmodels.source import SourceFile, read

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read_fixture(relative: str) -> Model:
    source = read(FIXTURES / relative, FIXTURES)
    assert isinstance(source, SourceFile)
    model, _ = read_source(source)
    assert model is not None
    return model


def cells(*raw: str) -> list[TypeCell]:
    return [decode_type_cell(text) for text in raw]


def page(*type_cells: str) -> str:
    rows = "".join(f"**p{i}** | {cell} |  | \n" for i, cell in enumerate(type_cells))
    return (
        "# Sample\n\n## Properties\n\nName | Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n" + rows
    )


def test_python_spellings_choose_python() -> None:
    assert registry.detect(cells("**str**", "**int**", "**list[str]**")) is PYTHON


def test_rust_spellings_choose_rust() -> None:
    assert registry.detect(cells("**String**", "Option<**i32**>")) is RUST


def test_module_paths_are_rust_evidence() -> None:
    assert registry.detect(cells("[**models::Owner**](owner.md)")) is RUST


def test_cells_one_dialect_cannot_read_count_against_it() -> None:
    # "str" reads in both grammars; "dict(str, str)" only in python's.
    assert registry.detect(cells("**str**", "**dict(str, str)**")) is PYTHON
    # "str" reads in both; "Vec<str>" only in rust's.
    assert registry.detect(cells("**str**", "**Vec<str>**")) is RUST


def test_a_dialect_that_reads_every_cell_beats_the_shape_of_the_page() -> None:
    # Rows that end right after "]" are PHP's shape; but PHP has no "str": python reads all.
    page = parse_page(
        "Defaults.md",
        "# Defaults\n\n## Properties\nName | Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n"
        "**name** | **str** |  | [optional] [default to 'x']\n"
        "**count** | **int** |  | [optional] [default to 1]\n",
    )
    model, diagnostics = read_page(page)
    assert diagnostics == []
    assert model is not None and model.dialect == "python"


def test_the_majority_of_readable_cells_wins() -> None:
    mixed = cells("**String**", "**i64**", "Option<**bool**>", "**int**")
    assert registry.detect(mixed) is RUST


def test_bare_model_names_are_no_evidence() -> None:
    assert registry.detect(cells("[**Owner**](Owner.md)", "**Session**")) is None


def test_no_cells_are_no_evidence() -> None:
    assert registry.detect([]) is None


def test_unreadable_cells_are_no_evidence() -> None:
    assert registry.detect(cells("**<Owner>**")) is None


def test_a_tie_goes_to_the_first_dialect() -> None:
    assert registry.names()[:2] == ("python", "rust")
    assert registry.detect(cells("**bool**", "**str**")) is PYTHON


def test_dialects_by_name() -> None:
    assert registry.by_name("python") is PYTHON
    assert registry.by_name("rust") is RUST
    assert registry.by_name("cobol") is None


def test_a_python_fixture_page_is_read_as_python() -> None:
    assert read_fixture("python/Cluster.md").dialect == "python"


def test_a_rust_fixture_page_is_read_as_rust() -> None:
    assert read_fixture("rust/Session.md").dialect == "rust"


def test_an_enum_page_has_no_types_and_so_no_dialect() -> None:
    assert read_fixture("rust/Kind.md").dialect == registry.GENERIC


def test_a_page_of_model_references_only_is_read_with_the_first_dialect() -> None:
    model, diagnostics = read_page(parse_page("p.md", page("[**Owner**](Owner.md)")))
    assert diagnostics == []
    assert model is not None
    assert model.dialect == "python"


def test_a_forced_dialect_overrides_detection() -> None:
    # Alone, "bool" reads as python; forced to rust, the field also learns it is not nullable.
    text = page("**bool**")
    detected, _ = read_page(parse_page("p.md", text))
    forced, _ = read_page(parse_page("p.md", text), RUST)
    assert detected is not None and forced is not None
    assert (detected.dialect, detected.fields[0].nullable) == ("python", None)
    assert (forced.dialect, forced.fields[0].nullable) == ("rust", False)
    assert forced.fields[0].type == Primitive(PrimitiveKind.BOOLEAN)


def test_a_forced_dialect_reports_what_it_cannot_read() -> None:
    _, diagnostics = read_page(parse_page("p.md", page("**list[str]**")), RUST)
    assert [str(d) for d in diagnostics] == [
        "p.md:7:12: warning: property 'p0': unknown type 'list' in 'list[str]'; read as any value"
    ]


def test_a_folders_evidence_sums_its_pages_each_score_floored_and_skips_pages_without() -> None:
    width = len(registry.DIALECTS)
    odd = tuple((-50 if i == 0 else i, i % 2) for i in range(width))  # one page vetoes dialect 0
    plain = tuple((3, 1) for _ in range(width))
    assert registry.combined([odd, (), plain, plain]) == tuple(
        (-10 + 6 if i == 0 else i + 6, i % 2 + 2) for i in range(width))
    assert registry.combined([(), ()]) == tuple((0, 0) for _ in range(width))

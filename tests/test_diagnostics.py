"""Bad input: every kind is reported at its place. What cannot be read is a loss (a warning: the
property reads as any value, or the page is left out) and the rest of the folder still
generates; in strict mode every loss is an error and nothing is written. Errors that mean the run
must not write (two pages for one model) stay errors.

Each diagnostic is asserted as the full ``path:line:col: severity: message`` line a user sees.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docmodels.cli import main
from docmodels.ir import AnyValue, Default, ModelKind, Primitive, PrimitiveKind
from docmodels.load import load
from docmodels.page.structure import parse_page
from docmodels.reader import read_page

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD = FIXTURES / "bad"

TABLE = (
    "Name | Type | Description | Notes\n"
    "------------ | ------------- | ------------- | -------------\n"
)


def properties(*rows: str, title: str = "Pet") -> str:
    """A page whose property table holds ``rows``: the first row is on line 6."""
    return f"# {title}\n\n## Properties\n{TABLE}" + "".join(row + "\n" for row in rows)

# Page(s) of tests/fixtures/bad -> what loading them reports (paths relative to the pages' folder).
LOSSES = {
    "malformed_row": (
        ["MalformedRow.md"],
        [("MalformedRow.md:7:1: warning: malformed row: expected 4 cells, found 2; property "
         "'name' read as any value")],
    ),
    "unknown_type": (
        ["UnknownType.md"],
        [("UnknownType.md:9:14: warning: property 'size': unknown type 'integer' in 'integer'; "
         "read as any value; did you mean 'int'?")],
    ),
    "dangling_reference": (
        ["Dangling.md"],
        [("Dangling.md:7:16: warning: property 'customer' refers to model 'Customer', "
          "which no page defines; read as any value")],
    ),
    "no_title": (
        ["NoTitle.md"],
        [("NoTitle.md:1:1: warning: page has no '# Title' heading naming the model; the page is "
         "left out")],
    ),
}
ERRORS = {
    "duplicate_model": (
        ["Duplicate.md", "DuplicateAgain.md"],
        [("DuplicateAgain.md:1:3: error: duplicate model 'Receipt' "
          "(also defined at Duplicate.md:1:3)")],
    ),
}


def as_errors(lines: list[str]) -> list[str]:
    return [line.replace(": warning: ", ": error: ", 1) for line in lines]


def page_diagnostics(text: str) -> list[str]:
    _, diagnostics = read_page(parse_page("p.md", text))
    return [str(d) for d in diagnostics]


def write_bytes_page(folder: Path) -> Path:
    """A page whose description holds a byte that is not UTF-8 (Latin-1 "é", after a real one)."""
    page = folder / "Latin1.md"
    page.write_bytes(
        b"# Latin1\n\n## Properties\n"
        + TABLE.encode()
        + b"**name** | **str** | caf\xc3\xa9 or caf\xe9 | \n"
    )
    return page


# ---------------------------------------------------------------------------------------------
# Each bad page, through load()


@pytest.mark.parametrize(
    ("pages", "expected"), [*LOSSES.values(), *ERRORS.values()], ids=[*LOSSES, *ERRORS]
)
def test_each_bad_page_is_reported(pages: list[str], expected: list[str]) -> None:
    _, diagnostics = load([BAD / name for name in pages], BAD)
    assert [str(d) for d in diagnostics] == expected


@pytest.mark.parametrize(("pages", "expected"), LOSSES.values(), ids=LOSSES.keys())
def test_in_strict_mode_each_loss_is_an_error(pages: list[str], expected: list[str]) -> None:
    _, diagnostics = load([BAD / name for name in pages], BAD, strict=True)
    assert [str(d) for d in diagnostics] == as_errors(expected)


def test_what_cannot_be_read_is_any_value_and_says_why() -> None:
    model_set, _ = load([BAD / "UnknownType.md", BAD / "Dangling.md", BAD / "MalformedRow.md"], BAD)
    unread = {
        (m.name, f.name): (f.type, f.unread)
        for m in model_set.models for f in m.fields if f.unread is not None
    }
    assert unread == {
        ("Broken", "name"): (AnyValue(), "the row has 2 cells, not 4"),
        ("Invoice", "customer"): (AnyValue(), "model 'Customer' is not read"),
        ("Gadget", "size"): (AnyValue(), "unknown type 'integer' in 'integer' (python)"),
    }


def test_a_page_without_a_table_is_no_model_page_and_is_skipped() -> None:
    model_set, diagnostics = load([BAD / "NoTable.md"], BAD)
    assert diagnostics == []
    assert model_set.models == ()
    assert [(p.path, p.reason) for p in model_set.skipped] == [
        ("NoTable.md", "no property table, enum values or member types")
    ]


def test_non_utf8_bytes_are_reported_at_their_line_and_character_column(tmp_path: Path) -> None:
    write_bytes_page(tmp_path)
    model_set, diagnostics = load([tmp_path], tmp_path)
    # Line 6 is the row; "**name** | **str** | café or caf" is 32 characters (33 bytes).
    assert [str(d) for d in diagnostics] == [
        ("Latin1.md:6:33: warning: not valid UTF-8: byte 0xe9 cannot start or continue a "
        "character; the page is left out")
    ]
    assert [p.path for p in model_set.left_out] == ["Latin1.md"]


def test_the_bad_folder_reports_every_page_in_path_order() -> None:
    _, diagnostics = load([BAD], FIXTURES)
    assert [str(d) for d in diagnostics] == [
        ("bad/Dangling.md:7:16: warning: property 'customer' refers to model 'Customer', "
         "which no page defines; read as any value"),
        ("bad/DuplicateAgain.md:1:3: error: duplicate model 'Receipt' "
         "(also defined at bad/Duplicate.md:1:3)"),
        ("bad/MalformedRow.md:7:1: warning: malformed row: expected 4 cells, found 2; property "
         "'name' read as any value"),
        ("bad/NoTitle.md:1:1: warning: page has no '# Title' heading naming the model; the page "
         "is left out"),
        ("bad/UnknownType.md:9:14: warning: property 'size': unknown type 'integer' in "
         "'integer'; read as any value; did you mean 'int'?"),
    ]


def test_a_missing_spec_path_is_reported() -> None:
    _, diagnostics = load([Path("no/such/Page.md")], FIXTURES)
    assert [str(d) for d in diagnostics] == [
        "no/such/Page.md:1:1: error: no such file or directory"
    ]


# ---------------------------------------------------------------------------------------------
# Each bad page, through the command line: a loss is a warning and the rest is written; in
# strict mode, and for errors, exit code 1 and nothing written


def run_generate(
    tmp_path: Path, pages: list[Path], monkeypatch: pytest.MonkeyPatch, *options: str
) -> int:
    monkeypatch.chdir(tmp_path)  # away from the repository's pyproject.toml
    for page in pages:
        if page.parent != tmp_path:
            shutil.copy(page, tmp_path / page.name)
    return main(["generate", *(page.name for page in pages), "-o", str(tmp_path / "out"), *options])


SUMMARIES = {
    "malformed_row": "read 1 of 1 model pages; 1 property read as any value; 1 loss in all",
    "unknown_type": "read 1 of 1 model pages; 1 property read as any value; 1 loss in all",
    "dangling_reference": "read 1 of 1 model pages; 1 property read as any value; 1 loss in all",
    "no_title": "read 0 of 1 model pages; 1 left out; 1 loss in all",
}


@pytest.mark.parametrize(("pages", "expected"), LOSSES.values(), ids=LOSSES.keys())
def test_the_cli_reports_each_loss_and_writes_the_rest(
    pages: list[str],
    expected: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    code = run_generate(tmp_path, [BAD / name for name in pages], monkeypatch)
    captured = capsys.readouterr()
    summary = SUMMARIES[request.node.callspec.id]
    assert code == 0
    assert captured.err.splitlines() == expected
    # One line ends the run: what it wrote, then what was read and lost.
    assert captured.out.splitlines()[-1].endswith(
        f"; {summary} (warnings above; --strict makes them errors)"
    )
    assert (tmp_path / "out" / "models").is_dir()


@pytest.mark.parametrize(("pages", "expected"), LOSSES.values(), ids=LOSSES.keys())
def test_the_cli_in_strict_mode_reports_each_loss_as_an_error_and_writes_nothing(
    pages: list[str],
    expected: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    code = run_generate(tmp_path, [BAD / name for name in pages], monkeypatch, "--strict")
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.splitlines() == [
        *as_errors(expected),
        f"docmodels: errors found; nothing written; {SUMMARIES[request.node.callspec.id]}",
    ]
    assert captured.out == ""
    assert not (tmp_path / "out").exists()


def test_strict_mode_from_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.docmodels]\nstrict = true\n", encoding="utf-8")
    assert run_generate(tmp_path, [BAD / "UnknownType.md"], monkeypatch) == 1
    assert ": error: property 'size': unknown type" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_cli_reports_a_duplicate_model_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pages, expected = ERRORS["duplicate_model"]
    code = run_generate(tmp_path, [BAD / name for name in pages], monkeypatch)
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        *expected, "docmodels: errors found; nothing written"
    ]
    assert not (tmp_path / "out").exists()


def test_the_cli_leaves_out_a_page_of_non_utf8_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = [*sorted((FIXTURES / "rust").glob("*.md")), write_bytes_page(tmp_path)]
    assert run_generate(tmp_path, pages, monkeypatch) == 0
    out, err = capsys.readouterr()
    assert err.splitlines()[0] == (
        "Latin1.md:6:33: warning: not valid UTF-8: byte 0xe9 cannot start or continue a "
        "character; the page is left out"
    )
    assert f"; read {len(pages) - 1} of {len(pages)} model pages; 1 left out" in out
    assert not (tmp_path / "out" / "models" / "latin1.py").exists()


def test_one_bad_page_among_good_ones_loses_only_its_property(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = [*sorted((FIXTURES / "rust").glob("*.md")), BAD / "UnknownType.md"]
    assert run_generate(tmp_path, pages, monkeypatch) == 0
    modules = {p.stem for p in (tmp_path / "out" / "models").glob("*.py")} - {
        "__init__", "_runtime"
    }
    assert len(modules) == len(pages)  # a module for every page, the bad one's too
    gadget = (tmp_path / "out" / "models" / "gadget.py").read_text(encoding="utf-8")
    assert "size: _rt.typing.Any | None = None" in gadget  # the one property whose type is not read


def test_one_bad_page_among_good_ones_writes_nothing_in_strict_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = [*sorted((FIXTURES / "rust").glob("*.md")), BAD / "UnknownType.md"]
    assert run_generate(tmp_path, pages, monkeypatch, "--strict") == 1
    assert not (tmp_path / "out").exists()


def test_the_same_run_without_the_bad_page_writes_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The counterpart of the tests above: good pages do produce an output folder.
    assert run_generate(tmp_path, sorted((FIXTURES / "rust").glob("*.md")), monkeypatch) == 0
    assert (tmp_path / "out").is_dir()


# ---------------------------------------------------------------------------------------------
# Smaller bad pages, read one at a time


def test_a_blank_title_names_no_model() -> None:
    assert page_diagnostics(properties("**id** | **str** |  | ", title="")) == [
        "p.md:1:1: warning: page has no '# Title' heading naming the model; the page is left out"
    ]


def test_a_table_with_another_header_is_not_a_property_table() -> None:
    assert page_diagnostics("# Pet\n\n## Properties\nField | Kind\n---- | ----\n`a` | string\n") == [
        (
            "p.md:4:1: warning: unexpected table header: expected "
            "'Name | Type | Description | Notes' or 'Name | Type'; the page is left out"
        ),
    ]


def test_a_notes_cell_that_is_not_notes() -> None:
    # Not "defaults to 250": that is python-prior's prose, which its dialect reads.
    text = properties("**page_size** | **int** | Items per page | see the docs")
    assert page_diagnostics(text) == [
        ("p.md:6:44: warning: property 'page_size': cannot read notes 'see the docs'; whether it is "
        "required, its default and the rest of its notes are unknown")
    ]


def test_a_property_without_a_type_is_reported_at_its_empty_type_cell() -> None:
    assert page_diagnostics(properties("**name** |  | Its name | ")) == [
        "p.md:6:11: warning: property 'name' has no type; read as any value"
    ]


def test_a_property_without_a_name() -> None:
    assert page_diagnostics(properties("**** | **str** |  | ")) == [
        "p.md:6:1: warning: property has no name; the row is left out"
    ]


def test_an_unknown_rust_type_is_reported_where_it_stands_in_the_cell() -> None:
    text = properties(
        "**id** | **String** |  | ",
        "**n** | Option<[**Vec<u128>**](x.md)> |  | [optional]",
        "**m** | Option<**i32**> |  | [optional]",
    )
    assert page_diagnostics(text) == [
        ("p.md:7:23: warning: property 'n': unknown type 'u128' in 'Option<Vec<u128>>'; read as "
        "any value")
    ]


def test_an_unclosed_type_is_reported_where_it_ends() -> None:
    text = properties("**id** | **str** |  | ", "**tags** | **list[str** |  | ")
    assert page_diagnostics(text) == [
        ("p.md:7:22: warning: property 'tags': type ends where ']' was expected in 'list[str'; "
        "read as any value")
    ]


def test_a_property_named_twice_keeps_the_first() -> None:
    # Generators write two properties under one name (python's ``type`` and ``@type``): the
    # page no longer says the second one's key.
    text = properties("**name** | **str** |  | ", "**name** | **int** |  | ")
    model, diagnostics = read_page(parse_page("p.md", text))
    assert [str(d) for d in diagnostics] == [
        (
            "p.md:7:1: warning: property 'name' is written twice (first at line 6); its wire "
            "name is lost, so it is left out"
        )
    ]
    assert model is not None
    assert [(f.name, f.type) for f in model.fields] == [("name", Primitive(PrimitiveKind.STRING))]


def test_two_names_for_the_same_wire_name() -> None:
    text = properties("**r#type** | **String** |  | ", "**type** | **String** |  | ")
    assert page_diagnostics(text) == [
        "p.md:7:1: warning: duplicate property 'type' (first at line 6); this one is left out"
    ]


def test_a_default_of_the_wrong_type_is_ignored_with_a_warning() -> None:
    text = properties("**size** | **int** |  | [optional] [default to 'big']")
    model, diagnostics = read_page(parse_page("p.md", text))
    assert [str(d) for d in diagnostics] == [
        "p.md:6:25: warning: property 'size': default 'big' is not a valid integer; ignored"
    ]
    assert model is not None and model.fields[0].default is None


@pytest.mark.parametrize(
    ("type_", "default", "shown", "column"),
    [
        ("date", "'2024-02-30'", "string(date)", 26),
        ("datetime", "'2024-03-18'", "string(date-time)", 30),
    ],
)
def test_a_date_default_that_is_no_date_is_ignored_with_a_warning(
    type_: str, default: str, shown: str, column: int
) -> None:
    text = properties(f"**when** | **{type_}** |  | [optional] [default to {default}]")
    model, diagnostics = read_page(parse_page("p.md", text))
    assert [str(d) for d in diagnostics] == [
        (
            f"p.md:6:{column}: warning: property 'when': default {default} is not a valid "
            f"{shown}; ignored"
        )
    ]
    assert model is not None and model.fields[0].default is None


def test_a_valid_date_default_is_kept() -> None:
    text = properties("**when** | **date** |  | [optional] [default to '2024-02-29']")
    model, diagnostics = read_page(parse_page("p.md", text))
    assert diagnostics == []
    assert model is not None and model.fields[0].default == Default("2024-02-29", "'2024-02-29'")


def test_a_default_the_dialect_cannot_read_is_ignored_with_a_warning() -> None:
    text = properties("**vis** | **str** |  | [default to Visibility.PUBLIC]")
    assert page_diagnostics(text) == [
        ("p.md:6:24: warning: property 'vis': default ignored: not a Python literal: "
         "'Visibility.PUBLIC'")
    ]


def test_an_enum_page_whose_bullets_cannot_be_read() -> None:
    assert page_diagnostics("# Level\n\n## Enum\n\n* `LOW` (value: `'low'`)\n* LOW = low\n") == [
        "p.md:6:1: warning: cannot read enum value: expected '* `NAME` (value: `value`)'; left out"
    ]


def test_an_enum_value_listed_twice() -> None:
    text = "# Level\n\n## Enum\n\n* `LOW` (value: `'low'`)\n* `LOWER` (value: `'low'`)\n"
    assert page_diagnostics(text) == ["p.md:6:1: warning: duplicate enum value 'low'; left out"]


def test_an_enum_of_strings_and_numbers() -> None:
    text = "# Level\n\n## Enum\n\n* `LOW` (value: `'low'`)\n* `ONE` (value: `1`)\n"
    assert page_diagnostics(text) == [
        "p.md:1:3: warning: enum values mix strings and numbers; the page is left out"
    ]


def test_a_page_with_both_properties_and_enum_values_is_read_as_an_enum() -> None:
    text = properties("**id** | **str** |  | ", "", "## Enum", "", "* `LOW` (value: `'low'`)")
    assert page_diagnostics(text) == [
        "p.md:1:3: warning: page has both properties and enum values; reading it as an enum"
    ]


def test_an_unknown_note_is_kept_as_a_warning() -> None:
    text = properties("**id** | **str** |  | [optional] [foreignkey]")
    assert page_diagnostics(text) == [
        "p.md:6:23: warning: property 'id': note [foreignkey] is not understood; ignored"
    ]


def test_an_empty_property_table_is_an_enum_whose_values_were_lost() -> None:
    text = f"# BaseJobStatus\n\nAn enumeration.\n## Properties\n{TABLE}\n"
    model, diagnostics = read_page(parse_page("p.md", text))
    assert [str(d) for d in diagnostics] == [
        ("p.md:1:3: warning: the property table is empty: read as an enum whose values the "
         "generator did not write (any string or number is accepted; an overlay's enum gives "
         "them)")
    ]
    assert model is not None
    assert (model.kind, model.enum_type, model.values_lost) == (ModelKind.ENUM, None, True)
    assert model.missing == (
        "enum values (or a oneOf's scalar member types): the page's table is empty",
    )

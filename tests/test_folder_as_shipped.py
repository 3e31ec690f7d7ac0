"""A docs folder as a generator ships it: API pages, hand-written pages and READMEs are skipped by
their structure; every page of a folder is read in the dialect the whole folder's evidence is for;
what still cannot be read is declared, in the IR, the schema and the docs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docmodels.cli import main
from docmodels.diagnostics import Severity
from docmodels.dialects import registry
from docmodels.ir import AnyValue, ArrayOf, MapOf, Primitive, PrimitiveKind, Reference
from docmodels.load import load

TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"


def model_page(title: str, *rows: str) -> str:
    return f"# {title}\n\n## Properties\n{TABLE}" + "".join(row + "\n" for row in rows)


API_PAGE = """# Client

All URIs are relative to *https://api.example.com*

Method | HTTP request | Description
------------- | ------------- | -------------
[**get_pet**](Client.md#get_pet) | **GET** /pets/{id} | Find a pet

# **get_pet**
> Pet get_pet(id)

### Parameters

Name | Type | Description  | Notes
------------- | ------------- | ------------- | -------------
 **id** | **str**| The pet&#39;s id. |
"""

GUIDE = """# Logging

Set `LOG_LEVEL` to `debug` to see every request.

## Retry logic

Requests are retried three times.
"""


def write(folder: Path, pages: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# ---------------------------------------------------------------------------------------------
# Pages that are no model pages


def test_api_and_hand_written_pages_are_skipped_by_their_structure(tmp_path: Path) -> None:
    docs = write(tmp_path / "docs", {
        "Client.md": API_PAGE,  # an API page not named *Api.md
        "Admin_API.md": API_PAGE.replace("# Client", "# Admin"),
        "logging.md": GUIDE,
        "Pet.md": model_page("Pet", "**id** | **str** |  | "),
    })
    model_set, diagnostics = load([docs], tmp_path)
    assert diagnostics == []
    assert [m.name for m in model_set.models] == ["Pet"]
    assert [(p.path, p.reason) for p in model_set.skipped] == [
        ("docs/Admin_API.md", "an API page (a table of HTTP requests)"),
        ("docs/Client.md", "an API page (a table of HTTP requests)"),
        ("docs/logging.md", "no property table, enum values or member types"),
    ]


def test_skipped_pages_are_counted_in_the_summary_and_listed_by_ir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "docs", {"Client.md": API_PAGE, "Pet.md": model_page("Pet", "**id** | **str** |  | ")})
    monkeypatch.chdir(tmp_path)
    assert main(["ir", "docs"]) == 0
    out, err = capsys.readouterr()
    assert err == "docmodels: read 1 of 1 model pages; 1 page skipped: no model pages\n"
    assert json.loads(out)["skipped"] == [
        {"path": "docs/Client.md", "reason": "an API page (a table of HTTP requests)",
         "title": "Client"}
    ]


def test_a_reference_to_a_skipped_page_is_any_value_and_says_why(tmp_path: Path) -> None:
    docs = write(tmp_path / "docs", {
        "Pet.md": model_page("Pet", "**owner** | [**Owner**](Owner.md) |  | [optional]"),
        "Owner.md": "# Owner\n\nThe generator wrote no table here.\n",
    })
    model_set, diagnostics = load([docs], tmp_path)
    assert [str(d) for d in diagnostics] == [
        ("docs/Pet.md:6:13: warning: property 'owner' refers to model 'Owner', which no page "
        "defines (its page docs/Owner.md gave none: no property table, enum values or member "
        "types); read as any value")
    ]
    owner = model_set.models[0].fields[0]
    assert owner.type == AnyValue()


# ---------------------------------------------------------------------------------------------
# Detection per folder

SWIFT = model_page(
    "Pet", "**id** | **Int64** |  | ", "**name** | **String** |  | ", "**tags** | **[String]** |  | [optional]"
)
DOUBLE_ONLY = model_page("Weight", "**value** | **Double** |  | ")


def test_a_page_with_little_evidence_reads_in_its_folders_dialect(tmp_path: Path) -> None:
    # Alone, a page whose only type is **Double** reads in another dialect; beside swift
    # pages, as swift.
    alone, _ = load([write(tmp_path / "alone", {"Weight.md": DOUBLE_ONLY})], tmp_path)
    assert [m.dialect for m in alone.models] != ["swift"]
    both, diagnostics = load(
        [write(tmp_path / "swift", {"Pet.md": SWIFT, "Weight.md": DOUBLE_ONLY})], tmp_path
    )
    assert diagnostics == []
    assert {m.name: m.dialect for m in both.models} == {"Pet": "swift", "Weight": "swift"}


def test_folders_are_detected_each_on_its_own(tmp_path: Path) -> None:
    write(tmp_path / "specs" / "swift", {"Pet.md": SWIFT})
    write(tmp_path / "specs" / "java", {
        "Weight.md": DOUBLE_ONLY,
        "Owner.md": model_page("Owner", "**since** | **OffsetDateTime** |  | "),
    })
    model_set, _ = load([tmp_path / "specs"], tmp_path)
    dialects = {m.name: m.dialect for m in model_set.models}
    assert dialects["Pet"] == "swift"
    assert dialects["Owner"] == dialects["Weight"] != "swift"


RUST = model_page("Job", "**id** | **String** |  | ", "**tries** | Option<**i32**> |  | [optional]")
PYTHON = model_page("Tag", "**label** | **str** |  | ", "**weight** | **float** |  | [optional]")


def test_a_page_that_contradicts_its_folder_keeps_its_own_dialect_with_a_warning(
    tmp_path: Path,
) -> None:
    rust = {f"Job{i}.md": RUST.replace("# Job", f"# Job{i}") for i in range(6)}
    docs = write(tmp_path / "docs", {**rust, "Tag.md": PYTHON})
    model_set, diagnostics = load([docs], tmp_path)
    assert {m.name: m.dialect for m in model_set.models} == {
        **{f"Job{i}": "rust" for i in range(6)}, "Tag": "python"
    }
    assert [str(d) for d in diagnostics] == [
        ("docs/Tag.md:1:3: warning: this page reads as 'python', the rest of its folder as "
        "'rust', which cannot read 1 of its type cells: read as 'python' (a folder should hold "
        "the pages of one generator; --dialect NAME reads every page in one)")
    ]
    assert all(d.severity is Severity.WARNING and not d.loss for d in diagnostics)


def test_a_folder_no_dialect_reads_gets_one_diagnostic_naming_the_option(tmp_path: Path) -> None:
    pages = {
        f"M{i}.md": model_page(f"M{i}", "**a** | **Number~32** |  | ", "**b** | **Text~8** |  | ")
        for i in range(8)
    }
    _, diagnostics = load([write(tmp_path / "docs", pages)], tmp_path)
    folder = [str(d) for d in diagnostics if "--dialect" in d.message]
    assert folder == [
        ("docs:1:1: warning: no dialect reads the types of the 8 pages here (such as "
         "'Number~32', 'Text~8'): 16 of 16 type cells are not read; if you know the generator, "
         "pass --dialect NAME")
    ]


# ---------------------------------------------------------------------------------------------
# What is lost is declared in every output


@pytest.fixture
def lossy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "docs", {
        "Pet.md": model_page(
            "Pet",
            "**id** | **str** |  | ",
            "**size** | **integer** |  | [optional]",
            "**owner** | [**Owner**](Owner.md) |  | [optional]",
        ),
        "Owner.md": model_page("Owner", "**name** | **str** |  | ").replace("# Owner\n", ""),
    })
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_ir_says_what_was_not_read(lossy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ir", "docs"]) == 0
    out, err = capsys.readouterr()
    ir = json.loads(out)
    fields = {f["name"]: f for f in ir["models"][0]["fields"]}
    assert fields["size"]["type"] == {"kind": "any"}
    assert fields["size"]["unread"] == "unknown type 'integer' in 'integer' (python)"
    assert fields["owner"]["unread"] == (
        "model 'Owner' is not read (its page docs/Owner.md gave none: page has no '# Title' "
        "heading naming the model)"
    ) or fields["owner"]["unread"] == "model 'Owner' is not read"
    assert ir["left_out"] == [
        {"path": "docs/Owner.md", "reason": "page has no '# Title' heading naming the model",
         "title": None}
    ]
    assert err.splitlines()[-1] == (
        "docmodels: read 1 of 2 model pages; 1 left out; 2 properties read as any value; "
        "3 losses in all (warnings above; --strict makes them errors)"
    )


def test_the_schema_says_what_was_not_read(lossy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "docs"]) == 0
    schema = json.loads(capsys.readouterr().out)
    size = schema["$defs"]["Pet"]["properties"]["size"]
    assert size["x-docmodels-unread"] == "unknown type 'integer' in 'integer' (python)"
    assert "type" not in size  # any value
    assert schema["x-docmodels-left-out"] == [
        {"path": "docs/Owner.md", "reason": "page has no '# Title' heading naming the model"}
    ]


def test_the_docs_say_what_was_not_read(lossy: Path) -> None:
    assert main(["generate", "docs", "-o", "out", "--no-cache"]) == 0
    page = (lossy / "out" / "docs" / "Pet.md").read_text(encoding="utf-8")
    assert "type not read, any value accepted: unknown type 'integer' in 'integer' (python)" in page


def test_the_generated_model_accepts_any_value_where_the_type_was_not_read(lossy: Path) -> None:
    import importlib
    import sys

    assert main(["generate", "docs", "-o", "out", "--no-cache", "--package", "lossy"]) == 0
    sys.path.insert(0, str(lossy / "out"))
    try:
        module = importlib.import_module("lossy")
        payload = {"id": "p1", "size": {"any": ["thing"]}, "owner": 3}
        assert module.Pet.from_dict(payload).to_dict() == payload
    finally:
        sys.path.remove(str(lossy / "out"))
        for name in [n for n in sys.modules if n == "lossy" or n.startswith("lossy.")]:
            del sys.modules[name]


REAL = Path(__file__).parent / "fixtures" / "real"


def test_a_folder_of_many_small_pages_reads_in_the_dialect_its_cells_are_in() -> None:
    """go 4.3.1's pages of an Azure API: few type cells each, rows shaped like php's. The cells
    php cannot read outweigh the shape it sees in every row."""
    folder = REAL / "azure.com_security" / "go@4.3.1"
    model_set, diagnostics = load([folder], REAL)
    assert {m.dialect for m in model_set.models} <= {"go", "generic"}
    assert [str(d) for d in diagnostics if "rest of its folder" in d.message] == []


def test_a_model_page_in_a_layout_not_read_yet_is_left_out_not_skipped(tmp_path: Path) -> None:
    """A model page in a layout docmodels does not read (python 6.x's "## Model Type Info"
    tables after another section, where its reader does not look for them): that it is not
    read is a loss, declared, not a page quietly taken for a guide."""
    docs = write(tmp_path / "docs", {"Anomaly.md": (
        "# openapi_client.model.anomaly.Anomaly\n\nAn unusual cost pattern.\n\n"
        "## Overview\n\nA cost pattern.\n\n"
        "## Model Type Info\nInput Type | Accessed Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n"
        "dict, frozendict.frozendict,  | frozendict.frozendict,  |  | \n"
    )})
    model_set, diagnostics = load([docs], tmp_path)
    assert model_set.skipped == ()
    assert [(p.path, p.reason) for p in model_set.left_out] == [(
        "docs/Anomaly.md",
        ("a model page in python 6.x's layout ('## Model Type Info') after another section, "
        "which docmodels does not read yet"),
    )]
    assert [d.loss for d in diagnostics] == [True]


# ---------------------------------------------------------------------------------------------
# A model named like a scalar


JAVA_TABLE = "| Name | Type | Description | Notes |\n|------------ | ------------- | ------------- | -------------|\n"


def java_page(title: str, *rows: str) -> str:
    return f"\n\n# {title}\n\n\n## Properties\n\n{JAVA_TABLE}" + "".join(r + "\n" for r in rows)


RUNTIME = java_page(
    "Runtime",
    "|**decommissionedDate** | [**Date**](Date.md) |  |  [optional] |",
    "|**releases** | [**List&lt;Date&gt;**](Date.md) |  |  [optional] |",
    "|**endOfSupport** | **LocalDate** |  |  [optional] |",
    "|**checked** | **OffsetDateTime** |  |  [optional] |",
)
DATE = java_page(
    "Date",
    "|**year** | **Integer** |  |  [optional] |",
    "|**month** | **Integer** |  |  [optional] |",
)


@pytest.mark.parametrize("with_date_page", [True, False])
def test_a_linked_type_is_the_model_on_the_linked_page_where_the_folder_has_it(
    tmp_path: Path, with_date_page: bool
) -> None:
    # Generators link model types only: java writes a model named Date as [**Date**](Date.md),
    # which the java grammar alone reads as a string (java.util.Date). Without the page, it
    # stays one.
    pages = {"Runtime.md": RUNTIME, "Other.md": java_page("Other", "|**id** | **Long** | | |")}
    if with_date_page:
        pages["Date.md"] = DATE
    model_set, _ = load([write(tmp_path / "docs", pages)], tmp_path)
    fields = {f.name: f.type for f in model_set.by_name()["Runtime"].fields}
    if with_date_page:
        assert fields["decommissionedDate"] == Reference("Date")
        assert fields["releases"] == ArrayOf(Reference("Date"))
    else:
        assert isinstance(fields["decommissionedDate"], Primitive)
    assert fields["endOfSupport"] == Primitive(PrimitiveKind.STRING, "date")
    assert fields["checked"] == Primitive(PrimitiveKind.STRING, "date-time")


# ---------------------------------------------------------------------------------------------
# A container without what it holds (an array alias reached through allOf, as AWS specs write)


@pytest.mark.parametrize(
    ("dialect", "cell", "expected"),
    [
        ("csharp", "**List**", ArrayOf(AnyValue())),
        ("java", "**List**", ArrayOf(AnyValue())),
        ("rust", "Option<Vec>", ArrayOf(AnyValue())),
        ("rust", "**Vec**", ArrayOf(AnyValue())),
        ("go", "Pointer to [**Array**](array.md)", ArrayOf(AnyValue())),
        ("typescript", "[**Array**](array.md)", ArrayOf(AnyValue())),
        ("kotlin", "**kotlin.collections.Set**", ArrayOf(AnyValue(), unique_items=True)),
        ("csharp", "**Dictionary**", MapOf(AnyValue())),
    ],
)
def test_a_container_the_page_names_without_its_items_is_a_container_of_any(
    tmp_path: Path, dialect: str, cell: str, expected: object
) -> None:
    page = model_page("Anomaly", f"**rootCauses** | {cell} |  | [optional]")
    docs = write(tmp_path / "docs", {"Anomaly.md": page})
    model_set, diagnostics = load([docs], tmp_path, dialect=registry.by_name(dialect))
    (field,) = model_set.by_name()["Anomaly"].fields
    assert field.type == expected
    (said,) = [d for d in diagnostics if "rootCauses" in d.message]
    assert "without what it holds" in said.message
    # The page lost the item type, docmodels read all it says: no loss, strict mode passes.
    assert said.severity is Severity.WARNING and not said.loss


def test_a_folder_of_string_rows_reads_in_the_dialect_that_reads_its_other_cells(
    tmp_path: Path,
) -> None:
    """go 4.3.1's pages of an AWS API: hundreds of **string** rows, which php counts as its own,
    and one in ten rows an int32 or float64, which only go reads. Each cell php cannot read
    outweighs many rows it merely shares (at 3 rows a cell, php won)."""
    back = "[[Back to Model list]](../README.md#documentation-for-models)"
    pages = {
        f"Page{i}.md": model_page(
            f"Page{i}",
            *(f"**Name{j}** | **string** |  | [optional] " for j in range(9)),
            "**Count** | **int32** |  | [optional] ",
        )
        + f"\n{back}\n"
        for i in range(12)
    }
    model_set, diagnostics = load([write(tmp_path / "docs", pages)], tmp_path)
    assert {m.dialect for m in model_set.models} == {"go"}
    assert not [d for d in diagnostics if d.loss]


def test_a_linked_type_is_looked_for_where_the_link_points(tmp_path: Path) -> None:
    # The link is kept as written: [**Date**](models/Date.md) is the page under models/, not a
    # Date.md beside the page that links to it.
    runtime = java_page("Runtime", "|**decommissionedDate** | [**Date**](models/Date.md) |  |  |")
    docs = write(tmp_path / "docs", {"Runtime.md": runtime})
    write(docs / "models", {"Date.md": DATE})
    model_set, _ = load([docs], tmp_path)
    (field,) = model_set.by_name()["Runtime"].fields
    assert field.type == Reference("Date")

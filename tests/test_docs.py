"""The Markdown docs: a page per model and an index, whose tables stay tables whatever the text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import OUTPUT, SPECS
from generated import FIXTURES, build_files, python_page, write_page
from markdown_it import MarkdownIt
from markdown_it.token import Token

MARKDOWN = MarkdownIt("commonmark").enable("table")


def tables(page: str) -> list[list[list[str]]]:
    """Each table of the page as rows of cells, each cell as the text a reader sees."""
    found: list[list[list[str]]] = []
    row: list[str] = []
    inside = False
    for token in MARKDOWN.parse(page):
        if token.type in ("table_open", "table_close"):
            inside = token.type == "table_open"
            if inside:
                found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and inside:
            row.append(_text(token.children or []))
        elif token.type == "tr_close":
            found[-1].append(row)
    return found


def _text(children: list[Token]) -> str:
    return "".join(child.content if child.type in ("text", "code_inline") else
                   "\n" if child.type in ("softbreak", "hardbreak") else "" for child in children)


def html_tokens(page: str) -> list[str]:
    tokens = MARKDOWN.parse(page)
    inline = [c for t in tokens for c in (t.children or [])]
    return [t.content for t in [*tokens, *inline] if t.type in ("html_inline", "html_block")]


@pytest.fixture(scope="module")
def all_docs() -> dict[str, str]:
    files, _, _ = build_files([SPECS, *(FIXTURES / n for n in
                                        ("features", "names", "defaults", "injection"))], "models")
    return {path: text for path, text in files.items() if path.startswith("docs/")}


def test_seed_index() -> None:
    assert (OUTPUT / "docs" / "README.md").read_text(encoding="utf-8") == (
        "# Models in `models`\n"
        "\n"
        "| Model | Kind | Summary |\n"
        "|---|---|---|\n"
        "| [CreateSession](CreateSession.md) | object | Model used to create a Session. |\n"
        "| [CreateSession200Response](CreateSession200Response.md) | object |  |\n"
        "| [CreateSession200ResponseTimestampsInner](CreateSession200ResponseTimestampsInner.md)"
        " | object |  |\n"
        "| [UserServiceAccessTypes](UserServiceAccessTypes.md) | enum | An enumeration. |\n"
        "\n"
        "```mermaid\n"
        "classDiagram\n"
        "  class CreateSession\n"
        "  class CreateSession200Response\n"
        "  class CreateSession200ResponseTimestampsInner\n"
        "  class UserServiceAccessTypes {\n"
        "    <<enumeration>>\n"
        "    private\n"
        "    public\n"
        "  }\n"
        "  CreateSession --> UserServiceAccessTypes : user_service_access\n"
        '  CreateSession200Response --> "*" CreateSession200ResponseTimestampsInner : timestamps\n'
        "```\n"
    )


def test_seed_object_page() -> None:
    page = (OUTPUT / "docs" / "CreateSession200ResponseTimestampsInner.md").read_text(
        encoding="utf-8")
    assert page == (
        "# CreateSession200ResponseTimestampsInner\n"
        "\n"
        "In Python: `from models import CreateSession200ResponseTimestampsInner`.\n"
        "\n"
        "| Property | Type | Required | Notes | Description |\n"
        "|---|---|---|---|---|\n"
        "| `status` | string | yes |  | The state the session moved into. |\n"
        "| `timestamp` | string | yes |  | When the session moved into that state. |\n"
        "\n"
        "An example payload: each property with its default, else its first allowed value, else"
        " a value of its type.\n"
        "\n"
        "```json\n"
        "{\n"
        '  "status": "string",\n'
        '  "timestamp": "string"\n'
        "}\n"
        "```\n"
        "\n"
        "In Python (`payload`: the JSON above, as `str` or `bytes`):\n"
        "\n"
        "```python\n"
        "from models import CreateSession200ResponseTimestampsInner\n"
        "model = CreateSession200ResponseTimestampsInner.from_json(payload)\n"
        "model.to_dict()\n"
        "```\n"
        "\n"
        "```mermaid\n"
        "classDiagram\n"
        "  class CreateSession200Response\n"
        "  class CreateSession200ResponseTimestampsInner\n"
        '  CreateSession200Response --> "*" CreateSession200ResponseTimestampsInner : timestamps\n'
        "```\n"
        "\n"
        "Used by: [CreateSession200Response](CreateSession200Response.md).\n"
        "\n"
        "Read from `specs/rust/CreateSession200ResponseTimestampsInner.md:1` (`rust` dialect). "
        "[All models](README.md)\n"
    )


def test_seed_enum_page() -> None:
    page = (OUTPUT / "docs" / "UserServiceAccessTypes.md").read_text(encoding="utf-8")
    assert tables(page) == [[["Member", "Value"], ["PRIVATE", '"private"'],
                             ["PUBLIC", '"public"']]]
    assert "Used by: [CreateSession](CreateSession.md).\n" in page


def test_seed_property_rows() -> None:
    page = (OUTPUT / "docs" / "CreateSession.md").read_text(encoding="utf-8")
    rows = {row[0]: row for row in tables(page)[0][1:]}
    assert rows["idle_timeout"][:4] == ["idle_timeout", "integer", "no", "default 120"]
    assert rows["uses_app_config"][:4] == ["uses_app_config", "boolean", "no", "default false"]
    assert rows["user_service_access"][:4] == [
        "user_service_access", "UserServiceAccessTypes", "no", ""]
    page = (OUTPUT / "docs" / "CreateSession200Response.md").read_text(encoding="utf-8")
    rows = {row[0]: row for row in tables(page)[0][1:]}
    assert rows["interactive_ttl"][:3] == ["interactive_ttl", "integer (int32)", "no"]
    assert rows["elapsed_time"][:3] == ["elapsed_time", "number (double)", "no"]
    assert rows["timestamps"][:3] == [
        "timestamps", "list of CreateSession200ResponseTimestampsInner", "no"]


def test_every_table_row_has_the_header_s_cells(all_docs: dict[str, str]) -> None:
    assert len(all_docs) == 22
    for path, page in all_docs.items():
        for table in tables(page):
            assert {len(row) for row in table} == {len(table[0])}, path


def test_every_link_lands(all_docs: dict[str, str]) -> None:
    for path, page in all_docs.items():
        for target in re.findall(r"\]\(([^)]*)\)", page):
            assert f"docs/{target}" in all_docs, (path, target)


def test_no_html_reaches_the_docs(all_docs: dict[str, str]) -> None:
    for path, page in all_docs.items():
        assert html_tokens(page) == [], path
    row = next(r for r in tables(all_docs["docs/Hostile.md"])[0] if r[0] == "html")
    assert row[4] == "<script>alert('INJECTED')</script> & | pipes | in text"


def test_attribute_names_are_shown_where_they_differ(all_docs: dict[str, str]) -> None:
    rows = [row[0] for row in tables(all_docs["docs/Names.md"])[0][1:]]
    assert rows == [
        "class (attribute class_)",
        "from (attribute from_)",
        "x-request-id (attribute x_request_id)",
        "@type (attribute type_)",
        "123abc (attribute _123_abc)",
        "self (attribute self_)",
        "json",
        "str (attribute str_)",
        "to_dict (attribute to_dict_)",
        "fooBar (attribute foo_bar)",
        "foo_bar (attribute foo_bar_2)",
    ]


def test_types_and_notes(all_docs: dict[str, str]) -> None:
    rows = {row[0]: row for row in tables(all_docs["docs/OrderLine.md"])[0][1:]}
    assert rows["labels"][1] == "set of string"
    assert rows["extra"][1] == "map of string to any JSON value"
    assert rows["children"][1] == "list of OrderLine"
    assert rows["line_id"][1] == "string (uuid)"
    assert rows["discount"][1:4] == ["number (double)", "yes", "nullable"]
    assert rows["type (attribute type_)"][2] == "yes"
    rows = {row[0]: row for row in tables(all_docs["docs/Order.md"])[0][1:]}
    assert rows["note"][3] == "read-only"
    assert rows["lines_by_sku"][1] == "map of string to OrderLine"
    assert rows["status"][3] == 'default "placed"'
    assert rows["tags"][3] == 'default ["new"]'


def test_pipes_and_backticks_stay_inside_their_cells(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Export", python_page("Export", [
        "**delimiter** | **str** | Field separator, a \\| by default | [optional] [default to '|']",
        "**a\\|b** | **str** | A key with a pipe | [optional] ",
        "**mode** | [**ExportMode**](ExportMode.md) | Mode | [optional] [default to 'x|y']",
        "**quote** | **str** | One backtick ` | [optional] [default to '`']",
    ], description="Export settings: <b>bold</b> & more."))
    write_page(specs, "ExportMode", "# ExportMode\n\n## Enum\n\n* `PIPE` (value: `'x|y'`)\n\n"
                                    "* `LT` (value: `'<'`)\n")
    files, _, _ = build_files([specs], "models", cwd=tmp_path)
    export = files["docs/Export.md"]
    assert tables(export) == [[
        ["Property", "Type", "Required", "Notes", "Description"],
        ["delimiter", "string", "no", 'default "|"', "Field separator, a | by default"],
        ["a|b (attribute a_b)", "string", "no", "", "A key with a pipe"],
        ["mode", "ExportMode", "no", 'default "x|y"', "Mode"],
        ["quote", "string", "no", 'default "`"', "One backtick `"],
    ]]
    assert html_tokens(export) == []
    assert "Export settings: &lt;b&gt;bold&lt;/b&gt; &amp; more." in export
    assert tables(files["docs/ExportMode.md"]) == [
        [["Member", "Value"], ["PIPE", '"x|y"'], ["LT", '"<"']]
    ]
    assert tables(files["docs/README.md"])[0][1] == [
        "Export", "object", "Export settings: <b>bold</b> & more."
    ]


def test_page_names_are_unique_without_regard_to_case(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Item", python_page("Item", ["**a** | **str** |  | "]))
    write_page(specs, "ITEM", python_page("ITEM", [
        "**b** | **int** |  | ",
        "**item** | [**Item**](Item.md) |  | [optional] ",
    ]))
    files, _, _ = build_files([specs], "models", cwd=tmp_path)
    pages = sorted(p for p in files if p.startswith("docs/"))
    # Models are in name order: ITEM comes first and keeps its name.
    assert pages == ["docs/ITEM.md", "docs/Item_2.md", "docs/README.md"]
    assert len({p.lower() for p in files}) == len(files)
    assert tables(files["docs/README.md"])[0][1:] == [["ITEM", "object", ""],
                                                       ["Item", "object", ""]]
    assert "| [Item](Item_2.md) | object |  |\n" in files["docs/README.md"]
    assert files["docs/Item_2.md"].startswith("# Item\n")
    assert "[Item](Item_2.md)" in files["docs/ITEM.md"]
    assert "Used by: [ITEM](ITEM.md).\n" in files["docs/Item_2.md"]


def test_multi_line_descriptions_in_cells(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Long", python_page(
        "Long", ["**a** | **str** | first line<br>second | "],
        description="First sentence. Second sentence.\nNext line of the paragraph.",
    ))
    files, _, _ = build_files([specs], "models", cwd=tmp_path)
    assert tables(files["docs/README.md"])[0][1] == ["Long", "object", "First sentence."]
    page = files["docs/Long.md"]
    assert page.startswith("# Long\n\nFirst sentence. Second sentence.\n"
                           "Next line of the paragraph.\n\n")
    assert tables(page)[0][1][4] == "first line<br>second"


def test_an_empty_page_says_what_it_lacks(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Empty", python_page("Empty", [], description="Nothing here."))
    files, _, diagnostics = build_files([specs], "models", cwd=tmp_path)
    assert [d.severity.value for d in diagnostics] == ["warning"]
    assert files["docs/Empty.md"] == (
        "# Empty\n"
        "\n"
        "Nothing here.\n"
        "\n"
        "In Python: `from models import Empty`, an enumeration whose values the source page "
        "lost (its table is empty): any string or number is accepted and kept as given.\n"
        "To give the values, add them to `docmodels-overlay.toml` beside the pages:\n"
        "\n"
        "```toml\n"
        "[models.Empty]\n"
        'enum = ["first value", "second value"]\n'
        "```\n"
        "\n"
        "The source page does not carry:\n"
        "- enum values (or a oneOf's scalar member types): the page's table is empty\n"
        "\n"
        "```mermaid\n"
        "classDiagram\n"
        "  class Empty {\n"
        "    <<enumeration>>\n"
        "    values lost\n"
        "  }\n"
        "```\n"
        "\n"
        "Read from `specs/Empty.md:1` (`generic` dialect). [All models](README.md)\n"
    )


def test_a_description_line_of_backticks_or_tildes_opens_no_code_block(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    # Indented past a code block's reach, the lines continue the paragraph in the page; written
    # back unindented, they would open a code block that swallows the rest of the docs page.
    write_page(specs, "Fenced", python_page("Fenced", ["**a** | **str** | A | "],
                                            description="Intro\n    ```\nmiddle\n     ~~~\nend"))
    files, _, _ = build_files([specs], "models", cwd=tmp_path)
    page = files["docs/Fenced.md"]
    assert page.startswith("# Fenced\n\nIntro\n\\```\nmiddle\n\\~~~\nend\n\n")
    assert tables(page)[0][1][:2] == ["a", "string"]

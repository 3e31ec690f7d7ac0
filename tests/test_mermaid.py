"""The docs' Mermaid class diagrams: what they show, that page text cannot break them, and that
Mermaid's own parser reads them as intended.

Mermaid's parser needs node and npm (the first run installs it). Where they are missing or the
install fails, its tests skip on a developer's machine, but fail in CI: when the environment
variable ``CI`` (set by CI services) or ``DOCMODELS_REQUIRE_MERMAID`` (set by .ci/run) is set.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, REPO
from docmodels.diagnostics import Location
from docmodels.emit import mermaid
from docmodels.emit.docs import DocsEmitter
from docmodels.emit.render import Renderer
from docmodels.ir import (
    ArrayOf,
    EnumValue,
    Field,
    MapOf,
    Model,
    ModelKind,
    ModelSet,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.load import load
from generated import FIXTURES, build_files, python_page, write_page
from markdown_it import MarkdownIt

HERE = Location("specs/X.md")
STRING = Primitive(PrimitiveKind.STRING)


def field(name: str, type_expr: TypeExpr) -> Field:
    return Field(name, name, WireNameSource.PAGE, type_expr, True, False, False, None, "", HERE)


def obj(name: str, *fields: Field) -> Model:
    return Model(name, ModelKind.OBJECT, "", "python", HERE, fields=fields)


def enum(name: str, *values: str | float) -> Model:
    return Model(name, ModelKind.ENUM, "", "python", HERE, enum_type=STRING,
                 enum_values=tuple(EnumValue(v, None, HERE) for v in values))


def union(name: str, *members: TypeExpr) -> Model:
    return Model(name, ModelKind.UNION, "", "rust", HERE, variants=members)


def model_set(*models: Model) -> ModelSet:
    return ModelSet(tuple(sorted(models, key=lambda m: m.name)))


def diagram(models: ModelSet, *, centre: str | None = None) -> list[str]:
    names = {m.name: m.name for m in models.models}
    references = mermaid.edges(models)
    include = names.keys() if centre is None else mermaid.neighbourhood(centre, references)
    return mermaid.class_diagram(models, names, include, references, centre=centre)


SHOP = model_set(
    obj("Order",
        field("id", STRING),
        field("lines", ArrayOf(Reference("OrderLine"))),
        field("status", Reference("Status")),
        field("by_sku", MapOf(Reference("OrderLine")))),
    obj("OrderLine", field("sku", STRING), field("children", ArrayOf(Reference("OrderLine")))),
    enum("Status", "placed", "shipped"),
    union("Payment", Reference("Card"), Reference("Cash")),
    obj("Card", field("number", STRING)),
    obj("Cash"),
    obj("Customer", field("orders", ArrayOf(Reference("Order"))), field("pays", Reference("Payment"))),
)


def test_the_diagram_of_a_small_model_set_is_exactly_this() -> None:
    assert diagram(SHOP) == [
        "classDiagram",
        "  class Card",
        "  class Cash",
        "  class Customer",
        "  class Order",
        "  class OrderLine",
        "  class Payment {",
        "    <<union>>",
        "  }",
        "  class Status {",
        "    <<enumeration>>",
        "    placed",
        "    shipped",
        "  }",
        '  Customer --> "*" Order : orders',
        "  Customer --> Payment : pays",
        '  Order --> "*" OrderLine : lines',
        "  Order --> Status : status",
        '  Order --> "*" OrderLine : by_sku',
        '  OrderLine --> "*" OrderLine : children',
        "  Payment --> Card : one of",
        "  Payment --> Cash : one of",
    ]


def test_a_reference_through_an_array_or_a_map_has_cardinality_many() -> None:
    references = mermaid.edges(SHOP)
    assert [(e.property, e.many) for e in references if e.source == "Order"] == [
        ("lines", True), ("status", False), ("by_sku", True)
    ]


def test_union_members_are_unnamed_references() -> None:
    references = mermaid.edges(SHOP)
    assert [(e.target, e.property) for e in references if e.source == "Payment"] == [
        ("Card", None), ("Cash", None)
    ]


def test_a_model_page_shows_its_neighbourhood_only() -> None:
    assert mermaid.neighbourhood("Order", mermaid.edges(SHOP)) == {
        "Order", "OrderLine", "Status", "Customer"
    }
    lines = diagram(SHOP, centre="Order")
    assert [line for line in lines if "-->" in line] == [
        '  Customer --> "*" Order : orders',
        '  Order --> "*" OrderLine : lines',
        "  Order --> Status : status",
        '  Order --> "*" OrderLine : by_sku',
    ]  # not OrderLine's reference to itself: it does not touch Order
    assert "  class Payment {" not in lines


def test_a_model_nothing_touches_is_a_diagram_of_one_class() -> None:
    assert diagram(model_set(obj("Alone")), centre="Alone") == ["classDiagram", "  class Alone"]


def test_long_enumerations_are_cut_with_a_count() -> None:
    lines = diagram(model_set(enum("Many", *range(20))))
    assert lines[-3:] == ["    11", "    ... 8 more", "  }"]
    assert len(lines) == 2 + 1 + mermaid.MAX_ENUM_VALUES + 1 + 1


HOSTILE_TEXT = [
    "a:b;c",
    "```",
    "x\n```\ny",
    "%%{init: {'theme': 'dark'}}%%",
    "%% comment",
    "<script>alert(1)</script>",
    "{ } [ ] ( )",
    'say "hi" and \'bye\'',
    "#quot; #9829;",
    "List~int~",
    "abstract*",
    "static$",
    "pipe | and \\ backslash",
    "direction TB",
    "line\r\nbreak\u2028sep",
    "tab\there",
    "\u202eright-to-left",
    "",
    "x" * 100,
]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_a_label_holds_only_characters_that_mean_nothing_to_mermaid(text: str) -> None:
    kept = mermaid.label(text)
    assert re.fullmatch(r"[\w .,/@+=!?-]+", kept), kept
    assert "`" not in kept and "\n" not in kept and "%%" not in kept
    assert not re.search(r"direction\s+(TB|BT|RL|LR)", kept, re.IGNORECASE)
    assert 0 < len(kept) <= mermaid.MAX_LABEL


def test_a_label_keeps_ordinary_text_as_it_is() -> None:
    assert mermaid.label("user_service_access") == "user_service_access"
    assert mermaid.label("x-request-id @v1.2, ok?") == "x-request-id @v1.2, ok?"
    assert mermaid.label("café 中文") == "café 中文"
    assert mermaid.label("a:b") == "a_b"
    assert mermaid.label("  two\n lines ") == "two lines"


def test_class_ids_that_mermaid_would_misread_become_numbered_ids() -> None:
    ids = mermaid.class_ids({"a": "Order", "b": "note", "c": "Café", "d": "Click", "e": "o"})
    assert ids == {"a": "Order", "b": "_1", "c": "_2", "d": "_3", "e": "_4"}
    lines = mermaid.class_diagram(
        model_set(obj("b", field("x", Reference("c"))), obj("c")),
        {"b": "note", "c": "Café"}, {"b", "c"}, mermaid.edges(
            model_set(obj("b", field("x", Reference("c"))), obj("c"))),
    )
    assert lines == ["classDiagram", '  class _1["note"]', '  class _2["Café"]',
                     "  _1 --> _2 : x"]


def hostile_specs(root: Path) -> Path:
    """Pages whose names, property names, enum values and descriptions attack the diagram."""
    specs = root / "specs"
    rows = [f"**{name}** | [**Target**](Target.md) |  | [optional] "
            for name in ("a:b", "semi;colon", "direction TB", "%%{init: {}}%%", "back```tick",
                         "brace{", "angle<b>", "hash#quot;")]
    write_page(specs, "Hostile", python_page("Hostile", [
        *rows, "**kind** | [**Kind**](Kind.md) |  | [optional] ",
    ], description="Intro\n    ```\nafter a fence line\n     ~~~\n%%{init: {}}%%"))
    write_page(specs, "Target", python_page("Target", [
        "**back** | [**List[Hostile]**](Hostile.md) |  | [optional] ",
    ]))
    values = ["```", "}", "{", "<<union>>", "a;b", "%%", "#quot;", "x~y~", "end*", "s$", "- 1"]
    write_page(specs, "Kind", "# Kind\n\n## Enum\n\n" + "".join(
        f"* `V{i}` (value: `{json.dumps(v)}`)\n\n" for i, v in enumerate(values)))
    for name in ("note", "Click", "Style"):  # Mermaid keywords as model names
        write_page(specs, name, python_page(name, [
            "**target** | [**Target**](Target.md) |  | [optional] "]))
    return specs


@pytest.fixture(scope="module")
def hostile_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("hostile-mermaid")
    files, _, diagnostics = build_files([hostile_specs(root)], "models", cwd=root)
    assert [d for d in diagnostics if d.severity.value == "error"] == []
    return {p: t for p, t in files.items() if p.startswith("docs/")}


MARKDOWN = MarkdownIt("commonmark").enable("table")


def fences(page: str) -> list[tuple[str, str]]:
    return [(t.info, t.content) for t in MARKDOWN.parse(page) if t.type == "fence"]


def diagrams(page: str) -> list[str]:
    """The page's Mermaid blocks (a model page also shows its example: test_docs_examples.py)."""
    return [text for info, text in fences(page) if info == "mermaid"]


def test_hostile_text_cannot_break_out_of_the_fence(hostile_docs: dict[str, str]) -> None:
    for path, page in hostile_docs.items():
        blocks = fences(page)
        infos = [info for info, _ in blocks]
        # The example's blocks (test_docs_examples.py), then the diagram.
        assert infos in (["mermaid"], ["json", "mermaid"], ["json", "python", "mermaid"]), path
        text = blocks[-1][1]
        assert text.startswith("classDiagram\n") and "`" not in text and "%%" not in text, path
        # Only the blocks' own fence lines start a line with back-ticks or tildes.
        assert re.findall(r"^ {0,3}(?:`{3,}|~{3,}).*$", page, re.MULTILINE) == [
            line for info in infos for line in (f"```{info}", "```")], path
    assert "Intro\n\\```\nafter a fence line\n\\~~~\n" in hostile_docs["docs/Hostile.md"]


@pytest.fixture(scope="module")
def fixture_docs() -> dict[str, str]:
    specs = [FIXTURES / n for n in ("features", "names", "defaults", "injection")]
    files, _, _ = build_files([REPO / "specs", *specs], "models")
    return {p: t for p, t in files.items() if p.startswith("docs/")}


def test_every_page_of_the_fixtures_has_one_mermaid_fence_and_intact_tables(
    fixture_docs: dict[str, str]
) -> None:
    for path, page in fixture_docs.items():
        tokens = MARKDOWN.parse(page)
        assert [t.info for t in tokens if t.type == "fence"][-1:] == ["mermaid"], path
        assert [t.info for t in tokens if t.type == "fence"].count("mermaid") == 1, path
        # Each table closes before the diagram opens: the fence is not inside a table.
        kinds = [t.type for t in tokens if t.type in ("table_open", "table_close", "fence")]
        assert kinds.count("table_open") == kinds.count("table_close"), path
        assert kinds[-1] == "fence", path


def test_a_big_index_says_why_it_has_no_diagram(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    for i in range(mermaid.MAX_CLASSES + 1):
        write_page(specs, f"M{i:03}", python_page(f"M{i:03}", ["**a** | **str** |  | "]))
    files, _, _ = build_files([specs], "models", cwd=tmp_path)
    assert diagrams(files["docs/README.md"]) == []
    assert (f"No class diagram: {mermaid.MAX_CLASSES + 1} models are more than one diagram can "
            f"show legibly (the limit is {mermaid.MAX_CLASSES})") in files["docs/README.md"]
    assert len(diagrams(files["docs/M000.md"])) == 1


def test_a_model_with_a_big_neighbourhood_says_why_it_has_no_diagram(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Hub", python_page("Hub", ["**a** | **str** |  | "]))
    for i in range(mermaid.MAX_CLASSES):
        write_page(specs, f"U{i:03}", python_page(f"U{i:03}", [
            "**hub** | [**Hub**](Hub.md) |  | "]))
    files, _, _ = build_files([specs], "models", cwd=tmp_path)
    assert diagrams(files["docs/Hub.md"]) == []
    assert "No class diagram: this model and the models around it are 41" in files["docs/Hub.md"]
    assert len(diagrams(files["docs/U000.md"])) == 1


def test_docs_are_byte_identical_run_to_run(tmp_path: Path) -> None:
    specs = hostile_specs(tmp_path)
    first, _, _ = build_files([specs], "models", cwd=tmp_path)
    second, _, _ = build_files([specs], "models", cwd=tmp_path)
    assert first == second


# Mermaid's own parser (the mermaid package under Node, with jsdom for the DOM it wants), installed
# by npm into tests/mermaid_parser/node_modules on first use.
PARSER = REPO / "tests" / "mermaid_parser"


def mermaid_required() -> bool:
    return any(os.environ.get(name, "") not in ("", "0", "false")
               for name in ("CI", "DOCMODELS_REQUIRE_MERMAID"))  # fmt: skip


def unavailable(reason: str) -> None:
    """Skip a check that needs Mermaid's parser, or fail it where Mermaid is required."""
    if mermaid_required():
        pytest.fail(f"Mermaid's parser is required here (CI): {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def mermaid_parse() -> Any:
    return mermaid_parser()


def mermaid_parser() -> Any:
    """A function from diagram texts to what Mermaid's parser reads in each."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        unavailable("node and npm are needed to run Mermaid's parser")
    if not (PARSER / "node_modules" / "mermaid").is_dir():
        try:
            install = subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", "--ignore-scripts"],
                cwd=PARSER, capture_output=True, text=True, timeout=300, check=False,
            )
        except subprocess.TimeoutExpired:
            unavailable("npm install of Mermaid timed out (offline?)")
        if install.returncode != 0:
            unavailable(f"cannot install Mermaid (offline?): {install.stderr.strip()[-300:]}")

    def parse(texts: list[str]) -> list[dict[str, Any]]:
        run = subprocess.run([node, "parse.mjs"], cwd=PARSER, input=json.dumps(texts),
                             capture_output=True, text=True, timeout=120, check=True)
        result: list[dict[str, Any]] = json.loads(run.stdout)
        return result

    return parse


@pytest.mark.parametrize(
    ("environment", "outcome"),
    [({}, pytest.skip.Exception), ({"CI": "true"}, pytest.fail.Exception),
     ({"DOCMODELS_REQUIRE_MERMAID": "1"}, pytest.fail.Exception), ({"CI": "0"}, pytest.skip.Exception)],
)  # fmt: skip
def test_without_mermaid_its_checks_skip_but_fail_in_ci(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], outcome: type[BaseException]
) -> None:
    for name in ("CI", "DOCMODELS_REQUIRE_MERMAID"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(outcome):
        mermaid_parser()


def intended(text: str) -> dict[str, Any]:
    """What a diagram we wrote says, read from its lines the simple way they are written."""
    classes: dict[str, dict[str, Any]] = {}
    relations = []
    current = None
    for line in text.split("\n")[1:]:
        head = re.fullmatch(r'  class (\w+)(?:\["([^"]*)"\])?( \{)?', line)
        arrow = re.fullmatch(r'  (\w+) -->(?: "(\*)")? (\w+) : (.*)', line)
        if head:
            classes[head[1]] = {"id": head[1], "label": head[2] or head[1],
                                "annotations": [], "members": []}
            current = head[1] if head[3] else None
        elif arrow:
            relations.append({"from": arrow[1], "to": arrow[3], "title": arrow[4],
                              "cardinality": arrow[2] or "none"})
            for name in (arrow[1], arrow[3]):
                assert name in classes
        elif line == "  }":
            current = None
        elif current and (note := re.fullmatch(r"    <<(\w+)>>", line)):
            classes[current]["annotations"].append(note[1])
        elif current:
            classes[current]["members"].append(line.strip())
        else:
            raise AssertionError(f"unexpected line {line!r}")
    return {"type": "classDiagram", "classes": list(classes.values()), "relations": relations}


def test_mermaid_reads_every_diagram_as_written(
    mermaid_parse: Any, hostile_docs: dict[str, str], fixture_docs: dict[str, str]
) -> None:
    pages = {**{f"hostile/{p}": t for p, t in hostile_docs.items()}, **fixture_docs}
    texts = {path: diagrams(page)[0].rstrip("\n") for path, page in pages.items()}
    parsed = mermaid_parse(list(texts.values()))
    for (path, text), result in zip(texts.items(), parsed, strict=True):
        assert "error" not in result, (path, result)
        assert result == intended(text), path
    # The hostile pages did reach the diagrams: their labels are there, defused.
    index = parsed[list(texts).index("hostile/docs/README.md")]
    titles = {r["title"] for r in index["relations"]}
    assert {"a_b", "semi_colon", "direction_TB", "back___tick", "___init_ _____"} <= titles
    assert {c["label"] for c in index["classes"]} >= {"note", "Click", "Style"}


def test_mermaid_rejects_what_label_and_class_ids_guard_against(mermaid_parse: Any) -> None:
    """The parser really does break on the raw text: the guards are not for show."""
    raw = mermaid_parse([
        "classDiagram\n  A --> B : a:b",
        "classDiagram\n  class note",
        "classDiagram\n  class A {\n    }\n  }",
    ])
    assert all("error" in result for result in raw)
    swallowed = mermaid_parse(["classDiagram\n  A --> B : direction TB"])[0]
    assert swallowed.get("relations") == []  # read as a direction statement: the arrow is gone


def test_mermaid_reads_every_diagram_of_a_real_sdk_as_written(mermaid_parse: Any) -> None:
    folder = CORPUS / "venkatajagannath__anyscale__openapi_client" / "docs"
    if not folder.is_dir():
        pytest.skip("../shared/corpus is not present")
    model_set, _ = load([folder], CORPUS)
    pages = DocsEmitter(Renderer(), "models").emit(model_set)
    # 397 models: too many for the index's diagram, and every page's neighbourhood is small.
    assert fences(pages["docs/README.md"]) == []
    # A page may hold other fences too (the overlay entry of an enum whose values were lost).
    texts = [next(body for info, body in fences(page) if info == "mermaid").rstrip("\n")
             for path, page in sorted(pages.items()) if path != "docs/README.md"]
    assert len(texts) == len(model_set.models) == 397
    for text, result in zip(texts, mermaid_parse(texts), strict=True):
        assert result == intended(text)

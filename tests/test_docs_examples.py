"""Each model's docs page shows an example payload the page allows, and three lines of Python
that read it in the chosen target's API: the example is read by the generated models and comes
back to the letter, the lines are Python that runs, and no page text gets out of the code
blocks."""

from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SPECS
from docmodels.diagnostics import Location
from docmodels.emit import examples, targets
from docmodels.emit.python import plan_names
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Constraints,
    Default,
    EitherOf,
    EnumValue,
    Field,
    JsonValue,
    MapOf,
    Model,
    ModelKind,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.pipeline import build
from generated import FIXTURES, build_files, generate, python_page, write_page
from markdown_it import MarkdownIt

MARKDOWN = MarkdownIt("commonmark").enable("table")
HERE = Location("Page.md")
STRING = Primitive(PrimitiveKind.STRING)
INTEGER = Primitive(PrimitiveKind.INTEGER)
NO_LIMITS = Constraints()


def prop(name: str, type_: TypeExpr, *, required: bool | None = True,
         nullable: bool | None = None, default: JsonValue = None,
         enum: tuple[JsonValue, ...] | None = None, limits: Constraints = NO_LIMITS) -> Field:
    return Field(name, name, WireNameSource.PAGE, type_, required, nullable, False,
                 Default(default, json.dumps(default)) if default is not None else None, "",
                 HERE, enum_values=enum, constraints=limits)


def obj(name: str, *fields: Field) -> Model:
    return Model(name, ModelKind.OBJECT, "", "test", HERE, fields=fields)


def example_of(name: str, *models: Model) -> JsonValue:
    return examples.example(name, {m.name: m for m in models})


def fences(page: str) -> list[tuple[str, str]]:
    """Each code block of the page: its info string and its text, as a renderer reads them."""
    return [(t.info, t.content) for t in MARKDOWN.parse(page) if t.type == "fence"]


def page_example(page: str) -> Any:
    (text,) = [content for info, content in fences(page) if info == "json"]
    return json.loads(text)


def page_snippet(page: str) -> str:
    (text,) = [content for info, content in fences(page) if info == "python"]
    return text


# --- what the example holds -----------------------------------------------------------------


def test_a_property_s_default_comes_first_then_its_first_enum_value_then_its_type() -> None:
    model = obj("M", prop("a", STRING, default="x", enum=("y", "x")),
                prop("b", STRING, enum=("y", "x")), prop("c", STRING))
    assert example_of("M", model) == {"a": "x", "b": "y", "c": "string"}


@pytest.mark.parametrize(("type_", "value"), [
    (Primitive(PrimitiveKind.STRING, "date"), "2024-01-31"),
    (Primitive(PrimitiveKind.STRING, "date-time"), "2024-01-31T12:00:00Z"),
    (Primitive(PrimitiveKind.STRING, "uuid"), "3fa85f64-5717-4562-b3fc-2c963f66afa6"),
    (Primitive(PrimitiveKind.STRING, "email"), "user@example.com"),
    (Primitive(PrimitiveKind.STRING, "uri"), "https://example.com"),
    (Primitive(PrimitiveKind.STRING, "binary"), "string"),
    (Primitive(PrimitiveKind.INTEGER, "int32"), 0),
    (Primitive(PrimitiveKind.INTEGER, "int64"), 0),
    (Primitive(PrimitiveKind.NUMBER, "double"), 0.0),
    (Primitive(PrimitiveKind.BOOLEAN), True),
    (ArrayOf(STRING), ["string"]),
    (ArrayOf(INTEGER, unique_items=True), [0]),
    (MapOf(INTEGER), {"key": 0}),
    (EitherOf((INTEGER, Primitive(PrimitiveKind.BOOLEAN))), 0),
    (AnyValue(), {}),
])
def test_a_value_of_each_type(type_: TypeExpr, value: JsonValue) -> None:
    shown = example_of("M", obj("M", prop("p", type_)))
    assert shown == {"p": value}
    assert type(shown["p"]) is type(value)  # type: ignore[call-overload,index]


def test_a_property_that_may_be_null_gets_a_value_of_its_type() -> None:
    model = obj("M", prop("unknown", STRING, nullable=None), prop("yes", INTEGER, nullable=True))
    assert example_of("M", model) == {"unknown": "string", "yes": 0}


def test_numbers_and_strings_keep_within_their_limits() -> None:
    model = obj("M",
                prop("age", INTEGER, limits=Constraints(minimum=18)),
                prop("ratio", Primitive(PrimitiveKind.NUMBER),
                     limits=Constraints(exclusive_minimum=0, exclusive_maximum=1, multiple_of=0.1)),
                prop("below", INTEGER, limits=Constraints(exclusive_maximum=-2)),
                prop("code", STRING, limits=Constraints(min_length=8, pattern="^[a-z]+$")),
                prop("short", STRING, limits=Constraints(max_length=3)))
    assert example_of("M", model) == {
        "age": 18, "ratio": 0.1, "below": -3, "code": "stringxx", "short": "str"}


def test_a_reference_is_the_referenced_model_s_example() -> None:
    color = Model("Color", ModelKind.ENUM, "", "test", HERE, enum_type=STRING,
                  enum_values=(EnumValue("red", None, HERE), EnumValue("blue", None, HERE)))
    pet = obj("Pet", prop("name", STRING), prop("color", Reference("Color")),
              prop("tags", ArrayOf(Reference("Tag"))))
    tag = obj("Tag", prop("id", INTEGER))
    assert example_of("Pet", pet, color, tag) == {
        "name": "string", "color": "red", "tags": [{"id": 0}]}


def test_a_union_is_its_first_member_s_example() -> None:
    shape = Model("Shape", ModelKind.UNION, "", "test", HERE,
                  variants=(Reference("Circle"), Reference("Square")))
    circle = obj("Circle", prop("radius", INTEGER))
    assert example_of("Shape", shape, circle, obj("Square")) == {"radius": 0}


def test_a_model_that_holds_itself_stops_where_the_page_allows() -> None:
    node = obj("Node", prop("name", STRING), prop("children", ArrayOf(Reference("Node"))),
               prop("parent", Reference("Node"), required=False),
               prop("next", Reference("Node"), nullable=True),
               prop("index", MapOf(Reference("Node"))))
    # The node holds itself: its list and map are empty, the optional property is left out,
    # the one that may be null is null.
    assert example_of("Node", node) == {"name": "string", "children": [], "next": None,
                                        "index": {}}


def test_a_required_chain_that_cannot_be_null_ends() -> None:
    link = obj("Link", prop("id", INTEGER), prop("next", Reference("Link"), nullable=False))
    shown = example_of("Link", link)
    depth = 0
    while isinstance(shown, dict) and shown:
        shown, depth = shown["next"], depth + 1
    assert depth == examples.LAST_DEPTH


def test_many_required_references_to_itself_do_not_multiply() -> None:
    node = obj("Node", *(prop(f"p{i}", Reference("Node"), nullable=False) for i in range(10)))
    text = examples.example_json(example_of("Node", node))
    # Past the budget each further one is {}: at most one per property of each model made.
    assert text.count("{") <= (examples.LAST_BUDGET + 1) * 11


def test_limits_no_value_can_meet_give_a_value_of_the_type() -> None:
    inf = float("inf")
    model = obj("M", prop("n", Primitive(PrimitiveKind.NUMBER), limits=Constraints(minimum=inf)),
                prop("i", INTEGER, limits=Constraints(minimum=inf)),
                prop("big", INTEGER, limits=Constraints(minimum=10**400)),
                prop("bigger", INTEGER, limits=Constraints(minimum=10**5000)),
                prop("s", STRING, limits=Constraints(min_length=10**12)))
    assert example_of("M", model) == {
        "n": 0.0, "i": 0, "big": 10**400, "bigger": 0, "s": "string"}


def test_models_nested_deeper_than_two_show_only_their_required_properties() -> None:
    chain = [obj(f"M{i}", prop("id", INTEGER), prop("more", INTEGER, required=False),
                 prop("next", Reference(f"M{i + 1}"), required=False)) for i in range(5)]
    chain.append(obj("M5", prop("id", INTEGER)))
    shown = example_of("M0", *chain)
    assert shown == {"id": 0, "more": 0, "next": {"id": 0, "more": 0, "next": {
        "id": 0, "more": 0}}}


def test_a_wide_model_s_example_is_bounded() -> None:
    wide = [obj(f"W{i}", *(prop(f"p{j}", Reference(f"W{i + 1}")) for j in range(20)))
            for i in range(3)]
    wide.append(obj("W3", *(prop(f"p{j}", INTEGER) for j in range(20))))
    text = examples.example_json(example_of("W0", *wide))
    assert len(json.loads(text)) == 20
    assert text.count("\n") < 40 * examples.BUDGET


def test_the_example_is_the_same_every_time() -> None:
    pages = [SPECS, FIXTURES / "features"]
    first, _, _ = build_files(pages, "models")
    again, _, _ = build_files(pages, "models")
    docs = [p for p in first if p.startswith("docs/")]
    assert [page_example(first[p]) for p in docs if "```json" in first[p]] == [
        page_example(again[p]) for p in docs if "```json" in again[p]]


# --- read by the generated models -----------------------------------------------------------

CATALOG = REPO / "groundtruth" / "pages" / "catalog"
# The seed specs and test fixtures (every kind of type, default, cycle, union and constraint),
# and catalog folders of generators whose pages differ most (nullable or not, either types,
# inline enums, lost enum values, uncertain keys). (php-symfony's either types take black 12 s.)
SLICE = [
    SPECS, FIXTURES / "features", FIXTURES / "defaults", FIXTURES / "names",
    REPO / "tests" / "fixtures" / "unions", REPO / "tests" / "fixtures" / "constraints",
    REPO / "tests" / "fixtures" / "rust", REPO / "tests" / "fixtures" / "python",
    *(CATALOG / name for name in (
        "python@7.26.0", "python@4.3.1", "rust@7.26.0", "go@7.26.0", "java@7.26.0",
        "typescript-fetch@7.26.0", "c@7.26.0", "php-nextgen@7.26.0", "csharp@7.26.0",
        "r@7.26.0", "kotlin@7.26.0", "ruby@7.26.0", "dart-dio@7.26.0")),
    REPO / "tests" / "fixtures" / "real" / "evemarketer.com" / "java@7.26.0",
]


@pytest.mark.parametrize("folder", SLICE, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_example_is_read_and_written_back_to_the_letter(folder: Path, tmp_path: Path
                                                              ) -> None:
    generated = generate(folder, tmp_path)
    runtime = importlib.import_module(f"{generated.name}._runtime")
    plan = plan_names(generated.model_set)
    for model in generated.model_set.models:
        names = plan[model.name]
        page = generated.files[f"docs/{names.page}.md"]
        if model.values_lost:
            assert "```json" not in page
            continue
        payload = page_example(page)
        module = importlib.import_module(f"{generated.name}.{names.module}")
        if model.kind is ModelKind.OBJECT:
            cls = getattr(module, names.class_name)
            assert cls.from_dict(payload, unknown="forbid").to_dict() == payload, model.name
            assert json.loads(cls.from_json(json.dumps(payload)).to_json()) == payload
        elif model.kind is ModelKind.ENUM:
            assert getattr(module, names.class_name)(payload).value == payload
        else:
            runtime.load(module.docmodels_parse, payload, "forbid")
        # The snippet runs as written, on the JSON text the page shows.
        snippet = page_snippet(page) if model.kind is not ModelKind.UNION else ""
        exec(compile(snippet, names.page, "exec"), {"payload": json.dumps(payload)})  # noqa: S102


# --- the snippet per target -----------------------------------------------------------------


@pytest.mark.parametrize("target", targets.names())
def test_the_snippet_is_python_in_each_target_s_api(target: str) -> None:
    specs = [SPECS, REPO / "tests" / "fixtures" / "unions" / "Scalar.md",
             REPO / "tests" / "fixtures" / "unions" / "Opaque.md"]
    files, _, _ = build_files(specs, "models", target=target)
    snippets = {path: page_snippet(text) for path, text in files.items()
                if path.startswith("docs/") and "```python" in text}
    for path, text in snippets.items():
        compile(text, path, "exec")
    object_page, enum_page = snippets["docs/CreateSession.md"], snippets[
        "docs/UserServiceAccessTypes.md"]
    if target == "typeddict":
        assert object_page == (
            "import json\n"
            "from models import CreateSession, parse_create_session\n"
            "data: CreateSession = parse_create_session(json.loads(payload))\n")
        assert enum_page == (
            "from models import UserServiceAccessTypes, parse_user_service_access_types\n"
            'value: UserServiceAccessTypes = parse_user_service_access_types("private")\n')
        assert "docs/Scalar.md" in snippets
    else:
        assert object_page == ("from models import CreateSession\n"
                               "model = CreateSession.from_json(payload)\n"
                               "model.to_dict()\n")
        assert enum_page == ("from models import UserServiceAccessTypes\n"
                             'value = UserServiceAccessTypes("private")\n'
                             "value is UserServiceAccessTypes.PRIVATE\n")
        # An alias has no reader of its own: no snippet.
        assert "docs/Scalar.md" not in snippets
    assert "docs/Opaque.md" not in snippets or target == "typeddict"


def test_the_typeddict_snippet_runs(tmp_path: Path) -> None:
    generated = generate([SPECS], tmp_path, target="typeddict")
    page = generated.files["docs/CreateSession.md"]
    snippet = page_snippet(page).replace("from models ", f"from {generated.name} ")
    scope: dict[str, Any] = {"payload": json.dumps(page_example(page))}
    exec(snippet, scope)  # noqa: S102
    assert scope["data"] == page_example(page)


# --- page text stays inside the code blocks -------------------------------------------------

HOSTILE = ["```", "a\n```\n# Owned\n<script>x</script>", "~~~\n", "\u202eevil", "`` ` ``"]
NOTE = "\u202e\u200b" + HOSTILE[1]  # a direction override: shown as its JSON escape


def test_hostile_values_stay_inside_the_example_s_code_block(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Export", "# Export\n\n## Properties\n"
               "Name | Type | Description | Notes\n------------ | ------------- | ------------- |"
               " -------------\n**mode** | **str** | Mode | [optional]\n"
               "**note** | **str** | Note | [optional]\n**kind** | [**Kind**](Kind.md) |  | \n")
    write_page(specs, "Kind", "# Kind\n\n## Enum\n\n* `A` (value: `'a'`)\n")
    (specs / "docmodels-overlay.toml").write_text(
        "[models.Export.properties.mode]\nenum = " + json.dumps(HOSTILE) + "\n"
        "[models.Export.properties.note]\ndefault = " + json.dumps(NOTE) + "\n"
        "[models.Kind]\nenum = " + json.dumps(HOSTILE[1:]) + "\n", encoding="utf-8")
    files, _, diagnostics = build_files([specs], "models", cwd=tmp_path)
    assert files, [str(d) for d in diagnostics]
    export = files["docs/Export.md"]
    assert [info for info, _ in fences(export)] == ["json", "python", "mermaid"]
    assert page_example(export) == {"mode": HOSTILE[0], "note": NOTE, "kind": HOSTILE[1]}
    assert '"note": "\\u202e\\u200ba\\n```' in export
    kind = files["docs/Kind.md"]
    assert "\u202e" not in export + kind
    assert [info for info, _ in fences(kind)] == ["json", "python", "mermaid"]
    assert page_example(kind) == HOSTILE[1]
    # The enum's value reaches the snippet as a Python literal, in one line.
    line = page_snippet(kind).splitlines()[1]
    assert ast.literal_eval(line.split("(", 1)[1].rsplit(")", 1)[0]) == HOSTILE[1]
    for page in (export, kind):
        tokens = MARKDOWN.parse(page)
        assert [t.type for t in tokens if t.type in ("html_block", "heading_open")] == [
            "heading_open"]
        assert page.endswith("[All models](README.md)\n")


# --- made once ------------------------------------------------------------------------------


def test_an_example_is_made_again_only_when_a_model_it_read_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "One", python_page("One", ["**two** | [**Two**](Two.md) |  | "]))
    write_page(specs, "Two", python_page("Two", ["**three** | [**Three**](Three.md) |  | "]))
    write_page(specs, "Three", python_page("Three", ["**end** | **bool** |  | "]))
    write_page(specs, "Other", python_page("Other", ["**x** | **int** |  | "]))
    made: list[str] = []
    real = examples.example_reading

    def counting(name: str, by_name: dict[str, Model]) -> tuple[JsonValue, tuple[str, ...]]:
        made.append(name)
        return real(name, by_name)

    monkeypatch.setattr(examples, "example_reading", counting)

    def run() -> dict[str, str]:
        result = build([specs], "models", base=tmp_path, cache_dir=tmp_path / "cache")
        assert result.ok
        return result.files

    run()
    assert sorted(made) == ["One", "Other", "Three", "Two"]
    made.clear()
    run()
    assert made == []
    write_page(specs, "Three", python_page("Three", ["**end** | **bool** |  | ",
                                                     "**count** | **int** |  | "]))
    files = run()
    assert sorted(made) == ["One", "Three", "Two"]
    assert page_example(files["docs/One.md"]) == {
        "two": {"three": {"end": True, "count": 0}}}

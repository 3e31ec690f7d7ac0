"""`docmodels ir`: the intermediate model as JSON, with each model's detected dialect."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from docmodels.cli import main
from docmodels.emit.ir_json import ir_json, ir_text, type_json
from docmodels.emit.json_text import Shared, SharedList, indented
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    MapOf,
    ModelSet,
    Primitive,
    PrimitiveKind,
    Reference,
    UnreadPage,
)
from generated import python_page, write_page
from hypothesis import given
from hypothesis import strategies as st


def ir(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["ir", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


@pytest.fixture
def seed_ir(in_repo: None, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out, err = ir(["specs"], capsys)
    assert (code, err) == (0, "")
    return json.loads(out)  # type: ignore[no-any-return]


def by_name(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {model["name"]: model for model in document["models"]}


def test_each_model_names_its_dialect(seed_ir: dict[str, Any]) -> None:
    assert [(m["name"], m["kind"], m["dialect"]) for m in seed_ir["models"]] == [
        ("CreateSession", "object", "python"),
        ("CreateSession200Response", "object", "rust"),
        ("CreateSession200ResponseTimestampsInner", "object", "rust"),
        ("UserServiceAccessTypes", "enum", "generic"),
    ]


def test_model_entries(seed_ir: dict[str, Any]) -> None:
    models = by_name(seed_ir)
    session = models["CreateSession"]
    assert list(session) == [
        "name", "kind", "dialect", "description", "location", "fields", "names", "keys",
    ]
    # The pages write Python's snake_case names; specs/docmodels-overlay.toml says the keys are so.
    assert (session["names"], session["keys"]) == ("snake_case", "snake_case")
    assert session["location"] == {"path": "specs/python/CreateSession.md", "line": 1, "column": 3}
    assert [f["name"] for f in session["fields"]] == [
        "name", "project_id", "cloud_id", "cluster_config", "build_id", "compute_template_id",
        "idle_timeout", "uses_app_config", "allow_public_internet_traffic",
        "user_service_access", "user_service_token", "ha_job_id",
    ]
    assert models["UserServiceAccessTypes"] == {
        "name": "UserServiceAccessTypes",
        "kind": "enum",
        "dialect": "generic",
        "description": "An enumeration.",
        "location": {"path": "specs/python/UserServiceAccessTypes.md", "line": 1, "column": 3},
        "enum_type": {"kind": "primitive", "type": "string"},
        "enum_values": [
            {"value": "private", "name": "PRIVATE",
             "location": {"path": "specs/python/UserServiceAccessTypes.md", "line": 6, "column": 1}},
            {"value": "public", "name": "PUBLIC",
             "location": {"path": "specs/python/UserServiceAccessTypes.md", "line": 8, "column": 1}},
        ],
    }


def test_field_entries(seed_ir: dict[str, Any]) -> None:
    models = by_name(seed_ir)
    idle_timeout = models["CreateSession"]["fields"][6]
    assert idle_timeout == {
        "name": "idle_timeout",
        "wire_name": "idle_timeout",
        "wire_name_source": "convention",
        "type": {"kind": "primitive", "type": "integer"},
        "required": False,
        "enum": None,
        "nullable": None,
        "read_only": False,
        "default": {"value": 120, "text": "120"},
        "description": idle_timeout["description"],
        "location": {"path": "specs/python/CreateSession.md", "line": 13, "column": 1},
    }
    assert idle_timeout["description"].startswith("Idle timeout (in minutes), after which")
    response = {f["name"]: f for f in models["CreateSession200Response"]["fields"]}
    assert response["id"]["nullable"] is False
    assert response["id"]["required"] is True
    assert response["interactive_ttl"]["type"] == {
        "kind": "primitive", "type": "integer", "format": "int32",
    }
    assert response["timestamps"] == {
        "name": "timestamps",
        "wire_name": "timestamps",
        "wire_name_source": "convention",
        "type": {
            "kind": "array",
            "items": {"kind": "reference", "model": "CreateSession200ResponseTimestampsInner"},
        },
        "required": False,
        "enum": None,
        "nullable": None,
        "read_only": False,
        "default": None,
        "description": "",
        "location": {"path": "specs/rust/CreateSession200Response.md", "line": 21, "column": 1},
    }


def test_unmangled_wire_names(in_repo: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = ir(["--keys", "snake_case", "tests/fixtures/generate/names/Mangled.md"], capsys)
    assert code == 0
    fields = json.loads(out)["models"][0]["fields"]
    assert [(f["name"], f["wire_name"], f["wire_name_source"]) for f in fields] == [
        ("r#type", "type", "convention"),
        ("param_self", "self", "convention"),
        ("r#match", "match", "convention"),
    ]
    # Without a convention the unescaped name is one of the key's spellings.
    code, out, _ = ir(["tests/fixtures/generate/names/Mangled.md"], capsys)
    fields = json.loads(out)["models"][0]["fields"]
    assert [(f["wire_name"], f["wire_names"]) for f in fields] == [
        ("type", ["type", "Type"]), ("self", ["self", "Self"]), ("match", ["match", "Match"]),
    ]


def test_forced_dialect(in_repo: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = ir(["--dialect", "python", "specs/python/CreateSession.md",
                       "specs/python/UserServiceAccessTypes.md"], capsys)
    assert code == 0
    assert [m["dialect"] for m in json.loads(out)["models"]] == ["python", "generic"]
    code, out, err = ir(["--dialect", "rust", "specs/python/CreateSession.md"], capsys)
    assert code == 0
    assert "specs/python/CreateSession.md:13:22: warning: property 'idle_timeout': unknown type 'int' " \
           "in 'int'; read as any value\n" in err
    idle = next(f for f in json.loads(out)["models"][0]["fields"] if f["name"] == "idle_timeout")
    assert (idle["type"], idle["unread"]) == ({"kind": "any"}, "unknown type 'int' in 'int' (rust)")
    code, out, err = ir(["--dialect", "rust", "--strict", "specs/python/CreateSession.md"], capsys)
    assert (code, out) == (1, "")
    assert "specs/python/CreateSession.md:13:22: error: property 'idle_timeout': unknown type" in err


def test_text_is_written_as_is(in_repo: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = ir(["tests/fixtures/generate/injection/Hostile.md"], capsys)
    assert code == 0
    assert "<script>alert('INJECTED')</script>" in out  # no \u escapes, no HTML escapes
    model = json.loads(out)["models"][0]
    assert model["fields"][0]["description"] == (
        "Ends early: \"\"\" + __import__('pathlib').Path('INJECTED').touch() + \"\"\""
    )


def test_missing_spec_is_a_usage_error(in_repo: None, capsys: pytest.CaptureFixture[str]) -> None:
    # A path that does not exist has no line to point at: a usage error, not an invalid page.
    expected = "docmodels: error: spec path specs/Nope.md does not exist\n"
    assert ir(["specs/Nope.md"], capsys) == (2, "", expected)


@pytest.mark.parametrize(
    ("type_expr", "expected"),
    [
        (Primitive(PrimitiveKind.NUMBER, "double"),
         {"kind": "primitive", "type": "number", "format": "double"}),
        (ArrayOf(Primitive(PrimitiveKind.STRING), unique_items=True),
         {"kind": "array", "items": {"kind": "primitive", "type": "string"}, "unique_items": True}),
        (MapOf(AnyValue()), {"kind": "map", "values": {"kind": "any"}}),
        (MapOf(ArrayOf(Reference("X"))),
         {"kind": "map", "values": {"kind": "array", "items": {"kind": "reference",
                                                                "model": "X"}}}),
    ],
)
def test_type_json(type_expr: Any, expected: dict[str, Any]) -> None:
    assert type_json(type_expr) == expected


# `docmodels ir` streams its JSON (ir_text), one model at a time: the text must be what dumping
# the whole document gave, byte for byte, for every shape of document.
STREAMED = ["specs", "tests/fixtures/python", "tests/fixtures/bad", "tests/fixtures/unions",
            "tests/fixtures/rust", "tests/fixtures/constraints", "tests/fixtures/adversarial",
            "tests/fixtures/python6"]


def _model_set(folder: str) -> ModelSet:
    from docmodels.load import load

    model_set, _ = load([REPO / folder], REPO)
    return model_set


@pytest.mark.parametrize("ensure_ascii", [False, True])
@pytest.mark.parametrize("folder", STREAMED)
def test_the_streamed_text_is_the_whole_documents_dump(folder: str, ensure_ascii: bool) -> None:
    model_set = _model_set(folder)
    assert "".join(ir_text(model_set, ensure_ascii=ensure_ascii)) == json.dumps(
        ir_json(model_set), indent=2, ensure_ascii=ensure_ascii)


def test_the_streamed_text_of_pages_that_give_no_model_is_the_whole_documents_dump() -> None:
    empty = ModelSet((), left_out=(UnreadPage("a.md", "no table"),))
    for model_set in (ModelSet(()), empty):
        assert "".join(ir_text(model_set)) == json.dumps(ir_json(model_set), indent=2)


def test_the_command_prints_the_whole_documents_dump(
    in_repo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = ir(["tests/fixtures/python6"], capsys)
    assert code == 0
    expected = json.dumps(ir_json(_model_set("tests/fixtures/python6")), indent=2,
                          ensure_ascii=False)
    assert out == expected + "\n"


def test_a_stream_that_cannot_hold_a_character_gets_escapes(tmp_path: Path) -> None:
    write_page(tmp_path / "specs", "Pet", python_page("Pet", ["**name** | **str** | Ñame ✓ | "]))
    result = subprocess.run(
        [sys.executable, "-m", "docmodels", "ir", "specs"], cwd=tmp_path, capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}, check=True,
    )
    from docmodels.load import load

    model_set, _ = load([tmp_path / "specs"], tmp_path)
    assert result.stdout.decode("ascii") == json.dumps(ir_json(model_set), indent=2) + "\n"
    assert "\\u00d1ame \\u2713" in result.stdout.decode("ascii")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=4),
    max_leaves=20,
)


@given(value=JSON_VALUES, ensure_ascii=st.booleans(), depth=st.integers(0, 3))
def test_the_fast_indented_text_is_jsons(value: object, ensure_ascii: bool, depth: int) -> None:
    indent = "  " * depth
    expected = json.dumps(value, indent=2, ensure_ascii=ensure_ascii).replace("\n", "\n" + indent)
    assert indented(ensure_ascii)(value, indent) == expected


def test_dicts_of_one_shape_at_any_depth_and_in_any_document_come_out_as_json_writes_them(
) -> None:
    dump = indented(False)  # (one writer keeps each dict shape it wrote: ``ir`` writes many)
    value = {"a": 1, "b": {"a": 2.5, "b": {"a": "three", "b": None}}, "c": [{"a": True, "b": []}]}
    for indent in ("", "  ", ""):
        assert dump(value, indent) == json.dumps(value, indent=2).replace("\n", "\n" + indent)
    many = {f"k{n}": n for n in range(40)}  # (more keys than a shape kept has)
    assert dump([many, many, {"a": many}], "") == json.dumps([many, many, {"a": many}], indent=2)


@given(value=st.dictionaries(st.text(max_size=5), JSON_VALUES, max_size=4),
       ensure_ascii=st.booleans())
def test_an_object_written_many_times_and_at_many_depths_comes_out_as_json_writes_it(
    value: dict[str, object], ensure_ascii: bool
) -> None:
    # (A schema's rule on a key's spellings, one object in many places: its text is kept.)
    shared, listed = Shared(value), SharedList(value.values())
    document = {"a": shared, "b": [shared, {"c": shared}], "d": [[shared, listed]], "e": shared,
                "f": listed, "g": {"h": listed}}
    dump = indented(ensure_ascii)
    for indent in ("", "    ", ""):
        assert dump(document, indent) == json.dumps(
            document, indent=2, ensure_ascii=ensure_ascii).replace("\n", "\n" + indent)


class Word(str):
    pass


@pytest.mark.parametrize("value", [
    {"a": float("nan"), "b": [float("inf"), -float("inf")]},  # json's NaN and Infinity
    {1: "int key", None: "null key"},  # keys json turns into strings
    [Word("a str subclass"), True, 10**30, -0.0, 1e300],
])
def test_values_the_fast_path_leaves_to_json_come_out_as_json_writes_them(value: object) -> None:
    assert indented(False)(value, "  ") == json.dumps(value, indent=2).replace("\n", "\n  ")


def test_a_value_json_cannot_write_raises_as_json_does() -> None:
    with pytest.raises(TypeError):
        indented(False)({"a": {1, 2}}, "")


@pytest.mark.parametrize("folder", STREAMED)
def test_the_streamed_schema_is_the_whole_documents_dump(folder: str) -> None:
    from docmodels.emit.jsonschema import schema_document, schema_text

    model_set = _model_set(folder)
    for ensure_ascii in (False, True):
        assert "".join(schema_text(model_set, ensure_ascii=ensure_ascii)) == json.dumps(
            schema_document(model_set), indent=2, ensure_ascii=ensure_ascii)


def test_schema_writes_the_whole_documents_dump_to_a_file_and_to_stdout(
    in_repo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docmodels.emit.jsonschema import schema_document

    expected = json.dumps(schema_document(_model_set("tests/fixtures/python6")), indent=2,
                          ensure_ascii=False) + "\n"
    assert main(["schema", "tests/fixtures/python6", "-o", str(tmp_path / "s.json")]) == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == expected
    capsys.readouterr()
    assert main(["schema", "tests/fixtures/python6"]) == 0
    assert capsys.readouterr().out == expected


@pytest.mark.parametrize("members", [[], [("a", 1)], [("a", {"b": []}), ("c", [1, {}])]])
def test_a_streamed_document_is_its_dump_however_many_entries(
    members: list[tuple[str, object]]
) -> None:
    from docmodels.emit.json_text import Items, Members, streamed

    for document in ([], [("x", Members(iter(members)))], [("x", Items(v for _, v in members)),
                                                           ("y", None)]):
        whole = {key: dict(value.members) if isinstance(value, Members)
                 else list(value.items) if isinstance(value, Items) else value
                 for key, value in document}
        rebuilt = [(k, Members(iter(members)) if isinstance(v, Members)
                    else Items(v2 for _, v2 in members) if isinstance(v, Items) else v)
                   for k, v in document]
        assert "".join(streamed(rebuilt)) == json.dumps(whole, indent=2)

"""The attrs target: attrs classes over the default target's runtime, so every payload gets the
default target's verdict, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from generated import generate
from targets import (
    GOLDEN,
    LIMITED_INVALID,
    LIMITED_VALID,
    generate_target,
    golden_build,
    golden_files,
    lint,
)
from test_roundtrip import CREATE_SESSION, LINE, ORDER, SESSION_RESPONSE

attrs = pytest.importorskip("attrs")

TARGET = "attrs"


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_target(TARGET, tmp_path_factory.mktemp("attrs")).module


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_target("dataclasses", tmp_path_factory.mktemp("reference")).module


def test_generated_code_matches_the_golden_files() -> None:
    assert golden_build(TARGET) == golden_files(TARGET), (
        f"{GOLDEN / TARGET} is stale: run `python tests/targets.py {TARGET}` and review the diff"
    )


def test_generated_code_passes_mypy_strict_and_ruff(tmp_path: Path) -> None:
    """mypy's bundled attrs plugin needs no configuration."""
    for tool, result in lint(GOLDEN / TARGET / "models", tmp_path).items():
        assert result == (0, "", ""), tool


def test_only_the_model_classes_differ_from_the_default_target() -> None:
    """The same runtime, enums, unions and docs: only a model's class is attrs', on the
    runtime's Base, with the fields that keep a payload's keys declared in it."""
    ours, default = golden_build(TARGET), golden_build("dataclasses")
    assert ours.keys() == default.keys()
    assert {p for p in ours if ours[p] != default[p]} == {
        p for p, text in default.items()
        if "@_rt.dataclass" in text and not p.endswith("/_runtime.py")
    }


def test_a_model_is_a_keyword_only_attrs_class(models: Any) -> None:
    cls = models.CreateSession
    assert attrs.has(cls)
    assert [f.name for f in attrs.fields(cls)] == [*CREATE_SESSION, "_docmodels_present",
                                                   "_docmodels_extra"]
    with pytest.raises(TypeError):
        cls("s", "prj_1")
    with pytest.raises(TypeError):
        cls(project_id="prj_1")


def verdict(cls: Any, payload: Any, unknown: str = "ignore") -> Any:
    """What from_dict and to_dict make of a payload: the data written back, or every error."""
    try:
        return cls.from_dict(payload, unknown=unknown).to_dict()
    except ValueError as exc:
        return [type(exc).__name__, [list(e) for e in getattr(exc, "errors", [])]]


CASES = [
    ("CreateSession", CREATE_SESSION),
    ("CreateSession", {"name": "s", "project_id": "prj_1"}),
    ("CreateSession", {"name": "s", "project_id": "p", "idle_timeout": 120,
                       "uses_app_config": False}),
    ("CreateSession", {"name": "s", "project_id": "p"} | {k: None for k in list(CREATE_SESSION)[2:]}),
    ("CreateSession", {"name": 1, "idle_timeout": True, "user_service_access": "open"}),
    ("CreateSession200Response", SESSION_RESPONSE),
    ("CreateSession200Response", SESSION_RESPONSE | {"timestamps": [{"status": 3}],
                                                     "elapsed_time": 2789}),
    ("Order", ORDER),
    ("Order", {"id": "o", "created_at": "2024-03-18T09:15:02Z", "weight": 1}),
    ("Order", ORDER | {"created_at": "yesterday", "lines": [LINE | {"quantity": "3"}]}),
    ("OrderLine", LINE),
    ("Customer", {"name": "Ada", "account": {"number": 7, "owner": {"name": "Ada",
                                                                    "account": None}}}),
    ("Settings", {}),
    ("Settings", {"limits": {"max": 1, "parent": {"level": "high"}}, "days": ["2024-01-01"]}),
    ("Holder", {"shape": {"side": 2.0}, "value": 3.5,
                "tree": {"children": [{"label": "a"}, {"children": []}]}}),
    ("Holder", {"shape": {"radius": 1.0}, "opaque": {"anything": [1, {"a": None}]}}),
    ("Holder", {"shape": {"edge": 1.0}}),
    *(("Limited", payload) for payload in [*LIMITED_VALID, *LIMITED_INVALID]),
]


@pytest.mark.parametrize(("name", "payload"), CASES)
@pytest.mark.parametrize("unknown", ["ignore", "keep", "forbid"])
def test_every_payload_gets_the_default_targets_verdict(
    models: Any, reference: Any, name: str, payload: Any, unknown: str
) -> None:
    payload = payload | {"unknown_key": {"k": [1]}}
    ours = verdict(getattr(models, name), payload, unknown)
    assert ours == verdict(getattr(reference, name), payload, unknown)
    assert json.dumps(ours)  # JSON-ready data or an error list


def test_round_trips_keep_types_and_json_text(models: Any) -> None:
    text = json.dumps(ORDER)
    order = models.Order.from_json(text)
    assert order.to_json() == text
    assert isinstance(order.lines[0], models.OrderLine)


def test_invalid_payloads_raise_the_runtimes_validation_error(models: Any) -> None:
    with pytest.raises(models.ValidationError) as caught:
        models.CreateSession200Response.from_dict(
            SESSION_RESPONSE | {"timestamps": [{"status": "open", "timestamp": "t"},
                                               {"status": 3}]}
        )
    assert caught.value.errors == (
        ("timestamps[1].status", "expected str, got int"),
        ("timestamps[1].timestamp", "required property is missing"),
    )


def test_defaults_are_fresh_per_instance(models: Any) -> None:
    first, second = models.Settings(), models.Settings()
    first.aliases.append("a")
    assert (first.to_dict(), second.to_dict()) == ({"aliases": ["a"]}, {})
    assert first.limits is not second.limits


def test_a_property_whose_attribute_starts_with_an_underscore_keeps_its_name(
    tmp_path: Path,
) -> None:
    # attrs names __init__'s argument for _x "x": a key that starts with a digit (attribute
    # _123_start) made "123_start", a syntax error when the class was built.
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "Names.md").write_text(
        "# Names\n\n## Properties\n\nName | Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n"
        "**123start** | **str** |  | [optional] \n**_hidden** | **str** |  | \n",
        encoding="utf-8",
    )
    names = generate(docs, tmp_path / "out", target=TARGET).module.Names
    read = names.from_dict({"123start": "a", "_hidden": "b"})
    assert read.to_dict() == {"123start": "a", "_hidden": "b"}
    fields = {a.name: a.alias for a in attrs.fields(names)}
    assert fields["_123_start"] == "_123_start"
    assert names(**{fields[n]: v for n, v in (("_123_start", "a"), (_hidden(fields), "b"))}) == read


def _hidden(fields: dict[str, str]) -> str:
    (name,) = [n for n in fields if "hidden" in n]
    return name

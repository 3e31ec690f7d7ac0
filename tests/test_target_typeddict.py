"""The typeddict target: TypedDicts for payloads as they are, and parse_<model>(data) validating
them with the default target's runtime."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
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

TARGET = "typeddict"


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_target(TARGET, tmp_path_factory.mktemp("typeddict")).module


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_target("dataclasses", tmp_path_factory.mktemp("reference")).module


def test_generated_code_matches_the_golden_files() -> None:
    assert golden_build(TARGET) == golden_files(TARGET), (
        f"{GOLDEN / TARGET} is stale: run `python tests/targets.py {TARGET}` and review the diff"
    )


def test_generated_code_passes_mypy_strict_and_ruff(tmp_path: Path) -> None:
    """Python 3.11 or later: typing.Required and NotRequired (the standard library only)."""
    for tool, result in lint(GOLDEN / TARGET / "models", tmp_path, oldest="3.11").items():
        assert result == (0, "", ""), tool


def test_required_and_optional_keys_are_the_pages(models: Any) -> None:
    assert models.OrderLine.__required_keys__ == {"sku", "quantity", "discount", "type"}
    assert models.OrderLine.__optional_keys__ == {
        "unit_price", "line_id", "labels", "extra", "shipped_on", "children"
    }
    assert models.OrderStatus.__args__ == ("placed", "shipped", "cancelled")


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("CreateSession", CREATE_SESSION),
        ("CreateSession", {"name": "s", "project_id": "p"} | {k: None for k in
                                                              list(CREATE_SESSION)[2:]}),
        ("CreateSession", {"name": "s", "project_id": "p", "idle_timeout": 120}),
        ("CreateSession200Response", SESSION_RESPONSE),
        ("Order", ORDER | {"created_at": "2024-03-18T09:15:02Z", "weight": 1}),
        ("Customer", {"name": "Ada", "account": {"number": 7, "owner": {"name": "Ada",
                                                                        "account": None}}}),
        ("Holder", {"shape": {"side": 2.0}, "value": 3.5,
                    "tree": {"children": [{"label": "a"}, {"children": []}]}}),
        ("Holder", {"shape": {"radius": 1.0}, "opaque": "open"}),
        *(("Limited", payload) for payload in LIMITED_VALID),
    ],
)
def test_a_valid_payload_is_returned_as_it_came(models: Any, name: str,
                                                payload: dict[str, Any]) -> None:
    """Values keep their JSON spelling (a Z stays a Z, an int for a float an int); there are
    no defaults to fill in: a TypedDict is the payload."""
    parse = getattr(models, "parse_" + models.__dict__[name].__module__.rsplit(".", 1)[1])
    result = parse(payload)
    assert result == payload
    assert list(result) == list(payload)
    assert result is not payload


def test_no_defaults_are_filled_in(models: Any) -> None:
    assert models.parse_settings({}) == {}
    assert models.parse_create_session({"name": "s", "project_id": "p"}) == {
        "name": "s", "project_id": "p"
    }


def verdict(parse: Any, payload: Any, unknown: str) -> Any:
    try:
        return parse(payload, unknown=unknown)
    except ValueError as exc:
        return [list(e) for e in exc.errors]


def reference_verdict(cls: Any, payload: Any, unknown: str) -> Any:
    try:
        return cls.from_dict(payload, unknown=unknown).to_dict()
    except ValueError as exc:
        return [list(e) for e in exc.errors]


@pytest.mark.parametrize(
    ("module", "name", "payload"),
    [
        ("create_session", "CreateSession",
         {"name": 1, "idle_timeout": True, "user_service_access": "open"}),
        ("create_session_200_response", "CreateSession200Response",
         SESSION_RESPONSE | {"timestamps": [{"status": 3}], "region": "us"}),
        ("order", "Order", ORDER | {"created_at": "yesterday", "ship_by": "2024-02-30",
                                    "lines": [LINE | {"quantity": "3", "line_id": "x"}],
                                    "extra_key": 1}),
        ("order", "Order", ORDER | {"note": {"k": 1}}),
        ("holder", "Holder", {"shape": {"edge": 1.0}, "value": True}),
        *(("limited", "Limited", p) for p in [*LIMITED_VALID, *LIMITED_INVALID]),
    ],
)
@pytest.mark.parametrize("unknown", ["ignore", "keep", "forbid"])
def test_every_problem_is_the_default_targets(
    models: Any, reference: Any, module: str, name: str, payload: Any, unknown: str
) -> None:
    ours = verdict(getattr(models, f"parse_{module}"), payload, unknown)
    assert ours == reference_verdict(getattr(reference, name), payload, unknown)


def test_unknown_keys_at_every_level(models: Any) -> None:
    payload = {"id": "s", "backend_name": "b", "mode": "batch", "region": "us",
               "timestamps": [{"status": "open", "timestamp": "t", "source": 1}]}
    parse = models.parse_create_session_200_response
    assert parse(payload) == payload
    assert parse(payload, unknown="keep") == payload
    assert parse(payload, unknown="ignore") == {"id": "s", "backend_name": "b", "mode": "batch",
                                                "timestamps": [{"status": "open", "timestamp": "t"}]}
    with pytest.raises(models.ValidationError) as caught:
        parse(payload, unknown="forbid")
    assert caught.value.errors == (("timestamps[0].source", "unknown property"),
                                   ("region", "unknown property"))


def test_an_enum_and_a_union_validate_on_their_own(models: Any) -> None:
    assert models.parse_order_status("placed") == "placed"
    with pytest.raises(models.ValidationError):
        models.parse_order_status("lost")
    assert models.parse_scalar(2.5) == 2.5
    assert models.parse_shape({"radius": 1.0}) == {"radius": 1.0}

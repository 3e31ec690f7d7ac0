"""The msgspec target: msgspec Structs that read and write the default target's payloads.

Where msgspec's semantics differ from the default target's, the test says so (and the README).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from generated import generate, write_page
from targets import (
    CONSTRAINTS,
    GOLDEN,
    LIMITED_INVALID,
    LIMITED_VALID,
    UNIONS,
    generate_target,
    golden_build,
    golden_files,
    lint,
)
from test_roundtrip import CREATE_SESSION, ORDER, SESSION_RESPONSE

msgspec = pytest.importorskip("msgspec")

TARGET = "msgspec"


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_target(TARGET, tmp_path_factory.mktemp("msgspec")).module


def round_trip(cls: Any, payload: dict[str, Any]) -> Any:
    instance = cls.from_dict(payload)
    assert instance.to_dict() == payload
    assert list(instance.to_dict()) == list(payload)
    return instance


# The generated code


def test_generated_code_matches_the_golden_files() -> None:
    assert golden_build(TARGET) == golden_files(TARGET), (
        f"{GOLDEN / TARGET} is stale: run `python tests/targets.py {TARGET}` and review the diff"
    )


def test_generated_code_passes_mypy_strict_and_ruff(tmp_path: Path) -> None:
    for tool, result in lint(GOLDEN / TARGET / "models", tmp_path).items():
        assert result == (0, "", ""), tool


def test_a_model_is_a_struct_with_wire_names_as_field_names(models: Any) -> None:
    fields = {f.name: f for f in msgspec.structs.fields(models.OrderLine)}
    assert issubclass(models.OrderLine, msgspec.Struct)
    assert fields["type_"].encode_name == "type"


# Round trips: the default target's payloads


def test_create_session_with_every_property(models: Any) -> None:
    session = round_trip(models.CreateSession, CREATE_SESSION)
    assert session.user_service_access is models.UserServiceAccessTypes.PUBLIC


def test_absent_optional_properties_take_defaults_and_are_not_written(models: Any) -> None:
    session = round_trip(models.CreateSession, {"name": "s", "project_id": "prj_1"})
    assert (session.idle_timeout, session.uses_app_config, session.cloud_id) == (120, False, None)


def test_a_value_equal_to_its_default_is_not_written_back(models: Any) -> None:
    """A difference: msgspec does not record which keys a payload had, so a property given its
    default value, or null where null is the default, is left out (the data means the same)."""
    payload = {"name": "s", "project_id": "prj_1", "idle_timeout": 120, "cloud_id": None,
               "build_id": "b", "uses_app_config": None}
    assert models.CreateSession.from_dict(payload).to_dict() == {
        "name": "s", "project_id": "prj_1", "build_id": "b", "uses_app_config": None
    }


def test_payload_key_order_does_not_matter(models: Any) -> None:
    shuffled = dict(reversed(list(CREATE_SESSION.items())))
    assert list(models.CreateSession.from_dict(shuffled).to_dict()) == list(CREATE_SESSION)


def without_nulls(payload: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in payload.items() if value is not None}


def test_nested_models_and_json(models: Any) -> None:
    # Its nulls are defaults (see above).
    payload = without_nulls(SESSION_RESPONSE)
    response = round_trip(models.CreateSession200Response, payload)
    assert isinstance(response.timestamps[0], models.CreateSession200ResponseTimestampsInner)
    text = json.dumps(payload, indent=2, ensure_ascii=False)
    assert models.CreateSession200Response.from_json(text).to_json(indent=2) == text


def test_every_kind_of_type(models: Any) -> None:
    order = round_trip(models.Order, ORDER)
    assert order.created_at == dt.datetime(2024, 3, 18, 9, 15, 2, tzinfo=dt.UTC)
    assert order.ship_by == dt.date(2024, 3, 20)
    assert order.priority is models.Priority.HIGH
    assert isinstance(order.lines[0].children[0], models.OrderLine)
    assert type(order.weight) is int  # the int 1 stays an int, as in the default target


def test_date_times_are_written_as_the_payload_spelled_them(models: Any) -> None:
    order = models.Order.from_dict({"id": "o", "created_at": "2024-03-18T09:15:02Z"})
    assert order.to_dict()["created_at"] == "2024-03-18T09:15:02Z"


def test_a_date_time_set_in_code_is_written_as_isoformat_writes_it(models: Any) -> None:
    order = models.Order(id="o", created_at=dt.datetime(2024, 3, 18, 9, 15, 2, tzinfo=dt.UTC))
    assert order.to_dict()["created_at"] == "2024-03-18T09:15:02+00:00"


def test_models_in_an_import_cycle(models: Any) -> None:
    payload = {"name": "Ada", "account": {"number": 7, "owner": {"name": "Ada"}}}
    assert isinstance(round_trip(models.Customer, payload).account.owner, models.Customer)


def test_defaults_of_every_shape(models: Any) -> None:
    settings = models.Settings()
    assert settings.strict_limits == models.Limits(max=5)
    assert settings.since == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert settings.to_dict() == {}
    round_trip(models.Settings, {"limits": {"max": 1, "parent": {"level": "high"}}})
    first = models.Settings()
    first.aliases.append("a")
    assert (first.to_dict(), models.Settings().aliases) == ({"aliases": ["a"]}, [])


def test_unknown_keys_are_dropped_at_every_level(models: Any) -> None:
    payload = {"id": "ses_1", "backend_name": "b", "mode": "batch", "region": "us",
               "timestamps": [{"status": "open", "timestamp": "t", "source": {"k": [1]}}]}
    assert models.CreateSession200Response.from_dict(payload).to_dict() == {
        "id": "ses_1", "backend_name": "b", "mode": "batch",
        "timestamps": [{"status": "open", "timestamp": "t"}],
    }


def test_a_union_of_json_types_and_an_enum_whose_values_were_lost(models: Any) -> None:
    assert models.Opaque == str | int | float  # a type alias: the value kept as given
    scalar = msgspec.convert(3.5, models.Scalar)
    assert (scalar, msgspec.convert("x", models.Scalar)) == (3.5, "x")


def test_a_union_of_object_models_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "docmodels", "generate", str(UNIONS), "--target", TARGET,
         "-o", str(tmp_path / "out")],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert "docmodels: error: tests/fixtures/unions/Shape.md:1: the msgspec target cannot " \
           "express Shape, a union of more than one object model (Circle, Square)" in result.stderr
    assert not (tmp_path / "out").exists()


# Invalid payloads


@pytest.mark.parametrize(
    ("payload", "where"),
    [
        ({"name": "s"}, "missing required field `project_id`"),
        ({"name": 1, "project_id": "p"}, "`$.name`"),
        ({"name": "s", "project_id": "p", "idle_timeout": "45"}, "`$.idle_timeout`"),
        ({"name": "s", "project_id": "p", "idle_timeout": True}, "`$.idle_timeout`"),
        ({"name": "s", "project_id": "p", "user_service_access": "open"},
         "`$.user_service_access`"),
        ({"name": "s", "project_id": "p", "idle_timeout": float("nan")}, "not JSON data"),
    ],
)
def test_an_invalid_payload_is_rejected(models: Any, payload: dict[str, Any], where: str) -> None:
    with pytest.raises(msgspec.ValidationError, match=None) as caught:
        models.CreateSession.from_dict(payload)
    assert where in str(caught.value)
    assert models.ValidationError is msgspec.ValidationError
    assert isinstance(caught.value, ValueError)


def test_a_nested_invalid_value_is_reported_with_its_path(models: Any) -> None:
    """A difference: msgspec stops at the first problem; the default target lists them all."""
    payload = SESSION_RESPONSE | {"timestamps": [{"status": "open", "timestamp": "t"},
                                                 {"status": 3}]}
    with pytest.raises(msgspec.ValidationError, match=r"`\$\.timestamps\[1\]\.status`"):
        models.CreateSession200Response.from_dict(payload)


def test_payloads_are_read_by_wire_name_only(models: Any) -> None:
    with pytest.raises(msgspec.ValidationError, match="`type`"):
        models.OrderLine.from_dict({"sku": "s", "quantity": 1, "discount": None, "type_": "x"})
    line = models.OrderLine(sku="s", quantity=1, discount=None, type_="t")
    assert line.to_dict()["type"] == "t"


# Constraints, inline enums and optional properties that cannot be null, against the default
# target payload by payload.


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate(CONSTRAINTS, tmp_path_factory.mktemp("reference")).module


@pytest.mark.parametrize("payload", LIMITED_VALID)
def test_values_within_the_limits_round_trip(models: Any, reference: Any,
                                             payload: dict[str, Any]) -> None:
    round_trip(reference.Limited, payload)
    round_trip(models.Limited, payload)


def test_a_fractional_multiple_allows_for_rounding(models: Any) -> None:
    """msgspec's own multiple_of is exact, and 0.3 is no multiple of 0.1 in binary floats: a
    fractional divisor is checked after decoding instead, as the default target checks it."""
    assert models.Limited.from_dict({"ratio": 0.3}).ratio == 0.3
    with pytest.raises(msgspec.ValidationError, match="ratio: expected a multiple of 0.1"):
        models.Limited.from_dict({"ratio": 0.35})
    with pytest.raises(ValueError, match="ratio: expected a multiple of 0.1"):
        models.Limited(ratio=0.35)  # built in code too


@pytest.mark.parametrize("payload", LIMITED_INVALID)
def test_values_outside_the_limits_are_rejected(models: Any, reference: Any,
                                                payload: dict[str, Any]) -> None:
    with pytest.raises(reference.ValidationError):
        reference.Limited.from_dict(payload)
    with pytest.raises(msgspec.ValidationError, match=next(iter(payload))):
        models.Limited.from_dict(payload)


TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
CYCLE = {
    # A union in an import cycle, with one object member (msgspec tells it apart by JSON type).
    "Node": "# Node\n\n## Enum Variants\n\n| Name | Description |\n|---- | -----|\n"
            "| String |  |\n| Knot |  |\n",
    "Knot": f"# Knot\n\n## Properties\n\n{TABLE}**children** | [**Vec<models::Node>**](Node.md) |  | \n",
}


@pytest.mark.parametrize("first", ["node", "knot"])
def test_a_union_in_an_import_cycle_imports_from_either_end(tmp_path: Path, first: str) -> None:
    for name, text in CYCLE.items():
        write_page(tmp_path / "specs", name, text)
    generated = generate(tmp_path / "specs", tmp_path / "out", target=TARGET)
    script = (f"import {generated.name}.{first}\nfrom {generated.name} import Knot\n"
              "print(Knot.from_dict({'children': ['a', {'children': []}]}).to_dict())")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path / "out",
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "{'children': ['a', {'children': []}]}\n"

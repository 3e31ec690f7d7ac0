"""The pydantic target: pydantic v2 models that read and write the default target's payloads.

Where pydantic's semantics differ from the default target's, the test says so (and the README).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from generated import generate
from targets import (
    CONSTRAINTS,
    GOLDEN,
    LIMITED_INVALID,
    LIMITED_VALID,
    generate_target,
    golden_build,
    golden_files,
    lint,
)
from test_roundtrip import CREATE_SESSION, ORDER, SESSION_RESPONSE

pydantic = pytest.importorskip("pydantic")

TARGET = "pydantic"


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate_target(TARGET, tmp_path_factory.mktemp("pydantic")).module


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
    """Plain mypy --strict: no pydantic plugin is needed (aliases are validation and
    serialization aliases, so type checkers see attribute names as __init__ parameters)."""
    for tool, result in lint(GOLDEN / TARGET / "models", tmp_path).items():
        assert result == (0, "", ""), tool


def test_a_model_is_a_base_model_with_wire_names_as_aliases(models: Any) -> None:
    fields = models.OrderLine.model_fields
    assert issubclass(models.OrderLine, pydantic.BaseModel)
    assert (fields["type_"].validation_alias, fields["type_"].serialization_alias) == (
        "type", "type"
    )
    assert issubclass(models.OrderStatus, __import__("enum").Enum)


# Round trips: the default target's payloads


def test_create_session_with_every_property(models: Any) -> None:
    session = round_trip(models.CreateSession, CREATE_SESSION)
    assert session.user_service_access is models.UserServiceAccessTypes.PUBLIC
    assert session.idle_timeout == 45


def test_absent_optional_properties_take_defaults_and_are_not_written(models: Any) -> None:
    session = round_trip(models.CreateSession, {"name": "s", "project_id": "prj_1"})
    assert (session.idle_timeout, session.uses_app_config, session.cloud_id) == (120, False, None)


def test_defaults_given_explicitly_and_explicit_nulls_are_written_back(models: Any) -> None:
    base = {"name": "s", "project_id": "prj_1"}
    round_trip(models.CreateSession, base | {"idle_timeout": 120, "uses_app_config": False})
    nulls = base | {key: None for key in list(CREATE_SESSION)[2:]}
    session = round_trip(models.CreateSession, nulls)
    assert session.idle_timeout is None


def test_payload_key_order_does_not_matter(models: Any) -> None:
    shuffled = dict(reversed(list(CREATE_SESSION.items())))
    assert list(models.CreateSession.from_dict(shuffled).to_dict()) == list(CREATE_SESSION)


def test_nested_models(models: Any) -> None:
    response = round_trip(models.CreateSession200Response, SESSION_RESPONSE)
    assert isinstance(response.timestamps[0], models.CreateSession200ResponseTimestampsInner)


def test_json_round_trip(models: Any) -> None:
    for cls, payload in ((models.CreateSession, CREATE_SESSION),
                         (models.CreateSession200Response, SESSION_RESPONSE)):
        text = json.dumps(payload, indent=2, ensure_ascii=False)
        assert cls.from_json(text).to_json(indent=2) == text


def test_every_kind_of_type(models: Any) -> None:
    order = round_trip(models.Order, ORDER)
    assert order.created_at == dt.datetime(2024, 3, 18, 9, 15, 2, tzinfo=dt.UTC)
    assert order.ship_by == dt.date(2024, 3, 20)
    assert order.priority is models.Priority.HIGH
    assert isinstance(order.lines[0].children[0], models.OrderLine)
    assert order.lines[0].type_ == "physical"


def test_an_int_for_a_number_stays_an_int(models: Any) -> None:
    """As in the default target: 1 is written back 1, not 1.0 (equal in Python, not in JSON
    text)."""
    order = round_trip(models.Order, {"id": "o", "created_at": "2024-03-18T09:15:02+00:00",
                                      "weight": 1})
    assert type(order.weight) is int


def test_date_times_are_written_as_the_payload_spelled_them(models: Any) -> None:
    order = models.Order.from_dict({"id": "o", "created_at": "2024-03-18T09:15:02Z"})
    assert order.to_dict()["created_at"] == "2024-03-18T09:15:02Z"


def test_a_date_time_set_in_code_is_written_as_isoformat_writes_it(models: Any) -> None:
    order = models.Order(id="o", created_at=dt.datetime(2024, 3, 18, 9, 15, 2, tzinfo=dt.UTC))
    assert order.to_dict()["created_at"] == "2024-03-18T09:15:02+00:00"


def test_models_in_an_import_cycle(models: Any) -> None:
    payload = {"name": "Ada", "account": {"number": 7, "owner": {"name": "Ada", "account": None}}}
    customer = round_trip(models.Customer, payload)
    assert isinstance(customer.account.owner, models.Customer)


def test_defaults_of_every_shape(models: Any) -> None:
    settings = models.Settings()
    assert settings.strict_limits == models.Limits(max=5)
    assert settings.level is models.Level.LOW
    assert settings.since == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert settings.days == [dt.date(2024, 1, 1), dt.date(2024, 12, 31)]
    assert settings.to_dict() == {}
    round_trip(models.Settings, {"limits": {"max": 1, "parent": {"level": "high"}}})
    assert models.Settings().aliases is not models.Settings().aliases


def test_unions_take_the_first_member_that_fits(models: Any) -> None:
    holder = round_trip(models.Holder, {"shape": {"side": 2.0}, "value": 3.5,
                                        "tree": {"children": [{"label": "a"}, {"children": []}]}})
    assert isinstance(holder.shape, models.Square)
    assert isinstance(holder.tree.children[1], models.Branch)
    assert round_trip(models.Holder, {"shape": {"radius": 1.5}, "value": "text"}).value == "text"


@pytest.mark.parametrize("value", ["open", 2, 2.5])
def test_an_enum_whose_values_were_lost_keeps_the_value_given(models: Any, value: Any) -> None:
    round_trip(models.Holder, {"shape": {"radius": 1.0}, "opaque": value})


@pytest.mark.parametrize("unknown", ["ignore", "keep", "forbid"])
def test_unknown_keys_at_every_level(models: Any, unknown: str) -> None:
    payload = {"id": "ses_1", "backend_name": "b", "mode": "batch", "region": "us",
               "timestamps": [{"status": "open", "timestamp": "t", "source": {"k": [1]}}]}
    cls = models.CreateSession200Response
    if unknown == "forbid":
        with pytest.raises(pydantic.ValidationError) as caught:
            cls.from_dict(payload, unknown=unknown)
        assert {e["loc"] for e in caught.value.errors()} == {("region",),
                                                             ("timestamps", 0, "source")}
        return
    out = cls.from_dict(payload, unknown=unknown).to_dict()
    if unknown == "keep":
        assert out == payload
    else:
        assert out == {"id": "ses_1", "backend_name": "b", "mode": "batch",
                       "timestamps": [{"status": "open", "timestamp": "t"}]}


# Invalid payloads


@pytest.mark.parametrize(
    ("payload", "where"),
    [
        ({"name": "s"}, ("project_id",)),  # a required property is missing
        ({"name": 1, "project_id": "p"}, ("name",)),  # no number for a string
        ({"name": "s", "project_id": "p", "idle_timeout": "45"}, ("idle_timeout",)),
        ({"name": "s", "project_id": "p", "idle_timeout": True}, ("idle_timeout",)),
        ({"name": "s", "project_id": "p", "user_service_access": "open"},
         ("user_service_access",)),
        ({"name": "s", "project_id": "p", "idle_timeout": float("nan")}, ()),  # not JSON
    ],
)
def test_an_invalid_payload_is_rejected(models: Any, payload: dict[str, Any],
                                        where: tuple[str, ...]) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        models.CreateSession.from_dict(payload)
    assert caught.value.errors()[0]["loc"] == where
    assert isinstance(caught.value, ValueError)
    assert models.ValidationError is pydantic.ValidationError


def test_a_nested_invalid_value_is_reported_with_its_path(models: Any) -> None:
    payload = SESSION_RESPONSE | {"timestamps": [{"status": "open", "timestamp": "t"},
                                                 {"status": 3}]}
    with pytest.raises(pydantic.ValidationError) as caught:
        models.CreateSession200Response.from_dict(payload)
    assert [e["loc"] for e in caught.value.errors()] == [
        ("timestamps", 1, "status"), ("timestamps", 1, "timestamp")
    ]


def test_payloads_are_read_by_wire_name_only(models: Any) -> None:
    line = {"sku": "s", "quantity": 1, "discount": None, "type_": "physical"}
    with pytest.raises(pydantic.ValidationError):
        models.OrderLine.from_dict(line)
    # Code builds models by attribute name.
    assert models.OrderLine(sku="s", quantity=1, discount=None, type_="t").to_dict()["type"] == "t"


def test_an_unknown_policy_that_does_not_exist_is_refused(models: Any) -> None:
    with pytest.raises(ValueError, match="unknown must be"):
        models.Customer.from_dict({"name": "a"}, unknown="drop")


# Constraints (from an overlay), inline enums, and optional properties that cannot be null:
# the default target is the reference, payload by payload.


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return generate(CONSTRAINTS, tmp_path_factory.mktemp("reference")).module


@pytest.mark.parametrize("payload", LIMITED_VALID)
def test_values_within_the_limits_round_trip(models: Any, reference: Any,
                                             payload: dict[str, Any]) -> None:
    round_trip(reference.Limited, payload)
    round_trip(models.Limited, payload)


@pytest.mark.parametrize("payload", LIMITED_INVALID)
def test_values_outside_the_limits_are_rejected(models: Any, reference: Any,
                                                payload: dict[str, Any]) -> None:
    with pytest.raises(reference.ValidationError):
        reference.Limited.from_dict(payload)
    with pytest.raises(pydantic.ValidationError) as caught:
        models.Limited.from_dict(payload)
    assert [e["loc"][0] for e in caught.value.errors()] == list(payload)


def test_a_one_member_alias_imports_and_validates(tmp_path: Path) -> None:
    # rust-server writes an enum model as an alias of String: union_mode on a one-member
    # "union" made pydantic refuse to build every module of the package.
    catalog = Path(__file__).resolve().parents[1] / "groundtruth" / "pages" / "catalog"
    package = generate(catalog / "rust-server@7.26.0", tmp_path / "out", target=TARGET).module
    assert package.PetSize == str
    payload = {"id": 1, "name": "Rex", "status": "sold", "tags": [], "size": "small"}
    assert package.Pet.from_dict(payload).to_dict() == payload

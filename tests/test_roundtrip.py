"""Payloads go through the generated models and come back out unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from conftest import OUTPUT, SPECS
from generated import FIXTURES, Generated, generate, python_page, write_page


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(SPECS, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(FIXTURES / "features", tmp_path_factory.mktemp("features"))


CREATE_SESSION = {
    "name": "nightly-training",
    "project_id": "prj_4m2bq8xk1wz3",
    "cloud_id": "cld_7yv3rt2qazr1",
    "cluster_config": "head_node_type:\n  name: head\n  instance_type: m5.2xlarge\n",
    "build_id": "bld_91kd02nd83",
    "compute_template_id": "cpt_w83ndq0a1v",
    "idle_timeout": 45,
    "uses_app_config": True,
    "allow_public_internet_traffic": True,
    "user_service_access": "public",
    "user_service_token": "q1Vd3Xo2F9pS0kRzT7mWcL4yHbN8eJuA6gKiQsY5tUo",
    "ha_job_id": "prodjob_k2j3h4",
}

SESSION_RESPONSE = {
    "id": "ses_83hd92kd0s",
    "backend_name": "anyscale-prod-us-west-2",
    "started_at": "2024-03-18T09:15:02Z",
    "activated_at": "2024-03-18T09:15:40.118Z",
    "closed_at": None,
    "last_job_started": "2024-03-18T10:02:11.512Z",
    "last_job_completed": None,
    "interactive_ttl": 600,
    "max_ttl": 86400,
    "active_ttl": 312,
    "state": "active",
    "state_reason": "Job job_2kd93 was submitted — résumé ✓",
    "accepting_jobs": True,
    "mode": "interactive",
    "timestamps": [
        {"status": "open", "timestamp": "2024-03-18T09:15:02Z"},
        {"status": "active", "timestamp": "2024-03-18T09:15:40.118Z"},
    ],
    "user_id": "usr_5jw02ma8",
    "elapsed_time": 2789.25,
}


def round_trip(cls: Any, payload: dict[str, Any]) -> Any:
    instance = cls.from_dict(payload)
    assert instance.to_dict() == payload
    # Not only equal: the keys come back in the order the payload (in field order) had them.
    assert list(instance.to_dict()) == list(payload)
    return instance


def test_create_session_with_every_property(seed: Generated) -> None:
    models = seed.module
    session = round_trip(models.CreateSession, CREATE_SESSION)
    assert session.name == "nightly-training"
    assert session.idle_timeout == 45
    assert session.uses_app_config is True
    assert session.user_service_access is models.UserServiceAccessTypes.PUBLIC


def test_create_session_with_required_properties_only(seed: Generated) -> None:
    payload = {"name": "s", "project_id": "prj_1"}
    session = round_trip(seed.module.CreateSession, payload)
    # Absent optional properties take the page's defaults, and are not written back out.
    assert session.idle_timeout == 120
    assert session.uses_app_config is False
    assert session.allow_public_internet_traffic is False
    assert session.cloud_id is None
    assert session.user_service_access is None


def test_defaults_given_explicitly_are_written_back(seed: Generated) -> None:
    payload = {
        "name": "s",
        "project_id": "prj_1",
        "idle_timeout": 120,
        "uses_app_config": False,
        "allow_public_internet_traffic": False,
    }
    round_trip(seed.module.CreateSession, payload)


def test_explicit_nulls_for_optional_properties_are_kept(seed: Generated) -> None:
    payload: dict[str, Any] = {"name": "s", "project_id": "prj_1"}
    payload |= {key: None for key in list(CREATE_SESSION)[2:]}
    session = round_trip(seed.module.CreateSession, payload)
    # Null is not the default: an explicit null for a property with a default stays null.
    assert session.idle_timeout is None
    assert session.uses_app_config is None


def test_payload_key_order_does_not_matter(seed: Generated) -> None:
    shuffled = dict(reversed(list(CREATE_SESSION.items())))
    out = seed.module.CreateSession.from_dict(shuffled).to_dict()
    assert out == CREATE_SESSION
    assert list(out) == list(CREATE_SESSION)


def test_session_response_with_nested_timestamps(seed: Generated) -> None:
    models = seed.module
    response = round_trip(models.CreateSession200Response, SESSION_RESPONSE)
    assert [type(t) for t in response.timestamps] == [
        models.CreateSession200ResponseTimestampsInner
    ] * 2
    assert response.timestamps[1] == models.CreateSession200ResponseTimestampsInner(
        status="active", timestamp="2024-03-18T09:15:40.118Z"
    )
    assert response.closed_at is None
    assert response.elapsed_time == 2789.25


def test_session_response_with_required_properties_only(seed: Generated) -> None:
    payload = {"id": "ses_1", "backend_name": "b", "mode": "batch"}
    response = round_trip(seed.module.CreateSession200Response, payload)
    assert response.timestamps is None
    assert response.accepting_jobs is None


def test_session_response_with_every_optional_property_null(seed: Generated) -> None:
    payload: dict[str, Any] = {key: None for key in SESSION_RESPONSE}
    payload |= {"id": "ses_1", "backend_name": "b", "mode": "batch"}
    round_trip(seed.module.CreateSession200Response, payload)


def test_empty_timestamps_list(seed: Generated) -> None:
    payload = {"id": "ses_1", "backend_name": "b", "mode": "batch", "timestamps": []}
    assert round_trip(seed.module.CreateSession200Response, payload).timestamps == []


def test_int_for_a_float_property_stays_an_int(seed: Generated) -> None:
    payload = {"id": "ses_1", "backend_name": "b", "mode": "batch", "elapsed_time": 2789}
    response = round_trip(seed.module.CreateSession200Response, payload)
    assert type(response.elapsed_time) is int
    assert response.to_json() == json.dumps(payload)


@pytest.mark.parametrize("indent", [None, 2])
def test_json_round_trip(seed: Generated, indent: int | None) -> None:
    models = seed.module
    for cls, payload in (
        (models.CreateSession, CREATE_SESSION),
        (models.CreateSession200Response, SESSION_RESPONSE),
    ):
        text = json.dumps(payload, indent=indent, ensure_ascii=False)
        assert cls.from_json(text).to_json(indent=indent) == text
        assert cls.from_json(text.encode("utf-8")).to_json(indent=indent) == text


def test_to_json_keeps_non_ascii_text(seed: Generated) -> None:
    text = seed.module.CreateSession200Response.from_dict(SESSION_RESPONSE).to_json()
    assert "résumé ✓" in text
    assert json.loads(text) == SESSION_RESPONSE


def test_models_built_in_code(seed: Generated) -> None:
    models = seed.module
    session = models.CreateSession(name="s", project_id="prj_1")
    assert session.to_dict() == {"name": "s", "project_id": "prj_1"}
    session = models.CreateSession(
        name="s",
        project_id="prj_1",
        idle_timeout=30,
        uses_app_config=True,
        user_service_access=models.UserServiceAccessTypes.PRIVATE,
    )
    assert session.to_dict() == {
        "name": "s",
        "project_id": "prj_1",
        "idle_timeout": 30,
        "uses_app_config": True,
        "user_service_access": "private",
    }
    inner = models.CreateSession200ResponseTimestampsInner
    response = models.CreateSession200Response(
        id="ses_1",
        backend_name="b",
        mode="batch",
        timestamps=[inner(status="open", timestamp="2024-03-18T09:15:02Z")],
    )
    assert response.to_dict() == {
        "id": "ses_1",
        "backend_name": "b",
        "mode": "batch",
        "timestamps": [{"status": "open", "timestamp": "2024-03-18T09:15:02Z"}],
    }
    assert models.CreateSession200Response.from_dict(response.to_dict()) == response


def test_generated_models_are_keyword_only_dataclasses(seed: Generated) -> None:
    cls = seed.module.CreateSession
    # The properties, then nothing else __init__ takes: what a payload gave beyond them is kept
    # in the fields _runtime.Model declares, which are no arguments.
    assert [f.name for f in dataclasses.fields(cls) if f.init] == [*CREATE_SESSION]
    assert [f.name for f in dataclasses.fields(cls) if not f.init] == [
        "_docmodels_present", "_docmodels_extra", "_docmodels_spelled"]
    with pytest.raises(TypeError):
        cls("s", "prj_1")
    with pytest.raises(TypeError):
        cls(project_id="prj_1")  # name is required


def test_from_dict_does_not_change_its_input(seed: Generated) -> None:
    payload = json.loads(json.dumps(SESSION_RESPONSE))
    seed.module.CreateSession200Response.from_dict(payload, unknown="keep").to_dict()
    assert payload == SESSION_RESPONSE


# The features fixture: dates, UUIDs, sets, maps, free-form values, integer enums, model maps,
# self references and a reference cycle between two models.

LINE = {
    "sku": "SKU-1",
    "quantity": 3,
    "unit_price": 9.5,
    "discount": None,
    "line_id": "0b6f6c8e-2d0e-4d8a-9c61-7d1b2a3c4e5f",
    "labels": ["fragile", "gift"],
    "extra": {"colour": "red", "dims": [1, 2.5, None], "ok": True, "nested": {"a": {}}},
    "shipped_on": "2024-03-19",
    "type": "physical",
    "children": [{"sku": "SKU-1a", "quantity": 1, "discount": 0.25, "type": "virtual"}],
}

ORDER = {
    "id": "ord_1",
    "created_at": "2024-03-18T09:15:02+00:00",
    "ship_by": "2024-03-20",
    "quantity": 2,
    "weight": 1,
    "paid": False,
    "tags": ["express"],
    "attributes": {"views": 3, "a b": 0},
    "metadata": {"anything": ["goes", 1, None]},
    "status": "shipped",
    "priority": 2,
    "lines": [LINE],
    "lines_by_sku": {"SKU-1": LINE},
    "note": "leave at the door",
}


def test_order_with_every_kind_of_type(features: Generated) -> None:
    models = features.module
    order = round_trip(models.Order, ORDER)
    assert order.created_at == dt.datetime(2024, 3, 18, 9, 15, 2, tzinfo=dt.UTC)
    assert order.ship_by == dt.date(2024, 3, 20)
    assert order.status is models.OrderStatus.SHIPPED
    assert order.priority is models.Priority.HIGH
    line = order.lines[0]
    assert isinstance(line, models.OrderLine)
    assert line.line_id == uuid.UUID("0b6f6c8e-2d0e-4d8a-9c61-7d1b2a3c4e5f")
    assert line.shipped_on == dt.date(2024, 3, 19)
    assert line.type_ == "physical"
    assert isinstance(line.children[0], models.OrderLine)
    assert order.lines_by_sku["SKU-1"] == line
    text = json.dumps(ORDER)
    assert models.Order.from_json(text).to_json() == text


def test_order_defaults(features: Generated) -> None:
    models = features.module
    payload = {"id": "ord_1", "created_at": "2024-03-18T09:15:02+00:00"}
    order = round_trip(models.Order, payload)
    assert order.ship_by == dt.date(2024, 2, 29)
    assert order.quantity == 1
    assert order.weight == 0.5
    assert order.paid is True
    assert order.tags == ["new"]
    assert order.status is models.OrderStatus.PLACED


def test_list_defaults_are_not_shared_between_instances(features: Generated) -> None:
    cls = features.module.Order
    first = cls(id="a", created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    second = cls(id="b", created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    first.tags.append("changed")
    assert second.tags == ["new"]
    assert first.to_dict()["tags"] == ["new", "changed"]
    assert "tags" not in second.to_dict()


def test_date_time_with_z_is_read_as_utc(features: Generated) -> None:
    payload = {"id": "ord_1", "created_at": "2024-03-18T09:15:02Z"}
    order = features.module.Order.from_dict(payload)
    assert order.created_at == dt.datetime(2024, 3, 18, 9, 15, 2, tzinfo=dt.UTC)
    # The instant is read; the payload's spelling is what to_dict writes back.
    assert order.to_dict()["created_at"] == "2024-03-18T09:15:02Z"


def test_rich_values_built_in_code_are_written_as_json(features: Generated) -> None:
    models = features.module
    line = models.OrderLine(
        sku="S",
        quantity=1,
        discount=None,
        type_="t",
        line_id=uuid.UUID(int=1),
        shipped_on=dt.date(2024, 1, 2),
    )
    assert line.to_dict() == {
        "sku": "S",
        "quantity": 1,
        "discount": None,
        "line_id": "00000000-0000-0000-0000-000000000001",
        "shipped_on": "2024-01-02",
        "type": "t",
    }


def test_models_that_refer_to_each_other(features: Generated) -> None:
    models = features.module
    payload = {
        "name": "Ada",
        "account": {"number": 7, "owner": {"name": "Ada", "account": None}},
        "last_order": {"id": "ord_1", "created_at": "2024-03-18T09:15:02+00:00"},
    }
    customer = models.Customer.from_dict(payload)
    assert isinstance(customer.account.owner, models.Customer)
    assert customer.to_dict() == payload


def test_unknown_keys_kept_at_every_level(seed: Generated) -> None:
    payload = {
        "id": "ses_1",
        "backend_name": "b",
        "mode": "batch",
        "region": "us-west-2",
        "timestamps": [{"status": "open", "timestamp": "t", "source": {"k": [1]}}],
    }
    response = seed.module.CreateSession200Response.from_dict(payload, unknown="keep")
    assert response.to_dict() == payload
    # Unknown keys follow the declared ones.
    assert list(response.to_dict()) == ["id", "backend_name", "mode", "timestamps", "region"]
    text = json.dumps(payload)
    kept = seed.module.CreateSession200Response.from_json(text, unknown="keep")
    assert json.loads(kept.to_json()) == payload


def test_generated_package_matches_the_committed_output(seed: Generated) -> None:
    """The seed package generated here is the committed one, renamed: the tests exercise it."""
    committed = OUTPUT / "models"
    for name in ("create_session", "create_session_200_response", "_runtime"):
        assert seed.source(name) == (committed / f"{name}.py").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def defaults(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(FIXTURES / "defaults", tmp_path_factory.mktemp("defaults"))


def test_defaults_of_every_shape(defaults: Generated) -> None:
    models = defaults.module
    settings = models.Settings()
    assert settings.limits == models.Limits()
    assert settings.strict_limits == models.Limits(max=5)
    assert settings.level is models.Level.LOW
    assert settings.since == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert settings.days == [dt.date(2024, 1, 1), dt.date(2024, 12, 31)]
    assert settings.weights == {"a": 1.5, "b c": 2}
    assert settings.ratio == 1
    assert settings.extra == {"k": [1, None]}
    assert settings.aliases == []
    assert settings.labels == {}
    # Nothing differs from a default, so nothing is written.
    assert settings.to_dict() == {}
    round_trip(models.Settings, {})


def test_defaults_given_explicitly(defaults: Generated) -> None:
    payload = {
        "limits": {},
        "strict_limits": {"max": 5},
        "level": "low",
        "since": "2024-01-02T03:04:05+00:00",
        "days": ["2024-01-01", "2024-12-31"],
        "weights": {"a": 1.5, "b c": 2},
        "ratio": 1,
        "extra": {"k": [1, None]},
        "aliases": [],
        "labels": {},
    }
    settings = round_trip(defaults.module.Settings, payload)
    assert settings == defaults.module.Settings()


def test_default_models_are_fresh_per_instance(defaults: Generated) -> None:
    models = defaults.module
    first, second = models.Settings(), models.Settings()
    assert first.limits is not second.limits
    first.limits.max = 3
    first.days.append(dt.date(2025, 1, 1))
    first.aliases.append("a")
    first.labels["k"] = "v"
    assert first.to_dict() == {
        "limits": {"max": 3},
        "days": ["2024-01-01", "2024-12-31", "2025-01-01"],
        "aliases": ["a"],
        "labels": {"k": "v"},
    }
    assert second.to_dict() == {}


def test_default_model_in_an_import_cycle(defaults: Generated) -> None:
    models = defaults.module
    payload = {"limits": {"max": 1, "parent": {"level": "high"}}}
    settings = round_trip(models.Settings, payload)
    assert settings.limits.parent == models.Settings(level=models.Level.HIGH)


def test_date_time_defaults_in_any_rfc_3339_spelling(tmp_path: Path) -> None:
    """Lower-case t and z, a space, fractions and offsets: each default is the instant it names."""
    rows = [
        "**a** | **datetime** |  | [optional] [default to '2024-01-02t03:04:05z']",
        "**b** | **datetime** |  | [optional] [default to '2024-01-02 03:04:05.5+02:00']",
    ]
    write_page(tmp_path / "specs", "Times", python_page("Times", rows))
    times = generate(tmp_path / "specs", tmp_path / "out").module.Times()
    assert times.a == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert times.b == dt.datetime(
        2024, 1, 2, 3, 4, 5, 500000, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )

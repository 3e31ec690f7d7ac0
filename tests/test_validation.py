"""Invalid payloads: ValidationError with every problem, each with the path to the value at fault."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import SPECS
from generated import FIXTURES, Generated, generate, python_page, write_page


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(SPECS, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(FIXTURES / "features", tmp_path_factory.mktemp("features"))


SESSION = {"name": "s", "project_id": "prj_1"}
RESPONSE = {"id": "ses_1", "backend_name": "b", "mode": "batch"}
ORDER = {"id": "ord_1", "created_at": "2024-03-18T09:15:02+00:00"}
LINE = {"sku": "S", "quantity": 1, "discount": None, "type": "t"}


def errors_of(cls: Any, payload: Any, **options: Any) -> tuple[tuple[str, str], ...]:
    with pytest.raises(ValueError) as caught:
        cls.from_dict(payload, **options)
    error = caught.value
    assert type(error).__name__ == "ValidationError"
    lines = [f"{path}: {message}" if path else message for path, message in error.errors]
    assert str(error) == "\n".join(lines)
    return error.errors  # type: ignore[no-any-return]


def test_wrong_type_in_a_nested_list_item(seed: Generated) -> None:
    payload = RESPONSE | {
        "timestamps": [
            {"status": "open", "timestamp": "2024-03-18T09:15:02Z"},
            {"status": 3, "timestamp": "2024-03-18T09:15:40Z"},
        ]
    }
    with pytest.raises(seed.module.ValidationError) as caught:
        seed.module.CreateSession200Response.from_dict(payload)
    assert caught.value.errors == (("timestamps[1].status", "expected str, got int"),)
    assert str(caught.value) == "timestamps[1].status: expected str, got int"


def test_validation_error_is_a_value_error(seed: Generated) -> None:
    runtime = seed.module._runtime
    assert seed.module.ValidationError is runtime.ValidationError
    assert issubclass(seed.module.ValidationError, ValueError)


def test_missing_required_property(seed: Generated) -> None:
    assert errors_of(seed.module.CreateSession, {"name": "s"}) == (
        ("project_id", "required property is missing"),
    )
    assert errors_of(seed.module.CreateSession200Response, {}) == (
        ("id", "required property is missing"),
        ("backend_name", "required property is missing"),
        ("mode", "required property is missing"),
    )


def test_missing_required_property_in_a_nested_model(seed: Generated) -> None:
    payload = RESPONSE | {"timestamps": [{"status": "open"}, "closed"]}
    assert errors_of(seed.module.CreateSession200Response, payload) == (
        ("timestamps[0].timestamp", "required property is missing"),
        ("timestamps[1]", "expected dict, got str"),
    )


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ([], "expected dict, got list"),
        (None, "expected dict, got None"),
        ("{}", "expected dict, got str"),
        (1, "expected dict, got int"),
    ],
)
def test_wrong_top_level_type(seed: Generated, payload: Any, message: str) -> None:
    assert errors_of(seed.module.CreateSession, payload) == (("", message),)


def test_a_required_property_takes_null_only_where_the_page_does_not_rule_it_out(
    seed: Generated,
) -> None:
    # python-legacy's pages do not say whether a property is nullable: the API may send null.
    session = seed.module.CreateSession.from_dict({"name": None, "project_id": "p"})
    assert session.name is None
    assert session.to_dict() == {"name": None, "project_id": "p"}
    # This page says mode is never null.
    assert errors_of(seed.module.CreateSession200Response, RESPONSE | {"mode": None}) == (
        ("mode", "expected str, got None"),
    )


@pytest.mark.parametrize(
    ("model", "key", "value", "message"),
    [
        ("CreateSession", "idle_timeout", True, "expected int, got bool"),
        ("CreateSession", "idle_timeout", 1.0, "expected int, got float"),
        ("CreateSession", "idle_timeout", "120", "expected int, got str"),
        ("CreateSession", "uses_app_config", 1, "expected bool, got int"),
        ("CreateSession", "uses_app_config", "false", "expected bool, got str"),
        ("CreateSession", "cloud_id", 7, "expected str, got int"),
        ("CreateSession200Response", "interactive_ttl", False, "expected int, got bool"),
        ("CreateSession200Response", "elapsed_time", True, "expected float, got bool"),
        ("CreateSession200Response", "elapsed_time", "1.5", "expected float, got str"),
        ("CreateSession200Response", "timestamps", {}, "expected list, got dict"),
        ("CreateSession200Response", "accepting_jobs", [], "expected bool, got list"),
    ],
)
def test_wrong_scalar_type(seed: Generated, model: str, key: str, value: Any, message: str
                           ) -> None:
    base = SESSION if model == "CreateSession" else RESPONSE
    cls = getattr(seed.module, model)
    assert errors_of(cls, base | {key: value}) == ((key, message),)


def test_int_is_accepted_for_a_float(seed: Generated) -> None:
    response = seed.module.CreateSession200Response.from_dict(RESPONSE | {"elapsed_time": 3})
    assert response.elapsed_time == 3


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_float_is_rejected(seed: Generated, value: float) -> None:
    # JSON has no NaN or Infinity: accepting them would let to_json write invalid JSON.
    assert errors_of(seed.module.CreateSession200Response, RESPONSE | {"elapsed_time": value}) == (
        ("elapsed_time", f"expected finite float, got {value!r}"),
    )


def test_non_finite_number_in_json_text_is_rejected(seed: Generated) -> None:
    with pytest.raises(seed.module.ValidationError) as caught:
        seed.module.CreateSession200Response.from_json(
            '{"id": "s", "backend_name": "b", "mode": "m", "elapsed_time": NaN}'
        )
    assert caught.value.errors == (("elapsed_time", "expected finite float, got nan"),)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("PUBLIC", "expected one of 'private', 'public', got 'PUBLIC'"),
        ("", "expected one of 'private', 'public', got ''"),
        (1, "expected one of 'private', 'public', got 1"),
        (None, None),  # optional: null is accepted
    ],
)
def test_bad_enum_value(seed: Generated, value: Any, message: str | None) -> None:
    payload = SESSION | {"user_service_access": value}
    if message is None:
        assert seed.module.CreateSession.from_dict(payload).user_service_access is None
    else:
        assert errors_of(seed.module.CreateSession, payload) == (("user_service_access", message),)


def test_number_enums_compare_numbers_as_json_does(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Ratio", "# Ratio\n\n## Enum\n\n* `HALF` (value: `0.5`)\n\n"
                               "* `ONE` (value: `1.0`)\n")
    write_page(specs, "Uses", python_page("Uses", [
        "**ratio** | [**Ratio**](Ratio.md) |  | [optional] ",
        "**level** | [**Priority**](Priority.md) |  | [optional] ",
    ]))
    gen = generate([specs, FIXTURES / "features" / "Priority.md"], tmp_path / "out", cwd=tmp_path)
    uses = gen.module.Uses.from_dict({"ratio": 1, "level": 2.0})
    assert uses.ratio is gen.module.Ratio.ONE
    assert uses.level is gen.module.Priority.HIGH
    assert errors_of(gen.module.Uses, {"ratio": True, "level": "2"}) == (
        ("ratio", "expected one of 0.5, 1.0, got True"),
        ("level", "expected one of 1, 2, got '2'"),
    )


def test_integer_enum_does_not_take_bool_or_string(features: Generated) -> None:
    assert errors_of(features.module.Order, ORDER | {"priority": True}) == (
        ("priority", "expected one of 1, 2, got True"),
    )
    assert errors_of(features.module.Order, ORDER | {"priority": "2"}) == (
        ("priority", "expected one of 1, 2, got '2'"),
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-13-01T00:00:00Z", "expected ISO 8601 date-time string, got '2024-13-01T00:00:00Z'"),
        ("2024-03-18", "expected ISO 8601 date-time string, got '2024-03-18'"),
        ("yesterday", "expected ISO 8601 date-time string, got 'yesterday'"),
        ("", "expected ISO 8601 date-time string, got ''"),
        ("2024-03-18T25:00:00Z", "expected ISO 8601 date-time string, got '2024-03-18T25:00:00Z'"),
        # Shapes some Python versions' fromisoformat take, but RFC 3339 (and 3.10) does not.
        ("2024-03-18T09:15", "expected ISO 8601 date-time string, got '2024-03-18T09:15'"),
        ("2024-03-18T09", "expected ISO 8601 date-time string, got '2024-03-18T09'"),
        ("20240318T091502", "expected ISO 8601 date-time string, got '20240318T091502'"),
        ("2024-03-18T09:15:02+0100", ("expected ISO 8601 date-time string, got "
                                     "'2024-03-18T09:15:02+0100'")),
        ("２０２４-03-18T09:15:02Z", ("expected ISO 8601 date-time string, got "
                                   "'２０２４-03-18T09:15:02Z'")),
        (1710753302, "expected ISO 8601 date-time string, got int"),
    ],
)
def test_bad_date_time(features: Generated, value: Any, message: str) -> None:
    assert errors_of(features.module.Order, ORDER | {"created_at": value}) == (
        ("created_at", message),
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-18T09:15:02Z", dt.datetime(2024, 3, 18, 9, 15, 2, tzinfo=dt.UTC)),
        ("2024-03-18t09:15:02z", dt.datetime(2024, 3, 18, 9, 15, 2, tzinfo=dt.UTC)),
        ("2024-03-18 09:15:02.1+01:30", dt.datetime(
            2024, 3, 18, 9, 15, 2, 100000, tzinfo=dt.timezone(dt.timedelta(hours=1, minutes=30)))),
        # Beyond microseconds, the digits Python cannot hold are dropped.
        ("2024-03-18T09:15:02.123456789-05:00", dt.datetime(
            2024, 3, 18, 9, 15, 2, 123456, tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
        ("2024-03-18T09:15:02", dt.datetime(2024, 3, 18, 9, 15, 2)),  # no offset: naive
    ],
)
def test_good_date_time(features: Generated, value: str, expected: dt.datetime) -> None:
    order = features.module.Order.from_dict(ORDER | {"created_at": value})
    assert order.created_at == expected
    assert order.created_at.tzinfo == expected.tzinfo


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-30", "expected ISO 8601 date string, got '2024-02-30'"),
        ("18/03/2024", "expected ISO 8601 date string, got '18/03/2024'"),
        ("2024-03-18T00:00:00", "expected ISO 8601 date string, got '2024-03-18T00:00:00'"),
        ("20240318", "expected ISO 8601 date string, got '20240318'"),
        ("2024-W12-1", "expected ISO 8601 date string, got '2024-W12-1'"),
        (20240318, "expected ISO 8601 date string, got int"),
    ],
)
def test_bad_date(features: Generated, value: Any, message: str) -> None:
    assert errors_of(features.module.Order, ORDER | {"ship_by": value}) == (("ship_by", message),)


def test_bad_uuid_in_a_nested_model(features: Generated) -> None:
    payload = ORDER | {"lines": [LINE, LINE | {"line_id": "not-a-uuid"}]}
    assert errors_of(features.module.Order, payload) == (
        ("lines[1].line_id", "expected UUID string, got 'not-a-uuid'"),
    )


def test_map_values_are_checked_with_their_keys_in_the_path(features: Generated) -> None:
    payload = ORDER | {
        "attributes": {"views": "3", "a b": 1.5},
        "lines_by_sku": {"SKU-1": LINE | {"quantity": "1"}},
    }
    assert errors_of(features.module.Order, payload) == (
        ("attributes.views", "expected int, got str"),
        ("attributes['a b']", "expected int, got float"),
        ("lines_by_sku['SKU-1'].quantity", "expected int, got str"),
    )
    assert errors_of(features.module.Order, ORDER | {"attributes": [1]}) == (
        ("attributes", "expected dict, got list"),
    )


def test_required_nullable_property(features: Generated) -> None:
    # Option<f64> on a required property: null is allowed, absence is not.
    line = features.module.OrderLine.from_dict(LINE)
    assert line.discount is None
    payload = {key: value for key, value in LINE.items() if key != "discount"}
    assert errors_of(features.module.OrderLine, payload) == (
        ("discount", "required property is missing"),
    )


def test_several_errors_are_reported_together(seed: Generated) -> None:
    payload = {
        "backend_name": 7,
        "interactive_ttl": "600",
        "accepting_jobs": "yes",
        "mode": "batch",
        "timestamps": [{"status": "open", "timestamp": None}, {"timestamp": "t"}],
        "elapsed_time": True,
    }
    with pytest.raises(seed.module.ValidationError) as caught:
        seed.module.CreateSession200Response.from_dict(payload)
    assert caught.value.errors == (
        ("id", "required property is missing"),
        ("backend_name", "expected str, got int"),
        ("interactive_ttl", "expected int, got str"),
        ("accepting_jobs", "expected bool, got str"),
        ("timestamps[0].timestamp", "expected str, got None"),
        ("timestamps[1].status", "required property is missing"),
        ("elapsed_time", "expected float, got bool"),
    )
    assert str(caught.value) == (
        "id: required property is missing\n"
        "backend_name: expected str, got int\n"
        "interactive_ttl: expected int, got str\n"
        "accepting_jobs: expected bool, got str\n"
        "timestamps[0].timestamp: expected str, got None\n"
        "timestamps[1].status: required property is missing\n"
        "elapsed_time: expected float, got bool"
    )


def test_unknown_keys_are_kept_and_written_back_by_default(seed: Generated) -> None:
    """A payload comes back whole: keys its page does not list (an inherited property the
    generator left off the page, a field the API added since) included, at every level."""
    payload = SESSION | {"region": "us-west-2", "x-trace": {"id": [1, 2]}}
    session = seed.module.CreateSession.from_dict(payload)
    assert session.to_dict() == payload
    assert list(session.to_dict()) == ["name", "project_id", "region", "x-trace"]
    # Kept keys are not part of the model's value.
    assert session == seed.module.CreateSession.from_dict(SESSION)
    nested = RESPONSE | {
        "region": "eu",
        "timestamps": [{"status": "open", "timestamp": "2024-03-18T09:15:02Z", "by": "api"}],
    }
    assert seed.module.CreateSession200Response.from_dict(nested).to_dict() == nested


def test_unknown_keys_are_kept_beside_every_property(seed: Generated) -> None:
    """The parse that takes all of a model's properties at once keeps them too."""
    every = seed.module.CreateSession.from_dict(SESSION).to_dict() | {
        "cloud_id": "c", "cluster_config": "cc", "build_id": "b", "compute_template_id": "t",
        "idle_timeout": 5, "uses_app_config": True, "allow_public_internet_traffic": True,
        "user_service_access": "public", "user_service_token": "tok", "ha_job_id": "j",
    }
    payload = every | {"region": "us-west-2"}
    assert seed.module.CreateSession.from_dict(payload).to_dict() == payload
    assert seed.module.CreateSession.from_dict(every).to_dict() == every


def test_unknown_keys_are_dropped_on_request(seed: Generated) -> None:
    payload = SESSION | {"region": "us-west-2", "x-trace": 1}
    assert seed.module.CreateSession.from_dict(payload, unknown="ignore").to_dict() == SESSION
    text = '{"name": "s", "project_id": "prj_1", "region": "us-west-2"}'
    assert seed.module.CreateSession.from_json(text, unknown="ignore").to_dict() == SESSION


def test_unknown_keys_are_reported_on_request(seed: Generated) -> None:
    payload = RESPONSE | {
        "region": "us-west-2",
        "x-trace": 1,
        "timestamps": [{"status": "open", "timestamp": "t", "source": "api"}],
    }
    assert errors_of(seed.module.CreateSession200Response, payload, unknown="forbid") == (
        ("timestamps[0].source", "unknown property"),
        ("region", "unknown property"),
        ("['x-trace']", "unknown property"),
    )


def test_unknown_keys_alongside_other_errors(seed: Generated) -> None:
    payload = {"name": 1, "extra": True}
    assert errors_of(seed.module.CreateSession, payload, unknown="forbid") == (
        ("name", "expected str, got int"),
        ("project_id", "required property is missing"),
        ("extra", "unknown property"),
    )


def test_unknown_policy_must_be_one_of_three(seed: Generated) -> None:
    with pytest.raises(ValueError, match="^unknown must be 'ignore', 'keep' or 'forbid', not "
                                         "'strict'$") as caught:
        seed.module.CreateSession.from_dict(SESSION, unknown="strict")
    assert not isinstance(caught.value, seed.module.ValidationError)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "invalid JSON: Expecting value: line 1 column 1 (char 0)"),
        ('{"name": "s",}', ("invalid JSON: Expecting property name enclosed in double quotes: "
                           "line 1 column 14 (char 13)")),
        (b"\xff", ("invalid JSON: 'utf-8' codec can't decode byte 0xff in position 0: "
                  "invalid start byte")),
    ],
)
def test_from_json_with_text_that_is_not_json(seed: Generated, text: str | bytes, message: str
                                              ) -> None:
    with pytest.raises(seed.module.ValidationError) as caught:
        seed.module.CreateSession.from_json(text)
    assert caught.value.errors == (("", message),)
    assert str(caught.value) == message


def test_from_json_validates_like_from_dict(seed: Generated) -> None:
    with pytest.raises(seed.module.ValidationError) as caught:
        seed.module.CreateSession.from_json('[{"name": "s"}]')
    assert caught.value.errors == (("", "expected dict, got list"),)
    with pytest.raises(seed.module.ValidationError) as caught:
        seed.module.CreateSession.from_json('{"name": "s", "project_id": "p", "zone": 1}',
                                            unknown="forbid")
    assert caught.value.errors == (("zone", "unknown property"),)

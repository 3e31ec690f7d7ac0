"""``to_dict(from_dict(payload))`` is the payload, to the letter, in every target: a date-time
keeps its spelling (Z or +00:00, z, T, t or space, every digit of its fraction, no offset), a
date its text, a number its JSON type (1 stays 1, 1.0 stays 1.0); keys come out in the model's
order. Checked on generated payloads (hypothesis) and case by case."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from docmodels.emit.targets import names as target_names
from generated import generate, write_page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
PAGES = {
    "Event": f"# Event\n\n## Properties\n{TABLE}"
             "**at** | **datetime** |  | \n"
             "**day** | **date** |  | \n"
             "**amount** | **float** |  | \n"
             "**count** | **int** |  | \n"
             "**times** | **list[datetime]** |  | [optional] \n"
             "**days** | **dict(str, date)** |  | [optional] \n"
             "**ended** | **datetime** |  | [optional] \n"
             "**status** | [**Status**](Status.md) |  | [optional] \n",
    # An enum whose values the page lost: the value is kept as given.
    "Status": f"# Status\n\n## Properties\n{TABLE}\n",
}
TARGETS = target_names()
# Within int64: msgspec reads no larger integer.
INTEGERS = st.integers(-(2**63), 2**63 - 1)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root: Path = tmp_path_factory.mktemp("exact")
    for name, text in PAGES.items():
        write_page(root / "specs", name, text)
    return {target: generate(root / "specs", root / target, target=target).module
            for target in TARGETS}


def round_trip(module: Any, payload: dict[str, Any]) -> Any:
    if hasattr(module, "parse_event"):  # typeddict: the payload, checked
        return module.parse_event(payload)
    return module.Event.from_dict(payload).to_dict()


def event(**values: Any) -> dict[str, Any]:
    return {"at": "2024-01-01T00:00:00Z", "day": "2024-01-01", "amount": 1.5, "count": 1,
            **values}


# RFC 3339: a date-time with any separator, fraction and offset it allows (and no offset,
# which JSON Schema's date-time does not allow but payloads have).
def _two(top: int) -> st.SearchStrategy[str]:
    return st.integers(0, top).map(lambda n: f"{n:02d}")


offsets = st.one_of(
    st.sampled_from(["", "Z", "z"]),
    st.tuples(st.sampled_from("+-"), _two(23), _two(59)).map(lambda t: f"{t[0]}{t[1]}:{t[2]}"),
)
fractions = st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=9).map(
    lambda digits: f".{digits}"
))
date_texts = st.dates().map(dt.date.isoformat)
date_time_texts = st.builds(
    lambda day, sep, h, m, s, fraction, offset: f"{day}{sep}{h}:{m}:{s}{fraction}{offset}",
    date_texts, st.sampled_from("Tt "), _two(23), _two(59), _two(59), fractions, offsets,
)
numbers = INTEGERS | st.floats(allow_nan=False, allow_infinity=False)
payloads = st.fixed_dictionaries(
    {"at": date_time_texts, "day": date_texts, "amount": numbers, "count": INTEGERS},
    optional={
        "times": st.lists(date_time_texts, max_size=3),
        "days": st.dictionaries(st.text(max_size=3), date_texts, max_size=2),
        "ended": date_time_texts,
        "status": st.text(max_size=5) | numbers,
    },
)


@pytest.mark.parametrize("target", TARGETS)
def test_every_payload_comes_back_to_the_letter(packages: dict[str, Any], target: str) -> None:
    module = packages[target]

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(payload=payloads)
    def check(payload: dict[str, Any]) -> None:
        result = round_trip(module, payload)
        assert result == payload
        assert json.dumps(result, sort_keys=True) == json.dumps(payload, sort_keys=True)

    check()


# Case by case


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize(
    "text",
    [
        "2024-01-01T00:00:00Z",
        "2024-01-01t00:00:00z",
        "2024-01-01T00:00:00+00:00",
        "2024-01-01 00:00:00-00:00",
        "2024-01-01T00:00:00",
        "2024-01-01T00:00:00.1Z",
        "2024-01-01T00:00:00.123456789+05:30",
    ],
)
def test_a_date_time_keeps_its_spelling(packages: dict[str, Any], target: str, text: str) -> None:
    payload = event(at=text, times=[text])
    assert round_trip(packages[target], payload) == payload


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("amount", [1, 1.0, -0.0, 2.5, 10**15, 1e300])
def test_a_number_keeps_its_json_type(packages: dict[str, Any], target: str, amount: Any) -> None:
    result = round_trip(packages[target], event(amount=amount))
    assert json.dumps(result["amount"]) == json.dumps(amount)


@pytest.mark.parametrize("target", TARGETS)
def test_an_integer_property_takes_no_float(packages: dict[str, Any], target: str) -> None:
    with pytest.raises(ValueError):  # every target's validation error is a ValueError
        round_trip(packages[target], event(count=1.0))


@pytest.mark.parametrize("target", [t for t in TARGETS if t != "typeddict"])
def test_keys_come_out_in_the_model_order(packages: dict[str, Any], target: str) -> None:
    payload = dict(reversed(event(ended="2024-01-02T00:00:00Z").items()))
    assert list(round_trip(packages[target], payload)) == ["at", "day", "amount", "count",
                                                           "ended"]


@pytest.mark.parametrize("target", [t for t in TARGETS if t != "typeddict"])
def test_the_value_is_a_datetime_of_the_instant(packages: dict[str, Any], target: str) -> None:
    model = packages[target].Event.from_dict(event(at="2024-01-01T12:00:00.123456789Z"))
    assert model.at == dt.datetime(2024, 1, 1, 12, 0, 0, 123456, tzinfo=dt.UTC)
    assert isinstance(model.at, dt.datetime)


@pytest.mark.parametrize("target", [t for t in TARGETS if t != "typeddict"])
def test_a_copy_or_pickle_keeps_the_spelling(packages: dict[str, Any], target: str) -> None:
    model = packages[target].Event.from_dict(event(at="2024-01-01T00:00:00.123456789Z"))
    for again in (pickle.loads(pickle.dumps(model)), copy.deepcopy(model), copy.copy(model)):
        assert again.to_dict()["at"] == "2024-01-01T00:00:00.123456789Z"
        assert again.at == model.at


@pytest.mark.parametrize("target", [t for t in TARGETS if t != "typeddict"])
def test_a_date_time_set_in_code_is_written_as_isoformat(
    packages: dict[str, Any], target: str
) -> None:
    model = packages[target].Event.from_dict(event())
    model.at = model.at + dt.timedelta(hours=1)
    assert model.to_dict()["at"] == "2024-01-01T01:00:00+00:00"
    model.at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert model.to_dict()["at"] == "2024-01-01T00:00:00+00:00"

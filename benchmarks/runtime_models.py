"""The models and payloads of the run-time benchmark, shared by its two halves: the model pages
docmodels generates from (benchmarks/runtime.py) and the peers' equivalent classes
(benchmarks/runtime_peers.py)."""

from __future__ import annotations

from typing import Any

# The seed model (specs/rust/CreateSession200Response.md) with five nested timestamps.
SEED_PAYLOAD: dict[str, Any] = {
    "id": "ses_1", "backend_name": "b", "started_at": "2024-01-01T00:00:00Z",
    "activated_at": None, "closed_at": None, "last_job_started": "x",
    "last_job_completed": "y", "interactive_ttl": 10, "max_ttl": 20, "active_ttl": 5,
    "state": "open", "state_reason": "r", "accepting_jobs": True, "mode": "interactive",
    "timestamps": [{"status": "open", "timestamp": f"2024-01-0{i}"} for i in range(1, 6)],
    "user_id": "u", "elapsed_time": 1.5,
}
# Three problems: a number for a string, a missing required key, a bad nested value.
INVALID_PAYLOAD: dict[str, Any] = {
    **{k: v for k, v in SEED_PAYLOAD.items() if k != "mode"},
    "id": 3,
    "timestamps": [{"status": "open", "timestamp": "t"}, {"status": 5, "timestamp": "t"}],
}
# A wide model: 40 optional properties of five kinds.
_KINDS: list[tuple[Any, str, Any]] = [
    (str, "**str**", "text"), (int, "**int**", 42), (float, "**float**", 2.5),
    (bool, "**bool**", True), (list[str], "**List[str]**", ["a", "b"]),
]
WIDE_FIELDS: list[tuple[str, Any]] = [(f"f{i}", _KINDS[i % 5][0]) for i in range(40)]


def wide_payload() -> dict[str, Any]:
    return {f"f{i}": _KINDS[i % 5][2] for i in range(40)}


# Five models nested in each other.
DEEP_PAYLOAD: dict[str, Any] = {"name": "5", "value": 5}
for _depth in (4, 3, 2, 1):
    DEEP_PAYLOAD = {"name": str(_depth), "child": DEEP_PAYLOAD}

_TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"


# The overlay beside the pages: their payloads' keys are the names as written (snake_case), so
# the known-key code is what is measured, not the any-spelling reading of an uncertain key.
OVERLAY = 'keys = "snake_case"\n'


def pages() -> dict[str, str]:
    """The wide and deep models as python pages (the seed models come from specs/)."""
    rows = [f"**f{i}** | {_KINDS[i % 5][1]} |  | [optional] " for i in range(40)]
    found = {"Wide": "# Wide\n\n## Properties\n\n" + _TABLE + "\n".join(rows) + "\n"}
    found["Level5"] = ("# Level5\n\n## Properties\n\n" + _TABLE
                       + "**name** | **str** |  | \n**value** | **int** |  | \n")
    for depth in (4, 3, 2, 1):
        child = f"Level{depth + 1}"
        found[f"Level{depth}"] = (
            f"# Level{depth}\n\n## Properties\n\n" + _TABLE + "**name** | **str** |  | \n"
            f"**child** | [**{child}**]({child}.md) |  | [optional] \n"
        )
    return found


# A model of many keys its pages do not carry (a python SDK's docs name the fields, and no
# overlay gives the convention): each key is read in any usual convention. 300 optional
# properties of the five kinds, named as such an SDK names them (snake_case, some words long).
ANY_CASE_COUNT = 300
_WORDS = ("account", "experience", "oauth2", "token", "hook", "url", "enabled", "max_ttl")


def _any_case_name(index: int) -> str:
    return f"{_WORDS[index % 8]}_{_WORDS[index // 8 % 8]}_setting_{index}"


def any_case_page() -> str:
    """The page of the model ``AnyCase``: the keys of its payloads are uncertain."""
    rows = [f"**{_any_case_name(i)}** | {_KINDS[i % 5][1]} |  | [optional] "
            for i in range(ANY_CASE_COUNT)]
    return "# AnyCase\n\n## Properties\n\n" + _TABLE + "\n".join(rows) + "\n"


def any_case_payload(camel: bool = False) -> dict[str, Any]:
    """Every property, keyed as the page writes it or (``camel``) in camelCase."""
    found: dict[str, Any] = {}
    for i in range(ANY_CASE_COUNT):
        key = _any_case_name(i)
        if camel:
            first, *rest = key.split("_")
            key = first + "".join(word.capitalize() for word in rest)
        found[key] = _KINDS[i % 5][2]
    return found

"""The run-time benchmark measures what it says: its pages generate without diagnostics, its
payloads round-trip through the generated package, and its invalid payload has its three
problems (benchmarks/runtime_models.py)."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from conftest import REPO, SPECS
from generated import generate, write_page

sys.path.insert(0, str(REPO / "benchmarks"))
from runtime_models import (
    DEEP_PAYLOAD,
    INVALID_PAYLOAD,
    OVERLAY,
    SEED_PAYLOAD,
    pages,
    wide_payload,
)


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("runtime")
    for name, text in pages().items():
        write_page(root / "specs", name, text)
    (root / "specs" / "docmodels-overlay.toml").write_text(OVERLAY, encoding="utf-8")
    built = generate([SPECS, root / "specs"], root / "out")
    assert built.diagnostics == ()
    return built.module


@pytest.mark.parametrize(
    ("model", "payload"),
    [("CreateSession200Response", SEED_PAYLOAD), ("Wide", wide_payload()),
     ("Level1", DEEP_PAYLOAD)],
)
def test_each_payload_round_trips(models: Any, model: str, payload: dict[str, Any]) -> None:
    assert getattr(models, model).from_dict(payload).to_dict() == payload


def test_the_invalid_payload_has_three_problems(models: Any) -> None:
    with pytest.raises(models.ValidationError) as caught:
        models.CreateSession200Response.from_dict(INVALID_PAYLOAD)
    assert caught.value.errors == (
        ("id", "expected str, got int"),
        ("mode", "required property is missing"),
        ("timestamps[1].status", "expected str, got int"),
    )


def test_the_wide_model_has_forty_properties(models: Any) -> None:
    assert len(models.Wide._docmodels_keys) == len(wide_payload()) == 40

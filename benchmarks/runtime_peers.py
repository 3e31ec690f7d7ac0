"""Runs inside the peers' environment (benchmarks/.peers/venv): times the generated package's
from_dict / to_dict against pydantic v2, msgspec, attrs + cattrs and dacite on the same models
and payloads, and prints the results as JSON. benchmarks/runtime.py starts it.

    python benchmarks/runtime_peers.py OUT_FOLDER PACKAGE
"""

# The peers' classes spell Optional as their documentation does; the timed lambdas run inside
# their loop iteration (B023 does not apply); any exception of any library counts as a rejection.
# ruff: noqa: UP045, B023, BLE001

from __future__ import annotations

import dataclasses
import importlib
import json
import sys
import timeit
from collections.abc import Callable
from typing import Any, Optional

import attrs
import cattrs
import dacite
import msgspec
import pydantic
from runtime_models import DEEP_PAYLOAD, INVALID_PAYLOAD, SEED_PAYLOAD, WIDE_FIELDS, wide_payload

# --- pydantic v2 -----------------------------------------------------------------------------


class PdTimestamp(pydantic.BaseModel):
    status: str
    timestamp: str


class PdSeed(pydantic.BaseModel):
    id: str
    backend_name: str
    started_at: Optional[str] = None
    activated_at: Optional[str] = None
    closed_at: Optional[str] = None
    last_job_started: Optional[str] = None
    last_job_completed: Optional[str] = None
    interactive_ttl: Optional[int] = None
    max_ttl: Optional[int] = None
    active_ttl: Optional[int] = None
    state: Optional[str] = None
    state_reason: Optional[str] = None
    accepting_jobs: Optional[bool] = None
    mode: str
    timestamps: Optional[list[PdTimestamp]] = None
    user_id: Optional[str] = None
    elapsed_time: Optional[float] = None


class PdLevel5(pydantic.BaseModel):
    name: str
    value: int


class PdLevel4(pydantic.BaseModel):
    name: str
    child: Optional[PdLevel5] = None


class PdLevel3(pydantic.BaseModel):
    name: str
    child: Optional[PdLevel4] = None


class PdLevel2(pydantic.BaseModel):
    name: str
    child: Optional[PdLevel3] = None


class PdLevel1(pydantic.BaseModel):
    name: str
    child: Optional[PdLevel2] = None


PdWide = pydantic.create_model(  # type: ignore[call-overload]
    "PdWide", **{name: (Optional[kind], None) for name, kind in WIDE_FIELDS}
)

# --- msgspec ---------------------------------------------------------------------------------


class MsTimestamp(msgspec.Struct):
    status: str
    timestamp: str


class MsSeed(msgspec.Struct, kw_only=True):
    id: str
    backend_name: str
    mode: str
    started_at: Optional[str] = None
    activated_at: Optional[str] = None
    closed_at: Optional[str] = None
    last_job_started: Optional[str] = None
    last_job_completed: Optional[str] = None
    interactive_ttl: Optional[int] = None
    max_ttl: Optional[int] = None
    active_ttl: Optional[int] = None
    state: Optional[str] = None
    state_reason: Optional[str] = None
    accepting_jobs: Optional[bool] = None
    timestamps: Optional[list[MsTimestamp]] = None
    user_id: Optional[str] = None
    elapsed_time: Optional[float] = None


class MsLevel5(msgspec.Struct):
    name: str
    value: int


class MsLevel4(msgspec.Struct):
    name: str
    child: Optional[MsLevel5] = None


class MsLevel3(msgspec.Struct):
    name: str
    child: Optional[MsLevel4] = None


class MsLevel2(msgspec.Struct):
    name: str
    child: Optional[MsLevel3] = None


class MsLevel1(msgspec.Struct):
    name: str
    child: Optional[MsLevel2] = None


MsWide = msgspec.defstruct(
    "MsWide", [(name, Optional[kind], None) for name, kind in WIDE_FIELDS], kw_only=True
)

# --- attrs + cattrs, and dataclasses + dacite ------------------------------------------------


def _plain(make: Callable[..., Any], prefix: str) -> dict[str, Any]:
    """The seed, wide and deep models as attrs classes or dataclasses."""
    timestamp = make(f"{prefix}Timestamp", {"status": str, "timestamp": str}, required=2)
    seed_fields: dict[str, Any] = {
        "id": str, "backend_name": str, "mode": str,
        "started_at": Optional[str], "activated_at": Optional[str], "closed_at": Optional[str],
        "last_job_started": Optional[str], "last_job_completed": Optional[str],
        "interactive_ttl": Optional[int], "max_ttl": Optional[int],
        "active_ttl": Optional[int], "state": Optional[str], "state_reason": Optional[str],
        "accepting_jobs": Optional[bool], "timestamps": Optional[list[timestamp]],
        "user_id": Optional[str], "elapsed_time": Optional[float],
    }
    seed = make(f"{prefix}Seed", seed_fields, required=3)
    level = make(f"{prefix}Level5", {"name": str, "value": int}, required=2)
    for depth in (4, 3, 2, 1):
        level = make(f"{prefix}Level{depth}", {"name": str, "child": Optional[level]}, required=1)
    wide = make(f"{prefix}Wide", {n: Optional[k] for n, k in WIDE_FIELDS}, required=0)
    return {"seed": seed, "deep": level, "wide": wide}


def _attrs_class(name: str, fields: dict[str, Any], required: int) -> Any:
    these = {
        key: attrs.field(type=kind) if i < required else attrs.field(type=kind, default=None)
        for i, (key, kind) in enumerate(fields.items())
    }
    return attrs.make_class(name, these, slots=True)


def _dataclass(name: str, fields: dict[str, Any], required: int) -> Any:
    spec = [
        (key, kind) if i < required else (key, kind, dataclasses.field(default=None))
        for i, (key, kind) in enumerate(fields.items())
    ]
    return dataclasses.make_dataclass(name, spec, slots=True)


ATTRS = _plain(_attrs_class, "At")
DATACLASSES = _plain(_dataclass, "Dc")
CONVERTER = cattrs.Converter()
DACITE = dacite.Config(check_types=True)


def best(action: Callable[[], object], number: int) -> float:
    """Seconds per call: the fastest of several rounds."""
    return min(timeit.repeat(action, number=number, repeat=7)) / number


def fails(action: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        try:
            action()
        except Exception:  # every library raises its own error type
            return
        raise AssertionError("an invalid payload was accepted")

    return run


def main(out: str, package: str) -> None:
    sys.path.insert(0, out)
    models = importlib.import_module(package)
    ours = {
        "seed": models.CreateSession200Response, "wide": models.Wide, "deep": models.Level1,
    }
    payloads = {"seed": SEED_PAYLOAD, "wide": wide_payload(), "deep": DEEP_PAYLOAD}
    pyd = {"seed": PdSeed, "wide": PdWide, "deep": PdLevel1}
    msg = {"seed": MsSeed, "wide": MsWide, "deep": MsLevel1}
    results: dict[str, dict[str, float]] = {}
    for case, payload in payloads.items():
        number = 2_000
        built = ours[case].from_dict(payload)
        assert built.to_dict() == payload, case
        p_obj = pyd[case].model_validate(payload, strict=True)
        m_obj = msgspec.convert(payload, msg[case])
        a_obj = CONVERTER.structure(payload, ATTRS[case])
        d_obj = dacite.from_dict(DATACLASSES[case], payload, config=DACITE)
        results[f"{case}: from_dict"] = {
            "docmodels": best(lambda: ours[case].from_dict(payload), number),
            "pydantic": best(lambda: pyd[case].model_validate(payload, strict=True), number),
            "msgspec": best(lambda: msgspec.convert(payload, msg[case]), number),
            "attrs + cattrs": best(lambda: CONVERTER.structure(payload, ATTRS[case]), number),
            "dacite": best(lambda: dacite.from_dict(DATACLASSES[case], payload, config=DACITE),
                           number),
        }
        results[f"{case}: to_dict"] = {
            "docmodels": best(built.to_dict, number),
            "pydantic": best(lambda: p_obj.model_dump(exclude_unset=True), number),
            "msgspec": best(lambda: msgspec.to_builtins(m_obj), number),
            "attrs + cattrs": best(lambda: CONVERTER.unstructure(a_obj), number),
            "dacite": best(lambda: dataclasses.asdict(d_obj), number),
        }
    bad = INVALID_PAYLOAD
    results["seed: invalid payload"] = {
        "docmodels": best(fails(lambda: ours["seed"].from_dict(bad)), 2_000),
        "pydantic": best(fails(lambda: PdSeed.model_validate(bad, strict=True)), 2_000),
        "msgspec": best(fails(lambda: msgspec.convert(bad, MsSeed)), 2_000),
        "attrs + cattrs": best(fails(lambda: CONVERTER.structure(bad, ATTRS["seed"])), 2_000),
        "dacite": best(fails(lambda: dacite.from_dict(DATACLASSES["seed"], bad, config=DACITE)),
                       2_000),
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

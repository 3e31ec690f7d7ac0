"""output/ is the golden copy: it is exactly what `docmodels generate` writes for specs/."""

from __future__ import annotations

import pytest
from conftest import OUTPUT, REPO, SPECS
from docmodels.pipeline import Build, build
from docmodels.writer import compare

GENERATED = [
    "docs/CreateSession.md",
    "docs/CreateSession200Response.md",
    "docs/CreateSession200ResponseTimestampsInner.md",
    "docs/README.md",
    "docs/UserServiceAccessTypes.md",
    "models/__init__.py",
    "models/_runtime.py",
    "models/create_session.py",
    "models/create_session_200_response.py",
    "models/create_session_200_response_timestamps_inner.py",
    "models/py.typed",
    "models/user_service_access_types.py",
]


@pytest.fixture(scope="module")
def result() -> Build:
    return build([SPECS], "models", base=REPO)


def test_specs_read_without_diagnostics(result: Build) -> None:
    assert [str(d) for d in result.diagnostics] == []


def test_generated_files_are_the_expected_set(result: Build) -> None:
    assert sorted(result.files) == GENERATED


@pytest.mark.parametrize("path", GENERATED)
def test_checked_in_output_matches_generation(result: Build, path: str) -> None:
    assert (OUTPUT / path).read_text(encoding="utf-8") == result.files[path], (
        f"output/{path} is stale: run `docmodels generate` and review the diff"
    )


def test_output_folder_has_nothing_else(result: Build) -> None:
    assert not compare(OUTPUT, result.files)

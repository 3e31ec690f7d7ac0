"""output/ is the golden copy: it is exactly what `docmodels generate` writes for specs/."""

from __future__ import annotations

import pytest
from conftest import OUTPUT, REPO, SPECS
from docmodels.pipeline import build
from docmodels.writer import compare


@pytest.fixture(scope="module")
def generated(monkeypatch_module: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch_module.chdir(REPO)
    result = build([SPECS], "models")
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.files


@pytest.fixture(scope="module")
def monkeypatch_module() -> pytest.MonkeyPatch:
    with pytest.MonkeyPatch.context() as patch:
        yield patch  # type: ignore[misc]


def test_specs_read_without_diagnostics(monkeypatch_module: pytest.MonkeyPatch) -> None:
    monkeypatch_module.chdir(REPO)
    assert [str(d) for d in build([SPECS], "models").diagnostics] == []


def test_generated_files_are_the_expected_set(generated: dict[str, str]) -> None:
    assert sorted(generated) == [
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


@pytest.mark.parametrize(
    "path",
    [
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
        "models/user_service_access_types.py",
    ],
)
def test_checked_in_output_matches_generation(generated: dict[str, str], path: str) -> None:
    assert (OUTPUT / path).read_text(encoding="utf-8") == generated[path], (
        f"output/{path} is stale: run `docmodels generate` and review the diff"
    )


def test_output_folder_has_nothing_else(generated: dict[str, str]) -> None:
    assert not compare(OUTPUT, generated)

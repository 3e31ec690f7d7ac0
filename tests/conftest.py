"""Shared locations for the test suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from docmodels import writer
from hypothesis import settings

# The suite draws the same examples on every run, so a red run names a change, not a draw (one
# random layout example once failed CI with no change behind it). New examples are drawn on
# purpose: `pytest --hypothesis-profile=explore` (README, "Tests").
settings.register_profile("docmodels", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("explore", derandomize=False, deadline=None, print_blob=True)
settings.load_profile("docmodels")

REPO = Path(__file__).resolve().parent.parent
SPECS = REPO / "specs"
OUTPUT = REPO / "output"
# Real model pages from public SDKs, beside the repository where the workplace provides them
# (DOCMODELS_CORPUS names another place: a git worktree's checkout is not beside them).
CORPUS = Path(os.environ.get("DOCMODELS_CORPUS") or REPO.parent / "shared" / "corpus")


@pytest.fixture(autouse=True, scope="session")
def _format_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The CLI memoizes black's results in a cache folder: keep the tests' out of the user's."""
    previous = os.environ.get("DOCMODELS_CACHE_DIR")
    os.environ["DOCMODELS_CACHE_DIR"] = str(tmp_path_factory.mktemp("format-cache"))
    yield
    if previous is None:
        del os.environ["DOCMODELS_CACHE_DIR"]
    else:
        os.environ["DOCMODELS_CACHE_DIR"] = previous


@pytest.fixture(params=["exchange", "two renames"])
def swap(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A write with the atomic exchange (Linux), and without it (the fallback _recover
    completes): tests/test_swap_moments.py, test_kept_tree.py."""
    if request.param == "exchange":
        first, second = tmp_path / "first", tmp_path / "second"
        first.mkdir()
        second.mkdir()
        if not writer._exchange(first, second):
            pytest.skip("no atomic exchange on this system")
    else:
        monkeypatch.setattr(writer, "_exchange", lambda a, b: False)
    return str(request.param)

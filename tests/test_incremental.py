"""Regenerating after a change rewrites only what depends on it; a run with nothing changed
writes nothing; a hand-edited output file is noticed and rewritten (docmodels generate)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import SPECS
from docmodels.cli import main

PAST = 1_000_000_000_000_000_000  # 2001, in nanoseconds: anything written now is newer


def times(out: Path) -> dict[str, int]:
    return {
        p.relative_to(out).as_posix(): p.stat().st_mtime_ns
        for p in sorted(out.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SPECS, tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "specs", "-o", "out"]) == 0
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            os.utime(path, ns=(PAST, PAST))
    return tmp_path


def test_a_run_with_nothing_changed_writes_nothing(project: Path) -> None:
    assert main(["generate", "specs", "-o", "out"]) == 0
    assert set(times(project / "out").values()) == {PAST}


def test_one_changed_page_rewrites_only_the_files_that_depend_on_it(project: Path) -> None:
    page = project / "specs" / "CreateSession200ResponseTimestampsInner.md"
    page.write_text(page.read_text().replace("The state the session moved into.",
                                             "The state the session entered."))
    assert main(["generate", "specs", "-o", "out"]) == 0
    rewritten = sorted(p for p, t in times(project / "out").items() if t != PAST)
    # The model's module and docs page hold the description; nothing else does.
    assert rewritten == [
        "docs/CreateSession200ResponseTimestampsInner.md",
        "models/create_session_200_response_timestamps_inner.py",
    ]


def test_a_hand_edited_output_file_is_rewritten(project: Path) -> None:
    module = project / "out" / "models" / "create_session.py"
    generated = module.read_text()
    module.write_text(generated + "\n# a local change\n")
    assert main(["check", "specs", "-o", "out"]) == 1
    assert main(["generate", "specs", "-o", "out"]) == 0
    assert module.read_text() == generated

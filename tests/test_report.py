"""Findings for machines: GitHub Actions annotations, and the diff of what generate would change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import OUTPUT, REPO
from docmodels.cli import main
from docmodels.diagnostics import Location, error, warning
from docmodels.report import diagnostic, stale


def test_a_diagnostic_as_a_github_annotation() -> None:
    found = error(Location("specs/Pet.md", 7, 12), "property 'size': unknown type 'integer'")
    assert diagnostic(found, "github") == (
        "::error file=specs/Pet.md,line=7,col=12::property 'size': unknown type 'integer'"
    )
    assert diagnostic(found, "text") == (
        "specs/Pet.md:7:12: error: property 'size': unknown type 'integer'"
    )


def test_annotations_escape_what_would_end_them_early() -> None:
    found = warning(Location("a,b:c%.md", 1, 1), "50% done\nnext line")
    assert diagnostic(found, "github") == (
        "::warning file=a%2Cb%3Ac%25.md,line=1,col=1::50%25 done%0Anext line"
    )
    assert stale("out/x.py", "differs", "github") == "::error file=out/x.py::differs"


@pytest.fixture
def edited_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "output"
    shutil.copytree(OUTPUT, copy, ignore=shutil.ignore_patterns("__pycache__", ".*_cache"))
    page = copy / "docs" / "UserServiceAccessTypes.md"
    page.write_text(page.read_text(encoding="utf-8").replace("An enumeration.", "Changed."),
                    encoding="utf-8")
    (copy / "docs" / "Extra.md").write_text("stale\n", encoding="utf-8")
    monkeypatch.chdir(REPO)
    return copy


def test_check_diff_shows_what_generate_would_change(
    edited_output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "specs", "-o", str(edited_output), "--diff"]) == 1
    out = capsys.readouterr().out
    changed = f"{edited_output.as_posix()}/docs/UserServiceAccessTypes.md"
    extra = f"{edited_output.as_posix()}/docs/Extra.md"
    assert f"--- a/{changed}\n+++ b/{changed}\n" in out
    assert "-Changed.\n+An enumeration.\n" in out
    assert f"--- a/{extra}\n+++ /dev/null\n@@ -1 +0,0 @@\n-stale\n" in out


def test_check_in_github_format(edited_output: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "specs", "-o", str(edited_output), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    where = edited_output.as_posix()
    assert lines == [
        f"::error file={where}/docs/UserServiceAccessTypes.md::differs from what generate would write",
        f"::error file={where}/docs/Extra.md::not generated (generate would remove it)",
    ]

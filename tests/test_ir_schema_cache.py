"""`ir` and `schema` reuse what reading each page gave, as generate does: a warm run of a big
API reads only the pages that changed (issue 17); `--no-cache` reads them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SPECS
from docmodels import load as load_module
from docmodels.cli import main


def _entries(cache: Path) -> list[Path]:
    return [p for p in (cache / "pages").rglob("*") if p.is_file()] if cache.is_dir() else []


@pytest.mark.parametrize("command", ["ir", "schema"])
def test_a_warm_run_reads_no_page(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    assert main([command, str(SPECS)]) == 0
    cold = capsys.readouterr().out
    assert _entries(tmp_path / "cache")

    def no_reading(*args: object, **kwargs: object) -> object:
        raise AssertionError("a page was read again")

    monkeypatch.setattr(load_module, "_read_one", no_reading)
    assert main([command, str(SPECS)]) == 0
    assert capsys.readouterr().out == cold


def test_no_cache_reads_every_page_and_remembers_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "--no-cache", str(SPECS)]) == 0
    capsys.readouterr()
    assert _entries(tmp_path / "cache") == []

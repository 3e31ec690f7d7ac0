"""The bound on a run's whole input (limits.MAX_INPUT_BYTES, ``max-input-mib`` in
[tool.docmodels]): pages up to it are read; one byte past it, the run stops at once with an
error at the page that crossed it, instead of reading for minutes into gigabytes (twelve pages
at the page limit ran past 500 s at 1.8 GB)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmodels.cli import main
from docmodels.limits import MAX_INPUT_BYTES, MAX_PAGE_BYTES
from docmodels.load import load
from generated import python_page, write_page

MIB = 1 << 20


def pages_of(folder: Path, sizes: list[int]) -> None:
    """Model pages A, B, C... of exactly these sizes in bytes (a description pads each)."""
    for index, size in enumerate(sizes):
        title = chr(ord("A") + index)
        page = python_page(title, ["**a** | **str** |  | "], description="x")
        write_page(folder, title, page.replace("x\n", "x" * (size - len(page) + 1) + "\n", 1))
        assert (folder / f"{title}.md").stat().st_size == size


def test_pages_that_hold_the_limit_exactly_are_read(tmp_path: Path) -> None:
    pages_of(tmp_path / "specs", [400, 500, 600])
    model_set, diagnostics = load([tmp_path / "specs"], tmp_path, max_input_bytes=1500)
    assert diagnostics == []
    assert [m.name for m in model_set.models] == ["A", "B", "C"]


def test_one_byte_past_the_limit_stops_the_run_at_the_page_that_crossed_it(
    tmp_path: Path,
) -> None:
    pages_of(tmp_path / "specs", [400, 500, 601, 300])
    model_set, diagnostics = load([tmp_path / "specs"], tmp_path, max_input_bytes=1500)
    assert [str(d) for d in diagnostics] == [(
        "specs/C.md:1:1: error: the pages read up to this one hold 1501 bytes, more than the 1500 "
        "bytes one run reads; nothing is generated (for a larger spec, raise max-input-mib in "
        "[tool.docmodels])"
    )]
    assert model_set.models == ()  # no part of the API generated as if it were the whole


def test_a_page_left_out_for_its_own_size_does_not_count(tmp_path: Path) -> None:
    """Its bytes are not kept (the page limit refuses it), so they take no memory."""
    pages_of(tmp_path / "specs", [400, 500])
    write_page(tmp_path / "specs", "Huge", "# Huge\n\n" + "x" * MAX_PAGE_BYTES)
    model_set, diagnostics = load([tmp_path / "specs"], tmp_path, max_input_bytes=900)
    assert [m.name for m in model_set.models] == ["A", "B"]
    assert [d.severity.value for d in diagnostics] == ["warning"]  # Huge.md is left out


def test_twelve_pages_at_the_page_limit_are_refused_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's run: 48 MiB of pages. Refused within a second, having read no more than the
    limit and one page."""
    assert 12 * MAX_PAGE_BYTES > MAX_INPUT_BYTES >= 4 * MAX_PAGE_BYTES
    pages_of(tmp_path / "specs", [MAX_PAGE_BYTES] * 12)
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "specs", "-o", "out"]) == 1
    _, err = capsys.readouterr()
    crossing = chr(ord("A") + MAX_INPUT_BYTES // MAX_PAGE_BYTES)
    assert err == (
        f"specs/{crossing}.md:1:1: error: the pages read up to this one hold "
        f"{MAX_INPUT_BYTES + MAX_PAGE_BYTES} bytes, more than the {MAX_INPUT_BYTES} bytes "
        f"({MAX_INPUT_BYTES // MIB} MiB) one run reads; nothing is generated (for a larger "
        "spec, raise max-input-mib in [tool.docmodels])\n"
        "docmodels: errors found; nothing written\n"
    )
    assert not (tmp_path / "out").exists()


def configured(tmp_path: Path, setting: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.docmodels]\n{setting}\n", encoding="utf-8")


@pytest.mark.parametrize("command", [["generate", "-o", "out"], ["ir"], ["schema"]])
def test_max_input_mib_sets_the_limit_for_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    configured(tmp_path, "max-input-mib = 1")
    pages_of(tmp_path / "specs", [MIB // 2, MIB // 2 + 1])
    monkeypatch.chdir(tmp_path)
    assert main(command) == 1
    _, err = capsys.readouterr()
    assert err.startswith(
        f"specs/B.md:1:1: error: the pages read up to this one hold {MIB + 1} bytes, more than the "
        f"{MIB} bytes (1 MiB) one run reads;"
    )


def test_max_input_mib_reads_pages_up_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    configured(tmp_path, "max-input-mib = 1")
    pages_of(tmp_path / "specs", [MIB // 2, MIB // 2])
    monkeypatch.chdir(tmp_path)
    assert main(["ir"]) == 0


@pytest.mark.parametrize("value", ["0", "-1", "true", '"32"', "1.5"])
def test_max_input_mib_is_a_whole_number_of_mib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    value: str,
) -> None:
    configured(tmp_path, f"max-input-mib = {value}")
    monkeypatch.chdir(tmp_path)
    assert main(["ir", "specs"]) == 2
    _, err = capsys.readouterr()
    assert err == (
        "pyproject.toml:2:17: error: [tool.docmodels] max-input-mib must be a whole number of "
        "MiB, at least 1\n"
    )

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
    page = project / "specs" / "rust" / "CreateSession200ResponseTimestampsInner.md"
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


def test_an_unchanged_run_is_remembered_and_not_built_again(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import docmodels.pipeline

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(docmodels.pipeline, "build", no_build)
    capsys.readouterr()
    assert main(["generate", "specs", "-o", "out"]) == 0
    assert "already up to date (4 models)" in capsys.readouterr().out
    assert main(["check", "specs", "-o", "out"]) == 0


@pytest.mark.parametrize("change", ["output", "page", "no cache"])
def test_the_record_is_never_trusted_over_the_files(
    project: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    import docmodels.pipeline

    built: list[bool] = []
    real = docmodels.pipeline.build

    def counting(*args: object, **kwargs: object) -> object:
        built.append(True)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(docmodels.pipeline, "build", counting)
    flags: list[str] = []
    if change == "output":  # a hand edit, or a file someone deleted
        (project / "out" / "models" / "create_session.py").unlink()
    elif change == "page":
        page = project / "specs" / "python" / "CreateSession.md"
        page.write_text(page.read_text() + "\n")
    else:
        flags = ["--no-cache"]
    assert main(["generate", "specs", "-o", "out", *flags]) == 0
    assert built == [True]
    assert (project / "out" / "models" / "create_session.py").is_file()


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project generated once, its output as that run left it."""
    shutil.copytree(SPECS, tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "specs", "-o", "out"]) == 0
    return tmp_path


def _never(*args: object) -> bool:
    raise AssertionError("an output file was read back")


def test_a_run_with_nothing_changed_reads_no_output_file_back(
    fresh: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from docmodels import runs

    monkeypatch.setattr(runs, "_output_hash", _never)
    capsys.readouterr()
    assert main(["generate", "specs", "-o", "out"]) == 0
    assert "already up to date" in capsys.readouterr().out


def test_one_changed_page_reads_no_output_file_back(
    fresh: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from docmodels import writer

    page = fresh / "specs" / "python" / "CreateSession.md"
    page.write_text(page.read_text().replace("\n\n", "\n\nEdited.\n\n", 1))
    monkeypatch.setattr(writer, "_same", _never)
    assert main(["generate", "specs", "-o", "out"]) == 0
    assert main(["generate", "specs", "-o", "cold", "--no-cache"]) == 0
    assert _contents(fresh / "out") == _contents(fresh / "cold")


def test_a_hand_edit_that_keeps_the_size_is_rewritten(fresh: Path) -> None:
    module = fresh / "out" / "models" / "create_session.py"
    generated = module.read_text()
    module.write_text(generated.replace("class", "clasz", 1))
    assert main(["generate", "specs", "-o", "out"]) == 0
    assert module.read_text() == generated


def _contents(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file()}


def _pages_in_the_past(project: Path) -> None:
    for page in (project / "specs").rglob("*.md"):
        os.utime(page, ns=(PAST, PAST))


def test_pages_as_the_last_run_found_them_are_not_read_to_be_hashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from docmodels import runs

    shutil.copytree(SPECS, tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    _pages_in_the_past(tmp_path)
    assert main(["generate", "specs", "-o", "out"]) == 0
    monkeypatch.setattr(runs, "_page_hash", _never)
    capsys.readouterr()
    assert main(["generate", "specs", "-o", "out"]) == 0
    assert "already up to date" in capsys.readouterr().out


def test_a_page_edited_to_the_same_size_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    _pages_in_the_past(tmp_path)
    assert main(["generate", "specs", "-o", "out"]) == 0
    page = tmp_path / "specs" / "python" / "CreateSession.md"
    text = page.read_text()
    page.write_text(text.replace("session", "sessiom", 1))
    assert page.read_text() != text
    capsys.readouterr()
    assert main(["generate", "specs", "-o", "out"]) == 0
    assert "file(s) changed" in capsys.readouterr().out


def test_a_page_edited_just_after_a_run_is_read_again_even_with_its_old_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file system that keeps times to the second gives an edit within the same second the
    same time: a page whose time is that close to the last run is not judged by it."""
    shutil.copytree(SPECS, tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "specs" / "python" / "CreateSession.md"
    page.write_text(page.read_text())  # saved just now
    assert main(["generate", "specs", "-o", "out"]) == 0
    before = page.stat().st_mtime_ns
    page.write_text(page.read_text().replace("session", "sessiom", 1))
    os.utime(page, ns=(before, before))  # as a coarse clock would leave it
    capsys.readouterr()
    assert main(["generate", "specs", "-o", "out"]) == 0
    assert "file(s) changed" in capsys.readouterr().out


def test_pages_read_again_for_their_recent_time_are_trusted_once_older(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages written just before a first run (a generator, then docmodels) are read again by
    the next run, which then keeps its own start: a third run trusts them. (They were read on
    every run for ever: a run that found every page as it was kept nothing, so the first run's
    start stayed the one they were judged by.)"""
    import time

    from docmodels import runs

    page = tmp_path / "Page.md"
    page.write_text("# Page\n")
    now = time.time_ns()
    os.utime(page, ns=(now - 1_000_000_000, now - 1_000_000_000))  # written a second before
    hashed: list[Path] = []
    real = runs._page_hash
    monkeypatch.setattr(runs, "_page_hash", lambda path: hashed.append(path) or real(path))
    for start in (now, now + 10_000_000_000, now + 20_000_000_000):  # runs 10 s apart
        monkeypatch.setattr(runs.time, "time_ns", lambda start=start: start)
        pages = runs.PageHashes(tmp_path / "runs", tmp_path)
        pages.hash(page)
        pages.save()
    assert hashed == [page, page]  # read by the first run, and by the second for its time

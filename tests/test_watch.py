"""`docmodels watch`: what counts as a change, the line each run prints, and the command itself."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest
from docmodels.cli import main
from docmodels.watch import Changed, Outcome, Watched, describe, diff, snapshot, summary, watch
from generated import python_page, write_page


def test_an_unchanged_snapshot_is_no_change() -> None:
    state = {"specs/Pet.md": (1, 10), "specs/Tag.md": (2, 20)}
    assert not diff(state, dict(state))


def test_files_that_appear_change_or_disappear_are_changes() -> None:
    before = {"specs/Pet.md": (1, 10), "specs/Tag.md": (2, 20), "specs/Old.md": (3, 30)}
    after = {"specs/Pet.md": (5, 10), "specs/Tag.md": (2, 20), "specs/New.md": (4, 40)}
    assert diff(before, after) == Changed(
        added=("specs/New.md",), modified=("specs/Pet.md",), removed=("specs/Old.md",)
    )


def test_a_different_size_alone_is_a_change() -> None:
    assert diff({"a.md": (1, 10)}, {"a.md": (1, 11)}).modified == ("a.md",)


def test_one_changed_file_is_named() -> None:
    assert describe(Changed(modified=("specs/Pet.md",))) == "specs/Pet.md changed"
    assert describe(Changed(added=("specs/New.md",))) == "specs/New.md added"
    assert describe(Changed(removed=("specs/Old.md",))) == "specs/Old.md removed"


def test_several_changed_files_are_counted() -> None:
    changed = Changed(added=("a.md",), modified=("b.md", "c.md"))
    assert describe(changed) == "3 files changed"


def test_the_summary_line_says_what_changed_what_the_run_did_and_how_long_it_took() -> None:
    what = "specs/Pet.md changed"
    assert summary(what, Outcome(3, changed=12), 0.4123) == (
        "docmodels: specs/Pet.md changed: regenerated 12 files in 0.41 s")
    assert summary(what, Outcome(3, changed=1), 1.0) == (
        "docmodels: specs/Pet.md changed: regenerated 1 file in 1.00 s")
    assert summary(what, Outcome(3), 0.07) == "docmodels: specs/Pet.md changed: up to date in 0.07 s"


def test_the_summary_line_of_a_failed_run_says_the_output_was_kept() -> None:
    assert summary("2 files changed", Outcome(0, errors=2), 0.05) == (
        "docmodels: 2 files changed: 2 errors in 0.05 s, output kept")
    assert summary("2 files changed", Outcome(0, errors=1), 0.05) == (
        "docmodels: 2 files changed: 1 error in 0.05 s, output kept")
    assert summary("x.md changed", Outcome(1, failure="cannot write out: disk full"), 0.1) == (
        "docmodels: x.md changed: error in 0.10 s, output kept: cannot write out: disk full")


def test_a_snapshot_holds_the_watched_kind_of_file_only(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Pet", "# Pet\n")
    write_page(specs / "nested", "Tag", "# Tag\n")
    write_page(specs / ".git", "Hidden", "# Hidden\n")
    (specs / "Pet.md.swp").write_text("editor state")
    single = write_page(tmp_path / "other", "Single", "# Single\n")
    state = snapshot([Watched(specs, ".md"), Watched(single, ".md"),
                      Watched(tmp_path / "missing", ".md")], tmp_path)
    assert sorted(state) == ["other/Single.md", "specs/Pet.md", "specs/nested/Tag.md"]


def test_a_burst_of_edits_makes_one_run(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Pet", "# Pet\n")
    edits = {1: lambda: write_page(specs, "Pet", "# Pet\n\nEdited.\n"),
             2: lambda: write_page(specs, "Tag", "# Tag\n")}
    calls = 0
    lines: list[str] = []
    runs: list[int] = []

    def sleep(_: float) -> None:
        nonlocal calls
        calls += 1
        if calls in edits:
            edits[calls]()
        if calls > 200 or len(runs) == 2:
            raise KeyboardInterrupt
        time.sleep(0.005)

    def run() -> Outcome:
        runs.append(len(runs))
        return Outcome(2, changed=1)

    with pytest.raises(KeyboardInterrupt):
        watch([Watched(specs, ".md")], tmp_path, run, debounce=0.3, report=lines.append,
              sleep=sleep)
    assert [line.split(" in ")[0] for line in lines] == [
        "docmodels: watching 1 file: regenerated 1 file",
        "docmodels: 2 files changed: regenerated 1 file",
    ]


def test_an_edit_made_during_a_run_makes_another_run(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Pet", "# Pet\n")
    lines: list[str] = []

    def run() -> Outcome:
        if not lines:  # the first run: the page is saved again while it runs
            write_page(specs, "Pet", "# Pet\n\nSaved during the run.\n")
        return Outcome(1)

    def report(line: str) -> None:
        lines.append(line)
        if len(lines) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        watch([Watched(specs, ".md")], tmp_path, run, debounce=0.01, report=report)
    assert [line.split(" in ")[0] for line in lines] == [
        "docmodels: watching 1 file: up to date", "docmodels: specs/Pet.md changed: up to date"]


def test_a_first_run_that_cannot_write_ends_watching(tmp_path: Path) -> None:
    lines: list[str] = []
    failed = Outcome(1, failure="out exists and was not written by docmodels")
    assert watch([Watched(tmp_path, ".md")], tmp_path, lambda: failed, debounce=0.1,
                 report=lines.append) == failed
    assert lines == []


class Lines:
    """A stream's lines as they come, read by a thread so that waiting can time out."""

    def __init__(self, stream: IO[str]) -> None:
        self.queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.queue.put(line.rstrip("\n"))
        self.queue.put(None)  # the end of the stream

    def rest(self, timeout: float = 60) -> list[str]:
        """The lines still to come, up to the end of the stream."""
        lines = []
        while (line := self.queue.get(timeout=timeout)) is not None:
            lines.append(line)
        return lines

    def next(self, timeout: float = 60) -> str:
        line = self.queue.get(timeout=timeout)
        assert line is not None, "the stream ended"
        return line


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_watch_regenerates_on_change_keeps_the_output_on_errors_and_stops_on_ctrl_c(
    tmp_path: Path,
) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Pet", python_page("Pet", ["**name** | **str** | The name | "]))
    process = subprocess.Popen(
        # Strict: a type that cannot be read is an error, which keeps the output as it was.
        [sys.executable, "-m", "docmodels", "watch", "specs", "-o", "out", "--debounce", "0.1",
         "--strict"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        # As a terminal starts it: a test run started in the background (`cmd &` in a script)
        # ignores SIGINT, and its children would inherit that and never see the Ctrl-C.
        preexec_fn=_default_sigint,  # noqa: PLW1509 (no thread of ours runs yet)
    )
    try:
        out, err = Lines(process.stdout), Lines(process.stderr)  # type: ignore[arg-type]
        # The page and the templates.
        assert re.fullmatch(r"docmodels: watching \d+ files: regenerated 7 files in \S+ s",
                            out.next())
        module = tmp_path / "out" / "models" / "pet.py"
        first = module.read_text(encoding="utf-8")

        write_page(specs, "Pet", python_page("Pet", ["**name** | **str** | The name | ",
                                                     "**age** | **int** | The age | [optional] "]))
        assert re.fullmatch(r"docmodels: specs/Pet\.md changed: regenerated [23] files in \S+ s",
                            out.next())
        assert module.read_text(encoding="utf-8") != first
        kept = files_of(tmp_path / "out")

        write_page(specs, "Pet", python_page("Pet", ["**name** | **strr** | The name | "]))
        line = out.next()
        assert line.startswith("docmodels: specs/Pet.md changed: 1 error in "), line
        assert line.endswith(" s, output kept")
        assert err.next() == (
            "specs/Pet.md:6:14: error: property 'name': unknown type 'strr' in 'strr'; read as "
            "any value; did you mean 'str'?")
        assert files_of(tmp_path / "out") == kept

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
        assert err.rest() == ["docmodels: interrupted; the output folder is as it was"]
        assert out.rest() == []
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_negative_debounce_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["watch", "--debounce", "-1"])
    assert exit_.value.code == 2
    assert "not a number of seconds: '-1'" in capsys.readouterr().err


def test_an_output_folder_docmodels_may_not_replace_ends_watch_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_page(tmp_path / "specs", "Pet", python_page("Pet", ["**name** | **str** |  | "]))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("not generated")
    monkeypatch.chdir(tmp_path)
    assert main(["watch", "specs", "-o", "out", "--debounce", "0"]) == 2
    assert "was not written by docmodels" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["mine.txt"]

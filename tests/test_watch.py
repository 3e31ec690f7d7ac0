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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pytest
from docmodels.cli import main
from docmodels.runs import PageState
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


class Watching:
    """``watch`` running in a thread, its lines as they come, stopped by an event."""

    def __init__(self, watched: list[Watched], base: Path, *, poll: bool = False,
                 debounce: float = 0.05,
                 run: Callable[[frozenset[str] | None], Outcome] | None = None) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.stop = threading.Event()
        self.runs = 0
        self.told: list[frozenset[str] | None] = []  # what each run was told

        def counted(told: frozenset[str] | None) -> Outcome:
            self.runs += 1
            self.told.append(told)
            return run(told) if run is not None else Outcome(1, changed=1)

        def report(line: str) -> None:
            self.lines.put(line.split(" in ")[0])

        def watching() -> None:
            try:
                self.returned.append(watch(watched, base, counted, debounce=debounce,
                                           report=report, poll=poll, stop=self.stop))
            except BaseException as exc:  # noqa: BLE001 (said by close())
                self.returned.append(exc)

        self.returned: list[object] = []
        self.thread = threading.Thread(target=watching, daemon=True)
        self.thread.start()

    def next(self, timeout: float = 20) -> str:
        return self.lines.get(timeout=timeout)

    def nothing_more(self, seconds: float) -> bool:
        try:
            line = self.lines.get(timeout=seconds)
        except queue.Empty:
            return True
        raise AssertionError(f"another run: {line}")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive() and self.returned == [None]


@pytest.fixture(params=["events", "polling"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Told by the operating system, or looking every 20 ms (--poll): the same behaviour."""
    monkeypatch.setenv("WATCHFILES_POLL_DELAY_MS", "20")
    monkeypatch.delenv("WATCHFILES_FORCE_POLLING", raising=False)
    return bool(request.param == "polling")


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    folder = tmp_path / "specs"
    for name in ("Pet", "Tag"):
        backdated(write_page(folder, name, f"# {name}\n"))
    return folder


def backdated(path: Path) -> Path:
    """Polling (notify's) compares modification times to the second: a page written in the
    second before the test's save would look unchanged to it."""
    past = time.time() - 10
    os.utime(path, (past, past))
    return path


@contextmanager
def watching(specs: Path, poll: bool, **options: Any) -> Iterator[Watching]:
    session = Watching([Watched(specs, ".md")], specs.parent, poll=poll, **options)
    try:
        assert session.next() == "docmodels: watching 2 files: regenerated 1 file"
        yield session
    finally:
        session.close()


def test_a_saved_page_makes_a_run(specs: Path, mode: bool) -> None:
    with watching(specs, mode) as session:
        write_page(specs, "Pet", "# Pet\n\nEdited.\n")
        assert session.next() == "docmodels: specs/Pet.md changed: regenerated 1 file"


def test_each_run_is_told_the_paths_the_system_named_since_the_last(
    specs: Path, mode: bool
) -> None:
    with watching(specs, mode) as session:
        write_page(specs, "Pet", "# Pet\n\nEdited.\n")
        assert session.next() == "docmodels: specs/Pet.md changed: regenerated 1 file"
    first, second = session.told
    assert first is None  # (the first run is told nothing: it looks at every page)
    assert second is not None and str((specs / "Pet.md").absolute()) in second
    assert str((specs / "Tag.md").absolute()) not in second


def test_a_removed_page_makes_a_run(specs: Path, mode: bool) -> None:
    with watching(specs, mode) as session:
        (specs / "Tag.md").unlink()
        assert session.next() == "docmodels: specs/Tag.md removed: regenerated 1 file"


def test_a_new_page_makes_a_run(specs: Path, mode: bool) -> None:
    with watching(specs, mode) as session:
        write_page(specs / "nested", "Owner", "# Owner\n")
        assert session.next() == "docmodels: specs/nested/Owner.md added: regenerated 1 file"


def test_a_folder_of_pages_removed_whole_makes_a_run(specs: Path, mode: bool) -> None:
    backdated(write_page(specs / "nested", "Owner", "# Owner\n"))
    backdated(write_page(specs / "nested", "Team", "# Team\n"))
    session = Watching([Watched(specs, ".md")], specs.parent, poll=mode)
    try:
        assert session.next() == "docmodels: watching 4 files: regenerated 1 file"
        (specs / "nested").rename(specs.parent / "elsewhere")
        assert session.next() == "docmodels: 2 files changed: regenerated 1 file"
    finally:
        session.close()


def test_a_burst_of_edits_makes_one_run(specs: Path, mode: bool) -> None:
    with watching(specs, mode, debounce=1.0) as session:
        write_page(specs, "Pet", "# Pet\n\nEdited.\n")
        time.sleep(0.1)  # well within the debounce interval
        write_page(specs, "Owner", "# Owner\n")
        assert session.next() == "docmodels: 2 files changed: regenerated 1 file"
        assert session.nothing_more(0.3)
        assert session.runs == 2


def test_other_files_hidden_folders_and_output_folders_make_no_run(
    specs: Path, mode: bool
) -> None:
    with watching(specs, mode) as session:
        (specs / "Pet.md.swp").write_text("editor state")
        (specs / "notes.txt").write_text("notes")
        write_page(specs / ".git", "Hidden", "# Hidden\n")
        (specs / "out").mkdir()
        (specs / "out" / ".docmodels").write_text("")  # what marks a folder docmodels wrote
        write_page(specs / "out", "Generated", "# Generated\n")
        assert session.nothing_more(0.4)
        write_page(specs, "Tag", "# Tag\n\nEdited.\n")
        assert session.next() == "docmodels: specs/Tag.md changed: regenerated 1 file"
        assert session.runs == 2


def test_a_page_changed_and_changed_back_makes_no_run(specs: Path, mode: bool) -> None:
    with watching(specs, mode, debounce=0.5) as session:
        pet = specs / "Pet.md"
        state = os.stat(pet)
        write_page(specs, "Pet", "# Pet\n\nEdited.\n")
        write_page(specs, "Pet", "# Pet\n")
        os.utime(pet, ns=(state.st_atime_ns, state.st_mtime_ns))
        assert session.nothing_more(1.0)


def test_an_edit_made_during_a_run_makes_another_run(specs: Path, mode: bool) -> None:
    runs: list[None] = []

    def run(told: frozenset[str] | None) -> Outcome:
        runs.append(None)
        if len(runs) == 1:  # the first run: the page is saved again while it runs
            write_page(specs, "Pet", "# Pet\n\nSaved during the run.\n")
            time.sleep(0.1)
        return Outcome(1)

    session = Watching([Watched(specs, ".md")], specs.parent, poll=mode, run=run)
    try:
        assert session.next() == "docmodels: watching 2 files: up to date"
        assert session.next() == "docmodels: specs/Pet.md changed: up to date"
    finally:
        session.close()


def test_the_pages_the_system_names_are_the_ones_a_watch_looks_at_again(
    specs: Path, mode: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The paths the system names (events, or notify's polling) are the pages' as the watch
    listed them: a saved page is looked at again, the other is taken as the last run found it
    (Session.told), and the output is what a run from scratch writes."""
    from docmodels.cli import _generate_once, _Show
    from docmodels.config import Settings
    from docmodels.session import Session

    for name in ("Pet", "Tag"):
        backdated(write_page(specs, name, python_page(name, ["**name** | **str** | A name | "])))
    monkeypatch.chdir(specs.parent)
    settings = Settings(specs=(Path("specs"),), output=Path("out"))
    state = Session()
    asked: list[tuple[str, bool]] = []
    quiet_hash = state.quiet_hash

    def counted(key: str) -> PageState | None:
        found = quiet_hash(key)
        asked.append((key, found is not None))
        return found

    state.quiet_hash = counted  # type: ignore[method-assign]

    def run(told: frozenset[str] | None) -> Outcome:
        asked.clear()
        state.told(told)
        outcome = _generate_once(settings, None, specs.parent / "cache", _Show(), state)
        state.between()
        return outcome

    session = Watching([Watched(specs, ".md")], specs.parent, poll=mode, run=run)
    try:
        assert session.next() == "docmodels: watching 2 files: regenerated 9 files"
        write_page(specs, "Pet", python_page("Pet", ["**name** | **str** | Edited | "]))
        assert session.next() == "docmodels: specs/Pet.md changed: regenerated 2 files"
    finally:
        session.close()
    assert ("specs/Tag.md", True) in asked
    assert ("specs/Pet.md", True) not in asked
    _generate_once(Settings(specs=(Path("specs"),), output=Path("fresh")), None, None, _Show())
    assert files_of(specs.parent / "out") == files_of(specs.parent / "fresh")


def test_a_watched_file_beside_others_is_watched_alone(tmp_path: Path, mode: bool) -> None:
    overlay = tmp_path / "overlay.toml"
    overlay.write_text("")
    backdated(overlay)
    session = Watching([Watched(overlay, ".toml")], tmp_path, poll=mode)
    try:
        assert session.next() == "docmodels: watching 1 file: regenerated 1 file"
        (tmp_path / "other.toml").write_text("")
        assert session.nothing_more(0.3)
        # Saved as editors save: written beside it, then renamed over it.
        (tmp_path / ".overlay.toml.tmp").write_text("[models.Pet]\n")
        (tmp_path / ".overlay.toml.tmp").replace(overlay)
        assert session.next() == "docmodels: overlay.toml changed: regenerated 1 file"
    finally:
        session.close()


def test_a_first_run_that_cannot_write_ends_watching(tmp_path: Path) -> None:
    lines: list[str] = []
    failed = Outcome(1, failure="out exists and was not written by docmodels")
    assert watch([Watched(tmp_path, ".md")], tmp_path, lambda told: failed, debounce=0.1,
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


@pytest.mark.parametrize(("args", "poll"), [([], False), (["--poll"], True)])
def test_poll_asks_watch_to_look_at_the_files_instead_of_being_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], poll: bool
) -> None:
    from docmodels import watch as watching_module

    write_page(tmp_path / "specs", "Pet", python_page("Pet", ["**name** | **str** |  | "]))
    asked: list[object] = []

    def stopped_at_once(*_: object, **options: object) -> None:
        asked.append(options["poll"])

    monkeypatch.setattr(watching_module, "watch", stopped_at_once)
    monkeypatch.chdir(tmp_path)
    assert main(["watch", "specs", "-o", "out", *args]) == 0
    assert asked == [poll]


def test_watchfiles_own_setting_forces_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    from docmodels.watch import forced_polling

    for value, forced in (("1", True), ("true", True), ("false", False), ("", False)):
        monkeypatch.setenv("WATCHFILES_FORCE_POLLING", value)
        assert forced_polling() is forced


def test_the_runs_of_one_watch_share_one_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docmodels import cli
    from docmodels import watch as watching_module

    write_page(tmp_path / "specs", "Pet", python_page("Pet", ["**name** | **str** |  | "]))
    sessions: list[object] = []

    def generate_once(*args: object) -> Outcome:
        sessions.append(args[-1])
        return Outcome(1)

    def two_runs(
        _: object, __: object, run: Callable[[frozenset[str] | None], Outcome], **___: object
    ) -> None:
        run(None)
        run(frozenset())

    monkeypatch.setattr(cli, "_generate_once", generate_once)
    monkeypatch.setattr(watching_module, "watch", two_runs)
    monkeypatch.chdir(tmp_path)
    assert main(["watch", "specs", "-o", "out"]) == 0
    assert len(sessions) == 2 and sessions[0] is sessions[1] is not None


def test_where_the_system_cannot_tell_of_changes_watch_polls(
    specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from watchfiles import _rust_notify

    real = _rust_notify.RustNotify

    def refusing(paths: list[str], debug: bool, polling: bool, *rest: Any) -> Any:
        if not polling:
            raise OSError("OS file watch limit reached")
        return real(paths, debug, polling, *rest)

    monkeypatch.setattr(_rust_notify, "RustNotify", refusing)
    monkeypatch.setenv("WATCHFILES_POLL_DELAY_MS", "20")
    session = Watching([Watched(specs, ".md")], specs.parent)
    try:
        assert session.next() == (
            "docmodels: the operating system cannot tell of changes here (OS file watch limit "
            "reached); looking at the files every 20 ms instead")
        assert session.next() == "docmodels: watching 2 files: regenerated 1 file"
        write_page(specs, "Pet", "# Pet\n\nEdited.\n")
        assert session.next() == "docmodels: specs/Pet.md changed: regenerated 1 file"
    finally:
        session.close()

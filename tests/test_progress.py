"""Long runs show their progress on a terminal, and nothing in a pipe or a CI log; -q prints
errors only, -v each page and file; one line ends every run (issue 18, point 6)."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from docmodels.cli import main
from docmodels.progress import NONE, Progress, on_terminal
from generated import python_page, write_page

ERASE = "\r\x1b[K"


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# The line itself, with a fake clock


def test_a_short_run_shows_nothing() -> None:
    clock, stream = FakeClock(), Terminal()
    progress = Progress(stream, clock, after=1.0)
    progress.stage("reading pages", 3)
    clock.now += 0.5
    progress.advance(3)
    progress.clear()
    assert stream.getvalue() == ""


def test_a_long_run_shows_one_line_rewritten_in_place_then_erased() -> None:
    clock, stream = FakeClock(), Terminal()
    progress = Progress(stream, clock, after=1.0, every=0.1)
    progress.stage("reading pages", 300)
    clock.now += 1.5
    progress.advance()  # past the second: shown
    progress.advance()  # at once again: throttled
    clock.now += 0.2
    progress.advance()
    progress.stage("generating 300 models")  # a new stage is shown at once
    progress.clear()
    assert stream.getvalue() == (
        f"{ERASE}docmodels: reading pages 1/300{ERASE}docmodels: reading pages 3/300"
        f"{ERASE}docmodels: generating 300 models…{ERASE}"
    )
    assert "\n" not in stream.getvalue()


@pytest.mark.parametrize(("environ", "quiet", "terminal"), [
    ({}, False, False),  # a pipe or a file
    ({"CI": "true"}, False, True),  # GitHub Actions, GitLab...: a log, even where it is a tty
    ({"TERM": "dumb"}, False, True),
    ({}, True, True),  # -q
])
def test_no_progress_where_nobody_watches(environ: dict[str, str], quiet: bool,
                                          terminal: bool) -> None:
    stream = Terminal() if terminal else io.StringIO()
    assert on_terminal(stream, environ, quiet=quiet) is NONE


def test_progress_on_a_terminal() -> None:
    progress = on_terminal(Terminal(), {"CI": "false", "DOCMODELS_PROGRESS_AFTER": "0"})
    assert progress is not NONE


# The command, in a pseudo-terminal and in a pipe


def project(tmp_path: Path) -> Path:
    for name in ("Pet", "Tag", "Owner"):
        write_page(tmp_path / "specs", name, python_page(name, ["**name** | **str** |  | "]))
    return tmp_path


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "TERM")}
    # Progress from the first moment: the run is fast, but the test must not depend on timing.
    return {**env, "TERM": "xterm", "DOCMODELS_PROGRESS_AFTER": "0", **extra}


def run_in_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """The command with its stdout and stderr on a pseudo-terminal; what the terminal shows."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "docmodels", *args], cwd=cwd, env=env,
                               stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return process.wait(timeout=30), shown.decode("utf-8", "replace")


def test_a_terminal_sees_the_progress_then_one_closing_line(tmp_path: Path) -> None:
    code, shown = run_in_terminal(["generate", "specs", "-o", "out", "--no-cache"],
                                  project(tmp_path), environment())
    assert code == 0
    assert f"{ERASE}docmodels: reading pages 0/3" in shown
    assert f"{ERASE}docmodels: writing " in shown
    # Erased before the last line, which is the only one left on the screen.
    assert shown.endswith(f"{ERASE}docmodels: wrote out (3 models; 11 file(s) changed)\r\n")
    assert shown.replace("\r\n", "\n").count("\n") == 1


def test_a_ci_log_sees_no_progress_even_on_a_terminal(tmp_path: Path) -> None:
    code, shown = run_in_terminal(["generate", "specs", "-o", "out", "--no-cache"],
                                  project(tmp_path), environment(CI="true"))
    assert (code, shown) == (0, "docmodels: wrote out (3 models; 11 file(s) changed)\r\n")


def test_a_pipe_sees_no_progress(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "docmodels", "generate", "specs", "-o", "out",
                           "--no-cache"], cwd=project(tmp_path), env=environment(),
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (
        0, "docmodels: wrote out (3 models; 11 file(s) changed)\n", ""
    )


# -q and -v


def lossy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_page(tmp_path / "specs", "Pet", python_page("Pet", ["**name** | **strng** |  | "]))
    monkeypatch.chdir(tmp_path)


def test_one_line_ends_the_run_with_what_was_read_and_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lossy(tmp_path, monkeypatch)
    assert main(["generate", "specs", "-o", "out", "--no-cache"]) == 0
    out, err = capsys.readouterr()
    assert err.count("\n") == 1  # the warning
    assert out == (
        "docmodels: wrote out (1 models; 7 file(s) changed); read 1 of 1 model pages; 1 "
        "property read as any value; 1 loss in all (warnings above; --strict makes them "
        "errors)\n"
    )


def test_quiet_prints_errors_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    lossy(tmp_path, monkeypatch)
    assert main(["generate", "specs", "-o", "out", "-q", "--no-cache"]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["generate", "specs", "-o", "out", "-q", "--strict", "--no-cache"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[0].startswith("specs/Pet.md:6:14: error: property 'name'")
    assert err.splitlines()[-1].startswith("docmodels: errors found; nothing written; read 1")


def test_verbose_names_each_page_and_each_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    lossy(tmp_path, monkeypatch)
    (tmp_path / "specs" / "Guide.md").write_text("# The API\n\nHello.\n", encoding="utf-8")
    assert main(["generate", "specs", "-o", "out", "-v", "--no-cache"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert "docmodels: specs/Pet.md: read Pet (python)" in err
    assert ("docmodels: specs/Guide.md: skipped: no property table, enum values or member "
            "types") in err
    assert "docmodels: wrote out/models/pet.py" in err
    with pytest.raises(SystemExit) as exited:  # one or the other
        main(["generate", "specs", "-o", "out", "-q", "-v"])
    assert exited.value.code == 2

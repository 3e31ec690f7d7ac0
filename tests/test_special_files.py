"""Only regular files are read, and a symbolic link in a spec folder only to a page inside the
spec folders: a named pipe called ``*.md`` used to make generate and watch wait for ever, and a
link to a file elsewhere put that file's text in diagnostics."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from docmodels.cli import main
from docmodels.source import discover
from generated import python_page, write_page

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and links: POSIX")

PET = python_page("Pet", ["**name** | **str** |  | "])
SECRET = python_page("Key", ["**key** | **strr** | TOP SECRET TEXT | "])
LINK_WARNING = ("a symbolic link to a file outside the spec folders; not followed (name the "
                "file itself to read it)")


def docmodels(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own: a wait for ever fails the test, not the run."""
    return subprocess.run([sys.executable, "-m", "docmodels", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=30, check=False)


def test_a_named_pipe_in_a_spec_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    write_page(tmp_path / "specs", "Pet", PET)
    os.mkfifo(tmp_path / "specs" / "Pipe.md")
    pages, diagnostics = discover([tmp_path / "specs"], tmp_path)
    assert [p.name for p in pages] == ["Pet.md"]
    assert [str(d) for d in diagnostics] == [
        "specs/Pipe.md:1:1: warning: a named pipe, not a regular file; skipped"]


def test_generate_does_not_wait_on_a_named_pipe(tmp_path: Path) -> None:
    write_page(tmp_path / "specs", "Pet", PET)
    os.mkfifo(tmp_path / "specs" / "Pipe.md")
    done = docmodels(tmp_path, "generate", "specs", "-o", "out")
    assert done.returncode == 0, done.stderr
    assert "specs/Pipe.md:1:1: warning: a named pipe, not a regular file; skipped" in done.stderr


def test_a_named_pipe_given_as_an_overlay_is_an_error(tmp_path: Path) -> None:
    write_page(tmp_path / "specs", "Pet", PET)
    os.mkfifo(tmp_path / "pipe.toml")
    done = docmodels(tmp_path, "generate", "specs", "-o", "out", "--overlay", "pipe.toml")
    assert done.returncode == 1
    assert "pipe.toml:1:1: error: cannot read overlay: a named pipe, not a regular file" in (
        done.stderr)


def test_a_named_pipe_given_as_a_spec_is_an_error_that_says_what_it_is(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "Pipe.md")
    pages, diagnostics = discover([tmp_path / "Pipe.md"], tmp_path)
    assert pages == []
    assert [d.message for d in diagnostics] == ["a named pipe: not a page or a folder of pages"]


def test_watch_does_not_wait_on_a_named_pipe(tmp_path: Path) -> None:
    write_page(tmp_path / "specs", "Pet", PET)
    os.mkfifo(tmp_path / "specs" / "Pipe.md")
    process = subprocess.Popen(
        [sys.executable, "-m", "docmodels", "watch", "specs", "-o", "out", "--debounce", "0"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready, "watch printed nothing: it waits on the pipe"
        line = process.stdout.readline()  # type: ignore[union-attr]
        assert re.match(r"docmodels: watching \d+ files: regenerated ", line), line
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def link_outside(tmp_path: Path) -> Path:
    write_page(tmp_path / "specs", "Pet", PET)
    secret = write_page(tmp_path / "elsewhere", "Key", SECRET)
    (tmp_path / "specs" / "Key.md").symlink_to(secret)
    return secret


def test_a_link_to_a_page_outside_the_spec_folders_is_not_followed(tmp_path: Path) -> None:
    link_outside(tmp_path)
    pages, diagnostics = discover([tmp_path / "specs"], tmp_path)
    assert [p.name for p in pages] == ["Pet.md"]
    assert [str(d) for d in diagnostics] == [f"specs/Key.md:1:1: warning: {LINK_WARNING}"]


def test_the_text_a_link_leads_to_is_not_shown_or_generated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    link_outside(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "specs", "-o", "out", "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "strr" not in err and "elsewhere" not in err
    assert not any("TOP SECRET" in p.read_text(encoding="utf-8")
                   for p in (tmp_path / "out").rglob("*") if p.is_file())


def test_a_link_within_the_spec_folders_is_followed(tmp_path: Path) -> None:
    write_page(tmp_path / "specs" / "a", "Pet", PET)
    (tmp_path / "specs" / "b").mkdir()
    (tmp_path / "specs" / "b" / "Pet.md").symlink_to(tmp_path / "specs" / "a" / "Pet.md")
    pages, diagnostics = discover([tmp_path / "specs"], tmp_path)
    assert diagnostics == []
    assert [p.as_posix() for p in pages] == [(tmp_path / "specs" / "a" / "Pet.md").as_posix()]


def test_a_link_into_another_spec_folder_named_is_followed(tmp_path: Path) -> None:
    write_page(tmp_path / "shared", "Tag", python_page("Tag", ["**name** | **str** |  | "]))
    write_page(tmp_path / "specs", "Pet", PET)
    (tmp_path / "specs" / "Tag.md").symlink_to(tmp_path / "shared" / "Tag.md")
    pages, diagnostics = discover([tmp_path / "specs", tmp_path / "shared"], tmp_path)
    assert diagnostics == []
    assert sorted(p.name for p in pages) == ["Pet.md", "Tag.md"]


def test_a_spec_folder_that_is_a_link_is_read(tmp_path: Path) -> None:
    write_page(tmp_path / "docs", "Pet", PET)
    (tmp_path / "specs").symlink_to(tmp_path / "docs")
    pages, diagnostics = discover([tmp_path / "specs"], tmp_path)
    assert diagnostics == [] and [p.name for p in pages] == ["Pet.md"]


def test_a_link_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    secret = link_outside(tmp_path)
    pages, diagnostics = discover([tmp_path / "specs" / "Key.md"], tmp_path)
    assert diagnostics == []
    assert [p.resolve() for p in pages] == [secret.resolve()]

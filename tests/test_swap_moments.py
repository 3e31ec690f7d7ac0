"""The output folder is the complete old tree or the complete new one at every moment of a write,
not only at the moments a random kill happens to land on (tests/test_atomicity.py).

Python's audit hooks see every file-system change the writer makes (each file written, renamed,
linked, removed, each folder made or removed) before it happens. A run is "killed" before its
n-th change, for every n in turn: from then on every change raises, as if the process were gone,
and the writer's own clean-up cannot run either. After each kill the output folder, as the next
run finds it (after its recovery step), must be one of the two trees. Deleting the old tree and
then renaming the new one in, instead of the atomic exchange, leaves a moment with a half-deleted
or missing output folder, and fails here every time.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from docmodels import writer
from docmodels.writer import MARKER, MARKER_TEXT, write_tree

OLD = {"pkg/__init__.py": "x = 1\n", "pkg/a.py": "a = 1\n", "pkg/b.py": "b = 1\n",
       "docs/A.md": "# A\n", "docs/B.md": "# B\n"}  # fmt: skip
# Some files changed, some kept, one removed, one added: every kind of change is in the swap.
NEW = {"pkg/__init__.py": "x = 2\n", "pkg/a.py": "a = 1\n", "docs/A.md": "# A, new\n",
       "docs/B.md": "# B\n", "docs/C.md": "# C\n"}  # fmt: skip

_CHANGES = frozenset({
    "os.rename", "os.remove", "os.rmdir", "os.mkdir", "os.link", "os.symlink", "os.truncate",
    "os.utime", "os.chmod", "os.chown", "shutil.rmtree", "shutil.copyfile", "shutil.copymode",
    "shutil.copystat", "shutil.move", "shutil.copytree",
})  # fmt: skip
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class Killed(BaseException):
    """The process is gone: nothing after it runs (a BaseException, so no `except` stops it)."""


def _is_change(event: str, args: tuple[Any, ...], inside: Path) -> bool:
    if event in _CHANGES:
        return True
    if event != "open" or not isinstance(args[2], int) or not args[2] & _WRITING:
        return False
    # Files written elsewhere (ctypes.util.find_library's /dev/null) are not the writer's.
    path = args[0]
    return not (isinstance(path, str) and os.path.isabs(path)
                and not path.startswith(os.fspath(inside)))  # fmt: skip


# Audit hooks cannot be removed: one is installed once and does nothing unless a test watches.
_watchers: list[Callable[[str, tuple[Any, ...]], None]] = []
_installed: list[bool] = []


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _watchers:
        _watchers[-1](event, args)


@contextmanager
def watching(callback: Callable[[str, tuple[Any, ...]], None]) -> Iterator[None]:
    if not _installed:
        sys.addaudithook(_hook)
        _installed.append(True)
    _watchers.append(callback)
    try:
        yield
    finally:
        _watchers.pop()


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def expected(files: dict[str, str]) -> dict[str, str]:
    return {**files, MARKER: MARKER_TEXT}


def run_killed_at(
    out: Path,
    files: dict[str, str],
    kill_at: int | None,
    write: Callable[[], object] | None = None,
    within: Path | None = None,
) -> int:
    """Write ``files`` to ``out`` (or run ``write``), killed before its ``kill_at``-th
    file-system change (never if None) under ``within`` (``out``'s folder); returns how many
    changes it made."""
    made = 0
    dead = False

    def observe(event: str, args: tuple[Any, ...]) -> None:
        nonlocal made, dead
        if not _is_change(event, args, within or out.parent):
            return
        if dead or made == kill_at:
            dead = True
            raise Killed(event)
        made += 1

    with watching(observe):
        try:
            write() if write is not None else write_tree(out, files)
        except Killed:
            pass
    return made


def test_a_kill_before_any_change_of_a_write_leaves_the_old_or_the_new_tree(
    tmp_path: Path, swap: str
) -> None:
    write_tree(tmp_path / "count" / "out", OLD)
    total = run_killed_at(tmp_path / "count" / "out", NEW, None)
    assert tree(tmp_path / "count" / "out") == expected(NEW)
    assert total > len(NEW)  # every file, a folder or two, the swap and the clean-up
    seen = {"old": 0, "new": 0}
    for kill_at in range(total + 1):
        out = tmp_path / str(kill_at) / "out"
        write_tree(out, OLD)
        run_killed_at(out, NEW, kill_at)
        if swap == "exchange":
            # Nothing to recover: the folder itself is always one of the trees.
            assert tree(out) in (expected(OLD), expected(NEW)), f"killed before change {kill_at}"
        writer._recover(out)  # what the next run does first
        found = tree(out)
        assert found in (expected(OLD), expected(NEW)), f"killed before change {kill_at}"
        seen["old" if found == expected(OLD) else "new"] += 1
        # And the next run completes the job, leaving nothing beside the output.
        write_tree(out, NEW)
        assert tree(out) == expected(NEW)
        assert sorted(os.listdir(out.parent)) == ["out"]
    # The kills landed on both sides of the swap.
    assert seen["old"] > 1 and seen["new"] >= 1, seen

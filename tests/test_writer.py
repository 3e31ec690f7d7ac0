"""The output folder is replaced as a whole, atomically, and only when it is docmodels' own."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docmodels import writer
from docmodels.writer import MARKER, MARKER_TEXT, Changes, OutputError, compare, write_tree

FILES = {"pkg/__init__.py": "x = 1\n", "pkg/a.py": "a = 'ä'\n", "docs/README.md": "# Docs\n"}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, caches included."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def stamps(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in [folder, *sorted(folder.rglob("*"))]
    }


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir())


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_writes_a_new_folder(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    changes = write_tree(out, FILES)
    assert changes == Changes(
        added=(MARKER, "docs/README.md", "pkg/__init__.py", "pkg/a.py"), changed=(), removed=()
    )
    assert tree(out) == {
        MARKER: MARKER_TEXT.encode(),
        "docs/README.md": b"# Docs\n",
        "pkg/__init__.py": b"x = 1\n",
        "pkg/a.py": "a = 'ä'\n".encode(),
    }
    assert siblings(out) == ["out"]  # no staging folder left behind


def test_new_folder_has_the_usual_permissions(tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert stat.S_IMODE((out / "pkg").stat().st_mode) == 0o755
    assert stat.S_IMODE((out / "pkg" / "a.py").stat().st_mode) == 0o644
    write_tree(out, {**FILES, "pkg/b.py": ""})  # replaced: the new folder too
    assert stat.S_IMODE(out.stat().st_mode) == 0o755


def test_unchanged_files_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    before = stamps(out)
    inode = out.stat().st_ino
    changes = write_tree(out, dict(reversed(FILES.items())))
    assert not changes
    assert changes.paths == ()
    assert stamps(out) == before
    assert out.stat().st_ino == inode


def test_changes_replace_the_whole_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    (out / "pkg" / "__pycache__").mkdir()
    (out / "pkg" / "__pycache__" / "a.pyc").write_bytes(b"cache")
    new = {"pkg/__init__.py": "x = 2\n", "pkg/b.py": "b = 1\n", "docs/README.md": "# Docs\n"}
    changes = write_tree(out, new)
    assert changes == Changes(added=("pkg/b.py",), changed=("pkg/__init__.py",),
                              removed=("pkg/a.py",))
    assert changes.paths == ("pkg/__init__.py", "pkg/a.py", "pkg/b.py")
    # Exactly the new files: the removed one and the cache are gone with the old tree.
    assert tree(out) == {MARKER: MARKER_TEXT.encode(), **{k: v.encode() for k, v in new.items()}}
    assert siblings(out) == ["out"]


def test_files_a_change_does_not_touch_keep_their_modification_time(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    past = 1_000_000_000_000_000_000  # 2001, in nanoseconds: any rewrite would be newer
    for path in ("pkg/__init__.py", "docs/README.md", MARKER):
        os.utime(out / path, ns=(past, past))
    write_tree(out, {**FILES, "pkg/__init__.py": "x = 2\n"})
    assert (out / "pkg" / "__init__.py").stat().st_mtime_ns != past
    assert (out / "docs" / "README.md").stat().st_mtime_ns == past
    assert (out / MARKER).stat().st_mtime_ns == past
    assert (out / "docs" / "README.md").read_text() == FILES["docs/README.md"]


def test_unchanged_files_are_copied_with_their_times_where_links_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    past = 1_000_000_000_000_000_000
    os.utime(out / "docs" / "README.md", ns=(past, past))

    def no_links(source: object, target: object) -> None:
        raise OSError("hard links are not supported here")

    monkeypatch.setattr(os, "link", no_links)
    write_tree(out, {**FILES, "pkg/__init__.py": "x = 3\n"})
    assert (out / "docs" / "README.md").stat().st_mtime_ns == past
    assert tree(out)["pkg/__init__.py"] == b"x = 3\n"


def test_an_empty_folder_may_be_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    write_tree(out, FILES)
    assert (out / MARKER).is_file()


def test_a_folder_docmodels_did_not_write_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    before = stamps(out)
    with pytest.raises(OutputError) as caught:
        write_tree(out, FILES)
    assert str(caught.value) == (
        f"{out} exists and was not written by docmodels (no .docmodels file in it); "
        "refusing to replace it: choose an empty or new folder (docmodels replaces the whole "
        "folder; for a folder of yours such as src/ or docs/, set package-dir or docs-dir to a "
        "folder inside it, such as src/models)"
    )
    assert tree(out) == {"notes.txt": b"mine"}
    assert stamps(out) == before
    assert siblings(out) == ["out"]


def test_a_file_in_the_way_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("a file", encoding="utf-8")
    with pytest.raises(OutputError):
        write_tree(out, FILES)
    assert out.read_text(encoding="utf-8") == "a file"


@pytest.mark.parametrize(
    "path",
    ["../escape.py", "/etc/passwd", "pkg/../../escape.py", "", "a\\b.py", "a\x00b.py"],
)
def test_paths_outside_the_folder_are_refused(tmp_path: Path, path: str) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    before = tree(out)
    with pytest.raises(OutputError, match="^refusing to write "):
        write_tree(out, {**FILES, path: "x"})
    assert tree(out) == before
    assert siblings(out) == ["out"]


def test_compare_ignores_caches_and_names_every_difference(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    for cache in ("__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"):
        (out / "pkg" / cache).mkdir()
        (out / "pkg" / cache / "x").write_bytes(b"")
    assert not compare(out, FILES)
    (out / "pkg" / "a.py").write_text("edited\n", encoding="utf-8")
    (out / "pkg" / "stale.py").write_text("", encoding="utf-8")
    (out / "docs" / "README.md").unlink()
    assert compare(out, FILES) == Changes(
        added=("docs/README.md",), changed=("pkg/a.py",), removed=("pkg/stale.py",)
    )
    assert compare(tmp_path / "nowhere", {}) == Changes(added=(MARKER,), changed=(), removed=())


def test_failure_while_swapping_leaves_the_old_tree(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    before = tree(out)

    def broken_swap(staging: Path, output: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(writer, "_swap", broken_swap)
    with pytest.raises(OSError, match="disk full"):
        write_tree(out, {"pkg/__init__.py": "new\n"})
    assert tree(out) == before
    assert siblings(out) == ["out"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_two_folders_are_exchanged_atomically_where_libc_can(tmp_path: Path) -> None:
    """Where the C library has renameat2 (glibc 2.28 on), the swap is one atomic exchange: a
    way to find it that stopped finding it would only fall back to two renames, silently."""
    import ctypes

    if not hasattr(ctypes.CDLL(None), "renameat2"):
        pytest.skip("this C library has no renameat2")
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "one").write_text("1")
    assert writer._exchange(first, second)
    assert (second / "one").read_text() == "1" and not (first / "one").exists()


def test_without_atomic_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "_exchange", lambda a, b: False)
    out = tmp_path / "out"
    write_tree(out, FILES)
    changes = write_tree(out, {"pkg/__init__.py": "new\n"})
    assert changes.removed == ("docs/README.md", "pkg/a.py")
    assert tree(out) == {MARKER: MARKER_TEXT.encode(), "pkg/__init__.py": b"new\n"}
    assert siblings(out) == ["out"]


def test_recovers_from_a_kill_between_the_two_renames(tmp_path: Path) -> None:
    """Without atomic exchange the old tree is renamed aside first; a kill right then leaves
    no output folder, only .out.old: the next run puts it back before deciding anything."""
    out = tmp_path / "out"
    write_tree(out, FILES)
    out.rename(tmp_path / ".out.old")
    assert not write_tree(out, FILES)  # the old tree was back, and already up to date
    assert siblings(out) == ["out"]


def test_leftovers_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    (tmp_path / ".out.new-1234").mkdir()
    (tmp_path / ".out.new-1234" / "half.py").write_text("", encoding="utf-8")
    (tmp_path / ".out.old").mkdir()
    (tmp_path / ".other.new-1").mkdir()
    write_tree(out, FILES)
    assert siblings(out) == [".other.new-1", "out"]
    assert tree(out) == {MARKER: MARKER_TEXT.encode(), **{k: v.encode() for k, v in FILES.items()}}


def lock_is_held(folder: Path) -> bool:
    """Whether some open handle holds the flock on ``folder`` (this one conflicts with it even
    in the same process: flock locks belong to open file descriptions)."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)
    return False


def test_the_output_is_replaced_under_a_lock(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A second run waits for the first: its cleanup of leftovers would otherwise delete files
    from the staging folder the first is about to swap in."""
    held: list[tuple[str, bool]] = []
    for name in ("_recover", "_swap"):
        real = getattr(writer, name)

        def checked(*args: Path, _real: Callable[..., None] = real, _name: str = name) -> None:
            held.append((_name, lock_is_held(tmp_path)))
            _real(*args)

        monkeypatch.setattr(writer, name, checked)
    out = tmp_path / "out"
    write_tree(out, FILES)
    write_tree(out, {"pkg/__init__.py": "new\n"})
    assert held == [("_recover", True), ("_swap", True)] * 2
    assert not lock_is_held(tmp_path)  # and released


def test_a_file_system_without_locks_is_written_unlocked(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def no_locks(handle: int, operation: int) -> None:
        raise OSError(errno.EOPNOTSUPP, "Operation not supported")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    out = tmp_path / "out"
    write_tree(out, FILES)
    assert tree(out)[MARKER] == MARKER_TEXT.encode()


def test_other_lock_failures_are_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(handle: int, operation: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(fcntl, "flock", broken)
    with pytest.raises(OSError, match="Input/output error"):
        write_tree(tmp_path / "out", FILES)
    assert siblings(tmp_path / "out") == []


# A tree as big as a real API's: enough files for two threads to make it (writer._THREADED_FROM).
BIG = {
    **{f"pkg/m{i:03}.py": f"n = {i}\n" for i in range(200)},
    **{f"docs/m{i:03}.md": f"# M{i}\n" for i in range(150)},
    "pkg/sub/deep.py": "deep = True\n",
    "README.md": "# Top\n",
}


def test_a_big_tree_is_written_whole_and_told_file_by_file_in_its_order(tmp_path: Path) -> None:
    assert len(BIG) >= writer._THREADED_FROM
    changes, written = writer.write_tree_known(tmp_path / "out", BIG, {})
    assert tree(tmp_path / "out") == {
        MARKER: MARKER_TEXT.encode(), **{p: t.encode() for p, t in BIG.items()}
    }
    assert changes.added == tuple(sorted([MARKER, *BIG]))
    assert list(written) == list(writer.with_marker(BIG))  # as one thread tells them
    for path, known in written.items():
        status = (tmp_path / "out" / path).stat()
        assert (known.inode, known.size) == (status.st_ino, status.st_size)
    assert siblings(tmp_path / "out") == ["out"]


def test_a_failure_in_one_folder_of_a_big_tree_leaves_the_old_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree(out, FILES)
    before = tree(out)
    real = os.makedirs

    def failing(name: str, *args: object, **kwargs: object) -> None:
        if os.path.basename(name) == "docs":
            raise OSError(errno.EIO, "no room", name)
        real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(writer.os, "makedirs", failing)
    with pytest.raises(OSError, match="no room"):
        write_tree(out, BIG)
    assert tree(out) == before
    assert siblings(out) == ["out"]  # the other thread's files went with the staging tree

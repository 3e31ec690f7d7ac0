"""An output folder that cannot itself be renamed (a mount point: EBUSY; an overlay file system's
lower layer: EXDEV) has its contents replaced inside it (docmodels.inplace): each entry at its
top, as a whole, is the old or the new one at every moment."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SPECS
from docmodels import writer
from docmodels.inplace import move_in
from docmodels.writer import MARKER, MARKER_TEXT, write_tree
from test_swap_moments import NEW, OLD, run_killed_at


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def expected(files: dict[str, str]) -> dict[str, str]:
    return {**files, MARKER: MARKER_TEXT}


@pytest.fixture(params=[errno.EBUSY, errno.EXDEV], ids=["EBUSY", "EXDEV"])
def pinned(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """The output folder cannot be renamed, as a mount point cannot."""
    code = int(request.param)

    def refused(staging: Path, output: Path) -> None:
        raise OSError(code, os.strerror(code), str(output))

    monkeypatch.setattr(writer, "_swap", refused)
    return code


def test_the_contents_are_replaced_inside_the_folder(tmp_path: Path, pinned: int) -> None:
    out = tmp_path / "out"
    out.mkdir()  # a mount point exists before the first run
    write_tree(out, OLD)
    assert tree(out) == expected(OLD)
    inode = out.stat().st_ino
    (out / "pkg" / "__pycache__").mkdir()
    (out / "pkg" / "__pycache__" / "a.pyc").write_text("cache", encoding="utf-8")
    past = 1_000_000_000_000_000_000
    os.utime(out / "docs" / "B.md", ns=(past, past))
    changes = write_tree(out, NEW)
    assert changes.removed == ("pkg/b.py",)
    assert tree(out) == expected(NEW)  # the removed file and the cache are gone
    assert out.stat().st_ino == inode  # the same folder
    assert (out / "docs" / "B.md").stat().st_mtime_ns == past  # unchanged: kept as it was
    assert sorted(os.listdir(tmp_path)) == ["out"]
    assert not write_tree(out, NEW)


def test_without_atomic_exchange_each_file_is_replaced(
    tmp_path: Path, pinned: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer, "_exchange", lambda a, b: False)
    out = tmp_path / "out"
    write_tree(out, OLD)
    write_tree(out, NEW)
    assert tree(out) == expected(NEW)
    assert sorted(os.listdir(out)) == [MARKER, "docs", "pkg"]


def test_other_errors_are_not_taken_for_a_mount_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree(out, OLD)

    def full(staging: Path, output: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer, "_swap", full)
    with pytest.raises(OSError, match="No space left"):
        write_tree(out, NEW)
    assert tree(out) == expected(OLD)
    assert sorted(os.listdir(tmp_path)) == ["out"]


def parts(files: dict[str, str], depth: int) -> dict[str, dict[str, str]]:
    """The files grouped by their first ``depth`` path parts: the units replaced as a whole."""
    grouped: dict[str, dict[str, str]] = {}
    for path, content in files.items():
        grouped.setdefault("/".join(path.split("/")[:depth]), {})[path] = content
    return grouped


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "no exchange"])
def test_a_kill_at_any_moment_leaves_each_entry_old_or_new(
    exchange: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the exchange, each entry at the top (the marker, pkg/, docs/) is the complete old or
    new one; without it, each file. The next run completes the job."""
    def busy(staging: Path, output: Path) -> None:
        raise OSError(errno.EBUSY, "Device or resource busy")

    monkeypatch.setattr(writer, "_swap", busy)
    if not exchange:
        monkeypatch.setattr(writer, "_exchange", lambda a, b: False)
    else:
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        real = writer._exchange
        if not real(tmp_path / "a", tmp_path / "b"):
            pytest.skip("no atomic exchange on this system")
        shutil.rmtree(tmp_path / "a")
        shutil.rmtree(tmp_path / "b")

        def audited(a: Path, b: Path) -> bool:
            # A ctypes call raises no audit event: this one lets the kills land on each swap.
            sys.audit("os.rename", a, b, -1, -1)
            return real(a, b)

        monkeypatch.setattr(writer, "_exchange", audited)
    write_tree(tmp_path / "count" / "out", OLD)
    total = run_killed_at(tmp_path / "count" / "out", NEW, None)
    assert tree(tmp_path / "count" / "out") == expected(NEW)
    depth = 1 if exchange else 99
    old, new = parts(expected(OLD), depth), parts(expected(NEW), depth)
    mixed = 0
    for kill_at in range(total + 1):
        out = tmp_path / str(kill_at) / "out"
        write_tree(out, OLD)
        run_killed_at(out, NEW, kill_at)
        writer._recover(out)  # what the next run does first
        found = parts(tree(out), depth)
        for unit in old.keys() | new.keys():
            assert found.get(unit, {}) in (old.get(unit, {}), new.get(unit, {})), (
                f"killed before change {kill_at}: {unit}"
            )
        mixed += found not in (old, new)
        write_tree(out, NEW)
        assert tree(out) == expected(NEW)
        assert sorted(os.listdir(out.parent)) == ["out"]
    assert mixed >= 1  # the moments between two entries' swaps were among those tried


def mounted(folder: Path) -> bool:
    """Whether ``folder`` is a mount point (os.path.ismount misses a bind mount within one file
    system: the device is the same on both sides)."""
    with open("/proc/self/mountinfo", encoding="utf-8") as table:
        points = {line.split()[4].replace("\\040", " ") for line in table}
    return str(folder.resolve()) in points


def can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.fixture
def mount_point(tmp_path: Path) -> Iterator[Path]:
    """``project/out``, a bind mount of another folder, as a container's volume is."""
    if not can_mount():
        pytest.skip("bind mounts need root on Linux")
    volume, out = tmp_path / "volume", tmp_path / "project" / "out"
    volume.mkdir()
    out.mkdir(parents=True)
    done = subprocess.run(["mount", "--bind", str(volume), str(out)], capture_output=True,
                          check=False)
    if done.returncode != 0:
        pytest.skip(f"mount --bind failed: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield out
    finally:
        subprocess.run(["umount", str(out)], check=False)


@pytest.mark.parametrize(
    ("folders", "entries"),
    [
        (["-o", "out"], [MARKER, "docs", "models"]),  # the output folder is the mount point
        # The package folder is (a src/ layout's package folder a volume, say).
        (["--package-dir", "out", "--docs-dir", "docs"],
         sorted([MARKER, "__init__.py", "_runtime.py", "create_session.py",
                 "create_session_200_response.py", "create_session_200_response_timestamps_inner.py",
                 "py.typed", "user_service_access_types.py"])),
    ],
    ids=["output", "package-dir"],
)
def test_generate_into_a_bind_mount(mount_point: Path, folders: list[str], entries: list[str]) -> None:
    project = mount_point.parent
    shutil.copytree(SPECS, project / "specs")

    def docmodels(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "docmodels", *args, "--no-cache", "specs", *folders],
            cwd=project, capture_output=True, text=True, check=False,
            env={**os.environ, "PYTHONPATH": str(REPO / "generator")},
        )

    first = docmodels("generate")
    assert (first.returncode, first.stderr) == (0, "")
    assert mounted(mount_point)
    page = project / "specs" / "python" / "CreateSession.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Model used", "Model now used", 1),
                    encoding="utf-8")
    second = docmodels("generate")
    assert (second.returncode, second.stderr) == (0, "")
    assert "file(s) changed" in second.stdout
    assert docmodels("check").returncode == 0
    assert sorted(os.listdir(project)) == sorted({"out", "specs", *folders[3:]})
    assert sorted(os.listdir(mount_point)) == entries
    assert mounted(mount_point)


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "no exchange"])
def test_a_file_where_a_folder_was_and_the_reverse(exchange: bool, tmp_path: Path) -> None:
    new, current = tmp_path / "current" / ".new", tmp_path / "current"
    (current / "was_folder").mkdir(parents=True)
    (current / "was_folder" / "x.py").write_text("old", encoding="utf-8")
    (current / "was_file").write_text("old", encoding="utf-8")
    (current / "gone").write_text("old", encoding="utf-8")
    (new / "was_file").mkdir(parents=True)
    (new / "was_file" / "y.py").write_text("new", encoding="utf-8")
    (new / "was_folder").write_text("new", encoding="utf-8")

    def swap(a: str, b: str) -> bool:
        return exchange and writer._exchange(Path(a), Path(b))

    move_in(str(new), str(current), swap, MARKER, keep=".new")
    shutil.rmtree(new)
    assert tree(current) == {"was_file/y.py": "new", "was_folder": "new"}

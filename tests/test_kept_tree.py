"""The tree a swap takes out of the output folder is kept (in the cache folder) as the next run's
staging tree, so that a run changes in it only what differs (docmodels.kept, writer._restage):
the cost of a write follows the files that changed, and every guarantee of a write still holds.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from docmodels import kept, writer
from docmodels.cli import main
from docmodels.writer import MARKER, MARKER_TEXT, write_tree, write_tree_known
from generated import python_page, write_page
from test_swap_moments import _is_change, watching
from test_swap_moments import run_killed_at as killed_at

PAGES = {f"pkg/m{index}.py": f"m = {index}\n" for index in range(40)}
FILES = {**PAGES, "pkg/__init__.py": "", "docs/A.md": "# A\n", "docs/B.md": "# B\n"}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def expected(files: dict[str, str]) -> dict[str, bytes]:
    return {path: text.encode() for path, text in {**files, MARKER: MARKER_TEXT}.items()}


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino
            for p in folder.rglob("*") if p.is_file()}  # fmt: skip


def write(out: Path, files: dict[str, str], keep: Path) -> None:
    write_tree_known(out, files, {}, None, keep)


def kept_tree(keep: Path, out: Path) -> Path:
    return keep / kept.key(out)


def changes_made(out: Path, files: dict[str, str], keep: Path) -> Counter[str]:
    """The file-system changes writing ``files`` makes, by kind (as test_swap_moments sees
    them): "write" for a file opened to be written."""
    made: Counter[str] = Counter()

    def observe(event: str, args: tuple[Any, ...]) -> None:
        if _is_change(event, args, out.parent):
            made["write" if event == "open" else event] += 1

    with watching(observe):
        write(out, files, keep)
    return made


def test_a_one_file_change_touches_only_that_file_in_the_staging_tree(tmp_path: Path) -> None:
    out, keep = tmp_path / "out" / "models", tmp_path / "cache" / "kept"
    write(out, FILES, keep)
    write(out, {**FILES, "pkg/m7.py": "m = 'seven'\n"}, keep)  # the first tree is kept
    before = inodes(out)
    made = changes_made(out, {**FILES, "pkg/m7.py": "m = 'seven, again'\n"}, keep)
    # The changed file is written; none of the 44 others is linked, copied or removed.
    assert made["write"] == 1
    assert made["os.link"] == 0 and made["shutil.copyfile"] == 0
    assert made["os.remove"] == 1  # the kept tree's older version of the changed file
    assert tree(out) == expected({**FILES, "pkg/m7.py": "m = 'seven, again'\n"})
    after = inodes(out)
    assert {path for path in after if after[path] != before[path]} == {"pkg/m7.py"}
    # A file the previous run changed is linked again, from the output, into the older tree.
    made = changes_made(out, {**FILES, "pkg/m7.py": "m = 'seven, again'\n", "pkg/m8.py": ""},
                        keep)
    assert (made["write"], made["os.link"], made["os.remove"]) == (1, 1, 2)
    assert sorted(os.listdir(out.parent)) == ["models"]  # nothing kept beside the output


EDITS: list[dict[str, str]] = [
    FILES,
    {**FILES, "pkg/m1.py": "changed\n"},  # changed
    {**FILES, "pkg/m1.py": "changed\n", "pkg/new.py": "new\n", "docs/C.md": "# C\n"},  # added
    {k: v for k, v in FILES.items() if k != "pkg/m2.py" and not k.startswith("docs/")},  # removed
    {**{k: v for k, v in FILES.items() if not k.startswith("docs/")},
     "docs": "a file where a folder was\n"},
    {**FILES, "docs/deep/er/D.md": "# D\n", "pkg/m1.py": "changed\n"},  # a folder again
    FILES,  # back to the first tree
]


def test_a_sequence_of_edits_gives_what_a_cold_run_gives(tmp_path: Path) -> None:
    out, keep = tmp_path / "out", tmp_path / "cache" / "kept"
    for step, files in enumerate(EDITS):
        before = inodes(out) if out.is_dir() else {}
        write(out, files, keep)
        cold = tmp_path / "cold" / str(step)
        write_tree(cold, files)
        assert tree(out) == tree(cold) == expected(files), f"edit {step}"
        after = inodes(out)
        edited = ("pkg/m3.py", "pkg/m4.py")  # by hand, below: written again
        unchanged = [p for p in after if p in before and p not in edited
                     and EDITS[step - 1].get(p) == files.get(p)]  # fmt: skip
        assert all(after[p] == before[p] for p in unchanged), f"edit {step}"
        assert set(os.listdir(tmp_path)) <= {"cache", "cold", "out"}  # nothing beside "out"
        if step:
            assert kept_tree(keep, out).is_dir()  # the tree the swap took out
        # What a user does to the output folder while it is live is in the tree kept next
        # time: a cache of Python's, a file added, a file edited where it is (so that the
        # kept tree's link to it changes too) and one replaced.
        (out / "pkg" / "__pycache__").mkdir()
        (out / "pkg" / "__pycache__" / "m0.pyc").write_bytes(b"cache")
        (out / "pkg" / "stray.py").write_text("mine\n", "utf-8")
        with open(out / "pkg" / "m3.py", "a", encoding="utf-8") as stream:
            stream.write("# edited in place\n")
        (out / "pkg" / "m4.tmp").write_text("replaced\n", "utf-8")
        os.replace(out / "pkg" / "m4.tmp", out / "pkg" / "m4.py")
        # And a hand edit inside the kept tree itself, and a file left there.
        if kept_tree(keep, out).is_dir():
            inside = kept_tree(keep, out) / "pkg"
            (inside / "m5.py").unlink()
            (inside / "m5.py").write_text("tampered\n", "utf-8")
            (inside / "left.py").write_text("left\n", "utf-8")


def test_a_deleted_output_folder_is_written_whole(tmp_path: Path) -> None:
    out, keep = tmp_path / "out", tmp_path / "cache" / "kept"
    write(out, FILES, keep)
    write(out, {**FILES, "pkg/m1.py": "x\n"}, keep)
    assert kept_tree(keep, out).is_dir()
    shutil.rmtree(out)
    write(out, FILES, keep)
    assert tree(out) == expected(FILES)
    assert not kept_tree(keep, out).exists()  # nothing of it was the output's any more


OLD = {**FILES, "pkg/m1.py": "old\n", "docs/gone.md": "# gone\n"}
MID = {**FILES, "pkg/m1.py": "mid\n", "pkg/m2.py": "mid\n"}
NEW = {**{k: v for k, v in FILES.items() if k != "docs/B.md"}, "pkg/m2.py": "new\n",
       "pkg/m3.py": "new\n", "docs/C/D.md": "# D\n"}  # fmt: skip


def run_killed_at(out: Path, files: dict[str, str], keep: Path, kill_at: int | None) -> int:
    """``test_swap_moments.run_killed_at`` with a kept tree: changes counted in the cache too."""
    return killed_at(
        out, files, kill_at, lambda: write(out, files, keep), within=out.parent.parent
    )


def test_a_kill_while_the_kept_tree_is_changed_or_swapped_leaves_the_old_or_the_new_tree(
    tmp_path: Path, swap: str
) -> None:
    """Killed before each change of a write that takes the kept tree back, changes it, swaps it
    in and keeps the old one: the output is the old or the new tree; the kept folder holds only
    trees that were once the output, whole; and the next runs complete the job exactly."""

    def prepared(name: str) -> tuple[Path, Path]:
        out, keep = tmp_path / name / "work" / "out", tmp_path / name / "cache" / "kept"
        write(out, OLD, keep)
        write(out, MID, keep)  # OLD's tree is kept: the next write changes it into NEW's
        return out, keep

    out, keep = prepared("count")
    total = run_killed_at(out, NEW, keep, None)
    assert tree(out) == expected(NEW)
    assert tree(kept_tree(keep, out)) == expected(MID)
    assert total < len(NEW)  # the files that differ, not every file
    seen = set()
    for kill_at in range(total + 1):
        out, keep = prepared(str(kill_at))
        run_killed_at(out, NEW, keep, kill_at)
        writer._recover(out)  # what the next run does first
        found = tree(out)
        assert found in (expected(MID), expected(NEW)), f"killed before change {kill_at}"
        seen.add("mid" if found == expected(MID) else "new")
        held = [tree(p) for p in keep.iterdir()] if keep.is_dir() else []
        assert all(t in (expected(MID), expected(OLD)) for t in held), f"at {kill_at}"
        for files in (NEW, OLD, MID):  # and the next runs write exactly what they are given
            write(out, files, keep)
            assert tree(out) == expected(files), f"killed before change {kill_at}"
            assert sorted(os.listdir(out.parent)) == ["out"]
    assert seen == {"mid", "new"}


def test_generate_keeps_the_tree_in_the_cache_and_cache_clear_deletes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(cache))
    specs, out, cold = tmp_path / "specs", tmp_path / "out", tmp_path / "cold"
    for index in range(6):
        write_page(specs, f"Pet{index}", python_page(f"Pet{index}", ["**name** | **str** |  | "]))
    edits = [
        lambda: None,
        lambda: write_page(specs, "Pet1", python_page("Pet1", ["**age** | **int** |  | "])),
        lambda: write_page(specs, "Toy", python_page("Toy", ["**id** | **int** |  | "])),
        lambda: (specs / "Pet2.md").unlink(),
        lambda: write_page(specs, "Pet1", python_page("Pet1", ["**name** | **str** |  | "])),
    ]
    for step, edit in enumerate(edits):
        edit()
        assert main(["generate", str(specs), "-o", str(out), "-q"]) == 0
        shutil.rmtree(cold, ignore_errors=True)
        assert main(["generate", str(specs), "-o", str(cold), "-q", "--no-cache"]) == 0
        assert tree(out) == tree(cold), f"edit {step}"
    assert sorted(os.listdir(tmp_path)) == ["cache", "cold", "out", "specs"]
    assert kept_tree(cache / "kept", out).is_dir()
    capsys.readouterr()
    assert main(["cache", "show"]) == 0
    assert "kept/" in capsys.readouterr().out
    assert main(["cache", "clear"]) == 0
    assert not (cache / "kept").exists()
    assert tree(out) == tree(cold)  # the output's files are the output's: untouched


def test_at_most_a_few_trees_are_kept(tmp_path: Path) -> None:
    keep = tmp_path / "cache" / "kept"
    for index in range(kept.TREES + 2):
        out = tmp_path / f"out{index}"
        write(out, FILES, keep)
        write(out, {**FILES, "pkg/m1.py": "x\n"}, keep)
        os.utime(kept_tree(keep, out), ns=(index * 10**9, index * 10**9))
    names = sorted(os.listdir(keep))
    assert len(names) == kept.TREES
    # The least recently used went first.
    assert kept.key(tmp_path / "out0") not in names and kept.key(tmp_path / "out1") not in names


def test_cache_show_counts_only_the_bytes_the_kept_trees_alone_hold(tmp_path: Path) -> None:
    from docmodels.cachesize import usage

    out, cache = tmp_path / "out", tmp_path / "cache"
    write(out, FILES, cache / "kept")
    write(out, {**FILES, "pkg/m7.py": "m = 'seven'\n"}, cache / "kept")
    found = {part.folder: part for part in usage(cache)}
    # Every file of the kept tree is a hard link to the output's but the older m7.py.
    assert (found["kept"].entries, found["kept"].size) == (len(FILES) + 1, len(FILES["pkg/m7.py"]))

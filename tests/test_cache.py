"""The cache folder: where it is on each platform, the folders it holds, its size bound (least
recently used entries evicted first, at most one look an hour), and `docmodels cache`."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SPECS
from docmodels.cachedir import FOLDERS, cache_dir, default_cache_dir
from docmodels.cachesize import STAMP, TAG, BoundError, bound, clear, trim, usage
from docmodels.cli import main
from docmodels.emit.formatting import FormatCache
from docmodels.pagecache import PageCache
from docmodels.reading import PageReading

HOME = Path("/home/ada")
DAY = 86400.0


# Where the cache folder is.

def test_linux_uses_xdg_cache_home() -> None:
    environ = {"XDG_CACHE_HOME": "/var/cache/ada"}
    assert default_cache_dir("linux", environ, HOME) == Path("/var/cache/ada/docmodels")


@pytest.mark.parametrize("xdg", ["", "relative/cache"])  # the XDG spec: relative is invalid
def test_linux_without_a_usable_xdg_cache_home_uses_dot_cache(xdg: str) -> None:
    assert default_cache_dir("linux", {"XDG_CACHE_HOME": xdg}, HOME) == HOME / ".cache/docmodels"


def test_macos_uses_library_caches() -> None:
    environ = {"XDG_CACHE_HOME": "/ignored"}
    assert default_cache_dir("darwin", environ, HOME) == HOME / "Library/Caches/docmodels"


def test_windows_uses_local_app_data() -> None:
    environ = {"LOCALAPPDATA": "C:/Users/ada/AppData/Local"}
    assert default_cache_dir("win32", environ, HOME) == Path(
        "C:/Users/ada/AppData/Local/docmodels/Cache")
    assert default_cache_dir("win32", {}, HOME) == HOME / "AppData/Local/docmodels/Cache"


def test_docmodels_cache_dir_overrides_the_platform_folder() -> None:
    assert cache_dir({"DOCMODELS_CACHE_DIR": "/tmp/c", "XDG_CACHE_HOME": "/x"}) == Path("/tmp/c")
    assert cache_dir({"XDG_CACHE_HOME": "/x"}) == Path("/x/docmodels")


# What it holds.

def _generate(project: Path, *options: str) -> int:
    return main(["generate", str(SPECS), "-o", str(project / "out"), *options])


def test_a_run_writes_each_kind_of_entry_in_a_folder_named_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(cache))
    assert _generate(tmp_path, "--black") == 0  # --black: black's output is cached too
    assert {p.name for p in cache.iterdir()} == set(FOLDERS) | {STAMP, TAG}
    # Backup tools skip a folder so tagged (https://bford.info/cachedir/).
    assert (cache / TAG).read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
    assert all(any(p.rglob("*")) for p in cache.iterdir() if p.is_dir())


@pytest.mark.parametrize("read", ["page", "formatted"])
def test_reading_an_entry_marks_it_used(tmp_path: Path, read: str) -> None:
    if read == "page":  # the page cache's store, as a whole
        pages = PageCache(tmp_path)
        pages.put("ab" * 32, pages_result())
        pages.save()
        path, get = pages.path, lambda: PageCache(tmp_path).get("ab" * 32)
    else:
        formatted = FormatCache(tmp_path)
        key = FormatCache.key("x = 1\n")
        formatted.put(key, "x = 1\n")
        path, get = tmp_path / key[:2] / key, lambda: formatted.get(key)
    os.utime(path, (1_000_000, 1_000_000))
    assert get() is not None
    assert path.stat().st_mtime > 1_000_000


def pages_result() -> PageReading:
    return PageReading(None, (), ())


def test_the_pages_of_a_run_are_remembered_in_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(cache))
    assert _generate(tmp_path) == 0
    assert len([p for p in (cache / "pages").rglob("*") if p.is_file()]) == 1


def _big(note: str) -> PageReading:
    from docmodels.diagnostics import Location, warning

    return PageReading(None, (warning(Location("P.md"), note * (1 << 20)),), ())


def test_a_page_store_holding_twice_what_a_run_used_keeps_only_that(tmp_path: Path) -> None:
    first = PageCache(tmp_path)
    for n in range(4):
        first.put(f"{n}" * 64, _big(str(n)))
    first.save()
    before = first.path.stat().st_size
    second = PageCache(tmp_path)
    assert second.get("1" * 64) == _big("1")
    second.save()
    assert first.path.stat().st_size < before / 3
    third = PageCache(tmp_path)
    assert third.get("1" * 64) == _big("1")
    assert third.get("2" * 64) is None
    third.close()


def test_a_store_written_again_keeps_the_entries_a_run_kept_without_reading(
    tmp_path: Path,
) -> None:
    first = PageCache(tmp_path)
    for n in range(6):
        first.put(f"{n}" * 64, _big(str(n)))
    first.save()
    second = PageCache(tmp_path)
    assert second.get("1" * 64) == _big("1")
    second.keep("2" * 64)  # (a watch had it in memory)
    second.keep("9" * 64)  # (not in the store: nothing to keep)
    second.save()
    third = PageCache(tmp_path)
    assert third.get("2" * 64) == _big("2") and third.get("1" * 64) == _big("1")
    assert third.get("3" * 64) is None
    third.close()


def test_a_store_cut_short_keeps_the_entries_before_the_cut(tmp_path: Path) -> None:
    first = PageCache(tmp_path)
    for n in range(3):
        first.put(f"{n}" * 64, _big(str(n)))
    first.save()
    data = first.path.read_bytes()
    first.path.write_bytes(data[: len(data) - 10])
    second = PageCache(tmp_path)
    assert second.get("0" * 64) == _big("0") and second.get("1" * 64) == _big("1")
    assert second.get("2" * 64) is None
    second.put("2" * 64, _big("2"))  # appended after the last whole entry
    second.save()
    assert PageCache(tmp_path).get("2" * 64) == _big("2")


# The size bound.

def test_the_bound_is_200_mib_unless_set() -> None:
    assert bound({}) == 200 << 20
    assert bound({"DOCMODELS_CACHE_MAX_MIB": "1024"}) == 1 << 30
    assert bound({"DOCMODELS_CACHE_MAX_MIB": "0"}) == 0


@pytest.mark.parametrize("text", ["-1", "1.5", "200MB", "lots"])
def test_a_bound_that_is_not_whole_mib_is_refused(text: str) -> None:
    with pytest.raises(BoundError, match="DOCMODELS_CACHE_MAX_MIB must be a whole number"):
        bound({"DOCMODELS_CACHE_MAX_MIB": text})


def test_a_bound_that_is_not_whole_mib_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DOCMODELS_CACHE_MAX_MIB", "lots")
    assert _generate(tmp_path) == 2
    assert "DOCMODELS_CACHE_MAX_MIB must be a whole number of MiB, not 'lots'" in (
        capsys.readouterr().err)


def _entry(root: Path, relative: str, size: int, used: float) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    os.utime(path, (used, used))
    return path


def test_above_the_bound_the_least_recently_used_entries_go_first(tmp_path: Path) -> None:
    now = 100 * DAY
    oldest = _entry(tmp_path, "0f/1", 200, now - 5 * DAY)  # before 0.1.0: ours too
    legacy = _entry(tmp_path, "black/bb/2", 300, now - 4 * DAY)
    older = _entry(tmp_path, "rendered/3", 300, now - 3 * DAY)
    recent = _entry(tmp_path, "formatted/cc/4", 200, now - 2 * DAY)
    newest = _entry(tmp_path, "runs/5", 200, now - 1 * DAY)
    result = trim(tmp_path, 1000, since=now, now=now)
    # 1,200 bytes above a bound of 1,000: down to nine tenths of it at most, oldest first.
    assert (result.evicted, result.freed, result.size) == (2, 500, 700)
    assert not oldest.exists() and not legacy.exists()
    assert older.exists() and recent.exists() and newest.exists()


def test_what_this_run_used_stays_even_above_the_bound(tmp_path: Path) -> None:
    now = 100 * DAY
    old = _entry(tmp_path, "pages/aa/1", 100, now - DAY)
    this_run = _entry(tmp_path, "rendered/2", 5000, now - 10)
    result = trim(tmp_path, 0, since=now - 60, now=now)
    assert not old.exists() and this_run.exists()
    assert result.size == 5000


def test_only_docmodels_folders_are_counted_or_evicted(tmp_path: Path) -> None:
    now = 100 * DAY
    theirs = _entry(tmp_path, "notes/big.bin", 10_000, now - 9 * DAY)
    _entry(tmp_path, "0g/x", 10_000, now - 9 * DAY)  # not a hex digit
    _entry(tmp_path, "abc/x", 10_000, now - 9 * DAY)  # three
    top = _entry(tmp_path, "readme.txt", 10, now - 9 * DAY)
    ours = _entry(tmp_path, "pages/aa/1", 10, now - DAY)
    assert trim(tmp_path, 100, since=now, now=now).evicted == 0
    assert theirs.exists() and top.exists() and ours.exists()


def test_a_trim_looks_at_most_once_an_hour(tmp_path: Path) -> None:
    now = 100 * DAY
    first = _entry(tmp_path, "pages/aa/1", 100, now - DAY)
    assert trim(tmp_path, 1 << 20, since=now, now=now).scanned
    second = _entry(tmp_path, "pages/aa/2", 100, now - DAY)
    skipped = trim(tmp_path, 0, since=now + 60, now=now + 60)
    assert not skipped.scanned and first.exists() and second.exists()
    assert trim(tmp_path, 0, since=now + 3601, now=now + 3601).evicted == 2


def test_a_run_trims_the_cache_to_the_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    stale = _entry(cache, "pages/aa/stale", 1 << 20, 1_000_000)  # from a run long ago
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(cache))
    monkeypatch.setenv("DOCMODELS_CACHE_MAX_MIB", "0")
    assert _generate(tmp_path) == 0
    assert not stale.exists()
    assert sum(u.entries for u in usage(cache)) > 0  # what the run used stays
    monkeypatch.delenv("DOCMODELS_CACHE_MAX_MIB")


# `docmodels cache`.

def test_cache_show_prints_the_folder_its_size_and_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(cache))
    _entry(cache, "pages/aa/1", 3 << 20, 1_000_000)
    _entry(cache, "runs/2", 1 << 20, 1_000_000)
    _entry(cache, "0a/3", 1 << 19, 1_000_000)  # black's results before 0.1.0
    _entry(cache, "ff/4", 1 << 19, 1_000_000)
    assert main(["cache", "show"]) == 0
    out = capsys.readouterr().out
    assert f"folder:  {cache} ($DOCMODELS_CACHE_DIR)" in out
    assert "size:    5 MiB of 200 MiB ($DOCMODELS_CACHE_MAX_MIB)" in out
    assert "entries: 4\n" in out
    assert "pages/" in out and "what reading each page gave" in out
    assert "00/ to ff/" in out and "2  from an older docmodels" in out


def test_cache_show_with_an_unreadable_bound_says_so_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("DOCMODELS_CACHE_MAX_MIB", "1GB")
    assert main(["cache", "show"]) == 2
    shown = capsys.readouterr()
    assert "DOCMODELS_CACHE_MAX_MIB must be a whole number of MiB, not '1GB'" in shown.err
    assert f"folder:  {tmp_path}" in shown.out


def test_cache_clear_deletes_every_entry_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(cache))
    assert _generate(tmp_path) == 0
    _entry(cache, "black/aa/old", 10, 1_000_000)
    _entry(cache, "ab/old", 10, 1_000_000)
    theirs = _entry(cache, "notes.txt", 10, 1_000_000)
    capsys.readouterr()
    assert main(["cache", "clear"]) == 0
    assert capsys.readouterr().out.startswith(f"docmodels: cleared {cache} (")
    assert sorted(p.name for p in cache.iterdir()) == [TAG, theirs.name]  # still a cache
    assert usage(cache) == []


def test_a_cleared_cache_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(cache))
    assert _generate(tmp_path) == 0
    written = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("out/**/*.py")}
    clear(cache)
    shutil.rmtree(tmp_path / "out")
    assert _generate(tmp_path) == 0
    assert {p.relative_to(tmp_path): p.read_bytes()
            for p in tmp_path.rglob("out/**/*.py")} == written


def test_each_run_of_watch_trims_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docmodels import watch

    cache = tmp_path / "cache"
    stale = _entry(cache, "pages/aa/stale", 1 << 20, 1_000_000)
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(cache))
    monkeypatch.setenv("DOCMODELS_CACHE_MAX_MIB", "0")

    def one_run(watched: object, base: object,
                run: Callable[[frozenset[str] | None], watch.Outcome],
                **options: object) -> watch.Outcome:
        run(None)
        return watch.Outcome(0, failure="stopped by the test")

    monkeypatch.setattr(watch, "watch", one_run)
    assert main(["watch", str(SPECS), "-o", str(tmp_path / "out")]) == 2
    assert not stale.exists()
    assert sum(u.entries for u in usage(cache)) > 0

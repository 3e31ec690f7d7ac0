"""A run with a cache folder reads only the pages whose reading the page cache does not hold: the
run's fingerprint has every page's hash (by its status, for a page as the last run found it),
and the cache holds readings by it (load.Unread). What a page says is never taken from a hash
that no longer describes it."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest
from docmodels import load, pagecache
from docmodels.cli import _generate_once, _Show
from docmodels.config import Settings
from docmodels.diagnostics import Diagnostic
from docmodels.load import Unread
from docmodels.source import read_bytes
from test_incremental_build import STEPS, edit, initial
from test_watch import files_of
from test_watch_session import FOLDER_STEPS


def generate(tmp_path: Path, output: str, cache: Path | None) -> tuple[int, dict[str, bytes]]:
    settings = Settings(specs=(Path("specs"),), output=Path(output))
    outcome = _generate_once(settings, None, cache, _Show())
    return outcome.errors, files_of(tmp_path / output)


def test_a_generate_after_a_page_changed_reads_that_page_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    initial(tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    generate(tmp_path, "out", tmp_path / "cache")
    edit(tmp_path / "specs" / "Beta.md", "The second one.", "The 2nd one.")
    read: list[str] = []

    def spied(path: Path, shown: str) -> bytes | Diagnostic:
        read.append(Path(shown).name)
        return read_bytes(path, shown)

    monkeypatch.setattr(load, "read_bytes", spied)
    generate(tmp_path, "out", tmp_path / "cache")
    assert read == ["Beta.md"]


def test_every_generate_with_a_cache_equals_one_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Through every change the incremental and watch tests make (pages changed, added,
    renamed, deleted; key conventions an API page's example shows; errors)."""
    folder = tmp_path / "specs"
    initial(folder)
    monkeypatch.chdir(tmp_path)
    for _, step in [("nothing yet", lambda f: None), *STEPS, *FOLDER_STEPS]:
        step(folder)
        assert generate(tmp_path, "out", tmp_path / "cache") == generate(
            tmp_path, "cold", None)


def test_a_page_changed_since_its_hash_was_taken_is_read_as_it_is(tmp_path: Path) -> None:
    page = tmp_path / "Pet.md"
    page.write_bytes(b"# Pet\n")
    stale = Unread(page, hashlib.sha256(b"# Cat\n").hexdigest(), 6)
    data, _, _, entry = load._task(stale, "Pet.md", None, pagecache.key_of(
        stale.sha256, "Pet.md", None))
    # Remembered by what was read, never under the hash it no longer has.
    assert data == b"# Pet\n" and entry == pagecache.key(b"# Pet\n", "Pet.md", None)


def test_a_page_gone_since_its_hash_was_taken_is_left_out_and_not_remembered(
    tmp_path: Path,
) -> None:
    gone = Unread(tmp_path / "Gone.md", hashlib.sha256(b"# Gone\n").hexdigest(), 7)
    data, _, _, entry = load._task(gone, "Gone.md", None, "ab" * 32)
    assert isinstance(data, Diagnostic) and "cannot read" in data.message
    assert entry is None
    reading, encoded = load._read_one((data, "Gone.md", None, entry))
    assert reading.left_out is not None and encoded is None


def test_a_page_over_the_size_limit_is_read_to_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from docmodels.runs import PageState

    page = tmp_path / "Big.md"
    page.write_bytes(b"# Big\n")
    monkeypatch.setattr(load, "MAX_PAGE_BYTES", 3)
    monkeypatch.setattr("docmodels.source.MAX_PAGE_BYTES", 3)
    found = load._page(page, "Big.md", None, {os.fspath(page): PageState("0" * 64, 6, 0, 0, 0)})
    assert isinstance(found, Diagnostic) and "the limit is 3 bytes" in found.message


def test_a_page_whose_status_changed_is_hashed_again_though_its_size_and_time_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page made unreadable (chmod) keeps its size, time and inode: trusted by those, a run
    would take its reading from the cache where a run from scratch says it cannot be read."""
    from docmodels import runs

    initial(tmp_path / "specs")
    old = time.time_ns() - 60_000_000_000  # (saved a minute ago: not within the racy window)
    for page in (tmp_path / "specs").glob("*.md"):
        os.utime(page, ns=(old, old))
    monkeypatch.chdir(tmp_path)
    generate(tmp_path, "out", tmp_path / "cache")
    hashed: list[str] = []
    real = runs._page_hash
    monkeypatch.setattr(runs, "_page_hash", lambda path: (hashed.append(path.name),
                                                          real(path))[1])
    (tmp_path / "specs" / "Beta.md").chmod(0o600)
    generate(tmp_path, "out", tmp_path / "cache")
    assert hashed == ["Beta.md"]

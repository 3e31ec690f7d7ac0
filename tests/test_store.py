"""The appended store (store.py): entries of bytes by key in one file, the keys read once, each
entry read when asked; a later entry of a key wins; a record cut short (a kill during an append)
keeps the entries before it; a file of another kind holds nothing."""

from __future__ import annotations

import mmap
from pathlib import Path

import pytest
from docmodels import store
from docmodels.store import AppendStore

HEAD = b"docmodels test store 1\n"


def kept(path: Path, entries: dict[str, bytes]) -> None:
    written = AppendStore(path, HEAD)
    for key, data in entries.items():
        written.add(key, data)
    written.save()


def read(path: Path) -> dict[str, bytes]:
    """Each key's entry (b"" where it is damaged), as the store reads them one at a time; its
    reading in one pass (``read_all``, the render memo's) must find the same, less the damaged."""
    with path.open("rb") as stream:
        index, _ = store.index_of(stream, HEAD)
    found = AppendStore(path, HEAD)
    try:
        one_by_one = {key: found.get(key, bytes) for key in index}
    finally:
        found.close()
    whole = AppendStore(path, HEAD)
    try:
        assert whole.read_all(bytes) == {k: v for k, v in one_by_one.items() if v is not None}
    finally:
        whole.close()
    return {key: entry or b"" for key, entry in one_by_one.items()}


def test_a_store_read_whole_appends_after_its_whole_records(tmp_path: Path) -> None:
    path = tmp_path / "store"
    kept(path, {"a": b"one", "b": b"two"})
    whole = path.read_bytes()
    kept(path, {"c": b"three"})
    path.write_bytes(path.read_bytes()[: len(whole) + 4])  # (a kill during an append)
    reader = AppendStore(path, HEAD)
    assert reader.read_all(bytes) == {"a": b"one", "b": b"two"}
    assert reader.holds("b") and not reader.holds("c")
    reader.add("d", b"four")
    reader.keep("a")
    reader.save()
    assert read(path) == {"a": b"one", "b": b"two", "d": b"four"}


def test_entries_read_back_and_a_later_entry_of_a_key_wins(tmp_path: Path) -> None:
    path = tmp_path / "store"
    kept(path, {"a": b"one", "b": b"two\nlines", "c": b""})
    kept(path, {"a": b"again"})
    assert read(path) == {"a": b"again", "b": b"two\nlines", "c": b""}
    reader = AppendStore(path, HEAD)
    assert reader.holds("b") and not reader.holds("d")
    reader.close()


@pytest.mark.parametrize("cut", [1, 5, 9])
def test_a_record_cut_short_keeps_the_entries_before_it(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "store"
    kept(path, {"a": b"one", "b": b"two"})
    whole = path.read_bytes()
    kept(path, {"c": b"three"})
    path.write_bytes(path.read_bytes()[: len(whole) + cut])
    assert read(path) == {"a": b"one", "b": b"two"}
    kept(path, {"d": b"four"})  # (appended after the whole records: the cut one is dropped)
    assert read(path) == {"a": b"one", "b": b"two", "d": b"four"}


def test_a_file_of_another_kind_holds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "store"
    kept(path, {"a": b"one"})
    path.write_bytes(b"docmodels other store 1\n" + path.read_bytes()[len(HEAD):])
    assert read(path) == {}
    path.write_bytes(b"")
    assert read(path) == {}


def test_the_keys_are_read_alike_where_no_file_can_be_mapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store"
    kept(path, {f"key{n}": bytes(n) for n in range(50)})
    path.write_bytes(path.read_bytes()[:-7])  # (the last record cut short)
    with path.open("rb") as stream:
        mapped = store.index_of(stream, HEAD)

    def no_mapping(*args: object, **kwargs: object) -> mmap.mmap:
        raise ValueError("cannot mmap")

    monkeypatch.setattr(mmap, "mmap", no_mapping)
    with path.open("rb") as stream:
        assert store.index_of(stream, HEAD) == mapped
    assert len(mapped[0]) == 49


def test_an_entry_changed_in_place_is_no_entry_and_the_others_are_read(tmp_path: Path) -> None:
    """A byte of an entry's data changed (by a disk, by hand) keeps the file's shape: its CRC
    tells, and the entry is not even handed to the check (which would have believed a changed
    description, say), nor kept when the store is written again."""
    path = tmp_path / "store"
    kept(path, {"a": b"one entry", "b": b"another entry"})
    data = path.read_bytes()
    at = data.index(b"one entry") + 4
    path.write_bytes(data[:at] + b"E" + data[at + 1:])
    reader = AppendStore(path, HEAD)
    checked: list[bytes] = []
    assert reader.get("a", lambda entry: (checked.append(entry), entry)[1]) is None
    assert reader.get("b", bytes) == b"another entry" and checked == []
    reader.close()
    assert read(path) == {"a": b"", "b": b"another entry"}



def test_a_store_rewritten_holds_exactly_what_it_was_given(tmp_path: Path) -> None:
    path = tmp_path / "store"
    kept(path, {"a": b"one", "b": b"two"})
    writer = AppendStore(path, HEAD)
    writer.rewrite(iter([("b", b"two"), ("c", b"three\n"), ("d", b"")]))
    assert read(path) == {"b": b"two", "c": b"three\n", "d": b""}


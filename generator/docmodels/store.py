"""An appended store: entries of bytes by key, in one file, read one at a time.

What reading each page gave (pagecache.py) and the models a load gave (loaded.py) are kept so:
a run opens one file, not one per entry (10,000 at 10,000 pages), reads the keys, then each
entry it asks for, and appends the entries it makes; an entry not asked for is never read, so
what a run holds is bounded by what it uses. The render memo (emit/memo.py), whose runs take
nearly every entry, reads them all in one pass (``read_all``).

The file is a head line (the store's kind), then for each entry a line of two byte counts and
the data's CRC-32, ``KEY_BYTES DATA_BYTES CRC``, then the key and the data (``record``). New
entries are appended as they are made (under a
lock; a run that cannot have it remembers nothing new); a later entry of a key wins.
Loading reads the counts and keys only; where a record is cut short (a kill during an append)
the entries before it are kept. When the file holds more than twice what the run used, it is
written again with only that (atomically). The store only holds bytes: each user checks every
entry it reads (``get``'s ``check``), a foreign, corrupt or hostile one being one more entry not
found; an entry whose data is not what its CRC says (a byte changed, by a disk or by hand) is
not even handed to the check.
"""

from __future__ import annotations

import contextlib
import dataclasses
import mmap
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import IO, TypeVar

from docmodels.cachedir import touch, write, write_stream

T = TypeVar("T")


@dataclasses.dataclass(frozen=True, slots=True)
class StoreIndex:
    """Where each entry of a store is, as a run left the store (``AppendStore.save``): a watch
    hands it to its next run, which takes it while the file is the one it was (its inode) and
    holds what it did (its size), instead of reading the index of 10,000 entries again."""

    path: Path
    file: tuple[int, int]  # inode, size
    entries: dict[str, tuple[int, int, int]]  # key -> (offset, size, CRC-32)
    end: int


class AppendStore:
    """The store in ``path``, whose file starts with ``head`` (a line naming its kind)."""

    def __init__(self, path: Path, head: bytes, known: StoreIndex | None = None) -> None:
        """``known``: the index the last run of a watch left (``save``)."""
        self.path = path
        self.head = head
        self._known = known
        self._index: dict[str, tuple[int, int, int]] | None = None  # key -> (offset, size, CRC)
        self._reader: IO[bytes] | None = None
        self._appender: IO[bytes] | None = None
        self._end = 0  # where the loaded part of the file ends
        self._used: dict[str, int] = {}  # the entries this run used -> their size
        # Entries this run used without reading them (a watch had them in memory): sized from
        # the index only where the store may be written again (``save``).
        self._kept: set[str] = set()
        self._refused = False  # no lock: nothing is appended this run

    def get(self, key: str, check: Callable[[bytes], T | None]) -> T | None:
        """What ``check`` makes of the entry of ``key``; None where there is none, its data is
        not what its CRC says, or ``check`` refuses it (then the entry does not count as used)."""
        located = self._entries().get(key)
        if located is None or self._reader is None:
            return None
        offset, size, crc = located
        try:
            data = _read_at(self._reader, offset, size)
        except OSError:
            return None
        if zlib.crc32(data) != crc:
            return None
        found = check(data)
        if found is not None:
            self._used[key] = size
        return found

    def read_all(self, check: Callable[[bytes], T | None], index: bool = True) -> dict[str, T]:
        """What ``check`` makes of every entry (the latest of a key), read in one pass through
        the file: for a user that takes nearly every entry (the render memo), where a read an
        entry cost some 7 µs of the system's time (0.3 s for the memo's 40,000 at 10,000
        pages). The index is made as it goes; an entry whose CRC or check fails is left out.
        Nothing counts as used until ``get`` or ``keep`` says so. Called before any other
        use of the store; ``index``: keep the index (else only ``rewrite`` may follow: 40,000
        entries' index is some 12 MB)."""
        raw: dict[str, bytes] = {}  # each key's latest entry: one written over is not checked
        self._index, self._end = {}, 0
        try:
            reader = self._reader = self.path.open("rb")
            size = os.fstat(reader.fileno()).st_size
            if reader.read(len(self.head)) != self.head:
                return {}
            end = len(self.head)
            while end < size:
                line = reader.readline(60)  # (a longer line is no record's)
                counts = _COUNTS.fullmatch(line, 0, len(line) - 1)
                if counts is None or not line.endswith(b"\n"):
                    break  # (the grammar of ``_records``)
                key_size, data_size, crc = int(counts[1]), int(counts[2]), int(counts[3])
                start = end + len(line)
                if start + key_size + data_size > size or key_size > 256:
                    break  # cut short
                key = reader.read(key_size)
                data = reader.read(data_size)
                if len(key) != key_size or len(data) != data_size or not key.isascii():
                    break
                name = key.decode("ascii")
                self._index[name] = (start + key_size, data_size, crc)
                self._end = end = start + key_size + data_size
                raw[name] = data
        except OSError:
            return {}
        touch(self.path)
        found: dict[str, T] = {}
        for name, data in raw.items():
            value = check(data) if zlib.crc32(data) == self._index[name][2] else None
            if value is not None:
                found[name] = value
            raw[name] = b""  # (its bytes let go as its value is made)
        if not index:
            self.close()
        return found

    def holds(self, key: str) -> bool:
        """Whether the store has an entry of ``key`` (not read: ``get`` checks it)."""
        return key in self._entries()

    def add(self, key: str, data: bytes) -> None:
        """Remember ``data`` under ``key`` (an ASCII key of at most 256 bytes)."""
        appender = self._append_handle()
        if appender is None:
            return
        whole = record(key, data)
        try:
            start = appender.tell()
            appender.write(whole)
            appender.flush()
        except OSError:
            return
        self._used[key] = len(data)
        if self._index is not None:  # (the index stays whole: a watch's next run takes it)
            self._end = start + len(whole)
            self._index[key] = (self._end - len(data), len(data), zlib.crc32(data))

    def keep(self, key: str) -> None:
        """Count ``key`` as used by this run, which had its entry from elsewhere (a watch keeps
        its readings in memory): a store written again keeps it."""
        self._kept.add(key)

    def save(self) -> StoreIndex | None:
        """Finish this run's appends; write the store again with only what this run used where
        that is less than half of it. The store's index as this run leaves it, where it is
        whole (a watch's next run takes it)."""
        if self._used and self._kept:
            index = self._entries()
            for key in self._kept.difference(self._used):
                located = index.get(key)
                if located is not None:
                    self._used[key] = located[1]
        live = sum(self._used.values()) + 32 * len(self._used)
        try:
            status: os.stat_result | None = self.path.stat()
        except OSError:
            status = None
        size = status.st_size if status is not None else 0
        if self._used and size > 2 * live + (1 << 20) and self._append_handle() is not None:
            self._compact()
            status = None
        # Whole where this run has seen all of the file (not another run's appends since, nor
        # a cut record) and did not write it again.
        kept = (StoreIndex(self.path, (status.st_ino, size), self._index, self._end)
                if status is not None and self._index is not None and size == self._end
                else None)
        self.close()
        return kept

    def close(self) -> None:
        for handle in (self._reader, self._appender):
            if handle is not None:
                with contextlib.suppress(OSError):
                    handle.close()  # (closing the appender releases its lock)
        self._reader = self._appender = None
        self._index = None

    def _entries(self) -> dict[str, tuple[int, int, int]]:
        if self._index is None:
            self._index = {}
            try:
                self._reader = self.path.open("rb")
                status = os.fstat(self._reader.fileno())
            except OSError:
                return self._index
            known = self._known
            if (known is not None and known.path == self.path
                    and known.file == (status.st_ino, status.st_size)):
                self._index, self._end = known.entries, known.end
            else:
                self._index, self._end = index_of(self._reader, self.head)
            touch(self.path)
        return self._index

    def _append_handle(self) -> IO[bytes] | None:
        """The store opened for appending, locked; None where that cannot be had."""
        if self._appender is not None or self._refused:
            return self._appender
        self._entries()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self._reader is None or self._end == 0:  # no store yet, or not one of ours
                write(self.path, self.head)
                self._end = len(self.head)
            handle = self.path.open("r+b")
        except OSError:
            self._refused = True
            return None
        if not _lock(handle):
            handle.close()
            self._refused = True
            return None
        try:
            # Anything past the entries loaded (a record cut short, or another run's appends
            # since) is cut: appends follow whole records only.
            handle.seek(0, os.SEEK_END)
            if handle.tell() != self._end:
                handle.truncate(self._end)
                handle.seek(self._end)
        except OSError:
            handle.close()
            self._refused = True
            return None
        self._appender = handle
        return handle

    def _compact(self) -> None:
        """The store again, with only the entries this run used (read from the file as they
        are, each checked), replacing it atomically. Called under the lock, once the file was
        cut to the records this run's index holds: that index is where they are (the file was
        mapped again to find them, which counted the whole file in the process's memory)."""
        path, index = self.path, self._entries()
        try:
            reader = path.open("rb")
        except OSError:
            return
        with reader:

            def chunks() -> Iterator[bytes]:
                yield self.head
                for key in self._used:
                    located = index.get(key)
                    if located is None:
                        continue
                    reader.seek(located[0])
                    data = reader.read(located[1])
                    if zlib.crc32(data) == located[2]:  # (a damaged entry is left out)
                        yield record(key, data)

            write_stream(path, chunks())

    def rewrite(self, entries: Iterable[tuple[str, bytes]]) -> None:
        """The store again with exactly ``entries`` (key and data, each made as it is
        written), replacing the file atomically, without reading its index: for a user that
        holds every entry it keeps (a watch's render memo, between its runs; the index and
        what it counts of 40,000 entries were some 12 MB at the watch's peak)."""
        self.close()
        write_stream(self.path, chain([self.head], (record(k, d) for k, d in entries)))


def _read_at(stream: IO[bytes], offset: int, size: int) -> bytes:
    """``size`` bytes at ``offset``: one system call where there is ``pread`` (a run reads
    10,000 entries), else a seek and a read."""
    if hasattr(os, "pread"):
        return os.pread(stream.fileno(), size, offset)
    stream.seek(offset)
    return stream.read(size)


def record(key: str, data: bytes) -> bytes:
    """An entry as the store's file holds it: its line of counts and CRC, its key, its data."""
    return b"%d %d %d\n%s%s" % (len(key), len(data), zlib.crc32(data), key.encode("ascii"), data)


def index_of(stream: IO[bytes], head: bytes) -> tuple[dict[str, tuple[int, int, int]], int]:
    """Each key's entry (offset, size, CRC-32) in a store of this ``head``, and where its last
    whole record ends."""
    try:
        size = os.fstat(stream.fileno()).st_size
        if size < len(head):
            return {}, 0
        # Mapped, not read a line at a time: each record's line read after a seek past its
        # entry cost a system call (10,000 of them, 30 ms of a run, for a store of 10,000).
        try:
            with mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return _records(data, head, size)
        except ValueError:  # (a file system that maps no file: read whole)
            stream.seek(0)
            return _records(stream.read(size), head, size)
    except OSError:
        return {}, 0


# A record's line: the key's and the entry's sizes, in bytes, and the entry's CRC-32.
_COUNTS = re.compile(rb"([0-9]{1,15}) ([0-9]{1,15}) ([0-9]{1,10})")


def _records(
    data: mmap.mmap | bytes, head: bytes, size: int
) -> tuple[dict[str, tuple[int, int, int]], int]:
    index: dict[str, tuple[int, int, int]] = {}
    if data[: len(head)] != head:
        return {}, 0
    end = len(head)
    while end < size:
        line_end = data.find(b"\n", end, end + 60)
        if line_end < 0:
            break
        counts = _COUNTS.fullmatch(data, end, line_end)
        if counts is None:
            break
        key_size, data_size = int(counts[1]), int(counts[2])
        start = line_end + 1
        if start + key_size + data_size > size or key_size > 256:
            break  # cut short
        key = data[start : start + key_size]
        if not key.isascii():
            break
        index[key.decode("ascii")] = (start + key_size, data_size, int(counts[3]))
        end = start + key_size + data_size
    return index, end


def _lock(handle: IO[bytes]) -> bool:
    """An exclusive lock on the store, without waiting (another run appending: this one
    remembers nothing new); where there are no locks, none."""
    try:
        import fcntl
    except ImportError:  # not POSIX
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True  # a file system without locks
    return True

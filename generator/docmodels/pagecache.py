"""Remembering what reading a page gave: the model and the diagnostics of one page.

Reading a page (markdown-it's parse, choosing its dialect, reading its rows) depends on nothing
but the page's text, the path it is shown by, the dialect the options force, and docmodels' own
code. A hash of those names a file in the cache folder holding the result, written atomically.
The cache is only a shortcut: an entry that is missing, unreadable, corrupt or not what its name
says is read from the page again, and deleting the folder is always safe. Overlays and
resolution, which depend on more than the page, are applied after it, every time.

The entries are JSON (ir_codec), never pickles: a cache folder can come from somewhere untrusted
(a CI cache restored for a fork's pull request, a folder inside the repository), and reading an
entry constructs nothing but the IR's own classes. A hostile entry is one more unreadable entry.
(Data is still believed: a well-formed entry planted under a page's key changes that page's
model, as a planted rendered file changes the output. It cannot run anything.)
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import functools
import hashlib
import importlib.util
import operator
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from docmodels import __version__, ir_codec
from docmodels import diagnostics as _diagnostics
from docmodels import ir as _ir
from docmodels import reading as _reading_module
from docmodels.cachedir import touch, write, write_stream
from docmodels.reading import PageReading
from docmodels.runs import code

Result = PageReading

# Part of every key: entries of another format (the pickles of format 3) are never looked at.
_FORMAT = b"docmodels page cache 4 (json)\n"


def _register_fast_pickling() -> None:
    """The IR's frozen dataclasses pickle as their constructor and field values, twice as fast
    as dataclasses' generic state: the render memo hashes every model's pickle on every run
    (emit/memo.py, ``RenderMemo.digest``). Only pickled: nothing in the cache is unpickled."""
    for module in (_ir, _diagnostics, _reading_module):
        for value in vars(module).values():
            if not (isinstance(value, type) and dataclasses.is_dataclass(value)):
                continue
            if value.__module__ != module.__name__:
                continue
            names = [f.name for f in dataclasses.fields(value)]
            copyreg.pickle(value, _reducer(value, names))


def _reducer(cls: type, names: list[str]) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    if not names:
        return lambda obj: (cls, ())
    if len(names) == 1:
        get_one = operator.attrgetter(names[0])
        return lambda obj: (cls, (get_one(obj),))
    get = operator.attrgetter(*names)
    return lambda obj: (cls, get(obj))


_register_fast_pickling()


@functools.cache
def _reading() -> str:
    """What reading depends on besides docmodels: Python (its Unicode tables, its regular
    expressions) and markdown-it-py, whose sources are hashed without importing it (a run that
    reads no page does without it)."""
    digest = hashlib.sha256(sys.version.encode())
    spec = importlib.util.find_spec("markdown_it")
    folder = Path(spec.origin).parent if spec is not None and spec.origin else None
    if folder is not None:
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"unreadable")
    return digest.hexdigest()


def reading_tools() -> str:
    """The hash of what reading uses besides docmodels (``_reading``): part of the key of
    anything made from what reading gave (printed.py)."""
    return _reading()


def key(data: bytes, path: str, dialect: str | None) -> str:
    """What the result of reading a page depends on, hashed: its bytes, its display path, the
    forced dialect's name, docmodels itself, and what reading uses (``_reading``)."""
    return key_of(hashlib.sha256(data).hexdigest(), path, dialect)


def key_of(sha256: str, path: str, dialect: str | None) -> str:
    """``key`` of a page whose bytes' sha256 (hex) is ``sha256``: the run's fingerprint has it
    for every page (runs.PageHashes, by its status for a page as the last run found it), so
    that a page whose reading is remembered is not read at all."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(f"{__version__}\0{code()}\0{_reading()}\0".encode())
    digest.update(("" if dialect is None else dialect).encode() + b"\0")
    digest.update(path.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(sha256.encode("ascii"))
    return digest.hexdigest()


@dataclasses.dataclass(frozen=True, slots=True)
class StoreIndex:
    """Where each entry of a store is, as a run left the store (``PageCache.save``): a watch
    hands it to its next run, which takes it while the file is the one it was (its inode) and
    holds what it did (its size), instead of reading the index of 10,000 entries again."""

    path: Path
    file: tuple[int, int]  # inode, size
    entries: dict[str, tuple[int, int]]  # key -> (offset, size)
    end: int


class PageCache:
    """Results of reading pages, by ``key``, in one store file per set of spec folders
    (``scope``): a run opens one file, not one per page (10,000 at 10,000 pages).

    The store is a head line, then for each entry a line of two byte counts, ``KEY_BYTES
    DATA_BYTES``, then the key and the entry (``encode``). New entries are appended as pages
    are read (under a lock; a run that cannot have it remembers nothing new); a later entry of a
    key wins. Loading reads the counts and keys only, and each entry when it is asked for;
    where a record is cut short (a kill during an append) the entries before it are kept.
    When the file holds more than twice what the run used, it is written again with only that
    (atomically). Every entry is checked when read (``_decode``): a foreign, corrupt or hostile
    one is read from its page again."""

    def __init__(
        self, directory: Path, scope: str = "", known: StoreIndex | None = None
    ) -> None:
        """``known``: the index the last run of a watch left (``save``)."""
        self.directory = directory
        name = hashlib.sha256(scope.encode("utf-8", "surrogatepass")).hexdigest()
        self.path = directory / f"store-{name}"
        self._known = known
        self._index: dict[str, tuple[int, int]] | None = None  # key -> (offset, size)
        self._reader: IO[bytes] | None = None
        self._appender: IO[bytes] | None = None
        self._end = 0  # where the loaded part of the file ends
        self._used: dict[str, int] = {}  # the entries this run used -> their size
        # Entries this run used without reading them (a watch had them in memory): sized from
        # the index only where the store may be written again (``save``).
        self._kept: set[str] = set()
        self._refused = False  # no lock: nothing is appended this run

    def get(self, entry: str) -> Result | None:
        located = self._entries().get(entry)
        if located is None or self._reader is None:
            return None
        offset, size = located
        try:
            data = _read_at(self._reader, offset, size)
        except OSError:
            return None
        result = _decode(data, entry)
        if result is not None:
            self._used[entry] = size
        return result

    def put(self, entry: str, result: Result) -> None:
        try:
            data = encode(entry, result)
        except (ir_codec.Invalid, ValueError, RecursionError):
            return  # nothing a page gives should fail to encode; if it does, it is not cached
        self.add(entry, data)

    def add(self, entry: str, data: bytes) -> None:
        """Remember ``data`` (``encode``'s, made where the page was read) under ``entry``."""
        appender = self._append_handle()
        if appender is None:
            return
        key = entry.encode("ascii")
        head = b"%d %d\n%s" % (len(key), len(data), key)
        try:
            start = appender.tell()
            appender.write(head + data)
            appender.flush()
        except OSError:
            return
        self._used[entry] = len(data)
        if self._index is not None:  # (the index stays whole: a watch's next run takes it)
            self._index[entry] = (start + len(head), len(data))
            self._end = start + len(head) + len(data)

    def keep(self, entry: str) -> None:
        """Count ``entry`` as used by this run, which had its result from elsewhere (a watch
        keeps its readings in memory): a store written again keeps it."""
        self._kept.add(entry)

    def save(self) -> StoreIndex | None:
        """Finish this run's appends; write the store again with only what this run used where
        that is less than half of it. The store's index as this run leaves it, where it is
        whole (a watch's next run takes it)."""
        if self._used and self._kept:
            index = self._entries()
            for entry in self._kept.difference(self._used):
                located = index.get(entry)
                if located is not None:
                    self._used[entry] = located[1]
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

    def _entries(self) -> dict[str, tuple[int, int]]:
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
                self._index, self._end = _index(self._reader)
            touch(self.path)
        return self._index

    def _append_handle(self) -> IO[bytes] | None:
        """The store opened for appending, locked; None where that cannot be had."""
        if self._appender is not None or self._refused:
            return self._appender
        self._entries()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            if self._reader is None or self._end == 0:  # no store yet, or not one of ours
                write(self.path, _STORE_HEAD)
                self._end = len(_STORE_HEAD)
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
        are), replacing it atomically."""
        path = self.path
        try:
            reader = path.open("rb")
        except OSError:
            return
        with reader:
            index, _ = _index(reader)

            def chunks() -> Iterator[bytes]:
                yield _STORE_HEAD
                for entry in self._used:
                    located = index.get(entry)
                    if located is None:
                        continue
                    reader.seek(located[0])
                    data = reader.read(located[1])
                    key = entry.encode("ascii")
                    yield b"%d %d\n%s%s" % (len(key), len(data), key, data)

            write_stream(path, chunks())


_STORE_HEAD = b"docmodels page store 5\n"


def _read_at(stream: IO[bytes], offset: int, size: int) -> bytes:
    """``size`` bytes at ``offset``: one system call where there is ``pread`` (a run reads
    10,000 entries), else a seek and a read."""
    if hasattr(os, "pread"):
        return os.pread(stream.fileno(), size, offset)
    stream.seek(offset)
    return stream.read(size)


def _index(stream: IO[bytes]) -> tuple[dict[str, tuple[int, int]], int]:
    """Each key's entry (offset, size) in a store, and where its last whole record ends."""
    index: dict[str, tuple[int, int]] = {}
    try:
        size = os.fstat(stream.fileno()).st_size
        stream.seek(0)
        if stream.read(len(_STORE_HEAD)) != _STORE_HEAD:
            return {}, 0
        end = len(_STORE_HEAD)
        while end < size:
            line = stream.readline(48)
            counts = line.removesuffix(b"\n").split(b" ")
            if not line.endswith(b"\n") or len(counts) != 2 or not all(
                c.isdigit() and len(c) < 16 for c in counts
            ):
                break
            key_size, data_size = int(counts[0]), int(counts[1])
            start = end + len(line)
            if start + key_size + data_size > size or key_size > 256:
                break  # cut short
            key = stream.read(key_size)
            if len(key) != key_size or not key.isascii():
                break
            index[key.decode("ascii")] = (start + key_size, data_size)
            end = start + key_size + data_size
            stream.seek(end)
    except OSError:
        return {}, 0
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


def encoded(entry: str, result: Result) -> bytes | None:
    """``encode``, or None where the result cannot be remembered (nothing a page gives should
    fail to encode; if it does, it is not cached)."""
    try:
        return encode(entry, result)
    except (ir_codec.Invalid, ValueError, RecursionError):
        return None


def encode(entry: str, result: Result) -> bytes:
    return _FORMAT + ir_codec.dumps([entry, ir_codec.encode(result)])


def _decode(data: bytes, entry: str) -> Result | None:
    """The entry's result, or None for anything but a well-formed entry of this key."""
    if not data.startswith(_FORMAT):
        return None
    try:
        loaded = ir_codec.loads(data[len(_FORMAT):])
        if not (type(loaded) is list and len(loaded) == 2 and loaded[0] == entry):
            return None
        return ir_codec.decode(loaded[1])
    except ir_codec.Invalid:
        return None

"""Remembering what reading a page gave: the model and the diagnostics of one page.

Reading a page (markdown-it's parse, choosing its dialect, reading its rows) depends on nothing
but the page's text, the path it is shown by, the dialect the options force, and docmodels' own
code. A hash of those is the key of the result in the page store (store.py), one file per set
of spec folders, appended to as pages are read. The cache is only a shortcut: an entry that is
missing, unreadable, corrupt or not what its name says is read from the page again, and
deleting the folder is always safe. Overlays and resolution, which depend on more than the
page, are applied after it, every time.

The entries are JSON (ir_codec), never pickles: a cache folder can come from somewhere untrusted
(a CI cache restored for a fork's pull request, a folder inside the repository), and reading an
entry constructs nothing but the IR's own classes. A hostile entry is one more unreadable entry.
(Data is still believed: a well-formed entry planted under a page's key changes that page's
model, as a planted rendered file changes the output. It cannot run anything.)
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import sys
from functools import partial
from pathlib import Path

from docmodels import __version__, ir_codec
from docmodels.reading import PageReading
from docmodels.runs import code
from docmodels.store import AppendStore, StoreIndex

Result = PageReading

# Part of every key: entries of another format (the pickles of format 3) are never looked at.
_FORMAT = b"docmodels page cache 4 (json)\n"


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


class PageCache:
    """Results of reading pages, by ``key``, in one store file per set of spec folders
    (``scope``; store.py): a run opens one file, not one per page (10,000 at 10,000 pages),
    and decodes only the entries it asks for. Every entry is checked when read (``decoded``):
    a foreign, corrupt or hostile one is read from its page again."""

    def __init__(
        self, directory: Path, scope: str = "", known: StoreIndex | None = None
    ) -> None:
        """``known``: the index the last run of a watch left (``save``)."""
        self.store = AppendStore(store_path(directory, scope), STORE_HEAD, known)

    @property
    def path(self) -> Path:
        return self.store.path

    def get(self, entry: str) -> Result | None:
        return self.store.get(entry, partial(decoded, entry=entry))

    def put(self, entry: str, result: Result) -> None:
        data = encoded(entry, result)
        if data is not None:
            self.add(entry, data)

    def add(self, entry: str, data: bytes) -> None:
        """Remember ``data`` (``encode``'s, made where the page was read) under ``entry``."""
        self.store.add(entry, data)

    def keep(self, entry: str) -> None:
        """Count ``entry`` as used by this run, which had its result from elsewhere (a watch
        keeps its readings in memory): a store written again keeps it."""
        self.store.keep(entry)

    def save(self) -> StoreIndex | None:
        """AppendStore.save: the store's index as this run leaves it, where it is whole."""
        return self.store.save()

    def close(self) -> None:
        self.store.close()


STORE_HEAD = b"docmodels page store 6\n"


def store_path(directory: Path, scope: str) -> Path:
    """The page store of a set of spec folders (``scope``) in the cache folder's pages/."""
    name = hashlib.sha256(scope.encode("utf-8", "surrogatepass")).hexdigest()
    return directory / f"store-{name}"


def encoded(entry: str, result: Result) -> bytes | None:
    """``encode``, or None where the result cannot be remembered (nothing a page gives should
    fail to encode; if it does, it is not cached)."""
    try:
        return encode(entry, result)
    except (ir_codec.Invalid, ValueError, RecursionError):
        return None


def encode(entry: str, result: Result) -> bytes:
    return _FORMAT + ir_codec.dumps([entry, ir_codec.encode(result)])


def decoded(data: bytes, entry: str) -> Result | None:
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

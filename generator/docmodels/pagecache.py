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
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from docmodels import __version__, ir_codec
from docmodels import diagnostics as _diagnostics
from docmodels import ir as _ir
from docmodels import reading as _reading_module
from docmodels.cachedir import touch
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


def key(data: bytes, path: str, dialect: str | None) -> str:
    """What the result of reading a page depends on, hashed: its bytes, its display path, the
    forced dialect's name, docmodels itself, and what reading uses (``_reading``)."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(f"{__version__}\0{code()}\0{_reading()}\0".encode())
    digest.update(("" if dialect is None else dialect).encode() + b"\0")
    digest.update(path.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(data)
    return digest.hexdigest()


class PageCache:
    """Results of reading pages, one file per page under ``directory``, by ``key``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, entry: str) -> Path:
        return self.directory / entry[:2] / entry

    def get(self, entry: str) -> Result | None:
        path = self._path(entry)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        touch(path)
        return _decode(data, entry)

    def put(self, entry: str, result: Result) -> None:
        try:
            data = encode(entry, result)
        except (ir_codec.Invalid, ValueError, RecursionError):
            return  # nothing a page gives should fail to encode; if it does, it is not cached
        write(self._path(entry), data)


def encode(entry: str, result: Result) -> bytes:
    return _FORMAT + ir_codec.dumps([entry, ir_codec.encode(result)])


def write_stream(path: Path, chunks: Iterable[bytes]) -> None:
    """``chunks`` into ``path`` atomically, streamed: no copy of the whole file is held in
    memory (a render memo of 10,000 pages is some hundred MB)."""

    def fill(stream: IO[bytes]) -> None:
        for chunk in chunks:
            stream.write(chunk)

    _atomically(path, fill)


def write(path: Path, data: bytes) -> None:
    """``data`` into ``path`` atomically; an unwritable cache only costs speed."""
    _atomically(path, lambda stream: stream.write(data))


def _atomically(path: Path, fill: Callable[[IO[bytes]], object]) -> None:
    """``path`` as ``fill`` writes it, or as it was: written beside it, then renamed over it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                fill(stream)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError:
        pass  # an unwritable cache only costs speed


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

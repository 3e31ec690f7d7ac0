"""Remembering what ``ir`` and ``schema`` printed: a run with exactly the inputs of an earlier
one prints what that one printed, without reading, settling and resolving every page again (at
10,000 pages, some 5 s of loading and emitting; the text is some 60 MB, 5 MB compressed).

What decides the text: docmodels' own code, what reading uses (Python, markdown-it), the
command and its options, every spec page and every overlay, byte for byte; their hash
(runs.fingerprint, the hash a ``generate`` run's record is found by, of other options) names
the entry, in the cache folder's ``runs/`` beside ``generate``'s records. The entry holds the
run's diagnostics and summary line (shown again) and the text, compressed. It is written only
where the run had no errors, and only where the inputs' hash after the run is the one before it
(a page saved during the run would otherwise be remembered with text of its new content under
its old hash).

An entry is data, never run (a cache folder may come from somewhere untrusted): JSON and zlib.
Every entry is checked in full before a byte of it is printed: its head, its size, the hash of
the text, that the text is UTF-8 and holds no control character but the line breaks of
indented JSON, and the diagnostics none (so that a planted entry cannot send a terminal escape
sequences); anything else is one more entry not found, and the run does the work and writes the
entry again. (Data is still believed, as the page cache's is: a well-formed entry planted under a
run's hash is printed.)
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TextIO

from docmodels.cachedir import touch, write_stream
from docmodels.diagnostics import Diagnostic
from docmodels.runs import diagnostic_from_json, diagnostic_json

_MAGIC = b"docmodels printed run 1\n"
_CHUNK = 1 << 20
# What indented JSON text may hold below a space: its line breaks. Deleting every other byte
# leaves nothing of a clean chunk (bytes.translate, in C).
_CLEAN = bytes(range(0x20, 0x100)) + b"\n"


@dataclass(frozen=True, slots=True)
class Printed:
    """An entry found and checked: what to show again, and the text to print (``text``), read
    from the very file that was checked (``stream``, open: a file put in its place since is
    another file)."""

    diagnostics: tuple[Diagnostic, ...]
    summary: str
    stream: IO[bytes]
    body: tuple[int, int]  # where the compressed text starts in the file, and its size

    def text(self) -> Iterator[str]:
        """The text, in pieces."""
        utf8 = codecs.getincrementaldecoder("utf-8")()
        for data in _inflated(self.stream, *self.body):
            yield utf8.decode(data)
        yield utf8.decode(b"", final=True)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.stream.close()


def _name(key: str) -> str:
    return f"printed-{key}"


def find(directory: Path, key: str) -> Printed | None:
    """The entry of ``key`` in ``directory`` (the cache folder's runs/), checked, or None; the
    caller closes it."""
    path = directory / _name(key)
    try:
        stream = path.open("rb")
    except OSError:
        return None
    try:
        found = _checked(stream, key)
    except OSError:
        found = None
    if found is None:
        stream.close()
        return None
    touch(path)
    return found


def _checked(stream: IO[bytes], key: str) -> Printed | None:
    size = os.fstat(stream.fileno()).st_size
    if stream.read(len(_MAGIC)) != _MAGIC:
        return None
    counts = stream.readline(48).removesuffix(b"\n").split(b" ")
    if len(counts) != 2 or not all(c.isdigit() and len(c) < 16 for c in counts):
        return None
    head_size, body_size = int(counts[0]), int(counts[1])
    start = stream.tell() + head_size
    if start + body_size != size:
        return None  # cut short, or more than it says
    try:
        head = json.loads(stream.read(head_size).decode("utf-8"))
        if not (type(head) is dict and head.get("key") == key):
            return None
        diagnostics = tuple(diagnostic_from_json(d) for d in head["diagnostics"])
        summary, text_size, text_hash = head["summary"], head["size"], head["sha256"]
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    if not (type(summary) is str and type(text_size) is int and type(text_hash) is str):
        return None
    shown = (summary, *(d.message for d in diagnostics), *(d.location.path for d in diagnostics))
    if any(_unprintable(line) for line in shown):
        return None
    digest = hashlib.sha256()
    seen = 0
    utf8 = codecs.getincrementaldecoder("utf-8")()
    try:
        for data in _inflated(stream, start, body_size, text_size):
            seen += len(data)
            digest.update(data)
            utf8.decode(data)
            if data.translate(None, _CLEAN):
                return None  # a control character: no JSON text docmodels writes holds one
        utf8.decode(b"", final=True)
    except (zlib.error, UnicodeDecodeError, _TooLong):
        return None
    if seen != text_size or digest.hexdigest() != text_hash:
        return None
    return Printed(diagnostics, summary, stream, (start, body_size))


def _unprintable(text: str) -> bool:
    """Whether a line to show holds a control character (a terminal's escape sequence)."""
    return bool(text.encode("utf-8", "surrogatepass").translate(None, _CLEAN))


class _TooLong(Exception):
    """The compressed text holds more than its head says (a bomb, or corrupt)."""


def _inflated(
    stream: IO[bytes], start: int, size: int, limit: int | None = None
) -> Iterator[bytes]:
    """The text an entry's compressed body holds, a megabyte at most at a time; with ``limit``,
    _TooLong past that many bytes; zlib.error where the body is not a whole zlib stream."""
    stream.seek(start)
    left = size
    inflate = zlib.decompressobj()
    total = 0
    while left:
        data = stream.read(min(_CHUNK, left))
        if not data:
            raise zlib.error("cut short")
        left -= len(data)
        while data:
            out = inflate.decompress(data, _CHUNK)
            data = inflate.unconsumed_tail
            total += len(out)
            if limit is not None and total > limit:
                raise _TooLong
            if out:
                yield out
    out = inflate.flush()
    total += len(out)
    if limit is not None and total > limit:
        raise _TooLong
    if out:
        yield out
    if not inflate.eof or inflate.unused_data:
        raise zlib.error("not one whole stream")


class Recorder:
    """An entry written as the text is printed (``tee``), kept by ``save`` where the text was
    printed whole; nothing of the text is held in memory (it goes compressed to a temporary
    file). Where the cache cannot be written, nothing is remembered."""

    def __init__(self, directory: Path, key: str, diagnostics: Iterable[Diagnostic],
                 summary: str) -> None:
        self.path = directory / _name(key)
        self.head = {"key": key, "diagnostics": [diagnostic_json(d) for d in diagnostics],
                     "summary": summary}
        self._deflate = zlib.compressobj(1)
        self._digest = hashlib.sha256()
        self._size = 0
        self._whole = False
        self._body: IO[bytes] | None
        try:
            self._body = tempfile.TemporaryFile()  # noqa: SIM115  (closed by save or close)
        except OSError:
            self._body = None

    def tee(self, chunks: Iterable[str]) -> Iterator[str]:
        """``chunks`` as they come, each also remembered once it has been taken."""
        for chunk in chunks:
            yield chunk
            self._add(chunk)
        self._whole = True

    def _add(self, chunk: str) -> None:
        if self._body is None:
            return
        try:
            data = chunk.encode("utf-8")
            self._digest.update(data)
            self._size += len(data)
            self._body.write(self._deflate.compress(data))
        except (UnicodeEncodeError, OSError):  # (a lone surrogate: not remembered)
            self.close()

    def save(self, still: bool) -> None:
        """Keep the entry where the text was printed whole and the inputs are ``still`` what
        they were when the run began."""
        body = self._body
        if body is None or not self._whole or not still:
            self.close()
            return
        try:
            body.write(self._deflate.flush())
            body_size = body.tell()
            body.seek(0)
        except OSError:
            self.close()
            return
        head = json.dumps(
            {**self.head, "size": self._size, "sha256": self._digest.hexdigest()},
            ensure_ascii=True,
        ).encode("ascii")

        def chunks() -> Iterator[bytes]:
            yield _MAGIC + b"%d %d\n" % (len(head), body_size) + head
            while data := body.read(_CHUNK):
                yield data

        try:
            write_stream(self.path, chunks())
        finally:
            self.close()

    def close(self) -> None:
        if self._body is not None:
            with contextlib.suppress(OSError):
                self._body.close()
        self._body = None


def write_text(chunks: Iterable[str], stream: TextIO) -> None:
    """``chunks`` and a final line break on ``stream``: a JSON document as ``ir`` and ``schema``
    print it, whether made now or found remembered."""
    stream.writelines(chunks)
    stream.write("\n")

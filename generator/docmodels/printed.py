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
Every entry is checked in full before a byte of it is printed: its head, its size, the text's
size and zlib's own checksum of it, that the text is UTF-8 and holds no control character but the line breaks of
indented JSON, and the diagnostics none (so that a planted entry cannot send a terminal escape
sequences); anything else is one more entry not found, and the run does the work and writes the
entry again. (Data is still believed, as the page cache's is: a well-formed entry planted under a
run's hash is printed.)
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import os
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TextIO, cast

from docmodels.cachedir import touch, write_stream
from docmodels.diagnostics import Diagnostic
from docmodels.runs import diagnostic_from_json, diagnostic_json

# (Run 2: the text's size and zlib's checksum vouch for it, without a sha256 of it besides: a
# hash a forger can compute as easily stops no forgery, and 78 MB took 0.07 s to hash.)
_MAGIC = b"docmodels printed run 2\n"
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
        for data in self.data():
            yield utf8.decode(data)
        yield utf8.decode(b"", final=True)

    def data(self) -> Iterator[bytes]:
        """The text as UTF-8 (as it was checked to be), in pieces."""
        return _inflated(self.stream, *self.body)

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
        summary, text_size = head["summary"], head["size"]
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    if not (type(summary) is str and type(text_size) is int):
        return None
    shown = (summary, *(d.message for d in diagnostics), *(d.location.path for d in diagnostics))
    if any(_unprintable(line) for line in shown):
        return None
    seen = 0
    utf8 = codecs.getincrementaldecoder("utf-8")()
    try:
        for data in _inflated(stream, start, body_size, text_size):
            seen += len(data)
            utf8.decode(data)
            if data.translate(None, _CLEAN):
                return None  # a control character: no JSON text docmodels writes holds one
        utf8.decode(b"", final=True)
    except (zlib.error, UnicodeDecodeError, _TooLong):
        return None
    if seen != text_size:
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
            try:
                self.add(chunk.encode("utf-8"))
            except UnicodeEncodeError:  # (a lone surrogate: not remembered)
                self.close()
        self.whole()

    def add(self, data: bytes) -> None:
        """Remember the next piece of the text (UTF-8)."""
        if self._body is None:
            return
        try:
            self._size += len(data)
            self._body.write(self._deflate.compress(data))
        except OSError:
            self.close()

    def whole(self) -> None:
        """The text was printed whole (``save`` keeps it)."""
        self._whole = True

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
            {**self.head, "size": self._size},
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


def write_text(chunks: Iterable[str], stream: TextIO, recorder: Recorder | None = None) -> None:
    """``chunks`` and a final line break on ``stream``: a JSON document as ``ir`` and ``schema``
    print it, made now; ``recorder`` remembers the text as it goes. Where the stream writes
    UTF-8 as it is (``_utf8_bytes``), each chunk is encoded once, for both (78 MB of schema
    encoded twice cost 0.04 s)."""
    binary = _utf8_bytes(stream)
    if binary is None:
        stream.writelines(recorder.tee(chunks) if recorder is not None else chunks)
        stream.write("\n")
        return
    stream.flush()
    for chunk in chunks:
        try:
            data = chunk.encode("utf-8")
        except UnicodeEncodeError:  # (a lone surrogate: written as the stream writes it)
            data = chunk.encode("utf-8", stream.errors or "strict")
            if recorder is not None:
                recorder.close()
        binary.write(data)
        if recorder is not None:
            recorder.add(data)
    if recorder is not None:
        recorder.whole()
    binary.write(b"\n")


def write_found(found: Printed, stream: TextIO) -> None:
    """``write_text`` of a remembered text: its bytes as they are where the stream writes UTF-8
    as it is, else decoded for the stream to write."""
    binary = _utf8_bytes(stream)
    if binary is None:
        write_text(found.text(), stream)
        return
    stream.flush()
    for data in found.data():
        binary.write(data)
    binary.write(b"\n")


def _utf8_bytes(stream: TextIO) -> IO[bytes] | None:
    """The bytes under ``stream`` where text written to it goes there as UTF-8 unchanged (no
    line breaks translated: POSIX), else None."""
    binary = getattr(stream, "buffer", None)
    if binary is None or os.linesep != "\n" or not isinstance(stream, io.TextIOWrapper):
        return None
    try:
        if codecs.lookup(stream.encoding or "").name != "utf-8":
            return None
    except LookupError:
        return None
    return cast(IO[bytes], binary)

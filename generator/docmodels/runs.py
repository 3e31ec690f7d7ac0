"""Remembering runs: when nothing that decides the output has changed since a run, and the output
folder still holds exactly what that run wrote, the run need not be repeated.

What decides the output: docmodels' own code and templates, the options, every spec page, every
overlay and template override, byte for byte. Their hash names a small record in the cache
folder: the diagnostics the run reported and, for each file it wrote, the hash of its content
and its size, modification time and inode just after (writer.Known). The record is only ever a
shortcut: the output folder's files are checked every time (a file whose status is not the
recorded one is hashed and compared), so a hand-edited or deleted file sends the run through the
whole pipeline, and deleting the cache folder is always safe.

The record of the last run that wrote each output folder is also found by the folder
(``RunRecords.last``): a run whose inputs changed compares what it would write with what that
run wrote by their hashes, without reading the output folder back (writer.write_tree_known).
The record lives in the cache folder, not beside the output, because the output folder is
exactly the generated files (a cold run and an incremental one give the same bytes, and a
committed output folder carries nothing machine-specific): an inode and a modification time are
this machine's facts about that folder, not part of it.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from docmodels import __version__
from docmodels.cachedir import read_sealed_json, touch, write, write_sealed_json
from docmodels.diagnostics import Diagnostic, Location, Severity
from docmodels.overlay.file import overlay_paths
from docmodels.source import discover, open_regular
from docmodels.writer import Known, existing_paths

_PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Inputs:
    specs: tuple[Path, ...]
    base: Path
    options: tuple[str, ...]  # package, dialect, target... as text
    overlays: tuple[Path, ...]
    templates: Path | None  # the user's overrides


@dataclass(frozen=True, slots=True)
class Record:
    # Each folder it wrote (outputs.Owned), resolved -> its files: relative path -> the hash
    # of the content written and the file's status just after.
    folders: dict[str, dict[str, Known]]
    models: int
    diagnostics: tuple[Diagnostic, ...]
    summary: str = ""  # the run's line on what was read and lost (report.summary)


def fingerprint(
    inputs: Inputs, pages_known: PageHashes | None = None,
    listing: Callable[[Sequence[Path], Path], tuple[list[tuple[Path, str]], list[Diagnostic]]]
    | None = None,
) -> str | None:
    """A hash of everything that decides the output; None where the inputs cannot be listed
    without errors (the pipeline reports those). ``pages_known``: the pages' hashes as the last
    run found them, so that a page still as it was is not read (saved again here);
    ``listing``: what finds the pages (source.discover_shown; a watch's keeps them for its
    build: Session.list_pages)."""
    if listing is None:
        pages, problems = discover(list(inputs.specs), inputs.base)
    else:
        shown, problems = listing(inputs.specs, inputs.base)
        pages = [path for path, _ in shown]
    if any(problem.severity is Severity.ERROR for problem in problems):
        return None
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{code()}\0".encode())
    for option in inputs.options:
        digest.update(option.encode("utf-8", "surrogatepass") + b"\0")
    extra = [*overlay_paths(inputs.specs, inputs.overlays)]
    if inputs.templates is not None:
        extra += sorted(p for p in inputs.templates.rglob("*") if p.is_file())
    page_hash = pages_known.hash if pages_known is not None else _page_hash
    try:
        for path in pages:
            digest.update(os.fsencode(path) + b"\0" + page_hash(path).encode() + b"\0")
        for path in extra:
            digest.update(os.fsencode(path) + b"\0" + _file_hash(path).encode() + b"\0")
    except OSError:
        return None
    if pages_known is not None:
        pages_known.save()
    return digest.hexdigest()


class PageState(NamedTuple):
    """A page as a run found it: the sha256 of its bytes, and its size, modification time,
    inode and status-change time (a page made unreadable keeps the first three: a run from
    scratch would say it cannot be read)."""

    sha256: str
    size: int
    mtime_ns: int
    inode: int
    ctime_ns: int

    def holds(self, status: os.stat_result) -> bool:
        return (status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns) == (
            self.size, self.mtime_ns, self.inode, self.ctime_ns)


def _page_state(sha256: str, status: os.stat_result) -> PageState:
    return PageState(sha256, status.st_size, status.st_mtime_ns, status.st_ino,
                     status.st_ctime_ns)


class PageHashes:
    """The hash of each page, by its status (size, modification time, inode, status change), as
    the last run found them: a page still as it was is not read again (10,000 pages are some
    50 MB).

    A page whose modification time is within ``RACY_NS`` of when that run began is read again
    all the same: a file system that keeps times to a second or two could give a page edited
    just after the run looked at it the time it had (git calls these racily clean). One small
    file per base folder in the cache folder, only a shortcut: unreadable or foreign, every
    page is read."""

    RACY_NS = 2_000_000_000

    def __init__(
        self, directory: Path, base: Path, last: tuple[int, dict[str, PageState]] | None = None
    ) -> None:
        """``last``: the stamp and pages to take as the last run's (``again``), in place of the
        hashes file's."""
        name = "pages-" + hashlib.sha256(os.fsencode(base.resolve())).hexdigest()
        self.path = directory / name
        self.base = base
        self.started = time.time_ns()
        self.stamp, self.known = last if last is not None else _load_page_hashes(self.path)
        self.seen: dict[str, PageState] = {}
        self.racy = False  # a page as the last run found it was read again for its recent time
        # Where set, each page's status as found here, by its path (a watch's build takes
        # them: Session.statuses), so that the run's build does not ask again.
        self.statuses: dict[str, os.stat_result] | None = None
        # Where set, a page's state where the operating system told a watch of no change to it
        # since its last run (Session.quiet_hash): such a page is not looked at.
        self.quiet: Callable[[str], PageState | None] | None = None
        # Where set, what does the saving (a watch's: after the run's line is shown).
        self.later: Callable[[Callable[[], None]], None] | None = None

    def again(self) -> PageHashes:
        """A second look at the pages: each as this one found it is known (not hashed again),
        by this one's start; its hashes file not read again."""
        return PageHashes(self.path.parent, self.base, (self.started, dict(self.seen)))

    def hash(self, path: Path) -> str:
        key = os.fsdecode(path)
        if self.quiet is not None:
            state = self.quiet(key)
            if state is not None:
                self.seen[key] = state
                return state.sha256
        status = os.stat(path)
        if self.statuses is not None:
            self.statuses[key] = status
        last = self.known.get(key)
        if last is not None and last.holds(status):
            if status.st_mtime_ns < self.stamp - self.RACY_NS:
                self.seen[key] = last
                return last.sha256
            self.racy = True
        digest = _page_hash(path)
        self.seen[key] = _page_state(digest, status)
        return digest

    def save(self) -> None:
        """Keep what this run found, where it differs from what the last run did, or where a
        page was read again for a time too close to the last run's start: with this run's
        start kept instead, the next run trusts it (else pages written just before a first
        run, as a generator and docmodels run one after the other, were read on every run)."""
        if self.seen == self.known and not self.racy:
            return
        if self.later is not None:
            self.later(self._write)
        else:
            self._write()

    def _write(self) -> None:
        data = {"format": _PAGES_FORMAT, "stamp": self.started,
                "pages": {path: list(state) for path, state in self.seen.items()}}
        write_sealed_json(self.path, data)


# (3: sealed. A byte changed inside a page's hash kept the file's JSON, and the page, read for
# a hash it does not have, was found changed since the run's fingerprint on every run.)
_PAGES_FORMAT = 3


def _load_page_hashes(path: Path) -> tuple[int, dict[str, PageState]]:
    try:
        data = read_sealed_json(path)
        if (type(data) is not dict or data.get("format") != _PAGES_FORMAT
                or type(data.get("stamp")) is not int):
            return 0, {}
        pages = {str(page): _loaded_page_state(state) for page, state in data["pages"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return 0, {}
    touch(path)
    return data["stamp"], pages


def _write_atomically(path: Path, text: str) -> None:
    write(path, text.encode("utf-8"))


@cache
def code() -> str:
    """docmodels' own sources and templates (a development checkout changes without a new
    version number)."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".jinja") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    templates = _PACKAGE.parent.parent / "templates"  # a checkout keeps them at the top level
    if templates.is_dir():
        for path in sorted(templates.rglob("*.jinja")):
            digest.update(path.relative_to(templates).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _page_hash(path: Path) -> str:
    """A page's hash, read (PageHashes: only a page not as the last run found it)."""
    return _file_hash(path)


def _file_hash(path: Path) -> str:
    with open_regular(path) as file:  # a named pipe would be waited on for ever
        return hashlib.sha256(file.read()).hexdigest()


def still_written(record: Record, folders: Iterable[Path]) -> bool:
    """Whether ``folders`` hold exactly the files the record's run wrote, byte for byte: a file
    with the status the run left it with is that file (writer.Known); any other is hashed."""
    resolved = {str(folder.resolve()): folder for folder in folders}
    if resolved.keys() != record.folders.keys():
        return False
    for key, folder in resolved.items():
        files = record.folders[key]
        found = existing_paths(folder)
        if found.keys() != files.keys() or not all(
            _unchanged(path, files[relative]) for relative, path in found.items()
        ):
            return False
    return True


def _unchanged(path: str, wrote: Known) -> bool:
    try:
        if wrote.holds(os.stat(path)):
            return True
        return _output_hash(path) == wrote.sha256
    except OSError:
        return False


def _output_hash(path: str) -> str:
    """An output file's hash, read back: only where its status is not the one recorded."""
    return _file_hash(Path(path))


class RunRecords:
    """Records in ``directory`` (a cache folder), one small JSON file per fingerprint."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def get(self, key: str) -> Record | None:
        try:
            data = read_sealed_json(self.directory / key)
            if data is None:
                return None  # damaged (cut short, a byte changed), or an older record
            touch(self.directory / key)
            if data.get("format") != _RECORD_FORMAT:
                return None  # an older docmodels' record
            return Record(
                {str(folder): {str(relative): _known(state) for relative, state in files.items()}
                 for folder, files in data["folders"].items()},
                data["models"],
                tuple(diagnostic_from_json(d) for d in data["diagnostics"]),
                str(data.get("summary", "")),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # absent, or not ours: only a shortcut lost

    def last(self, folder: Path) -> dict[str, Known]:
        """What the last run that wrote ``folder`` left in it (by its record), or nothing."""
        resolved = str(folder.resolve())
        try:
            key = (self.directory / _last_name(resolved)).read_text(encoding="ascii").strip()
        except (OSError, ValueError):
            return {}
        if not (len(key) == 64 and all(c in "0123456789abcdef" for c in key)):
            return {}
        record = self.get(key)
        return record.folders.get(resolved, {}) if record is not None else {}

    def put(self, key: str, record: Record) -> None:
        data = {
            "format": _RECORD_FORMAT,
            "folders": {folder: {relative: list(state) for relative, state in files.items()}
                        for folder, files in record.folders.items()},
            "models": record.models,
            "diagnostics": [diagnostic_json(d) for d in record.diagnostics],
            "summary": record.summary,
        }
        write_sealed_json(self.directory / key, data)
        for folder in record.folders:
            self._write(_last_name(folder), key)

    def _write(self, name: str, text: str) -> None:
        _write_atomically(self.directory / name, text)


# 1 (no "format"): each file's hash only; 3: sealed (cachedir.sealed), a damaged record refused
_RECORD_FORMAT = 3


def _last_name(folder: str) -> str:
    """The pointer to the record of the last run that wrote ``folder`` (a resolved path)."""
    return "last-" + hashlib.sha256(folder.encode("utf-8", "surrogatepass")).hexdigest()


def _loaded_page_state(state: object) -> PageState:
    if (type(state) is list and len(state) == 5 and type(state[0]) is str
            and all(type(number) is int for number in state[1:])):
        return PageState(*state)
    raise TypeError("a page's state is its hash, size, times and inode")


def _known(state: object) -> Known:
    # (20,000 of them in a record at 10,000 models: checked without a generator)
    if type(state) is list and len(state) == 4:
        sha256, size, mtime_ns, inode = state
        if (type(sha256) is str and type(size) is int and type(mtime_ns) is int
                and type(inode) is int):
            return Known(sha256, size, mtime_ns, inode)
    raise TypeError("a file's state is its hash, size, time and inode")


def diagnostic_json(diagnostic: Diagnostic) -> dict[str, object]:
    at = diagnostic.location
    return {
        "path": at.path,
        "line": at.line,
        "column": at.column,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "loss": diagnostic.loss,
    }


def diagnostic_from_json(data: dict[str, object]) -> Diagnostic:
    line, column = data["line"], data["column"]
    if not isinstance(line, int) or not isinstance(column, int):
        raise TypeError("a diagnostic's line and column are numbers")
    return Diagnostic(
        Severity(data["severity"]), Location(str(data["path"]), line, column),
        str(data["message"]), loss=data.get("loss") is True,
    )


def options(parts: Iterable[object]) -> tuple[str, ...]:
    return tuple("" if part is None else str(part) for part in parts)

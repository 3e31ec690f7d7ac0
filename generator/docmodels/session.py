"""What a long-running ``docmodels watch`` keeps in memory between its runs.

One explicit object, made by watch and passed down to the build (no module state): a run with
it reads only the pages no run before it read, where one without it must look each page up in
the cache folder (decoding 10,000 entries at 10,000 pages) or read it. It holds what the latest
run used and nothing older, so that memory follows the specs as they are, not their history.
Besides the readings it keeps what the steps after reading gave for each model (recall.py), so
that a saved page costs the work of the models it touches.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from docmodels.reading import PageReading
from docmodels.recall import Recall
from docmodels.runs import PageHashes, PageState
from docmodels.source import discover_shown
from docmodels.writer import text_hash

if TYPE_CHECKING:
    from docmodels.diagnostics import Diagnostic
    from docmodels.emit.render import Renderer
    from docmodels.load import Unread
    from docmodels.store import StoreIndex
    from docmodels.writer import Known

    Listing = tuple[list[tuple[Path, str]], list[Diagnostic]]


# A file system may keep modification times to a second or two: runs.PageHashes' rule.
RACY_NS = PageHashes.RACY_NS

# A page's status as read (``_status``), when the read began, and its hash and size.
_Page = tuple[int, int, int, int, int, "Unread"]


def _status(status: os.stat_result) -> tuple[int, int, int, int]:
    """Size, modification time and inode (runs.PageHashes' rule), and the status change time:
    a page made unreadable (chmod) keeps the first three, and a run from scratch would say so."""
    return status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns


class Session:
    """What reading each page gave, by the page cache's key (pagecache.key: the page's bytes,
    its path, the forced dialect and docmodels' own code), as the runs of one watch read it."""

    def __init__(self) -> None:
        self._kept: dict[str, PageReading] = {}  # what the latest finished run used
        self._used: dict[str, PageReading] = {}  # what the run under way has used so far
        # What the per-model steps after reading gave (keys, resolution, names, rendering),
        # by the identity of the models they read: settled by the build when it is done.
        self.steps = Recall()
        # The render memo the latest run left (emit/memo.py), by its salt: the next run's
        # starts from it, not from reading the memo file back.
        self._rendered: tuple[str, dict[str, str]] | None = None
        # What the latest run left in each output folder (runs.RunRecords.last's), by folder.
        self.written: dict[str, dict[str, Known]] | None = None
        # Writes to the cache folder a run leaves for after its line is shown (``between``).
        self._later: list[Callable[[], None]] = []
        # Each page's hash and size as the latest run read it, by its path, with its status
        # then and when that read began (``page``): an unchanged page is neither read nor
        # hashed again, and its bytes are not held (its reading is, by its hash).
        self._pages: dict[str, _Page] = {}
        self._pages_used: dict[str, _Page] = {}
        # The pages the run under way found for its fingerprint (runs.fingerprint), by the
        # specs and base they were looked for from: its build takes them, not a second walk.
        self._listing: tuple[tuple[tuple[Path, ...], Path], Listing] | None = None
        # The renderer of the latest run, by its template overrides (``renderer``).
        self._renderer: tuple[Hashable, Renderer] | None = None
        # The status of each page as the run's fingerprint found it (``statuses``).
        self._statuses: dict[str, os.stat_result] = {}
        # The Path of each page the latest listing found, by its text (``list_pages``).
        self._paths: dict[str, Path] = {}
        # The page store's index as the latest run left it (store.StoreIndex): a saved
        # page's reading is looked up, and appended, without reading 10,000 entries' index.
        self.store: StoreIndex | None = None
        # What the operating system told of the pages since the latest run (``told``): the
        # pages it said changed, where it said nothing that could change which pages there
        # are; None where it was not told (the first run) or was told of more.
        self._told: frozenset[str] | None = None
        # The latest listing (``list_pages``), each page's key by its absolute path, and the
        # folders that hold them (and theirs): what a path the system names is.
        self._last_listing: tuple[tuple[tuple[Path, ...], Path], Listing] | None = None
        self._known: dict[str, str] = {}
        self._folders: frozenset[str] = frozenset()
        # The pages' hashes as the latest run's fingerprint found them: the next run's starts
        # from them (PageHashes.again), not from the file it saved.
        self.hashes: PageHashes | None = None

    def get(self, key: str) -> PageReading | None:
        reading = self._used.get(key)
        if reading is None:
            reading = self._kept.get(key)
            if reading is not None:
                self._used[key] = reading
        return reading

    def put(self, key: str, reading: PageReading) -> None:
        self._used[key] = reading

    def page(self, path: str, status: os.stat_result) -> Unread | None:
        """What the latest run read at ``path``, where its status (``_status``) is still the
        one it had then, and was not racily so: a modification time within
        ``RACY_NS`` of when that read began could be an edit's made just after it on a file
        system that keeps times coarsely (runs.PageHashes' rule); such a page is read again."""
        found = self._pages.get(path)
        if found is None or _status(status) != found[:4]:
            return None
        if status.st_mtime_ns >= found[4] - RACY_NS:
            return None
        self._pages_used[path] = found
        return found[5]

    def keep_page(self, path: str, status: os.stat_result, started: int, page: Unread) -> None:
        """Keep ``page``, read at ``path`` with ``status`` by a read begun at ``started``
        (time.time_ns); the one kept before where it is the same (so that what was recalled
        by its identity stays so)."""
        found = self._pages.get(path)
        if found is not None and found[5] == page:
            page = found[5]
        self._pages_used[path] = (*_status(status), started, page)

    def list_pages(self, specs: Sequence[Path], base: Path) -> Listing:
        """``source.discover_shown(specs, base)``, found now, or the latest listing where the
        system told of no page come or gone since (``told``); the run's build takes it
        (``listed``), unless ``forget_listing`` is called first."""
        asked = (tuple(specs), base)
        last = self._last_listing
        if self._told is not None and last is not None and last[0] == asked:
            self._listing = last
            return last[1]
        found = discover_shown(list(specs), base, self._paths)
        self._paths = {os.fspath(path): path for path, _ in found[0]}
        self._listing = self._last_listing = (asked, found)
        self._known = {os.path.abspath(key): key for key in self._paths}
        self._folders = _folders_of(self._known)
        return found

    def told(self, paths: Iterable[str] | None) -> None:
        """What the operating system said changed since the latest run (absolute paths, as
        the watch was told them; None: nothing told, as for a watch's first run). Where it
        names only pages the latest listing found, still there, and files that are no pages
        (an editor's swap file, an overlay: hashed on every run all the same), every other
        page is as the latest run found it: it is neither listed, looked at nor read again.
        Anything else (a folder, a page come or gone) has the next run look at every page."""
        self._told = None if paths is None else _told_pages(
            map(os.path.abspath, paths), self._known, self._folders)

    def quiet_hash(self, key: str) -> PageState | None:
        """The page's state as the latest run's fingerprint found it, where the system told of
        no change to it since (``told``)."""
        if self._told is None or key in self._told or self.hashes is None:
            return None
        return self.hashes.seen.get(key)

    def quiet_page(self, key: str) -> Unread | None:
        """What the latest run read at ``key``, where the system told of no change to it since
        and the run's fingerprint found it so (a run with nothing to build reads no page: its
        fingerprint may have found a page changed since the reading kept)."""
        state = self.quiet_hash(key)
        found = self._pages.get(key)
        if state is None or found is None or found[5].sha256 != state.sha256:
            return None
        self._pages_used[key] = found
        return found[5]

    def listed(self, specs: Sequence[Path], base: Path) -> Listing | None:
        """What ``list_pages`` found for this run, once; None where it did not list these."""
        listing, self._listing = self._listing, None
        if listing is None or listing[0] != (tuple(specs), base):
            return None
        pages, diagnostics = listing[1]
        return pages, list(diagnostics)

    def renderer(self, key: Hashable, make: Callable[[], Renderer]) -> Renderer:
        """The renderer the last run made for an equal ``key`` (the template overrides and
        their contents), else ``make()``'s, kept for the next."""
        if self._renderer is None or self._renderer[0] != key:
            self._renderer = (key, make())
        return self._renderer[1]

    def statuses(self) -> dict[str, os.stat_result]:
        """A table for the statuses of the pages the run's fingerprint finds (runs.PageHashes),
        which its build takes (``status``), once each."""
        self._statuses = {}
        return self._statuses

    def status(self, path: str) -> os.stat_result:
        """The page's status as the run's fingerprint found it, else as it is now (OSError
        where it cannot be had)."""
        found = self._statuses.pop(path, None)
        return found if found is not None else os.stat(path)

    def forget_listing(self) -> None:
        """The run needs no build (remembered): the next build lists the pages itself."""
        self._listing = None

    def settle(self) -> None:
        """A run is done: what it used is kept, the rest let go."""
        self._kept, self._used = self._used, {}
        self._pages, self._pages_used = self._pages_used, {}
        self._statuses = {}  # (what the pages read did not take: found for no build)

    def rendered(self, salt: str) -> dict[str, str] | None:
        """The render memo the latest run left, where its salt is ``salt``."""
        if self._rendered is None or self._rendered[0] != salt:
            return None
        return self._rendered[1]

    def keep_rendered(self, salt: str, used: dict[str, str]) -> None:
        self._rendered = (salt, used)

    def digests(self, folder: str, texts: list[str]) -> list[str]:
        """Each of an output folder's texts' ``writer.text_hash``, kept while a text is the very
        text (a file the render memo gave again): the output's 20,000 files are not hashed
        again on every run."""
        return self.steps.map("writer.hash", texts, folder, text_hash)

    def defer(self, task: Callable[[], None]) -> None:
        """Do ``task`` (a write to the cache folder, which only saves the next run time)
        between runs, after the run's line is shown: not in the time a saved page takes."""
        self._later.append(task)

    def between(self) -> None:
        """The deferred tasks, in order (and those they defer)."""
        while self._later:
            tasks, self._later = self._later, []
            for task in tasks:
                task()

    def __len__(self) -> int:
        return len(self._kept)


def _folders_of(pages: Iterable[str]) -> frozenset[str]:
    """The folders that hold ``pages`` (absolute paths), and every folder above those."""
    found: set[str] = set()
    for page in pages:
        folder = os.path.dirname(page)
        while folder not in found:
            found.add(folder)
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    return frozenset(found)


def _told_pages(
    paths: Iterable[str], known: Mapping[str, str], folders: frozenset[str]
) -> frozenset[str] | None:
    """The keys of the known pages among ``paths``, where the rest cannot change which pages
    there are; None where they may (``Session.told``)."""
    changed: set[str] = set()
    for path in paths:
        key = known.get(path)
        if key is not None:
            if not os.path.isfile(path):
                return None  # gone (or no file now): listed again
            changed.add(key)
        elif path in folders or path.lower().endswith(".md") or os.path.isdir(path):
            return None  # a folder of pages, or a page come or gone
    return frozenset(changed)

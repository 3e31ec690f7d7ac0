"""From spec paths to a resolved model set: discover, read, parse each page, apply overlays,
resolve."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

# (digest: its pickling of the IR's classes, registered on import; the readings the reading
# processes send back are pickles of them, made twice as fast.)
from docmodels import cpus, digest, folders, keys, pagecache  # noqa: F401
from docmodels.cachedir import PAGES
from docmodels.canonical import canonical_names
from docmodels.diagnostics import Diagnostic, Location, error, lost, sort_key
from docmodels.diagnostics import strict as strict_diagnostics
from docmodels.dialects import registry
from docmodels.hints import with_hints
from docmodels.ir import KeyCase, Model, ModelSet, UnreadPage
from docmodels.limits import MAX_INPUT_BYTES, MAX_PAGE_BYTES
from docmodels.overlay.apply import apply_overlays
from docmodels.overlay.file import Overlay, overlay_paths, read_overlay
from docmodels.pagecache import PageCache
from docmodels.progress import NONE as NO_PROGRESS
from docmodels.progress import Progress
from docmodels.reading import PageReading
from docmodels.recall import recalled
from docmodels.resolve import resolve
from docmodels.source import decode, discover_shown, read_bytes

if TYPE_CHECKING:
    from docmodels.dialects.base import Dialect
    from docmodels.runs import PageState
    from docmodels.session import Session


def load(
    specs: list[Path],
    base: Path,
    dialect: Dialect | None = None,
    overlays: Sequence[Path] = (),
    cache: Path | None = None,
    jobs: int | None = None,
    strict: bool = False,
    key_case: KeyCase | None = None,
    max_input_bytes: int = MAX_INPUT_BYTES,
    progress: Progress = NO_PROGRESS,
    session: Session | None = None,
    hashes: Mapping[str, PageState] | None = None,
    drifted: list[str] | None = None,
) -> tuple[ModelSet, list[Diagnostic]]:
    """``overlays``: overlay files to apply besides the docmodels-overlay.toml of each spec
    folder, in order (a later file's fact wins); ``cache``: the cache folder, where what reading
    each page gave is remembered (pagecache); ``jobs``: how many processes may read pages
    (default: one per CPU, where there are enough pages to read to pay for starting them);
    ``strict``: every loss (a property read as Any, a page left out) is an error;
    ``key_case``: the API's key convention (the ``keys`` setting), for pages that write field
    names, not keys (keys.py); ``max_input_bytes``: the most bytes all pages may hold together
    (the ``max-input-mib`` setting): past it nothing is read further, and an error says so;
    ``session``: what earlier runs of a watch read (session.py), looked in before the cache;
    ``hashes``: each page's hash and size as the run's fingerprint found them, by its path
    (runs.PageHashes): a page whose reading the cache holds by that hash is not read at all;
    ``drifted``: where each page found otherwise than ``hashes`` says is added (changed, come or
    gone since the fingerprint: what loading gave then is not what ``hashes`` stand for).

    Without ``dialect``, each folder's pages are read in the dialect the evidence of all of them
    is for (one generator writes a folder): a page with little evidence of its own then reads as
    its neighbours do."""
    listed = session.listed(specs, base) if session is not None else None
    paths, diagnostics = listed if listed is not None else discover_shown(specs, base)
    # One store per set of spec folders: its entries are keyed by content, so any store would
    # do; one per set keeps a project's store to its own pages.
    scope = "\0".join(sorted(os.fsdecode(spec.resolve()) for spec in specs))
    pages = (PageCache(cache / PAGES, scope, session.store if session is not None else None)
             if cache is not None else None)
    try:
        return _load(specs, base, dialect, overlays, pages, jobs, strict, key_case,
                     max_input_bytes, progress, paths, diagnostics, session,
                     hashes if pages is not None and session is None else None,
                     drifted if hashes else None, hashes)
    finally:
        if pages is not None:
            kept = pages.save()
            if session is not None:
                session.store = kept


def _load(
    specs: list[Path], base: Path, dialect: Dialect | None, overlays: Sequence[Path],
    pages: PageCache | None, jobs: int | None, strict: bool, key_case: KeyCase | None,
    max_input_bytes: int, progress: Progress, paths: list[tuple[Path, str]],
    diagnostics: list[Diagnostic], session: Session | None, hashes: Mapping[str, PageState] | None,
    drifted: list[str] | None, fingerprinted: Mapping[str, PageState] | None,
) -> tuple[ModelSet, list[Diagnostic]]:
    """``hashes``: the pages to take by their hashes (not a watch's, whose pages are as its
    session found them); ``fingerprinted``: the pages as the run's fingerprint found them (a
    watch's too), by which ``drifted`` is told the pages found otherwise."""
    if drifted is not None and fingerprinted is not None:  # (pages come or gone since)
        drifted.extend(sorted(fingerprinted.keys() ^ {os.fspath(path) for path, _ in paths}))
    models: list[Model] = []
    left_out: list[UnreadPage] = []
    skipped: list[UnreadPage] = []
    readable: list[tuple[Page, str]] = []
    total = 0
    for path, shown in paths:
        data = _page(path, shown, session, hashes)
        if isinstance(data, Diagnostic):
            diagnostics.append(_left_out(data))
            left_out.append(UnreadPage(shown, data.message))
            continue
        total += data.size if isinstance(data, Unread) else len(data)
        if drifted is not None and isinstance(data, bytes) and not _as_hashed(
            data, path, fingerprinted
        ):
            drifted.append(shown)
        if total > max_input_bytes:
            # Memory stays bounded: the pages kept are never more than the limit (and the one
            # page past it). Leaving the rest out would generate a part of the API as if whole.
            diagnostics.append(_too_much(shown, total, max_input_bytes))
            diagnostics.sort(key=sort_key)
            return ModelSet(()), diagnostics
        readable.append((data, shown))
    progress.stage("reading pages", len(readable))
    readings = _read_all(readable, dialect, pages, jobs, progress, session, drifted)
    if dialect is None:
        readings, found = folders.read_by_folder(
            readable, readings,
            lambda work, chosen: _read_all(work, chosen, pages, jobs, session=session,
                                           drifted=drifted),
            session.steps if session is not None else None,
        )
        diagnostics.extend(found)
    if session is not None:
        session.settle()
    for reading in readings:
        diagnostics.extend(reading.diagnostics)
        if reading.model is not None:
            models.append(reading.model)
        models.extend(reading.inline)
        if reading.left_out is not None:
            left_out.append(reading.left_out)
        if reading.skipped is not None:
            skipped.append(reading.skipped)
    models, found = _finish_folders(models)
    diagnostics.extend(found)
    applied: list[Overlay] = []
    for path in overlay_paths(specs, overlays):
        overlay, found = read_overlay(path, base)
        diagnostics.extend(found)
        if overlay is not None:
            applied.append(overlay)
    steps = session.steps if session is not None else None
    models, found = apply_overlays(models, applied, steps)
    diagnostics.extend(found)
    models, conventions = keys.settle(models, key_case, _folder_keys(readable, readings),
                                      steps)
    model_set, found = resolve(canonical_names(models, steps), tuple(left_out), tuple(skipped),
                                steps)
    diagnostics = with_hints([*diagnostics, *found], model_set)
    if conventions:
        model_set = replace(model_set, key_conventions=conventions)
    if strict:
        diagnostics = strict_diagnostics(diagnostics)
    diagnostics.sort(key=sort_key)
    return model_set, diagnostics


@dataclass(frozen=True, slots=True)
class Unread:
    """A page not read (yet): the run's fingerprint has its hash and size (runs.PageHashes,
    which knows an unchanged page's by its status), by which the page cache may hold its
    reading; its bytes are read only where it must be read (``_task``)."""

    path: Path
    sha256: str
    size: int


# A page's bytes, or what is known of a page not read.
Page = bytes | Unread


def _page(
    path: Path, shown: str, session: Session | None, hashes: Mapping[str, PageState] | None
) -> Page | Diagnostic:
    """The page as Unread where its hash is known (``hashes``) and its size within the limit
    (past it, reading it says so), else its bytes (``_page_bytes``)."""
    if hashes is not None:
        found = hashes.get(os.fspath(path))
        if found is not None and found.size <= MAX_PAGE_BYTES:
            return Unread(path, found.sha256, found.size)
    return _page_bytes(path, shown, session)


def _page_bytes(path: Path, shown: str, session: Session | None) -> Page | Diagnostic:
    """The page's bytes (``read_bytes``); in a watch, what an earlier run found of it (its
    hash: Unread) where its status is still what it was then (Session.page): the pages not
    changed are neither read nor held."""
    if session is None:
        return read_bytes(path, shown)
    key = os.fspath(path)
    quiet = session.quiet_page(key)
    if quiet is not None:
        return quiet
    started = time.time_ns()
    try:
        status = session.status(key)
    except OSError:
        return read_bytes(path, shown)  # (which says why it cannot be read)
    kept = session.page(key, status)
    if kept is not None:
        return kept
    found = read_bytes(path, shown)
    if isinstance(found, Diagnostic):
        return found
    # The status taken before the read: an edit during it changes the status the next run sees.
    session.keep_page(key, status, started, Unread(path, hashlib.sha256(found).hexdigest(),
                                                   len(found)))
    return found


def _finish_folders(models: list[Model]) -> tuple[list[Model], list[Diagnostic]]:
    """Each folder's models of each dialect, with what only the whole folder tells settled
    (Dialect.finish_folder); in the order they came."""
    groups: dict[tuple[str, str], list[int]] = {}
    for index, model in enumerate(models):
        groups.setdefault((keys.folder_of(model.location.path), model.dialect), []).append(index)
    result = list(models)
    diagnostics: list[Diagnostic] = []
    for (_, name), indexes in groups.items():
        dialect = registry.by_name(name)
        if dialect is None:
            continue
        finished, found = dialect.finish_folder([models[i] for i in indexes])
        for index, model in zip(indexes, finished, strict=True):
            result[index] = model
        diagnostics.extend(found)
    return result, diagnostics


def _folder_keys(
    pages: list[tuple[Page, str]], readings: list[PageReading]
) -> Callable[[str], Iterator[tuple[str, ...]]]:
    """The JSON keys each of a folder's pages spells (PageReading.json_keys), asked only for a
    folder whose keys are not set."""

    by_folder: dict[str, list[tuple[str, ...]]] = {}

    def found(folder: str) -> Iterator[tuple[str, ...]]:
        if not by_folder:  # (once, where a folder asks: most runs ask for none)
            for (_, shown), reading in zip(pages, readings, strict=True):
                by_folder.setdefault(keys.folder_of(shown), []).append(reading.json_keys)
        yield from by_folder.get(folder, ())

    return found


def _too_much(shown: str, total: int, limit: int) -> Diagnostic:
    mib = f" ({limit >> 20} MiB)" if limit and not limit % (1 << 20) else ""
    return error(Location(shown), (
        f"the pages read up to this one hold {total} bytes, more than the {limit} bytes{mib} "
        "one run reads; nothing is generated (for a larger spec, raise max-input-mib in "
        "[tool.docmodels])"
    ))


def _left_out(problem: Diagnostic) -> Diagnostic:
    """A page that cannot be read as text is left out: a loss, not a stop."""
    return lost(problem.location, f"{problem.message}; the page is left out")


Result = PageReading

# Below this many pages to read, starting processes costs more than they save (a page takes a
# millisecond or two; a process pool some tens of milliseconds to start and to send results).
_PARALLEL_FROM = 64

def _read_all(
    pages: list[tuple[Page, str]], dialect: Dialect | None, cache: PageCache | None,
    jobs: int | None, progress: Progress = NO_PROGRESS, session: Session | None = None,
    drifted: list[str] | None = None,
) -> list[Result]:
    """What reading each page gives, in order: remembered, or read (in parallel processes
    where many must be). The result does not depend on how: each page is read on its own."""
    name = dialect.name if dialect is not None else None
    results: list[Result | None] = [None] * len(pages)
    entries: list[str | None] = [None] * len(pages)
    missing: list[int] = []
    for index, (page, shown) in enumerate(pages):
        if cache is not None or session is not None:
            # In a watch, an unchanged page is the very Unread the last run had: its key is
            # not made again (recall.py). A page read now is not recalled by: the recall
            # would hold its bytes until the next run (23 MB at 10,000 pages).
            entry = entries[index] = recalled(
                session.steps if session is not None else None, "pagecache.key", (page,),
                (shown, name), partial(_entry, page, shown, name),
            ) if isinstance(page, Unread) else _entry(page, shown, name)
            remembered = session.get(entry) if session is not None else None
            if remembered is None and cache is not None:
                remembered = cache.get(entry)
            elif remembered is not None and cache is not None:
                cache.keep(entry)  # (the store, written again, keeps what the watch had)
            if remembered is not None:
                results[index] = remembered
                progress.advance()
                continue
        missing.append(index)
    work = [_task(pages[i][0], pages[i][1], dialect, entries[i], drifted) for i in missing]

    def keep(made: tuple[Result, bytes | None], entry: str | None) -> Result:
        """A page's result; its entry goes into the store as it comes, not held until all
        have (at 10,000 pages, some hundred MB)."""
        result, encoded = made
        if cache is not None and entry is not None and encoded is not None:
            cache.add(entry, encoded)
        return result

    workers = _workers(len(work), jobs)
    read: list[Result] | None = None
    if workers > 1:
        read = _in_processes(work, workers, progress, keep)
    if read is None:
        read = []
        for task in work:
            read.append(keep(_read_one(task), task[3]))
            progress.advance()
    for index, result in zip(missing, read, strict=True):
        results[index] = result
    if session is not None:
        for known, got in zip(entries, results, strict=True):
            if known is not None and got is not None:
                session.put(known, got)
    return [result for result in results if result is not None]


def _entry(page: Page, shown: str, dialect: str | None) -> str:
    """The page's key in the page cache (pagecache.key)."""
    if isinstance(page, Unread):
        return pagecache.key_of(page.sha256, shown, dialect)
    return pagecache.key(page, shown, dialect)


def _workers(count: int, jobs: int | None) -> int:
    if jobs is None:
        if count < _PARALLEL_FROM:
            return 1
        jobs = cpus.available()
    return max(1, min(jobs, count))


# A page's bytes (or why they cannot be read), its display path, the dialect, and its entry in
# the page cache (None: not remembered).
_Task = tuple["bytes | Diagnostic", str, "Dialect | None", "str | None"]


def _task(
    page: Page, shown: str, dialect: Dialect | None, entry: str | None,
    drifted: list[str] | None = None,
) -> _Task:
    """The task of reading a page; a page not read yet is read now, and its entry is the one
    of the bytes found (the page may have changed since the fingerprint hashed it: then its
    path is added to ``drifted``)."""
    if not isinstance(page, Unread):
        return page, shown, dialect, entry
    found = read_bytes(page.path, shown)
    if isinstance(found, Diagnostic):
        if drifted is not None:
            drifted.append(shown)
        return found, shown, dialect, None  # (gone or unreadable since: nothing to remember)
    if hashlib.sha256(found).hexdigest() != page.sha256:
        if drifted is not None:
            drifted.append(shown)
        if entry is not None:
            entry = pagecache.key(found, shown, dialect.name if dialect is not None else None)
    return found, shown, dialect, entry


def _as_hashed(data: bytes, path: Path, hashes: Mapping[str, PageState] | None) -> bool:
    """Whether a page's bytes are what the fingerprint hashed (``hashes``: it has the page)."""
    state = hashes.get(os.fspath(path)) if hashes is not None else None
    return state is not None and hashlib.sha256(data).hexdigest() == state.sha256


def _in_processes(
    work: list[_Task], workers: int, progress: Progress,
    keep: Callable[[tuple[Result, bytes | None], str | None], Result],
) -> list[Result] | None:
    """The tasks read by ``workers`` processes, in order, each as ``keep`` keeps it; None
    where processes cannot be had."""
    import concurrent.futures

    from docmodels import reader  # noqa: F401  (imported once here, not in every process)
    from docmodels.workers import pool

    # Tasks of at most 64 pages: a worker holds a task's results until it sends them all, and
    # at 10,000 pages tasks of 625 held some 30 MB more in each worker.
    chunk = max(1, min(len(work) // (workers * 8), 64))
    try:
        with pool(workers) as processes:
            read = []
            for task, made in zip(work, processes.map(_read_one, work, chunksize=chunk)):
                read.append(keep(made, task[3]))
                progress.advance()
            return read
    except (OSError, concurrent.futures.process.BrokenProcessPool):
        return None  # no processes here (a sandbox, a limit): read in this one


def _read_one(task: _Task) -> tuple[Result, bytes | None]:
    """What reading one page's bytes gives, and its page cache entry where it has one (made
    where the page is read; the store is written by the process that holds it). The reader,
    markdown-it and the dialects are only imported when a page must be read."""
    data, shown, dialect, entry = task
    from docmodels import reader

    source = data if isinstance(data, Diagnostic) else decode(data, shown)
    if isinstance(source, Diagnostic):
        result: Result = PageReading(
            None, (_left_out(source),), left_out=UnreadPage(shown, source.message)
        )
    else:
        result = reader.read_text(source, dialect)
    if isinstance(data, bytes):
        # (Of the bytes, not of the text: a page that is no UTF-8 still shows its keys.)
        spelled = keys.json_keys(data.decode("utf-8", "replace"))
        if spelled:
            result = replace(result, json_keys=tuple(sorted(spelled)))
    return result, pagecache.encoded(entry, result) if entry is not None else None

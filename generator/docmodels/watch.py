"""``docmodels watch``: regenerate whenever the specs or the templates change.

The operating system says what changed (watchfiles, over Rust's notify: inotify, FSEvents,
ReadDirectoryChangesW), so that waiting costs nothing and a save is seen at once, however many
pages there are; only the files it names are looked at again. Where events do not arrive (network
and container mounts), ``poll=True`` (``--poll``, or watchfiles' own WATCHFILES_FORCE_POLLING)
has notify look at the files every WATCHFILES_POLL_DELAY_MS (300) ms instead. A change is acted
on once the files have stopped changing for the debounce interval, so that an editor's save or a
``git checkout`` of many pages makes one run, not one per file.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from docmodels.source import display_path, spec_folders

if TYPE_CHECKING:
    from watchfiles._rust_notify import RustNotify

# How often the waiting wakes (in Rust, without the GIL) to see whether events came, Ctrl-C
# was pressed or the watch was stopped: well under what a person notices, and next to free.
STEP_MS = 50
# The longest a burst of changes is grouped, however long the files keep changing.
LONGEST_BURST_MS = 60_000


class Event(Protocol):
    """What stops watching once set (threading.Event)."""

    def is_set(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Watched:
    """A spec page or folder, or the templates folder: the files in it whose names end in
    ``suffix`` are watched (all of them below a folder, hidden folders aside)."""

    path: Path
    suffix: str


# A file's state as far as watching cares: a write changes its modification time or size.
FileState = tuple[int, int]
Snapshot = dict[str, FileState]  # display path -> (mtime in ns, size)


@dataclass(frozen=True, slots=True)
class Changed:
    added: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(sorted(self.added + self.modified + self.removed))

    def __bool__(self) -> bool:
        return bool(self.added or self.modified or self.removed)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one generate run did."""

    models: int
    errors: int = 0  # error diagnostics: nothing was written
    changed: int = 0  # output files the run added, changed or removed
    failure: str | None = None  # why the output folder could not be written
    summary: str = ""  # what was read and lost, where anything was (report.summary)


def diff(before: Snapshot, after: Snapshot) -> Changed:
    """The files that appeared, changed or disappeared between two snapshots."""
    return Changed(
        added=tuple(sorted(p for p in after if p not in before)),
        modified=tuple(sorted(p for p in after if p in before and before[p] != after[p])),
        removed=tuple(sorted(p for p in before if p not in after)),
    )


def describe(changed: Changed) -> str:
    """``specs/Pet.md changed`` (or added, removed) for one file, ``3 files changed`` for more."""
    if len(changed.paths) != 1:
        return f"{len(changed.paths)} files changed"
    verb = "added" if changed.added else "removed" if changed.removed else "changed"
    return f"{changed.paths[0]} {verb}"


def summary(what: str, outcome: Outcome, seconds: float) -> str:
    """The one line a run prints: what set it off, what it did, how long it took."""
    took = f"in {seconds:.2f} s"
    if outcome.errors:
        plural = "s" if outcome.errors != 1 else ""
        return f"docmodels: {what}: {outcome.errors} error{plural} {took}, output kept"
    if outcome.failure is not None:
        return f"docmodels: {what}: error {took}, output kept: {outcome.failure}"
    if outcome.changed:
        plural = "s" if outcome.changed != 1 else ""
        return f"docmodels: {what}: regenerated {outcome.changed} file{plural} {took}"
    return f"docmodels: {what}: up to date {took}"


def snapshot(watched: Iterable[Watched], base: Path) -> Snapshot:
    """The state of every watched file now; paths as diagnostics show them."""
    found: Snapshot = {}
    for item in watched:
        if item.path.is_dir():
            for root, dirs, names in os.walk(item.path):
                dirs[:] = spec_folders(root, dirs)
                files = [Path(root) / n for n in names if n.endswith(item.suffix)]
                _record(found, files, base)
        else:
            _record(found, [item.path], base)
    return found


def _record(found: Snapshot, files: Iterable[Path], base: Path) -> None:
    for path in files:
        try:
            stat = path.stat()
        except OSError:  # gone between listing and looking, or never there: not a file
            continue
        found[display_path(path, base)] = (stat.st_mtime_ns, stat.st_size)


def watch(
    watched: Sequence[Watched],
    base: Path,
    run: Callable[[frozenset[str] | None], Outcome],
    *,
    debounce: float,
    report: Callable[[str], None],
    poll: bool = False,
    stop: Event | None = None,
    between: Callable[[], None] | None = None,
) -> Outcome | None:
    """Run, report, and again whenever the watched files change, until interrupted or ``stop``
    is set (then None); returns early only the outcome of a first run that could not write the
    output folder. ``run`` is given the paths the system told of since the last run (as it
    names them; None for the first). ``poll``: look at the files every so often instead of being told;
    ``between``: what to do after a run's line is shown, before waiting for the next change
    (writes to the cache folder, which only save the next run time)."""
    # Told of changes from before the first run on: a page saved while it runs makes another.
    try:
        return _watch(watched, base, run, debounce, report, poll, stop, between)
    finally:
        gc.unfreeze()


def _set_aside() -> None:
    """Between runs, while nothing waits: what the run left for the next (the session) is
    collected once and set aside from the garbage collector's passes (gc.freeze), which would
    otherwise walk its million objects again and again during the next run (at 10,000 pages,
    a third of a run after one saved page). Frozen objects are still freed when no longer
    used; the next pass unfreezes them first, so no cycle of them outlives a run."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _watch(
    watched: Sequence[Watched], base: Path, run: Callable[[frozenset[str] | None], Outcome],
    debounce: float,
    report: Callable[[str], None], poll: bool, stop: Event | None,
    between: Callable[[], None] | None,
) -> Outcome | None:
    with _notifier([str(r) for r in _roots(watched)], poll or forced_polling(), report) as notify:
        before = snapshot(watched, base)
        what = f"watching {len(before)} file{'s' if len(before) != 1 else ''}"
        first = True
        told: set[str] | None = None
        while True:
            started = time.monotonic()
            outcome = run(frozenset(told) if told is not None else None)
            if first and outcome.failure is not None:
                return outcome
            first = False
            report(summary(what, outcome, time.monotonic() - started))
            if between is not None:
                between()
            _set_aside()
            told = set()  # (every path told of until the next run, those of bursts let be too)
            while True:  # changed and changed back, or other files: nothing to do
                paths = _burst(notify, debounce, stop)
                if paths is None:
                    return None
                told.update(paths)
                latest = refreshed(before, paths, watched, base)
                if diff(before, latest):
                    break
            what = describe(diff(before, latest))
            # The next run reads the files as they are now: an edit made while it runs is a
            # change from this state, and makes another run.
            before = latest


def _notifier(roots: list[str], poll: bool, report: Callable[[str], None]) -> RustNotify:
    """watchfiles' notifier (its documented Rust backend) over ``roots``; where the operating
    system cannot tell of changes (no more inotify watches to be had), one that polls."""
    from watchfiles._rust_notify import RustNotify

    delay = poll_delay_ms()
    try:
        return RustNotify(roots, False, poll, delay, True, True)
    except (OSError, RuntimeError) as exc:
        if poll:
            raise
        report(f"docmodels: the operating system cannot tell of changes here ({exc}); "
               f"looking at the files every {delay} ms instead")
        return RustNotify(roots, False, True, delay, True, True)


class _Notify(Protocol):
    def watch(
        self, debounce_ms: int, step_ms: int, timeout_ms: int, stop_event: Event | None
    ) -> set[tuple[int, str]] | str: ...


def _burst(notify: _Notify, debounce: float, stop: Event | None) -> set[str] | None:
    """The paths that changed, once something changed and then nothing for ``debounce``
    seconds; None once ``stop`` is set."""
    paths: set[str] = set()
    quiet_ms = 0  # none yet: wait for the first change for as long as it takes
    while True:
        changes = notify.watch(LONGEST_BURST_MS, STEP_MS, quiet_ms, stop)
        if isinstance(changes, str):
            if changes == "signal":
                raise KeyboardInterrupt
            if changes == "stop":
                return None
            if paths:  # a timeout: quiet for the debounce interval
                return paths
            continue
        paths.update(path for _, path in changes)
        quiet_ms = max(1, round(debounce * 1000))


def forced_polling() -> bool:
    """WATCHFILES_FORCE_POLLING, read as watchfiles reads it: set, and not to false."""
    value = os.environ.get("WATCHFILES_FORCE_POLLING", "")
    return bool(value) and value.lower() not in {"false", "disable", "disabled"}


def poll_delay_ms() -> int:
    """WATCHFILES_POLL_DELAY_MS, read as watchfiles reads it (default 300)."""
    value = os.environ.get("WATCHFILES_POLL_DELAY_MS", "")
    return int(value) if value.isdecimal() else 300


def _roots(watched: Sequence[Watched]) -> list[Path]:
    """The folders to be told about: each watched folder, and the folder of each watched file
    (an editor saves a file by writing another and renaming it over it: the folder sees that);
    those inside another left out. A file not there (yet) is watched from its folder; a path
    whose folder is not there, not at all."""
    found: set[Path] = set()
    for item in watched:
        path = item.path.absolute()
        if not path.is_dir():
            path = path.parent
        if path.is_dir():
            found.add(path)
    return sorted(r for r in found if not any(o != r and r.is_relative_to(o) for o in found))


def refreshed(before: Snapshot, paths: Iterable[str], watched: Sequence[Watched],
              base: Path) -> Snapshot:
    """``before`` with the state of the files at ``paths`` (as the operating system names them)
    looked at again; a folder among them (created, removed or renamed whole) is walked again."""
    after = dict(before)
    folders = [item.path.is_dir() for item in watched]  # looked at once, not once per path
    for raw in paths:
        path = Path(raw)
        for item, folder in zip(watched, folders, strict=True):
            if not folder:
                if _same(path, item.path):
                    _restat(after, path, base)
                continue
            inside = _inside(path, item.path)
            if inside is None:
                continue
            if path.name.endswith(item.suffix) and not path.is_dir():
                _restat(after, path, base)
            elif _inside(path / "x", item.path) is not None and (
                path.is_dir() or _known_below(after, path, base)
            ):  # a folder pages are looked for in
                prefix = display_path(path, base) + "/"
                for shown in [k for k in after if k.startswith(prefix)]:
                    if shown.endswith(item.suffix):
                        del after[shown]
                if path.is_dir():
                    after.update(snapshot([Watched(path, item.suffix)], base))
    return after


def _inside(path: Path, folder: Path) -> tuple[str, ...] | None:
    """The folders between ``folder`` and ``path``, where all are ones pages are looked for in
    (not hidden, not an output folder); None where ``path`` is not below ``folder`` so."""
    try:
        relative = path.relative_to(folder.absolute())
    except ValueError:
        return None
    parts = relative.parts[:-1]
    parent = str(folder.absolute())
    for part in parts:
        if not spec_folders(parent, [part]):
            return None
        parent = os.path.join(parent, part)
    return parts


def _same(path: Path, other: Path) -> bool:
    return path == other.absolute() or path.resolve() == other.resolve()


def _known_below(state: Snapshot, folder: Path, base: Path) -> bool:
    prefix = display_path(folder, base) + "/"
    return any(shown.startswith(prefix) for shown in state)


def _restat(state: Snapshot, path: Path, base: Path) -> None:
    shown = display_path(path, base)
    state.pop(shown, None)
    _record(state, [path], base)

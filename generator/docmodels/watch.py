"""``docmodels watch``: regenerate whenever the specs or the templates change.

Polling, not file-system events: it needs nothing beyond the standard library, works the same on
every platform and on network or container mounts where events do not arrive, and a few hundred
``stat`` calls every 0.3 s cost next to nothing. A change is acted on once the files have stopped
changing for the debounce interval, so that an editor's save or a ``git checkout`` of many pages
makes one run, not one per file.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docmodels.source import display_path, spec_folders

# How often the files are looked at: well under what a person notices, and cheap.
POLL_SECONDS = 0.3


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
    run: Callable[[], Outcome],
    *,
    debounce: float,
    report: Callable[[str], None],
    sleep: Callable[[float], None] = time.sleep,
) -> Outcome:
    """Run, report, and again whenever the watched files change, until interrupted; returns
    only the outcome of a first run that could not write the output folder."""
    poll = min(POLL_SECONDS, debounce) if debounce > 0 else POLL_SECONDS
    before = snapshot(watched, base)
    what = f"watching {len(before)} file{'s' if len(before) != 1 else ''}"
    first = True
    while True:
        started = time.monotonic()
        outcome = run()
        if first and outcome.failure is not None:
            return outcome
        first = False
        report(summary(what, outcome, time.monotonic() - started))
        latest = _settled(watched, base, before, debounce, poll, sleep)
        while not diff(before, latest):  # changed and changed back: nothing to do
            latest = _settled(watched, base, before, debounce, poll, sleep)
        what = describe(diff(before, latest))
        # The next run reads the files as they are now: an edit made while it runs is a change
        # from this state, and makes another run.
        before = latest


def _settled(
    watched: Sequence[Watched],
    base: Path,
    since: Snapshot,
    debounce: float,
    poll: float,
    sleep: Callable[[float], None],
) -> Snapshot:
    """The files' state once something changed since ``since`` and then stayed still for
    ``debounce`` seconds."""
    current = since
    while True:
        sleep(poll)
        latest = snapshot(watched, base)
        if latest != current:
            current, quiet_since = latest, time.monotonic()
            break
    while time.monotonic() - quiet_since < debounce:
        sleep(poll)
        latest = snapshot(watched, base)
        if latest != current:
            current, quiet_since = latest, time.monotonic()
    return current

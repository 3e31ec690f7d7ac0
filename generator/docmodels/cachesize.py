"""The cache folder's size: measured, bounded, cleared.

Every entry is a file in one of docmodels' folders (cachedir.FOLDERS); reading an entry marks it
used (cachedir.touch), so its modification time is when it was last used. Above the bound, the
least recently used entries go first, down to nine tenths of the bound (so that the next runs do
not trim again at once). The work is bounded: a run trims at most once an hour (a stamp file
says when the last trim was), and a trim walks a folder whose size the bound caps. What the run
that trims used is never evicted: a bound smaller than one run needs is exceeded rather than
making every run start cold.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from docmodels import kept
from docmodels.cachedir import (
    ENVIRONMENT,
    FOLDERS,
    KEPT,
    KEPT_TEXT,
    LEGACY,
    LEGACY_SHARDS,
    TEMPORARY,
    is_legacy_shard,
)

BOUND_ENVIRONMENT = "DOCMODELS_CACHE_MAX_MIB"
DEFAULT_BOUND_MIB = 200
STAMP = ".last-trim"
# https://bford.info/cachedir/: backup tools (borg, restic, tar --exclude-caches) skip the folder.
TAG = "CACHEDIR.TAG"
TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by docmodels.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
TRIM_INTERVAL = 3600.0  # seconds
_TEMPORARY = TEMPORARY  # a write in progress (cachedir.write)


class BoundError(ValueError):
    """DOCMODELS_CACHE_MAX_MIB holds something other than a whole number of MiB."""


def bound(environ: Mapping[str, str] = os.environ) -> int:
    """The most bytes the cache folder is to hold: DOCMODELS_CACHE_MAX_MIB (whole MiB; 0 keeps
    only what the last run used), else 200 MiB."""
    text = environ.get(BOUND_ENVIRONMENT, "").strip()
    if not text:
        return DEFAULT_BOUND_MIB << 20
    if not text.isdigit():  # isdigit: no sign, no point, no underscore
        raise BoundError(f"{BOUND_ENVIRONMENT} must be a whole number of MiB, not {text!r}")
    return int(text) << 20


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    size: int
    used: float  # when it was last used: its modification time


@dataclass(frozen=True, slots=True)
class Usage:
    """What one of the cache's folders holds."""

    folder: str
    entries: int
    size: int


def _folders(root: Path) -> Iterator[tuple[str, Path]]:
    """docmodels' folders in ``root``: each named by its kind (the shards of before 0.1.0 all
    by LEGACY_SHARDS)."""
    for name in (*FOLDERS, *LEGACY):
        yield name, root / name
    try:
        shards = sorted(p for p in root.iterdir() if is_legacy_shard(p.name))
    except OSError:
        return
    for shard in shards:
        yield LEGACY_SHARDS, shard


def _entries(folder: Path) -> Iterator[Entry]:
    """Every file under ``folder`` (symbolic links are not followed, nor counted)."""
    pending = [str(folder)]
    while pending:
        try:
            scanner = os.scandir(pending.pop())
        except OSError:
            continue  # absent, or gone while walking
        with scanner:
            for item in scanner:
                try:
                    if item.is_dir(follow_symlinks=False):
                        pending.append(item.path)
                    elif item.is_file(follow_symlinks=False):
                        status = item.stat(follow_symlinks=False)
                        yield Entry(item.path, status.st_size, status.st_mtime)
                except OSError:
                    continue


def usage(root: Path) -> list[Usage]:
    """Each of docmodels' folders in ``root`` that exists, with its entries and bytes (of the
    kept trees, only the bytes they alone hold: the rest is the output's)."""
    found: dict[str, Usage] = {}
    for name, folder in _folders(root):
        if folder.is_dir() and not folder.is_symlink():
            entries = list(_entries(folder))
            before = found.get(name, Usage(name, 0, 0))
            found[name] = Usage(name, before.entries + len(entries),
                                before.size + sum(e.size for e in entries))
    if (root / KEPT).is_dir():
        files, size = kept.held(root / KEPT)
        found[KEPT] = Usage(KEPT, files, size)
    return list(found.values())


def clear(root: Path) -> Usage:
    """Delete docmodels' folders in ``root`` (nothing else there); returns what they held."""
    held = usage(root)
    for _, folder in _folders(root):
        if folder.is_symlink():
            with contextlib.suppress(OSError):
                folder.unlink()
        elif folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
    kept.clear(root / KEPT)
    with contextlib.suppress(OSError):
        (root / STAMP).unlink()
    return Usage("", sum(u.entries for u in held), sum(u.size for u in held))


@dataclass(frozen=True, slots=True)
class Trim:
    scanned: bool  # False: trimmed less than TRIM_INTERVAL ago, nothing looked at
    evicted: int = 0
    freed: int = 0
    size: int = 0  # what the folders hold after the trim


def trim(root: Path, limit: int, since: float, now: float | None = None,
         interval: float = TRIM_INTERVAL) -> Trim:
    """Evict the least recently used entries while the cache holds more than ``limit`` bytes,
    down to nine tenths of it; entries used at or after ``since`` (this run's) stay. At most
    once per ``interval`` seconds (the stamp file's age)."""
    now = time.time() if now is None else now
    stamp = root / STAMP
    try:
        if now - stamp.stat().st_mtime < interval:
            return Trim(scanned=False)
    except OSError:
        pass  # never trimmed (or no cache folder at all)
    if not root.is_dir():
        return Trim(scanned=False)
    entries = [e for _, folder in _folders(root) for e in _entries(folder)]
    total = sum(e.size for e in entries)
    evicted = freed = 0
    if total > limit:
        target = limit * 9 // 10
        for entry in sorted(entries, key=lambda e: e.used):
            if total <= target:
                break
            if entry.used >= since:
                continue  # this run's (or a concurrent run's)
            if os.path.basename(entry.path).startswith(_TEMPORARY) and now - entry.used < interval:
                continue  # another run is writing it
            try:
                os.unlink(entry.path)
            except OSError:
                continue  # gone already, or in use (Windows)
            total -= entry.size
            evicted += 1
            freed += entry.size
    with contextlib.suppress(OSError):
        stamp.touch()
        os.utime(stamp, (now, now))
    if not (root / TAG).exists():
        with contextlib.suppress(OSError):
            (root / TAG).write_text(TAG_TEXT, encoding="ascii")
    return Trim(scanned=True, evicted=evicted, freed=freed, size=total)


def shown(root: Path, limit: int | None, configured: bool) -> str:
    """What `docmodels cache show` prints: the folder, where it comes from, its size against
    the bound (None: unreadable, said elsewhere), its entries, and each folder's share."""
    held = usage(root)
    source = f"${ENVIRONMENT}" if configured else "the platform's cache folder"
    bound_text = "" if limit is None else f" of {mib(limit)} (${BOUND_ENVIRONMENT})"
    lines = [
        f"folder:  {root} ({source})",
        f"size:    {mib(sum(u.size for u in held))}{bound_text}",
        f"entries: {sum(u.entries for u in held):,}",
    ]
    for part in held:
        what = KEPT_TEXT if part.folder == KEPT else FOLDERS.get(part.folder,
                                                                 "from an older docmodels")
        name = part.folder if part.folder == LEGACY_SHARDS else part.folder + "/"
        lines.append(f"  {name:<20} {mib(part.size):>10} {part.entries:>8,}  {what}")
    return "\n".join(lines) + "\n"


def mib(size: int) -> str:
    """A size as people read it: 200 MiB, 1.2 MiB, 340 KiB, 12 bytes."""
    if size >= 1 << 20:
        whole = size % (1 << 20) == 0
        return f"{size >> 20} MiB" if whole else f"{size / (1 << 20):.1f} MiB"
    if size >= 1 << 10:
        return f"{size / (1 << 10):.0f} KiB"
    return f"{size} bytes"

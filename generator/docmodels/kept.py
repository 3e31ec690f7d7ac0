"""The output tree a swap put aside, kept in the cache folder as the next run's staging tree.

Replacing the output folder atomically needs a complete new tree beside it. Building that tree
from nothing (a hard link for each unchanged file) and deleting the old one after the swap cost
two operations per file: 40,000 at 10,000 models, to write the one file that changed. Instead
the old tree, once swapped out, is kept (``cache/kept/<key of the output folder>``), and the
next run takes it back and changes in it only what differs (writer._restage). The kept tree is a
hint, never trusted: the next run checks each of its files against the live output by inode (a
file that is the live file holds what the live file holds) and rewrites or removes any other.

Only a complete tree is ever kept here: the one the swap took out of the output folder. A run
takes the kept tree out of the cache (a rename, to the staging name beside the output folder
that a killed run's recovery deletes) before changing anything in it, so a kill while it is
changed leaves nothing here. Taking and putting back hold a lock on the ``kept`` folder, which
``docmodels cache clear`` takes too: it never deletes files from a tree a run is about to swap
in. Where the cache folder is on another file system than the output (no rename between them),
or the output folder is a mount point (replaced entry by entry, inplace.py), nothing is kept and
each run builds its staging tree as before.

The kept files are mostly hard links to the output's own (their data shared, not copied): what
the cache holds besides is the files the last run changed, in their older version, and the
folders' entries. At most ``TREES`` trees are kept, the least recently used going first (an
output folder renamed or deleted leaves its tree behind until then, or ``cache clear``).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

TREES = 4  # kept trees, at most: a project with package and docs split needs two


def key(output: Path) -> str:
    """The name of ``output``'s kept tree (its resolved path, hashed)."""
    return hashlib.sha256(os.fsencode(output.resolve())).hexdigest()[:32]


@contextlib.contextmanager
def locked(folder: Path, make: bool = False) -> Iterator[bool]:
    """Hold the lock on the ``kept`` folder (``make``: made first where it is not); yields False
    where the folder cannot be opened (nothing is then kept). A file system without locks is
    used unlocked."""
    try:
        if make:
            folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        yield False
        return
    try:
        try:
            import fcntl
        except ImportError:  # not POSIX
            pass
        else:
            with contextlib.suppress(OSError):
                fcntl.flock(handle, fcntl.LOCK_EX)  # released when the handle is closed
        yield True
    finally:
        os.close(handle)


def take(folder: Path, output: Path, staging: Path) -> bool:
    """Move ``output``'s kept tree to ``staging`` (an empty folder beside the output, which it
    replaces); False where there is none to take (``staging`` is then left empty)."""
    with locked(folder) as usable:
        if not usable:
            return False
        tree = folder / key(output)
        if not tree.is_dir() or tree.is_symlink():
            return False
        if not output.is_dir():
            # The output folder was deleted: none of the kept files is the output's any more,
            # all of them would be rewritten; a fresh tree costs less.
            shutil.rmtree(tree, ignore_errors=True)
            return False
        try:
            # POSIX renames a folder over an empty one; Windows does not: the empty one goes
            # first (its random name is not taken meanwhile).
            os.rmdir(staging)
            os.rename(tree, staging)
        except OSError as exc:
            if exc.errno == errno.EXDEV:
                shutil.rmtree(tree, ignore_errors=True)  # cannot be used from here
            with contextlib.suppress(FileExistsError):
                staging.mkdir()
            return False
        return True


def put(folder: Path, output: Path, tree: Path) -> None:
    """Keep ``tree``, the complete tree a swap took out of ``output``, for the next run; where it
    cannot be kept, delete it."""
    with locked(folder, make=True) as usable:
        if usable:
            place = folder / key(output)
            shutil.rmtree(place, ignore_errors=True)  # a tree the take left: not the newest
            try:
                os.rename(tree, place)
            except OSError:
                pass
            else:
                with contextlib.suppress(OSError):
                    os.utime(place)  # used now: the least recently used trees go first
                _prune(folder)
                return
    shutil.rmtree(tree, ignore_errors=True)


def _prune(folder: Path) -> None:
    trees = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                trees.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
    for _, path in sorted(trees, reverse=True)[TREES:]:
        shutil.rmtree(path, ignore_errors=True)


def clear(folder: Path) -> None:
    """Delete every kept tree, under the lock (``docmodels cache clear``)."""
    if not folder.is_dir():
        return
    with locked(folder):
        shutil.rmtree(folder, ignore_errors=True)


def held(folder: Path) -> tuple[int, int]:
    """The files the kept trees hold, and the bytes of those only they hold (a hard link to an
    output's file costs no data)."""
    files = size = 0
    pending = [os.fspath(folder)]
    while pending:
        try:
            scanner = os.scandir(pending.pop())
        except OSError:
            continue
        with scanner:
            for entry in scanner:
                with contextlib.suppress(OSError):
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    elif entry.is_file(follow_symlinks=False):
                        status = entry.stat(follow_symlinks=False)
                        files += 1
                        size += status.st_size if status.st_nlink == 1 else 0
    return files, size

"""Replacing a folder's contents entry by entry, for an output folder that cannot itself be
renamed: a mount point (a container's or a CI job's volume: EBUSY), or a folder of an overlay
file system's lower layer (EXDEV).

The new tree is built in a hidden folder inside the output folder (the same file system), then
each entry at the top is swapped in by itself: a folder with an atomic exchange (renameat2
RENAME_EXCHANGE) as a whole, a file with a rename over the old one. Where a folder cannot be
exchanged (no exchange on this system, or the folder is itself a mount point), its entries are
swapped in the same way, one level down. So every file is always the complete old or the complete
new one, and every folder that could be exchanged is the complete old or new folder; only between
two entries' swaps (microseconds; or after a kill, until the next run) do old and new entries sit
side by side. The marker goes first, so that a run killed part-way leaves a folder that the next
run knows as docmodels' own, and completes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable

Exchange = Callable[[str, str], bool]  # atomically swap two paths; False where it cannot


def move_in(new: str, current: str, exchange: Exchange, marker: str, keep: str = "") -> None:
    """Make ``current`` hold what ``new`` holds, entry by entry. What ``current`` held ends up in
    ``new`` or is deleted; ``keep``: an entry of ``current`` to leave alone (the staging folder
    ``new`` itself, at the top)."""
    names = sorted(os.listdir(new), key=lambda name: (name != marker, name))
    for name in names:
        source, target = os.path.join(new, name), os.path.join(current, name)
        if not os.path.lexists(target):
            os.rename(source, target)
        elif exchange(source, target):
            pass  # source now holds the old entry, deleted with the staging folder
        elif _is_folder(source) and _is_folder(target):
            move_in(source, target, exchange, marker)
        elif not _is_folder(source) and not _is_folder(target):
            os.replace(source, target)  # atomic for a file
        else:
            # A file where a folder was, or the reverse, without an exchange: there is a moment
            # without either.
            _delete(target)
            os.rename(source, target)
    wanted = set(names) | {keep}
    for name in sorted(os.listdir(current)):
        if name not in wanted:
            _delete(os.path.join(current, name))


def _is_folder(path: str) -> bool:
    return os.path.isdir(path) and not os.path.islink(path)


def _delete(path: str) -> None:
    if _is_folder(path):
        shutil.rmtree(path)
    else:
        os.unlink(path)

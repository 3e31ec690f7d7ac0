"""Where docmodels keeps what it may forget, and the folders it keeps it in. Its own module, so
that finding the folder imports nothing heavy.

The folder is the platform's cache folder for docmodels (``default_cache_dir``), or the one
``DOCMODELS_CACHE_DIR`` names. Inside it, one folder per kind of entry (``FOLDERS``); every entry
is a shortcut only: deleting any of them, or all, is always safe. ``cachesize`` bounds their
size, and ``docmodels cache`` shows and clears them.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path

ENVIRONMENT = "DOCMODELS_CACHE_DIR"

# The folders docmodels writes in the cache folder, and what each holds. Nothing else in the
# cache folder is docmodels' (DOCMODELS_CACHE_DIR may name a folder that holds other files).
PAGES = "pages"
RENDERED = "rendered"
FORMATTED = "formatted"
RUNS = "runs"
COMPILED_TEMPLATES = "compiled-templates"
FOLDERS = {
    PAGES: "what reading each page gave",
    RENDERED: "the files each output folder's last run rendered",
    FORMATTED: "black's output for the modules it formatted",
    RUNS: "records of past runs (a run with the same inputs writes nothing)",
}
# Before 0.1.0 the whole cache lived in ~/.cache/docmodels/black, and black's results in folders
# named by two hex digits at the top of the cache folder (00/ to ff/, as DOCMODELS_CACHE_DIR
# named it): still ours, counted, evicted and cleared as the folders above are.
# Compiled Jinja templates were kept in compiled-templates/ until they were found to be code
# that a cache folder from somewhere untrusted could plant: still ours, never read.
LEGACY = ("black", COMPILED_TEMPLATES)
LEGACY_SHARDS = "00/ to ff/"


def is_legacy_shard(name: str) -> bool:
    return len(name) == 2 and all(c in "0123456789abcdef" for c in name)


def default_cache_dir(
    platform: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    home: Path | None = None,
) -> Path:
    """The platform's folder for caches, docmodels' part of it: ``$XDG_CACHE_HOME/docmodels`` or
    ``~/.cache/docmodels`` (Linux and other Unixes), ``~/Library/Caches/docmodels`` (macOS),
    ``%LOCALAPPDATA%\\docmodels\\Cache`` (Windows, as pip does)."""
    home = home if home is not None else Path.home()
    if platform == "win32":
        local = environ.get("LOCALAPPDATA")
        base = Path(local) if local else home / "AppData" / "Local"
        return base / "docmodels" / "Cache"
    if platform == "darwin":
        return home / "Library" / "Caches" / "docmodels"
    # The XDG specification: a relative path in the variable is invalid and is ignored.
    xdg = environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache"
    return base / "docmodels"


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The cache folder this run uses: ``DOCMODELS_CACHE_DIR`` where set, else the platform's."""
    configured = environ.get(ENVIRONMENT)
    return Path(configured) if configured else default_cache_dir(environ=environ)


def touch(path: Path | str) -> None:
    """Mark an entry as used now (its modification time): the size bound evicts the least
    recently used entries first, and access times are not kept on every file system."""
    with contextlib.suppress(OSError):
        os.utime(path)

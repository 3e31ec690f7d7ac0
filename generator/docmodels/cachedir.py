"""What docmodels remembers between runs, why, and where: the one place that says so. Its own
module, so that finding the folder imports nothing heavy.

Everything remembered is a shortcut keyed by content: the hash of exactly what decides it, so
that an entry is either the right one or not found. Deleting any entry, or the whole folder, is
always safe (the next run does the work again); ``cachesize`` bounds the folder's size (least
recently used first, DOCMODELS_CACHE_MAX_MIB) and ``docmodels cache`` shows and clears it. No
entry is a pickle or anything else that runs: a cache folder may come from somewhere untrusted
(a CI cache restored for a fork's pull request, a folder inside the repository), and every entry
is checked when read, a bad one being one more entry not found: its shape, and where a changed
byte would keep the shape (a text, a model), its data against the hash or CRC-32 it was kept
with. A well-formed entry planted under a key is still believed: it changes what it stands
for, and can run nothing. What is remembered:

- ``pages/``: what reading each page gave (its model and diagnostics), by the hash of the
  page's bytes, its path, the forced dialect and docmodels' code (pagecache.py). Reading is
  most of a cold run; one store file per set of spec folders, so a run opens one file.
- ``rendered/``: per output folder and options, an appended store (store.py) of each generated
  file by the hash of the scope it was rendered from (the few models it may read), each
  module's layout, each model's example and the records of the last run (emit/memo.py).
  Rendering and layout are most of the rest.
- ``formatted/``: black's output by the hash of its input, for the modules black formats
  (emit/formatting.py).
- ``runs/``: a record of each run by the hash of all its inputs, with the hash and status of
  each file it wrote, so that a run with nothing changed does nothing, and one with one page
  changed need not read the output folder back; a pointer to each output folder's last record;
  and the hash of each page by its status, so that an unchanged page is not read to be hashed
  (runs.py). The record is kept here, not beside the output: an inode and a time are this
  machine's facts about the folder, and the output folder is exactly the generated files.
  Beside them, what each ``ir`` and ``schema`` run printed (the JSON, compressed, with its
  diagnostics), by the same kind of hash of all its inputs, so that a run with nothing changed
  prints it again instead of loading every page (printed.py; at 10,000 pages 0.6 s, not 6).
  And what loading gave a ``generate``: the resolved model set and its diagnostics, by the same
  kind of hash of what decides them (the load's options, every page, every overlay), its models
  by their digests in an appended store per set of spec folders (store.py), so that ``ir``,
  ``schema`` or a ``generate`` of other options over the same pages take it instead of loading
  them again (loaded.py; at 10,000 pages ``ir`` after ``generate`` 2.0 s, not 2.9).
- ``kept/``: the tree each output folder's last swap took out, as the next run's staging tree,
  so that a run changes in it only what differs (kept.py). Its files are mostly hard links to
  the output's (their data shared); never trimmed file by file, at most ``kept.TREES`` trees,
  deleted by ``docmodels cache clear``. Kept only where the cache folder is on the output's
  file system.

Besides the folder, a long-running ``docmodels watch`` keeps in memory what its latest run used
(session.py): each page's reading, the render memo, what it left in each output folder, and
what each step after reading gave each model (recall.py: the key convention's evidence, the
settled and resolved model, merged unions, planned names, digests and scope hashes, examples,
reference edges, output hashes), by the identity of the very objects the step read, so that a
saved page costs the steps of the models it touches. Nothing of that is written anywhere; a
one-off run (``generate``, ``ir``, ``schema``) starts from this folder alone.

``write`` and ``write_stream`` write every entry: atomically, so that a kill leaves the old
entry or the new one, and silently where the folder cannot be written (a cache only saves
time).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

ENVIRONMENT = "DOCMODELS_CACHE_DIR"

# The folders docmodels writes in the cache folder, and what each holds. Nothing else in the
# cache folder is docmodels' (DOCMODELS_CACHE_DIR may name a folder that holds other files).
PAGES = "pages"
RENDERED = "rendered"
FORMATTED = "formatted"
RUNS = "runs"
COMPILED_TEMPLATES = "compiled-templates"
# Not among FOLDERS: a tree, not entries; trimmed by count, not file by file (kept.py).
KEPT = "kept"
KEPT_TEXT = "the output trees last swapped out, the next runs' staging trees (not trimmed)"
FOLDERS = {
    PAGES: "what reading each page gave (a store per set of spec folders)",
    RENDERED: "the files each output folder's last run rendered",
    FORMATTED: "black's output for the modules it formatted",
    RUNS: "records of past runs, and the pages' hashes (a run with the same inputs writes "
          "nothing); what ir and schema printed; what loading gave",
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


def write(path: Path, data: bytes) -> None:
    """``data`` into ``path`` atomically; an unwritable cache only costs speed."""
    _atomically(path, lambda stream: stream.write(data))


def sealed(data: bytes) -> bytes:
    """``data`` after a line of its sha256, as a file of one entry keeps it (a run record,
    black's output): ``unsealed`` gives it back only where it is whole."""
    return hashlib.sha256(data).hexdigest().encode() + b"\n" + data


def unsealed(data: bytes) -> bytes | None:
    """What ``sealed`` sealed, or None where the data is not what its line says (cut short,
    a byte changed, not sealed at all)."""
    digest, _, body = data.partition(b"\n")
    return body if hashlib.sha256(body).hexdigest().encode() == digest else None


def write_sealed_json(path: Path, data: object) -> None:
    """``data`` as JSON, ``sealed``, written atomically (a run record, a load's record, the
    pages' hashes)."""
    write(path, sealed(json.dumps(data).encode("utf-8")))


def read_sealed_json(path: Path) -> Any:
    """What ``write_sealed_json`` wrote at ``path``; None where it is not whole (cut short, a
    byte changed, not sealed). Raises OSError where it cannot be read, ValueError where it
    is not JSON."""
    text = unsealed(path.read_bytes())
    return None if text is None else json.loads(text.decode("utf-8"))


def write_stream(path: Path, chunks: Iterable[bytes]) -> None:
    """``chunks`` into ``path`` atomically, streamed: no copy of the whole file is held in
    memory (a render memo of 10,000 pages is some hundred MB)."""

    def fill(stream: IO[bytes]) -> None:
        for chunk in chunks:
            stream.write(chunk)

    _atomically(path, fill)


# A write in progress: cachesize leaves such files to the run writing them.
TEMPORARY = ".tmp-"


def _atomically(path: Path, fill: Callable[[IO[bytes]], object]) -> None:
    """``path`` as ``fill`` writes it, or as it was: written beside it, then renamed over it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=TEMPORARY)
        try:
            with os.fdopen(handle, "wb") as stream:
                fill(stream)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError:
        pass  # an unwritable cache only costs speed

"""Finding spec pages and reading them as text, with a diagnostic for what cannot be read."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from docmodels.diagnostics import Diagnostic, Location, error, warning
from docmodels.limits import MAX_PAGE_BYTES

# Pages in an SDK's docs folder that are not model pages.
SKIPPED_NAMES = frozenset({"readme.md"})
# The file docmodels writes into each output folder (writer.MARKER).
_MARKER = ".docmodels"


def spec_folders(folder: str, names: list[str]) -> list[str]:
    """The subfolders of ``folder`` to look for pages in, sorted: not hidden ones, nor a folder
    docmodels wrote (an output folder inside a spec folder: its docs are no spec pages)."""
    return sorted(
        name for name in names
        if not name.startswith(".") and not os.path.isfile(os.path.join(folder, name, _MARKER))
    )


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # as shown in diagnostics and recorded in the IR: relative to the working directory
    text: str


def display_path(path: Path, base: Path) -> str:
    """A stable, platform-neutral path for diagnostics and generated headers."""
    try:
        return as_text(path.resolve().relative_to(base.resolve()).as_posix())
    except ValueError:
        return as_text(path.as_posix())


def as_text(path: str) -> str:
    """A path as text that any generated file can hold. Where the file system encoding is not
    UTF-8 (LC_ALL=C without Python's UTF-8 mode), Python gives the bytes of a name outside it as
    surrogates: they are read as UTF-8, as the pages' links spell names, else escaped."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


class _Shown:
    """``display_path`` for many pages under a few folders, in plain strings: each folder, and
    the base, resolved once. A page that is no symbolic link resolves to its folder's resolution
    and its name."""

    def __init__(self, base: Path) -> None:
        self.base = os.path.realpath(base)
        self.prefix = self.base if self.base.endswith(os.sep) else self.base + os.sep
        self.folders: dict[str, str] = {}

    def __call__(self, folder: str, name: str) -> str:
        full = os.path.join(folder, name)
        if name in ("", os.curdir, os.pardir) or os.path.islink(full):
            resolved = os.path.realpath(full)
        else:
            known = self.folders.get(folder)
            if known is None:
                known = self.folders[folder] = os.path.realpath(folder)
            resolved = os.path.join(known, name)
        if os.sep == "/" and resolved.startswith(self.prefix):
            return as_text(resolved[len(self.prefix):])
        return display_path(Path(full), Path(self.base))  # elsewhere, or not POSIX

    def regular(self, folder: str, name: str) -> str:
        """``self(folder, name)`` for a file known to be no symbolic link."""
        known = self.folders.get(folder)
        if known is None:
            known = self.folders[folder] = os.path.realpath(folder)
        if os.sep == "/" and known.startswith(self.prefix):
            return as_text(known[len(self.prefix):] + "/" + name)
        return self(folder, name)

    def unresolved(self, folder: str, name: str) -> str:
        """Where a file is, not where it leads (a symbolic link's own path)."""
        known = self.folders.get(folder)
        if known is None:
            known = self.folders[folder] = os.path.realpath(folder)
        full = os.path.join(known, name)
        if full.startswith(self.prefix):
            return Path(full[len(self.prefix):]).as_posix()
        return Path(os.path.join(folder, name)).as_posix()


def discover(specs: list[Path], base: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Expand files and folders into a sorted, duplicate-free list of Markdown pages."""
    pages, diagnostics = discover_shown(specs, base)
    return [path for path, _ in pages], diagnostics


def discover_shown(
    specs: list[Path], base: Path, made: dict[str, Path] | None = None
) -> tuple[list[tuple[Path, str]], list[Diagnostic]]:
    """``discover``, each page with its display path. ``made``: Paths made before, by their
    text (a watch lists 10,000 pages on every run, and a Path is slow to make), taken where
    the same."""
    found: dict[str, Path] = {}
    diagnostics: list[Diagnostic] = []
    shown = _Shown(base)
    folders = [os.path.realpath(spec) for spec in specs if spec.is_dir()]
    for spec in specs:
        if spec.is_dir():
            for root, dirs, files in _walk(os.fspath(spec)):
                dirs[:] = spec_folders(root, dirs)
                folder = Path(root)  # once per folder: a Path is slow to make
                for name, regular in files:
                    if name.lower().endswith(".md") and name.lower() not in SKIPPED_NAMES:
                        # A regular file (no link) is a page as it is: what _not_a_page and
                        # _Shown would find out with two more system calls each.
                        skipped = None if regular else _not_a_page(
                            os.path.join(root, name), folders)
                        if skipped is not None:
                            diagnostics.append(
                                warning(Location(shown.unresolved(root, name)), skipped)
                            )
                            continue
                        key = shown.regular(root, name) if regular else shown(root, name)
                        if key not in found:
                            if made is None:
                                found[key] = folder / name
                                continue
                            page = made.get(os.path.join(root, name))
                            found[key] = page if page is not None else folder / name
        elif spec.is_file():
            # A file named on the command line is read wherever a link leads: it was asked for.
            found.setdefault(shown(os.path.dirname(spec), os.path.basename(spec)), spec)
        elif spec.exists():
            diagnostics.append(error(Location(spec.as_posix()), f"{_kind(spec.stat().st_mode)}: "
                                     "not a page or a folder of pages"))
        else:
            diagnostics.append(error(Location(spec.as_posix()), "no such file or directory"))
    return [(found[key], key) for key in sorted(found)], diagnostics


def _walk(top: str) -> Iterator[tuple[str, list[str], list[tuple[str, bool]]]]:
    """``os.walk`` (top-down, the caller prunes ``dirs``), each file with whether it is a
    regular file and no symbolic link, as the folder's listing says (no stat where it does:
    a spec folder of 10,000 pages). A folder that cannot be listed is skipped, as os.walk does."""
    pending = [top]
    while pending:
        root = pending.pop()
        dirs: list[str] = []
        links: set[str] = set()  # listed among the folders, not walked into (as os.walk)
        files: list[tuple[str, bool]] = []
        try:
            with os.scandir(root) as entries:
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    if is_dir:
                        dirs.append(entry.name)
                        if entry.is_symlink():
                            links.add(entry.name)
                        continue
                    try:
                        regular = entry.is_file(follow_symlinks=False)
                    except OSError:
                        regular = False
                    files.append((entry.name, regular))
        except OSError:
            continue
        yield root, dirs, files
        pending.extend(os.path.join(root, name) for name in reversed(dirs) if name not in links)


def _not_a_page(path: str, folders: list[str]) -> str | None:
    """Why a file found in a spec folder is not read, or None.

    Only regular files are read: opening a named pipe waits for a writer, for ever. A symbolic
    link is followed only to a file inside the spec folders: one leading elsewhere (``ln -s
    ~/.ssh/id_rsa Key.md``) would put that file's text in diagnostics and generated code."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(path)
            if not any(os.path.commonpath((target, folder)) == folder for folder in folders):
                return ("a symbolic link to a file outside the spec folders; not followed "
                        "(name the file itself to read it)")
            info = os.stat(path)
    except (OSError, ValueError):
        return None  # gone, or a broken link: reading it says why
    if not stat.S_ISREG(info.st_mode):
        return f"{_kind(info.st_mode)}, not a regular file; skipped"
    return None


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, if it is a regular file; OSError else. Opening a named pipe
    waits for a writer, for ever: it is opened without waiting, and refused."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(mode):
            raise OSError(f"{_kind(mode)}, not a regular file")
        return os.fdopen(handle, "rb")
    except BaseException:
        os.close(handle)
        raise


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def decode(data: bytes, path: str) -> SourceFile | Diagnostic:
    """UTF-8 text with a byte-order mark dropped and line endings made ``\\n``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Count lines and columns in the text the reader would have seen (characters, not bytes;
        # no byte-order mark; any line ending), as every other diagnostic does.
        before = _normalize(data[: exc.start].decode("utf-8"))
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        return error(
            Location(path, line, column),
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} cannot start or continue a character",
        )
    return SourceFile(path, _normalize(text))


def _normalize(text: str) -> str:
    # CommonMark: \r\n and \r end lines like \n, and U+0000 reads as U+FFFD. markdown-it
    # applies both to what it parses; cells are read from the raw lines, so the same must hold
    # there, or a NUL would survive in a cell and not in a paragraph.
    return (
        text.removeprefix("\ufeff")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\x00", "\ufffd")
    )


def read(path: Path, base: Path, shown: str | None = None) -> SourceFile | Diagnostic:
    """``shown``: the page's display path, where the caller knows it (discover_shown)."""
    if shown is None:
        shown = display_path(path, base)
    data = read_bytes(path, shown)
    return data if isinstance(data, Diagnostic) else decode(data, shown)


def read_bytes(path: Path, shown: str) -> bytes | Diagnostic:
    """The page's bytes, unless it cannot be read or is too big (``decode`` makes them text)."""
    try:
        with open_regular(path) as file:
            size = os.fstat(file.fileno()).st_size
            # Never more than one byte past the limit, whatever the size said: a file may grow
            # while it is read.
            data = file.read(MAX_PAGE_BYTES + 1)
    except OSError as exc:
        return error(Location(shown), f"cannot read: {exc.strerror or exc}")
    if len(data) > MAX_PAGE_BYTES:
        # A file that grew while it was read has no size to show.
        shown_size = f"{size} bytes" if size > MAX_PAGE_BYTES else f"over {MAX_PAGE_BYTES} bytes"
        return error(Location(shown), f"page is {shown_size}; the limit is {MAX_PAGE_BYTES} bytes")
    return data

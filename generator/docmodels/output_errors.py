"""Why the output folder cannot be written, said of the folder the user named: not of the hidden
staging folder beside it that the writer builds the new tree in (writer.py), which the user
never named and cannot find afterwards."""

from __future__ import annotations

import errno
from pathlib import Path

# Errors that mean "this place may not be written here", whatever file the writer was making.
_NOT_WRITABLE = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


def output_problem(output: Path) -> str | None:
    """What makes ``output`` no folder to write into, known before building anything; None."""
    if output.exists() and not output.is_dir():
        return (
            f"the output folder {output} is a file, not a folder: name a folder (new, empty, or "
            "one docmodels wrote) with -o/--output or `output` in [tool.docmodels]"
        )
    return None


def write_failure(output: Path, exc: OSError) -> str:
    """The message for an OSError met while writing ``output``."""
    reason = exc.strerror or type(exc).__name__
    if exc.errno in _NOT_WRITABLE:
        parent = output.parent.as_posix() if output.parent != Path() else "."
        return (
            f"cannot write {output}: {reason.lower()} (the new output is built beside it, in "
            f"{parent}, then swapped in: that folder must be writable)"
        )
    return f"cannot write {output}: {reason.lower()}"

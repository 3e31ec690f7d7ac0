"""Reading untrusted TOML (an overlay, a pyproject.toml): every way tomllib can fail, as one
error with the line and column where they are known.

tomllib raises more than TOMLDecodeError: ValueError for an integer past the digits Python
converts (4,300 by default), with no position, and RecursionError for arrays or tables nested
some hundreds deep. Each must read as a diagnostic, not a traceback.
"""

from __future__ import annotations

import re
import sys
import tomllib
from typing import Any

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
# A decimal integer as TOML writes it (underscores between digits); int() limits only these.
_DIGITS = re.compile(r"[0-9](?:_?[0-9])*")


class TomlError(Exception):
    """Why a TOML text cannot be read, said of the file (``overlay`` + message); ``line`` and
    ``column`` are 1-based, None where unknown."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def parse(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _POSITION.search(message)
        if match is None:
            raise TomlError(f"is not valid TOML: {message}") from None
        raise TomlError(
            f"is not valid TOML: {message[: match.start()].strip()}",
            int(match.group(1)), int(match.group(2)),
        ) from None
    except RecursionError:
        # Python's reader recurses once per level: some hundreds of levels exhaust its stack.
        raise TomlError("nests arrays or tables too deeply to be read") from None
    except ValueError:  # an integer past the digits Python converts
        raise _too_many_digits(text) from None


def _too_many_digits(text: str) -> TomlError:
    limit = sys.get_int_max_str_digits()
    for match in _DIGITS.finditer(text):
        digits = sum(char.isdigit() for char in match.group())
        if limit and digits > limit:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            return TomlError(f"has an integer of {digits} digits; the limit is {limit}", line, column)
    return TomlError("has a number that cannot be read")


# A table header ([tool.docmodels], [ tool . "docmodels" ]) and a "key = value" line, as a
# configuration file writes them; enough to point at a setting, not a TOML parser.
_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(r"""^(\s*)(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=\s*""")


def key_position(text: str, table: str, key: str) -> tuple[int, int, int] | None:
    """Where ``key`` of ``table`` (dotted: "tool.docmodels") is set in the TOML ``text``: its
    line, the column of the key and that of its value (1-based); the table's header line where
    the key is not found on a line of its own; None where the table has no header either (the
    file was parsed already: this only points at what it holds)."""
    wanted = table.split(".")
    current: list[str] | None = None
    header: int | None = None
    for number, line in enumerate(text.split("\n"), 1):
        found = _HEADER.match(line)
        if found is not None:
            current = [part.strip().strip("\"'") for part in found.group(1).split(".")]
            if current == wanted and header is None:
                header = number
            continue
        assignment = _ASSIGNMENT.match(line)
        if current == wanted and assignment is not None:
            name = next(g for g in assignment.group(2, 3, 4) if g is not None)
            if name == key:
                return number, len(assignment.group(1)) + 1, assignment.end() + 1
    return None if header is None else (header, 1, 1)

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

"""The Notes cell: ``[optional]``, ``[readonly]``, ``[default to X]`` and friends.

A notes cell is a run of bracketed groups (brackets may nest, as in ``[default to const []]``),
with or without spaces between them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Notes:
    optional: bool = False
    read_only: bool = False
    default: str | None = None  # the literal text after "default to", not yet interpreted
    other: tuple[str, ...] = ()  # groups this reader does not interpret, kept for diagnostics


def groups(text: str) -> list[str] | None:
    """The contents of each top-level ``[...]`` group, or None if the text is not such a run."""
    found: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        if text[i] != "[":
            return None
        depth = 0
        start = i
        while i < n:
            if text[i] == "[":
                depth += 1
            elif text[i] == "]":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        if depth != 0:
            return None
        found.append(text[start + 1 : i])
        i += 1
    return found


def is_notes(text: str) -> bool:
    return groups(text) is not None


# A function of the text only, and a few texts ("[optional]") fill most Notes cells, each read
# by the reader and again by the dialects whose page shape is evidence.
@functools.lru_cache(maxsize=4096)
def parse_notes(text: str) -> Notes | None:
    parts = groups(text)
    if parts is None:
        return None
    optional = read_only = False
    default: str | None = None
    other: list[str] = []
    for part in parts:
        word = part.strip()
        lowered = word.lower()
        if lowered == "optional":
            optional = True
        elif lowered == "readonly":
            read_only = True
        elif lowered.startswith("default to ") or lowered == "default to":
            default = word[len("default to") :].strip()
        else:
            other.append(word)
    return Notes(optional, read_only, default, tuple(other))

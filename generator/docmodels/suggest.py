""""Did you mean ...?": the known spelling closest to a mistyped one, as rustc, ruff and mypy
suggest it (a type, a model, an option, a command, a configuration key or value)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# difflib's default: below it, two spellings share too little for a suggestion to help.
_CUTOFF = 0.6


def closest(word: str, known: Iterable[str]) -> str | None:
    """The one spelling of ``known`` that ``word`` most likely meant, or None: the only one that
    starts with it (``gen`` for ``generate``), else the closest by difflib's ratio, compared
    without case (``Strng`` for ``String``, ``strng`` for ``str``)."""
    choices = sorted(set(known) - {word})
    if not word or not choices:
        return None
    starting = [choice for choice in choices if choice.startswith(word)]
    if len(starting) == 1:
        return starting[0]
    by_folded: dict[str, str] = {}
    for choice in choices:
        by_folded.setdefault(choice.casefold(), choice)
    found = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=_CUTOFF)
    return by_folded[found[0]] if found else None


def hint(word: str, known: Iterable[str]) -> str:
    """``"; did you mean 'str'?"`` to add to a message, or "" where nothing is close."""
    found = closest(word, known)
    return "" if found is None else f"; did you mean {found!r}?"

"""Undoing the escaping that generators apply to cell text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

# CommonMark decodes an entity only when it ends in ";". Python's html.unescape also decodes a
# few legacy names without one, which would turn the "&not=1" of a URL in a raw page into "¬=1".
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# CommonMark allows a backslash before any ASCII punctuation character; generators add them
# before quotes (``\\"``) and backslashes, and pages mix them with HTML entities (``\\&quot;``).
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass(frozen=True, slots=True)
class Tracked:
    """Decoded text that remembers, for each character, its offset in the text it came from,
    so that a diagnostic about the decoded text can point into the page."""

    text: str
    origins: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Tracked:
        return cls(text, tuple(range(len(text))))

    def decode(self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> Tracked:
        """Each match replaced by ``replace(match)``, all of it coming from the match's start."""

        def piece(match: re.Match[str]) -> tuple[str, tuple[int, ...]]:
            new = replace(match)
            return new, (self.origins[match.start()],) * len(new)

        return self._sub(pattern, piece)

    def keep(self, pattern: re.Pattern[str], group: int) -> Tracked:
        """Each match replaced by one of its groups, whose characters keep their own origins."""

        def piece(match: re.Match[str]) -> tuple[str, tuple[int, ...]]:
            start, end = match.span(group)
            return match.group(group), self.origins[start:end]

        return self._sub(pattern, piece)

    def strip(self) -> Tracked:
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        return Tracked(self.text[start:end], self.origins[start:end]) if end > start else Tracked("", ())

    def _sub(
        self,
        pattern: re.Pattern[str],
        piece: Callable[[re.Match[str]], tuple[str, tuple[int, ...]]],
    ) -> Tracked:
        if pattern.search(self.text) is None:
            return self  # most text has nothing to decode: no copy
        text: list[str] = []
        origins: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            new_text, new_origins = piece(match)
            text += [self.text[last : match.start()], new_text]
            origins += [*self.origins[last : match.start()], *new_origins]
            last = match.end()
        text.append(self.text[last:])
        origins += self.origins[last:]
        return Tracked("".join(text), tuple(origins))


def unescape_tracked(text: str) -> Tracked:
    """``unescape``, remembering where each character of the result came from."""
    decoded = Tracked.of(text).decode(_ENTITY, lambda m: html.unescape(m.group()))
    return decoded.decode(_BACKSLASH_ESCAPE, lambda m: m.group(1))


def unescape(text: str) -> str:
    """The text a cell stands for: HTML entities decoded, then Markdown backslash escapes."""
    if "&" not in text and "\\" not in text:
        return text  # nothing either pattern could match
    return unescape_tracked(text).text

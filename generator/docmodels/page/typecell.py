"""The Type cell with its Markdown decoration removed: ``Option<[**Vec<T>**](t.md)>`` → ``Option<Vec<T>>``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from docmodels.page.text import unescape_tracked

# A link whose label is bold or code: [**T**](target.md), [`T`](target.md). The label may hold
# brackets (go's [**[]Pet**](Pet.md)) but not the start of another such link: each start is then
# searched only up to the next one, and a cell of many unclosed "[**" takes linear time, not
# quadratic (a 40 KB cell took seconds, 200 KB over a minute).
_LINK = re.compile(r"\[(\*\*|`)((?:(?!\[(?:\*\*|`)).)+?)\1\]\(([^()]*)\)")
# A link with a plain label, which may hold one level of brackets: typescript-fetch writes
# [Pet](Pet.md) and [{ [key: string]: Pet; }](Pet.md). Swift's [Pet], with no target, is no link.
_PLAIN_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\(([^()]*)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


@dataclass(frozen=True, slots=True)
class TypeCell:
    text: str  # the type expression as the dialect spells it
    links: tuple[str, ...]  # link targets, in order (often unrelated to the model's file name)
    # For each character of ``text``, its offset in the raw cell: a type error is reported where
    # the page has it, decoration and all. Empty when the cell was not decoded from a page.
    origins: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def raw_offset(self, offset: int) -> int:
        """The offset in the raw cell of ``text[offset]`` (or of the end of the text)."""
        if not self.origins:
            return offset
        if offset < len(self.origins):
            return self.origins[offset]
        return self.origins[-1] + 1


# Cells longer than this are decoded afresh every time: remembering them could hold megabytes.
_REMEMBERED_CELL = 256


def decode_type_cell(raw: str) -> TypeCell:
    if len(raw) <= _REMEMBERED_CELL:
        return _decode_remembered(raw)  # a big API's pages repeat a few hundred type cells
    return _decode(raw)


def _decode(raw: str) -> TypeCell:
    text = unescape_tracked(raw)
    links = [match.group(3) for match in _LINK.finditer(text.text)]
    text = text.keep(_LINK, 2)
    links += [match.group(2) for match in _PLAIN_LINK.finditer(text.text)]
    text = text.keep(_PLAIN_LINK, 1).keep(_BOLD, 1).keep(_CODE, 1).strip()
    return TypeCell(text.text, tuple(links), text.origins)


_decode_remembered = functools.lru_cache(maxsize=1 << 14)(_decode)

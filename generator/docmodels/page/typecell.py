"""The Type cell with its Markdown decoration removed: ``Option<[**Vec<T>**](t.md)>`` → ``Option<Vec<T>>``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from docmodels.page.text import unescape

# A link whose label is bold or code: [**T**](target.md), [`T`](target.md).
_LINK = re.compile(r"\[(\*\*|`)(.+?)\1\]\(([^()]*)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


@dataclass(frozen=True, slots=True)
class TypeCell:
    text: str  # the type expression as the dialect spells it
    links: tuple[str, ...]  # link targets, in order (often unrelated to the model's file name)


def decode_type_cell(raw: str) -> TypeCell:
    text = unescape(raw)
    links: list[str] = []

    def take_link(match: re.Match[str]) -> str:
        links.append(match.group(3))
        return match.group(2)

    text = _LINK.sub(take_link, text)
    text = _BOLD.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    return TypeCell(text.strip(), tuple(links))

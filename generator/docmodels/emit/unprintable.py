"""Characters a reader does not see, written as the escapes Python reads them by.

Text direction overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder what an editor or
a browser shows: a description holding one can make generated code or docs read otherwise than
they are ("Trojan Source", CVE-2021-42574). Zero-width, control and other non-printing
characters hide text too. Python's ``str.isprintable`` tells them apart (every character
outside the letters, marks, numbers, punctuation, symbols and the plain space); the generated
``.py`` files and the docs both show each as its escape, ``\\u202e``.
"""

from __future__ import annotations

import unicodedata


def escape(char: str) -> str:
    """The escape sequence of one character: ``\\x85``, ``\\u202e``, ``\\U000e0001``."""
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def shown(text: str, keep: str = "", spaces: bool = False) -> str:
    """``text`` with every character that does not print, but those in ``keep``, escaped;
    ``spaces``: spaces of other widths (no-break, ideographic: Unicode's Zs) are kept too, as
    they show as spaces and hide nothing (real Russian descriptions are full of no-break ones)."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or c in keep or (spaces and unicodedata.category(c) == "Zs")
        else escape(c)
        for c in text
    )

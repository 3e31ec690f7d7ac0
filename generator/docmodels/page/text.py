"""Undoing the escaping that generators apply to cell text."""

from __future__ import annotations

import html
import re

# CommonMark allows a backslash before any ASCII punctuation character; generators add them
# before quotes (``\\"``) and backslashes, and pages mix them with HTML entities (``\\&quot;``).
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape(text: str) -> str:
    """The text a cell stands for: HTML entities decoded, then Markdown backslash escapes."""
    return _BACKSLASH_ESCAPE.sub(r"\1", html.unescape(text))

"""Page text as Markdown that loads nothing, runs nothing and hides no link's target.

A description is the spec author's text, and the docs are read in a browser (GitHub, an
internal wiki, mkdocs). What a renderer fetches by itself when the page is shown is what must
not survive: a remote image is a tracking pixel, and raw HTML (``<img>``, ``<iframe>``,
``<script>``) can load or run anything. A link fetches nothing until it is followed; the harm
is a target hidden behind its text (``[the docs](https://evil.example)``) or a scheme that runs
(``javascript:``). So:

- raw HTML is escaped: it shows as typed (``escape_text`` in emit/docs.py);
- an image is never shown: its alt text stays, then its URL in code, ``logo (image:
  `https://…/logo.png`)``;
- a link to a relative target (another page of the docs, an anchor: no scheme, no colon, not
  starting with ``/`` or a backslash, which a browser may read as another host) stays a link;
- any other link becomes its text followed by its URL in code, to copy, not to click;
- a link reference definition (``[id]: https://…``) defines nothing (its bracket is escaped),
  so no reference-style link or image can resolve;
- a bracket or ``!`` a renderer could still read as a link or image the patterns below do not
  match (nested brackets, odd spacing) is written as its character reference, which is text.

Code spans are not told apart: a link spelled inside one is rewritten like any other (it
reads a little differently, and nothing in the rewrite is live); telling them apart as a
renderer does would be one more parser to keep exact.
"""

from __future__ import annotations

import re

from docmodels.emit import unprintable

# One alternative per construct, tried left to right at each position (re.sub). A backslash
# escape is kept whole, so that an escaped bracket is not taken for syntax. Each pattern scans
# no further than the next bracket, white space or quote, so that a hostile description cannot
# make this quadratic; whatever they do not match, the stray rule makes text.
_ESCAPED = r"(?P<escaped>\\.)"
# Link text: no unescaped bracket (nested ones are left to the stray rule).
_TEXT = r"(?:[^\[\]\\]|\\.)*"
# A destination: a run without white space or brackets whose parentheses nest one level (the
# page's <...> form arrives as &lt;...&gt;, HTML being escaped first: an ordinary run).
_DESTINATION = r"(?:[^\s()\[\]\\]|\\.|\((?:[^\s()\[\]\\]|\\.)*\))*"
_TITLE = r"""(?:\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?"""
_INLINE = (
    rf"(?P<bang>!?)\[(?P<text>{_TEXT})\]\(\s*(?P<destination>{_DESTINATION}){_TITLE}\s*\)"
)
# A "!" or "]" that could still open an image or close a link's text.
_STRAY = r"(?P<stray>!(?=\[)|\](?=[(\[]))"
_LIVE = re.compile(f"{_ESCAPED}|{_INLINE}|{_STRAY}")
_STRAY_REFERENCES = {"!": "&#33;", "]": "&#93;"}

# A line that would define a link reference: up to three spaces, then [label]:
_DEFINITION = re.compile(r"^( {0,3})\[(?=(?:[^\[\]\\]|\\.)+\]:)", re.MULTILINE)

# A target that stays within the docs: no scheme (no colon at all), not rooted.
_RELATIVE = re.compile(r"(?![/\\])[^\s:\\]*")


def inert(text: str) -> str:
    """``text`` (Markdown whose HTML is already escaped, whose backslash escapes are live) with
    no image, no link but relative ones, and no link reference definition."""
    return _DEFINITION.sub(r"\1\\[", _LIVE.sub(_replace, text))


def _replace(match: re.Match[str]) -> str:
    if match.group("escaped") is not None:
        return match.group()
    stray = match.group("stray")
    if stray is not None:
        return _STRAY_REFERENCES[stray]
    text = match.group("text")
    destination = match.group("destination")
    if not match.group("bang") and _RELATIVE.fullmatch(destination):
        return match.group()
    # In code, the URL as the page wrote it: nothing in a code span is live, HTML included.
    url = destination.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1]
    shown = f"(image: {code(url)})" if match.group("bang") else f"({code(url)})"
    return f"{text} {shown}" if text.strip() else shown


def code(text: str) -> str:
    """An inline code span that holds any text, back-ticks included; a character that does not
    print shows as its escape."""
    text = unprintable.shown(text)
    longest = run = 0
    for char in text if "`" in text else "":
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"

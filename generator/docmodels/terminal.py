"""What docmodels prints about its inputs, as a terminal should show it."""

from __future__ import annotations


def visible(text: str) -> str:
    """``text`` as a terminal shows it, each character it would act on instead (an escape
    sequence's ESC, a carriage return, a bidirectional override: what a spec file's name, a
    cache entry or a page may hold) written as its Python escape; line breaks kept. What
    docmodels prints about its inputs goes through here."""
    if text.isprintable():
        return text
    return "\n".join(
        line if line.isprintable() else "".join(
            c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in line
        )
        for line in text.split("\n")
    )

"""Spec text as inert Python source: string literals and docstrings that cannot be broken out of."""

from __future__ import annotations

import math
from collections.abc import Sequence

from docmodels.emit import unprintable
from docmodels.ir import JsonValue


def _escape_char(char: str) -> str:
    if char == "\\":
        return "\\\\"
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    if char.isprintable() or char == " ":
        return char
    return unprintable.escape(char)


def string(text: str) -> str:
    """A Python literal for ``text`` in the quotes black prefers, so black leaves it alone:
    double quotes, unless the text holds more double quotes than single ones."""
    if text.count('"') > text.count("'"):
        body = "".join("\\'" if c == "'" else _escape_char(c) for c in text)
        return f"'{body}'"
    if text.isprintable():  # the common case: only backslashes and quotes to escape
        body = text.replace("\\", "\\\\").replace('"', '\\"')
    else:
        body = "".join('\\"' if c == '"' else _escape_char(c) for c in text)
    return f'"{body}"'


def literal(value: JsonValue) -> str:
    """A Python expression for a JSON value."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("not a finite number")
        return repr(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    return "{" + ", ".join(f"{string(k)}: {literal(v)}" for k, v in value.items()) + "}"


def docstring(text: str, indent: str = "") -> str:
    """A triple-quoted docstring whose value is ``text`` once cleaned as ``inspect.cleandoc``
    cleans it; already in the shape black gives docstrings, so black leaves it alone."""
    lines = [line.strip() for line in text.strip().split("\n")]
    escaped = [
        line.replace("\\", "\\\\").replace('"', '\\"')  # the common case, as below
        if line.isprintable()
        else "".join(_escape_docstring_char(c) for c in line)
        for line in lines
    ]
    # A closing quote right before the closing triple quotes makes black add a space (changing
    # the value): spell that one quote as \x22 instead of \".
    if escaped and escaped[-1].endswith('\\"'):
        escaped[-1] = escaped[-1][:-2] + "\\x22"
    if len(escaped) == 1:
        return f'"""{escaped[0]}"""'
    body = "\n".join(f"{indent}{line}" if line else "" for line in escaped[1:])
    return f'"""{escaped[0]}\n{body}\n{indent}"""'


def _escape_docstring_char(char: str) -> str:
    if char == '"':
        return '\\"'
    if char == "\t":
        return "\\t"
    return _escape_char(char)


def string_tuple(texts: Sequence[str]) -> str:
    """A tuple of strings, with no trailing comma but where one is needed (a trailing comma
    would keep black from joining the tuple onto one line)."""
    items = [string(text) for text in texts]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"

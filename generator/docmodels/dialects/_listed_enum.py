"""A type cell that lists an enum's values itself: ``Enum [ "A", "B" ]``.

SailPoint's customised PowerShell templates write an inline enum's type so (``**Enum** [
"APPROVAL",    "REJECTION" ]``) where the stock template writes ``String``; other customised
templates may too. Not a dialect (the registry skips modules whose name starts with ``_``).
"""

from __future__ import annotations

import math
import re

from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.ir import JsonValue, Primitive, PrimitiveKind

_LISTED = re.compile(r"(?is)^enum\s*\[(?P<values>.*)\]\s*$")
# One value: a double- or single-quoted string (a doubled quote inside is one quote, as the
# templates write it) or a number; then a comma or the end.
_VALUE = re.compile(
    r"""\s*(?:"(?P<double>(?:[^"]|"")*)"|'(?P<single>(?:[^']|'')*)'|(?P<number>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?))\s*(?:,|$)"""
)


def is_listed_enum(text: str) -> bool:
    return _LISTED.match(text) is not None


def parse_listed_enum(text: str) -> ParsedType | None:
    """The enum's scalar type and values; None where ``text`` is no ``Enum [...]``; raises
    TypeSyntaxError where it is one but a value cannot be read."""
    match = _LISTED.match(text)
    if match is None:
        return None
    inner = match.group("values")
    offset = match.start("values")
    values: list[JsonValue] = []
    position = 0
    while inner[position:].strip():
        value = _VALUE.match(inner, position)
        if value is None:
            raise TypeSyntaxError("cannot read this enum value", offset + position)
        if value.group("double") is not None:
            values.append(value.group("double").replace('""', '"'))
        elif value.group("single") is not None:
            values.append(value.group("single").replace("''", "'"))
        else:
            number = _number(value.group("number"))
            if number is None:
                raise TypeSyntaxError("cannot read this enum value", offset + position)
            values.append(number)
        position = value.end()
    if not values:
        raise TypeSyntaxError("the enum lists no values", offset)
    kind = _kind(values)
    if kind is PrimitiveKind.STRING:  # strings and numbers mixed: all are strings
        values = [v if isinstance(v, str) else str(v) for v in values]
    return ParsedType(Primitive(kind), native_names=1, enum_values=tuple(values))


def _number(text: str) -> int | float | None:
    try:
        return int(text)
    except ValueError:
        number = float(text)
        return number if math.isfinite(number) else None  # 1e999


def _kind(values: list[JsonValue]) -> PrimitiveKind:
    if all(isinstance(v, int) for v in values):
        return PrimitiveKind.INTEGER
    if all(isinstance(v, (int, float)) for v in values):
        return PrimitiveKind.NUMBER
    return PrimitiveKind.STRING

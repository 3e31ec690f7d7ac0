"""Checking that a JSON value fits a type, and describing types in messages."""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterable, Mapping

from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EitherOf,
    JsonValue,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
)

# RFC 3339 shapes (JSON Schema's date and date-time), as the generated runtime checks them.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_TIME = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]([0-9]{2}:[0-9]{2}:[0-9]{2})(?:\.[0-9]+)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?"
)
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _fits_format(text: str, format_: str | None) -> bool:
    """Whether a string default is valid for its format (those the generated code converts)."""
    try:
        if format_ == "date":
            return bool(_DATE.fullmatch(text)) and bool(datetime.date.fromisoformat(text))
        if format_ == "date-time":
            match = _DATE_TIME.fullmatch(text)
            return match is not None and bool(
                datetime.datetime.fromisoformat(f"{match.group(1)}T{match.group(2)}")
            )
        if format_ == "uuid":
            return bool(_UUID.fullmatch(text)) and bool(uuid.UUID(text))
    except ValueError:
        return False
    return True


def conforms(
    value: JsonValue, type_expr: TypeExpr, enums: Mapping[str, tuple[object, ...]]
) -> bool:
    """Whether ``value`` is a valid JSON value of ``type_expr``; ``enums`` maps enum model names
    to their values (references to other models accept any object)."""
    if isinstance(type_expr, AnyValue):
        return True
    if isinstance(type_expr, Primitive):
        kind = type_expr.kind
        if kind is PrimitiveKind.STRING:
            return isinstance(value, str) and _fits_format(value, type_expr.format)
        if kind is PrimitiveKind.BOOLEAN:
            return isinstance(value, bool)
        if kind is PrimitiveKind.INTEGER:
            return isinstance(value, int) and not isinstance(value, bool)
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(type_expr, ArrayOf):
        return isinstance(value, list) and all(conforms(v, type_expr.items, enums) for v in value)
    if isinstance(type_expr, MapOf):
        return isinstance(value, dict) and all(
            conforms(v, type_expr.values, enums) for v in value.values()
        )
    if isinstance(type_expr, EitherOf):
        return any(conforms(value, m, enums) for m in type_expr.members)
    if type_expr.name in enums:
        return any(value == v and type(value) is type(v) for v in enums[type_expr.name])
    return isinstance(value, dict)


def scalar_type(values: Iterable[object]) -> Primitive | None:
    """The scalar type enum values share (integers, numbers or strings); None if they mix
    strings and numbers."""
    kinds = {type(v) for v in values}
    if kinds <= {int}:
        return Primitive(PrimitiveKind.INTEGER)
    if kinds <= {int, float}:
        return Primitive(PrimitiveKind.NUMBER)
    if kinds == {str}:
        return Primitive(PrimitiveKind.STRING)
    return None


def describe(type_expr: TypeExpr) -> str:
    """A language-neutral spelling of a type, for messages and docs."""
    if isinstance(type_expr, AnyValue):
        return "any"
    if isinstance(type_expr, Primitive):
        kind = type_expr.kind.value
        return f"{kind}({type_expr.format})" if type_expr.format else kind
    if isinstance(type_expr, ArrayOf):
        return f"array of {describe(type_expr.items)}"
    if isinstance(type_expr, MapOf):
        return f"map of {describe(type_expr.values)}"
    if isinstance(type_expr, EitherOf):
        return " or ".join(describe(m) for m in type_expr.members)
    assert isinstance(type_expr, Reference)
    return type_expr.name

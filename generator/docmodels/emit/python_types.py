"""How an IR type is spelled in generated Python: annotation, parser and dump expressions."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from docmodels.emit import python_literals as lit
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EitherOf,
    MapOf,
    Primitive,
    PrimitiveKind,
    TypeExpr,
    innermost,
)

_ALIAS = re.compile(r"\b_[a-z]+\.")
_ANNOTATIONS = {
    PrimitiveKind.STRING: "str",
    PrimitiveKind.INTEGER: "int",
    PrimitiveKind.NUMBER: "float",
    PrimitiveKind.BOOLEAN: "bool",
}
_PARSERS = {
    PrimitiveKind.STRING: "_rt.parse_str",
    PrimitiveKind.INTEGER: "_rt.parse_int",
    PrimitiveKind.NUMBER: "_rt.parse_float",
    PrimitiveKind.BOOLEAN: "_rt.parse_bool",
}
# String formats with a richer Python type: (annotation, parser, stdlib import).
FORMATS = {
    "date": ("_dt.date", "_rt.parse_date", "import datetime as _dt"),
    "date-time": ("_dt.datetime", "_rt.parse_datetime", "import datetime as _dt"),
    "uuid": ("_uuid.UUID", "_rt.parse_uuid", "import uuid as _uuid"),
}

# How a referenced model is spelled in this module: its annotation and its parser.
ClassRef = Callable[[str], tuple[str, str]]


def _format(
    type_expr: Primitive, formats: Mapping[str, tuple[str, str, str]] = FORMATS
) -> tuple[str, str, str] | None:
    if type_expr.kind is PrimitiveKind.STRING and type_expr.format is not None:
        return formats.get(type_expr.format)
    return None


# A number as a library that converts values to the annotation must spell it, so that a
# payload's 1 stays the int 1 and 1.0 the float 1.0 (type checkers read float as int | float).
EXACT_NUMBERS = {**_ANNOTATIONS, PrimitiveKind.NUMBER: "int | float"}


def annotation(
    type_expr: TypeExpr,
    ref: ClassRef,
    formats: Mapping[str, tuple[str, str, str]] = FORMATS,
    choices: str | None = None,
    kinds: Mapping[PrimitiveKind, str] = _ANNOTATIONS,
    typing: str = "_t",
) -> str:
    """``typing``: how the module names typing (for Any and Literal);
    ``formats``: how string formats are spelled (an output target may need its own);
    ``choices``: the literals an inline enum allows, for the scalar the type holds (the type
    itself, or the items of its arrays: Java's ``List<TagsEnum>``); ``kinds``: how the
    scalars are spelled (EXACT_NUMBERS, say)."""
    if isinstance(type_expr, Primitive):
        if choices is not None:
            return f"{typing}.Literal[{choices}]"
        rich = _format(type_expr, formats)
        return rich[0] if rich else kinds[type_expr.kind]
    if isinstance(type_expr, ArrayOf):
        return f"list[{annotation(type_expr.items, ref, formats, choices, kinds, typing)}]"
    if isinstance(type_expr, MapOf):
        return f"dict[str, {annotation(type_expr.values, ref, formats, choices, kinds, typing)}]"
    if isinstance(type_expr, AnyValue):
        return f"{typing}.Any"
    if isinstance(type_expr, EitherOf):
        spelled = (annotation(m, ref, formats, choices, kinds, typing) for m in type_expr.members)
        return " | ".join(dict.fromkeys(spelled))
    return ref(type_expr.name)[0]


def parser(
    type_expr: TypeExpr,
    ref: ClassRef,
    formats: Mapping[str, tuple[str, str, str]] = FORMATS,
    choices: str | None = None,
) -> str:
    """``choices``: as for ``annotation``, checked where the scalar is parsed."""
    if isinstance(type_expr, Primitive):
        rich = _format(type_expr, formats)
        scalar = rich[1] if rich else _PARSERS[type_expr.kind]
        if choices is None:
            return scalar
        # A list: a tuple of one needs a trailing comma, which black would spread one a line.
        if scalar == "_rt.parse_str":
            return f"_rt.one_of([{choices}])"  # the runtime's default parser
        return f"_rt.one_of([{choices}], {scalar})"
    if isinstance(type_expr, ArrayOf):
        unique = ", unique=True" if type_expr.unique_items else ""
        return f"_rt.list_of({parser(type_expr.items, ref, formats, choices)}{unique})"
    if isinstance(type_expr, MapOf):
        return f"_rt.map_of({parser(type_expr.values, ref, formats, choices)})"
    if isinstance(type_expr, AnyValue):
        return "_rt.parse_any"
    if isinstance(type_expr, EitherOf):
        # Tuples without a trailing comma, which black would take to mean one item a line.
        parsers = ", ".join(parser(m, ref, formats, choices) for m in type_expr.members)
        # As a reader knows them: datetime, not the module alias _dt.datetime.
        names = lit.string_tuple(
            [_ALIAS.sub("", annotation(m, ref, formats)) for m in type_expr.members]
        )
        comma = "," if len(type_expr.members) == 1 else ""
        return f"_rt.union_of(({parsers}{comma}), {names})"
    return ref(type_expr.name)[1]


# Exact classes json.loads gives: a payload of these passes a check as it is, without a call.
_EXACT = {
    PrimitiveKind.STRING: "{v}.__class__ is str",
    PrimitiveKind.INTEGER: "{v}.__class__ is int",
    # A float must also be finite (x - x is nan for inf and nan); an int is a number too.
    # Unparenthesized: "and" binds before "or", wherever the check is put (callers add "or").
    PrimitiveKind.NUMBER: "{v}.__class__ is float and {v} - {v} == 0.0 or {v}.__class__ is int",
    PrimitiveKind.BOOLEAN: "{v}.__class__ is bool",
}


def fast_check(type_expr: TypeExpr, name: str = "value") -> str | None:
    """A Python expression true when ``name`` is valid for the type exactly as it is, for the
    common case only (JSON's own classes, no conversion): the generated code tries it first and
    calls the parser, which reports what is wrong and where, only when it fails. None where
    every value needs the parser (dates, models, enums, sets)."""
    if isinstance(type_expr, AnyValue):
        return "True"
    if isinstance(type_expr, Primitive):
        return None if _format(type_expr) else _EXACT[type_expr.kind].format(v=name)
    if isinstance(type_expr, ArrayOf) and not type_expr.unique_items:
        inner = fast_check(type_expr.items, "item")
        if inner is None:
            return None
        if inner == "True":
            return f"{name}.__class__ is list"
        return f"{name}.__class__ is list and all({inner} for item in {name})"
    if isinstance(type_expr, MapOf):
        inner = fast_check(type_expr.values, "item")
        if inner is None:
            return None
        if inner == "True":
            return f"{name}.__class__ is dict"
        return f"{name}.__class__ is dict and all({inner} for item in {name}.values())"
    if isinstance(type_expr, EitherOf):
        checks = [fast_check(m, name) for m in type_expr.members]
        if any(check is None for check in checks):
            return None
        return " or ".join(f"({check})" for check in checks)
    return None


def is_plain_json(type_expr: TypeExpr) -> bool:
    """Whether values of this type are already JSON-ready (no conversion on the way out)."""
    if isinstance(type_expr, Primitive):
        return _format(type_expr) is None
    if isinstance(type_expr, ArrayOf):
        return is_plain_json(type_expr.items)
    if isinstance(type_expr, MapOf):
        return is_plain_json(type_expr.values)
    if isinstance(type_expr, EitherOf):
        return all(is_plain_json(m) for m in type_expr.members)
    return isinstance(type_expr, AnyValue)


def stdlib_imports(
    type_expr: TypeExpr, formats: Mapping[str, tuple[str, str, str]] = FORMATS
) -> set[str]:
    """The import lines the annotation needs (a format spelled without one has ``""``)."""
    if isinstance(type_expr, Primitive):
        rich = _format(type_expr, formats)
        return {rich[2]} if rich and rich[2] else set()
    if isinstance(type_expr, ArrayOf):
        return stdlib_imports(type_expr.items, formats)
    if isinstance(type_expr, MapOf):
        return stdlib_imports(type_expr.values, formats)
    if isinstance(type_expr, EitherOf):
        return set().union(*(stdlib_imports(m, formats) for m in type_expr.members))
    return set()


def has_format(type_expr: TypeExpr, format_: str) -> bool:
    """Whether a string of this format occurs in the type (in a list or map, say)."""
    inner = innermost(type_expr)
    return (
        isinstance(inner, Primitive)
        and inner.kind is PrimitiveKind.STRING
        and inner.format == format_
    )

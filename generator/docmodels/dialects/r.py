"""R pages: openapi-generator's r client (7.x).

Titles are qualified by the package (``# openapi::Pet``). Types: ``character``, ``integer``,
``numeric``, ``data.frame`` (binary), ``object``, ``AnyType``, ``array[T]``, ``set[T]``,
``map(T)``, model names. Booleans are written ``character`` too: read as a string or a boolean,
unless a ``TRUE``/``FALSE`` (or quoted) default or an enum's values tell which. The Notes cell adds constraints: ``[Enum: [a, b]]`` (``[Enum: ]`` where
the enum is a referenced model), ``[Pattern: ...]``, ``[Max. items: 1500]``, ``[Min. length: 1]``.
Defaults are R literals: ``"medium"`` (inner quotes left unescaped), ``0``, ``1.5``, ``FALSE``.
"""

from __future__ import annotations

import dataclasses
import re

from docmodels.dialects import _literals
from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
    UnknownType,
    looks_like_model_name,
    nesting,
)
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EitherOf,
    Field,
    JsonValue,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.numeric import integer, is_finite
from docmodels.page.notes import Notes
from docmodels.page.structure import Page

STRING = Primitive(PrimitiveKind.STRING)
BOOLEAN = Primitive(PrimitiveKind.BOOLEAN)
# Booleans are written character too: a string or a boolean, until a default or an enum's
# values say which (finish_field).
STRING_OR_BOOLEAN = EitherOf((STRING, BOOLEAN))
_SCALARS: dict[str, TypeExpr] = {
    "character": STRING_OR_BOOLEAN,
    "integer": Primitive(PrimitiveKind.INTEGER),
    "numeric": Primitive(PrimitiveKind.NUMBER),
    "data.frame": Primitive(PrimitiveKind.STRING, "binary"),
    "object": AnyValue(),
    "AnyType": AnyValue(),
}
_LOGICAL = {"TRUE": True, "FALSE": False}
# Constraints docmodels has no place for yet: read, so that they are not reported as unknown.
_CONSTRAINT = re.compile(
    r"^(?:Pattern|(?:Max|Min)(?:\. (?:items|length)|imum)?|Exclusive (?:maximum|minimum)"
    r"|Multiple of):"
)
# The names R6 reserves in a class's items, which the generator prefixes with item_
# (self -> item_self); other names are kept as they are, in back-ticks where needed.
_RESERVED = frozenset({"self", "private", "super"})


_NOT_R = -100  # the title is always package-qualified


class RDialect(BaseDialect):
    name = "r"
    vocabulary = frozenset(_SCALARS)

    def model_name(self, title: str) -> str:
        return title.strip().rsplit("::", 1)[-1]

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = token.text
        if name in ("array", "set") and cursor.accept("["):
            counter[0] += 1
            items = self._type(cursor, counter)
            cursor.take("]")
            return ArrayOf(items, unique_items=name == "set")
        if name == "map" and cursor.accept("("):
            counter[0] += 1
            values = self._type(cursor, counter)
            cursor.take(")")
            return MapOf(values)
        if name in _SCALARS:
            counter[0] += 1
            return _SCALARS[name]
        if looks_like_model_name(name):
            return Reference(name)
        raise UnknownType(name, token.offset)

    def parse_default(self, text: str) -> JsonValue:
        # The template does not escape quotes inside: "it's "quoted"" is one string.
        return _literals.scalar(text, '"', booleans=_LOGICAL, language="an R")

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        if name.startswith("item_") and name[5:] in _RESERVED:
            return name[5:], WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def page_evidence(self, page: Page) -> int:
        # "# openapi::Pet": a package-qualified title with a single ::.
        title = page.title.text.strip() if page.title is not None else ""
        return 2 if re.fullmatch(r"[A-Za-z][\w.]*::[A-Za-z_]\w*", title) else _NOT_R

    def finish_field(self, field: Field, notes: Notes) -> tuple[Field, frozenset[str]]:
        understood: set[str] = set()
        for note in notes.other:
            if note.startswith("Enum:"):
                values = _enum_values(note[len("Enum:") :], field.type)
                if values is None:  # not values of the property's type: reported as unread
                    continue
                understood.add(note)
                if values:  # [Enum: ] is an enum model's reference: its page has the values
                    if field.type == STRING_OR_BOOLEAN:
                        field = dataclasses.replace(field, type=STRING)  # values are strings
                    field = dataclasses.replace(field, enum_values=values)
            elif _CONSTRAINT.match(note):
                understood.add(note)
        return field, frozenset(understood)


def _enum_values(text: str, type_expr: TypeExpr) -> tuple[JsonValue, ...] | None:
    """``[small, medium, large]``: the values, unquoted, as the property's type reads them;
    None where one is not a value of that type (``abc`` or ``1e400`` for a number)."""
    inner = text.strip()
    if not (inner.startswith("[") and inner.endswith("]")):
        return ()
    items = [item.strip() for item in inner[1:-1].split(",")]
    if not any(items):
        return ()
    kind = type_expr.kind if isinstance(type_expr, Primitive) else PrimitiveKind.STRING
    try:
        if kind is PrimitiveKind.INTEGER:
            return tuple(integer(item) for item in items)
        if kind is PrimitiveKind.NUMBER:
            return tuple(_number(item) for item in items)
    except ValueError:
        return None
    return tuple(items)


def _number(text: str) -> int | float:
    """An integer exactly, however long; else a finite float; ValueError else."""
    if re.fullmatch(r"-?\d+", text):
        return integer(text)
    number = float(text)
    if not is_finite(number):
        raise ValueError(f"not a finite number: {text!r}")
    return number


R = RDialect()
DIALECTS = (R,)

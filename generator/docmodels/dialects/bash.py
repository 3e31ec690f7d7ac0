"""Bash pages: openapi-generator's bash client (7.x).

Types: ``string``, ``integer``, ``float``, ``boolean``, ``binary``, ``map`` (a free-form object),
``AnyType``, ``array[T]``, ``Set[T]``, ``map[String, T]``, model names; 6.x to 7.12 write a
named array schema's property as a bare ``array``, without its items. Every row carries a
default, ``[default to null]`` where the spec has none; defaults are written raw (``720h``,
``it's "quoted"``). Property names have their special characters spelled out as words
(``shape_type`` → ``shapeUnderscoretype``, ``@type`` → ``Attype``) and shell reserved words get
an underscore (``_in``).
"""

from __future__ import annotations

import re

from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
    NoDefault,
    ParsedType,
    TypeSyntaxError,
    UnknownType,
    looks_like_model_name,
    nesting,
)
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    JsonValue,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.numeric import is_finite
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell

_SCALARS: dict[str, TypeExpr] = {
    "string": Primitive(PrimitiveKind.STRING),
    # The bash generator writes integer for a number without a format too: read as an integer,
    # every 1.5 the API sends was rejected. A number takes both (an int stays an int).
    "integer": Primitive(PrimitiveKind.NUMBER),
    "float": Primitive(PrimitiveKind.NUMBER),
    "boolean": Primitive(PrimitiveKind.BOOLEAN),
    "binary": Primitive(PrimitiveKind.STRING, "binary"),
    "AnyType": AnyValue(),
}
_RESERVED = frozenset(
    {"case", "do", "done", "elif", "else", "esac", "fi", "for", "function", "if", "in", "select",
     "then", "time", "until", "while"}
)
# openapi-generator's special-character words ("At" for @ is ambiguous: see unmangle).
_WORDS = {"Underscore": "_", "Minus": "-", "Dollar": "$", "Period": ".", "Colon": ":"}
# Underscore and Minus are no words of a property name; Period, Dollar and Colon can be
# (gracePeriod), so they are read as characters only where the generator leaves them: before
# the rest of the name, in lower case.
_WORD = re.compile(r"Underscore|Minus|(?:Dollar|Period|Colon)(?=[a-z0-9])")
_NULL_DEFAULT = re.compile(r"\[default to null\]\s*$")
_NOT_BASH = -100


class BashDialect(BaseDialect):
    name = "bash"
    vocabulary = frozenset(_SCALARS)

    def model_name(self, title: str) -> str:
        # The title keeps an inline schema's raw name (Owner_address); pages refer to the class.
        return "".join(part[:1].upper() + part[1:] for part in title.strip().split("_"))

    def parse_type(self, cell: TypeCell) -> ParsedType:
        if cell.text.strip() == "array":
            # 6.x to 7.12 write a property whose schema is a named array ($ref to an array)
            # as a bare array: its items are not on the page.
            return ParsedType(ArrayOf(AnyValue()), native_names=1, items_unsaid=True)
        return super().parse_type(cell)

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = token.text
        if name in ("array", "Set") and cursor.accept("["):
            counter[0] += 1
            items = self._type(cursor, counter)
            cursor.take("]")
            return ArrayOf(items, unique_items=name == "Set")
        if name == "map":
            counter[0] += 1
            if not cursor.accept("["):
                return AnyValue()  # a bare map: an object of anything
            key = cursor.take("name")
            if key.text != "String":
                raise TypeSyntaxError("map keys must be String", key.offset)
            cursor.take(",")
            values = self._type(cursor, counter)
            cursor.take("]")
            return MapOf(values)
        if name in _SCALARS:
            counter[0] += 1
            return _SCALARS[name]
        if looks_like_model_name(name):
            return Reference(name)
        raise UnknownType(name, token.offset)

    def parse_default(self, text: str) -> JsonValue:
        stripped = text.strip()
        if stripped == "null":
            raise NoDefault("the generator writes null for no default")
        if stripped in ("true", "false"):
            return stripped == "true"
        for convert in (int, float):
            try:
                number = convert(stripped)
            except ValueError:
                continue
            if is_finite(number):
                return number
        return stripped  # strings are written without quotes

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        if name.startswith("_") and name[1:] in _RESERVED:
            return name[1:], WireNameSource.UNMANGLED
        unmangled = unmangle(name)
        if unmangled != name:
            return unmangled, WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def page_evidence(self, page: Page) -> int:
        # The template writes a default on every row: [default to null] where there is none.
        section = page.section("Properties")
        rows = section.tables[0].rows if section is not None and section.tables else ()
        if not rows:
            return 0
        # Without a single [default to null], the page is another generator's.
        return 2 if any(_NULL_DEFAULT.search(row.text) for row in rows) else _NOT_BASH


def unmangle(name: str) -> str:
    """``shapeUnderscoretype`` → ``shape_type``.

    The generator also writes ``@`` as "At" (``@type`` → ``Attype``), but a page cannot tell
    that from a PascalCase name such as ``Attachment`` or ``Attributes``: such names are kept as
    the page writes them rather than guessed.
    """
    return _WORD.sub(lambda m: _WORDS[m.group()], name)


BASH = BashDialect()
DIALECTS = (BASH,)

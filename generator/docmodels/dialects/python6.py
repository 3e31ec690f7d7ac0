"""Python 6.x pages: openapi-generator's ``python`` at 6.0–6.6 (the former python-experimental),
in the "## Model Type Info" layout (page/typeinfo.py reads its structure, reader_typeinfo.py
makes models of it).

Types are the Python classes a value may be given as, each followed by a comma: ``str, ``,
``str, date, ``, ``str, uuid.UUID, ``, ``decimal.Decimal, int, `` (an integer),
``decimal.Decimal, int, float, `` (a number), ``bool, ``, ``bytes, io.FileIO,
io.BufferedReader, `` (binary), ``dict, frozendict.frozendict, `` (an object: its keys or
values are in a table or an inline schema), ``list, tuple, `` (an array: its items likewise),
with ``None, `` among them where null is allowed; a schema without a type lists every class
(any value). A model is a link, ``[**Pet**](Pet.md)``.

Notes run together without separators: ``[optional]``, then ``must be one of ["a", "b", ]``
(an enum's values, as Python literals), ``if omitted the server will use the default value of
X`` (a Python literal; strings are quoted but not escaped), and the format: ``value must be a
64 bit integer``, ``value must conform to RFC-3339 date-time``, ``value must be a uuid``.

Names: the Key column keeps the JSON key as the spec spells it; the title is the class's
dotted path (``openapi_client.model.pet.Pet``).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from docmodels.dialects.base import BaseDialect, ParsedType, TypeSyntaxError
from docmodels.dialects.python import json_value
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    JsonValue,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
)
from docmodels.page.notes import Notes
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell
from docmodels.page.typeinfo import is_type_info_page

_STRING = Primitive(PrimitiveKind.STRING)
# The classes a value may be given as (None aside) -> the type they stand for.
_TYPES: dict[frozenset[str], TypeExpr] = {
    frozenset({"str"}): _STRING,
    frozenset({"str", "date"}): Primitive(PrimitiveKind.STRING, "date"),
    frozenset({"str", "datetime"}): Primitive(PrimitiveKind.STRING, "date-time"),
    frozenset({"str", "uuid.UUID"}): Primitive(PrimitiveKind.STRING, "uuid"),
    frozenset({"decimal.Decimal", "int"}): Primitive(PrimitiveKind.INTEGER),
    frozenset({"decimal.Decimal", "int", "float"}): Primitive(PrimitiveKind.NUMBER),
    frozenset({"bool"}): Primitive(PrimitiveKind.BOOLEAN),
    frozenset({"bytes", "io.FileIO", "io.BufferedReader"}): Primitive(
        PrimitiveKind.STRING, "binary"
    ),
    # An object or an array: what it holds is written elsewhere (the reader fills it in).
    frozenset({"dict", "frozendict.frozendict"}): MapOf(AnyValue()),
    frozenset({"list", "tuple"}): ArrayOf(AnyValue()),
}
# Classes only a schema without a type lists, all of them at once.
_ANY_MARKS = frozenset({"dict", "frozendict.frozendict", "str", "list"})
_CLASS = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")

# Formats the notes state, by their wording.
_FORMATS = {
    "value must be a 32 bit integer": "int32",
    "value must be a 64 bit integer": "int64",
    "value must be a 32 bit float": "float",
    "value must be a 64 bit float": "double",
    "value must be a uuid": "uuid",
    "value must conform to RFC-3339 date-time": "date-time",
    "value must conform to RFC-3339 full-date YYYY-MM-DD": "date",
}
_FORMAT_NOTE = re.compile(
    "(?P<format>" + "|".join(re.escape(text) for text in _FORMATS) + r")\s*$"
)
_ENUM_NOTE = "must be one of "
_DEFAULT_NOTE = "if omitted the server will use the default value of "
_OPTIONAL_NOTE = "[optional]"


@dataclass(frozen=True, slots=True)
class InputType:
    """An Input Type cell read: the type, and whether None is among its classes (None: the cell
    lists every class, null among them, which says nothing about this schema)."""

    type: TypeExpr
    nullable: bool | None


@dataclass(frozen=True, slots=True)
class TypeNotes:
    """A Notes cell read. ``rest``: what it says that is none of these, for a diagnostic."""

    optional: bool = False
    values: tuple[JsonValue, ...] | None = None  # "must be one of [...]"
    default: str | None = None  # the literal after "default value of", not yet read
    format: str | None = None
    rest: str = ""


def read_input_type(cell: TypeCell) -> InputType:
    """The type an Input Type cell stands for; raises TypeSyntaxError."""
    text = cell.text.strip()
    if cell.links and _CLASS.fullmatch(text) and "," not in text:
        return InputType(Reference(text), False)
    if not text.endswith(",") and "," not in text:
        # Every class this generator lists is followed by a comma ("str, "): a type without one
        # is another generator's spelling.
        raise TypeSyntaxError(f"expected a list of classes such as 'str, ', not {text!r}")
    names = [name.strip() for name in text.split(",") if name.strip()]
    for name in names:
        if not _CLASS.fullmatch(name):
            raise TypeSyntaxError(f"unexpected class {name!r} in type", text.find(name))
    classes = frozenset(names)
    if _ANY_MARKS <= classes:
        return InputType(AnyValue(), None)
    nullable = "None" in classes
    found = _TYPES.get(classes - {"None"})
    if found is None:
        raise TypeSyntaxError(f"unknown list of classes {text!r}")
    return InputType(found, nullable)


def read_notes(text: str) -> TypeNotes:
    """What a Notes cell says, read from its parts in the order the generator writes them."""
    rest = text.strip()
    optional = rest.startswith(_OPTIONAL_NOTE)
    if optional:
        rest = rest[len(_OPTIONAL_NOTE):].strip()
    values: tuple[JsonValue, ...] | None = None
    if rest.startswith(_ENUM_NOTE):
        values, rest = _enum_values(rest[len(_ENUM_NOTE):])
    found_format: str | None = None
    match = _FORMAT_NOTE.search(rest)
    if match is not None:
        found_format = _FORMATS[match.group("format")]
        rest = rest[: match.start()]
    default: str | None = None
    rest = rest.strip()
    if rest.startswith(_DEFAULT_NOTE):
        default, rest = rest[len(_DEFAULT_NOTE):], ""
    return TypeNotes(optional, values, default, found_format, rest.strip())


def _enum_values(text: str) -> tuple[tuple[JsonValue, ...] | None, str]:
    """The values of ``["a", "b", ]`` at the start of ``text`` and what follows; (None, text)
    where they cannot be read."""
    end = text.find(", ]")
    while end >= 0:
        try:
            literal = ast.literal_eval(text[: end + 3])
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            end = text.find(", ]", end + 1)
            continue
        if isinstance(literal, list):
            try:
                return tuple(json_value(v) for v in literal), text[end + 3:].strip()
            except ValueError:
                break
        break
    return None, text


def read_default(text: str) -> JsonValue:
    """The JSON value of a default as the notes write it: a Python literal whose strings are
    quoted but not escaped (``"it's "quoted""``); raises ValueError."""
    stripped = text.strip()
    if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"':
        return stripped[1:-1]
    try:
        value = ast.literal_eval(stripped)
    except (SyntaxError, MemoryError, RecursionError) as exc:
        raise ValueError(f"cannot read default {text!r}") from exc
    return json_value(value)


class Python6Dialect(BaseDialect):
    name = "python6"

    def model_name(self, title: str) -> str:
        # openapi_client.model.pet.Pet: the class is the last part.
        return title.strip().rsplit(".", 1)[-1].strip()

    def parse_type(self, cell: TypeCell) -> ParsedType:
        found = read_input_type(cell)
        own = not isinstance(found.type, Reference)
        return ParsedType(found.type, native_names=1 if own else 0)

    def page_evidence(self, page: Page) -> int:
        # The layout is this generator's alone.
        return 10 if is_type_info_page(page) else 0

    def parse_default(self, text: str) -> JsonValue:
        return read_default(text)

    def parse_notes(self, text: str) -> Notes | None:
        notes = read_notes(text)
        return Notes(
            optional=notes.optional, default=notes.default,
            other=(notes.rest,) if notes.rest else (),
        )


PYTHON6 = Python6Dialect()
DIALECTS = (PYTHON6,)

"""Go pages: openapi-generator's go client (5.x, 6.x, 7.x) and swagger-codegen 2.x's go.

Types: ``string``, ``bool``, ``int32``, ``int64``, ``float32``, ``float64``, ``time.Time``,
``*os.File``, ``interface{}``, ``[]T``, ``map[string]T`` and model names. openapi-generator
writes ``Pointer to`` before an optional property's type and wraps a nullable scalar or model
in ``NullableString``, ``NullableInt32``, ``NullablePet`` (a nullable list, map or
``interface{}`` is shown only by a ``SetXNil`` method further down the page). swagger-codegen
writes a pointer star before a model (``[***Links**](Links.md)`` reads ``*Links``) and
``[default to null]`` on every row that has no default.

Property names are the Go struct's field names (``PhotoUrls`` for ``photo_urls``, ``Type`` for
both ``type`` and ``@type``): the JSON key is not on the page, so the page's name is kept as it
is. Only the ``Var`` prefix before a leading digit is undone, where the rest is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

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
    Default,
    EnumValue,
    Field,
    JsonValue,
    KeyCase,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.numeric import is_finite
from docmodels.page.cells import split_row
from docmodels.page.notes import Notes, is_notes
from docmodels.page.structure import Page
from docmodels.page.text import unescape
from docmodels.page.typecell import TypeCell

_STRING = Primitive(PrimitiveKind.STRING)
_INTEGER = Primitive(PrimitiveKind.INTEGER)
# Names that read the same in other languages' pages (C#, PHP, TypeScript...): no evidence.
_SHARED: dict[str, TypeExpr] = {
    "string": _STRING,
    "bool": Primitive(PrimitiveKind.BOOLEAN),
    "int": _INTEGER,
}
_SCALARS: dict[str, TypeExpr] = {
    "int8": _INTEGER,
    "int16": _INTEGER,
    "int32": Primitive(PrimitiveKind.INTEGER, "int32"),
    "int64": Primitive(PrimitiveKind.INTEGER, "int64"),
    "uint": _INTEGER,
    "uint8": _INTEGER,
    "uint16": _INTEGER,
    "uint32": _INTEGER,
    "uint64": _INTEGER,
    "float32": Primitive(PrimitiveKind.NUMBER, "float"),
    "float64": Primitive(PrimitiveKind.NUMBER, "double"),
    "time.Time": Primitive(PrimitiveKind.STRING, "date-time"),
    "os.File": Primitive(PrimitiveKind.STRING, "binary"),
}
# The client's Nullable wrappers of scalars (utils.go); NullableX of a model X wraps the model.
_NULLABLE_SCALARS: dict[str, TypeExpr] = {
    "String": _STRING,
    "Bool": Primitive(PrimitiveKind.BOOLEAN),
    "Int": _INTEGER,
    "Int32": _SCALARS["int32"],
    "Int64": _SCALARS["int64"],
    "Float32": _SCALARS["float32"],
    "Float64": _SCALARS["float64"],
    "Time": _SCALARS["time.Time"],
}
_NULLABLE = "Nullable"
_EMPTY_LITERAL = "{}"
_OPTIONAL_PREFIX = ("Pointer", "to")
# Var123start: a Go name cannot start with a digit. The rest is the JSON key only where it has
# no capital (camelize would have made one of a letter after "_" or "-").
_DIGIT_NAME = re.compile(r"^Var(?P<rest>[0-9][a-z0-9]*)$")
# An exported Go field name, as swagger-codegen's rows carry them, and its "no default" note.
_EXPORTED = re.compile(r"^\*\*[A-Z][A-Za-z0-9_]*\*\*$")
_NULL_DEFAULT = re.compile(r"\[default to null\]\s*$")
# "[**String**](string.md)": the markdown generator before 7.x links a scalar to a page of
# another spelling; swagger-codegen's go links a model only to its own page
# ("[***Tag**](Tag.md)"), so a row like this is not its.
_RENAMED_LINK = re.compile(r"^\[\*\*(?P<text>[^*\]]+)\*\*\]\((?!(?P=text)\.md\))[^)]*\)$")
# Go's escapes of letters in a string literal ("\n", "\u00e9").
_LETTER_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[abfnrtv])")
# "`func (o *Pet) SetTagsNil(b bool)`": the signature under a SetXNil method's heading.
_POINTER = re.compile(r"^Pointer\s+to\s")
_SET_NIL = re.compile(r"^`func \(o \*\w+\) Set(\w+)Nil\(b bool\)`")
_ENUM_CONSTANT = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
_CONSTANT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # a Go identifier: an enum constant or member
_LETTER_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
# The Methods section only the go template writes decides: a page of string and bool rows
# reads as well in PHP or C#, which count those names as their own.
_METHODS_EVIDENCE = 1_000
# swagger-codegen's rows read like bash's (which also writes [default to null] on every row);
# exported names tell them apart, each row's name being evidence as a type cell is.
_SWAGGER_EVIDENCE = 3


class GoDialect(BaseDialect):
    name = "go"
    vocabulary = frozenset(_SCALARS)
    # the SDK's field names, in PascalCase: the JSON key is not on the page
    names = KeyCase.PASCAL

    def parse_type(self, cell: TypeCell) -> ParsedType:
        cursor = Cursor(cell.text)
        counter = [0]
        first = cursor.peek("name")
        if first is not None and first.text == _OPTIONAL_PREFIX[0]:
            # "Pointer to": the property is optional, as the notes also say.
            cursor.take("name")
            to = cursor.take("name")
            if to.text != _OPTIONAL_PREFIX[1]:
                raise TypeSyntaxError("expected 'Pointer to'", to.offset)
            counter[0] += 1
        nullable = self._nullable(cursor, cell.links)
        if nullable is not None:
            counter[0] += 1
            result = nullable
        else:
            result = self._type(cursor, counter)
        cursor.end()
        return ParsedType(result, wrapped_optional=nullable is not None, native_names=counter[0])

    def _nullable(self, cursor: Cursor, links: tuple[str, ...]) -> TypeExpr | None:
        """NullableString, NullablePet: the type it wraps, or None if the type is no wrapper."""
        token = cursor.peek("name")
        if token is None or not token.text.startswith(_NULLABLE):
            return None
        if cursor.index + 1 < len(cursor.tokens):
            return None  # the wrapper is the whole type
        inner = token.text[len(_NULLABLE) :]
        if inner in _NULLABLE_SCALARS:
            cursor.take("name")
            return _NULLABLE_SCALARS[inner]
        # A model named NullableX links to its own page; the wrapper links to X's.
        if looks_like_model_name(inner) and f"{inner}.md" in links:
            cursor.take("name")
            return Reference(inner)
        return None

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        if cursor.accept("*"):
            # A pointer: swagger-codegen's *Links, *os.File. JSON-wise the type it points to.
            counter[0] += 1
            return self._type(cursor, counter)
        if cursor.accept("["):
            cursor.take("]")
            counter[0] += 1
            return ArrayOf(self._type(cursor, counter))
        token = cursor.take("name")
        name = token.text
        if name == "map":
            counter[0] += 1
            cursor.take("[")
            key_token = cursor.peek()
            key = self._type(cursor, counter)
            if key != _STRING:
                at = key_token.offset if key_token is not None else token.offset
                raise TypeSyntaxError("map keys must be string", at)
            cursor.take("]")
            value_token = cursor.peek("name")
            values = self._type(cursor, counter)
            if value_token is not None and value_token.text == "map" and values == AnyValue():
                # map[string]map[string]interface{}: a map of free-form objects, not one.
                values = MapOf(AnyValue())
            # map[string]interface{} is a free-form object: any JSON value, as the IR has it.
            return AnyValue() if values == AnyValue() else MapOf(values)
        if name == "interface":
            counter[0] += 1
            self._braces(cursor)
            return AnyValue()
        if name in _SCALARS:
            counter[0] += 1
            return _SCALARS[name]
        if name in _SHARED:
            return _SHARED[name]
        if looks_like_model_name(name):
            return Reference(name)
        raise UnknownType(name, token.offset)

    def _braces(self, cursor: Cursor) -> None:
        """``{}``, or a oneOf interface's method set ``{ GetKind() string }``: skipped whole."""
        cursor.take("{")
        depth = 1
        while depth:
            token = cursor.peek()
            if token is None:
                cursor.take("}")  # raises: the type ends inside the braces
                return
            cursor.index += 1
            depth += {"{": 1, "}": -1}.get(token.kind, 0)

    def nullable(self, parsed: ParsedType, required: bool | None) -> bool | None:
        if parsed.wrapped_optional:
            return True
        if isinstance(parsed.type, (ArrayOf, MapOf, AnyValue)):
            # Never wrapped: only a SetXNil method lower on the page would say.
            return None
        return False

    def parse_default(self, text: str) -> JsonValue:
        stripped = text.strip()
        if stripped == "null":
            raise NoDefault("swagger-codegen writes null for no default")
        if stripped in ("true", "false"):
            return stripped == "true"
        if stripped == _EMPTY_LITERAL:
            # Go's empty composite literal, for a slice as for a map: finish_field reads it by
            # the property's type.
            raise ValueError("{} is an empty list or map, as the property's type says")
        if stripped == "[]":
            return []
        for convert in (int, float):
            try:
                number = convert(stripped)
            except ValueError:
                continue
            if is_finite(number):  # float() also reads "nan" and "inf"
                return number
            break
        if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"':
            return _go_string(stripped)
        # PETSTATUS_AVAILABLE: a constant of an enum model; its value is on the enum's page.
        raise ValueError(f"not a Go literal: {stripped!r}")

    def default_member(self, text: str, model: str) -> tuple[str, ...]:
        # The enum's constant, MODELNAME_MEMBER (KEYVISIBILITY_KEY_VISIBILITY_UNSPECIFIED), or
        # (some releases) the member's name alone: PRIVATE, or VISIBILITY_PRIVATE of Visibility.
        stripped = text.strip()
        if not _CONSTANT.fullmatch(stripped):
            return ()
        prefix = model.upper() + "_"
        if stripped.startswith(prefix) and len(stripped) > len(prefix):
            return (stripped[len(prefix):], stripped)
        return (stripped,)

    def finish_field(self, field: Field, notes: Notes) -> tuple[Field, frozenset[str]]:
        written = (notes.default or "").strip()
        if field.default is None and written == _EMPTY_LITERAL:
            empty: JsonValue = [] if isinstance(field.type, ArrayOf) else {}
            field = replace(field, default=Default(empty, _EMPTY_LITERAL))
        elif (
            field.default is None
            and written
            and field.type == _STRING
            and written != "null"  # swagger-codegen's "no default"
            and not written.startswith('"')
            and not _ENUM_CONSTANT.fullmatch(written)
        ):
            # Before 5.x a string's default is written as it is (default to 720h); an inline
            # enum's constant (SIZE_MEDIUM) does not say the value, and stays unread.
            raw = unescape(notes.default or "").strip()
            field = replace(field, default=Default(raw, raw))
        return field, frozenset()

    def finish_model(
        self, page: Page, fields: tuple[Field, ...]
    ) -> tuple[tuple[Field, ...], tuple[EnumValue, ...]]:
        # A list, map or interface{} is never wrapped in Nullable*, nor is a model before 7.x
        # (Pointer to [**Category**] reads as not nullable): a SetXNil method says, whatever
        # the type cell said.
        methods = page.section("Methods")
        if methods is None:
            # Before 5.x no Methods section, and "Pointer to" marks a nullable property alone
            # (an optional one is written bare): 4.3's pointers are its nulls. By the row's
            # line, as the reader read the row.
            pointers = {row.line for row in _property_rows(page) if _POINTER.match(row.type)}
            return tuple(
                replace(f, nullable=True) if f.location.line in pointers else f for f in fields
            ), ()
        nil_setters = {m.group(1) for p in methods.paragraphs if (m := _SET_NIL.match(p.text))}
        return tuple(
            replace(f, nullable=True) if f.name in nil_setters else f for f in fields
        ), ()

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        match = _DIGIT_NAME.match(name)
        if match:
            return match.group("rest"), WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def page_evidence(self, page: Page) -> int:
        if page.section("Methods") is not None:
            return _METHODS_EVIDENCE
        # swagger-codegen's go draws its tables without outer pipes; openapi-generator's
        # markdown generator, whose pages of a spec with Capitalized keys look alike, with them.
        section = page.section("Properties")
        if section is not None and section.tables and section.tables[0].outer_pipes:
            return 0
        rows = _property_rows(page)
        if rows and all(
            _EXPORTED.match(row.name) and _NULL_DEFAULT.search(row.notes)
            and not _RENAMED_LINK.match(row.type)
            for row in rows
        ):
            return len(rows) + _SWAGGER_EVIDENCE
        return 0


def _go_string(literal: str) -> str:
    """A double-quoted Go string literal after the page's Markdown escapes are undone: those
    already turned ``\\"`` and ``\\\\`` into ``"`` and ``\\``; escapes of letters remain."""
    return _LETTER_ESCAPE.sub(_unescape_letter, literal[1:-1])


def _unescape_letter(match: re.Match[str]) -> str:
    escape = match.group(1)
    if escape[0] in "uUx":
        return chr(int(escape[1:], 16))
    return _LETTER_ESCAPES[escape]


@dataclass(frozen=True)
class _PropertyRow:
    line: int
    name: str  # the cells as written, bold and all
    type: str
    notes: str


def _property_rows(page: Page) -> list[_PropertyRow]:
    """Each row of the page's property table, or none where one is not a row of four cells."""
    section = page.section("Properties")
    if section is None or not section.tables:
        return []
    table = section.tables[0]
    rows = []
    for line in table.rows:
        cells = split_row(line.text, 4, table.outer_pipes, is_notes)
        if cells is None:
            return []
        rows.append(_PropertyRow(
            line.number, cells[0].text.strip(), cells[1].text.strip(), cells[3].text
        ))
    return rows


GO = GoDialect()
DIALECTS = (GO,)

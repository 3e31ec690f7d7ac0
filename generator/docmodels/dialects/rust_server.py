"""Rust server pages: openapi-generator's rust-server (the hyper/swagger-rs server and client), 7.x.

Types: ``String``, ``i32``, ``i64``, ``u32``, ``f32``, ``f64``, ``bool``, ``Vec<…>`` (also
spelled with ``‹ ›``), ``std::collections::HashMap<String, …>``, ``models::X``,
``swagger::Nullable<…>`` (7.x on: the value may be null), ``swagger::ByteArray`` (bytes; linked
to ``file.md`` for a binary), ``chrono::DateTime::<chrono::Utc>`` (linked to ``date.md`` for a
date up to 7.0), ``chrono::naive::NaiveDate``, ``uuid::Uuid``, ``serde_json::Value`` and
``swagger::AnyType`` (anything). A type that is no Rust primitive is written
``[***T**](T.md)``: the stray third star stays before the type.

Every optional property's note is ``[default to None]``, or ``[default to Some(1)]`` where there
is a default (a required one: ``[default to "general".to_string()]``): the pages' mark, which
the rust (reqwest) client's never carry (it wraps optional properties in ``Option<>``).

7.26 writes an enum's or oneOf's page as ``## Type`` and the schema's type, ``**string**`` or
``**swagger::OneOf2<String,f64>**``: read as a union of those members. Model names are the
titles (``GetOfferDto``, where links say ``GetOfferDTO.md``): the types name them so too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docmodels.dialects.base import (
    BaseDialect,
    Composition,
    Cursor,
    NoDefault,
    ParsedType,
    TypeSyntaxError,
    UnknownType,
    looks_like_model_name,
    nesting,
)
from docmodels.dialects.rust import RUST, SCALARS, strip_prefix
from docmodels.ir import (
    AnyValue,
    ArrayOf,
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
from docmodels.page.notes import is_notes, parse_notes
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell, decode_type_cell

_INTEGER = PrimitiveKind.INTEGER
_STRING = Primitive(PrimitiveKind.STRING)
_SCALARS: dict[str, TypeExpr] = {
    **{name: scalar for name, scalar in SCALARS.items() if name not in ("str", "std::path::PathBuf")},
    "swagger::AnyType": AnyValue(),
    "swagger::ByteArray": Primitive(PrimitiveKind.STRING, "byte"),
    "chrono::naive::NaiveDate": Primitive(PrimitiveKind.STRING, "date"),
}
# What a 7.26 "## Type" section writes for an enum or an alias: the schema's own type name.
_SCHEMA_TYPES: dict[str, TypeExpr] = {
    "string": _STRING,
    "integer": Primitive(_INTEGER),
    "number": Primitive(PrimitiveKind.NUMBER),
    "boolean": Primitive(PrimitiveKind.BOOLEAN),
}
_MAPS = frozenset({"HashMap", "BTreeMap"})
_STD_PREFIXES = ("::std::collections::", "std::collections::")
_MODULE_PREFIXES = ("crate::models::", "models::")
_ONE_OF = re.compile(r"^swagger::(?:OneOf|AnyOf)\d+$")
# "Some(1)", "Some("720h".to_string())", ""general".to_string()".
_SOME = re.compile(r"^Some\((?P<value>.*)\)$", re.DOTALL)
# Names only Rust's two generators write: with one of them, a page is one of theirs.
_RUST_ONLY = re.compile(
    r"\b(?:[iu](?:8|16|32|64|size)|f32|f64|Vec|HashMap)\b|\b(?:models|chrono|uuid|serde_json|swagger)::"
)
_NOT_RUST_SERVER = -1_000
_TO_STRING = re.compile(r'^(?P<value>".*")\.to_string\(\)$', re.DOTALL)


class RustServerDialect(BaseDialect):
    name = "rust-server"
    vocabulary = frozenset(_SCALARS)
    # the SDK's field names, in snake_case: the JSON key is not on the page
    names = KeyCase.SNAKE

    def model_name(self, title: str) -> str:
        return title.strip().rsplit("::", 1)[-1]

    def parse_type(self, cell: TypeCell) -> ParsedType:
        text = cell.text.replace("‹", "<").replace("›", ">")  # one character each: offsets hold
        if not cell.links and text in _SCHEMA_TYPES:
            return ParsedType(_SCHEMA_TYPES[text])  # a "## Type" section's; no Rust vocabulary
        cursor = Cursor(text)
        counter = [0]
        if cursor.accept("*"):
            counter[0] += 1  # [***T**](T.md): the template's stray star
        nullable = False
        first = cursor.peek("name")
        if first is not None and first.text == "swagger::Nullable":
            cursor.take("name")
            cursor.take("<")
            counter[0] += 1
            nullable = True
            result = self._type(cursor, counter)
            cursor.take(">")
        else:
            result = self._type(cursor, counter)
        cursor.end()
        result = _linked(result, cell.links)
        return ParsedType(result, wrapped_optional=nullable, native_names=counter[0])

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = strip_prefix(token.text, _STD_PREFIXES)
        if name in ("Vec", "Box") or name in _MAPS:
            counter[0] += 1
            cursor.take("<")
            if name in _MAPS:
                key_token = cursor.peek()
                key = self._type(cursor, counter)
                if key != _STRING:
                    at = key_token.offset if key_token is not None else token.offset
                    raise TypeSyntaxError("map keys must be String", at)
                cursor.take(",")
            inner = self._type(cursor, counter)
            cursor.take(">")
            if name == "Box":
                return inner
            return MapOf(inner) if name in _MAPS else ArrayOf(inner)
        if name == "chrono::DateTime":
            # chrono::DateTime::<chrono::Utc>: the turbofish's time zone says nothing for JSON.
            if cursor.accept(":"):
                cursor.take(":")
            if cursor.accept("<"):
                cursor.take("name")
                cursor.take(">")
        if name in _SCALARS:
            counter[0] += 1
            return _SCALARS[name]
        model = strip_prefix(name, _MODULE_PREFIXES)
        if model != name:
            counter[0] += 1
        if looks_like_model_name(model) and cursor.peek("<") is None:
            return Reference(model)
        raise UnknownType(token.text, token.offset)

    def nullable(self, parsed: ParsedType, required: bool | None) -> bool | None:
        # swagger::Nullable<> says null is allowed; without it the page does not say (7.0 writes
        # no Nullable at all, 7.26 none for an optional nullable integer).
        return True if parsed.wrapped_optional else None

    def parse_default(self, text: str) -> JsonValue:
        stripped = text.strip()
        if stripped == "None":
            raise NoDefault(stripped)
        some = _SOME.match(stripped)
        if some is not None:
            stripped = some.group("value").strip()
        owned = _TO_STRING.match(stripped)
        if owned is not None:
            return owned.group("value")[1:-1]  # verbatim between the outer quotes
        if stripped in ("true", "false"):
            return stripped == "true"
        for convert in (int, float):
            try:
                number = convert(stripped)
            except ValueError:
                continue
            if is_finite(number):
                return number
        if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"':
            return stripped[1:-1]
        raise ValueError(f"not a Rust literal: {text.strip()!r}")

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        return RUST.wire_name(name)  # r#type, param_self, param_123start: as the rust client

    def page_evidence(self, page: Page) -> int:
        if _type_section(page) is not None:
            return 3
        section = page.section("Properties")
        if section is None or not section.tables:
            return 0
        table = section.tables[0]
        evidence = 0
        rust_types = False
        for line in table.rows:
            cells = split_row(line.text, 4, table.outer_pipes, is_notes)
            notes = parse_notes(cells[3].text) if cells is not None else None
            if cells is None or notes is None:
                continue
            rust_types = rust_types or bool(_RUST_ONLY.search(decode_type_cell(cells[1].text).text))
            default = notes.default.strip() if notes.default is not None else None
            if (notes.optional and default is None) or default == "null":
                # Every optional row says [default to None] or Some(..); null is no Rust.
                return _NOT_RUST_SERVER
            if default is not None and (default == "None" or _SOME.match(default)):
                evidence = 3
        if evidence:
            return evidence
        if not rust_types:
            # String and bool alone are other languages' words too (Swift's, Dart's): such a
            # page is no evidence for rust-server, which comes before them in ties.
            return -1
        # A page of required rows only reads alike in the rust client's grammar: the table
        # right under its heading (the rust client leaves a blank line) is what tells them.
        return 1 if table.header.number == section.line + 1 else 0

    def composition(self, page: Page) -> Composition | None:
        text = _type_section(page)
        if text is None:
            return None
        cell = decode_type_cell(text)
        try:
            members = _one_of_members(cell.text)
        except TypeSyntaxError:
            members = None  # read whole, as the one member: parse_type says what is wrong
        # An enum or an alias has the one type it names.
        return Composition(tuple(members) if members else (cell.text,))


def _one_of_members(text: str) -> list[str] | None:
    """The member types of ``swagger::OneOf2<String,f64>`` as written, each for parse_type to
    read; None where the text is no such list."""
    cursor = Cursor(text)
    first = cursor.peek("name")
    if first is None or not _ONE_OF.match(first.text):
        return None
    cursor.take("name")
    cursor.take("<")
    members: list[str] = []
    depth = 0
    opened = cursor.peek()
    begin = opened.offset if opened is not None else len(text)
    while (token := cursor.peek()) is not None:
        cursor.index += 1
        if token.kind == "<":
            depth += 1
        elif token.kind == ">" and depth:
            depth -= 1
        elif token.kind in (",", ">") and not depth:
            members.append(text[begin : token.offset].strip())
            following = cursor.peek()
            begin = following.offset if following is not None else len(text)
            if token.kind == ">":
                cursor.end()  # nothing after the list
                return members
    raise TypeSyntaxError("the list of members is not closed", len(text))


def _linked(type_expr: TypeExpr, links: tuple[str, ...]) -> TypeExpr:
    """A scalar whose link says more than its type: ``ByteArray`` linked to file.md is a
    binary, and up to 7.0 a date is a ``DateTime`` linked to date.md."""
    if "file.md" in links and type_expr == _SCALARS["swagger::ByteArray"]:
        return replace(_STRING, format="binary")
    if "date.md" in links and type_expr == _SCALARS["chrono::DateTime"]:
        return replace(_STRING, format="date")
    return type_expr


def _type_section(page: Page) -> str | None:
    """The text of a "## Type" section (7.26's enums and oneOfs), where the page has one and no
    property table."""
    section = page.section("Type")
    if section is None or section.tables or not section.paragraphs:
        return None
    return section.paragraphs[0].text.strip()


RUST_SERVER = RustServerDialect()
DIALECTS = (RUST_SERVER,)

"""Rust pages: openapi-generator's rust (reqwest/hyper) client, 6.x and 7.x.

Types: ``String``, ``i32``, ``i64``, ``f32``, ``f64``, ``bool``, ``Option<…>``, ``Vec<…>``,
``HashMap<String, …>`` (any ``std::collections::`` prefix), ``models::X``, ``crate::models::X``,
``serde_json::Value``, ``uuid::Uuid``, ``chrono::…``. ``Option<…>`` marks a property that may be
absent or null: the template writes it for every optional property and for required nullable ones.

Up to 7.12 a date is ``[**String**](string.md)``: the generator maps ``date`` to a lower-case
``string`` it does not know as a primitive, so it links it like a model (a plain string and a
date-time are an unlinked ``**String**``). Inline enums (7.22 on) are ``**Size**`` with
``(enum: small, medium, large)`` at the end of the description; defaults of enums are written as
the variant's name (``Medium``, 5.x ``Size_Medium``), not its value.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docmodels.dialects.base import (
    BaseDialect,
    Composition,
    Cursor,
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
    Field,
    JsonValue,
    KeyCase,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
    with_innermost,
)
from docmodels.numeric import is_finite
from docmodels.page.cells import any_last_cell, split_row
from docmodels.page.notes import Notes, is_notes, parse_notes
from docmodels.page.structure import Page, Table
from docmodels.page.typecell import TypeCell

_INTEGER = PrimitiveKind.INTEGER
# The scalar names rust's pages write (rust-server's too, with a few of its own).
SCALARS: dict[str, TypeExpr] = {
    "String": Primitive(PrimitiveKind.STRING),
    "str": Primitive(PrimitiveKind.STRING),
    "bool": Primitive(PrimitiveKind.BOOLEAN),
    "i8": Primitive(_INTEGER),
    "i16": Primitive(_INTEGER),
    "i32": Primitive(_INTEGER, "int32"),
    "i64": Primitive(_INTEGER, "int64"),
    "u8": Primitive(_INTEGER),
    "u16": Primitive(_INTEGER),
    "u32": Primitive(_INTEGER),
    "u64": Primitive(_INTEGER),
    "isize": Primitive(_INTEGER),
    "usize": Primitive(_INTEGER),
    "f32": Primitive(PrimitiveKind.NUMBER, "float"),
    "f64": Primitive(PrimitiveKind.NUMBER, "double"),
    "serde_json::Value": AnyValue(),
    "uuid::Uuid": Primitive(PrimitiveKind.STRING, "uuid"),
    "std::path::PathBuf": Primitive(PrimitiveKind.STRING, "binary"),
    "chrono::NaiveDate": Primitive(PrimitiveKind.STRING, "date"),
    "chrono::DateTime": Primitive(PrimitiveKind.STRING, "date-time"),
}
_ANY_TYPE = "AnyType"
_MAPS = frozenset({"HashMap", "BTreeMap"})
_SETS = frozenset({"HashSet", "BTreeSet"})
_MODULE_PREFIXES = ("crate::models::", "models::")
_STD_PREFIXES = ("::std::collections::", "std::collections::")
# Rust's reserved words that the generator renames with a prefix rather than r#.
_PARAM_RENAMED = frozenset({"self", "Self", "super", "crate"})
# The generator's reserved words, which 5.x prefixed with an underscore (_type, _self, _in).
_RESERVED_WORDS = """
    abstract alignof as async await become box break const continue crate do dyn else enum extern false final fn for if impl in let loop macro match mod move mut offsetof override priv
    proc pub pure ref return Self self sizeof static struct super trait true try type typeof
    unsafe unsized use virtual where while yield"""
_RESERVED = frozenset(_RESERVED_WORDS.split())
# A name cannot start with a digit: 5.x prefixes it with var_, 6.x and later with param_.
_DIGIT_PREFIXES = ("var_", "param_")
# An enum variant's name, as the generator camelizes a value (Medium, IbmcloudCos); 5.x and 6.x
# may prefix the enum's name (Size_Medium). Capitals start words of lower-case letters or digits:
# POST, USE_CLOUD, NaN are values the page wrote as they are.
_CAMEL = r"(?=[A-Z0-9]*[a-z])(?:[A-Z][a-z0-9]+)+"
_VARIANT = re.compile(rf"^(?:{_CAMEL}_)?({_CAMEL})$")
_OPTION = re.compile(r"^\s*(?:std::option::)?Option<")
_NOT_RUST = -1_000
# "How big the pet is. (enum: small, medium, large)": the values at the end of the description.
_ENUM_NOTE = re.compile(r"\s*\(enum:\s*(?P<values>[^()]*)\)\s*$")


def strip_prefix(name: str, prefixes: tuple[str, ...]) -> str:
    """``name`` without the first of ``prefixes`` it starts with (rust-server's paths too)."""
    for prefix in prefixes:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


class RustDialect(BaseDialect):
    name = "rust"
    vocabulary = frozenset(SCALARS) | _MAPS | _SETS
    # the SDK's field names, in snake_case: the JSON key is not on the page
    names = KeyCase.SNAKE

    def model_name(self, title: str) -> str:
        return title.strip().rsplit("::", 1)[-1]

    def parse_type(self, cell: TypeCell) -> ParsedType:
        parsed = self._parse(cell)
        if "string.md" in cell.links:
            # A date, up to 7.12: see the module's docstring.
            return replace(parsed, type=_as_date(parsed.type))
        return parsed

    def _parse(self, cell: TypeCell) -> ParsedType:
        cursor = Cursor(cell.text)
        counter = [0]
        first = cursor.peek("name")
        wrapped = False
        if first is not None and first.text in ("Option", "std::option::Option"):
            cursor.take("name")
            cursor.take("<")
            counter[0] += 1
            wrapped = True
            result = self._type(cursor, counter)
            cursor.take(">")
        else:
            result = self._type(cursor, counter)
        cursor.end()
        return ParsedType(result, wrapped_optional=wrapped, native_names=counter[0])

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = strip_prefix(token.text, _STD_PREFIXES)
        if name in ("Vec", "Box") or name in _SETS or name in _MAPS:
            counter[0] += 1
            cursor.take("<")
            if name in _MAPS:
                key_token = cursor.peek()
                key = self._type(cursor, counter)
                if key != Primitive(PrimitiveKind.STRING):
                    # Point at the key, as the python dialect does.
                    at = key_token.offset if key_token is not None else token.offset
                    raise TypeSyntaxError("map keys must be String", at)
                cursor.take(",")
            inner = self._type(cursor, counter)
            cursor.take(">")
            if name == "Box":
                return inner
            if name in _MAPS:
                return MapOf(inner)
            return ArrayOf(inner, unique_items=name in _SETS)
        if name.startswith("chrono::") and cursor.accept("<"):
            # chrono::DateTime<chrono::Utc>: the time zone parameter says nothing for JSON.
            cursor.take("name")
            cursor.take(">")
        if name in SCALARS:
            counter[0] += 1
            return SCALARS[name]
        model = strip_prefix(name, _MODULE_PREFIXES)
        if model != name:
            counter[0] += 1
            if model == _ANY_TYPE:
                # 4.3's crate::models::AnyType: the generator's name for a schema without a
                # type ({}), which 5.x and later write serde_json::Value; no page defines it.
                return AnyValue()
        if looks_like_model_name(model):
            return Reference(model)
        raise UnknownType(token.text, token.offset)

    def page_evidence(self, page: Page) -> int:
        if _variant_table(page) is not None:
            return 5  # "## Enum Variants" with Name | Description: rust's untagged oneOf
        # The template wraps every optional property in Option<>: an optional row without it
        # is another language's (Swift's String reads alike).
        section = page.section("Properties")
        if section is None or not section.tables:
            return 0
        table = section.tables[0]
        for line in table.rows:
            cells = split_row(line.text, 4, table.outer_pipes, is_notes)
            if cells is None:
                continue
            notes = parse_notes(cells[3].text)
            if notes is not None and notes.optional and not _OPTION.match(cells[1].text):
                return _NOT_RUST
        return 0

    def composition(self, page: Page) -> Composition | None:
        table = _variant_table(page)
        if table is None:
            return None
        members = []
        for line in table.rows:
            cells = split_row(line.text, 2, table.outer_pipes, any_last_cell)
            if cells is not None and cells[0].text:
                members.append(cells[0].text)
        return Composition(tuple(members)) if members else None

    def nullable(self, parsed: ParsedType, required: bool | None) -> bool | None:
        if not parsed.wrapped_optional:
            return False
        # Option<> on a required property can only mean null; on an optional one it may mean
        # either, and the page does not say which.
        return True if required else None

    def parse_default(self, text: str) -> JsonValue:
        stripped = text.strip()
        if stripped in ("true", "false"):
            return stripped == "true"
        for convert in (int, float):
            try:
                number = convert(stripped)
            except ValueError:
                continue
            # float() also reads "nan" and "inf": no Rust literal, and no JSON number either.
            if is_finite(number):
                return number
        if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"':
            return stripped[1:-1]
        if stripped == "[]":
            return []
        if _VARIANT.match(stripped):
            # Reads the same as a plain string default; finish_field maps it to its value where
            # the page lists the enum's values.
            raise ValueError(f"{stripped!r} is an enum variant's name, not its value")
        return stripped

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        if name.startswith("r#"):
            return name[2:], WireNameSource.UNMANGLED
        if name.startswith("param_") and name[6:] in _PARAM_RENAMED:
            return name[6:], WireNameSource.UNMANGLED
        if name.startswith("_") and name[1:] in _RESERVED:
            return name[1:], WireNameSource.UNMANGLED
        for prefix in _DIGIT_PREFIXES:
            rest = name[len(prefix) :]
            if name.startswith(prefix) and rest[:1].isdigit():
                return rest, WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def finish_field(self, field: Field, notes: Notes) -> tuple[Field, frozenset[str]]:
        match = _ENUM_NOTE.search(field.description)
        if match is None or not isinstance(field.type, (Reference, Primitive)):
            return field, frozenset()
        # The type names the enum Rust generates for the property (Size): no page defines it.
        values = tuple(_enum_value(v.strip()) for v in match.group("values").split(","))
        kinds = {type(v) for v in values}
        kind = PrimitiveKind.STRING
        if isinstance(field.type, Primitive):
            kind = field.type.kind  # a scalar the page writes says what the values are
        elif kinds == {int}:
            kind = PrimitiveKind.INTEGER
        elif kinds <= {int, float}:
            kind = PrimitiveKind.NUMBER
        if kind is PrimitiveKind.STRING:
            values = tuple(str(v) for v in values)
        default = field.default
        if notes.default is not None:
            value = _variant_value(notes.default.strip(), values)
            if value is not None:
                default = Default(value, notes.default.strip())
        # The enum's own type (Size) has no page: a scalar of its values' kind.
        type_ = field.type if isinstance(field.type, Primitive) else Primitive(kind)
        finished = replace(
            field,
            type=type_,
            enum_values=values,
            default=default,
            description=field.description[: match.start()].rstrip(),
        )
        return finished, frozenset()


def _as_date(type_expr: TypeExpr) -> TypeExpr:
    """The type with its (innermost) String a date."""
    string = Primitive(PrimitiveKind.STRING)
    return with_innermost(
        type_expr, lambda t: Primitive(PrimitiveKind.STRING, "date") if t == string else t
    )


def _enum_value(text: str) -> str | int | float:
    for convert in (int, float):
        try:
            number = convert(text)
        except ValueError:
            continue
        if is_finite(number):
            return number
    return text


def _letters(text: str) -> str:
    return "".join(char for char in text.lower() if char.isalnum())


def _variant_value(text: str, values: tuple[JsonValue, ...]) -> JsonValue | None:
    """The value whose variant the default names (Medium -> "medium"); None unless exactly one
    value fits. Variants are the values camelized, so letters and digits match, case aside."""
    match = _VARIANT.match(text)
    if match is None:
        return None
    wanted = _letters(match.group(1))
    found = [v for v in values if _letters(str(v)) == wanted]
    return found[0] if len(found) == 1 else None


def _variant_table(page: Page) -> Table | None:
    """Rust 7.x's untagged oneOf: an "## Enum Variants" table of member types and descriptions
    (its enums use the same section with Name | Value)."""
    section = page.section("Enum Variants")
    if section is None or not section.tables:
        return None
    table = section.tables[0]
    header = split_row(table.header.text, 2, table.outer_pipes, any_last_cell)
    if header is None or tuple(c.text.lower() for c in header) != ("name", "description"):
        return None
    return table


RUST = RustDialect()
DIALECTS = (RUST,)

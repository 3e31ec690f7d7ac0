"""Rust pages: openapi-generator's rust (reqwest/hyper) client, 6.x and 7.x.

Types: ``String``, ``i32``, ``i64``, ``f32``, ``f64``, ``bool``, ``Option<…>``, ``Vec<…>``,
``HashMap<String, …>`` (any ``std::collections::`` prefix), ``models::X``, ``crate::models::X``,
``serde_json::Value``, ``uuid::Uuid``, ``chrono::…``. ``Option<…>`` marks a property that may be
absent or null: the template writes it for every optional property and for required nullable ones.
"""

from __future__ import annotations

import math

from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
    ParsedType,
    TypeSyntaxError,
    looks_like_model_name,
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
from docmodels.page.typecell import TypeCell

_INTEGER = PrimitiveKind.INTEGER
_SCALARS: dict[str, TypeExpr] = {
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
_MAPS = frozenset({"HashMap", "BTreeMap"})
_SETS = frozenset({"HashSet", "BTreeSet"})
_MODULE_PREFIXES = ("crate::models::", "models::")
_STD_PREFIXES = ("::std::collections::", "std::collections::")
# Rust's reserved words that the generator renames with a prefix rather than r#.
_PARAM_RENAMED = frozenset({"self", "Self", "super", "crate"})


def _strip(name: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


class RustDialect(BaseDialect):
    name = "rust"

    def model_name(self, title: str) -> str:
        return title.strip().rsplit("::", 1)[-1]

    def parse_type(self, cell: TypeCell) -> ParsedType:
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

    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = _strip(token.text, _STD_PREFIXES)
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
        if name in _SCALARS:
            counter[0] += 1
            return _SCALARS[name]
        model = _strip(name, _MODULE_PREFIXES)
        if model != name:
            counter[0] += 1
        if looks_like_model_name(model):
            return Reference(model)
        raise TypeSyntaxError(f"unknown type {token.text!r}", token.offset)

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
            if math.isfinite(number):
                return number
        if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"':
            return stripped[1:-1]
        return stripped

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        if name.startswith("r#"):
            return name[2:], WireNameSource.UNMANGLED
        if name.startswith("param_") and name[6:] in _PARAM_RENAMED:
            return name[6:], WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE


RUST = RustDialect()
DIALECTS = (RUST,)

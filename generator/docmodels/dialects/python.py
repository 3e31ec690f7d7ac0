"""Python pages: openapi-generator's python-legacy (4.x/5.x) and python (7.x), swagger-codegen.

Types: ``str``, ``int``, ``float``, ``bool``, ``date``, ``datetime``, ``object``, ``list[X]``,
``List[X]``, ``dict(str, X)``, ``Dict[str, X]``, model names (usually linked). Defaults are Python
literals: ``120``, ``False``, ``'USE_CLOUD'``.
"""

from __future__ import annotations

import ast
import keyword
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

_SCALARS: dict[str, TypeExpr] = {
    "str": Primitive(PrimitiveKind.STRING),
    "int": Primitive(PrimitiveKind.INTEGER),
    "float": Primitive(PrimitiveKind.NUMBER),
    "bool": Primitive(PrimitiveKind.BOOLEAN),
    "date": Primitive(PrimitiveKind.STRING, "date"),
    "datetime": Primitive(PrimitiveKind.STRING, "date-time"),
    "bytearray": Primitive(PrimitiveKind.STRING, "byte"),
    "file": Primitive(PrimitiveKind.STRING, "binary"),
    "object": AnyValue(),
    "Any": AnyValue(),
}
_LISTS = frozenset({"list", "List"})
_DICTS = frozenset({"dict", "Dict"})

# Longer literals than this are not defaults a generator writes; refuse before ast sees them.
_MAX_DEFAULT = 10_000


class PythonDialect(BaseDialect):
    name = "python"

    def model_name(self, title: str) -> str:
        return title.strip()

    def parse_type(self, cell: TypeCell) -> ParsedType:
        cursor = Cursor(cell.text)
        counter = [0]
        result = self._type(cursor, counter)
        cursor.end()
        return ParsedType(result, native_names=counter[0])

    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = token.text
        if name in _LISTS and cursor.accept("["):
            counter[0] += 1
            items = self._type(cursor, counter)
            cursor.take("]")
            return ArrayOf(items)
        if name in _DICTS:
            counter[0] += 1
            if cursor.accept("["):
                close = "]"
            elif cursor.accept("("):
                close = ")"
            else:
                return MapOf(AnyValue())  # a bare dict: an object of anything
            self._key(cursor, counter)
            cursor.take(",")
            values = self._type(cursor, counter)
            cursor.take(close)
            return MapOf(values)
        if name in _SCALARS:
            counter[0] += 1
            return _SCALARS[name]
        if looks_like_model_name(name):
            return Reference(name)
        raise TypeSyntaxError(f"unknown type {name!r}", token.offset)

    def _key(self, cursor: Cursor, counter: list[int]) -> None:
        key = self._type(cursor, counter)
        if key != Primitive(PrimitiveKind.STRING):
            raise TypeSyntaxError("map keys must be str", cursor.tokens[cursor.index - 1].offset)

    def nullable(self, parsed: ParsedType, required: bool | None) -> bool | None:
        return None  # Python pages never say

    def parse_default(self, text: str) -> JsonValue:
        if len(text) > _MAX_DEFAULT:
            raise ValueError("default is too long")
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
            raise ValueError(f"not a Python literal: {text!r}") from exc
        return _json_value(value)

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        # openapi-generator's python templates prefix reserved words with var_ (var_from, var_self).
        if name.startswith("var_"):
            rest = name[4:]
            if keyword.iskeyword(rest) or rest in {"self", "property", "schema", "json", "date"}:
                return rest, WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE


def _json_value(value: object) -> JsonValue:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("not a finite number")
        return value
    if isinstance(value, (list, tuple)):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        result: dict[str, JsonValue] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                # ValueError, not TypeError: parse_default's callers expect only ValueError.
                raise ValueError("object keys must be strings")  # noqa: TRY004
            result[key] = _json_value(item)
        return result
    raise ValueError(f"not a JSON value: {type(value).__name__}")


PYTHON = PythonDialect()
DIALECTS = (PYTHON,)

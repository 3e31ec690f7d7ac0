"""Dart pages: openapi-generator's dart (http) and dart-dio clients, 7.x.

Titles are qualified by the package (``# ory_client.model.Identity``), and every page has a
``## Load the model package`` section with a ``dart`` import. Types: ``String``, ``int``,
``double``, ``num``, ``bool``, ``Object``, model names; dart writes ``List<T>``, ``Set<T>``,
``Map<String, T>`` (unescaped), ``DateTime`` for date and date-time alike and
``MultipartFile``; dart-dio writes ``BuiltList<T>``, ``BuiltSet<T>``, ``BuiltMap<String, T>``,
``JsonObject``, ``Date``, ``DateTime`` and ``Uint8List``, and links them as if they were models.
dart writes ``[default to const []]`` on every list, set and map: its own initial value, not a
default the API declares.
"""

from __future__ import annotations

import re

from docmodels.dialects._literals import scalar
from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
    NoDefault,
    TypeSyntaxError,
    UnknownType,
    looks_like_model_name,
    nesting,
    nullable_item,
)
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
from docmodels.page.structure import Page

_COMMON: dict[str, TypeExpr] = {
    "String": Primitive(PrimitiveKind.STRING),
    "int": Primitive(PrimitiveKind.INTEGER),
    "double": Primitive(PrimitiveKind.NUMBER),
    "num": Primitive(PrimitiveKind.NUMBER),
    "bool": Primitive(PrimitiveKind.BOOLEAN),
    "Object": AnyValue(),
    "AnyType": AnyValue(),  # 4.x: a schema without a type
}
_HTTP: dict[str, TypeExpr] = {
    **_COMMON,
    "DateTime": Primitive(PrimitiveKind.STRING),  # date or date-time: the page does not say
    "MultipartFile": Primitive(PrimitiveKind.STRING, "binary"),
}
_DIO: dict[str, TypeExpr] = {
    **_COMMON,
    "Date": Primitive(PrimitiveKind.STRING, "date"),
    "DateTime": Primitive(PrimitiveKind.STRING, "date-time"),
    "JsonObject": AnyValue(),
    "Uint8List": Primitive(PrimitiveKind.STRING, "binary"),
    "MultipartFile": Primitive(PrimitiveKind.STRING, "binary"),
}
_TITLE = re.compile(r"^\w+\.model\.(\w+)$")
# The generator's initial value for collections, written whether or not the API has a default.
# 4.x writes [default to null] on every property without a default.
_EMPTY_COLLECTIONS = frozenset({"const []", "const {}", "[]", "{}", "null"})
# dart-dio writes an empty list, set or map default as an empty builder.
_EMPTY_LIST_BUILDERS = frozenset({"ListBuilder()", "SetBuilder()"})
_EMPTY_MAP_BUILDER = "MapBuilder()"
# openapi-generator's Dart reserved words, escaped with a trailing "_" (class_, in_).
_KEYWORDS = frozenset(
    {
        "abstract", "as", "assert", "async", "await", "break", "case", "catch", "class", "const",
        "continue", "covariant", "default", "deferred", "do", "dynamic", "else", "enum", "export",
        "extends", "extension", "external", "factory", "false", "final", "finally", "for", "Function",
        "get", "hide", "if", "implements", "import", "in", "inout", "interface", "is", "late",
        "library", "mixin", "native", "new", "null", "of", "on", "operator", "out", "part", "patch",
        "required", "rethrow", "return", "set", "show", "source", "static", "super", "switch", "sync",
        "this", "throw", "true", "try", "typedef", "var", "void", "while", "with", "yield"
    }
)
# How strongly a page's shape speaks for or against these dialects, against type cells (+1 each).
_EVIDENCE = 3


class DartDialect(BaseDialect):
    # the SDK's field names, in camelCase: the JSON key is not on the page
    names = KeyCase.CAMEL
    def __init__(
        self, name: str, scalars: dict[str, TypeExpr], lists: str, sets: str, maps: str
    ) -> None:
        self.name = name
        self._scalars = scalars
        self._lists, self._sets, self._maps = lists, sets, maps

    def model_name(self, title: str) -> str:
        match = _TITLE.match(title.strip())
        return match.group(1) if match else title.strip()

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self._scalars) | {self._lists, self._sets, self._maps}

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = token.text
        if name in (self._lists, self._sets, self._maps):
            counter[0] += 1
            cursor.take("<")
            if name == self._maps:
                key = cursor.take("name")
                if key.text != "String":
                    raise TypeSyntaxError("map keys must be String", key.offset)
                cursor.take(",")
            inner = self._type(cursor, counter)
            if (mark := cursor.accept("?")) is not None:  # Object?
                inner = nullable_item(inner, mark.offset)
            cursor.take(">")
            if name == self._maps:
                return MapOf(inner)
            return ArrayOf(inner, unique_items=name == self._sets)
        if name in self._scalars:
            counter[0] += 1
            return self._scalars[name]
        if looks_like_model_name(name) and cursor.peek("<") is None:
            return Reference(name)
        raise UnknownType(name, token.offset)

    def parse_default(self, text: str) -> JsonValue:
        compact = " ".join(text.split())
        if compact in _EMPTY_COLLECTIONS:
            raise NoDefault(text)
        if compact in _EMPTY_LIST_BUILDERS:
            return []
        if compact == _EMPTY_MAP_BUILDER:
            return {}
        return scalar(text, "'\"")

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        if name.endswith("_") and name[:-1] in _KEYWORDS:
            return name[:-1], WireNameSource.UNMANGLED
        # A name starting with a digit gets an "n" in front (123start -> n123start).
        if name[:1] == "n" and name[1:2].isdigit():
            return name[1:], WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def page_evidence(self, page: Page) -> int:
        """Both generators qualify the title and write a Dart import on every page."""
        loads = page.section("Load the model package")
        title = page.title.text.strip() if page.title is not None else ""
        if loads is not None and "dart" in loads.fences and _TITLE.match(title):
            return _EVIDENCE
        return -_EVIDENCE


DART = DartDialect("dart", _HTTP, lists="List", sets="Set", maps="Map")
DART_DIO = DartDialect("dart-dio", _DIO, lists="BuiltList", sets="BuiltSet", maps="BuiltMap")
DIALECTS = (DART, DART_DIO)

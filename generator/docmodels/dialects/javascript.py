"""JavaScript pages: openapi-generator's javascript (ES6) client, 7.x.

Titles are qualified by the module (``# Api.Pet``, ``# OpenapiClient.Pet``). Types: ``String``,
``Number`` (every integer and number), ``Boolean``, ``Date`` (date and date-time alike),
``Object`` (anything), ``Blob`` (bytes), ``File`` (binary), ``[T]`` arrays, ``{String: T}`` maps,
model names. An inline enum's values are listed under ``## Enum: SizeEnum`` for the property
``size``, which its type cell does not link to. Defaults are JavaScript literals (``'medium'``, ``0``, ``false``).
"""

from __future__ import annotations

import re

from docmodels.dialects._literals import scalar, unescaped_keyword
from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
    TypeSyntaxError,
    UnknownType,
    looks_like_model_name,
    nesting,
)
from docmodels.dialects.typescript import KEYWORDS
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

_SCALARS: dict[str, TypeExpr] = {
    "String": Primitive(PrimitiveKind.STRING),
    "Number": Primitive(PrimitiveKind.NUMBER),
    "Boolean": Primitive(PrimitiveKind.BOOLEAN),
    "Date": Primitive(PrimitiveKind.STRING),  # date or date-time: the page does not say
    "Object": AnyValue(),
    "AnyType": AnyValue(),  # 4.x: a schema without a type
    "Blob": Primitive(PrimitiveKind.STRING, "byte"),
    "File": Primitive(PrimitiveKind.STRING, "binary"),
}
# "# Module.Model": the javascript templates qualify every title by the module's name.
_TITLE = re.compile(r"^[A-Za-z_$][\w$]*\.([A-Za-z_$][\w$]*)$")
# How strongly the title speaks for or against this dialect, against type cells (+1 each).
_EVIDENCE = 3


class JavaScriptDialect(BaseDialect):
    name = "javascript"
    vocabulary = frozenset(_SCALARS)
    # the SDK's field names, in camelCase: the JSON key is not on the page
    names = KeyCase.CAMEL

    def model_name(self, title: str) -> str:
        match = _TITLE.match(title.strip())
        return match.group(1) if match else title.strip()

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        if cursor.accept("["):
            counter[0] += 1
            items = self._type(cursor, counter)
            cursor.take("]")
            return ArrayOf(items)
        if cursor.accept("{"):
            counter[0] += 1
            key = cursor.take("name")
            if key.text != "String":
                raise TypeSyntaxError("map keys must be String", key.offset)
            cursor.take(":")
            values = self._type(cursor, counter)
            cursor.take("}")
            return MapOf(values)
        token = cursor.take("name")
        if token.text in _SCALARS:
            counter[0] += 1
            return _SCALARS[token.text]
        if looks_like_model_name(token.text):
            return Reference(token.text)
        raise UnknownType(token.text, token.offset)

    def parse_default(self, text: str) -> JsonValue:
        return scalar(text, "'\"")

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        unescaped = unescaped_keyword(name, KEYWORDS)
        if unescaped is not None:
            return unescaped, WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def enum_section(self, name: str) -> str | None:
        # An inline enum's type cell reads String; its values are in "## Enum: SizeEnum".
        return name[:1].upper() + name[1:] + "Enum" if name else None

    def page_evidence(self, page: Page) -> int:
        if page.title is None:
            return 0
        return _EVIDENCE if _TITLE.match(page.title.text.strip()) else -_EVIDENCE


JAVASCRIPT = JavaScriptDialect()
DIALECTS = (JAVASCRIPT,)

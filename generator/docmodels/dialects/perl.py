"""Perl pages: openapi-generator's perl client (7.x).

Titles are package names (``# WWW::OpenAPIClient::Object::Pet``) and a ``## Load the model
package`` section shows ``use`` of the package. Types: ``string``, ``int``, ``double``,
``boolean``, ``DATE``, ``DATE_TIME``, ``object``, ``AnyType``, ``ARRAY[T]``,
``HASH[string,T]``, model names. Defaults are Perl literals (``'medium'``, ``0``, ``false``),
with quotes inside a quoted string left unescaped.
"""

from __future__ import annotations

from docmodels.dialects import _literals
from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
    TypeSyntaxError,
    UnknownType,
    looks_like_model_name,
    nesting,
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

_SCALARS: dict[str, TypeExpr] = {
    "string": Primitive(PrimitiveKind.STRING),
    "int": Primitive(PrimitiveKind.INTEGER),
    "double": Primitive(PrimitiveKind.NUMBER),
    "boolean": Primitive(PrimitiveKind.BOOLEAN),
    "DATE": Primitive(PrimitiveKind.STRING, "date"),
    "DATE_TIME": Primitive(PrimitiveKind.STRING, "date-time"),
    # Before 6.x (and in swagger-codegen) every date and date-time is a DateTime object.
    "DateTime": Primitive(PrimitiveKind.STRING),
    "object": AnyValue(),
    "AnyType": AnyValue(),
}


_NOT_PERL = -100


class PerlDialect(BaseDialect):
    name = "perl"
    vocabulary = frozenset(_SCALARS)
    # the SDK's field names, in snake_case: the JSON key is not on the page
    names = KeyCase.SNAKE

    def model_name(self, title: str) -> str:
        return title.strip().rsplit("::", 1)[-1]

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = token.text
        if name == "ARRAY":
            counter[0] += 1
            cursor.take("[")
            items = self._type(cursor, counter)
            cursor.take("]")
            return ArrayOf(items)
        if name == "HASH":
            counter[0] += 1
            cursor.take("[")
            key = cursor.take("name")
            if key.text != "string":
                raise TypeSyntaxError("hash keys must be string", key.offset)
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
        # The template does not escape quotes inside: 'it's "quoted"' is one string.
        return _literals.scalar(text, "'\"", language="a Perl")

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        # A name that cannot start a Perl identifier gets an underscore: 123start -> _123start.
        if name.startswith("_") and name[1:2].isdigit():
            return name[1:], WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def page_evidence(self, page: Page) -> int:
        if page.title is None or "::" not in page.title.text:
            return _NOT_PERL  # the title is always the package name
        score = 0
        if "::Object::" in page.title.text:
            score += 2
        section = page.section("Load the model package")
        if section is not None and "perl" in section.fences:
            score += 2
        return score


PERL = PerlDialect()
DIALECTS = (PERL,)

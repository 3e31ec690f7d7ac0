"""Ruby pages: openapi-generator's ruby client (7.x).

Titles are module-qualified: ``# OpenapiClient::Pet``; tables have outer pipes and notes run
together (``[optional][default to 0]``); an ``## Example`` section holds a ```ruby block.
Types: ``String``, ``Integer``, ``Float``, ``Boolean``, ``Date``, ``Time`` (date-time),
``File``, ``Object``, ``Mixed``, ``Array<T>``, ``Hash<String, T>``, model names (4.x-5.x and
swagger-codegen 2.x: ``DateTime``, ``AnyType``, ``BOOLEAN``). Defaults are
Ruby literals: ``'general'``, ``0``, ``false``. Reserved words are escaped with a leading
underscore (``_class``).
"""

from __future__ import annotations

import math
import re

from docmodels.dialects.base import (
    BaseDialect,
    Composition,
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
from docmodels.numeric import integer
from docmodels.page.structure import Page

_STRING = PrimitiveKind.STRING
_SCALARS: dict[str, TypeExpr] = {
    "String": Primitive(_STRING),
    "Integer": Primitive(PrimitiveKind.INTEGER),
    "Float": Primitive(PrimitiveKind.NUMBER),
    "Boolean": Primitive(PrimitiveKind.BOOLEAN),
    "Date": Primitive(_STRING, "date"),
    "Time": Primitive(_STRING, "date-time"),
    "File": Primitive(_STRING, "binary"),
    "Object": AnyValue(),
    "Mixed": AnyValue(),
    # openapi-generator 4.x/5.x and swagger-codegen 2.x write a date-time DateTime, a schema
    # without a type AnyType; swagger-codegen 2.x writes booleans BOOLEAN.
    "DateTime": Primitive(_STRING, "date-time"),
    "AnyType": AnyValue(),
    "BOOLEAN": Primitive(PrimitiveKind.BOOLEAN),
}
# One CamelCase module in front of the model: OpenapiClient::Pet (R writes openapi::Pet, Perl
# WWW::OpenAPIClient::Object::Pet).
_TITLE = re.compile(r"^[A-Z][A-Za-z0-9]*::([A-Za-z_]\w*)$")
_TITLE_EVIDENCE = 5
# Every ruby page has that title; without it, String and Integer cells are Java's or others'.
_NOT_RUBY = -1_000_000
_MEMBER = re.compile(r"^\s*[-*]\s+`([A-Za-z_][\w:]*)`\s*$")
# The example under openapi_discriminator_name: "X.openapi_discriminator_name" then "# => :'kind'".
_DISCRIMINATOR_CALL = re.compile(r"\.openapi_discriminator_name\s*$")
_DISCRIMINATOR = re.compile(r"^\s*#\s*=>\s*:(?:'([^']*)'|\"([^\"]*)\"|(\w+))\s*$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$")
# The generator's reserved words (AbstractRubyCodegen), escaped as _class, _self, _in.
_RESERVED = frozenset(
    {
        "__FILE__", "__LINE__", "BEGIN", "END", "alias", "and", "begin", "break", "case", "class",
        "def", "defined?", "do", "else", "elsif", "end", "ensure", "false", "for", "if", "in",
        "module", "next", "nil", "not", "or", "redo", "rescue", "retry", "return", "self", "super",
        "then", "true", "undef", "unless", "until", "when", "while", "yield",
    }
)


class RubyDialect(BaseDialect):
    name = "ruby"
    vocabulary = frozenset(_SCALARS)
    # the SDK's field names, in snake_case: the JSON key is not on the page
    names = KeyCase.SNAKE

    def model_name(self, title: str) -> str:
        stripped = title.strip()
        match = _TITLE.match(stripped)
        return match.group(1) if match else stripped

    def page_evidence(self, page: Page) -> int:
        if page.title is None:
            return 0
        if not _TITLE.match(page.title.text.strip()):
            return _NOT_RUBY
        return _TITLE_EVIDENCE

    def composition(self, page: Page) -> Composition | None:
        # A oneOf page has no table; its "Return type" list names the classes `build` returns:
        # - `Circle`, - `Square`, - `nil` (if no type matches).
        section = page.section("Class instance methods")
        if section is None:
            return None
        members = tuple(
            match.group(1)
            for line in section.bullets
            if (match := _MEMBER.match(line.text)) is not None and match.group(1) != "nil"
        )
        if not members:
            return None
        discriminator = None
        for call, result in zip(section.code, section.code[1:]):
            match = _DISCRIMINATOR.match(result.text)
            if _DISCRIMINATOR_CALL.search(call.text) and match is not None:
                discriminator = next(group for group in match.groups() if group is not None)
        return Composition(members, discriminator)

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = token.text
        if name in ("Array", "Set") and cursor.accept("<"):
            counter[0] += 1
            items = self._type(cursor, counter)
            cursor.take(">")
            return ArrayOf(items, unique_items=name == "Set")
        if name == "Hash" and cursor.accept("<"):
            counter[0] += 1
            key = self._type(cursor, counter)
            if key != Primitive(_STRING):
                raise TypeSyntaxError("hash keys must be String", token.offset)
            cursor.take(",")
            values = self._type(cursor, counter)
            cursor.take(">")
            return MapOf(values)
        if name in _SCALARS:
            counter[0] += 1
            return _SCALARS[name]
        if looks_like_model_name(name):
            return Reference(name)
        raise UnknownType(name, token.offset)

    def parse_default(self, text: str) -> JsonValue:
        stripped = text.strip()
        if stripped in ("true", "false"):
            return stripped == "true"
        if stripped == "nil":
            return None
        if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "'\"":
            # The generator quotes the spec's text and backslash-escapes its double quotes
            # ('it's \"quoted\"'), nothing else.
            return stripped[1:-1].replace('\\"', '"')
        if _NUMBER.match(stripped):
            if re.fullmatch(r"-?\d+", stripped):
                return integer(stripped)  # exactly, however long
            number = float(stripped)
            if not math.isfinite(number):
                raise ValueError(f"not a finite number: {text!r}")
            return number
        raise ValueError(f"not a Ruby literal: {text!r}")

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        if name.startswith("_"):
            rest = name[1:]
            if rest in _RESERVED or rest[:1].isdigit():
                return rest, WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE


RUBY = RubyDialect()
DIALECTS = (RUBY,)

"""Java pages: openapi-generator's java client (5.x to 7.x) and its android client.

Types: ``String``, ``Integer``, ``Long``, ``Float``, ``Double``, ``BigDecimal``, ``Boolean``,
``byte[]``, ``File``, ``LocalDate``, ``OffsetDateTime``, ``Date``, ``UUID``, ``URI``, ``Object``,
``List<…>``, ``Set<…>``, ``Map<String, …>`` and bare model names (often unlinked: ``**PetStatus**``).
Inline enums link to an ``## Enum: SizeEnum`` section of the same page (read by the reader).
The pages never mark nullable properties and never write defaults; names are camelCase
(``photoUrls`` for the wire name ``photo_urls``): the wire name is not on the page.

java-micronaut pages too: they put types in code spans (`` `Long` ``, ``[`Category`](Category.md)``),
write ``[optional property]`` and ``[readonly property]`` notes, title an inline enum's section
``## SizeEnum`` and quote its values in code (`` `"small"` ``).

android pages read the same way: the android generator shares Java's type names, writes
``Date`` for both dates and date-times (so the format is unknown) and
``OasAnyTypeNotMapped`` for a schema without a type.

``JvmDialect`` is the grammar the JVM family (java, kotlin, scala) shares; each dialect gives its
own vocabulary.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
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
from docmodels.numeric import is_finite
from docmodels.page.notes import Notes, parse_notes
from docmodels.page.structure import Page

STRING = Primitive(PrimitiveKind.STRING)
INT32 = Primitive(PrimitiveKind.INTEGER, "int32")
INT64 = Primitive(PrimitiveKind.INTEGER, "int64")
FLOAT = Primitive(PrimitiveKind.NUMBER, "float")
DOUBLE = Primitive(PrimitiveKind.NUMBER, "double")
NUMBER = Primitive(PrimitiveKind.NUMBER)
BOOLEAN = Primitive(PrimitiveKind.BOOLEAN)
DATE = Primitive(PrimitiveKind.STRING, "date")
DATE_TIME = Primitive(PrimitiveKind.STRING, "date-time")
UUID = Primitive(PrimitiveKind.STRING, "uuid")
URI = Primitive(PrimitiveKind.STRING, "uri")
BYTE = Primitive(PrimitiveKind.STRING, "byte")
BINARY = Primitive(PrimitiveKind.STRING, "binary")

_JAVA_SCALARS: dict[str, TypeExpr] = {
    "String": STRING,
    "Integer": INT32,
    "Long": INT64,
    "Float": FLOAT,
    "Double": DOUBLE,
    "BigDecimal": NUMBER,
    "Boolean": BOOLEAN,
    "LocalDate": DATE,
    "OffsetDateTime": DATE_TIME,
    "LocalDateTime": DATE_TIME,  # java-micronaut 5.x
    # java.util.Date: the legacy date library and android write it for dates and date-times.
    "Date": STRING,
    "java.util.Date": STRING,  # 4.x, where a model named Date takes the short name
    "UUID": UUID,
    "URI": URI,
    "File": BINARY,
    "Object": AnyValue(),
    # A schema without a type: java 7.x writes Any (List<Any>), android OasAnyTypeNotMapped.
    "Any": AnyValue(),
    "AnyType": AnyValue(),
    "OasAnyTypeNotMapped": AnyValue(),
    "oas_any_type_not_mapped": AnyValue(),  # 4.x
}

# Scala's scalar names that Java spells otherwise (Integer, byte[]).
_OTHER_JVM_SCALARS = frozenset({"Int", "ByteArray"})
_MICRONAUT_CLASS = re.compile(r"The class is defined in \*\*\[[A-Za-z_]\w*\.java\]\(")
_MICRONAUT_CLASS_LINE = re.compile(
    r"^\s*The class is defined in \*\*\[[^\]]*\.java\]\([^)]*\)\*\*\s*$", re.MULTILINE
)
_MICRONAUT_EVIDENCE = 5
_MICRONAUT_NOTES = frozenset({"optional property", "readonly property"})
_JAVA_LITERAL_SUFFIX = re.compile(r"^([-+]?[0-9][0-9_.eE+-]*)[lLfFdD]$")
_STRING_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "'": "'", "\\": "\\"}
# Every JVM template opens with exactly two blank lines (kotlin's with one); a title further
# down follows something else (YAML front matter), which says nothing for the JVM family.
_JVM_TITLE_LINE = 3


_DIGIT_ESCAPE = re.compile(r"^_[0-9]")


class JvmDialect(BaseDialect):
    # the SDK's field names, in camelCase: the JSON key is not on the page
    names = KeyCase.CAMEL
    """A JVM language's pages: generics in angle brackets, maps keyed by strings, boxed scalars.

    A subclass gives its vocabulary: scalar names and the names of its list, set and map types.
    """

    # **OffsetDateTime**, never linked: a linked one is a spec model named like it, whose page
    # the generator did not write (collisions.py). Kotlin links them all.
    links_dates: bool | None = False
    scalars: Mapping[str, TypeExpr] = {}
    lists: frozenset[str] = frozenset()
    sets: frozenset[str] = frozenset()
    maps: frozenset[str] = frozenset()
    # Scala writes Seq[String] inside Map<String, Seq[String]>: square brackets are generics too.
    square_generics = False

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self.scalars) | self.lists | self.sets | self.maps

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = token.text
        if name in self.lists or name in self.sets or name in self.maps:
            counter[0] += 1
            close = self._open(cursor)
            if name in self.maps:
                key_token = cursor.peek()
                if self._type(cursor, counter) != STRING:
                    at = key_token.offset if key_token is not None else token.offset
                    raise TypeSyntaxError("map keys must be String", at)
                cursor.take(",")
            inner = self._type(cursor, counter)
            if (mark := cursor.accept("?")) is not None:  # kotlin's Any?
                inner = nullable_item(inner, mark.offset)
            cursor.take(close)
            if name in self.maps:
                return MapOf(inner)
            return ArrayOf(inner, unique_items=name in self.sets)
        scalar = self._scalar(name, cursor)
        if scalar is not None:
            counter[0] += 1
            return scalar
        if looks_like_model_name(name):
            return Reference(name)
        raise UnknownType(name, token.offset)

    def _open(self, cursor: Cursor) -> str:
        if self.square_generics and cursor.accept("["):
            return "]"
        cursor.take("<")
        return ">"

    def _scalar(self, name: str, cursor: Cursor) -> TypeExpr | None:
        return self.scalars.get(name)

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        # _1, _3dSecure: a JVM name cannot start with a digit, and the generators put "_" before
        # one (zalando's star ratings "1" to "5").
        if _DIGIT_ESCAPE.match(name):
            return name[1:], WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def page_evidence(self, page: Page) -> int:
        if page.title is None:
            return 0
        if page.title.line == _JVM_TITLE_LINE:
            return 2
        # No JVM template starts a page with its title: where the scalars read alike (String,
        # Double, UUID in swift or ruby pages), this leaves the page to its own dialect.
        return -1 if page.title.line == 1 else 0

    def parse_default(self, text: str) -> JsonValue:
        return jvm_literal(text)


def jvm_literal(text: str) -> JsonValue:
    """A Java (or Kotlin, Scala) literal: ``true``, ``42``, ``42L``, ``1.5``, ``1.5f``, ``"x"``."""
    stripped = text.strip()
    if stripped in ("true", "false"):
        return stripped == "true"
    if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"':
        return _string_literal(stripped[1:-1])
    suffixed = _JAVA_LITERAL_SUFFIX.match(stripped)
    number_text = suffixed.group(1) if suffixed else stripped
    converts: tuple[type[int | float], ...] = (int, float)
    if suffixed:  # 42L is a long, 2d a double
        converts = (int,) if stripped[-1] in "lL" else (float,)
    for convert in converts:
        try:
            number = convert(number_text.replace("_", ""))
        except ValueError:
            continue
        if is_finite(number):  # float() also reads "nan" and "inf"
            return number
    raise ValueError(f"not a literal: {text!r}")


def _string_literal(body: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == '"':
            raise ValueError("unescaped quote inside a string literal")
        if char != "\\":
            out.append(char)
            i += 1
            continue
        escape = body[i + 1 : i + 2]
        if escape in _STRING_ESCAPES:
            out.append(_STRING_ESCAPES[escape])
            i += 2
        elif escape == "u" and re.fullmatch(r"[0-9A-Fa-f]{4}", body[i + 2 : i + 6]):
            out.append(chr(int(body[i + 2 : i + 6], 16)))
            i += 6
        else:
            raise ValueError(f"unknown escape \\{escape} in a string literal")
    return "".join(out)


class JavaDialect(JvmDialect):
    name = "java"
    scalars = _JAVA_SCALARS
    lists = frozenset({"List"})
    sets = frozenset({"Set"})
    maps = frozenset({"Map"})

    def page_evidence(self, page: Page) -> int:
        # java-micronaut's "The class is defined in **[Pet.java](…)**": a page whose cells only
        # name models is otherwise PHP's as much as Java's (its rows end alike).
        found = _MICRONAUT_CLASS.search(page.description) is not None
        return super().page_evidence(page) + (_MICRONAUT_EVIDENCE if found else 0)

    def page_description(self, page: Page) -> str:
        # java-micronaut's class sentence is the template's, on every page: not the model's.
        return _MICRONAUT_CLASS_LINE.sub("", page.description).strip()

    def parse_notes(self, text: str) -> Notes | None:
        notes = parse_notes(text)
        if notes is None or not set(notes.other) & _MICRONAUT_NOTES:
            return notes
        # java-micronaut spells [optional] and [readonly] "[optional property]", "[readonly
        # property]": without reading them every property of its pages would be required.
        return dataclasses.replace(
            notes,
            optional=notes.optional or "optional property" in notes.other,
            read_only=notes.read_only or "readonly property" in notes.other,
            other=tuple(o for o in notes.other if o not in _MICRONAUT_NOTES),
        )

    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.peek("name")
        if token is not None and token.text in _OTHER_JVM_SCALARS:
            # Java writes Integer: a page with Int (Set<Int>) is scala's, not a model named Int.
            raise TypeSyntaxError(f"{token.text!r} is not a Java type", token.offset)
        return super()._type(cursor, counter)

    def _scalar(self, name: str, cursor: Cursor) -> TypeExpr | None:
        # byte[] is Java's spelling of a base64 string, not an array.
        if name == "byte" and cursor.accept("["):
            cursor.take("]")
            return BYTE
        return super()._scalar(name, cursor)


JAVA = JavaDialect()
DIALECTS = (JAVA,)

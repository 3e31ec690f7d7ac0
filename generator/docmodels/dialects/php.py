"""PHP pages: openapi-generator's php (5.x, 7.x) and php-nextgen (7.x).

Titles are ``# # Pet`` before 7.26 (the template's own ``#`` in front of the name) and ``# Pet``
after. Types: ``string``, ``int``, ``float``, ``double`` (5.x), ``bool``, ``\\DateTime`` (for
date and date-time alike), ``\\SplFileObject``, ``mixed``, ``object``, ``T[]``,
``array<string,T>`` (4.x: ``map[string,T]``, ``AnyType``), and models by their fully qualified class name
(``\\OpenAPI\\Client\\Model\\Pet``). Defaults are PHP literals: ``'general'``, ``0``, ``false``.
Rows end with no space after the last cell (``|`` where the Notes cell is empty).
"""

from __future__ import annotations

import math
import re

from docmodels.dialects.base import (
    BaseDialect,
    Composition,
    Cursor,
    ParsedType,
    Token,
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
from docmodels.page.notes import is_notes
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell, decode_type_cell

_STRING = PrimitiveKind.STRING
_SCALARS: dict[str, TypeExpr] = {
    "string": Primitive(_STRING),
    "int": Primitive(PrimitiveKind.INTEGER),
    "float": Primitive(PrimitiveKind.NUMBER),
    "double": Primitive(PrimitiveKind.NUMBER, "double"),  # 5.x; 7.x writes float for doubles
    "bool": Primitive(PrimitiveKind.BOOLEAN),
    # \DateTime stands for date and date-time alike: the page does not say which.
    "\\DateTime": Primitive(_STRING),
    "\\SplFileObject": Primitive(_STRING, "binary"),
    "mixed": AnyValue(),
    "AnyType": AnyValue(),  # 4.x: a schema without a type
    "object": AnyValue(),
    "array": ArrayOf(AnyValue()),
}
# Names with PHP's namespace separator, \Ns\Model\Pet; the shared tokenizer reads :: and . paths.
_NAME = re.compile(r"\\?[A-Za-z_][A-Za-z0-9_]*(?:\\[A-Za-z_][A-Za-z0-9_]*)*")
_PUNCTUATION = frozenset("<>[],?")
# The template writes "# {{classname}}" under its own "# " before 7.26: "# # Pet".
_DOUBLE_HASH = re.compile(r"^#\s+(\S.*)$")
_EVIDENCE = 3
_PLACEHOLDER_DEFAULT = re.compile(r"\[default to (?:null|undefined|nothing|None)\]")
_BULLET = re.compile(r"^\s*[-*+]\s+")
# php-nextgen's line under the oneOf list: "The concrete type is selected by the `kind`
# discriminator property."
_DISCRIMINATOR = re.compile(r"selected by the `([^`\n]+)` discriminator property")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$")
# Names that start with a digit get a leading underscore: _123start.
_DIGIT_PREFIX = re.compile(r"^_(\d.*)$")


class _PhpCursor(Cursor):
    """The shared cursor over PHP's tokens (namespaced names)."""

    def __init__(self, text: str) -> None:
        super().__init__(text, _tokenize(text))


def _tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        match = _NAME.match(text, i)
        if match:
            tokens.append(Token("name", match.group(), i))
            i = match.end()
        elif char in _PUNCTUATION:
            tokens.append(Token(char, char, i))
            i += 1
        else:
            raise TypeSyntaxError(f"unexpected character {char!r} in type", i)
    return tokens


def php_rows(page: Page, trailing_space: bool = False) -> bool:
    """Whether the property table's rows are drawn as PHP's template draws them: four columns
    without outer pipes, no space after the last cell (php-symfony's: one space, where
    ``trailing_space``), which is empty or a run of notes, and no
    placeholder default (bash, typescript-axios and julia write ``[default to null]`` and the
    like on rows without a default; they too leave no space at the end). One row is too little
    to tell: python-prior's lone ``**any string name**`` row ends like that too."""
    section = page.section("Properties")
    if section is None or not section.tables:
        return False
    table = section.tables[0]
    if table.outer_pipes or table.header.text.count("|") != 3 or len(table.rows) < 2:
        return False
    for row in table.rows:
        text = row.text
        last = text.rsplit("|", 1)[-1].strip()
        # php-symfony writes no space after a default: "[optional] [default to 0]".
        spaced = text != text.rstrip() or (trailing_space and "[default to" in last)
        if spaced != trailing_space or not (last == "" or is_notes(last)):
            return False
        if _PLACEHOLDER_DEFAULT.search(text):
            return False
    return True


def _member_name(type_expr: TypeExpr, text: str) -> str:
    return type_expr.name if isinstance(type_expr, Reference) else text


class PhpDialect(BaseDialect):
    name = "php"
    vocabulary = frozenset(_SCALARS)
    # the SDK's field names, in snake_case: the JSON key is not on the page
    names = KeyCase.SNAKE

    def model_name(self, title: str) -> str:
        stripped = title.strip()
        match = _DOUBLE_HASH.match(stripped)
        return match.group(1).strip() if match else stripped

    def page_evidence(self, page: Page) -> int:
        score = 0
        if page.title is not None and _DOUBLE_HASH.match(page.title.text.strip()):
            score += _EVIDENCE
        # PHP's template opens with the title; the JVM family's, whose rows end alike, with
        # blank lines (a scala page of model names and one Int is not PHP's).
        if php_rows(page) and page.title is not None and page.title.line == 1:
            score += _EVIDENCE
        if self._members(page):
            score += _EVIDENCE
        return score

    def composition(self, page: Page) -> Composition | None:
        members = self._members(page)
        if not members:
            return None
        section = page.section("oneOf", "anyOf")
        found = (
            _DISCRIMINATOR.search(paragraph.text)
            for paragraph in (section.paragraphs if section is not None else ())
        )
        discriminator = next((match.group(1) for match in found if match is not None), None)
        return Composition(
            tuple(_member_name(parsed.type, text) for text, parsed in members), discriminator
        )

    def _members(self, page: Page) -> list[tuple[str, ParsedType]]:
        """php-nextgen's ``## oneOf`` list, one type per bullet (``- **string**``,
        ``- [**\\Ns\\Model\\Circle**](Circle.md)``), where the template draws no table."""
        section = page.section("oneOf", "anyOf")
        if section is None:
            return []
        found: list[tuple[str, ParsedType]] = []
        for line in section.bullets:
            cell = decode_type_cell(_BULLET.sub("", line.text, count=1))
            try:
                found.append((cell.text, self.parse_type(cell)))
            except TypeSyntaxError:
                return []
        return found

    def parse_type(self, cell: TypeCell) -> ParsedType:
        cursor = _PhpCursor(cell.text)
        counter = [0]
        nullable = cursor.accept("?") is not None  # php-nextgen's ?string
        result = self._type(cursor, counter)
        cursor.end()
        return ParsedType(result, wrapped_optional=nullable, native_names=counter[0])

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        result = self._single(cursor, counter)
        while cursor.accept("["):  # string[], \Ns\Model\Pet[], float[][]
            cursor.take("]")
            counter[0] += 1
            result = ArrayOf(result)
        return result

    def _single(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = token.text
        # array<string,T>; 4.x wrote map[string,T].
        close = {"array": ">", "map": "]"}.get(name)
        if close is not None and cursor.accept("<" if name == "array" else "["):
            counter[0] += 1
            key = self._type(cursor, counter)
            if key != Primitive(_STRING):
                raise TypeSyntaxError(f"{name} keys must be string", token.offset)
            cursor.take(",")
            values = self._type(cursor, counter)
            cursor.take(close)
            return MapOf(values)
        if name in _SCALARS:
            counter[0] += 1
            return _SCALARS[name]
        if "\\" in name:
            counter[0] += 1  # a fully qualified class name is PHP's own spelling
            model = name.rsplit("\\", 1)[-1]
        else:
            model = name
        if looks_like_model_name(model):
            return Reference(model)
        raise UnknownType(name, token.offset)

    def nullable(self, parsed: ParsedType, required: bool | None) -> bool | None:
        return True if parsed.wrapped_optional else None

    def parse_default(self, text: str) -> JsonValue:
        stripped = text.strip()
        lowered = stripped.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        if lowered == "null":
            return None
        if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "'\"":
            # The generator puts the spec's text between quotes without escaping it.
            return stripped[1:-1]
        if _NUMBER.match(stripped):
            if re.fullmatch(r"-?\d+", stripped):
                return integer(stripped)  # exactly, however long
            number = float(stripped)
            if not math.isfinite(number):
                raise ValueError(f"not a finite number: {text!r}")
            return number
        raise ValueError(f"not a PHP literal: {text!r}")

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        match = _DIGIT_PREFIX.match(name)
        if match:
            return match.group(1), WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE


PHP = PhpDialect()
DIALECTS = (PHP,)

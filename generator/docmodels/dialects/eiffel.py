"""Eiffel pages: openapi-generator's eiffel client (7.x).

Titles and file names are the model's name in UPPER_SNAKE (``# GET_OFFER_DTO`` in
GET_OFFER_DTO.md), while links point at the CamelCase name (``[**GET_OFFER_DTO**](GetOfferDTO.md)``)
of a file that does not exist. A reference is named by its link where the link spells the same
name (case and underscores aside), else by its UPPER_SNAKE text; the title's UPPER_SNAKE name is
matched to that CamelCase spelling across pages by docmodels.canonical.

Types: ``STRING_32`` (string), ``STRING`` (password, URI), ``INTEGER_32`` (integer and int32
alike), ``INTEGER_64``, ``REAL_32`` (number and float alike), ``REAL_64``, ``BOOLEAN``, ``DATE``,
``DATE_TIME``, ``UUID``, ``FILE``, ``ARRAY [NATURAL_8]`` (bytes), ``ANY``, ``LIST [T]`` and
``STRING_TABLE [T]``. Scalars that are classes are linked as if they were models, to their own
name (``[**STRING_32**](STRING_32.md)``), so that a model named like one links elsewhere
(``[**DATE**](Date.md)``: the spec's Date); punctuation in a name becomes ``_``
(``USER__MINI`` for User--Mini); and a container links to its innermost model, or to nonsense
(``[**LIST [LIST [REAL_64]]**](LIST.md)``). Names are snake_case; a reserved word, a name that
starts with ``_`` or with a digit gets ``var_`` (``var_result``). Defaults are written bare: a
string is not quoted (``[default to 720h]``), and ``[default to null]`` means none.
"""

from __future__ import annotations

import re

from docmodels.canonical import UPPER_SNAKE, fold
from docmodels.dialects import _literals
from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
    ParsedType,
    TypeSyntaxError,
    UnknownType,
    nesting,
)
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Field,
    JsonValue,
    KeyCase,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.page.notes import Notes
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell

_STRING = PrimitiveKind.STRING
_SCALARS: dict[str, TypeExpr] = {
    "STRING_32": Primitive(_STRING),
    "STRING": Primitive(_STRING),  # password and URI: no format the schema would check
    "INTEGER_32": Primitive(PrimitiveKind.INTEGER),  # integer and int32 alike
    "INTEGER_64": Primitive(PrimitiveKind.INTEGER, "int64"),
    "REAL_32": Primitive(PrimitiveKind.NUMBER),  # number and float alike
    "REAL_64": Primitive(PrimitiveKind.NUMBER, "double"),  # double and decimal
    "BOOLEAN": Primitive(PrimitiveKind.BOOLEAN),
    "DATE": Primitive(_STRING, "date"),
    "DATE_TIME": Primitive(_STRING, "date-time"),
    "UUID": Primitive(_STRING, "uuid"),
    "FILE": Primitive(_STRING, "binary"),
    "ANY": AnyValue(),
}
_LISTS = frozenset({"LIST"})  # sets too: uniqueItems is not written
_MAPS = frozenset({"STRING_TABLE"})
# openapi-generator's Eiffel reserved words (compared lower-cased), escaped with "var_".
_RESERVED = frozenset(
    word.lower()
    for word in ["across", "agent", "alias", "all", "and", "as", "assign", "attached", "attribute", "check", "class", "convert", "create", "Current", "debug", "deferred", "detachable", "do", "else", "elseif", "end", "ensure", "expanded", "export", "external", "False", "feature", "from", "frozen", "if", "implies", "inherit", "inspect", "invariant", "like", "local", "loop", "not", "note", "obsolete", "old", "once", "only", "or", "Precursor", "redefine", "rename", "require", "rescue", "Result", "retry", "select", "separate", "then", "True", "TUPLE", "undefine", "until", "variant", "Void", "when", "xor"]
)
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_EVIDENCE = 3  # more than bash sees in the "[default to null]" both write


class _LinkedCursor(Cursor):
    """A cursor that also knows the cell's link targets, where the CamelCase names are."""

    def __init__(self, text: str, links: tuple[str, ...]) -> None:
        super().__init__(text)
        self.links = links


def _spelling(name: str, links: tuple[str, ...]) -> str:
    """The CamelCase name a link of the cell gives the model, where it spells this one."""
    for link in links:
        stem = link.rsplit("/", 1)[-1].removesuffix(".md")
        if fold(stem) == fold(name) and _IDENTIFIER.fullmatch(stem):
            return stem
    return name


class EiffelDialect(BaseDialect):
    name = "eiffel"
    vocabulary = frozenset(_SCALARS) | _LISTS | _MAPS
    # the SDK's field names, in snake_case: the JSON key is not on the page
    names = KeyCase.SNAKE

    def parse_type(self, cell: TypeCell) -> ParsedType:
        cursor = _LinkedCursor(cell.text, cell.links)
        counter = [0]
        result = self._type(cursor, counter)
        cursor.end()
        return ParsedType(result, native_names=counter[0])

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = token.text
        if name in _LISTS | _MAPS | {"ARRAY"} and cursor.accept("["):
            counter[0] += 1
            inner_at = cursor.peek()
            inner = self._type(cursor, counter)
            cursor.take("]")
            if name == "ARRAY":
                # ARRAY [NATURAL_8] is the only array the generator writes: a byte string.
                if inner_at is None or inner_at.text != "NATURAL_8":
                    raise TypeSyntaxError("only ARRAY [NATURAL_8] is written", token.offset)
                return Primitive(_STRING, "byte")
            if name in _MAPS:
                return MapOf(inner)
            return ArrayOf(inner)
        if name == "NATURAL_8":
            counter[0] += 1
            return Primitive(PrimitiveKind.INTEGER)
        links = cursor.links if isinstance(cursor, _LinkedCursor) else ()
        if name in _SCALARS:
            spelled = _spelling(name, links)
            if spelled != name:
                # A scalar links to its own name ([**DATE**](DATE.md)); the model a spec
                # calls Date links to its CamelCase name ([**DATE**](Date.md)).
                return Reference(spelled)
            counter[0] += 1
            return _SCALARS[name]
        if UPPER_SNAKE.fullmatch(name):
            return Reference(_spelling(name, links))
        raise UnknownType(name, token.offset)

    def parse_default(self, text: str) -> JsonValue:
        return _literals.bare(text)

    def finish_field(self, field: Field, notes: Notes) -> tuple[Field, frozenset[str]]:
        return _literals.string_default(field, notes), frozenset()

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        if name.startswith("var_") and len(name) > 4:
            rest = name[4:]
            if rest.lower() in _RESERVED or rest[0].isdigit():
                return rest, WireNameSource.UNMANGLED
            # The generator writes "_links" as var_links: a name starting with "_" is the
            # likelier reading than a spec name that itself starts with "var_".
            return "_" + rest, WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def page_evidence(self, page: Page) -> int:
        title = page.title.text.strip() if page.title is not None else ""
        # Its pages are an UPPER_SNAKE title over one "## Properties" section, and nothing else
        # (a one-letter title is anyone's).
        properties_only = [s.title for s in page.sections] in ([], ["Properties"])
        return _EVIDENCE if len(title) > 1 and UPPER_SNAKE.fullmatch(title) and properties_only else 0


EIFFEL = EiffelDialect()
DIALECTS = (EIFFEL,)

"""python-prior pages: openapi-generator's ``python`` 5.x, renamed ``python-prior`` in 6.x.

Types are tuples of the Python classes a value may have: ``str``, ``[str]`` (a list),
``{str: (Pet,)}`` (a map), ``str, none_type`` (a nullable string), and the whole list
``bool, date, datetime, dict, float, int, list, str, none_type`` for any value. Model pages
end with an ``**any string name**`` row standing for the model's additional properties, and an
enum model is a single ``**value**`` row whose notes say ``must be one of ["a", "b", ]``.
Defaults are prose in the Notes cell: ``defaults to "x"`` (required properties) and
``if omitted the server will use the default value of 250`` (optional ones).
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace

from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
    ParsedType,
    TypeSyntaxError,
    UnknownType,
    looks_like_model_name,
    nesting,
)
from docmodels.dialects.python import RESERVED, parse_python_default, unmangle
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EnumValue,
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
from docmodels.numeric import is_finite
from docmodels.page.notes import Notes, parse_notes
from docmodels.page.structure import Line, Page
from docmodels.page.text import unescape
from docmodels.page.typecell import TypeCell

_SCALARS: dict[str, TypeExpr] = {
    "str": Primitive(PrimitiveKind.STRING),
    "int": Primitive(PrimitiveKind.INTEGER),
    "float": Primitive(PrimitiveKind.NUMBER),
    "bool": Primitive(PrimitiveKind.BOOLEAN),
    "date": Primitive(PrimitiveKind.STRING, "date"),
    "datetime": Primitive(PrimitiveKind.STRING, "date-time"),
    "file_type": Primitive(PrimitiveKind.STRING, "binary"),
    "dict": AnyValue(),  # a free-form object
    "list": ArrayOf(AnyValue()),
}
_NONE = "none_type"

# The row that stands for additionalProperties, not for a property.
EXTRA_PROPERTIES_ROW = "any string name"
_ENUM_ROW = "value"
_DEFAULT_PROSE = (
    re.compile(r"defaults to (?P<value>.*)"),
    re.compile(r"if omitted the server will use the default value of (?P<value>.*)"),
)
_ONE_OF = re.compile(r"must be one of (?P<values>\[.*\])")
# An enum model with a default says both: defaults to "a",  must be one of ["a", "b", ]
_DEFAULT_AND_ONE_OF = re.compile(r"defaults to (?P<value>.*?),\s+(?P<one_of>must be one of \[.*\])")
# Where the Notes cell (the row's last) holds this generator's prose.
_PROSE_ROW = re.compile(
    r"\|\s*(?:\[[^\]]*\]\s*)*(?:defaults to |if omitted the server will use the default value of "
    r"|must be one of \[)[^|]*$"
)
_DATE_DEFAULT = re.compile(r"dateutil_parser\('(?P<text>[^']*)'\)(?:\.date\(\))?")


class PythonPriorDialect(BaseDialect):
    name = "python-prior"
    vocabulary = frozenset(_SCALARS)
    # the SDK's field names, in snake_case: the JSON key is not on the page
    names = KeyCase.SNAKE

    def parse_type(self, cell: TypeCell) -> ParsedType:
        cursor = Cursor(cell.text)
        counter = [0]
        members, nullable = self._union(cursor, counter)
        cursor.end()
        # "str, none_type" is a nullable string; none_type in the list of every class is part of
        # "any value", written whether or not the spec allows null.
        return ParsedType(
            _one_of(members), wrapped_optional=nullable and len(members) == 1, native_names=counter[0]
        )

    def _union(self, cursor: Cursor, counter: list[int]) -> tuple[list[TypeExpr], bool]:
        """Comma-separated classes (a trailing comma allowed, as in ``(str,)``); none_type
        among them is reported apart."""
        members: list[TypeExpr] = []
        nullable = False
        while True:
            token = cursor.peek("name")
            if token is not None and token.text == _NONE:
                cursor.take("name")
                counter[0] += 1
                nullable = True
            else:
                members.append(self._term(cursor, counter))
            if not cursor.accept(","):
                break
            if cursor.peek() is None or cursor.peek(")") or cursor.peek("]"):
                break
        if not members:
            raise TypeSyntaxError("none_type alone is not a type", 0)
        return members, nullable

    @nesting
    def _term(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        if cursor.accept("["):
            members, _ = self._union(cursor, counter)
            cursor.take("]")
            return ArrayOf(_one_of(members))
        if cursor.accept("{"):
            key = cursor.take("name")
            if key.text != "str":
                raise TypeSyntaxError("map keys must be str", key.offset)
            counter[0] += 1
            cursor.take(":")
            cursor.take("(")
            members, _ = self._union(cursor, counter)
            cursor.take(")")
            cursor.take("}")
            values = _one_of(members)
            # A map of anything is a free-form object, which the IR writes as any value.
            return values if isinstance(values, AnyValue) else MapOf(values)
        token = cursor.take("name")
        if token.text in _SCALARS:
            counter[0] += 1
            return _SCALARS[token.text]
        if looks_like_model_name(token.text):
            return Reference(token.text)
        raise UnknownType(token.text, token.offset)

    def nullable(self, parsed: ParsedType, required: bool | None) -> bool | None:
        if parsed.wrapped_optional:
            return True
        # none_type is written wherever null is allowed; a reference may point at a nullable
        # model, and "any value" includes null, so those say nothing.
        if isinstance(parsed.type, (Reference, AnyValue)):
            return None
        return False

    def parse_default(self, text: str) -> JsonValue:
        date = _DATE_DEFAULT.fullmatch(text)
        if date:
            return date.group("text")
        return parse_python_default(text)

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        return unmangle(name, "_", RESERVED)

    def page_evidence(self, page: Page) -> int:
        rows = [row.text for table in _tables(page) for row in table]
        prose = sum(1 for row in rows if _PROSE_ROW.search(row))
        extra = sum(1 for row in rows if row.startswith(f"**{EXTRA_PROPERTIES_ROW}**"))
        # A model that wraps one value (an array or a constrained string) is a lone value row.
        simple = len(rows) == 1 and rows[0].startswith(f"**{_ENUM_ROW}**")
        return 2 * (prose + extra) + simple

    def parse_notes(self, text: str) -> Notes | None:
        groups_end = _groups_end(text)
        prose = text[groups_end:].strip()
        notes = parse_notes(text[:groups_end])
        if notes is None or not prose:
            return notes
        both = _DEFAULT_AND_ONE_OF.fullmatch(prose)
        if both:
            return replace(
                notes,
                default=both.group("value").strip(),
                other=(*notes.other, both.group("one_of")),
            )
        for pattern in _DEFAULT_PROSE:
            match = pattern.fullmatch(prose)
            if match:
                return replace(notes, default=match.group("value").strip())
        return replace(notes, other=(*notes.other, prose))

    def finish_field(self, field: Field, notes: Notes) -> tuple[Field, frozenset[str]]:
        for other in notes.other:
            match = _ONE_OF.fullmatch(other)
            if match is None:
                continue
            try:
                values = ast.literal_eval(unescape(match.group("values")))
            except (ValueError, SyntaxError):
                continue
            if isinstance(values, list) and all(
                isinstance(v, (str, int, float)) and not isinstance(v, bool)
                and (isinstance(v, str) or is_finite(v))  # 1e400 reads as inf: no JSON value
                for v in values
            ):
                return replace(field, enum_values=tuple(values)), frozenset({other})
        return field, frozenset()

    def finish_model(
        self, page: Page, fields: tuple[Field, ...]
    ) -> tuple[tuple[Field, ...], tuple[EnumValue, ...]]:
        properties = tuple(f for f in fields if f.name != EXTRA_PROPERTIES_ROW)
        if len(properties) == 1 and properties[0].name == _ENUM_ROW:
            row = properties[0]
            if row.enum_values:
                return (), tuple(
                    EnumValue(v, None, row.location)
                    for v in row.enum_values
                    if isinstance(v, (str, int, float))
                )
        return properties, ()


def _one_of(members: list[TypeExpr]) -> TypeExpr:
    # One class is that type; several (str, int...) are any value: the IR has no unions.
    return members[0] if len(members) == 1 else AnyValue()


def _groups_end(text: str) -> int:
    """Where the leading run of ``[...]`` groups ends (brackets may nest)."""
    i = end = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        if text[i] != "[":
            break
        depth = 0
        while i < len(text):
            depth += {"[": 1, "]": -1}.get(text[i], 0)
            i += 1
            if depth == 0:
                break
        if depth != 0:
            return len(text)  # unclosed: not groups and prose, let the notes reader refuse it
        end = i
    return end


def _tables(page: Page) -> list[tuple[Line, ...]]:
    tables = [*page.preamble_tables, *(t for s in page.sections for t in s.tables)]
    return [table.rows for table in tables]


PYTHON_PRIOR = PythonPriorDialect()
DIALECTS = (PYTHON_PRIOR,)

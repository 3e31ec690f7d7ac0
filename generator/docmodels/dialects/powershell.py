"""PowerShell pages: openapi-generator's powershell client (7.x).

Types are .NET names: ``String``, ``Int32``, ``Int64``, ``Double``, ``Decimal``, ``Boolean``,
``System.DateTime``, ``System.IO.FileInfo``, ``SystemByte``, ``AnyType``, arrays ``T[]`` and
maps ``System.Collections.Hashtable``, whose value type survives only in the link target
(``[**System.Collections.Hashtable**](Pet.md)``). A free-form object is
``[**SystemCollectionsHashtable**](.md)``. Names are PascalCase, with ``Var`` before reserved
words and names that cannot start an identifier (``VarFrom``, ``Var123start``). A ``## Examples``
section shows the model built in PowerShell. Defaults: ``"medium"``, ``0``, ``$false``.

Customised templates (SailPoint's PowerShell SDK) also write Go-like ``[]T`` for arrays,
``map[string]T`` for maps, ``**Enum** [ "A", "B" ]`` for an inline string enum, and a
``[required]`` note; their pages start with YAML front matter (skipped by page.structure) and
link to models by slug (``[**Pet**](pet)``; the model is the label's).
"""

from __future__ import annotations

import re

from docmodels.dialects import _literals
from docmodels.dialects._listed_enum import parse_listed_enum
from docmodels.dialects.base import (
    BaseDialect,
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

_SCALARS: dict[str, TypeExpr] = {
    "String": Primitive(PrimitiveKind.STRING),
    "Int32": Primitive(PrimitiveKind.INTEGER, "int32"),
    "Int64": Primitive(PrimitiveKind.INTEGER, "int64"),
    "Double": Primitive(PrimitiveKind.NUMBER),
    "Decimal": Primitive(PrimitiveKind.NUMBER),
    "Boolean": Primitive(PrimitiveKind.BOOLEAN),
    "System.DateTime": Primitive(PrimitiveKind.STRING),  # dates and date-times alike
    "System.IO.FileInfo": Primitive(PrimitiveKind.STRING, "binary"),
    "SystemByte": Primitive(PrimitiveKind.STRING, "byte"),
    "AnyType": AnyValue(),
    "SystemCollectionsHashtable": AnyValue(),
}
_MAP = "System.Collections.Hashtable"
_NOT_POWERSHELL = -100
_MANGLED = re.compile(r"^Var(?=[A-Z0-9])")
_LINKED_MODEL = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\.md$")


_BOOLEANS = {"$true": True, "$false": False}


class _Cursor(Cursor):
    """A cursor that also knows the cell's link targets (a Hashtable's values are in one)."""

    def __init__(self, cell: TypeCell) -> None:
        super().__init__(cell.text)
        self.links = cell.links


class PowerShellDialect(BaseDialect):
    name = "powershell"
    vocabulary = frozenset(_SCALARS)
    # the SDK's field names, in PascalCase: the JSON key is not on the page
    names = KeyCase.PASCAL

    def parse_type(self, cell: TypeCell) -> ParsedType:
        listed = parse_listed_enum(cell.text)
        if listed is not None:
            return listed
        cursor = _Cursor(cell)
        counter = [0]
        result = self._type(cursor, counter)
        cursor.end()
        return ParsedType(result, native_names=counter[0])

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        # Customised templates: []T (Go's spelling) and map[string]T.
        if cursor.accept("["):
            cursor.take("]")
            counter[0] += 1
            return ArrayOf(self._type(cursor, counter))
        token = cursor.take("name")
        if token.text == "map" and cursor.accept("["):
            key = cursor.take("name")
            if key.text not in ("string", "String"):
                raise TypeSyntaxError(f"map keys are strings, not {key.text!r}", key.offset)
            cursor.take("]")
            counter[0] += 1
            return MapOf(self._type(cursor, counter))
        return self._array(cursor, self._name(token, cursor, counter), counter)

    def _name(self, token: Token, cursor: Cursor, counter: list[int]) -> TypeExpr:
        name = token.text
        if name == _MAP:
            counter[0] += 1
            return MapOf(_map_values(cursor.links if isinstance(cursor, _Cursor) else ()))
        if name in _SCALARS:
            counter[0] += 1
            return _SCALARS[name]
        if looks_like_model_name(name):
            return Reference(name)
        raise UnknownType(name, token.offset)

    def _array(self, cursor: Cursor, element: TypeExpr, counter: list[int]) -> TypeExpr:
        # T[], T[][]: each pair of brackets wraps what comes before.
        while cursor.accept("["):
            cursor.take("]")
            counter[0] += 1
            element = ArrayOf(element)
        return element

    def finish_field(self, field: Field, notes: Notes) -> tuple[Field, frozenset[str]]:
        # Customised templates write [required] where the stock one writes nothing: the row is
        # required already, having no [optional].
        return field, frozenset(other for other in notes.other if other.lower() == "required")

    def parse_default(self, text: str) -> JsonValue:
        # The template does not escape quotes inside: "it's "quoted"" is one string.
        return _literals.scalar(text, '"', booleans=_BOOLEANS, language="a PowerShell")

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        # VarFrom, Var123start: the name without the prefix (its case stays PascalCase: the page
        # does not say what it was).
        if _MANGLED.match(name):
            return name[3:], WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def page_evidence(self, page: Page) -> int:
        section = page.section("Examples")
        # Every 7.x page ends with the example; without it String, Int64 and Double are another
        # generator's words (Swift's, C#'s). The example outweighs the shape of the table's rows
        # (PHP's 3), which customised templates share with PHP's: no other generator writes it.
        return 4 if section is not None and "powershell" in section.fences else _NOT_POWERSHELL


def _map_values(links: tuple[str, ...]) -> TypeExpr:
    """A Hashtable's values, as far as its link target tells: ``Pet.md`` names the model,
    ``Array.md`` says arrays and ``Map.md`` maps (of what, it does not say), ``AnyType.md`` and
    ``SystemCollectionsHashtable.md`` any value (no page defines either)."""
    if len(links) != 1:
        return AnyValue()
    match = _LINKED_MODEL.match(links[0])
    if match is None:
        return AnyValue()
    linked = match.group(1)
    if linked == "Array":
        return ArrayOf(AnyValue())
    if linked == "Map":  # a Hashtable of Hashtables (of what, it does not say)
        return MapOf(AnyValue())
    if linked in _SCALARS:  # AnyType.md, SystemCollectionsHashtable.md: free-form values
        return _SCALARS[linked]
    return Reference(match.group(1)) if looks_like_model_name(match.group(1)) else AnyValue()


POWERSHELL = PowerShellDialect()
DIALECTS = (POWERSHELL,)

"""C# pages: openapi-generator's csharp (7.x, generichost) and csharp-netcore (5.x, 6.x).

Titles are namespaced: ``# Org.OpenAPITools.Model.Pet``, ``# Ory.Client.Model.ClientIdentity``.
Types: ``string``, ``bool``, ``int``, ``long``, ``float``, ``double``, ``decimal``, ``DateTime``,
``DateOnly``, ``Guid``, ``byte[]``, ``System.IO.Stream``, ``Object``, ``List<T>``,
``Dictionary<string, T>``, model names; ``T?`` is a nullable value type (netcore 5.x/6.x).
A list of inline enums is ``List<Pet.TagsEnum>`` (values not on the page: a list of strings).
Property names are PascalCase: the JSON key is not on the page, so the page's name is kept.
Defaults are C# literals: ``"general"``, ``0``, ``false``, ``1.5D``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from docmodels.diagnostics import Diagnostic, warning
from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
    ParsedType,
    TypeSyntaxError,
    UnknownType,
    looks_like_model_name,
    nesting,
)
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EnumValue,
    Field,
    JsonValue,
    KeyCase,
    MapOf,
    Model,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
    innermost,
    with_innermost,
)
from docmodels.numeric import integer
from docmodels.page.structure import Page
from docmodels.page.text import unescape
from docmodels.page.typecell import TypeCell

_STRING = PrimitiveKind.STRING
_DATE_TIME = Primitive(_STRING, "date-time")
_DATE = Primitive(_STRING, "date")
_SCALARS: dict[str, TypeExpr] = {
    "string": Primitive(_STRING),
    "bool": Primitive(PrimitiveKind.BOOLEAN),
    "int": Primitive(PrimitiveKind.INTEGER, "int32"),
    "long": Primitive(PrimitiveKind.INTEGER, "int64"),
    "float": Primitive(PrimitiveKind.NUMBER, "float"),
    "double": Primitive(PrimitiveKind.NUMBER, "double"),
    "decimal": Primitive(PrimitiveKind.NUMBER),
    # Before 7.x the generator wrote DateTime for date properties too: no format it could mean
    # alone. 7.x writes DateOnly for dates, and DateTime then still covers date-time only.
    "DateTime": _DATE_TIME,
    "DateOnly": _DATE,
    "Guid": Primitive(_STRING, "uuid"),
    "System.IO.Stream": Primitive(_STRING, "binary"),
    "FileParameter": Primitive(_STRING, "binary"),
    "Object": AnyValue(),
    "object": AnyValue(),
    "AnyType": AnyValue(),  # 4.x: a schema without a type
}
_LISTS = frozenset({"List", "IList", "ICollection", "Collection", "IEnumerable"})
_SETS = frozenset({"HashSet", "ISet"})
_MAPS = frozenset({"Dictionary", "IDictionary"})
# Every C# generator titles a page with the model's namespace: Org.OpenAPITools.Model.Pet.
_TITLE = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\.Model\.([A-Za-z_]\w*)$")
_TITLE_EVIDENCE = 5
# Without that title the page is not C#, however many `string` and `int` cells it has (PHP,
# TypeScript and Go spell those alike): outweigh any count of cells.
_NOT_CSHARP = -1_000_000
# C# literal suffixes: 1.5D, 2.5F, 3M, 4L.
_NUMBER = re.compile(r"^(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)[dDfFmMlL]?$")
# The generator prefixes names that start with a digit: Var123start (7.x), _123start (5.x, 6.x).
_DIGIT_PREFIX = re.compile(r"^(?:Var|_)(\d.*)$")
# 7.0 also prefixes C# keywords: VarClass, VarIn, VarPrivate.
_KEYWORDS = frozenset(
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked",
        "class", "const", "continue", "decimal", "default", "delegate", "do", "double", "else",
        "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach",
        "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long",
        "namespace", "new", "null", "object", "operator", "out", "override", "params", "private",
        "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof",
        "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try",
        "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void",
        "volatile", "while",
    }
)


class CSharpDialect(BaseDialect):
    name = "csharp"
    vocabulary = frozenset(_SCALARS) | _LISTS | _SETS | _MAPS
    # the SDK's field names, in PascalCase: the JSON key is not on the page
    names = KeyCase.PASCAL

    def model_name(self, title: str) -> str:
        stripped = title.strip()
        match = _TITLE.match(stripped)
        return match.group(1) if match else stripped

    def page_evidence(self, page: Page) -> int:
        if page.title is None:
            return 0
        return _TITLE_EVIDENCE if _TITLE.match(page.title.text.strip()) else _NOT_CSHARP

    def parse_type(self, cell: TypeCell) -> ParsedType:
        cursor = Cursor(cell.text)
        counter = [0]
        result = self._type(cursor, counter)
        nullable = cursor.accept("?") is not None
        cursor.end()
        return ParsedType(result, wrapped_optional=nullable, native_names=counter[0])

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = token.text
        if name in _LISTS or name in _SETS or name in _MAPS:
            counter[0] += 1
            cursor.take("<")
            if name in _MAPS:
                key = self._type(cursor, counter)
                if key != Primitive(_STRING):
                    raise TypeSyntaxError("dictionary keys must be string", token.offset)
                cursor.take(",")
            inner = self._element(cursor, counter)
            cursor.take(">")
            if name in _MAPS:
                return MapOf(inner)
            return ArrayOf(inner, unique_items=name in _SETS)
        if name == "byte" and cursor.accept("["):
            cursor.take("]")
            counter[0] += 1
            return Primitive(_STRING, "byte")
        if name in _SCALARS:
            counter[0] += 1
            return _SCALARS[name]
        if _is_nested_enum(name):
            counter[0] += 1
            return Primitive(_STRING)
        if looks_like_model_name(name):
            return Reference(name)
        raise UnknownType(name, token.offset)

    def _element(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        """A type argument; ``List<int?>`` says nothing the IR keeps, so the ``?`` is read past."""
        inner = self._type(cursor, counter)
        cursor.accept("?")
        return inner

    def nullable(self, parsed: ParsedType, required: bool | None) -> bool | None:
        # `int?` is a nullable value type; without it the page does not say (reference types
        # such as string are written the same whether or not they may be null).
        return True if parsed.wrapped_optional else None

    def parse_default(self, text: str) -> JsonValue:
        stripped = text.strip()
        if stripped in ("true", "false"):
            return stripped == "true"
        if stripped == "null":
            return None
        if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"':
            # The generator writes the spec's text between quotes without escaping it.
            return stripped[1:-1]
        match = _NUMBER.match(stripped)
        if match:
            number = float(match.group(1))
            if "." in match.group(1) or "e" in match.group(1).lower():
                if math.isfinite(number):
                    return number
                raise ValueError(f"not a finite number: {text!r}")
            return integer(match.group(1))
        # SizeEnum.Medium names an enum member; its JSON value is not on the page.
        raise ValueError(f"not a C# literal: {text!r}")

    def finish_model(
        self, page: Page, fields: tuple[Field, ...]
    ) -> tuple[tuple[Field, ...], tuple[EnumValue, ...]]:
        """A property named as its model is escaped VarKind (a C# member may not share its
        class's name): undone to the model's name, as a keyword's escape is."""
        if page.title is None:
            return fields, ()
        model = self.page_model_name(page, unescape(page.title.text))
        return tuple(
            replace(f, wire_name=model) if f.name == f"Var{model}" else f for f in fields
        ), ()

    def finish_folder(self, models: Sequence[Model]) -> tuple[list[Model], list[Diagnostic]]:
        """Before openapi-generator 7.12 C# writes DateTime for dates and date-times alike; from
        7.12 on a date is DateOnly. In a folder that writes no DateOnly, a DateTime property may
        hold either, and read as a date-time it would reject every date the API sends
        ("2024-01-01"): it is read as a string, which takes both and gives the text back, with
        one warning that says how to set the format where it is known (an overlay's)."""
        fields = [f for m in models for f in m.fields]
        if any(innermost(f.type) == _DATE for f in fields):
            return list(models), []
        widened = [f for f in fields if innermost(f.type) == _DATE_TIME]
        if not widened:
            return list(models), []

        def as_string(t: TypeExpr) -> TypeExpr:
            return Primitive(_STRING) if t == _DATE_TIME else t

        result = [
            replace(m, fields=tuple(replace(f, type=with_innermost(f.type, as_string))
                                    for f in m.fields))
            if any(innermost(f.type) == _DATE_TIME for f in m.fields) else m
            for m in models
        ]
        count = f"{len(widened)} propert{'y' if len(widened) == 1 else 'ies'}"
        return result, [
            warning(
                widened[0].location,
                "C# pages before openapi-generator 7.12 write DateTime for dates and date-times "
                f"alike, and this folder writes no DateOnly: {count} read as strings, which take "
                "both (an overlay's format = \"date-time\" or \"date\" sets the one it is)",
            )
        ]

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        match = _DIGIT_PREFIX.match(name)
        if match:
            return match.group(1), WireNameSource.UNMANGLED
        if name.startswith("Var") and name[3:].lower() in _KEYWORDS | _CLIENT_WORDS:
            # Undone to the PascalCase name the other properties have; the key's case is not
            # on the page, so this is no more the wire name than theirs is.
            return name[3:], WireNameSource.PAGE
        return name, WireNameSource.PAGE


# Names the generated client itself uses, which the generator escapes like keywords
# (AbstractCSharpCodegen's reservedWords: VarVersion for a property "version").
_CLIENT_WORDS = frozenset({"client", "configuration", "version", "parameter", "localvarpath"})


def _is_nested_enum(name: str) -> bool:
    """``Pet.TagsEnum``: an inline enum, nested in its model's class, that a list holds
    (``List<Pet.TagsEnum>``; a single one is written ``string``). The page lists none of its
    values, so it reads as the string it is on the wire."""
    owner, _, member = name.rpartition(".")
    return (
        member.endswith("Enum")
        and looks_like_model_name(member)
        and bool(owner)
        and all(looks_like_model_name(part) for part in owner.split("."))
    )


CSHARP = CSharpDialect()
DIALECTS = (CSHARP,)

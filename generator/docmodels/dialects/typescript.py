"""TypeScript pages: openapi-generator's typescript-axios and typescript-fetch (7.x).

Types: ``string``, ``number`` (every integer and number), ``boolean``, ``any``, ``object``,
``Array<T>``, ``Set<T>``, ``{ [key: string]: T; }``, model names; typescript-fetch writes dates
as ``Date`` (date and date-time alike) and files as ``Blob``, typescript-axios files as ``File``.
typescript-axios writes ``[default to undefined]`` where there is no default, and an enum
default as the member's name (``SizeEnum_Medium``), whose value the page does not give.
typescript-fetch writes a two-column ``Name | Type`` table with back-ticked names and no notes.
Both end an object's page with an ``## Example`` in a ``typescript`` code block.
"""

from __future__ import annotations

from docmodels.dialects._literals import scalar, unescaped_keyword
from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
    NoDefault,
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

_COMMON: dict[str, TypeExpr] = {
    "string": Primitive(PrimitiveKind.STRING),
    "number": Primitive(PrimitiveKind.NUMBER),
    "boolean": Primitive(PrimitiveKind.BOOLEAN),
    "any": AnyValue(),
    "object": AnyValue(),
}
_COLLECTIONS = frozenset({"Array", "Set"})
# openapi-generator's TypeScript reserved words, which it escapes with a leading "_" (a name
# starting with a digit gets one too).
KEYWORDS = frozenset(
    {
        "abstract", "await", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
        "continue", "debugger", "default", "delete", "do", "double", "else", "enum", "export",
        "extends", "false", "final", "finally", "float", "for", "formParams", "function", "goto",
        "headerParams", "if", "implements", "import", "in", "instanceof", "int", "interface", "let",
        "long", "native", "new", "null", "package", "private", "protected", "public",
        "queryParameters", "requestOptions", "return", "short", "static", "super", "switch",
        "synchronized", "this", "throw", "transient", "true", "try", "typeof", "useFormData", "var",
        "varLocalDeferred", "varLocalPath", "void", "volatile", "while", "with", "yield"
    }
)
# How strongly a page's shape speaks for or against these dialects, against type cells (+1 each).
_EVIDENCE = 3


class TypeScriptDialect(BaseDialect):
    def __init__(
        self, name: str, scalars: dict[str, TypeExpr], columns: int, names: KeyCase
    ) -> None:
        self.name = name
        # axios writes the key (fooBar, photo_urls); fetch the camelCase field name.
        self.names = names
        self._scalars = {**_COMMON, **scalars}
        self._columns = columns  # of the property table: 4 (axios) or 2 (fetch)

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self._scalars) | _COLLECTIONS

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        if cursor.accept("{"):
            # { [key: string]: T; }
            counter[0] += 1
            cursor.take("[")
            cursor.take("name")
            cursor.take(":")
            key = cursor.take("name")
            if key.text != "string":
                raise TypeSyntaxError("map keys must be string", key.offset)
            cursor.take("]")
            cursor.take(":")
            values = self._type(cursor, counter)
            cursor.accept(";")
            cursor.take("}")
            return MapOf(values)
        token = cursor.take("name")
        if token.text in _COLLECTIONS and cursor.accept("<"):
            counter[0] += 1
            items = self._type(cursor, counter)
            cursor.take(">")
            return ArrayOf(items, unique_items=token.text == "Set")
        if token.text in self._scalars:
            counter[0] += 1
            return self._scalars[token.text]
        if looks_like_model_name(token.text):
            return Reference(token.text)
        raise UnknownType(token.text, token.offset)

    def parse_default(self, text: str) -> JsonValue:
        if text.strip() == "undefined":
            raise NoDefault("undefined")
        try:
            return scalar(text, "'\"")
        except ValueError:
            raise ValueError(
                f"{text.strip()!r} is not a literal (an enum member's name, whose value the page "
                "does not give)"
            ) from None

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        unescaped = unescaped_keyword(name, KEYWORDS)
        if unescaped is not None:
            return unescaped, WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def page_evidence(self, page: Page) -> int:
        """An ``## Example`` in TypeScript, with this flavour's property table; both generators
        write one on every object page, so a page without it is not theirs."""
        if not any("typescript" in section.fences for section in page.sections):
            return -_EVIDENCE
        properties = page.section("Properties")
        if properties is None or not properties.tables:
            return _EVIDENCE
        header = properties.tables[0].header.text.strip().strip("|")
        return _EVIDENCE if header.count("|") + 1 == self._columns else -_EVIDENCE


_FILE = Primitive(PrimitiveKind.STRING, "binary")
TYPESCRIPT_AXIOS = TypeScriptDialect(
    "typescript-axios", {"File": _FILE}, columns=4, names=KeyCase.AS_WRITTEN
)
TYPESCRIPT_FETCH = TypeScriptDialect(
    "typescript-fetch",
    {"Blob": _FILE, "Date": Primitive(PrimitiveKind.STRING)},  # Date: date or date-time
    columns=2,
    names=KeyCase.CAMEL,
)
DIALECTS = (TYPESCRIPT_AXIOS, TYPESCRIPT_FETCH)

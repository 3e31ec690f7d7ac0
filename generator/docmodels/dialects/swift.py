"""Swift pages: openapi-generator's swift5 and swift6 clients, 7.x.

Types: ``String``, ``Int``, ``Int32``, ``Int64``, ``Float``, ``Double``, ``Decimal``, ``Bool``,
``Date`` (date and date-time alike), ``Data`` (bytes), ``URL`` (a file), ``UUID``,
``AnyCodable`` (swift5) or ``JSONValue`` (swift6) for anything, ``[T]`` arrays, ``[String: T]``
maps, ``Set<T>``, model names. Arrays and maps of models are written without bold or link
(``[Pet]``, ``[String: Pet]``). Defaults are Swift literals; an enum default is a case
(``.medium``), whose raw value the page does not give.
"""

from __future__ import annotations

from docmodels.dialects._literals import scalar, unescaped_keyword
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

_INTEGER = PrimitiveKind.INTEGER
_SCALARS: dict[str, TypeExpr] = {
    "String": Primitive(PrimitiveKind.STRING),
    "Int": Primitive(_INTEGER),
    "Int32": Primitive(_INTEGER, "int32"),
    "Int64": Primitive(_INTEGER, "int64"),
    "Float": Primitive(PrimitiveKind.NUMBER, "float"),
    "Double": Primitive(PrimitiveKind.NUMBER),  # number and double alike
    "Decimal": Primitive(PrimitiveKind.NUMBER),
    "Bool": Primitive(PrimitiveKind.BOOLEAN),
    "Date": Primitive(PrimitiveKind.STRING),  # date or date-time: the page does not say
    "Data": Primitive(PrimitiveKind.STRING, "byte"),
    "URL": Primitive(PrimitiveKind.STRING, "binary"),
    "UUID": Primitive(PrimitiveKind.STRING, "uuid"),
    "AnyCodable": AnyValue(),
    "JSONValue": AnyValue(),
    # 4.x: Any for a free-form object, AnyType for a schema without a type.
    "Any": AnyValue(),
    "AnyType": AnyValue(),
}
# openapi-generator's Swift reserved words, escaped with a leading "_" (so is a leading digit).
_KEYWORDS = frozenset(
    {
        "Any", "AnyObject", "Bool", "COLUMN", "Character", "Class", "Data", "Double", "ErrorResponse",
        "FILE", "FUNCTION", "Float", "Int", "Int32", "Int64", "LINE", "Protocol", "Set", "String",
        "Type", "URL", "URLRequest", "UUID", "as", "associatedtype", "associativity", "break", "case",
        "catch", "class", "continue", "convenience", "default", "defer", "deinit", "didSet", "do",
        "dynamic", "dynamicType", "else", "enum", "extension", "fallthrough", "false", "fileprivate",
        "final", "for", "func", "get", "guard", "if", "import", "in", "indirect", "infix", "init",
        "inout", "internal", "is", "lazy", "left", "let", "mutating", "nil", "none", "nonmutating",
        "open", "operator", "optional", "override", "postfix", "precedence", "prefix", "private",
        "protocol", "public", "repeat", "required", "rethrows", "return", "right", "self", "set",
        "static", "struct", "subscript", "super", "switch", "throw", "throws", "true", "try",
        "typealias", "unowned", "var", "weak", "where", "while", "willSet"
    }
)


class SwiftDialect(BaseDialect):
    name = "swift"
    vocabulary = frozenset(_SCALARS)
    # the SDK's field names, in camelCase: the JSON key is not on the page
    names = KeyCase.CAMEL

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        if cursor.accept("["):
            # [T] or [String: T]
            counter[0] += 1
            first = self._type(cursor, counter)
            if cursor.accept(":"):
                if first != Primitive(PrimitiveKind.STRING):
                    at = cursor.tokens[cursor.index - 1].offset
                    raise TypeSyntaxError("map keys must be String", at)
                values = self._type(cursor, counter)
                cursor.take("]")
                return MapOf(values)
            cursor.take("]")
            return ArrayOf(first)
        token = cursor.take("name")
        if token.text == "Set" and cursor.accept("<"):
            counter[0] += 1
            items = self._type(cursor, counter)
            cursor.take(">")
            return ArrayOf(items, unique_items=True)
        if token.text in _SCALARS:
            counter[0] += 1
            return _SCALARS[token.text]
        if looks_like_model_name(token.text) and cursor.peek("<") is None:
            return Reference(token.text)
        raise UnknownType(token.text, token.offset)

    def parse_default(self, text: str) -> JsonValue:
        if text.strip().startswith("."):
            raise ValueError(f"{text.strip()!r} is an enum case, whose raw value the page does not give")
        return scalar(text, '"')

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        unescaped = unescaped_keyword(name, _KEYWORDS)
        if unescaped is not None:
            return unescaped, WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def page_evidence(self, page: Page) -> int:
        # Swift pages have no code blocks; a page with one (an example, an import) is another
        # generator's.
        return -3 if any(section.fences for section in page.sections) else 0


SWIFT = SwiftDialect()
DIALECTS = (SWIFT,)

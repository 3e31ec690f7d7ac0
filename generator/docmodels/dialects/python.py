"""Python pages: openapi-generator's python 7.x (pydantic v2) and python-pydantic-v1, its
python-legacy (4.3 ``python``, 5.x ``python-legacy``), and swagger-codegen's python.

Types: ``str``, ``int``, ``float``, ``bool``, ``date``, ``datetime``, ``object``, ``list[X]``,
``List[X]``, ``dict(str, X)``, ``Dict[str, X]``, ``Optional[X]``, ``Union[X, Y]``, model names
(usually linked). Defaults are Python literals: ``120``, ``False``, ``'USE_CLOUD'``.

Names: 7.x writes a reserved word or a name starting with a digit with a ``var_`` prefix
(``var_from``), legacy with a ``_`` prefix (``_from``). Both strip the wire name's leading
underscores and snake_case it (``fooBar`` is ``foo_bar``), which cannot be undone.
"""

from __future__ import annotations

import ast
import math

from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
    ParsedType,
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
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell

_SCALARS: dict[str, TypeExpr] = {
    "str": Primitive(PrimitiveKind.STRING),
    "int": Primitive(PrimitiveKind.INTEGER),
    "float": Primitive(PrimitiveKind.NUMBER),
    "bool": Primitive(PrimitiveKind.BOOLEAN),
    "date": Primitive(PrimitiveKind.STRING, "date"),
    "datetime": Primitive(PrimitiveKind.STRING, "date-time"),
    # 7.x writes both byte (base64) and binary strings as bytearray (bytes from 7.26): the
    # format is not on the page.
    "bytearray": Primitive(PrimitiveKind.STRING),
    "bytes": Primitive(PrimitiveKind.STRING),
    "UUID": Primitive(PrimitiveKind.STRING, "uuid"),
    "file": Primitive(PrimitiveKind.STRING, "binary"),
    "object": AnyValue(),
    "Any": AnyValue(),
}
_LISTS = frozenset({"list", "List"})
_DICTS = frozenset({"dict", "Dict"})

# The words openapi-generator's python generators escape in property names (besides Python's
# keywords): AbstractPythonCodegen (7.x) and PythonLegacyClientCodegen (4.x/5.x).
RESERVED = frozenset(
    {
        "all_params", "resource_path", "path_params", "query_params", "header_params",
        "form_params", "local_var_files", "body_params", "auth_settings", "property", "print",
        "exec", "self", "none", "true", "false", "and", "del", "from", "not", "while", "as",
        "elif", "global", "or", "with", "assert", "else", "if", "pass", "yield", "break",
        "except", "import", "class", "in", "raise", "continue", "finally", "is", "return", "def",
        "for", "lambda", "try", "nonlocal", "async", "await",
    }
)
_RESERVED_7X = RESERVED | {"field", "schema", "base64", "json", "date", "float"}

# Longer literals than this are not defaults a generator writes; refuse before ast sees them.
_MAX_DEFAULT = 10_000


def unmangle(name: str, prefix: str, reserved: frozenset[str]) -> tuple[str, WireNameSource]:
    """Undo the generator's escape of a reserved word or a leading digit with ``prefix``."""
    if name.startswith(prefix):
        rest = name[len(prefix) :]
        if rest.lower() in reserved or rest[:1].isdigit():
            return rest, WireNameSource.UNMANGLED
    return name, WireNameSource.PAGE


def parse_python_default(text: str) -> JsonValue:
    """A default as the python generators write it: a Python literal, except that a quoted
    string is not escaped (``'it's "quoted"'``; 7.26 escapes the quote, and the page's Markdown
    escape takes the backslash away again): the text between the quotes is the value."""
    if len(text) > _MAX_DEFAULT:
        raise ValueError("default is too long")
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
        raise ValueError(f"not a Python literal: {text!r}") from exc
    return json_value(value)


class PythonDialect(BaseDialect):
    name = "python"
    vocabulary = frozenset(_SCALARS) | _LISTS | _DICTS
    # the SDK's field names, in snake_case: the JSON key is not on the page
    names = KeyCase.SNAKE

    def parse_type(self, cell: TypeCell) -> ParsedType:
        cursor = Cursor(cell.text)
        counter = [0]
        optional = False
        token = cursor.peek("name")
        if token is not None and token.text == "Optional":
            cursor.take("name")
            cursor.take("[")
            counter[0] += 1
            optional = True
        result = self._type(cursor, counter)
        if optional:
            cursor.take("]")
        cursor.end()
        return ParsedType(result, wrapped_optional=optional, native_names=counter[0])

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = token.text
        if name in _LISTS and cursor.accept("["):
            counter[0] += 1
            items = self._type(cursor, counter)
            cursor.take("]")
            return ArrayOf(items)
        if name in _DICTS:
            counter[0] += 1
            if cursor.accept("["):
                close = "]"
            elif cursor.accept("("):
                close = ")"
            else:
                return MapOf(AnyValue())  # a bare dict: an object of anything
            self._key(cursor, counter)
            cursor.take(",")
            values = self._type(cursor, counter)
            cursor.take(close)
            return MapOf(values)
        if name == "Optional" and cursor.accept("["):
            # inside a list or dict: Dict[str, Optional[object]]
            counter[0] += 1
            inner = self._type(cursor, counter)
            cursor.take("]")
            return nullable_item(inner, token.offset)
        if name == "Union" and cursor.accept("["):
            # One value of several types: the IR has no unions, so any value.
            counter[0] += 1
            self._type(cursor, counter)
            while cursor.accept(","):
                self._type(cursor, counter)
            cursor.take("]")
            return AnyValue()
        if name in _SCALARS:
            counter[0] += 1
            return _SCALARS[name]
        if looks_like_model_name(name):
            return Reference(name)
        raise UnknownType(name, token.offset)

    def _key(self, cursor: Cursor, counter: list[int]) -> None:
        key = self._type(cursor, counter)
        if key != Primitive(PrimitiveKind.STRING):
            raise TypeSyntaxError("map keys must be str", cursor.tokens[cursor.index - 1].offset)

    def nullable(self, parsed: ParsedType, required: bool | None) -> bool | None:
        # Optional[X] on a required property says it may be null; python pages otherwise never
        # say (an optional property is Optional in the code whatever the spec says).
        if parsed.wrapped_optional and required:
            return True
        return None

    def parse_default(self, text: str) -> JsonValue:
        return parse_python_default(text)

    def page_evidence(self, page: Page) -> int:
        # 7.x pages end with an "## Example" of the model's use in Python.
        example = page.section("Example")
        return 1 if example is not None and "python" in example.fences else 0

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        if name.startswith("var_"):
            return unmangle(name, "var_", _RESERVED_7X)
        return unmangle(name, "_", RESERVED)


def json_value(value: object) -> JsonValue:
    """A Python literal's value as JSON (python 6.x's notes too)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("not a finite number")
        return value
    if isinstance(value, (list, tuple)):
        return [json_value(item) for item in value]
    if isinstance(value, dict):
        result: dict[str, JsonValue] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                # ValueError, not TypeError: parse_default's callers expect only ValueError.
                raise ValueError("object keys must be strings")  # noqa: TRY004
            result[key] = json_value(item)
        return result
    raise ValueError(f"not a JSON value: {type(value).__name__}")


PYTHON = PythonDialect()
DIALECTS = (PYTHON,)

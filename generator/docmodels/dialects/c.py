"""C pages: openapi-generator's c (libcurl) client (7.x).

Titles and types name C types, not models: ``# pet_t``, ``[**category_t**](category.md) \\*``,
``pet_status_t *``; the model is the snake_case name camelized (``owner_address_t`` →
``OwnerAddress``). Scalars: ``char *`` (every string), ``int`` (int32, plain integers and
booleans: either, until a default says which), ``long``, ``float``, ``double``, ``binary_t*``, ``any_type_t *``,
``[**object_t**](.md) *``, ``int_or_string_t *`` (Kubernetes' int-or-string union). Containers lose their element type: ``list_t *`` is an array and
``list_t*`` (no space) a map, of what the page does not say, unless the cell links the element's
page (``[**list_t**](pet.md) *``); ``set_t *`` is a set. A model whose name is a mapped type is
that type with ``_t``, linked to its page (``[**char_t**](date.md) *``: the spec's Date). An inline enum is a C enum type,
``{prefix}_{model}_{PROPERTY}_e``. Names that are C or C++ keywords, or start with a digit, get an
underscore (``_class``, ``_123start``). A swagger 2.0 file property has an empty Type cell.
"""

from __future__ import annotations

import re

from docmodels.canonical import camelize
from docmodels.dialects.base import BaseDialect, Cursor, ParsedType, TypeSyntaxError, UnknownType
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EitherOf,
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
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell

INT = Primitive(PrimitiveKind.INTEGER)
BOOLEAN = Primitive(PrimitiveKind.BOOLEAN)
# The generator writes int for integers and booleans alike (C has no bool): either, until a
# default says which.
INT_OR_BOOLEAN = EitherOf((INT, BOOLEAN))
_SCALARS: dict[str, TypeExpr] = {
    "char": Primitive(PrimitiveKind.STRING),  # only as char *
    "int": INT_OR_BOOLEAN,
    "long": Primitive(PrimitiveKind.INTEGER, "int64"),
    "float": Primitive(PrimitiveKind.NUMBER, "float"),
    "double": Primitive(PrimitiveKind.NUMBER),  # double and plain numbers alike
    "binary_t": Primitive(PrimitiveKind.STRING, "binary"),
    "any_type_t": AnyValue(),
    "object_t": AnyValue(),
    # Kubernetes' typeMapping for x-kubernetes-int-or-string: a C union of an int and a string.
    "int_or_string_t": EitherOf((INT, Primitive(PrimitiveKind.STRING))),
}
# The elements of a free-form container: [**list_t**](object.md) \* (a free-form object) and
# [**list_t**](any_type.md) \* (a schema without a type) are lists of anything.
_FREE_FORM_FILES = frozenset({"object", "any_type"})
# The types whose star the page may or may not write.
_POINTER_OPTIONAL = frozenset({"binary_t", "any_type_t", "object_t", "int_or_string_t"})
_CONTAINERS = frozenset({"list_t", "set_t"})
_ENUM_TYPE = re.compile(r"^[a-z0-9_]+_[A-Z0-9_]+_e$")
_MODEL_TYPE = re.compile(r"^([a-z_][a-z0-9_]*)_t$")
_MODEL_FILE = re.compile(r"^([a-z_][a-z0-9_]*)\.md$")
_BOOLEANS = {"true": True, "false": False}
_NOT_C = -100
# The generator's reserved words (compared in lower case): C's and C++'s keywords, and a few
# names of its own.
_RESERVED_WORDS = """
    auto break case char const continue default do double else enum extern float for goto if
    inline int long register remove restrict return short signed sizeof static struct switch
    typedef union unsigned void volatile while _alignas _alignof _atomic _bool _complex
    _generic _imaginary _noreturn _static_assert _thread_local alignas alignof and and_eq asm
    atomic_cancel atomic_commit atomic_noexcept bitand bitor bool catch char8_t char16_t
    char32_t class compl concept consteval constexpr constinit const_cast co_await co_return
    co_yield decltype delete dynamic_cast explicit export false friend mutable namespace new
    noexcept not not_eq nullptr operator or or_eq private protected public reflexpr
    reinterpret_cast requires static_assert static_cast synchronized template this
    thread_local throw true try typeid typename using virtual wchar_t xor xor_eq final
    override transaction_safe transaction_safe_dynamic stdin stdout stderr
"""
_RESERVED = frozenset(_RESERVED_WORDS.split())


def _renamed_model(cell: TypeCell) -> TypeExpr | None:
    """A model whose name the generator's type mapping renamed before adding ``_t``: the spec's
    Date is ``[**char_t**](date.md) \\*``, its File ``[**binary_t*_t**](file.md) \\*``. The
    link names the page; None where the cell is no such model."""
    text = cell.text.strip().removesuffix("*").strip()
    pages = [m.group(1) for link in cell.links if (m := _MODEL_FILE.match(link))]
    if len(pages) != 1 or not text.endswith("_t") or text in _CONTAINERS:
        return None
    page = pages[0]
    if text == f"{page}_t" or page in _FREE_FORM_FILES or _is_inline_union(page):
        return None
    return Reference(model_name_of(page))


def model_name_of(snake: str) -> str:
    """``owner_address`` → ``OwnerAddress``, ``v1_pod_spec`` → ``V1PodSpec``."""
    return camelize(snake)


class CDialect(BaseDialect):
    name = "c"
    vocabulary = frozenset(_SCALARS)
    # the SDK's field names, in snake_case: the JSON key is not on the page
    names = KeyCase.SNAKE

    def model_name(self, title: str) -> str:
        match = _MODEL_TYPE.match(title.strip())
        return model_name_of(match.group(1)) if match else title.strip()

    def parse_type(self, cell: TypeCell) -> ParsedType:
        if not cell.text.strip():
            # The template writes nothing for a swagger 2.0 "type: file" (it has no C type for
            # one); any generator may leave a cell empty, so this is no evidence for C.
            return ParsedType(Primitive(PrimitiveKind.STRING, "binary"))
        renamed = _renamed_model(cell)
        if renamed is not None:
            return ParsedType(renamed, native_names=1)
        cursor = Cursor(cell.text)
        token = cursor.take("name")
        pointer = cursor.accept("*") is not None
        cursor.end()
        name = token.text
        if name in _CONTAINERS:
            if not pointer:
                raise TypeSyntaxError(f"{name} without a pointer", token.offset)
            return ParsedType(self._container(name, cell), native_names=1)
        if name in _SCALARS:
            if (name == "char") != pointer and name not in _POINTER_OPTIONAL:
                raise TypeSyntaxError(f"unexpected pointer use with {name!r}", token.offset)
            return ParsedType(_SCALARS[name], native_names=1)
        if _ENUM_TYPE.match(name):  # an inline enum: its values are not on the page
            return ParsedType(Primitive(PrimitiveKind.STRING), native_names=1)
        model = _MODEL_TYPE.match(name)
        if model is not None and _is_inline_union(model.group(1)):
            return ParsedType(AnyValue(), native_names=1)
        if model is not None:  # a struct by pointer, an enum model by value
            return ParsedType(Reference(model_name_of(model.group(1))), native_names=1)
        raise UnknownType(name, token.offset)

    def _container(self, name: str, cell: TypeCell) -> TypeExpr:
        element: TypeExpr = AnyValue()
        linked = [m.group(1) for link in cell.links if (m := _MODEL_FILE.match(link))]
        if len(linked) == 1 and not (linked[0] in _FREE_FORM_FILES or _is_inline_union(linked[0])):
            element = Reference(model_name_of(linked[0]))
        if name == "set_t":
            return ArrayOf(element, unique_items=True)
        # The template writes arrays "list_t *" and maps "list_t*": the space is the only sign.
        if re.search(r"list_t\s+\*", cell.text):
            return ArrayOf(element)
        return MapOf(element)

    def parse_default(self, text: str) -> JsonValue:
        stripped = text.strip()
        if stripped in _BOOLEANS:
            return _BOOLEANS[stripped]
        if len(stripped) >= 2 and stripped[0] == stripped[-1] == "'":
            # Single quotes around, double quotes inside escaped: 'it's \"quoted\"'.
            return stripped[1:-1].replace('\\"', '"')
        for convert in (int, float):
            try:
                number = convert(stripped)
            except ValueError:
                continue
            if is_finite(number):
                return number
        raise ValueError(f"not a C default: {text!r}")

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        rest = name[1:]
        if name.startswith("_") and (rest.lower() in _RESERVED or rest[:1].isdigit()):
            return rest, WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def page_evidence(self, page: Page) -> int:
        title = page.title.text.strip() if page.title is not None else ""
        return 3 if _MODEL_TYPE.match(title) else _NOT_C


def _is_inline_union(snake: str) -> bool:
    """5.x's name for an inline oneOf/anyOf, its members run together (``one_ofstringinteger``,
    ``any_ofintegerstring``): no page defines it, and the IR has no union of a property's
    types, so it is any value."""
    return snake.startswith(("one_of", "any_of")) and "_" not in snake[len("one_of") :]


C = CDialect()
DIALECTS = (C,)

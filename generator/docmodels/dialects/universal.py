"""The universal fallback: a forgiving type grammar for pages no dialect reads.

Customised templates and generators docmodels has never seen still write a property's type in
one of the few spellings languages share. This dialect reads them all, none as its own:

* lists: ``List<T>``, ``list[T]``, ``[]T``, ``T[]``, ``Array<T>``, ``array[T]``, ``Vec<T>``,
  ``Seq<T>``, ``[T]``, ``Vector{T}``, ``ARRAY[T]``, ``BuiltList<T>``; sets (``Set<T>``,
  ``set[T]``, ``HashSet<T>``) are lists of unique items;
* maps: ``Map<K, V>``, ``dict(str, T)``, ``Dict[str, T]``, ``map[string]T``, ``map(T)``,
  ``Dictionary<K, V>``, ``{str: T}``, ``{ [key: string]: T; }``, ``[String: T]``,
  ``HashMap<K, V>``, ``Record<K, V>``, ``Hash<K, V>``, ``HASH[K, V]``, ``array<K, V>``,
  ``Dict{K, V}``;
* optionals, which say nothing of the JSON type: ``Option<T>``, ``Optional[T]``, ``T?``,
  ``Pointer to T``, ``*T``, ``T *``, ``Box<T>``; and nullable wrappers, which say null is
  allowed: ``Nullable<T>``, ``NullableString``, ``T | null``, ``T, none_type``;
* qualified names (``a.b.C``, ``a::b::C``, ``\\A\\B\\C``): the last part names the type;
* the primitive names of the usual languages (``string``, ``NSString``, ``char *``, ``int32``,
  ``Int64``, ``i64``, ``long``, ``double``, ``f64``, ``BigDecimal``, ``Boolean``, ``LocalDate``,
  ``OffsetDateTime``, ``Instant``, ``uuid``, ``AnyType``, ``interface{}``, ``JsonValue``...);
* inline enums written in the cell: ``Enum [ "A", "B" ]``, ``'a' | 'b'``;
* anything else that is an identifier: a model (C's ``owner_address_t`` is ``OwnerAddress``).

Also the spellings of generators without a dialect of their own: Eiffel's ``INTEGER_64``,
``STRING_32`` and ``LIST [T]``, Objective-C's ``NSString*`` and ``OAISet<T>*``, rust-server's
``chrono::DateTime::<chrono::Utc>``; and defaults boxed as ``Some(1)``, ``@(YES)``, ``@"a"``.

Where languages give one name different formats (C#'s ``int`` is an int32, Python's any
integer; Java's ``Date`` a date-time, Ruby's a date), the page does not say which: no format,
except where the JVM's boxed types (``Integer``, ``Double``, ``Float``) are what most
generators that write the name mean. A name that states its size (``int64``, ``Float64``)
keeps it.

How to use it. It is never chosen by detection: it has ``fallback = True``, which
``registry.detect`` skips (``registry.DETECTABLE`` leaves it out, ``registry.FALLBACKS`` lists
it), and it counts no name as its own. Force it on a page with ``read_page(page, UNIVERSAL)``
(``--dialect universal`` on the command line). Where no dialect reads a folder of many pages,
the folder is read with it, with one warning that names type spellings no dialect reads
(docmodels.folders).

Its reading is a best effort: defaults are read as most languages write literals; property names are the page's (no
renaming is undone). Rows and notes are read as python-prior reads them (a superset of the
bracketed notes), oneOf pages as the first dialect that finds their members.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docmodels.canonical import camelize
from docmodels.dialects._listed_enum import parse_listed_enum
from docmodels.dialects.base import (
    BaseDialect,
    Composition,
    Cursor,
    NoDefault,
    ParsedType,
    Token,
    TypeSyntaxError,
    TypeTooDeep,
    nesting,
)
from docmodels.dialects.python_prior import PYTHON_PRIOR
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EnumValue,
    Field,
    JsonValue,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.limits import MAX_TYPE_DEPTH
from docmodels.numeric import is_finite
from docmodels.page.notes import Notes
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell

_STRING = Primitive(PrimitiveKind.STRING)
_INTEGER = Primitive(PrimitiveKind.INTEGER)
_INT32 = Primitive(PrimitiveKind.INTEGER, "int32")
_INT64 = Primitive(PrimitiveKind.INTEGER, "int64")
_NUMBER = Primitive(PrimitiveKind.NUMBER)
_FLOAT = Primitive(PrimitiveKind.NUMBER, "float")
_DOUBLE = Primitive(PrimitiveKind.NUMBER, "double")
_BOOLEAN = Primitive(PrimitiveKind.BOOLEAN)
_DATE = Primitive(PrimitiveKind.STRING, "date")
_DATE_TIME = Primitive(PrimitiveKind.STRING, "date-time")
_UUID = Primitive(PrimitiveKind.STRING, "uuid")
_URI = Primitive(PrimitiveKind.STRING, "uri")
_BINARY = Primitive(PrimitiveKind.STRING, "binary")
_BYTE = Primitive(PrimitiveKind.STRING, "byte")

# Primitive names, as written: the whole name, then its last part.
_EXACT: dict[str, TypeExpr] = {
    # Names that mean another thing in lower case, or in another language.
    "DATE": _DATE,
    "DATE_TIME": _DATE_TIME,
    "Time": _DATE_TIME,
    "Data": _BYTE,  # Swift
    "URL": _BINARY,  # Swift's file upload
    "ByteArray": _BYTE,  # Kotlin, Scala (Python's bytearray is text)
    "Blob": _BYTE,  # JavaScript
    "date": _DATE,  # Python's (Date, capitalised, is a date-time in Java, a date in Ruby)
    # PHP's and .NET's one class for dates and date-times alike.
    "\\DateTime": _STRING,
    "System.DateTime": _STRING,
    # The JVM's boxed types have a fixed size (Ruby's Integer and Float are Ruby's own, which
    # the page does not tell apart: the JVM's, which more generators write, are taken).
    "Integer": _INT32,
    "Double": _DOUBLE,
    "Float": _FLOAT,
    "kotlin.Int": _INT32,
    "kotlin.Long": _INT64,
    "kotlin.Float": _FLOAT,
    "kotlin.Double": _DOUBLE,
    "java.lang.Integer": _INT32,
    "java.lang.Long": _INT64,
    "java.lang.Float": _FLOAT,
    "java.lang.Double": _DOUBLE,
}
# The rest, by the lower-cased last part. Where languages give one name different formats
# (C#'s int is an int32, Python's any integer; Java's Date is a date-time, Ruby's a date), the
# page does not say which: no format. A name that states its size (int64, Float64) keeps it.
_FOLDED: dict[str, TypeExpr] = {
    **{name: _STRING for name in (
        "string", "str", "nsstring", "char", "character", "text", "unicode", "varchar",
        "charsequence", "ustring", "abstractstring", "bytearray", "date",
    )},
    "map": AnyValue(),  # a bare map (bash's): a free-form object
    **{name: _INTEGER for name in (
        "int", "integer", "int8", "int16", "uint", "uint8", "uint16", "uint32", "uint64",
        "i8", "i16", "u8", "u16", "u32", "u64", "isize", "usize", "short", "byte", "sbyte",
        "ushort", "ulong", "biginteger", "bigint", "nsinteger", "int_t",
    )},
    **{name: _INT32 for name in ("int32", "i32", "int32_t")},
    **{name: _INT64 for name in ("int64", "i64", "long", "int64_t", "longlong")},
    **{name: _NUMBER for name in (
        "number", "num", "numeric", "decimal", "bigdecimal", "real", "float", "double",
        "nsnumber",
    )},
    **{name: _FLOAT for name in ("float32", "f32")},
    **{name: _DOUBLE for name in ("float64", "f64")},
    **{name: _BOOLEAN for name in ("bool", "boolean", "logical", "nsbool")},
    **{name: _DATE for name in ("localdate", "naivedate", "dateonly")},
    **{name: _DATE_TIME for name in (
        "datetime", "offsetdatetime", "localdatetime", "zoneddatetime", "instant",
        "timestamp", "date_time", "nsdate", "datetimeoffset", "timestamptz",
    )},
    **{name: _UUID for name in ("uuid", "guid", "nsuuid")},
    **{name: _URI for name in ("uri", "nsurl")},
    **{name: _BINARY for name in (
        "file", "binary", "binary_t", "fileinfo", "splfileobject", "stream",
        "multipartfile", "uint8list", "pathbuf", "file_type", "fileparameter", "inputstream",
        "resource", "data.frame", "httpfile", "uploadfile", "formfile",
    )},
    **{name: _BYTE for name in ("bytes", "systembyte", "base64")},
    **{name: AnyValue() for name in (
        "object", "any", "anytype", "anyvalue", "jsonvalue", "json", "mixed", "value",
        "jsonobject", "jsonelement", "jsonnode", "jtoken", "anycodable", "interface",
        "dynamic", "unknown", "dict", "systemcollectionshashtable",
        "object_t", "any_type_t", "oasanytypenotmapped", "nsobject", "id", "void",
        "serde_json::value", "struct",
    )},
}
# Containers, by the lower-cased last part of their name.
_LISTS = frozenset({
    "list", "array", "vec", "seq", "sequence", "vector", "iterable", "collection",
    "ienumerable", "ilist", "icollection", "arraylist", "linkedlist", "mutablelist",
    "builtlist", "immutablelist", "readonlyarray", "readonlylist", "nsarray", "slice",
    "list_t", "tuple", "deque",
})
_SETS = frozenset({
    "set", "hashset", "mutableset", "builtset", "linkedhashset", "treeset", "immutableset",
    "frozenset", "iset", "nsset", "sortedset", "set_t",
})
_MAPS = frozenset({
    "map", "dict", "dictionary", "hashmap", "record", "hash", "mutablemap", "builtmap",
    "idictionary", "treemap", "linkedhashmap", "immutablemap", "readonlydictionary",
    "nsdictionary", "mapping", "object", "hashtable", "concurrenthashmap", "sortedmap",
})
# Wrappers that say nothing of the JSON type (the inner type is the type)...
_TRANSPARENT = frozenset({
    "option", "optional", "maybe", "box", "rc", "arc", "pointer", "ref", "lazy",
    "jsonfield", "field", "readonly", "required", "partial", "cow", "some",
})
# ...and wrappers that say null is allowed.
_NULLABLE = frozenset({"nullable", "jsonnullable", "null", "nullable_t"})
# Words for null: an alternative that allows null and nothing else.
_NULLS = frozenset({"null", "none", "none_type", "nil", "undefined", "nonetype", "nothing"})
# Link targets that name no model: rust links array.md, Vec.md for nested containers.
_NOT_MODEL_PAGES = _LISTS | _SETS | _MAPS | frozenset(_FOLDED)
# Byte arrays: byte[], Byte[], u8[] are base64 text in JSON.
_BYTES = frozenset({"byte", "u8", "uint8", "sbyte", "systembyte"})
# Prefix of Go's wrappers of scalars and models (NullableString, NullablePet).
_NULLABLE_PREFIX = "Nullable"

# A name: identifiers joined by ".", "::" or "\" (PHP), optionally starting with one of those.
_NAME = re.compile(
    r"(?:::|\\)?[A-Za-z_$][A-Za-z0-9_$]*(?:(?:::|\.|\\)[A-Za-z_$][A-Za-z0-9_$]*)*"
)
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")
_NUMBER_LITERAL = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_PUNCTUATION = frozenset("<>[](){},:;*&?|=")
# Splits a qualified name into its parts.
_SEPARATORS = re.compile(r"::|\.|\\")
# A scalar named with its size: INTEGER_64, REAL_32, STRING_32 (Eiffel).
_SIZED = re.compile(r"^([a-z_]+?)_?(8|16|32|64|128)$")
# An Objective-C class prefix before a container's name: OAISet, NSArray.
_CLASS_PREFIX = re.compile(r"^[A-Z]{2,3}(?=[A-Z][a-z])")
# C's inline enum types: {prefix}_{model}_{PROPERTY}_e.
_C_ENUM = re.compile(r"^[a-z][A-Za-z0-9_]*_[A-Z][A-Z0-9_]*_e$")
# C's model type names: owner_address_t.
_C_TYPE = re.compile(r"^([a-z][a-z0-9_]*)_t$")
# Title decoration: "# # Pet" (PHP), "Table `Pet`", a qualified name.
_TITLE_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_TRUE = frozenset({"true", "$true", "yes"})
_FALSE = frozenset({"false", "$false", "no"})
_EMPTY_LISTS = frozenset({"[]", "list()", "array()", "vec![]", "c()", "()", "@()", "new List()"})
_EMPTY_MAPS = frozenset({"{}", "dict()", "map()", "@{}", "hash()", "new Map()"})
# A literal wrapped in its language's boxing: Some(1), @(YES), @1, @"text".
_WRAPPED_DEFAULT = re.compile(r"Some\((.*)\)|@\((.*)\)|@([^(].*)")
# A number with a type suffix: 10L, 1.5f, 2.0d, 3.5m, 7i64.
_SUFFIXED = re.compile(r"^(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?:[lLfFdDmMuU]|[iuf](?:8|16|32|64|size))$")


def _tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        match = _NAME.match(text, i) or _QUOTED.match(text, i)
        if match is not None:
            kind = "name" if match.re is _NAME else "literal"
            tokens.append(Token(kind, match.group(), i))
            i = match.end()
            continue
        number = _NUMBER_LITERAL.match(text, i)
        if number is not None:
            tokens.append(Token("literal", number.group(), i))
            i = number.end()
        elif char in _PUNCTUATION:
            tokens.append(Token(char, char, i))
            i += 1
        else:
            raise TypeSyntaxError(f"unexpected character {char!r} in type", i)
    return tokens


class _Cursor(Cursor):
    def __init__(self, cell: TypeCell) -> None:
        super().__init__(cell.text, _tokenize(cell.text))
        self.links = cell.links
        self.nullable = False  # a null alternative or a nullable wrapper was read


def _last(name: str) -> str:
    """The last part of a qualified name: ``\\A\\B\\C``, ``a.b.C``, ``a::b::C`` → ``C``."""
    return _SEPARATORS.split(name)[-1]


class UniversalDialect(BaseDialect):
    name = "universal"
    # Never chosen by detection (registry.detect skips it): a fallback, see the docstring.
    fallback = True

    def model_name(self, title: str) -> str:
        names = _TITLE_NAME.findall(title.replace("`", " "))
        if not names:
            return title.strip()
        # "Table `Pet`": the name is what is quoted; else the last part of a qualified name.
        if "`" in title:
            quoted = _TITLE_NAME.findall(title.split("`")[1])
            if quoted:
                names = quoted
        c_type = _C_TYPE.match(names[-1])  # C's pet_t
        return camelize(c_type.group(1)) if c_type is not None else names[-1]

    def parse_type(self, cell: TypeCell) -> ParsedType:
        listed = parse_listed_enum(cell.text)
        if listed is not None:
            return replace(listed, native_names=0)
        cursor = _Cursor(cell)
        counter = [0]
        result = self._alternatives(cursor, counter, top=True)
        cursor.end()
        enum_values = _literal_values(result)
        if enum_values is not None:
            kind = _literal_kind(enum_values)
            if kind is PrimitiveKind.STRING:  # strings and numbers mixed: all are strings
                enum_values = tuple(v if isinstance(v, str) else str(v) for v in enum_values)
            return ParsedType(
                Primitive(kind), wrapped_optional=cursor.nullable, enum_values=enum_values
            )
        return ParsedType(_plain(result), wrapped_optional=cursor.nullable)

    # A parsed alternative is a TypeExpr, or a literal (an enum value) as a one-tuple.
    def _alternatives(
        self, cursor: _Cursor, counter: list[int], top: bool = False
    ) -> TypeExpr | tuple[JsonValue, ...]:
        """``A | B``, and at the top of a cell (or inside a tuple) ``A, B``: null
        alternatives mark the type nullable; several others are any value, unless all are
        literals (an enum)."""
        separators = ("|", ",") if top else ("|",)
        members: list[TypeExpr | tuple[JsonValue, ...]] = []
        while True:
            after = cursor.peek()
            if top and members and (after is None or after.kind == ")"):
                break  # a trailing comma: python's (Pet,)
            member = self._member(cursor, counter)
            if member is not None:
                members.append(member)
            token = cursor.peek()
            if token is None or token.kind not in separators:
                break
            cursor.index += 1
        return _union(members)

    def _member(
        self, cursor: _Cursor, counter: list[int]
    ) -> TypeExpr | tuple[JsonValue, ...] | None:
        """One alternative; None for a null."""
        token = cursor.peek()
        if token is not None and token.kind == "literal":
            cursor.index += 1
            return (_literal(token.text),)
        if token is not None and token.kind == "name" and token.text.lower() in _NULLS:
            cursor.index += 1
            cursor.nullable = True
            return None
        return self._type(cursor, counter)

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        assert isinstance(cursor, _Cursor)
        result = self._prefixed(cursor, counter)
        # Suffixes: T[] (an array), T? (optional), T * and T & (C pointers and references).
        suffixes = 0
        while True:
            if cursor.peek("[") is not None and _next_is(cursor, "]"):
                suffixes += 1
                if suffixes > MAX_TYPE_DEPTH:  # read by a loop, not by recursion: checked here
                    raise TypeTooDeep(
                        f"type is nested too deeply; the limit is {MAX_TYPE_DEPTH} levels",
                        cursor.tokens[cursor.index].offset,
                    )
                cursor.index += 2
                result = ArrayOf(result)
            elif cursor.accept("?") or cursor.accept("*") or cursor.accept("&"):
                continue
            else:
                return result

    def _prefixed(self, cursor: _Cursor, counter: list[int]) -> TypeExpr:
        if cursor.accept("*") or cursor.accept("&"):  # Go's *T, a pointer: the type itself
            return self._type(cursor, counter)
        if cursor.accept("["):
            if cursor.accept("]"):  # Go's []T
                return ArrayOf(self._type(cursor, counter))
            # Swift's [T] and [String: T], python-prior's [T].
            first = self._type(cursor, counter)
            if cursor.accept(":"):
                values = self._type(cursor, counter)
                cursor.take("]")
                return MapOf(values)
            cursor.take("]")
            return ArrayOf(first)
        if cursor.accept("{"):
            return self._braces(cursor, counter)
        if cursor.accept("("):
            # A tuple of alternatives: python-prior's (Pet,) and (bool, date, str).
            inner = self._alternatives(cursor, counter, top=True)
            cursor.take(")")
            return _plain(inner)
        token = cursor.take("name")
        following = cursor.peek()
        if token.text == "Pointer" and following is not None and following.text == "to":
            cursor.index += 1  # Go's "Pointer to T": an optional T
            return self._type(cursor, counter)
        if token.text.lower() in _BYTES and cursor.peek("[") is not None and _next_is(cursor, "]"):
            cursor.index += 2  # byte[]: base64 text in JSON
            return _BYTE
        arguments = self._arguments(cursor, counter)
        if token.text.lower() == "map" and arguments is not None and len(arguments) == 1:
            after = cursor.peek()
            if after is not None and (after.kind in ("name", "[", "*", "{")):
                # Go's map[string]T: the key in brackets, then the values' type. Go's pages
                # mean map[string]interface{} as any object.
                values = self._type(cursor, counter)
                return AnyValue() if after.text == "interface" and values == AnyValue() else MapOf(values)
        return self._named(token, arguments, cursor)

    def _braces(self, cursor: _Cursor, counter: list[int]) -> TypeExpr:
        """After ``{``: ``{}`` (any object), ``{str: T}``, ``{ [key: string]: T; }``."""
        if cursor.accept("}"):
            return AnyValue()
        if cursor.accept("["):  # TypeScript's index signature
            cursor.take("name")
            cursor.take(":")
            self._type(cursor, counter)
            cursor.take("]")
        else:
            self._type(cursor, counter)  # the key type
        cursor.take(":")
        tuple_values = cursor.peek("(") is not None
        values = self._type(cursor, counter)
        cursor.accept(";")
        cursor.accept(",")
        cursor.take("}")
        # python-prior's {str: (bool, date, ..., none_type)}: any object, as its pages mean it.
        return AnyValue() if tuple_values and values == AnyValue() else MapOf(values)

    def _arguments(self, cursor: _Cursor, counter: list[int]) -> list[TypeExpr] | None:
        """A name's type arguments: ``<...>``, ``[...]``, ``(...)`` or ``{...}`` (Julia);
        ``{}`` after a name is Go's empty interface (no arguments). None where there are none."""
        token = cursor.peek()
        if token is None:
            return None
        if token.kind == ":" and _next_is(cursor, ":"):  # Rust's turbofish: DateTime::<Utc>
            after = cursor.tokens[cursor.index + 2] if cursor.index + 2 < len(cursor.tokens) else None
            if after is not None and after.kind == "<":
                cursor.index += 2
                token = after
        closing = {"<": ">", "[": "]", "(": ")", "{": "}"}.get(token.kind)
        if closing is None or (token.kind == "[" and _next_is(cursor, "]")):
            return None
        cursor.index += 1
        if cursor.accept(closing):
            return []
        arguments: list[TypeExpr] = []
        while True:
            member = self._alternatives(cursor, counter)
            arguments.append(_plain(member))
            if not cursor.accept(","):
                break
        cursor.take(closing)
        return arguments

    def _named(self, token: Token, arguments: list[TypeExpr] | None, cursor: _Cursor) -> TypeExpr:
        name = token.text
        last = _last(name)
        folded = last.lower()
        if arguments:
            return self._generic(token, folded, arguments, cursor)
        for key in (name, last):
            if key in _EXACT:
                return _EXACT[key]
        for key in (name.lower(), folded):  # serde_json::Value, data.frame; then String
            if key in _FOLDED:
                return _FOLDED[key]
        # A container without type arguments: of what, only a link to the element's page says
        # (C's [**list_t**](pet.md) *, PowerShell's [**System.Collections.Hashtable**](Pet.md)).
        if folded == "list_t" and _adjacent_star(cursor, token):
            return MapOf(_linked_model(cursor.links))  # C's list_t* (no space) is a map
        if folded in _LISTS or folded in _SETS:
            return ArrayOf(_linked_model(cursor.links), unique_items=folded in _SETS)
        if folded in _MAPS:
            return MapOf(_linked_model(cursor.links))
        if arguments is not None:  # Foo<>, Foo(): an empty generic of no known kind
            raise TypeSyntaxError(f"unknown generic type {name!r}", token.offset)
        if last.startswith(_NULLABLE_PREFIX) and len(last) > len(_NULLABLE_PREFIX):
            inner = last[len(_NULLABLE_PREFIX):]
            wrapped = _EXACT.get(inner) or _FOLDED.get(inner.lower())
            # Go's NullableString wraps a scalar; NullablePet links to Pet's page (a model
            # named NullablePet links to its own).
            if wrapped is not None or any(
                link.split("/")[-1].lower() in (f"{inner.lower()}.md", inner.lower())
                for link in cursor.links
            ):
                cursor.nullable = True
                return wrapped if wrapped is not None else Reference(inner)
        sized = _sized(folded)
        if sized is not None:
            return sized
        if _C_ENUM.match(last):
            return _STRING  # C's inline enum type: its values are not on the page
        c_type = _C_TYPE.match(last)
        if c_type is not None:
            return Reference(camelize(c_type.group(1)))
        return Reference(last)

    def _generic(
        self, token: Token, folded: str, arguments: list[TypeExpr], cursor: _Cursor
    ) -> TypeExpr:
        """A name with type arguments: a container, a wrapper, a union."""
        count = len(arguments)
        unprefixed = _CLASS_PREFIX.sub("", _last(token.text)).lower()
        if unprefixed in _LISTS | _SETS | _MAPS:  # Objective-C's OAISet<T>, NSArray<T>
            folded = unprefixed
        if folded == "vector" and arguments == [_INTEGER]:
            return _BYTE  # Julia's Vector{UInt8}: bytes
        if (folded in _MAPS and count in (1, 2)) or (folded == "array" and count == 2):
            # Map<K, V>, dict(str, T), PHP's array<string, T>; R's map(T) names the values
            # only.
            return MapOf(arguments[-1])
        if folded in _LISTS and count == 1:
            return ArrayOf(arguments[0])
        if folded in _SETS and count == 1:
            return ArrayOf(arguments[0], unique_items=True)
        if folded in _TRANSPARENT and count == 1:
            return arguments[0]
        if folded in _NULLABLE and count == 1:
            cursor.nullable = True
            return arguments[0]
        if folded in ("union", "oneof", "anyof"):
            return _plain(_union(list(arguments)))
        if folded == "datetime" and count == 1:
            return _DATE_TIME  # Rust's chrono::DateTime<Utc>
        raise TypeSyntaxError(f"unknown generic type {token.text!r}", token.offset)

    def nullable(self, parsed: ParsedType, required: bool | None) -> bool | None:
        # Only an explicit null says: Option<T>, T? and Pointer to T may mean absent.
        return True if parsed.wrapped_optional else None

    def parse_default(self, text: str) -> JsonValue:
        stripped = text.strip()
        # Rust's Some(1), Objective-C's @(YES), @1, @"text": the literal inside (twice at most).
        for _ in range(2):
            wrapped = _WRAPPED_DEFAULT.fullmatch(stripped)
            if wrapped is not None:
                stripped = next(g for g in wrapped.groups() if g is not None).strip()
        lowered = stripped.lower()
        if lowered in _NULLS:
            raise NoDefault("null: no default")
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        if stripped in _EMPTY_LISTS:
            return []
        if stripped in _EMPTY_MAPS:
            return {}
        suffixed = _SUFFIXED.match(stripped)
        for candidate in (stripped, suffixed.group(1) if suffixed else None):
            if candidate is None:
                continue
            for convert in (int, float):
                try:
                    number = convert(candidate)
                except ValueError:
                    continue
                if is_finite(number):  # float() also reads "nan" and "inf"
                    return number
        for quote in ('"', "'", "`"):
            if len(stripped) >= 2 and stripped[0] == stripped[-1] == quote:
                return stripped[1:-1]
        # Rust's "abc".to_string(), Kotlin's "abc" with a type suffix are not guessed at.
        raise ValueError(f"cannot read default {stripped!r}")

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        # Kotlin's `type`: quoting, not renaming. Other renamings are not guessed at.
        if len(name) > 2 and name[0] == name[-1] == "`":
            return name[1:-1], WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def enum_section(self, name: str) -> str | None:
        # JavaScript's "## Enum: SizeEnum" for property size; unused where the page has none.
        return f"{name[:1].upper()}{name[1:]}Enum" if name else None

    # The rest of a row and of a page is read as the most forgiving dialect reads it:
    # python-prior's prose notes ("if omitted the server will use the default value of 250",
    # 'must be one of ["a", "b", ]') are a superset of the bracketed notes most write.
    def parse_notes(self, text: str) -> Notes | None:
        return PYTHON_PRIOR.parse_notes(text)

    def finish_field(self, field: Field, notes: Notes) -> tuple[Field, frozenset[str]]:
        field, understood = PYTHON_PRIOR.finish_field(field, notes)
        # [required]: customised templates state what a missing [optional] already says.
        required = frozenset(other for other in notes.other if other.lower() == "required")
        return field, understood | required

    def finish_model(
        self, page: Page, fields: tuple[Field, ...]
    ) -> tuple[tuple[Field, ...], tuple[EnumValue, ...]]:
        # python-prior's "any string name" row (additional properties) is no property, and a
        # lone "value" row listing its values is an enum model.
        return PYTHON_PRIOR.finish_model(page, fields)

    def composition(self, page: Page) -> Composition | None:
        """The member types of a oneOf page, as the first dialect that finds any reads them
        (the members' types are then read by this grammar)."""
        from docmodels.dialects import registry  # here: the registry imports this module

        for dialect in registry.DETECTABLE:
            found = dialect.composition(page)
            if found is not None:
                return found
        return None


def _sized(folded: str) -> TypeExpr | None:
    """A scalar named with its size: Eiffel's INTEGER_64, STRING_32, REAL_32; None else."""
    match = _SIZED.match(folded)
    if match is None:
        return None
    base, bits = match.group(1), match.group(2)
    if base in ("integer", "int", "natural", "uint", "unsigned", "signed"):
        return {"32": _INT32, "64": _INT64}.get(bits, _INTEGER)
    if base in ("real", "float", "double"):
        return {"32": _FLOAT, "64": _DOUBLE}.get(bits, _NUMBER)
    if base in ("string", "character", "char", "text", "immutable_string"):
        return _STRING
    return None


def _linked_model(links: tuple[str, ...]) -> TypeExpr:
    """The model one link target names (``Pet.md``, C's ``owner_address.md``), else any value."""
    if len(links) != 1:
        return AnyValue()
    stem = links[0].split("/")[-1].removesuffix(".md")
    if stem.lower() == "array":  # PowerShell's Hashtable of arrays (of what, it does not say)
        return ArrayOf(AnyValue())
    if stem in _FOLDED:  # markdown before 7.x: [**List**](string.md), a list of strings
        return _FOLDED[stem]
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", stem) or stem.lower() in _NOT_MODEL_PAGES:
        return AnyValue()
    return Reference(stem if stem[0].isupper() and "_" not in stem else camelize(stem))


def _adjacent_star(cursor: Cursor, token: Token) -> bool:
    after = cursor.peek()
    return after is not None and after.kind == "*" and after.offset == token.offset + len(token.text)


def _next_is(cursor: Cursor, kind: str) -> bool:
    index = cursor.index + 1
    return index < len(cursor.tokens) and cursor.tokens[index].kind == kind


def _literal(text: str) -> JsonValue:
    if text[:1] in "\"'":
        return text[1:-1]
    try:
        return int(text)
    except ValueError:
        number = float(text)
        return number if is_finite(number) else text


def _union(members: list[TypeExpr | tuple[JsonValue, ...]]) -> TypeExpr | tuple[JsonValue, ...]:
    """What alternatives allow together: one type is that type; only literals are an enum;
    several types are any value (the IR has no unions)."""
    if members and all(isinstance(m, tuple) for m in members):
        return tuple(value for m in members if isinstance(m, tuple) for value in m)
    types = list(dict.fromkeys(_plain(m) for m in members))
    if len(types) == 1:
        return types[0]
    return AnyValue()


def _plain(member: TypeExpr | tuple[JsonValue, ...]) -> TypeExpr:
    """An alternative as a type: literals are their scalar type."""
    if isinstance(member, tuple):
        return Primitive(_literal_kind(member))
    return member


def _literal_values(member: TypeExpr | tuple[JsonValue, ...]) -> tuple[JsonValue, ...] | None:
    return member if isinstance(member, tuple) else None


def _literal_kind(values: tuple[JsonValue, ...]) -> PrimitiveKind:
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return PrimitiveKind.INTEGER
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return PrimitiveKind.NUMBER
    return PrimitiveKind.STRING


UNIVERSAL = UniversalDialect()
DIALECTS = (UNIVERSAL,)

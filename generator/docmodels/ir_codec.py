"""What reading a page gave (``reading.PageReading``, with the IR and the diagnostics it holds)
as JSON-compatible data, and back: the page cache's format.

A cache folder can come from somewhere untrusted (a CI cache restored for a fork's pull
request, a folder inside the repository), so an entry must be data that cannot execute. It is
JSON, and decoding constructs nothing but the classes ``PageReading``'s annotations name, found
from them (the IR's frozen dataclasses and enums: a closed set, fixed by docmodels' code, never
by the data), each from exactly its fields, in order, each of the type its annotation says.
Anything else is ``Invalid``, and the page is read again.

The layout: a dataclass is an array of its class's name and its fields in declaration order
(``["Location", "Pet.md", 3, 1]``), fields with ``compare=False`` included; an enum member is its
name; the IR's tuples are arrays. A ``JsonValue`` (a default, an enum's value) is itself: its
lists and dicts are JSON's arrays and objects, which the annotation tells apart from the IR's
tuples, and its ints and floats stay apart (``1`` and ``1.0``). Strings keep lone surrogates (a
Java default ``"\\uD800"`` reads as one): ``dumps`` escapes every character outside ASCII.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import itertools
import json
import operator
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

from docmodels.reading import PageReading

_MODULES = ("docmodels.ir", "docmodels.diagnostics", "docmodels.reading")


class Invalid(ValueError):
    """Data that is not what the annotations allow (a foreign, corrupt or hostile entry), or a
    value that JSON would not give back exactly (a dict with a key that is not a string)."""


class _Json:
    """Stands for ``ir.JsonValue`` while annotations are resolved: any JSON value, as is."""


# A conversion for one annotation: what to do with a value of each type (None: it is itself).
# Encoding is keyed by the Python type of the value, decoding by the type json.loads gives.
_Table = dict[type, Callable[[Any], Any] | None]
_SCALARS: tuple[type, ...] = (type(None), bool, int, float, str)


def encode(reading: PageReading) -> Any:
    """``reading`` as JSON-compatible data; Invalid where a value is not what its annotation
    says (JSON would not give it back)."""
    return _codecs().reading.encode(reading)


def decode(data: Any) -> PageReading:
    """The reading ``encode`` gave ``data`` for; Invalid for anything else."""
    try:
        reading = _codecs().reading.decode(data)
    except Invalid:
        raise
    except (LookupError, TypeError, ValueError, RecursionError) as error:
        raise Invalid(str(error)) from None
    if not isinstance(reading, PageReading):
        raise Invalid("not a page's reading")
    return reading


def dumps(data: Any) -> bytes:
    """Encoded data as JSON text, in ASCII (lone surrogates escaped, as JSON can)."""
    return json.dumps(data, separators=(",", ":")).encode("ascii")


def loads(text: bytes) -> Any:
    """JSON text as data; Invalid where it is not JSON."""
    try:
        return json.loads(text.decode("ascii"))  # dumps writes ASCII (and json.loads guesses)
    except (ValueError, RecursionError) as error:
        raise Invalid(str(error)) from None


class _Class:
    """One dataclass's conversion (built before its fields', which may refer back to it)."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.name = cls.__name__
        self.fields = list(dataclasses.fields(cls))
        if not all(f.init for f in self.fields):
            raise TypeError(f"{self.name}: every field must be a constructor argument")
        self.size = len(self.fields) + 1
        self.get: Callable[[Any], tuple[Any, ...]] = (
            operator.attrgetter(*(f.name for f in self.fields)) if len(self.fields) > 1
            else (lambda obj: (getattr(obj, self.fields[0].name),)) if self.fields
            else (lambda obj: ())
        )
        self.encoders: list[_Table] = []
        self.decoders: list[_Table] = []
        # Values that repeat across pages are built once (they are immutable): by their data
        # and its types, so that 1 and 1.0 and True stay apart (and no float: -0.0 == 0.0).
        self.shared: dict[tuple[Any, ...], Any] | None = {} if self.name in _SHARED else None

    def compile(self, namespace: dict[str, Any], tuples: set[Callable[[Any], Any]]) -> None:
        """Make ``fast``, this class's decoder, once: a function written for its fields (each
        field's type checked and converted in line, then the constructor called), as
        dataclasses writes ``__init__``. At 10,000 pages a run decodes some 450,000 values;
        a loop over each class's tables took twice the time. The function's text is made from
        the class's declaration alone (field counts, table places), never from data.
        ``tuples``: the decoders of tuples (an empty array is the empty tuple, without a call)."""
        me = f"_{self.name}"
        namespace[f"{me}_cls"] = self.cls
        namespace[f"{me}_name"] = self.name
        namespace[f"{me}_shared"] = self.shared
        names = [f"v{index}" for index in range(len(self.fields))]
        lines = [f"def {me}_decode(data):"]
        if self.shared is not None:
            # (A TypeError where data holds a list: no such value does.)
            lines += ["    key = (*data, *map(type, data))",
                      f"    known = {me}_shared.get(key)",
                      "    if known is not None:",
                      "        return known"]
        lines += [(f"    if type(data) is not list or len(data) != {self.size} "
                   f"or data[0] != {me}_name:"),
                  f"        raise Invalid('not a ' + {me}_name)",
                  f"    _, {', '.join(names)}{',' if len(names) == 1 else ''} = data"
                  if names else "    pass"]
        for index, (name, table) in enumerate(zip(names, self.decoders, strict=True)):
            lines += _by_type(namespace, f"{me}_t{index}", name, table, "decode", tuples,
                              f"raise Invalid('a ' + {me}_name + ' with a field of another type')")
        if "__slots__" in vars(self.cls) and not hasattr(self.cls, "__post_init__"):
            # Each slot set as the frozen class's __init__ sets it (past its __setattr__),
            # without __init__'s call and its lookups: half the time of a Field.
            namespace[f"{me}_new"] = object.__new__
            lines.append(f"    value = {me}_new({me}_cls)")
            for index, (field, name) in enumerate(zip(self.fields, names, strict=True)):
                namespace[f"{me}_s{index}"] = getattr(self.cls, field.name).__set__
                lines.append(f"    {me}_s{index}(value, {name})")
        else:
            lines.append(f"    value = {me}_cls({', '.join(names)})")
        if self.shared is not None:
            lines += [f"    if float not in key and len({me}_shared) < {_SHARED_AT_MOST}:",
                      f"        {me}_shared[key] = value"]
        lines.append("    return value")
        lines += self._encoder(namespace)
        exec("\n".join(lines), namespace)  # noqa: S102  (our declaration's text, above)
        self.fast = namespace[f"{me}_decode"]  # type: ignore[method-assign]
        self.fast_encode = namespace[f"{me}_encode"]  # type: ignore[method-assign]

    def _encoder(self, namespace: dict[str, Any]) -> list[str]:
        """The text of this class's encoder, written for its fields as its decoder is: each
        field's value converted by its type in line (a loop over the tables was most of what
        a cold run spent keeping the models it read)."""
        me = f"_{self.name}"
        namespace[f"{me}_get"] = self.get
        namespace["_refuse"] = _refuse
        names = [f"v{index}" for index in range(len(self.fields))]
        lines = [f"def {me}_encode(value):"]
        if names:
            lines.append(f"    {', '.join(names)}{',' if len(names) == 1 else ''} = "
                         f"{me}_get(value)")
        for index, (name, table) in enumerate(zip(names, self.encoders, strict=True)):
            lines += _by_type(namespace, f"{me}_e{index}", name, table, "encode", set(),
                              f"_refuse({name})")
        lines.append(f"    return [{me}_name{''.join(', ' + n for n in names)}]")
        return lines

    def encode(self, value: Any) -> list[Any]:
        """The data of ``value`` (``fast_encode``, once the codecs are built)."""
        return self.fast_encode(value)

    def fast_encode(self, value: Any) -> list[Any]:
        raise TypeError(f"{self.name}: encoded before its codec was built")

    def decode(self, data: list[Any]) -> Any:
        """The value ``data`` encodes (``fast``, once the codecs are built)."""
        return self.fast(data)

    def fast(self, data: list[Any]) -> Any:
        raise TypeError(f"{self.name}: decoded before its codec was built")


def _by_type(
    namespace: dict[str, Any], prefix: str, name: str, table: _Table, step: str,
    tuples: set[Callable[[Any], Any]], refusal: str,
) -> list[str]:
    """The lines of a compiled ``step`` (decode, encode) that convert the value ``name`` by its
    type, as ``table`` says (each conversion kept in ``namespace`` under a name made from
    ``prefix``); ``refusal``: the line for any other type; ``tuples``: the decoders of tuples
    (an empty array is the empty tuple, without a call)."""
    lines = [f"    t = type({name})"]
    keyword = "if"
    for number, (kind, convert) in enumerate(table.items()):
        namespace[f"{prefix}_{number}"] = kind
        place = f"{prefix}_{number}_c"
        owner = getattr(convert, "__self__", None)
        if convert is None:
            line = "pass"
        elif isinstance(owner, _Class):  # a dataclass: its own, called directly
            line = f"{name} = _{owner.name}_{step}({name})"
        elif isinstance(convert, _Members):  # a union's: by the class's name
            namespace[place] = convert.functions
            line = f"{name} = {place}[{name}[0]]({name})"
        else:
            namespace[place] = convert
            # (Most of a field's tuples are empty: overlaid, wire_names...)
            line = f"{name} = {place}({name})" + (f" if {name} else ()" if convert in tuples
                                                  else "")
        lines += [f"    {keyword} t is {prefix}_{number}:", f"        {line}"]
        keyword = "elif"
    return [*lines, "    else:" if table else "    if True:", f"        {refusal}"]


# The IR's values that repeat from page to page (a type, no constraints), and how many of them
# are kept at most (a bound on what a hostile or huge cache can make a run hold).
_SHARED = frozenset({"Primitive", "Reference", "AnyValue", "Constraints"})
_SHARED_AT_MOST = 4096


def _refuse(value: Any) -> Any:
    raise Invalid(f"a {type(value).__name__} where the annotation does not allow one")


class _Codecs:
    """The conversions of every class reachable from ``PageReading``'s annotations."""

    def __init__(self) -> None:
        self.classes: dict[type, _Class] = {}
        self._decoders: list[_Table] = []  # every decoding table made
        self._encoders: list[_Table] = []  # and every encoding table
        self._members: list[_Members] = []
        self._tuples: set[Callable[[Any], Any]] = set()
        self.reading = self._class(PageReading)
        # Compiled once every class's tables are (a class's fields may be of classes built
        # after it, or of itself): the functions find each other through one namespace.
        namespace: dict[str, Any] = {"Invalid": Invalid}
        for codec in self.classes.values():
            codec.compile(namespace, self._tuples)
        # The tables made before then (a tuple's items, a union's members) call the decoders
        # themselves, not the methods that forward to them.
        for table in self._decoders:
            for kind, convert in table.items():
                if isinstance(getattr(convert, "__self__", None), _Class):
                    table[kind] = convert.__self__.fast  # type: ignore[union-attr]
        for table in self._encoders:
            for kind, convert in table.items():
                if isinstance(getattr(convert, "__self__", None), _Class):
                    table[kind] = convert.__self__.fast_encode  # type: ignore[union-attr]
        for members in self._members:
            members.functions.update({n: c.fast for n, c in members.classes.items()})

    def _class(self, cls: type) -> _Class:
        known = self.classes.get(cls)
        if known is not None:
            return known
        if cls.__module__ not in _MODULES:
            raise TypeError(f"{cls.__qualname__} is not one of docmodels' IR classes")
        codec = self.classes[cls] = _Class(cls)
        hints = typing.get_type_hints(cls, localns={"JsonValue": _Json})
        for f in codec.fields:
            encoder, decoder = self._tables(hints[f.name])
            codec.encoders.append(encoder)
            codec.decoders.append(decoder)
        return codec

    def _tables(self, hint: Any) -> tuple[_Table, _Table]:
        """The encoding and decoding tables of an annotation."""
        encoder, decoder = self._made_tables(hint)
        self._decoders.append(decoder)
        self._encoders.append(encoder)
        return encoder, decoder

    def _made_tables(self, hint: Any) -> tuple[_Table, _Table]:
        if hint is _Json:
            plain: _Table = {t: None for t in (*_SCALARS, list, dict)}
            return {t: None for t in _SCALARS} | {list: _json, dict: _json}, plain
        if hint is str:
            # One object for each distinct text: 10,000 pages' readings hold some 480,000
            # strings (a field's page path, type and key names...) of 26,000 texts, 30 MB of
            # copies where kept (a watch's session, one page changed at 10,000 pages).
            return {str: None}, {str: sys.intern}
        if hint in _SCALARS:
            return {hint: None}, {hint: None}
        if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
            return self._union(typing.get_args(hint))
        if typing.get_origin(hint) is tuple:
            return self._tuple(typing.get_args(hint))
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            members = dict(hint.__members__)
            return {hint: operator.attrgetter("name")}, {str: members.__getitem__}
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            codec = self._class(hint)
            return {hint: codec.encode}, {list: codec.decode}
        raise TypeError(f"no conversion for {hint!r}")

    def _union(self, options: tuple[Any, ...]) -> tuple[_Table, _Table]:
        encoder: _Table = {}
        decoder: _Table = {}
        classes: dict[str, _Class] = {}
        for option in options:
            if isinstance(option, type) and dataclasses.is_dataclass(option):
                codec = self._class(option)
                classes[codec.name] = codec
                encoder[option] = codec.encode
                continue
            option_encoder, option_decoder = self._tables(option)
            if decoder.keys() & option_decoder.keys():
                raise TypeError(f"ambiguous union: {options!r}")
            encoder |= option_encoder
            decoder |= option_decoder
        if classes:
            if list in decoder:
                raise TypeError(f"ambiguous union: {options!r}")
            decoder[list] = members = _Members(classes)
            self._members.append(members)
        return encoder, decoder

    def _tuple(self, items: tuple[Any, ...]) -> tuple[_Table, _Table]:
        """A tuple of any length; its items may be tuples of scalars of a fixed length (rows:
        a page's evidence), which no other annotation holds."""
        if len(items) != 2 or items[1] is not Ellipsis:
            raise TypeError(f"no conversion for tuple[{items!r}] outside a tuple[..., ...]")
        row = typing.get_args(items[0])
        if typing.get_origin(items[0]) is tuple and row and all(t in _SCALARS for t in row):
            return _sequence({tuple: _row_encoder(row)}), {list: _rows(row)}
        item_encoder, item_decoder = self._tables(items[0])
        kinds = frozenset(item_decoder)
        plain = all(convert is None for convert in item_decoder.values())

        def decode_all(data: list[Any]) -> tuple[Any, ...]:
            if not all(map(kinds.__contains__, map(type, data))):
                raise Invalid("an array with an item of another type")
            if plain:
                return tuple(data)
            return tuple([
                item if (convert := item_decoder[type(item)]) is None else convert(item)
                for item in data
            ])

        self._tuples.add(decode_all)
        return _sequence(item_encoder), {list: decode_all}


class _Members:
    """Decodes a union's dataclass members, each by its class's name (the array's first
    item): ``functions`` holds their decoders once they are made."""

    def __init__(self, classes: dict[str, _Class]) -> None:
        self.classes = classes
        self.functions: dict[str, Callable[[Any], Any]] = {}

    def __call__(self, data: list[Any]) -> Any:
        return self.functions[data[0]](data)


def _sequence(item_encoder: _Table) -> _Table:
    """The encoding table of a tuple of any length whose items ``item_encoder`` encodes."""

    def encode_all(value: tuple[Any, ...]) -> list[Any]:
        out = []
        for item in value:
            convert = item_encoder.get(type(item), _refuse)
            out.append(item if convert is None else convert(item))
        return out

    return {tuple: encode_all}


def _row_encoder(row: tuple[type, ...]) -> Callable[[tuple[Any, ...]], list[Any]]:
    def encode_row(value: tuple[Any, ...]) -> list[Any]:
        if len(value) != len(row) or tuple(map(type, value)) != row:
            raise Invalid(f"a row that is not a {row!r}")
        return list(value)

    return encode_row


_SHARED_ROWS = 1 << 14


def _rows(row: tuple[type, ...]) -> Callable[[list[Any]], tuple[Any, ...]]:
    """A decoder of a tuple of tuples of scalars (a page's evidence, thirty pairs of ints),
    checked column by column, or found among the rows met before."""
    width, kinds = len(row), set(row)
    # The same rows recur page after page (a dialect's score and its cells unread: 300,000
    # pairs at 10,000 pages, some hundreds of them distinct): each is held once, not once a
    # page (20 MB at 10,000 pages). Emptied when full: a few kept again, never unbounded.
    shared: dict[tuple[Any, ...], tuple[Any, ...]] = {}

    def decode_rows(data: list[Any]) -> tuple[Any, ...]:
        # Rows met before were checked then: a page's rows all found among them need only
        # their items' types checked (a row equal to one of them may hold 1.0 or True for 1).
        try:
            found = tuple(map(shared.__getitem__, map(tuple, data)))
        except (KeyError, TypeError):
            pass
        else:
            if len(kinds) == 1 and set(map(type, itertools.chain.from_iterable(data))) <= kinds:
                return found
        if not (set(map(type, data)) <= {list} and set(map(len, data)) <= {width}):
            raise Invalid("an array of rows of another shape")
        cells = list(itertools.chain.from_iterable(data))
        for column, kind in enumerate(row):
            if not set(map(type, cells[column::width])) <= {kind}:
                raise Invalid("a row with an item of another type")
        if len(shared) > _SHARED_ROWS:
            shared.clear()
        rows = list(map(tuple, data))
        return tuple(map(shared.setdefault, rows, rows))

    return decode_rows


def _json(value: Any) -> Any:
    """A JsonValue's list or dict, checked to be one JSON gives back exactly."""
    if type(value) is list:
        for item in value:
            if type(item) in (list, dict):
                _json(item)
            elif type(item) not in _SCALARS:
                _refuse(item)
    elif type(value) is dict:
        for name, item in value.items():
            if type(name) is not str:
                raise Invalid("a dict key that is not a string")
            if type(item) in (list, dict):
                _json(item)
            elif type(item) not in _SCALARS:
                _refuse(item)
    else:
        _refuse(value)
    return value


@functools.cache
def _codecs() -> _Codecs:
    """Built on first use: a run that reads and remembers no page does without it."""
    return _Codecs()

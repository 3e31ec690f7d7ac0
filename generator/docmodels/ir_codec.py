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
        # Set once the fields' tables are: the JSON types each field may be (checked at once,
        # in C), and the fields whose value may need converting (the rest are themselves).
        self.kinds: tuple[frozenset[type], ...] = ()
        self.converted: tuple[tuple[int, _Table], ...] = ()
        # Values that repeat across pages are built once (they are immutable): by their data
        # and its types, so that 1 and 1.0 and True stay apart (and no float: -0.0 == 0.0).
        self.shared: dict[tuple[Any, ...], Any] | None = {} if self.name in _SHARED else None

    def compile(self) -> None:
        self.kinds = tuple(frozenset(table) for table in self.decoders)
        self.converted = tuple(
            (index, table) for index, table in enumerate(self.decoders)
            if any(convert is not None for convert in table.values())
        )

    def encode(self, value: Any) -> list[Any]:
        out: list[Any] = [self.name]
        for item, table in zip(self.get(value), self.encoders, strict=True):
            convert = table.get(type(item), _refuse)
            out.append(item if convert is None else convert(item))
        return out

    def decode(self, data: list[Any]) -> Any:
        shared = self.shared
        if shared is not None:
            key = (*data, *map(type, data))
            known = shared.get(key)  # (a TypeError where data holds a list: no such value does)
            if known is not None:
                return known
        if len(data) != self.size or data[0] != self.name:
            raise Invalid(f"not a {self.name}")
        values = data[1:]
        if not all(map(frozenset.__contains__, self.kinds, map(type, values))):
            raise Invalid(f"a {self.name} with a field of another type")
        for index, table in self.converted:
            convert = table[type(values[index])]
            if convert is not None:
                values[index] = convert(values[index])
        value = self.cls(*values)
        if shared is not None and float not in key and len(shared) < _SHARED_AT_MOST:
            shared[key] = value
        return value


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
        self.reading = self._class(PageReading)

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
        codec.compile()
        return codec

    def _tables(self, hint: Any) -> tuple[_Table, _Table]:
        """The encoding and decoding tables of an annotation."""
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
            decoder[list] = lambda data: classes[data[0]].decode(data)
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

        return _sequence(item_encoder), {list: decode_all}


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


def _rows(row: tuple[type, ...]) -> Callable[[list[Any]], tuple[Any, ...]]:
    """A decoder of a tuple of tuples of scalars (a page's evidence, thirty pairs of ints),
    checked column by column."""
    width = len(row)

    def decode_rows(data: list[Any]) -> tuple[Any, ...]:
        if not (set(map(type, data)) <= {list} and set(map(len, data)) <= {width}):
            raise Invalid("an array of rows of another shape")
        cells = list(itertools.chain.from_iterable(data))
        for column, kind in enumerate(row):
            if not set(map(type, cells[column::width])) <= {kind}:
                raise Invalid("a row with an item of another type")
        return tuple(map(tuple, data))

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

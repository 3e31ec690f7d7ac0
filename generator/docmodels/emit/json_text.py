"""Indented JSON text (``json.dumps(value, indent=2)``, byte for byte), written fast and, for a
document whose one big entry is made one item at a time, streamed: ``ir`` and ``schema`` at
10,000 pages never hold the whole document or its text."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, repeat
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any, cast


@dataclass(frozen=True, slots=True)
class Items:
    """A JSON array whose items are made as they are written."""

    items: Iterable[object]


@dataclass(frozen=True, slots=True)
class Members:
    """A JSON object whose members (distinct keys) are made as they are written."""

    members: Iterable[tuple[str, object]]


class Shared(dict[str, Any]):
    """A JSON object made once and written many times, never changed once made (a schema's
    rule on an uncertain key's spellings: 72,386 of them at 10,000 models, 274 distinct, 28 MB
    of a 78 MB schema): the writer writes it once at each indent, and its text again after. To
    json itself, a dict."""

    __slots__ = ()


class SharedList(list[Any]):
    """Shared's array (an uncertain key's spellings: 72,386 lists, 143 distinct)."""

    __slots__ = ()


def streamed(document: Iterable[tuple[str, object]], ensure_ascii: bool = False) -> Iterator[str]:
    """The text ``json.dumps(dict(document), indent=2)`` is, in pieces; an entry whose value is
    Items or Members is written an item at a time, made only as it is written."""
    dump = indented(ensure_ascii)
    opening = "{"
    for key, value in document:
        yield f"{opening}\n  {dump(key, '  ')}: "
        opening = ","
        if isinstance(value, Items | Members):
            yield from _lazy(value, dump)
        else:
            yield dump(value, "  ")
    yield "{}" if opening == "{" else "\n}"


def _lazy(value: Items | Members, dump: Callable[[object, str], str]) -> Iterator[str]:
    inner = "    "
    first = True
    if isinstance(value, Items):
        for item in value.items:
            yield ("[" if first else ",") + "\n" + inner + dump(item, inner)
            first = False
        yield "[]" if first else "\n  ]"
        return
    for key, member in value.members:
        yield ("{" if first else ",") + "\n" + inner + dump(key, inner) + ": " + dump(member, inner)
        first = False
    yield "{}" if first else "\n  }"


# The shapes kept (a bound on what a page's odd default, a dict of many keys, makes a run hold),
# and the Shared objects' texts.
_SHAPE_KEYS = 32
_SHAPES = 1024
_SHARED = 4096


class _Unusual(Exception):
    """A value the fast path does not write: the standard library's encoder writes it."""


def indented(ensure_ascii: bool) -> Callable[[object, str], str]:
    """``dump(value, indent)``: the text ``json.dumps(value, indent=2)`` gives, each line after
    the first starting with ``indent``, for the plain data the IR is (dicts with string keys,
    lists, strings, numbers, booleans, None) at several times the speed: json's own encoder is
    pure Python wherever it indents, a chain of generators per level, and it was most of the
    time ``ir`` took. Anything else is left to json itself, which writes it or raises as ever."""
    string = encode_basestring_ascii if ensure_ascii else encode_basestring
    stdlib = json.JSONEncoder(indent=2, ensure_ascii=ensure_ascii)
    # How each scalar type is written, by a call in C (a float, which may be no JSON number,
    # is not here): a dict's or a list's scalar items are written without a call of ``write``.
    scalars: dict[type, Callable[[Any], str]] = {
        str: string, int: int.__repr__, bool: {True: "true", False: "false"}.__getitem__,
        type(None): {None: "null"}.__getitem__,
    }
    # A dict's keys as written before each value, and its closing, by its keys and indent:
    # the IR's dicts come in a few shapes, each written thousands of times.
    shapes: dict[tuple[tuple[str, ...], str], tuple[list[str], str, str]] = {}
    # Each Shared object's text, by its identity and indent (the object held: its identity
    # stays its own while it is here).
    texts: dict[tuple[int, str], tuple[Shared | SharedList, str]] = {}

    def shape(keys: tuple[str, ...], indent: str) -> tuple[list[str], str, str]:
        if not all(type(key) is str for key in keys):
            raise _Unusual
        inner = indent + "  "
        heads = [("{\n" if index == 0 else ",\n") + inner + string(key) + ": "
                 for index, key in enumerate(keys)]
        made = (heads, "\n" + indent + "}", inner)
        if len(keys) <= _SHAPE_KEYS:
            if len(shapes) >= _SHAPES:
                # (A schema's properties are a shape a model: the few shapes that repeat are
                # kept again as soon as they come back.)
                shapes.clear()
            shapes[(keys, indent)] = made
        return made

    def write(value: object, indent: str, out: list[str]) -> None:
        kind = type(value)
        heads: Iterable[str]
        items: Iterable[object]
        if kind is Shared or kind is SharedList:
            shared = cast(Shared | SharedList, value)
            found = texts.get((id(shared), indent))
            if found is None or found[0] is not shared:
                part: list[str] = []
                write(dict(shared) if kind is Shared else list(shared), indent, part)
                if len(texts) >= _SHARED:
                    texts.clear()
                found = texts[(id(shared), indent)] = (shared, "".join(part))
            out.append(found[1])
            return
        if kind is dict:
            if not value:
                out.append("{}")
                return
            keys: tuple[str, ...] = tuple(value)  # type: ignore[arg-type]
            heads, closing, inner = shapes.get((keys, indent)) or shape(keys, indent)
            items = value.values()  # type: ignore[attr-defined]
        elif kind is list or kind is tuple:
            if not value:
                out.append("[]")
                return
            inner = indent + "  "
            heads = chain(("[\n" + inner,), repeat(",\n" + inner))
            closing = "\n" + indent + "]"
            items = value  # type: ignore[assignment]
        elif (convert := scalars.get(kind)) is not None:
            out.append(convert(value))
            return
        elif kind is float and math.isfinite(value):  # type: ignore[arg-type]
            out.append(float.__repr__(value))
            return
        else:
            raise _Unusual
        for head, item in zip(heads, items):
            convert = scalars.get(type(item))
            if convert is not None:
                out.append(head + convert(item))
            else:
                out.append(head)
                write(item, inner, out)
        out.append(closing)

    def dump(value: object, indent: str) -> str:
        try:
            out: list[str] = []
            write(value, indent, out)
            return "".join(out)
        except _Unusual:
            return stdlib.encode(value).replace("\n", "\n" + indent)

    return dump

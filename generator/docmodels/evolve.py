"""``dataclasses.replace`` for the IR's frozen, slotted dataclasses, made once per class: a copy
with some fields changed. ``replace`` looks at the class's fields on every call (a run settles
some 100,000 fields at 10,000 pages: 4.5 µs each by replace, 2.4 by this), much as dataclasses
and attrs make ``__init__`` once per class from its declaration."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")

# A class's way to copy: its fields' values in order, each field's place, and a function that
# makes an instance of values in that order (each slot set as its __init__ sets it, past the
# frozen __setattr__, without the call).
_Copier = tuple[Callable[[Any], tuple[Any, ...]], dict[str, int], Callable[[list[Any]], Any]]
_COPIERS: dict[type, _Copier] = {}


def evolve(instance: T, **changes: Any) -> T:
    """``dataclasses.replace(instance, **changes)`` for a slotted dataclass whose fields are all
    set by ``__init__`` and which has no ``__post_init__`` (the IR's)."""
    cls = type(instance)
    copier = _COPIERS.get(cls)
    if copier is None:
        copier = _COPIERS[cls] = _copier(cls)
    values_of, place, make = copier
    values = list(values_of(instance))
    for name, value in changes.items():
        values[place[name]] = value
    copy: T = make(values)
    return copy


def _copier(cls: type) -> _Copier:
    names = [f.name for f in dataclasses.fields(cls)]
    if (not all(f.init for f in dataclasses.fields(cls)) or hasattr(cls, "__post_init__")
            or "__slots__" not in cls.__dict__ or len(names) < 2):
        raise TypeError(f"{cls.__name__}: evolve copies slotted dataclasses of plain fields")
    # Written once for the class, from its declaration alone (the number of its fields), as
    # dataclasses writes __init__: a loop over the setters took half the copy's time.
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    lines = ["def make(values):", "    made = new(cls)"]
    for index, name in enumerate(names):
        namespace[f"set{index}"] = getattr(cls, name).__set__
        lines.append(f"    set{index}(made, values[{index}])")
    lines.append("    return made")
    exec("\n".join(lines), namespace)  # noqa: S102  (the text above, made of field counts)
    return attrgetter(*names), {name: index for index, name in enumerate(names)}, namespace["make"]

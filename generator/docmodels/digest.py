"""A model's digest: a hash of everything it says, the key of what is made from it alone (the
render memo's scopes, emit/memo.py; the models a load's record keeps, loaded.py).

It is the hash of the model's pickle, from which pickle builds the model again, so that two
models with one digest are equal. Nothing here is ever unpickled: the pickle is only hashed.
"""

from __future__ import annotations

import copyreg
import dataclasses
import enum
import functools
import hashlib
import io
import operator
import pickle
from collections.abc import Callable
from typing import Any

from docmodels import diagnostics, ir, reading
from docmodels.ir import Model

_MODULES = (ir, diagnostics, reading)


def digest(model: Model) -> bytes:
    """The model's digest (sha256, 32 bytes). Pickled without pickle's memo, which would make
    it depend on which of the model's parts are one object: a model read from its page and the
    same model from the page cache (JSON) have one digest."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo (the model is a tree: nothing refers back)
    pickler.memo = _known()  # (looked up, never added to, in fast mode)
    pickler.dump(model)
    return hashlib.sha256(buffer.getbuffer()).digest()


@functools.cache
def _known() -> dict[int, tuple[int, object]]:
    """The IR's classes and enum members, as pickle's memo: each written as a reference to its
    place in this table (as pickle refers back to an object it wrote), not by its module and
    name looked up again some twenty times a model (half the digest's time: 0.35 s of a run at
    10,000 models). Never unpickled, only hashed; the table is fixed by the code, which every
    key made from a digest covers."""
    known: list[object] = []
    for module in _MODULES:
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                known.append(value)
                if issubclass(value, enum.Enum):
                    known.extend(value)
    return {index: (index, value) for index, value in enumerate(known)}  # (pickle reads values)


def _register_fast_pickling() -> None:
    """The IR's frozen dataclasses pickle as their constructor and field values, twice as fast
    as dataclasses' generic state (a run hashes every model's pickle). Registered when this
    module is imported, before any digest: a digest never depends on what was imported first."""
    for module in _MODULES:
        for value in vars(module).values():
            if not (isinstance(value, type) and dataclasses.is_dataclass(value)):
                continue
            if value.__module__ != module.__name__:
                continue
            names = [f.name for f in dataclasses.fields(value)]
            copyreg.pickle(value, _reducer(value, names))


def _reducer(cls: type, names: list[str]) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    if not names:
        return lambda obj: (cls, ())
    if len(names) == 1:
        get_one = operator.attrgetter(names[0])
        return lambda obj: (cls, (get_one(obj),))
    get = operator.attrgetter(*names)
    return lambda obj: (cls, get(obj))


_register_fast_pickling()

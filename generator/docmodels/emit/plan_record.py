"""The emitters' plan of names (python.plan_names) as the render memo keeps it between runs: a
run from scratch takes each unchanged model's names from it instead of planning every model's
again (0.2 s at 10,000 models).

A model's names read its own content and the names of all models (each class unique, an
attribute not shadowing a class the module binds), so the record holds every model's name in
order and each model's digest (RenderMemo.digest): it is taken only where the names are the
same, in the same order, and then only for a model whose digest is the one recorded.

It is JSON, checked field by field before anything of it is used: a cache folder may come from
somewhere untrusted, and a name read from it becomes a file's name and a Python identifier. A
record that is not exactly what this module writes is no record (everything is planned again).
"""

from __future__ import annotations

import keyword
from collections.abc import Iterable
from itertools import chain
from typing import Any

from docmodels.emit.memo import record_text
from docmodels.emit.python_names import RESERVED_MODULES, are_stems

KEY = "record:plan"
_SCALARS = {str, int, float, bool, type(None)}


def dumps(model_names: tuple[str, ...], digests: list[bytes], planned: list[Any]) -> str | None:
    """The record of a plan (``planned``: each model's ModelNames, in model order); None where
    JSON cannot hold it exactly (an enum value that is no finite number)."""
    rows = (
        [digest.hex(), n.class_name, n.module, n.page, list(n.attributes),
         [[value, member] for value, member in n.members.items()]]
        for digest, n in zip(digests, planned, strict=True)
    )
    try:
        return record_text(list(model_names), rows, allow_nan=False)
    except ValueError:
        return None


def loads(rows: list[Any] | None, count: int) -> list[tuple[bytes, Any]] | None:
    """Each model's recorded digest and names (ModelNames), in model order, from the rows of
    a record of these very model names (RenderMemo.recorded, its head the names: ``count`` of
    them), where every name in it is one a plan could hold; else None. (Checked a column at a
    time, by loops in C: 10,000 models' names are some 100,000.)"""
    from docmodels.emit.python import ModelNames

    if rows is None or len(rows) != count:
        return None
    try:
        if not set(map(type, rows)) <= {list} or not set(map(len, rows)) <= {6}:
            return None
        digests, classes, modules, pages, attributes, members = [
            list(column) for column in zip(*rows, strict=True)] or [[]] * 6
        if not (set(map(type, attributes)) <= {list} and set(map(type, members)) <= {list}):
            return None
        pairs = list(chain.from_iterable(members))
        if not (set(map(type, pairs)) <= {list} and set(map(len, pairs)) <= {2}):
            return None
        identifiers = [*classes, *modules, *chain.from_iterable(attributes),
                       *(pair[1] for pair in pairs)]
        if not (set(map(type, [*identifiers, *pages])) <= {str}
                and all(map(str.isidentifier, identifiers))
                and not _KEYWORDS.intersection(identifiers)
                and set(map(type, (pair[0] for pair in pairs))) <= _SCALARS
                and are_stems(modules) and not RESERVED_MODULES.intersection(modules)
                and are_stems(pages) and "readme" not in map(str.lower, pages)
                and _distinct(classes) and _distinct(map(str.lower, modules))
                and _distinct(map(str.lower, pages))):
            return None
        return [
            (bytes.fromhex(digest), ModelNames(class_name, module, dict(map(tuple, pairs_of)),
                                               tuple(attrs), page))
            for digest, class_name, module, page, attrs, pairs_of
            in zip(digests, classes, modules, pages, attributes, members, strict=True)
        ]
    except (ValueError, TypeError, AttributeError, RecursionError):
        return None


_KEYWORDS = frozenset(keyword.kwlist)


def _distinct(names: Iterable[str]) -> bool:
    seen = list(names)
    return len(set(seen)) == len(seen)

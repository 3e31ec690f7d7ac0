"""Results of pure per-model steps, kept between the runs of a watch by the identity of what
they read.

A watch keeps each page's reading between runs (session.py), so an unchanged page gives the very
same frozen model objects to the next run. A step that reads only a few such objects (a model,
the models it refers to) and a few plain values gives the same result for the same objects: the
result is kept under their identities (and the values) and handed back while they are the very
objects it was made from. One saved page then costs the steps that read its model, not those of
all 10,000. Each step says what it reads in one place, its call to ``get``; the result is kept
with the objects (so that their identities stay theirs), and like the session, a recall holds
what the latest run used and nothing older.

A step over every model takes the list at once (``map``): where every model is the very one
it was, the last list is the answer, found by a loop in C; else only the changed ones are made.
A step that checks for itself what of its last run still holds keeps that run's record
(``put_while``, ``last``): the emitters' and resolution's records of what each file or model
was made from.

Identity, not equality, is the key: comparing two models costs as much as the step it saves.
Where the objects are not the same (a run without a watch, a page read again), the step is done
again; the result is the same either way (tests/test_watch_session.py).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from operator import is_
from typing import Any, TypeVar

T = TypeVar("T")

_Entry = tuple[tuple[object, ...], Any]


class Recall:
    """Step results by (step, the identities of the objects read, the plain values read)."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, _Entry] = {}  # what the latest finished run used
        self._used: dict[Hashable, _Entry] = {}  # what the run under way has used so far

    def get(
        self, step: str, objects: tuple[object, ...], values: Hashable, make: Callable[[], T]
    ) -> T:
        """``make()``, or what it gave before for the very same ``objects`` and equal
        ``values``; ``make`` must read nothing else (besides what is constant for a watch)."""
        # (Asked some 150,000 times a run at 10,000 models: the key of one object is its id,
        # and the identities are checked by a loop in C.)
        key = (step, id(objects[0]) if len(objects) == 1 else tuple(map(id, objects)), values)
        found = self._used.get(key)
        if found is None:
            found = self._kept.get(key)
        if found is not None and len(found[0]) == len(objects) and all(
            map(is_, found[0], objects)
        ):
            self._used[key] = found
            result: T = found[1]
            return result
        result = make()
        self._used[key] = (objects, result)
        return result

    def map(
        self, step: str, items: Sequence[object], values: Hashable, make: Callable[[Any], T]
    ) -> list[T]:
        """``[make(item) for item in items]``, each result what it was for the very same item
        in this step's last list of equal ``values``: where every item is the very one, the
        last list itself, found by a loop in C (a recall an item cost 2 µs, a tenth of a
        saved page's time at 10,000 models); ``make`` must read nothing but its item and
        what ``values`` covers. The list may be the one given before: read it, never change
        it."""
        key = (step, None, values)
        found = self._used.get(key)
        if found is None:
            found = self._kept.get(key)
        items = tuple(items)
        results: list[T]
        if found is None:
            results = [make(item) for item in items]
        else:
            before, made = found
            same = list(map(is_, before, items)) if len(before) == len(items) else None
            if same is not None and all(same):
                results = made
            elif same is not None and same.count(False) == 1:
                # One item changed (a saved page): it is no item of the last list, which
                # would have left its own place too.
                results = list(made)
                changed = same.index(False)
                results[changed] = make(items[changed])
            else:  # items changed, or moved (a page added): found by identity
                by_id = {id(a): (a, r) for a, r in zip(before, made)}
                results = [
                    hit[1] if (hit := by_id.get(id(a))) is not None and hit[0] is a else make(a)
                    for a in items
                ]
        self._used[key] = (items, results)
        return results

    def get_while(
        self, step: str, values: Hashable, still: Callable[[T], bool], make: Callable[[], T]
    ) -> T:
        """``make()``, or what it gave before for equal ``values`` while ``still`` holds of it
        (for a step that finds what it reads as it goes: the result says what it read)."""
        key = (step, (), values)
        found = self._used.get(key)
        if found is None:
            found = self._kept.get(key)
        if found is not None and still(found[1]):
            self._used[key] = found
            result: T = found[1]
            return result
        result = make()
        self._used[key] = ((), result)
        return result

    def last(self, step: str, values: Hashable) -> Any:
        """What ``put_while`` kept for these ``values`` in the last run (or this one), or None:
        for a step that checks for itself what of it still holds."""
        found = self._used.get((step, (), values))
        if found is None:
            found = self._kept.get((step, (), values))
        return found[1] if found is not None else None

    def put_while(self, step: str, values: Hashable, result: object) -> None:
        """Keep ``result`` for ``get_while`` of these ``values`` in place of what it gave."""
        self._used[(step, (), values)] = ((), result)

    def settle(self) -> None:
        """A run is done: what it used is kept, the rest let go."""
        self._kept, self._used = self._used, {}

    def __len__(self) -> int:
        return len(self._kept)


class Same:
    """A value that is equal only to one of the very same object, which it holds (so that its
    identity stays its own while the recall keeps it): for ``map``'s values."""

    __slots__ = ("object",)

    def __init__(self, held: object) -> None:
        self.object = held

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.object is self.object

    def __hash__(self) -> int:
        return id(self.object)


def recalled(
    recall: Recall | None, step: str, objects: tuple[object, ...], values: Hashable,
    make: Callable[[], T],
) -> T:
    """``recall.get(...)``, or ``make()`` where there is no recall (a run outside a watch)."""
    if recall is None:
        return make()
    return recall.get(step, objects, values, make)


def mapped(
    recall: Recall | None, step: str, items: Sequence[object], values: Hashable,
    make: Callable[[Any], T],
) -> list[T]:
    """``recall.map(...)``, or ``[make(item) for item in items]`` where there is no recall."""
    if recall is None:
        return [make(item) for item in items]
    return recall.map(step, items, values, make)

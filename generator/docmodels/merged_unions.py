"""Pages that write a oneOf of objects as one object: every member's properties in one table.

python, go, dart, javascript, perl, php, powershell, swift, c and others write a oneOf (or
anyOf) whose members are objects as a single model: its table lists the first member's
properties, then each next member's new ones, and marks required every property some member
requires. Read as written, the model rejects every payload the API sends (each member's payload
lacks the other members' required properties). The members' own pages are in the folder, and
nothing else refers to them: that is the evidence read here.

A model is read as the union of such member pages where all of this holds, each test a way a
plain object or an allOf differs (checked over the real sample's folders; coincidences of
small models are common, so every test is needed):

- the members are pages no property, union or allOf in the folder refers to, each with
  properties that are all the model's own (name and type), fewer than it has;
- the largest of them (those no other one contains) are at least two, each has a property
  the others lack, all share one that their pages write differently (the property that tells
  them apart, as ``type``: the parts of an allOf share theirs from one base), and
  together they have exactly the model's properties, in the model's order: each one's new
  properties in turn, as the generator wrote them (kotlin: the required ones so, then the
  optional ones);
- a property is required in the model exactly where some member requires it;
- it matters: some member lacks a property the model requires (where none does, the model as
  written already takes every member's payloads, and is left alone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from docmodels.diagnostics import Diagnostic, warning
from docmodels.ir import Field, Model, ModelKind, Reference, TypeExpr, model_references
from docmodels.recall import Recall, Same, mapped, recalled


def with_merged_unions(
    by_name: dict[str, Model], diagnostics: list[Diagnostic], recall: Recall | None = None
) -> dict[str, Model]:
    """The models, each page that writes a oneOf of objects as one object (see the module)
    read as the union of its members' pages, with a warning at it naming them. ``recall``:
    what the earlier runs of a watch found (recall.py): each model's references, each folder's
    index of its orphans while they are the same, each model's merge while it and that index
    are."""
    folders: dict[str, list[Model]] = {}
    for model in by_name.values():
        folders.setdefault(model.folder, []).append(model)
    result = dict(by_name)
    for folder, models in folders.items():
        orphans = _orphans(folder, models, recall)
        if len(orphans) < 2:
            continue
        index = recalled(recall, "unions.index", tuple(orphans), None,
                         partial(_Index, orphans))
        merges = mapped(recall, "unions.merged", models, (folder, Same(index)),
                        partial(_merged, index=index))
        for model, merged in zip(models, merges, strict=True):
            if merged is not None:
                result[model.name] = merged[0]
                diagnostics.append(merged[1])
    return result


def _merged(model: Model, index: _Index) -> tuple[Model, Diagnostic] | None:
    """``model`` read as the union of the orphans its table merges, and the warning that says
    so; None where it merges none."""
    members = _members(model, index.within(model))
    if members is None:
        return None
    return replace(
        model,
        kind=ModelKind.UNION,
        fields=(),
        variants=tuple(Reference(m.name) for m in members),
    ), warning(
        model.location,
        f"the table of {model.name!r} lists the properties of {len(members)} "
        f"models no other page refers to ({_shown(members)}), each one's required "
        "ones required, as generators write a oneOf of objects: read as one of them",
    )


def _orphans(
    folder: str, models: Sequence[Model], recall: Recall | None = None
) -> list[Model]:
    """The folder's objects with properties that nothing in the folder refers to."""
    referred: set[str] = set()
    for names in mapped(recall, "unions.referred", models, folder, _referred):
        referred.update(names)
    return [
        m for m in models
        if m.kind is ModelKind.OBJECT and m.fields and not m.bases and m.name not in referred
    ]  # fmt: skip


def _referred(model: Model) -> frozenset[str]:
    """The names a model's bases, properties and members refer to."""
    return frozenset((*model.bases, *model_references(model)))


Signature = dict[str, TypeExpr]


class _Index:
    """The orphans by their rarest property, so that finding those whose properties are all a
    model's own looks at few of them, not all (a folder may hold thousands)."""

    def __init__(self, orphans: Sequence[Model]) -> None:
        counts: dict[tuple[str, TypeExpr], int] = {}
        for orphan in orphans:
            for field in orphan.fields:
                key = (field.name, field.type)
                counts[key] = counts.get(key, 0) + 1
        self._by_key: dict[tuple[str, TypeExpr], list[Model]] = {}
        for orphan in orphans:
            rarest = min(
                ((f.name, f.type) for f in orphan.fields), key=lambda k: (counts[k], k[0])
            )
            self._by_key.setdefault(rarest, []).append(orphan)

    def within(self, model: Model) -> list[Model]:
        """The orphans (other than ``model``) whose every property is one of ``model``'s,
        with the same type, and that have fewer."""
        own = _signature(model)
        found = []
        for name, type_expr in own.items():
            for orphan in self._by_key.get((name, type_expr), ()):
                if (
                    orphan.name != model.name
                    and len(orphan.fields) < len(own)
                    and all(own.get(f.name) == f.type for f in orphan.fields)
                ):
                    found.append(orphan)
        return found


def _signature(model: Model) -> Signature:
    return {field.name: field.type for field in model.fields}


def _required(fields: Sequence[Field]) -> set[str]:
    return {field.name for field in fields if field.required}


def _members(model: Model, inside: Sequence[Model]) -> list[Model] | None:
    """The member pages ``model``'s table merges, in the order it lists them; None where the
    evidence is not all there (the module's tests). ``inside``: the orphans whose properties
    are all ``model``'s own, fewer than it has."""
    if model.kind is not ModelKind.OBJECT or model.bases or len(model.fields) < 3:
        return None
    own = _signature(model)
    required = _required(model.fields)
    if not required or len(inside) < 2:
        return None
    names = {m.name: set(_signature(m)) for m in inside}
    largest = [
        m for m in inside
        if not any(o.name != m.name and names[m.name] < names[o.name] for o in inside)
    ]  # fmt: skip
    if len(largest) < 2 or set().union(*(names[m.name] for m in largest)) != set(own):
        return None
    for m in largest:
        others = set().union(*(names[o.name] for o in largest if o is not m))
        if not names[m.name] - others:
            return None
    if not _told_apart(largest, set.intersection(*(names[m.name] for m in largest))):
        return None
    if any(not _required(m.fields) <= required for m in inside):
        return None
    if not required <= set().union(*(_required(m.fields) for m in inside)):
        return None
    if all(required <= names[m.name] for m in inside):
        return None
    order = _decomposition(model, largest)
    if order is None:
        return None
    # The members no larger one was needed for come after, in the order of their first
    # property in the table: a value is tried against each in turn.
    position = {field.name: i for i, field in enumerate(model.fields)}
    rest = sorted(
        (m for m in inside if m not in order),
        key=lambda m: (min(position[f.name] for f in m.fields), m.name),
    )
    return order + rest


# The most steps the search for the members' order may take: a real page takes one per member;
# pages written to make the search blow up get no union.
_STEPS = 10_000


def _told_apart(members: Sequence[Model], shared: set[str]) -> bool:
    """Whether some property all ``members`` have is written differently on their pages (its
    default, values or description), as a oneOf's ``type`` is (``auLocal``, ``iban``): the
    parts of an allOf share their properties from one base, written alike."""
    for name in shared:
        spellings = {
            (f.description, f.default, f.enum_values)
            for m in members
            for f in m.fields
            if f.name == name
        }
        if len(spellings) > 1:
            return True
    return False


def _decomposition(model: Model, members: list[Model]) -> list[Model] | None:
    """The members in the order the model's table runs through them: each one's new
    properties in turn, in its page's order. Kotlin lists required properties first, on every
    page: there the required ones run so, then the optional ones. None where no order does."""
    names = [f.name for f in model.fields]
    whole = _runs(names, [[f.name for f in m.fields] for m in members])
    if whole is not None:
        return [members[i] for i in whole]
    required = [f.name for f in model.fields if f.required]
    if names[: len(required)] != required:
        return None  # not required-first either
    first = _runs(required, [[f.name for f in m.fields if f.required] for m in members])
    then = _runs(names[len(required) :],
                 [[f.name for f in m.fields if not f.required] for m in members])
    if first is None or then is None:
        return None
    return [members[i] for i in dict.fromkeys([*first, *then])]


def _runs(names: list[str], lists: list[list[str]]) -> list[int] | None:
    """The indexes of ``lists`` in an order whose new names, each list's in its order, run
    through ``names`` exactly (a list with nothing new anywhere is left out); None where no
    order does."""
    budget = [_STEPS]

    def walk(at: int, seen: frozenset[str], left: tuple[int, ...]) -> list[int] | None:
        budget[0] -= 1
        if budget[0] < 0:
            return None  # pages made to be slow to decompose: not read as a union
        if at == len(names):
            return [] if all(set(lists[i]) <= seen for i in left) else None
        for index in left:
            new = [name for name in lists[index] if name not in seen]
            if new and names[at : at + len(new)] == new:
                rest = tuple(i for i in left if i != index)
                found = walk(at + len(new), seen | set(new), rest)
                if found is not None:
                    return [index, *found]
        return None

    return walk(0, frozenset(), tuple(range(len(lists))))


def _shown(members: Sequence[Model]) -> str:
    names = [m.name for m in members]
    return ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")

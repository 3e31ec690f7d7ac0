"""Resolution across pages: unique model names, references that land, defaults that fit."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, replace

from docmodels.bare_containers import bare_container, read_as
from docmodels.collisions import with_mapped_models, with_unwritten_models
from docmodels.diagnostics import Diagnostic, Location, error, lost, warning
from docmodels.empty_tables import with_linked_empty_tables
from docmodels.inherit import with_bases
from docmodels.ir import (
    AnyValue,
    Default,
    Field,
    Model,
    ModelKind,
    ModelSet,
    Primitive,
    Reference,
    TypeExpr,
    UnreadPage,
    identical,
    model_references,
    referenced_names,
    with_innermost,
)
from docmodels.merged_unions import with_merged_unions
from docmodels.recall import Recall, mapped
from docmodels.values import conforms, describe


def resolve(
    models: list[Model],
    left_out: tuple[UnreadPage, ...] = (),
    skipped: tuple[UnreadPage, ...] = (),
    recall: Recall | None = None,
) -> tuple[ModelSet, list[Diagnostic]]:
    """``left_out``, ``skipped``: the pages that gave no model (model pages that could not be
    read, pages that are no model pages), so that a reference to one says why its model is not
    there. A reference to a model no page gives becomes Any, with a loss at the reference.
    ``recall``: what the earlier runs of a watch landed (recall.py)."""
    diagnostics: list[Diagnostic] = []
    why_absent = {page.name: page for page in (*skipped, *left_out) if page.name}
    by_name: dict[str, Model] = {}
    for model in sorted(models, key=lambda m: (m.location.path, m.name)):
        first = by_name.get(model.name)
        if first is not None:
            diagnostics.append(
                error(
                    model.location,
                    f"duplicate model {model.name!r} (also defined at {first.location})",
                )
            )
            continue
        by_name[model.name] = model
    by_name = with_bases(by_name, diagnostics)
    by_name = with_merged_unions(by_name, diagnostics, recall)
    by_name = with_linked_empty_tables(by_name, diagnostics)
    by_page = {posixpath.normpath(m.location.path): m.name for m in by_name.values()}
    by_name = with_mapped_models(by_name, by_page, diagnostics, recall)
    by_name = with_unwritten_models(by_name, by_page, diagnostics)
    enums = {
        m.name: tuple(v.value for v in m.enum_values)
        for m in by_name.values()
        if m.kind is ModelKind.ENUM
    }
    resolved: list[Model] = []
    # In a watch: what the last run landed each model from. A model that is the very one it
    # was, and reads none that moved, with the same pages and absences, lands as it did.
    last: _Landed | None = recall.last("resolve.landed", None) if recall is not None else None
    moved: set[str] | None = None
    if last is not None and last.by_page == by_page and last.why_absent == why_absent:
        moved = {n for n, m in by_name.items() if last.by_name.get(n) is not m}
        moved.update(last.by_name.keys() - by_name.keys())
    models_now = list(by_name.values())
    reads = mapped(recall, "resolve.names", models_now, None, _named_and_linked)
    named_now: dict[str, tuple[str, ...]] = {}
    landings: dict[str, tuple[Model, tuple[Diagnostic, ...]]] = {}
    for model, (names, linked) in zip(models_now, reads, strict=True):
        name = model.name
        if last is not None and moved is not None and name not in moved:
            named = last.named[name]
            if moved.isdisjoint(named):
                landings[name] = last.landings[name]
                named_now[name] = named
                continue
        # What landing a model's references reads: the model, the models it names or links
        # (or why one is absent).
        landed = tuple(by_page.get(page) for page in linked)
        named = tuple(sorted({*names, *(n for n in landed if n is not None)}))
        named_now[name] = named
        landings[name] = _steady_land(
            last.landings if last is not None else {}, model, by_name, by_page, why_absent,
            enums,
        )
    for landing, found in landings.values():
        resolved.append(landing)
        diagnostics.extend(found)
    if recall is not None:
        recall.put_while("resolve.landed", None,
                         _Landed(by_name, by_page, why_absent, named_now, landings))
    resolved.sort(key=lambda m: m.name)
    return ModelSet(tuple(resolved), left_out, skipped), diagnostics


@dataclass(frozen=True, slots=True)
class _Landed:
    """What a run of a watch landed: the models before landing, their pages, the pages that
    gave none, the models each read, and each landing with what it found."""

    by_name: dict[str, Model]
    by_page: dict[str, str]
    why_absent: dict[str, UnreadPage]
    named: dict[str, tuple[str, ...]]
    landings: dict[str, tuple[Model, tuple[Diagnostic, ...]]]


def _steady_land(
    last: dict[str, tuple[Model, tuple[Diagnostic, ...]]], model: Model,
    by_name: dict[str, Model], by_page: dict[str, str], why_absent: dict[str, UnreadPage],
    enums: Mapping[str, tuple[object, ...]],
) -> tuple[Model, tuple[Diagnostic, ...]]:
    """``_land``, giving the model the last run landed where the landing is identical to it
    (else a model that refers to one that changed, landed again, would be a new object, and so
    each that refers to it, through every step after: recall.py's identities)."""
    landing, found = _land(model, by_name, by_page, why_absent, enums)
    before = last.get(landing.name)
    if before is not None and identical(before[0], landing):
        return before[0], found
    return landing, found


def _named_and_linked(model: Model) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The model names a model's members and properties refer to, and the pages its properties'
    type cells link (normalised paths, as ``_linked_model`` finds them)."""
    names = model_references(model)
    linked = tuple(
        posixpath.normpath(posixpath.join(posixpath.dirname(f.location.path), f.linked_page))
        for f in model.fields if f.linked_page is not None
    )
    return tuple(sorted(names)), linked


def _land(
    model: Model, by_name: dict[str, Model], by_page: dict[str, str],
    why_absent: dict[str, UnreadPage], enums: Mapping[str, tuple[object, ...]],
) -> tuple[Model, tuple[Diagnostic, ...]]:
    """The model with its references landed (one to no model made Any, a linked page made a
    reference) and its defaults checked, and what that found. Of the other models it reads
    only those ``_named_and_linked`` gives, and of ``by_page`` and ``why_absent`` only theirs
    (what the caller's recall is keyed by)."""
    diagnostics: list[Diagnostic] = []
    variants = []
    for variant in model.variants:
        for name in referenced_names(variant):
            if name not in by_name:
                diagnostics.append(
                    lost(
                        model.location,
                        f"member {name!r} of {model.name!r} is no model"
                        f"{_absent(name, why_absent)}; read as any value",
                    )
                )
        variants.append(_without_dangling(variant, by_name))
    if tuple(variants) != model.variants:
        model = replace(model, variants=tuple(variants))
    fields = []
    for field in model.fields:
        if field.linked_page is not None:
            field = _linked_model(field, by_page)
        dangling = [name for name in referenced_names(field.type) if name not in by_name]
        bare = {name: c for name in dangling if (c := bare_container(name)) is not None}
        if bare:
            # [**Array**](array.md): no model, a list whose items the page does not name
            for name, container in bare.items():
                diagnostics.append(
                    warning(field.location, read_as(field.name, repr(name), container))
                )
            field = replace(field, type=_without_dangling(field.type, by_name, bare=True))
            dangling = [name for name in dangling if name not in bare]
        for name in dangling:
            loss = lost(
                _type_location(field),
                f"property {field.name!r} refers to model {name!r}, which no page "
                f"defines{_absent(name, why_absent)}; read as any value",
            )
            # A model whose page gave none is no typo: nothing to suggest.
            diagnostics.append(loss if name in why_absent else replace(loss, unknown=name))
        if dangling:
            field = replace(
                field,
                type=_without_dangling(field.type, by_name),
                unread=field.unread or f"model {dangling[0]!r} is not read"
                f"{_absent(dangling[0], why_absent)}",
            )
        if field.default_member is not None and field.default is None:
            field = _member_default(field, by_name, diagnostics)
        default = field.default
        if (
            default is not None
            and isinstance(field.type, Reference)
            and field.type.name in by_name
            and not conforms(default.value, field.type, enums)
        ):
            diagnostics.append(
                warning(
                    field.location,
                    f"property {field.name!r}: default {default.text} is not a valid "
                    f"{describe(field.type)}; ignored",
                )
            )
            field = replace(field, default=None)
        fields.append(field)
    if any(new is not old for new, old in zip(fields, model.fields, strict=True)):
        # (Most models land as they are: no copy of them.)
        model = replace(model, fields=tuple(fields))
    return model, tuple(diagnostics)


def _linked_model(field: Field, by_page: dict[str, str]) -> Field:
    """The field with the scalar its type cell links to made a reference to the model on the
    linked page, where the folder has one (Field.linked_page)."""
    assert field.linked_page is not None
    page = posixpath.normpath(
        posixpath.join(posixpath.dirname(field.location.path), field.linked_page)
    )
    name = by_page.get(page)
    if name is None:
        return field

    def swap(t: TypeExpr) -> TypeExpr:
        return Reference(name) if isinstance(t, Primitive) else t

    return replace(field, type=with_innermost(field.type, swap), linked_page=None)


def _type_location(field: Field) -> Location:
    """Where the field's Type cell is (its Name cell's line), else the field's own location."""
    if field.type_column is None:
        return field.location
    return replace(field.location, column=field.type_column)


def _absent(name: str, why: dict[str, UnreadPage]) -> str:
    page = why.get(name)
    return "" if page is None else f" (its page {page.path} gave none: {page.reason})"


def _without_dangling(
    type_expr: TypeExpr, by_name: dict[str, Model], *, bare: bool = False
) -> TypeExpr:
    """The type with every reference to a model not in ``by_name`` made Any; with ``bare``, only
    the references named like a container (``Array``), made that container of Any."""

    def landed(t: TypeExpr) -> TypeExpr:
        if not isinstance(t, Reference) or t.name in by_name:
            return t
        if not bare:
            return AnyValue()
        container = bare_container(t.name)
        return t if container is None else container

    return with_innermost(type_expr, landed)


def _member_default(field: Field, by_name: dict[str, Model], diagnostics: list[Diagnostic]) -> Field:
    """The value of the enum member a default names, read on the enum's page."""
    assert field.default_member is not None
    written = field.default_member
    target = by_name.get(field.type.name) if isinstance(field.type, Reference) else None
    if target is None:
        return field  # the dangling reference is reported already (and read as any value)
    if target.kind is ModelKind.ENUM:
        members = {value.name: value.value for value in target.enum_values}
        for name in written.names:
            if name in members:
                return replace(field, default=Default(members[name], written.text))
        problem = f"{target.name} has no member {written.names[0]!r}"
    else:
        problem = f"the page of {target.name} lists no enum members"
    diagnostics.append(
        warning(field.location, f"property {field.name!r}: default {written.text}: {problem}; ignored")
    )
    return field

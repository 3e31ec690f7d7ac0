"""Models the spec names like a type the generator maps: ``Date``, ``DateTime``, ``File``.

OpenAPI Generator looks a schema's name up in its type mapping before it treats it as a model, so
a schema named ``Date`` becomes the language's date type wherever it is used (``LocalDate``,
``\\DateTime``, ``Date``), while its page is still written (as ``Date.md``, or renamed
``ModelDate.md``). Such a folder holds a model no property refers to, and properties whose type
is written as the generator writes that model: whether each is the scalar or the model, the page
does not say. They are read as either (a string, or an object of the model): a value tells them
apart. Rows that link the model's page (``[**Date**](Date.md)``) are references already
(Field.linked_page), and a model some property refers to is left alone: its generator did not
map it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace

from docmodels.diagnostics import Diagnostic, lost, warning
from docmodels.dialects.registry import DIALECTS
from docmodels.ir import (
    AnyValue,
    EitherOf,
    Field,
    MapOf,
    Model,
    ModelKind,
    Primitive,
    Reference,
    TypeExpr,
    innermost,
    referenced_names,
    with_innermost,
)
from docmodels.recall import Recall, mapped

# The type a model's name maps to (its name lowercased, without the generator's "Model" or
# "model_" prefix): the format a row of that type reads as, what to call it, and the last word
# of each spelling generators write for it. The family as read across the real sample's
# generators (a model named Date: LocalDate in java and kotlin, DateTime in dart, \DateTime in
# php, System.DateTime in powershell, Date in swift, ruby, julia and javascript; DateTime:
# OffsetDateTime, datetime, DATE_TIME, Date, Time...).
_MAPPED: dict[str, tuple[str, str, frozenset[str]]] = {
    "date": ("date", "date", frozenset({
        "Date", "LocalDate", "DateOnly", "DateTime", "date", "DATE", "NSDate",
    })),
    "datetime": ("date-time", "date-time", frozenset({
        "DateTime", "OffsetDateTime", "ZonedDateTime", "LocalDateTime", "DateTimeOffset",
        "Instant", "Date", "datetime", "DATE_TIME", "Time", "NSDate",
    })),
    "file": ("binary", "file", frozenset({
        "File", "Blob", "Buffer", "FileInfo", "SplFileObject", "MultipartFile", "UploadedFile",
        "HttpFile", "FileParameter", "Stream", "bytearray", "NSURL", "URL",
    })),
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _mapped_name(model: Model) -> str | None:
    """The mapped type a model is named like, by its name or its page's (kotlin titles a
    model named Date ``# java.time.LocalDate`` on its page ``Date.md``)."""
    stem = posixpath.splitext(posixpath.basename(model.location.path))[0]
    for name in (model.name, stem):
        bare = name.lower().replace("_", "")
        if bare.startswith("model") and bare != "model":
            bare = bare[len("model") :]
        if bare in _MAPPED:
            return bare
    return None


def with_mapped_models(
    by_name: dict[str, Model], by_page: dict[str, str], diagnostics: list[Diagnostic],
    recall: Recall | None = None,
) -> dict[str, Model]:
    """The models with each property written as a mapped model's type (see the module) read as
    that type or the model. ``by_page``: each model's page, normalized, to its name;
    ``recall``: each model's mapped name, as the earlier runs of a watch found it."""
    models = list(by_name.values())
    candidates = [
        m for m, mapped_as in zip(models, mapped(recall, "collisions.mapped", models, None,
                                                 _mapped_name), strict=True)
        if m.kind is ModelKind.OBJECT and mapped_as is not None
    ]  # fmt: skip
    if not candidates:
        return by_name
    referred: set[tuple[str, str]] = set()
    for model in by_name.values():
        folder = model.folder
        for field in model.fields:
            names = set(referenced_names(field.type))
            if field.linked_page is not None:
                page = posixpath.normpath(posixpath.join(folder, field.linked_page))
                names.add(by_page.get(page, ""))
            referred.update((folder, name) for name in names if name != model.name)
        for variant in model.variants:
            referred.update((folder, name) for name in referenced_names(variant))
    # folder -> word -> the models a property so written may be
    words_of: dict[str, dict[str, set[str]]] = {}
    for model in candidates:
        folder = model.folder
        if (folder, model.name) in referred:
            continue
        key = _mapped_name(model)
        assert key is not None
        for word in _MAPPED[key][2]:
            words_of.setdefault(folder, {}).setdefault(word, set()).add(model.name)
    if not words_of:
        return by_name
    result: dict[str, Model] = {}
    counts: dict[str, list[str]] = {}
    for name, model in by_name.items():
        folder = model.folder
        words = words_of.get(folder)
        if not words:
            result[name] = model
            continue
        fields = []
        for field in model.fields:
            target = _target(field, words, by_name, folder, by_page)
            if target is not None:
                field = _either(field, target)
                counts.setdefault(target, []).append(f"{model.name}.{field.name}")
            fields.append(field)
        result[name] = replace(model, fields=tuple(fields))
    for target, where in sorted(counts.items()):
        model = by_name[target]
        key = _mapped_name(model)
        assert key is not None
        shown = ", ".join(where[:3]) + (
            f" and {len(where) - 3} more" if len(where) > 3 else ""
        )
        diagnostics.append(
            warning(
                model.location,
                f"no property refers to model {target!r}, and the generator writes a model "
                f"named so as it writes a {_MAPPED[key][1]}: {len(where)} "
                f"propert{'y' if len(where) == 1 else 'ies'} written so ({shown}) "
                f"{'is' if len(where) == 1 else 'are'} read as either",
            )
        )
    return result


def _target(
    field: Field,
    words: dict[str, set[str]],
    by_name: dict[str, Model],
    folder: str,
    by_page: dict[str, str],
) -> str | None:
    """The one mapped model the field's spelling may stand for; where it may stand for two
    (dart writes DateTime for a Date and a DateTime), the one of the format the row reads. A
    row that links a model's page is a reference to it (Field.linked_page), not one of these.
    """
    if field.spelled is None:
        return None
    linked = field.linked_page
    if (
        linked is not None
        and posixpath.normpath(posixpath.join(folder, linked)) in by_page
    ):
        return None
    found: set[str] = set()
    for word in _WORD.findall(field.spelled):
        found |= words.get(word, set())
    if len(found) > 1:
        inner = innermost(field.type)
        read = inner.format if isinstance(inner, Primitive) else None
        found = {
            name
            for name in found
            if _MAPPED[_mapped_name(by_name[name]) or ""][0] == read
        }
    return found.pop() if len(found) == 1 else None


def _either(field: Field, target: str) -> Field:
    # The model first: it is what the spec says, and a target that can hold one member only
    # (msgspec, beside a date-time) keeps it.
    def widen(t: TypeExpr) -> TypeExpr:
        return EitherOf((Reference(target), t)) if isinstance(t, Primitive) else t

    return replace(field, type=with_innermost(field.type, widen))


def with_unwritten_models(
    by_name: dict[str, Model], by_page: dict[str, str], diagnostics: list[Diagnostic]
) -> dict[str, Model]:
    """The models with each date or date-time row that links a page the folder lacks, in a
    dialect that links no date (Dialect.links_dates False), read as that type or an object
    (see the module). ``by_page``: each model's page, normalized, to its name."""
    unlinked = {d.name for d in DIALECTS if getattr(d, "links_dates", None) is False}
    result = dict(by_name)
    for name, model in by_name.items():
        if model.dialect not in unlinked:
            continue
        fields = list(model.fields)
        changed = False
        for index, field in enumerate(fields):
            stem = _unwritten(field, model.folder, by_page)
            if stem is None:
                continue
            diagnostics.append(
                lost(
                    field.location,
                    f"property {field.name!r} links {field.linked_page}, which the folder "
                    f"lacks, and {model.dialect} pages link no date: a spec model the "
                    f"generator writes as {stem} (as it writes one named DateTime or Date) "
                    "and wrote no page for; read as that type or an object of properties "
                    "no page gives",
                )
            )
            fields[index] = _or_object(field, stem)
            changed = True
        if changed:
            result[name] = replace(model, fields=tuple(fields))
    return result


def _unwritten(field: Field, folder: str, by_page: dict[str, str]) -> str | None:
    """The model a date row's link names, where the page it links is not in the folder."""
    linked = field.linked_page
    inner = innermost(field.type)
    if (
        linked is None
        or not isinstance(inner, Primitive)
        or inner.format not in ("date", "date-time")
        or posixpath.normpath(posixpath.join(folder, linked)) in by_page
    ):
        return None
    stem = posixpath.splitext(posixpath.basename(linked))[0]
    words = _WORD.findall(stem)
    dates = _MAPPED["date"][2] | _MAPPED["datetime"][2]
    return stem if words and words[-1] in dates else None


def _or_object(field: Field, stem: str) -> Field:
    def widen(t: TypeExpr) -> TypeExpr:
        return EitherOf((MapOf(AnyValue()), t)) if isinstance(t, Primitive) else t

    return replace(
        field,
        type=with_innermost(field.type, widen),
        unread=field.unread or f"the properties of model {stem!r} (no page)",
        linked_page=None,
    )

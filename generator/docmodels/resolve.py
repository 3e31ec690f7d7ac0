"""Resolution across pages: unique model names, references that land, defaults that fit."""

from __future__ import annotations

from dataclasses import replace

from docmodels.diagnostics import Diagnostic, error, warning
from docmodels.ir import (
    Default,
    Field,
    Model,
    ModelKind,
    ModelSet,
    Reference,
    referenced_names,
)
from docmodels.values import conforms, describe


def resolve(models: list[Model]) -> tuple[ModelSet, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
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
    enums = {
        m.name: tuple(v.value for v in m.enum_values)
        for m in by_name.values()
        if m.kind is ModelKind.ENUM
    }
    resolved: list[Model] = []
    for model in by_name.values():
        for variant in model.variants:
            for name in referenced_names(variant):
                if name not in by_name:
                    diagnostics.append(
                        error(model.location, f"member {name!r} of {model.name!r} is no model")
                    )
        fields = []
        for field in model.fields:
            for name in referenced_names(field.type):
                if name not in by_name:
                    diagnostics.append(
                        error(
                            field.location,
                            f"property {field.name!r} refers to model {name!r}, "
                            "which no page defines",
                        )
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
        resolved.append(replace(model, fields=tuple(fields)))
    resolved.sort(key=lambda m: m.name)
    return ModelSet(tuple(resolved)), diagnostics


def _member_default(field: Field, by_name: dict[str, Model], diagnostics: list[Diagnostic]) -> Field:
    """The value of the enum member a default names, read on the enum's page."""
    assert field.default_member is not None and isinstance(field.type, Reference)
    written = field.default_member
    target = by_name.get(field.type.name)
    if target is None:
        return field  # the dangling reference is reported already
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

"""Resolution across pages: unique model names, references that land, defaults that fit."""

from __future__ import annotations

from dataclasses import replace

from docmodels.diagnostics import Diagnostic, error, warning
from docmodels.ir import Model, ModelKind, ModelSet, Reference, referenced_names
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

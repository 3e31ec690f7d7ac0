"""How a target's module imports the models it refers to, where classes are built from their
annotations when first used (pydantic, msgspec): models in the module's import cycle are
imported at its bottom, after its class exists, so that any module of the cycle can be imported
first. A union's alias is evaluated when its module runs, so a union imports its members at the
top; the models in its cycle import it at their bottom, which makes that safe."""

from __future__ import annotations

from dataclasses import dataclass

from docmodels.emit.python import ModelNames
from docmodels.ir import Model, ModelKind


@dataclass(frozen=True, slots=True)
class References:
    top: list[str]  # import lines at the top of the module
    # Import lines at the bottom: models in the same import cycle, bound only after the class
    # exists (pydantic resolves those annotations when the model is first used).
    bottom: list[str]
    spelled: dict[str, tuple[str, str]]  # model name -> (annotation, parser kind for defaults)


def references(
    model: Model,
    names_: set[str],
    plan: dict[str, ModelNames],
    by_name: dict[str, Model],
    component: dict[str, int],
) -> References:
    top: list[str] = []
    bottom: list[str] = []
    spelled: dict[str, tuple[str, str]] = {}
    for name in sorted(names_):
        target = plan[name]
        kind = by_name[name].kind
        if name == model.name:
            annotation = target.class_name
        elif model.kind is not ModelKind.UNION and component.get(name) == component.get(
            model.name
        ):
            alias = f"_m_{target.module}"
            bottom.append(f"from . import {target.module} as {alias}")
            annotation = f"{alias}.{target.class_name}"
        else:
            top.append(f"from .{target.module} import {target.class_name}")
            annotation = target.class_name
        # default_expression tells enums by the default target's parser spelling.
        parse = f"_rt.enum_of({annotation})" if kind is ModelKind.ENUM else annotation
        spelled[name] = (annotation, parse)
    return References(sorted(top), sorted(bottom), spelled)

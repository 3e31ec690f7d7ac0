"""allOf across pages: a model that extends others (Model.bases) has their properties too.

python 6.x's page of ``Dog: allOf [Pet, {bark_volume}]`` lists bark_volume and names Pet; a
payload of Dog carries Pet's keys as well, so Dog gets Pet's properties (and those of Pet's own
bases), its own coming after them and winning where both have a key.
"""

from __future__ import annotations

from dataclasses import replace

from docmodels.diagnostics import Diagnostic, lost
from docmodels.ir import Field, Model, ModelKind


def with_bases(by_name: dict[str, Model], diagnostics: list[Diagnostic]) -> dict[str, Model]:
    """The models with their bases' properties merged into their own."""
    if not any(model.bases for model in by_name.values()):
        return by_name
    merged: dict[str, tuple[Field, ...]] = {}

    def fields(name: str, path: tuple[str, ...]) -> tuple[Field, ...]:
        if name in merged:
            return merged[name]
        model = by_name[name]
        inherited: list[Field] = []
        for base in model.bases:
            target = by_name.get(base)
            if target is None:
                diagnostics.append(lost(
                    model.location, f"{name!r} extends {base!r}, which no page defines: its "
                    "properties are missing",
                ))
            elif base in path:
                diagnostics.append(lost(model.location, f"{name!r} extends itself through {base!r}"))
            elif target.kind is not ModelKind.OBJECT:
                diagnostics.append(lost(
                    model.location, f"{name!r} extends {base!r}, which is no object: nothing "
                    "of it is merged",
                ))
            else:
                inherited.extend(fields(base, (*path, base)))
        own = {field.wire_name for field in model.fields}
        result = (*(f for f in _unique(inherited) if f.wire_name not in own), *model.fields)
        merged[name] = result
        return result

    return {
        name: replace(model, fields=fields(name, (name,))) if model.bases else model
        for name, model in by_name.items()
    }


def _unique(found: list[Field]) -> list[Field]:
    seen: set[str] = set()
    kept = []
    for field in found:
        if field.wire_name not in seen:
            seen.add(field.wire_name)
            kept.append(field)
    return kept

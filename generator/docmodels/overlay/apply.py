"""Applying overlays to the models read from the pages: each fact replaces what the page said
(or did not say), and is recorded as the overlay's (``Field.overlaid``, ``Model.overlaid``).

An entry that matches no model or property is an error at its line: a typo in an overlay must
not silently leave the fact it was meant to fix unfixed.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from docmodels.diagnostics import Diagnostic, Location, error
from docmodels.ir import (
    CONSTRAINT_NAMES,
    ArrayOf,
    Constraints,
    Default,
    EnumValue,
    Field,
    JsonValue,
    KeyCase,
    Model,
    ModelKind,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.overlay.file import OVERLAY_NAME, ModelPatch, Overlay, Patch
from docmodels.recall import Recall, recalled
from docmodels.values import conforms, describe, scalar_type


def _is_number(type_expr: TypeExpr) -> bool:
    return isinstance(type_expr, Primitive) and type_expr.kind in (
        PrimitiveKind.INTEGER,
        PrimitiveKind.NUMBER,
    )


def _is_string(type_expr: TypeExpr) -> bool:
    return isinstance(type_expr, Primitive) and type_expr.kind is PrimitiveKind.STRING


def _is_array(type_expr: TypeExpr) -> bool:
    return isinstance(type_expr, ArrayOf)


# Which types each constraint applies to, and how messages name them.
_APPLIES: dict[str, tuple[str, Callable[[TypeExpr], bool]]] = {
    "minimum": ("a number", _is_number),
    "maximum": ("a number", _is_number),
    "exclusive_minimum": ("a number", _is_number),
    "exclusive_maximum": ("a number", _is_number),
    "multiple_of": ("a number", _is_number),
    "min_length": ("a string", _is_string),
    "max_length": ("a string", _is_string),
    "pattern": ("a string", _is_string),
    "min_items": ("an array", _is_array),
    "max_items": ("an array", _is_array),
}


def apply_overlays(
    models: Sequence[Model], overlays: Sequence[Overlay], recall: Recall | None = None
) -> tuple[list[Model], list[Diagnostic]]:
    """``recall``: the models an earlier run of a watch gave the overlays' key conventions
    (recall.py): a model that is the very one it was is given its convention as the very
    object it was given then (else every model would be a new object on every run, and every
    step after this one done again for each)."""
    result = list(models)
    diagnostics: list[Diagnostic] = []
    index: dict[str, int] = {}
    for number, model in enumerate(result):
        index.setdefault(model.name, number)  # a duplicate name is resolution's to report
    result = _keys(result, overlays, recall)
    # (model, property, where) of each default an overlay gave a property of a model type.
    set_defaults: list[tuple[str, str, Location]] = []
    for overlay in overlays:
        for patch in overlay.models:
            position = index.get(patch.model.name)
            if position is None:
                diagnostics.append(
                    error(patch.model.location,
                          f"overlay: model {patch.model.name!r} matches no model"
                          + _suggest(patch.model.name, index))
                )
                continue
            result[position] = _model(result[position], patch, diagnostics, set_defaults)
    return _enum_defaults(result, index, set_defaults, diagnostics), diagnostics


def _enum_defaults(
    models: list[Model],
    index: dict[str, int],
    set_defaults: list[tuple[str, str, Location]],
    diagnostics: list[Diagnostic],
) -> list[Model]:
    """The models without the defaults overlays gave that are no value of the enum model the
    property refers to: the generated class would not type-check. Checked once every overlay has
    applied, since one may give the enum its values after another gave the default."""
    for model_name, field_name, at in set_defaults:
        position = index[model_name]
        model = models[position]
        fields = list(model.fields)
        for number, field in enumerate(fields):
            if field.name != field_name or field.default is None:
                continue
            assert isinstance(field.type, Reference)
            target = models[index[field.type.name]] if field.type.name in index else None
            if target is None or target.kind is not ModelKind.ENUM or not target.enum_values:
                continue  # resolution checks what is no enum
            values = tuple(v.value for v in target.enum_values)
            if not _among(field.default.value, values):
                written = json.dumps(field.default.value)
                diagnostics.append(error(
                    at, f"overlay: {model.name}.{field.wire_name}: default {written} is not one "
                        f"of {target.name}'s values"))
                fields[number] = replace(field, default=None)
        models[position] = replace(model, fields=tuple(fields))
    return models


def _among(value: JsonValue, values: Sequence[JsonValue]) -> bool:
    # 1 == 1.0 == True in Python, but not in JSON nor in a Literal type.
    return any(value == v and type(value) is type(v) for v in values)


def _keys(
    models: list[Model], overlays: Sequence[Overlay], recall: Recall | None
) -> list[Model]:
    """Each model with the key convention the overlays' top-level ``keys`` give it: a named
    overlay's for every model, then a folder's own overlay's for that folder's (the narrower
    wins; a model's own ``keys`` is set after, with its other facts)."""
    for folder_own in (False, True):
        for overlay in overlays:
            if overlay.keys is None or _is_folder_own(overlay) is not folder_own:
                continue
            folder = overlay.path.rsplit("/", 1)[0] + "/" if "/" in overlay.path else ""
            keys = KeyCase(overlay.keys)
            models = [
                recalled(recall, "overlay.keys", (model,), keys, partial(replace, model, keys=keys))
                if not folder_own or model.location.path.startswith(folder) else model
                for model in models
            ]
    return models


def _is_folder_own(overlay: Overlay) -> bool:
    return overlay.path.rsplit("/", 1)[-1] == OVERLAY_NAME


def _suggest(name: str, known: Sequence[str] | dict[str, int]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _model(
    model: Model,
    patch: ModelPatch,
    diagnostics: list[Diagnostic],
    set_defaults: list[tuple[str, str, Location]],
) -> Model:
    facts = patch.model
    overlaid = list(model.overlaid)
    if facts.get("description") is not None:
        model = replace(model, description=str(facts.get("description")))
        overlaid.append("description")
    keys = facts.get("keys")
    if isinstance(keys, str):
        model = replace(model, keys=KeyCase(keys))
        overlaid.append("keys")
    values = facts.get("enum")
    if isinstance(values, list):
        if model.kind is ModelKind.ENUM or (model.kind is ModelKind.OBJECT and not model.fields):
            model = _enum(model, values, facts, diagnostics)
            overlaid.append("enum")
        else:
            what = "a union" if model.kind is ModelKind.UNION else "an object with properties"
            diagnostics.append(error(facts.where("enum"),
                                     f"overlay: {model.name} is {what}; enum is for enum models"))
    fields = list(model.fields)
    renamed: list[tuple[int, Location]] = []  # the properties given a wire name, and where
    for prop in patch.properties:
        position = _find(fields, prop.name)
        if position is None:
            names = [f.wire_name for f in fields]
            diagnostics.append(
                error(prop.location,
                      f"overlay: property {prop.name!r} matches no property of {model.name}"
                      + _suggest(prop.name, names))
            )
            continue
        fields[position] = _field(model.name, fields[position], prop, diagnostics)
        if "wire_name" in prop.keys:
            renamed.append((position, prop.where("wire_name")))
        if "default" in prop.keys and isinstance(fields[position].type, Reference):
            set_defaults.append((model.name, fields[position].name, prop.where("default")))
    for position, at in renamed:
        field = fields[position]
        other = next((f for n, f in enumerate(fields)
                      if n != position and f.wire_name == field.wire_name), None)
        if other is not None:
            # Two properties keyed alike: a payload could only ever fill one of them.
            diagnostics.append(error(
                at, f"overlay: {model.name}.{field.name}: wire_name {field.wire_name!r} is "
                    f"already the key of property {other.name!r} "
                    f"({other.location.path}:{other.location.line})"))
    return replace(model, fields=tuple(fields), overlaid=tuple(dict.fromkeys(overlaid)))


def _find(fields: list[Field], name: str) -> int | None:
    """The property an overlay names: by its wire name first, then by the page's name."""
    for attribute in ("wire_name", "name"):
        for position, field in enumerate(fields):
            if getattr(field, attribute) == name:
                return position
    return None


def _enum(model: Model, values: list[JsonValue], patch: Patch, diagnostics: list[Diagnostic]) -> Model:
    at = patch.where("enum")
    enum_type = scalar_type(values)
    if enum_type is None:
        diagnostics.append(error(at, f"overlay: {model.name}'s enum mixes strings and numbers"))
        return model
    names = {v.value: v.name for v in model.enum_values}
    members = tuple(
        EnumValue(v, names.get(v), at) for v in values if isinstance(v, (str, int, float))
    )
    # What the page lost is now known.
    return replace(model, kind=ModelKind.ENUM, enum_type=enum_type, enum_values=members, missing=())


def _field(model: str, field: Field, patch: Patch, diagnostics: list[Diagnostic]) -> Field:
    where = f"overlay: {model}.{field.wire_name}"
    overlaid = list(field.overlaid)
    # Checked per key by the overlay reader and _fact: each value fits its constraint.
    limits: dict[str, Any] = dict(field.constraints.items())
    for key, value, at in patch.facts:
        changed = _fact(field, key, value)
        if isinstance(changed, str):
            diagnostics.append(error(at, f"{where}: {changed}"))
            continue
        if key in CONSTRAINT_NAMES:
            assert isinstance(value, (int, float, str))
            limits[key] = value
        else:
            field = changed
        overlaid.append(key)
    if limits:
        field = replace(field, constraints=replace(Constraints(), **limits))
    if (
        field.default is not None
        and field.enum_values is not None
        and not _among(field.default.value, field.enum_values)
        and ("default" in patch.keys or "enum" in patch.keys)
    ):
        # The default would be no value of the property's Literal type. Reported where the
        # overlay wrote the fact that disagrees: its default, or its enum leaving out the page's.
        said = "default" if "default" in patch.keys else "enum"
        which = "the property's enum values" if said == "default" else "the enum's values"
        written = json.dumps(field.default.value)
        diagnostics.append(error(patch.where(said), f"{where}: default {written} is not one of {which}"))
        field = replace(field, default=None)
    return replace(field, overlaid=tuple(dict.fromkeys(overlaid)))


def _fact(field: Field, key: str, value: JsonValue) -> Field | str:
    """The field with one fact set, or what keeps the fact from applying to it."""
    if key == "wire_name":
        return replace(field, wire_name=str(value), wire_name_source=WireNameSource.OVERLAY)
    if key == "nullable":
        return replace(field, nullable=bool(value))
    if key == "required":
        return replace(field, required=bool(value))
    if key == "read_only":
        return replace(field, read_only=bool(value))
    if key == "description":
        return replace(field, description=str(value))
    if key == "format":
        if not isinstance(field.type, Primitive) or field.type.kind is PrimitiveKind.BOOLEAN:
            return f"format is for strings and numbers, not {describe(field.type)}"
        return replace(field, type=replace(field.type, format=str(value)))
    if key == "enum":
        assert isinstance(value, list)
        if not isinstance(field.type, Primitive):
            return f"enum is for strings and numbers, not {describe(field.type)}"
        wrong = [v for v in value if not conforms(v, field.type, {})]
        if wrong:
            return f"enum value {wrong[0]!r} is not a {describe(field.type)}"
        return replace(field, enum_values=tuple(value))
    if key == "default":
        # A default of a model type is checked once every model is known (resolution).
        if not isinstance(field.type, Reference) and not conforms(value, field.type, {}):
            return f"default {json.dumps(value)} is not a {describe(field.type)}"
        return replace(field, default=Default(value, json.dumps(value)), default_member=None)
    kind, applies = _APPLIES[key]
    if not applies(field.type):
        return f"{key} is for {kind}; the property is {describe(field.type)}"
    if (
        key == "multiple_of"
        and isinstance(field.type, Primitive)
        and field.type.kind is PrimitiveKind.INTEGER
        and isinstance(value, float)
        and not value.is_integer()
    ):
        # Every whole number is a multiple of 0.1 (and of 0.5); of 1.5 only the multiples of
        # 3 are. Either way the overlay says something other than it means.
        return f"{key} {value} is not a whole number; the property is {describe(field.type)}"
    return field

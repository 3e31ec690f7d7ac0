"""The IR as plain JSON data, for ``docmodels ir``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docmodels.diagnostics import Location
from docmodels.emit.json_text import Items, streamed
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EitherOf,
    Field,
    KeyCase,
    MapOf,
    Model,
    ModelKind,
    ModelSet,
    Primitive,
    TypeExpr,
)


def type_json(type_expr: TypeExpr) -> dict[str, Any]:
    if isinstance(type_expr, Primitive):
        out: dict[str, Any] = {"kind": "primitive", "type": type_expr.kind.value}
        if type_expr.format:
            out["format"] = type_expr.format
        return out
    if isinstance(type_expr, ArrayOf):
        out = {"kind": "array", "items": type_json(type_expr.items)}
        if type_expr.unique_items:
            out["unique_items"] = True
        return out
    if isinstance(type_expr, MapOf):
        return {"kind": "map", "values": type_json(type_expr.values)}
    if isinstance(type_expr, AnyValue):
        return {"kind": "any"}
    if isinstance(type_expr, EitherOf):
        return {"kind": "either", "members": [type_json(m) for m in type_expr.members]}
    return {"kind": "reference", "model": type_expr.name}


def location_json(location: Location) -> dict[str, Any]:
    return {"path": location.path, "line": location.line, "column": location.column}


def field_json(field: Field) -> dict[str, Any]:
    out = {
        "name": field.name,
        "wire_name": field.wire_name,
        "wire_name_source": field.wire_name_source.value,
        "type": type_json(field.type),
        "required": field.required,
        "enum": None if field.enum_values is None else list(field.enum_values),
        "nullable": field.nullable,
        "read_only": field.read_only,
        "default": None
        if field.default is None
        else {"value": field.default.value, "text": field.default.text},
        "description": field.description,
        "location": location_json(field.location),
    }
    if field.constraints.items():
        out["constraints"] = dict(field.constraints.items())
    if field.overlaid:
        out["overlay"] = list(field.overlaid)  # the facts the overlay file set
    if field.unread is not None:
        out["unread"] = field.unread  # why (a part of) the type is Any
    if field.wire_names:
        out["wire_names"] = list(field.wire_names)  # the key is uncertain: any of these
    return out


def model_json(model: Model) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": model.name,
        "kind": model.kind.value,
        "dialect": model.dialect,
        "description": model.description,
        "location": location_json(model.location),
    }
    if model.kind is ModelKind.UNION:
        out["variants"] = [type_json(v) for v in model.variants]
        if model.discriminator is not None:
            out["discriminator"] = model.discriminator
    elif model.kind is ModelKind.ENUM:
        # None: the values were lost (see "missing").
        out["enum_type"] = None if model.enum_type is None else type_json(model.enum_type)
        out["enum_values"] = [
            {"value": v.value, "name": v.name, "location": location_json(v.location)}
            for v in model.enum_values
        ]
    else:
        out["fields"] = [field_json(f) for f in model.fields]
    if model.bases:
        out["extends"] = list(model.bases)  # its properties include theirs (an allOf)
    if model.missing:
        out["missing"] = list(model.missing)
    if model.overlaid:
        out["overlay"] = list(model.overlaid)
    if model.names is not KeyCase.AS_WRITTEN:
        out["names"] = model.names.value  # the page writes field names in this case, not keys
        if model.keys is not None:
            out["keys"] = model.keys.value  # the key convention an overlay gave it
    return out


def ir_json(model_set: ModelSet) -> dict[str, Any]:
    return {"models": [model_json(m) for m in model_set.models], **_the_rest(model_set)}


def ir_text(model_set: ModelSet, *, ensure_ascii: bool = False) -> Iterator[str]:
    """The text ``json.dumps(ir_json(model_set), indent=2)`` is, in pieces: one model's JSON at
    a time, so that neither the whole document nor its text is ever held (at 10,000 pages the
    text is some 55 MB, the document of dicts ten times that)."""
    models = Items(model_json(m) for m in model_set.models)
    return streamed([("models", models), *_the_rest(model_set).items()], ensure_ascii)


def _the_rest(model_set: ModelSet) -> dict[str, Any]:
    """The document's entries after the models, in order."""
    out: dict[str, Any] = {}
    # Pages that gave no model: model pages that could not be read, and pages that are none.
    for key, pages in (("left_out", model_set.left_out), ("skipped", model_set.skipped)):
        if pages:
            out[key] = [{"path": p.path, "reason": p.reason, "title": p.name} for p in pages]
    # How each folder whose pages write field names had its keys settled (keys.py).
    if model_set.key_conventions:
        out["key_conventions"] = [
            {
                "folder": c.folder,
                "names": c.names.value,
                "keys": None if c.keys is None else c.keys.value,
                "source": c.source.value,
                **({"evidence": list(c.evidence)} if c.evidence else {}),
            }
            for c in model_set.key_conventions
        ]
    return out

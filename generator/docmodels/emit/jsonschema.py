"""The IR as one JSON Schema 2020-12 document with a ``$defs`` entry per model."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from docmodels.emit.json_text import Members, Shared, SharedList, streamed
from docmodels.emit.wire import accepts_null
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EitherOf,
    Field,
    JsonValue,
    MapOf,
    Model,
    ModelKind,
    ModelSet,
    Primitive,
    TypeExpr,
    WireNameSource,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Facts the page does not state where the schema had to choose: an unstated "required" is left
# out of "required", and an optional property whose nullability is unstated accepts null.
# Readers of the schema (and our ground-truth measure) must not take those choices for the
# page's word.
UNSTATED = "x-docmodels-unstated"
MISSING = "x-docmodels-missing"  # what a model's page should carry but lost (IR: Model.missing)
# Why a property's type (or a part of it) is any value: the page's type could not be read, or it
# names a model whose page gave none (IR: Field.unread).
UNREAD = "x-docmodels-unread"
# The model pages that could not be read at all (IR: ModelSet.left_out).
LEFT_OUT = "x-docmodels-left-out"
# Where a property's key is not on its page (the SDK's field name is): how it was found
# ("inferred": from the folder's pages; "uncertain": not found; a key a setting gave is not
# marked), and for an uncertain key the spellings accepted (IR: Field.wire_name_source,
# Field.wire_names). Each other spelling is a property of its own that refers to the first, and
# one of them (a required property) or at most one is present.
KEY = "x-docmodels-key"
KEYS = "x-docmodels-keys"
SPELLING_OF = "x-docmodels-spelling-of"
# A key the user set (CONVENTION) is theirs: not marked.
_KEY_SOURCES = (WireNameSource.INFERRED, WireNameSource.UNCERTAIN)
KEYWORDS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusive_minimum": "exclusiveMinimum",
    "exclusive_maximum": "exclusiveMaximum",
    "multiple_of": "multipleOf",
    "min_length": "minLength",
    "max_length": "maxLength",
    "pattern": "pattern",
    "min_items": "minItems",
    "max_items": "maxItems",
}


def type_schema(type_expr: TypeExpr) -> dict[str, Any]:
    if isinstance(type_expr, Primitive):
        out: dict[str, Any] = {"type": type_expr.kind.value}
        if type_expr.format:
            out["format"] = type_expr.format
        return out
    if isinstance(type_expr, ArrayOf):
        out = {"type": "array", "items": type_schema(type_expr.items)}
        if type_expr.unique_items:
            out["uniqueItems"] = True
        return out
    if isinstance(type_expr, MapOf):
        return {"type": "object", "additionalProperties": type_schema(type_expr.values)}
    if isinstance(type_expr, AnyValue):
        return {}
    if isinstance(type_expr, EitherOf):
        return {"anyOf": [type_schema(m) for m in type_expr.members]}
    return {"$ref": f"#/$defs/{type_expr.name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    if not schema:  # any value already includes null
        return schema
    if list(schema) == ["anyOf"]:  # either of several types: null is one more
        return {"anyOf": [*schema["anyOf"], {"type": "null"}]}
    return {"anyOf": [schema, {"type": "null"}]}


def field_schema(field: Field) -> dict[str, Any]:
    schema = type_schema(field.type)
    null = accepts_null(field)
    if null:
        schema = _nullable(schema)
    if field.enum_values is not None:
        values: list[JsonValue] = list(field.enum_values)
        if isinstance(field.type, Primitive):
            schema["enum"] = [*values, None] if null else values
        else:  # an array of inline enums (Java's List<TagsEnum>): its items are limited
            _scalar_schema(schema)["enum"] = values
    if field.description:
        schema["description"] = field.description
    if field.default is not None:
        schema["default"] = field.default.value
    if field.read_only:
        schema["readOnly"] = True
    for name, value in field.constraints.items():
        schema[KEYWORDS[name]] = value
    # Any value includes null anyway: no choice was made there.
    unstated = _UNSTATED[field.required is None,
                         field.nullable is None and null and not isinstance(field.type, AnyValue)]
    if unstated:
        schema[UNSTATED] = unstated
    if field.unread is not None:
        schema[UNREAD] = field.unread
    if field.wire_name_source in _KEY_SOURCES:
        schema[KEY] = field.wire_name_source.value
    if field.wire_names:
        schema[KEYS] = _spelled(field.wire_names)
    return schema


# What an unstated "required" and nullability make of x-docmodels-unstated (shared: json_text).
_UNSTATED = {
    (False, False): SharedList(), (True, False): SharedList(["required"]),
    (False, True): SharedList(["nullable"]), (True, True): SharedList(["required", "nullable"]),
}


@functools.lru_cache(maxsize=1024)
def _spelled(names: tuple[str, ...]) -> SharedList:
    """An uncertain key's spellings (made once for each, never changed: json_text.Shared)."""
    return SharedList(names)


def _scalar_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of the scalar an array (or map) schema holds, however deep."""
    while True:
        if isinstance(schema.get("items"), dict):
            schema = schema["items"]
        elif isinstance(schema.get("additionalProperties"), dict):
            schema = schema["additionalProperties"]
        elif isinstance(schema.get("anyOf"), list) and schema["anyOf"]:
            schema = schema["anyOf"][0]  # nullable: the type, then null
        else:
            return schema


def model_schema(model: Model) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if model.description:
        out["description"] = model.description
    if model.kind is ModelKind.UNION:
        out["oneOf"] = [type_schema(v) for v in model.variants]
        if model.discriminator is not None:
            # OpenAPI's keyword, which JSON Schema keeps as an annotation: the member that
            # matches is still found by validating against each.
            out["discriminator"] = {"propertyName": model.discriminator}
        if model.missing:  # a union whose members the page lost (empty_tables.py)
            out[MISSING] = list(model.missing)
        return out
    if model.values_lost:
        # Its values and their type are unknown: what the generated code accepts.
        out["type"] = ["string", "number"]
        out[MISSING] = list(model.missing)
        return out
    if model.kind is ModelKind.ENUM:
        assert model.enum_type is not None
        out.update(type_schema(model.enum_type))
        out["enum"] = [v.value for v in model.enum_values]
        return out
    out["type"] = "object"
    out["properties"] = {f.wire_name: field_schema(f) for f in model.fields}
    required = [f.wire_name for f in model.fields if f.required and not f.wire_names]
    if required:
        out["required"] = required
    spelled = [_spellings(model.name, f, out["properties"]) for f in model.fields if f.wire_names]
    if spelled:
        out["allOf"] = spelled
    if model.missing:
        out[MISSING] = list(model.missing)
    return out


def _spellings(model: str, field: Field, properties: dict[str, Any]) -> dict[str, Any]:
    """An uncertain key's other spellings, added to ``properties`` (each refers to the first's
    schema), and the rule that one of them (a required property) or at most one is present."""
    # (A JSON pointer's parts: "~" and "/" escaped.)
    target = "/properties/".join(
        part.replace("~", "~0").replace("/", "~1") for part in (model, field.wire_name)
    )
    for key in field.wire_names[1:]:
        properties.setdefault(key, {"$ref": f"#/$defs/{target}", SPELLING_OF: field.wire_name})
    return _one_of_spellings(field.wire_names, bool(field.required))


@functools.lru_cache(maxsize=1024)
def _one_of_spellings(names: tuple[str, ...], required: bool) -> Shared:
    """The rule that one of a key's spellings (a required property) or at most one is present:
    made once for each few spellings (the same field names recur model after model), never
    changed (json_text.Shared)."""
    if required:
        return Shared(oneOf=[{"required": [key]} for key in names])
    pairs = [[a, b] for i, a in enumerate(names) for b in names[i + 1:]]
    return Shared({"not": {"anyOf": [{"required": pair} for pair in pairs]}})


def schema_document(model_set: ModelSet) -> dict[str, Any]:
    """The schema as data (its rules on spellings, and its lists of spellings and of what is
    unstated, are objects many properties share: copy before changing them)."""
    return _document(model_set, {m.name: model_schema(m) for m in model_set.models})


def schema_text(model_set: ModelSet, *, ensure_ascii: bool = False) -> Iterator[str]:
    """The text ``json.dumps(schema_document(model_set), indent=2)`` is, in pieces: one model's
    schema at a time (json_text.streamed), never the whole document or its text."""
    definitions = Members((m.name, model_schema(m)) for m in model_set.models)
    return streamed(_document(model_set, definitions).items(), ensure_ascii)


def _document(model_set: ModelSet, definitions: object) -> dict[str, Any]:
    out: dict[str, Any] = {"$schema": DIALECT, "$defs": definitions}
    if model_set.left_out:
        out[LEFT_OUT] = [{"path": p.path, "reason": p.reason} for p in model_set.left_out]
    return out

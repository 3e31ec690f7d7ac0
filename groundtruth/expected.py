"""What an OpenAPI spec says about each model's properties, as comparable facts.

Covers the subset our ground-truth specs use: $ref, type, format, nullable, enum, default, items,
uniqueItems, additionalProperties, required, readOnly, allOf (flattened, as generators do).
Inline object schemas become models named as openapi-generator names them (Owner.address ->
OwnerAddress).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Expected:
    required: bool
    type: str  # structural: string, integer, number, boolean, any, array<T>, set<T>, map<T>, ref:Name
    format: str | None
    nullable: bool
    enum: tuple[Any, ...] | None
    default: Any  # NO_DEFAULT when absent
    read_only: bool


NO_DEFAULT = object()
SCALAR_FORMATS = {"int32", "int64", "float", "double", "date", "date-time", "uuid", "byte", "binary"}


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.replace("-", "_").split("_"))


def load_spec(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def models(spec: dict[str, Any]) -> dict[str, dict[str, Expected]]:
    """Model name -> property wire name -> facts, for object models (and enum models, empty)."""
    schemas = schemas_of(spec)
    out: dict[str, dict[str, Expected]] = {}

    def structural(schema: dict[str, Any], owner: str, prop: str) -> str:
        schema = _unwrapped(schema)
        if "$ref" in schema:
            return "ref:" + schema["$ref"].rsplit("/", 1)[-1]
        kind = schema.get("type")
        if kind == "array":
            inner = structural(schema.get("items", {}), owner, prop)
            return ("set" if schema.get("uniqueItems") else "array") + f"<{inner}>"
        if kind == "object" or (kind is None and "properties" in schema):
            if schema.get("properties"):
                name = owner + _camel(prop)
                object_model(name, schema)
                return "ref:" + name
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return f"map<{structural(extra, owner, prop)}>"
            return "any"
        if kind in ("string", "integer", "number", "boolean"):
            return str(kind)
        return "any"

    def properties(schema: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
        props: dict[str, Any] = {}
        required: set[str] = set()
        for part in schema.get("allOf", []):
            target = schemas[part["$ref"].rsplit("/", 1)[-1]] if "$ref" in part else part
            more, more_required = properties(target)
            props.update(more)
            required |= more_required
        props.update(schema.get("properties", {}))
        required |= set(schema.get("required", []))
        return props, required

    def object_model(name: str, schema: dict[str, Any]) -> None:
        props, required = properties(schema)
        facts: dict[str, Expected] = {}
        for prop, sub in props.items():
            target = _unwrapped(sub)
            if "$ref" in target:
                target = schemas[target["$ref"].rsplit("/", 1)[-1]]
            fmt = sub.get("format")
            facts[prop] = Expected(
                required=prop in required,
                type=structural(sub, name, prop),
                format=fmt if fmt in SCALAR_FORMATS else None,
                nullable=bool(sub.get("nullable") or sub.get("x-nullable")),
                enum=tuple(sub["enum"]) if "enum" in sub else None,
                # A referenced schema's default is the property's (Visibility's, say).
                default=sub.get("default", target.get("default", NO_DEFAULT)),
                read_only=bool(sub.get("readOnly") or target.get("readOnly")),
            )
        out[name] = facts

    for name, schema in schemas.items():
        if "oneOf" in schema or "anyOf" in schema or "enum" in schema:
            continue  # measured separately: composition and enum models
        object_model(name, schema)
    return out


@dataclass(frozen=True)
class Composed:
    variants: tuple[str, ...]  # structural member types, as in Expected.type
    discriminator: str | None


def compositions(spec: dict[str, Any]) -> dict[str, Composed]:
    """oneOf/anyOf models: their member types and discriminator property."""
    out: dict[str, Composed] = {}
    for name, schema in schemas_of(spec).items():
        members = schema.get("oneOf") or schema.get("anyOf")
        if not members:
            continue
        out[name] = Composed(
            tuple(_member(member) for member in members),
            schema.get("discriminator", {}).get("propertyName"),
        )
    return out


def _member(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return "ref:" + schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"array<{_member(schema.get('items', {}))}>"
    kind = schema.get("type")
    return str(kind) if kind in ("string", "integer", "number", "boolean") else "any"


def _unwrapped(schema: dict[str, Any]) -> dict[str, Any]:
    """``allOf: [$ref]`` with siblings (nullable, description) is that reference: OpenAPI 3.0's
    way to say something of a referenced schema."""
    parts = schema.get("allOf", [])
    if len(parts) == 1 and "$ref" in parts[0] and "properties" not in schema:
        return {"$ref": parts[0]["$ref"]}
    return schema


def enum_models(spec: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {
        name: tuple(schema["enum"])
        for name, schema in schemas_of(spec).items()
        if "enum" in schema
    }


def schemas_of(spec: dict[str, Any]) -> dict[str, Any]:
    """OpenAPI 3's components.schemas, or Swagger 2's definitions."""
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas") or spec.get(
        "definitions", {}
    )
    return schemas

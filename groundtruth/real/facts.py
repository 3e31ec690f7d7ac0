"""What a real OpenAPI 3 spec says about each page model, as groundtruth.expected's facts.

groundtruth/expected.py reads our own specs, which use a tidy subset. Real specs (APIs.guru,
converted to OpenAPI 3) also have: $ref chains and aliases, allOf with inline parts, inline
objects, OpenAPI 3.1 ``type: [T, "null"]``, refs into other places than components/schemas.
How each maps to the models openapi-generator writes pages for:

- A named schema that is an object (properties, or allOf of objects) is a page model; allOf is
  flattened (every part's properties and ``required``), as the generators' pages list them.
- A named enum is an enum model (values measured); a named oneOf/anyOf is a composed model
  (member types measured, as groundtruth.measure does).
- A named schema that is anything else (a primitive, an array, a map, a bare $ref) is an alias:
  openapi-generator writes no page for it and uses its target type where it is referenced (its
  default ``generateAliasAsModel=false``); so is a $ref chain, followed to its end.
- An inline object property (or array items) becomes a model openapi-generator names after the
  owner and the property; the name's spelling changed across releases (``OwnerProp``,
  ``OwnerPropInner`` from 6.0 for items, ``Owner_prop``...), so its type is measured as "a model
  reference" (``ref:?``: any reference counts) and its own properties are NOT measured.
- An inline allOf of several parts is the same: ``ref:?``, inner properties not measured.
- An inline oneOf/anyOf property (not a plain nullable wrapper) has no type fact: generators
  write anything from ``object`` to a synthesized ``OwnerProp`` union model.
Not mapped, counted per spec in ``unmapped``: inline object models' properties, inline
compositions, external or unresolvable $refs (then the type fact is skipped).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from groundtruth.expected import NO_DEFAULT, SCALAR_FORMATS, Composed, Expected

ANY_MODEL = "ref:?"
Schema = dict[str, Any]


@dataclass
class SpecFacts:
    models: dict[str, dict[str, Expected]] = field(default_factory=dict)
    enums: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    compositions: dict[str, Composed] = field(default_factory=dict)
    aliases: int = 0
    unmapped: Counter[str] = field(default_factory=Counter)


def _pointer(spec: Schema, ref: str) -> Schema | None:
    if not ref.startswith("#/"):
        return None
    node: Any = spec
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node if isinstance(node, dict) else None


def _name(ref: str) -> str | None:
    prefix = "#/components/schemas/"
    return ref[len(prefix):] if ref.startswith(prefix) and "/" not in ref[len(prefix):] else None


def _types(schema: Schema) -> tuple[str | None, bool]:
    """The schema's type without null, and whether null is allowed (3.0 ``nullable``, 3.1 type
    lists, ``x-nullable``)."""
    kind = schema.get("type")
    nullable = bool(schema.get("nullable") or schema.get("x-nullable"))
    if isinstance(kind, list):
        rest = [k for k in kind if k != "null"]
        nullable = nullable or "null" in kind
        kind = rest[0] if len(rest) == 1 else None
    return (kind if isinstance(kind, str) else None), nullable


def _null_wrapper(schema: Schema) -> Schema | None:
    """``anyOf/oneOf: [X, {type: null}]`` (3.1) or ``allOf: [$ref]`` with siblings or annotation
    parts: that X."""
    for key in ("anyOf", "oneOf"):
        members = schema.get(key)
        if isinstance(members, list) and len(members) == 2:
            rest = [m for m in members if not (isinstance(m, dict) and m.get("type") == "null")]
            if len(rest) == 1 and isinstance(rest[0], dict):
                return rest[0]
    parts = schema.get("allOf")
    if isinstance(parts, list) and "properties" not in schema:
        # allOf [$ref, {description}] (AWS specs): annotations beside one reference
        rest = [p for p in parts if not (isinstance(p, dict) and _annotation(p))]
        if len(rest) == 1 and isinstance(rest[0], dict) and "$ref" in rest[0]:
            return rest[0]
    return None


_ANNOTATIONS = {"description", "title", "example", "examples", "nullable", "readOnly",
                "writeOnly", "deprecated", "default", "xml", "externalDocs"}


def _annotation(schema: Schema) -> bool:
    """A schema that says nothing of the value's type (a description, an example)."""
    return all(key in _ANNOTATIONS or key.startswith("x-") for key in schema)


def kind_of(schema: Schema) -> str:
    """object, enum, composed or alias: what openapi-generator makes of a named schema."""
    if "enum" in schema:
        return "enum"
    if "properties" in schema or "allOf" in schema and _null_wrapper(schema) is None:
        return "object"
    if "oneOf" in schema or "anyOf" in schema:
        return "alias" if _null_wrapper(schema) is not None else "composed"
    return "alias"


def spec_facts(spec: Schema) -> SpecFacts:
    schemas: dict[str, Schema] = {
        k: v for k, v in ((spec.get("components") or {}).get("schemas") or {}).items()
        if isinstance(v, dict)
    }
    facts = SpecFacts()

    def target(ref: str) -> Schema | None:
        found = _pointer(spec, ref)
        if found is None:
            facts.unmapped["external or unresolvable $ref"] += 1
        return found

    def structural(schema: Schema, seen: frozenset[str] = frozenset()) -> str | None:
        wrapped = _null_wrapper(schema)
        if wrapped is not None:
            schema = wrapped
        if "$ref" in schema:
            ref = schema["$ref"]
            name = _name(ref)
            resolved = target(ref)
            if resolved is None or ref in seen:
                return None
            if name is not None and kind_of(resolved) != "alias":
                # spelled as groundtruth.measure compares names: letters, digits, underscores
                return "ref:" + re.sub(r"[^A-Za-z0-9_]", "", name)
            return structural(resolved, seen | {ref})  # an alias: its target type
        kind, _ = _types(schema)
        if kind == "array":
            items = schema.get("items")
            inner = structural(items, seen) if isinstance(items, dict) else "any"
            if inner is None:
                return None
            return ("set" if schema.get("uniqueItems") else "array") + f"<{inner}>"
        if "allOf" in schema:
            facts.unmapped["inline allOf (its model's properties)"] += 1
            return ANY_MODEL
        if "oneOf" in schema or "anyOf" in schema:
            facts.unmapped["inline oneOf/anyOf (no type fact)"] += 1
            return None
        if kind == "object" or (kind is None and "properties" in schema):
            if schema.get("properties"):
                facts.unmapped["inline object (its model's properties)"] += 1
                return ANY_MODEL
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                value = structural(extra, seen)
                return None if value is None else f"map<{value}>"
            return "any"
        if kind in ("string", "integer", "number", "boolean"):
            return kind
        return "any"

    def resolved(schema: Schema) -> Schema:
        """Follow $refs (and null wrappers) to the schema that says the value's facts."""
        seen: set[str] = set()
        while True:
            wrapped = _null_wrapper(schema)
            if wrapped is not None:
                schema = wrapped
            ref = schema.get("$ref")
            if not isinstance(ref, str) or ref in seen:
                return schema
            seen.add(ref)
            found = _pointer(spec, ref)
            if found is None:
                return schema
            schema = found

    def properties(schema: Schema, depth: int = 0) -> tuple[dict[str, Schema], set[str]]:
        props: dict[str, Schema] = {}
        required: set[str] = set()
        if depth > 20:
            return props, required
        for part in schema.get("allOf", []) or []:
            if isinstance(part, dict):
                more, more_required = properties(resolved(part), depth + 1)
                props.update(more)
                required |= more_required
        own = schema.get("properties") or {}
        props.update({k: v for k, v in own.items() if isinstance(v, dict)})
        required |= {r for r in schema.get("required", []) or [] if isinstance(r, str)}
        return props, required

    def object_model(schema: Schema) -> dict[str, Expected]:
        props, required = properties(schema)
        out: dict[str, Expected] = {}
        for prop, sub in props.items():
            value = resolved(sub)
            nullable = _types(sub)[1] or any(
                isinstance(m, dict) and m.get("type") == "null"
                for m in (sub.get("anyOf") or sub.get("oneOf") or [])
            )
            fmt = sub.get("format", value.get("format") if kind_of(value) == "alias" else None)
            enum = sub.get("enum")
            named = _name(str((_null_wrapper(sub) or sub).get("$ref", ""))) is not None
            if enum is None and kind_of(value) == "enum" and not named:
                enum = value.get("enum")  # an inline enum behind a wrapper
            kind = structural(sub)
            out[prop] = Expected(
                required=prop in required,
                type=kind if kind is not None else "",
                format=fmt if fmt in SCALAR_FORMATS else None,
                nullable=nullable,
                enum=tuple(v for v in enum if v is not None) if isinstance(enum, list) else None,
                default=sub.get("default", value.get("default", NO_DEFAULT)),
                read_only=bool(sub.get("readOnly") or value.get("readOnly")),
            )
        return out

    for name, schema in schemas.items():
        kind = kind_of(schema)
        if kind == "object":
            facts.models[name] = object_model(schema)
        elif kind == "enum" and isinstance(schema["enum"], list):
            facts.enums[name] = tuple(v for v in schema["enum"] if v is not None)
        elif kind == "composed":
            members = schema.get("oneOf") or schema.get("anyOf") or []
            variants = tuple(structural(m) or "any" for m in members if isinstance(m, dict))
            discriminator = schema.get("discriminator")
            facts.compositions[name] = Composed(
                variants,
                discriminator.get("propertyName") if isinstance(discriminator, dict) else None,
            )
        else:
            facts.aliases += 1
    return facts

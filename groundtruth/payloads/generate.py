"""JSON payloads an OpenAPI spec allows, and payloads it rules out, per named object schema.

Pure functions of the spec and a seed: the same spec gives the same payloads, in the same
order. Swagger 2 (``definitions``, ``x-nullable``) and OpenAPI 3.0/3.1 (``components.schemas``,
``nullable``, ``type: [T, "null"]``) are read; ``$ref`` is followed, ``allOf`` merged, a
``oneOf``/``anyOf`` member chosen (a discriminator property set to the member's name).

Valid payloads, per object schema (``valid()``), each a variation of one base:
- ``all``: every property filled (nested models too, down to DEPTH levels and while the
  payload has fewer than BUDGET values; past that, nested models get their required properties);
- ``required``: the required properties only;
- ``null:P``: P null, where the spec lets it be;
- ``enum:P=V``: every value of P's enum (inline or a referenced enum schema) past the first;
- ``member:P#i``: every member of P's oneOf/anyOf past the first;
- ``date-time:P=S``: the spellings real APIs send for a date-time (DATE_TIMES);
- ``number:P=int``: an integral value for a ``number`` (APIs send ``2`` for 2.0).
Invalid payloads (``invalid()``) break exactly one rule of the ``all`` payload:
- ``required``: a required property missing;
- ``type``: a property of a known JSON type given a value of another (a string for a number...);
- ``enum``: a string (or integer) outside the property's enum.
At most MAX_VALID and MAX_INVALID of each per schema, spread over the kinds. A recursive
schema terminates: past DEPTH only required properties are filled, and a payload that would
need a required value deeper than HARD_DEPTH is not made. Strings respect ``format``,
``minLength``/``maxLength`` and ``pattern`` (a few candidates are tried; a required property
whose pattern none matches makes the schema's payloads unmakeable), numbers ``minimum``/
``maximum``/``multipleOf``, arrays ``minItems``.
"""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

Schema = dict[str, Any]

DEPTH = 3  # nested models filled in full down to this depth
HARD_DEPTH = 12  # a required chain deeper than this: no payload
BUDGET = 400  # values in one payload past which nested models get their required ones only
MAX_VALID = 24
MAX_INVALID = 16

# RFC 3339 date-times as real APIs write them: UTC as Z, offsets, milli/micro/nanoseconds.
DATE_TIMES = (
    "2024-01-01T00:00:00Z",
    "2024-02-29T12:30:45+02:00",
    "2024-03-10T08:00:00-05:00",
    "2024-04-01T10:20:30.123Z",
    "2024-05-01T10:20:30.123456Z",
    "2024-06-01T10:20:30.123456789Z",
)
DATE = "2024-01-01"
FORMATS = {
    "date": DATE,
    "date-time": DATE_TIMES[0],
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "email": "user@example.com",
    "uri": "https://example.com/a",
    "url": "https://example.com/a",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "aGVsbG8=",
    "time": "12:30:45Z",
    "duration": "P1D",
}
# Tried in order for a string without a format, the first that fits minLength, maxLength and
# pattern is sent: words, then runs of one character class (for patterns like ^[A-Z]{2}$).
STRINGS = ("text", "a", "A", "abc", "a1", "0", "1", "ab-c", "AB_C", "a.b", "user@example.com",
           *(c * n for c in "aA0" for n in range(2, 17)))


class Unmakeable(Exception):
    """The schema asks for a value these rules cannot make (a required recursion too deep, a
    pattern none of the candidates matches)."""


@dataclass(frozen=True)
class Payload:
    schema: str  # the spec's schema name
    case: str  # what the payload exercises: all, required, null:P, enum:P=V...
    data: Any
    valid: bool
    rule: str = ""  # for an invalid payload: required, type or enum
    prop: str = ""  # the property the case is about (its wire name)


def schemas(spec: Schema) -> dict[str, Schema]:
    """The spec's named schemas: OpenAPI 3 components.schemas or Swagger 2 definitions."""
    found = (spec.get("components") or {}).get("schemas") or spec.get("definitions") or {}
    return {k: v for k, v in found.items() if isinstance(v, dict)}


def pointer(spec: Schema, ref: str) -> Schema | None:
    if not ref.startswith("#/"):
        return None
    node: Any = spec
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]  # into an allOf or oneOf member
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node if isinstance(node, dict) else None


def ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def types(schema: Schema) -> tuple[str | None, bool]:
    """The schema's JSON type (None: unstated or several) and whether null is allowed."""
    kind = schema.get("type")
    nullable = bool(schema.get("nullable") or schema.get("x-nullable"))
    if isinstance(kind, list):
        nullable = nullable or "null" in kind
        rest = [k for k in kind if k != "null"]
        kind = rest[0] if len(rest) == 1 else None
    if schema.get("enum") and None in schema["enum"]:
        nullable = True
    return (kind if isinstance(kind, str) else None), nullable


@dataclass
class Spec:
    """A spec with its references followed: the helpers below need only this."""

    raw: Schema
    named: dict[str, Schema] = field(default_factory=dict)
    _merged: dict[int, tuple[Schema, Schema]] = field(default_factory=dict, repr=False)
    bases: dict[tuple[str, bool], Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.named = schemas(self.raw)

    def deref(self, schema: Schema) -> tuple[Schema, str | None, bool]:
        """Follow $refs: the schema at the end, the last schema name passed, and whether a
        schema on the way allowed null."""
        name, nullable, seen = None, False, set()
        while isinstance(schema.get("$ref"), str) and schema["$ref"] not in seen:
            nullable = nullable or types(schema)[1]
            ref = schema["$ref"]
            seen.add(ref)
            found = pointer(self.raw, ref)
            if found is None:
                raise Unmakeable(f"unresolvable $ref {ref}")
            name = ref_name(ref)
            schema = found
        return schema, name, nullable or types(schema)[1]

    def merged(self, schema: Schema, depth: int = 0) -> Schema:
        """allOf flattened into one schema: properties, required, the first type and
        discriminator; the schema's own keys win. Remembered per schema object (the spec is
        not changed while payloads are made)."""
        found = self._merged.get(id(schema)) if depth == 0 else None
        if found is not None and found[0] is schema:
            return found[1]
        out = self._merge(schema, depth)
        if depth == 0:
            # the schema is kept with its result: its id is not reused while the Spec lives
            self._merged[id(schema)] = (schema, out)
        return out

    def _merge(self, schema: Schema, depth: int) -> Schema:
        schema, _, _ = self.deref(schema)
        parts = schema.get("allOf")
        if not isinstance(parts, list) or depth > 20:
            return schema
        out: Schema = {"properties": {}, "required": []}
        for part in parts:
            if not isinstance(part, dict):
                continue
            sub = self.merged(part, depth + 1)
            out["properties"].update(sub.get("properties") or {})
            out["required"] += [r for r in sub.get("required") or [] if r not in out["required"]]
            for key, value in sub.items():
                if key not in ("properties", "required"):
                    out.setdefault(key, value)
        own = {k: v for k, v in schema.items() if k != "allOf"}
        out["properties"].update(own.pop("properties", None) or {})
        out["required"] += [r for r in own.pop("required", None) or [] if r not in out["required"]]
        out.update(own)
        return out


def is_object(spec: Spec, schema: Schema) -> bool:
    """An object model: properties (or allOf of them), not an enum or a bare union."""
    merged = spec.merged(schema)
    if "enum" in merged:
        return False
    kind, _ = types(merged)
    return bool(merged.get("properties")) or (kind == "object" and "allOf" in schema)


def members(schema: Schema) -> list[Schema]:
    found = schema.get("oneOf") or schema.get("anyOf") or []
    return [m for m in found if isinstance(m, dict)]


@dataclass
class Maker:
    """Builds values for one payload: counts them against BUDGET."""

    spec: Spec
    values: int = 0

    def value(self, schema: Schema, depth: int, *, variant: int = 0) -> Any:
        self.values += 1
        if depth > HARD_DEPTH:
            raise Unmakeable("required values nest too deep")
        schema, name, nullable = self.spec.deref(schema)
        if depth > DEPTH and nullable:
            return None  # a recursion ends where the spec lets it
        union = [m for m in members(schema) if m.get("type") != "null"]
        if union and not schema.get("properties") and "allOf" not in schema:
            return self.member(schema, union, variant % len(union), depth)
        merged = self.spec.merged(schema)
        if "enum" in merged:
            values = [v for v in merged["enum"] if v is not None]
            if not values:
                raise Unmakeable("an enum of null only")
            return copy.deepcopy(values[variant % len(values)])
        if "const" in merged:
            return copy.deepcopy(merged["const"])
        kind, _ = types(merged)
        if kind == "array":
            items = merged.get("items") if isinstance(merged.get("items"), dict) else {}
            count = max(1, int(merged.get("minItems") or 0))
            if merged.get("maxItems") == 0 or depth > DEPTH and not merged.get("minItems"):
                return []  # and a recursion through a list ends with an empty one
            return [self.value(items, depth + 1, variant=variant + i) for i in range(count)]
        if merged.get("properties") or kind == "object":
            return self.obj(merged, depth, name)
        if kind == "string" or (kind is None and "format" in merged):
            return self.string(merged, variant)
        if kind == "integer":
            return int(self.number(merged, 1))
        if kind == "number":
            return self.number(merged, 1.5)
        if kind == "boolean":
            return True
        return "any value"  # no type: any JSON value

    def member(self, schema: Schema, union: list[Schema], index: int, depth: int) -> Any:
        chosen = union[index]
        value = self.value(chosen, depth, variant=0)
        discriminator = schema.get("discriminator")
        if isinstance(discriminator, dict) and isinstance(value, dict) and "$ref" in chosen:
            prop = discriminator.get("propertyName")
            mapping = discriminator.get("mapping") or {}
            tag = next((k for k, v in mapping.items() if v == chosen["$ref"]),
                       ref_name(chosen["$ref"]))
            if isinstance(prop, str):
                value[prop] = tag
        return value

    def obj(self, merged: Schema, depth: int, name: str | None) -> dict[str, Any]:
        props: dict[str, Schema] = {
            k: v for k, v in (merged.get("properties") or {}).items() if isinstance(v, dict)
        }
        required = [r for r in merged.get("required") or [] if r in props]
        full = depth <= DEPTH and self.values < BUDGET
        out: dict[str, Any] = {}
        for prop, sub in props.items():
            if prop in required:
                out[prop] = self.value(sub, depth + 1)
            elif full:
                try:
                    out[prop] = self.value(sub, depth + 1)
                except Unmakeable:
                    pass  # an optional property can stay out
        if not props:
            extra = merged.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                out["key"] = self.value(extra, depth + 1)
            elif depth > 0 or merged.get("additionalProperties") is not False:
                out["key"] = "value"  # a free-form object
        self._discriminate(merged, out, name)
        return out

    def _discriminate(self, merged: Schema, out: dict[str, Any], name: str | None) -> None:
        """An allOf child of a parent with a discriminator names itself in it."""
        discriminator = merged.get("discriminator")
        if not isinstance(discriminator, dict) or name is None:
            return
        prop = discriminator.get("propertyName")
        if not isinstance(prop, str) or prop not in out:
            return
        sub, _, _ = self.spec.deref((merged.get("properties") or {}).get(prop) or {})
        if "enum" in sub or types(sub)[0] not in ("string", None):
            return  # the spec's values (or type) win over the schema's name
        mapping = discriminator.get("mapping") or {}
        out[prop] = next((k for k, v in mapping.items() if ref_name(str(v)) == name), name)

    def string(self, schema: Schema, variant: int) -> str:
        fmt = schema.get("format")
        if fmt == "date-time":
            text = DATE_TIMES[variant % len(DATE_TIMES)]
        elif isinstance(fmt, str) and fmt in FORMATS:
            text = FORMATS[fmt]
        else:
            text = ""
        low = int(schema.get("minLength") or 0)
        high = schema.get("maxLength")
        pattern = schema.get("pattern")
        candidates = [text] if text else [c for c in STRINGS]
        if low or high is not None:
            candidates = [c.ljust(low, "x") for c in candidates]
            if high is not None:
                candidates = [c[: int(high)] for c in candidates]
                candidates = [c for c in candidates if len(c) >= low]
        if isinstance(pattern, str) and not text:
            try:
                regex = re.compile(pattern)
            except re.error as exc:
                raise Unmakeable(f"pattern {pattern!r}: {exc}") from None
            candidates = [c for c in candidates if regex.search(c)]
        if not candidates:
            raise Unmakeable(f"no string fits {schema!r}")
        return candidates[0]

    def number(self, schema: Schema, start: float) -> float:
        value: float = start
        low, high = schema.get("minimum"), schema.get("maximum")
        if isinstance(schema.get("exclusiveMinimum"), (int, float)) and not isinstance(
                schema.get("exclusiveMinimum"), bool):
            low = schema["exclusiveMinimum"] + 1
        elif schema.get("exclusiveMinimum") is True and isinstance(low, (int, float)):
            low = low + 1
        if isinstance(schema.get("exclusiveMaximum"), (int, float)) and not isinstance(
                schema.get("exclusiveMaximum"), bool):
            high = schema["exclusiveMaximum"] - 1
        elif schema.get("exclusiveMaximum") is True and isinstance(high, (int, float)):
            high = high - 1
        if isinstance(low, (int, float)) and value < low:
            value = low
        if isinstance(high, (int, float)) and value > high:
            value = high
        step = schema.get("multipleOf")
        if isinstance(step, (int, float)) and step > 0:
            value = step * max(1, round(value / step))
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
            raise Unmakeable("an empty range")
        return value


def properties(spec: Spec, name: str) -> tuple[dict[str, Schema], list[str]]:
    merged = spec.merged(spec.named[name])
    props = {k: v for k, v in (merged.get("properties") or {}).items() if isinstance(v, dict)}
    return props, [r for r in merged.get("required") or [] if r in props]


def _facts(spec: Spec, sub: Schema) -> tuple[Schema, bool]:
    """A property's schema with refs and allOf followed, and whether it may be null (the
    property's own nullable, its ref wrapper's, or a 3.1 null member)."""
    nullable = types(sub)[1] or any(types(m)[1] or m.get("type") == "null" for m in members(sub))
    if len(sub.get("allOf") or []) == 1 and not sub.get("properties"):
        sub = {**sub["allOf"][0], **{k: v for k, v in sub.items() if k != "allOf"}}
    rest = [m for m in members(sub) if m.get("type") != "null"]
    if len(members(sub)) == 2 and len(rest) == 1:
        sub = rest[0]
    resolved, _, ref_nullable = spec.deref(sub)
    return spec.merged(resolved), nullable or ref_nullable


def _base(spec: Spec, name: str, *, all_props: bool, overrides: dict[str, Any] | None = None,
          variants: dict[str, int] | None = None) -> dict[str, Any]:
    """The ``all`` (or ``required``) payload, made once per schema; a variation replaces one
    property's value in a copy of it (the value made alone, by a fresh Maker)."""
    key = (name, all_props)
    if key not in spec.bases:
        try:
            spec.bases[key] = _make(spec, name, all_props)
        except Unmakeable as exc:
            spec.bases[key] = exc
    base = spec.bases[key]
    if isinstance(base, Unmakeable):
        raise base
    out = dict(base)
    for prop, value in (overrides or {}).items():
        out[prop] = value
    for prop, variant in (variants or {}).items():
        out[prop] = Maker(spec).value(properties(spec, name)[0][prop], 1, variant=variant)
    # a copy through JSON: no two payloads share a list or an object
    copied: dict[str, Any] = json.loads(json.dumps(out))
    return copied


def _make(spec: Spec, name: str, all_props: bool) -> dict[str, Any]:
    props, required = properties(spec, name)
    maker = Maker(spec)
    out: dict[str, Any] = {}
    for prop, sub in props.items():
        if prop not in required and not all_props:
            continue
        try:
            out[prop] = maker.value(sub, 1)
        except Unmakeable:
            if prop in required:
                raise
    maker._discriminate(spec.merged(spec.named[name]), out, name)
    return out


def _valid_cases(spec: Spec, name: str) -> Iterator[tuple[str, str, dict[str, Any] | None,
                                                            dict[str, int] | None]]:
    """(case, property, overrides, variants) of every valid variation, by kind, in turn."""
    props, _ = properties(spec, name)
    kinds: list[list[tuple[str, str, dict[str, Any] | None, dict[str, int] | None]]] = [
        [], [], [], [], []]
    for prop, sub in props.items():
        try:
            facts, nullable = _facts(spec, sub)
        except Unmakeable:
            continue  # a reference that does not resolve: no variation of it
        if nullable:
            kinds[0].append((f"null:{prop}", prop, {prop: None}, None))
        values = [v for v in facts.get("enum") or [] if v is not None]
        for index, value in enumerate(values[1:], 1):
            kinds[1].append((f"enum:{prop}={value}", prop, None, {prop: index}))
        union = members(facts) if not facts.get("properties") else []
        for index in range(1, len(union)):
            kinds[2].append((f"member:{prop}#{index}", prop, None, {prop: index}))
        kind, _ = types(facts)
        if facts.get("format") == "date-time" and kind in ("string", None):
            for index in range(1, len(DATE_TIMES)):
                kinds[3].append((f"date-time:{prop}={DATE_TIMES[index]}", prop, None,
                                 {prop: index}))
        if kind == "number" and "enum" not in facts and facts.get("multipleOf") is None:
            kinds[4].append((f"number:{prop}=int", prop, None, None))
    yield "all", "", None, None
    yield "required", "", None, None
    yield from _interleave(kinds)


def _interleave(kinds: list[list[Any]]) -> Iterator[Any]:
    """One of each kind in turn, so that a bound on the count keeps every kind."""
    index = 0
    while any(index < len(k) for k in kinds):
        for k in kinds:
            if index < len(k):
                yield k[index]
        index += 1


def object_names(spec: Schema) -> list[str]:
    parsed = Spec(spec)
    out = []
    for name, schema in parsed.named.items():
        try:
            if is_object(parsed, schema):
                out.append(name)
        except Unmakeable:
            continue
    return out


def valid(spec: Schema | Spec, name: str, limit: int = MAX_VALID) -> list[Payload]:
    """Payloads the spec allows for the named object schema (see the module docstring)."""
    parsed = spec if isinstance(spec, Spec) else Spec(spec)
    out: list[Payload] = []
    seen: list[Any] = []
    for case, prop, overrides, variants in _valid_cases(parsed, name):
        if len(out) >= limit:
            break
        try:
            data = _base(parsed, name, all_props=case != "required", overrides=overrides,
                         variants=variants)
        except Unmakeable:
            continue
        if case.startswith("number:"):
            value = data.get(prop)
            if not isinstance(value, float):
                continue
            data[prop] = math.ceil(value)  # the same number, as APIs write an integral one
            facts, _ = _facts(parsed, properties(parsed, name)[0][prop])
            if not _within(facts, data[prop]):
                continue
        if data in seen and case not in ("all", "required"):
            continue
        seen.append(data)
        out.append(Payload(name, case, data, True, prop=prop))
    return out


def _within(schema: Schema, value: float) -> bool:
    low, high = schema.get("minimum"), schema.get("maximum")
    return not (isinstance(low, (int, float)) and value < low
                or isinstance(high, (int, float)) and value > high)


def _wrong(facts: Schema) -> Any:
    """A value of another JSON type than the one the schema states (and not null); None where
    it states none (properties without ``type: object`` take any value)."""
    kind, _ = types(facts)
    return {"string": 12345, "integer": "text", "number": "text", "boolean": "text",
            "array": "text", "object": "text"}.get(kind or "")


def invalid(spec: Schema | Spec, name: str, limit: int = MAX_INVALID) -> list[Payload]:
    """Payloads that break exactly one rule of the spec for the named object schema."""
    parsed = spec if isinstance(spec, Spec) else Spec(spec)
    try:
        base = _base(parsed, name, all_props=True)
    except Unmakeable:
        return []
    props, required = properties(parsed, name)
    kinds: list[list[Payload]] = [[], [], []]
    for prop in required:
        if prop in base:
            data = {k: v for k, v in base.items() if k != prop}
            kinds[0].append(Payload(name, f"missing:{prop}", data, False, "required", prop))
    for prop, sub in props.items():
        if prop not in base:
            continue
        try:
            facts, _ = _facts(parsed, sub)
        except Unmakeable:
            continue
        if members(facts) and not facts.get("properties"):
            continue  # a union: which wrong value no member takes is not known here
        wrong = _wrong(facts)
        if wrong is not None:
            kinds[1].append(Payload(name, f"type:{prop}={wrong!r}", {**base, prop: wrong}, False,
                                    "type", prop))
        values = [v for v in facts.get("enum") or [] if v is not None]
        kind, _ = types(facts)
        if values and all(isinstance(v, str) for v in values):
            outside = "not-" + "-".join(sorted(values))[:40]
            kinds[2].append(Payload(name, f"enum:{prop}", {**base, prop: outside}, False,
                                    "enum", prop))
        elif values and kind == "integer" and all(isinstance(v, int) for v in values):
            outside_int = max(values) + 1000
            kinds[2].append(Payload(name, f"enum:{prop}", {**base, prop: outside_int}, False,
                                    "enum", prop))
    return list(_interleave(kinds))[:limit]


def payloads(spec: Schema) -> list[Payload]:
    """Every object schema's valid and invalid payloads, schemas in the spec's order."""
    parsed = Spec(spec)
    out: list[Payload] = []
    for name in object_names(spec):
        try:
            out += valid(parsed, name)
            out += invalid(parsed, name)
        except (Unmakeable, RecursionError):
            continue  # a schema these rules cannot make payloads for: none
    return out

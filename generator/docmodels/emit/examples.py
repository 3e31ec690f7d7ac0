"""An example payload per model: JSON that the model's page allows, for its docs page.

Every property gets a value of its type: its default where the page gives one, else the first
value its enum allows, else a value that stands for its type and format (``"2024-01-31"`` for a
date, ``0`` for an integer, an array of one item, a map of one entry). A property that may be
null where the page does not say gets a value all the same: the example shows the type. A
property of a union or of a type written alike for several (an either) is an example of its
first member; a value of any type is ``{}``.

A reference is the referenced model's example, nested at most ``FULL_DEPTH`` models deep and
within ``BUDGET`` values; past that, and where a model would hold itself (a cycle), the model is
*cut*: an optional property holding it is left out, an array or map holding it is empty, a
property that may be null is null, and one that can be neither is the model with its required
properties only (a chain of those ends at ``LAST_DEPTH`` or ``LAST_BUDGET`` values, as ``{}``:
where no finite payload exists).

Pure and deterministic: the same model set gives the same example, so the docs do not change
from run to run.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Constraints,
    EitherOf,
    Field,
    JsonValue,
    MapOf,
    Model,
    ModelKind,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
)

FULL_DEPTH = 3  # the model and the models nested in it two levels deep show every property
LAST_DEPTH = 12  # a chain of required, non-null references ends here (it has no finite payload)
BUDGET = 120  # values in one example before nested models are cut
# Values past which nothing more is nested, required or not: a model with many required
# references to itself, none of which may be null, would otherwise double at each level.
LAST_BUDGET = 4 * BUDGET
LONGEST = 1024  # a min_length past this is not met: the example stays readable

# A string for each format a reader recognises; any other format is a plain string.
_FORMATTED = {
    "date": "2024-01-31",
    "date-time": "2024-01-31T12:00:00Z",
    "time": "12:00:00",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "email": "user@example.com",
    "uri": "https://example.com",
    "url": "https://example.com",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "ZXhhbXBsZQ==",  # base64 of "example"
}
# Strings tried, in order, against a pattern the plain one does not match.
_PATTERN_TRIES = ("string", "a", "A", "0", "abc", "ABC", "123", "a1", "")


class _Cut:
    """A model that is not shown in full here: the holder decides what stands for it."""


class _Omit:
    """An optional property left out of its object."""


CUT = _Cut()
OMIT = _Omit()


def example(name: str, by_name: dict[str, Model]) -> JsonValue:
    """The example payload of model ``name``."""
    return example_reading(name, by_name)[0]


def example_reading(name: str, by_name: dict[str, Model]) -> tuple[JsonValue, tuple[str, ...]]:
    """The example payload of model ``name``, and the names of the models it read (looked up,
    found or not): the same models give the same example."""
    builder = _Builder(by_name, {})
    value = builder.model(name, 0, frozenset(), minimal=False)
    return ({} if isinstance(value, _Cut) else value), tuple(builder.read)


def example_json(value: JsonValue) -> str:
    """The example as indented JSON that shows every character: one that does not print (a
    text direction override, a zero-width space) is written as its JSON escape, the same
    value. No line starts with a back-tick, so the text cannot close a code fence."""
    return _unprintable_escaped(json.dumps(value, indent=2, ensure_ascii=False))


def _unprintable_escaped(text: str) -> str:
    """JSON text whose strings show every character (the rest of it is printable ASCII)."""
    if text.replace("\n", "").isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\n" else _json_escape(c) for c in text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def example_view(model: Model) -> str:
    """What making an example reads of a model (``_Builder``: its kind, values, members and
    each property's key, type, default, values, limits and whether it is required or
    nullable; not its descriptions), as text that tells 1, 1.0 and True apart: two models of
    one name and one view give every example the same value."""
    return repr((
        model.kind,
        tuple(v.value for v in model.enum_values),
        model.variants,
        tuple(
            (f.wire_name, f.required, f.nullable, f.default, f.type, f.enum_values, f.constraints)
            for f in model.fields
        ),
    ))


@dataclass(slots=True)
class _Builder:
    by_name: dict[str, Model]
    read: dict[str, None]  # the names looked up, in order
    spent: int = 0  # values made so far

    def model(self, name: str, depth: int, path: frozenset[str], minimal: bool
              ) -> JsonValue | _Cut:
        model = self.by_name.get(name)
        self.read[name] = None
        if model is None:  # not among the models (resolution reports it): any value
            return {}
        if model.kind is ModelKind.ENUM:
            self.spent += 1
            return model.enum_values[0].value if model.enum_values else "string"
        if model.kind is ModelKind.UNION:
            if name in path or depth >= LAST_DEPTH:
                return CUT
            inner = path | {name}
            tried = [self.value(v, depth, inner, None, minimal) for v in model.variants]
            return next((v for v in tried if not isinstance(v, _Cut)), CUT)
        cut = name in path or depth >= FULL_DEPTH or self.spent >= BUDGET
        if (cut and not minimal) or depth >= LAST_DEPTH or self.spent >= LAST_BUDGET:
            return CUT
        self.spent += 1
        inner = path | {name}
        out: dict[str, JsonValue] = {}
        for f in model.fields:
            if cut and f.required is False:
                continue
            value = self.field(f, depth + 1, inner)
            if not isinstance(value, _Omit):
                out[f.wire_name] = value
        return out

    def field(self, f: Field, depth: int, path: frozenset[str]) -> JsonValue | _Omit:
        if f.default is not None and f.default.value is not None:
            self.spent += 1
            return f.default.value
        value = self.value(f.type, depth, path, f.enum_values, False, f.constraints)
        if not isinstance(value, _Cut):
            return value
        if f.required is False:
            return OMIT
        if f.nullable is not False:
            return None
        value = self.value(f.type, depth, path, f.enum_values, True, f.constraints)
        # A required chain of models that cannot be null has no finite payload: {} ends it.
        return {} if isinstance(value, _Cut) else value

    def value(self, t: TypeExpr, depth: int, path: frozenset[str],
              choices: tuple[JsonValue, ...] | None, minimal: bool,
              limits: Constraints | None = None) -> JsonValue | _Cut:
        if isinstance(t, Primitive):
            self.spent += 1
            if choices:
                return choices[0]
            return _scalar(t, limits or Constraints())
        if isinstance(t, Reference):
            return self.model(t.name, depth, path, minimal)
        if isinstance(t, ArrayOf):
            item = self.value(t.items, depth, path, choices, minimal)
            if isinstance(item, _Cut) and limits is not None and (limits.min_items or 0) > 0:
                item = self.value(t.items, depth, path, choices, True)
            return [] if isinstance(item, _Cut) else [item]
        if isinstance(t, MapOf):
            entry = self.value(t.values, depth, path, choices, minimal)
            return {} if isinstance(entry, _Cut) else {"key": entry}
        if isinstance(t, EitherOf):
            tried = (self.value(m, depth, path, choices, minimal, limits) for m in t.members)
            return next((v for v in tried if not isinstance(v, _Cut)), CUT)
        assert isinstance(t, AnyValue)
        self.spent += 1
        return {}


@lru_cache(maxsize=1024)  # most properties are one of a few types, most without limits
def _scalar(t: Primitive, limits: Constraints) -> JsonValue:
    if t.kind is PrimitiveKind.STRING:
        return _string(_FORMATTED.get(t.format or "", "string"), limits)
    if t.kind in (PrimitiveKind.INTEGER, PrimitiveKind.NUMBER):
        return _number(t.kind is PrimitiveKind.INTEGER, limits)
    return True


def _string(plain: str, limits: Constraints) -> str:
    tries = (plain, *_PATTERN_TRIES) if limits.pattern is not None else (plain,)
    for text in tries:
        if limits.min_length is not None and len(text) < limits.min_length <= LONGEST:
            text += "x" * (limits.min_length - len(text))
        if limits.max_length is not None and len(text) > limits.max_length:
            text = text[: limits.max_length]
        try:
            if limits.pattern is None or re.search(limits.pattern, text):
                return text
        except re.error:
            return plain
    return plain  # no try matches: the plain string (the page's pattern is its own to read)


def _number(integer: bool, limits: Constraints) -> int | float:
    """Zero, or the value nearest it within the limits (a multiple of ``multiple_of``); zero
    where none is found (limits no number meets, or beyond what a float holds)."""
    low = _bound(limits.minimum, limits.exclusive_minimum, upper=False)
    high = _bound(limits.maximum, limits.exclusive_maximum, upper=True)
    try:
        value = _nearest_zero(integer, low, high, limits.multiple_of)
        value = int(value) if integer else float(f"{value:.15g}")  # 0.30000000000000004: 0.3
    except (OverflowError, ValueError):  # an infinite limit, or one no float holds
        value = 0
    if isinstance(value, float) and not math.isfinite(value):  # JSON has no infinity
        value = 0
    if isinstance(value, int) and value.bit_length() > 13_000:  # Python writes 4,300 digits
        value = 0
    if _within(value, low, high):
        return value
    return 0 if integer else 0.0


def _nearest_zero(integer: bool, low: Bound | None, high: Bound | None,
                  multiple_of: float | None) -> float:
    if _within(0, low, high):
        return 0
    upward = low is not None and (low[0] > 0 or low[1])
    edge = low[0] if upward and low is not None else high[0] if high is not None else 0
    step = multiple_of or (1 if integer else None)
    if step is not None and step > 0:
        if isinstance(edge, int) and isinstance(step, int):  # exact, however large
            count = -(-edge // step) if upward else edge // step
        else:
            count = math.ceil(edge / step) if upward else math.floor(edge / step)
        if _within(count * step, low, high):
            return count * step
        return (count + (1 if upward else -1)) * step
    if _within(edge, low, high):
        return edge
    # An exclusive limit: halfway to the other one, or one past it.
    other = high if upward else low
    return (edge + other[0]) / 2 if other else edge + (1 if upward else -1)


Bound = tuple[float, bool]  # a limit, and whether it is exclusive


def _bound(inclusive: float | None, exclusive: float | None, upper: bool) -> Bound | None:
    """The tighter of two limits on one side."""
    found = [(v, closed) for v, closed in ((inclusive, False), (exclusive, True)) if v is not None]
    if not found:
        return None
    value = min(v for v, _ in found) if upper else max(v for v, _ in found)
    return value, any(closed for v, closed in found if v == value)


def _within(value: float, low: Bound | None, high: Bound | None) -> bool:
    if low is not None and (value < low[0] or (low[1] and value == low[0])):
        return False
    return not (high is not None and (value > high[0] or (high[1] and value == high[0])))

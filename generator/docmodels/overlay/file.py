"""Reading an overlay file: TOML in, checked patches out, each with the line it was written on.

The file is the user's, but a mistake in it must still read as a diagnostic with its line, not
a traceback: every value's shape is checked here, before any model is touched. tomllib gives no
positions, so entries are located by their table headers (``[models.Pet.properties.name]``)
and keys by the line they start on; an entry written as an inline table is located at the
header of the table that holds it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docmodels import tomlfile
from docmodels.diagnostics import Diagnostic, Location, error
from docmodels.ir import JsonValue, KeyCase
from docmodels.limits import MAX_VALUE_DEPTH, value_depth
from docmodels.numeric import is_finite
from docmodels.source import open_regular

# The file docmodels finds by itself in a spec folder.
OVERLAY_NAME = "docmodels-overlay.toml"

_NUMBER_LIMITS = ("minimum", "maximum", "exclusive_minimum", "exclusive_maximum", "multiple_of")
_COUNT_LIMITS = ("min_length", "max_length", "min_items", "max_items")
PROPERTY_KEYS = (
    "wire_name",
    "format",
    "nullable",
    "required",
    "read_only",
    "description",
    "default",
    "enum",
    *_NUMBER_LIMITS,
    *_COUNT_LIMITS,
    "pattern",
)
MODEL_KEYS = ("enum", "description", "keys", "properties")
# The key conventions an overlay may name (ir.KeyCase's values).
KEY_CASES = tuple(case.value for case in KeyCase)


@dataclass(frozen=True, slots=True)
class Patch:
    """The facts an overlay entry sets, each with where it was written."""

    name: str  # a model's name, or a property's (its wire name or the page's name)
    location: Location  # of the entry's table header
    facts: tuple[tuple[str, JsonValue, Location], ...]

    def get(self, key: str) -> JsonValue:
        return next((value for name, value, _ in self.facts if name == key), None)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(name for name, _, _ in self.facts)

    def where(self, key: str) -> Location:
        return next((at for name, _, at in self.facts if name == key), self.location)


@dataclass(frozen=True, slots=True)
class ModelPatch:
    model: Patch
    properties: tuple[Patch, ...]


@dataclass(frozen=True, slots=True)
class Overlay:
    path: str
    models: tuple[ModelPatch, ...]
    # The top-level ``keys``: the API's key convention for every model the overlay covers (its
    # folder's, for a folder's own docmodels-overlay.toml; every model, for one named).
    keys: str | None = None


def read_overlay(path: Path, base: Path) -> tuple[Overlay | None, list[Diagnostic]]:
    shown = _shown(path, base)
    try:
        with open_regular(path) as file:
            text = file.read().decode("utf-8")
    except OSError as exc:
        return None, [error(Location(shown), f"cannot read overlay: {exc.strerror or exc}")]
    except UnicodeDecodeError:
        return None, [error(Location(shown), "overlay is not UTF-8 text")]
    try:
        data = tomlfile.parse(text)
    except tomlfile.TomlError as exc:
        at = Location(shown) if exc.line is None else Location(shown, exc.line, exc.column or 1)
        return None, [error(at, f"overlay {exc.message}")]
    locate = _Locator(shown, text)
    diagnostics: list[Diagnostic] = []
    for key in data:
        if key not in ("models", "keys"):
            diagnostics.append(error(locate.key((), key), f"unknown key {key!r}: expected "
                                                          "keys or [models.NAME]"))
    keys = data.get("keys")
    if keys is not None:
        problem = _check("keys", keys)
        if problem:
            diagnostics.append(error(locate.key((), "keys"), f"keys {problem}"))
            keys = None
    models = data.get("models", {})
    if not isinstance(models, dict):
        diagnostics.append(error(locate.key((), "models"), "models must be a table of models"))
        return None, diagnostics
    patches = [
        _model(name, entry, locate, diagnostics) for name, entry in models.items()
    ]
    overlay = Overlay(shown, tuple(p for p in patches if p is not None), keys)
    return (None if diagnostics else overlay), diagnostics


def _model(
    name: str, entry: Any, locate: _Locator, diagnostics: list[Diagnostic]
) -> ModelPatch | None:
    table = ("models", name)
    if not isinstance(entry, dict):
        diagnostics.append(error(locate.key(table[:1], name), f"model {name!r}: expected a table"))
        return None
    facts = []
    for key, value in entry.items():
        at = locate.key(table, key)
        if key not in MODEL_KEYS:
            diagnostics.append(error(at, f"model {name!r}: unknown key {key!r} (expected "
                                         f"{', '.join(MODEL_KEYS)})"))
        elif key != "properties":
            problem = _check(key, value)
            if problem:
                diagnostics.append(error(at, f"model {name!r}: {key} {problem}"))
            else:
                facts.append((key, _json(value), at))
    properties = entry.get("properties", {})
    found: list[Patch] = []
    if not isinstance(properties, dict):
        diagnostics.append(error(locate.key(table, "properties"),
                                 f"model {name!r}: properties must be a table of properties"))
    else:
        for prop, spec in properties.items():
            patch = _property(name, prop, spec, locate, diagnostics)
            if patch is not None:
                found.append(patch)
    return ModelPatch(Patch(name, locate.table(table), tuple(facts)), tuple(found))


def _property(
    model: str, name: str, entry: Any, locate: _Locator, diagnostics: list[Diagnostic]
) -> Patch | None:
    table = ("models", model, "properties", name)
    where = f"property {model}.{name}"
    if not isinstance(entry, dict):
        diagnostics.append(error(locate.key(table[:-1], name), f"{where}: expected a table"))
        return None
    facts = []
    for key, value in entry.items():
        at = locate.key(table, key)
        if key not in PROPERTY_KEYS:
            diagnostics.append(error(at, f"{where}: unknown key {key!r}"))
            continue
        problem = _check(key, value)
        if problem:
            diagnostics.append(error(at, f"{where}: {key} {problem}"))
            continue
        facts.append((key, _json(value), at))
    for low, high in (("minimum", "maximum"), ("min_length", "max_length"),
                      ("min_items", "max_items")):
        if low in entry and high in entry and not _in_order(entry, low, high):
            diagnostics.append(error(locate.key(table, high), f"{where}: {high} is below {low}"))
    return Patch(name, locate.table(table), tuple(facts))


def _in_order(entry: dict[str, Any], low: str, high: str) -> bool:
    if _check(low, entry[low]) or _check(high, entry[high]):
        return True  # reported already
    return bool(entry[low] <= entry[high])


def _check(key: str, value: Any) -> str | None:
    """What is wrong with a value for ``key`` (its shape only), or None."""
    if key in ("wire_name", "format", "description"):
        if not isinstance(value, str) or (key != "description" and not value):
            return "must be a non-empty string" if key != "description" else "must be a string"
        return None
    if key in ("nullable", "required", "read_only"):
        return None if isinstance(value, bool) else "must be true or false"
    if key == "keys":
        return None if value in KEY_CASES else f"must be one of {', '.join(KEY_CASES)}"
    if key == "enum":
        if not isinstance(value, list) or not value:
            return "must be a non-empty array of strings or numbers"
        if not all(_is_scalar(v) for v in value):
            return "values must be strings or numbers"
        if len({(type(v) is str, v) for v in value}) != len(value):
            return "values must differ"
        return None
    if key == "default":
        if value_depth(value) > MAX_VALUE_DEPTH:
            return (f"is nested {value_depth(value)} levels deep; the limit is "
                    f"{MAX_VALUE_DEPTH}")
        return None if _is_json(value) else "must be a JSON value (no dates or times)"
    if key in _NUMBER_LIMITS:
        if not _is_number(value):
            return "must be a number"
        if key == "multiple_of" and value <= 0:
            return "must be greater than 0"
        return None
    if key in _COUNT_LIMITS:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return None if ok else "must be a whole number, 0 or more"
    if key == "pattern":
        if not isinstance(value, str):
            return "must be a string"
        try:
            re.compile(value)
        except re.error as exc:
            return f"is not a valid regular expression: {exc}"
        return None
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and is_finite(value)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str) or _is_number(value)


def _is_json(value: Any) -> bool:
    if value is None or isinstance(value, (str, bool)) or _is_number(value):
        return True
    if isinstance(value, list):
        return all(_is_json(v) for v in value)
    if isinstance(value, dict):
        return all(_is_json(v) for v in value.values())
    return False


def _json(value: Any) -> JsonValue:
    result: JsonValue = value  # checked by _check: TOML's strings, numbers, arrays and tables
    return result


def _shown(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# A table header, [a.b."c d"] (not an array of tables, [[a]]).
_HEADER = re.compile(r"^\s*\[(?!\[)(?P<key>.*)\]\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(r"^\s*(?P<key>[^=#\[]+?)\s*=")
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\]|\\.)*"')
_LITERAL = re.compile(r"'[^']*'")


def split_key(text: str) -> tuple[str, ...] | None:
    """A dotted TOML key as its parts (``models."Pet Shop".x`` -> models, Pet Shop, x)."""
    parts: list[str] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t":
            i += 1
        for pattern in (_BARE, _BASIC, _LITERAL):
            match = pattern.match(text, i)
            if match:
                break
        else:
            return None
        raw = match.group()
        if raw.startswith('"'):
            try:
                parts.append(tomllib.loads(f"k = {raw}")["k"])
            except tomllib.TOMLDecodeError:
                return None
        else:
            parts.append(raw.strip("'"))
        i = match.end()
        while i < n and text[i] in " \t":
            i += 1
        if i == n:
            return tuple(parts)
        if text[i] != ".":
            return None
        i += 1


class _Locator:
    """Lines of an overlay's table headers and keys."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.split("\n")
        self.headers: dict[tuple[str, ...], int] = {}
        for number, line in enumerate(self.lines, 1):
            match = _HEADER.match(line)
            key = split_key(match.group("key")) if match else None
            if key is not None and key not in self.headers:
                self.headers[key] = number

    def table(self, key: tuple[str, ...]) -> Location:
        """Where the table ``key`` is written: its header, or the nearest enclosing one's."""
        for end in range(len(key), 0, -1):
            if key[:end] in self.headers:
                return Location(self.path, self.headers[key[:end]], 1)
        return Location(self.path, 1, 1)

    def key(self, table: tuple[str, ...], key: str) -> Location:
        """Where ``key`` is assigned in ``table`` (or in an enclosing table, by a dotted key)."""
        for end in range(len(table), -1, -1):
            start = self.headers.get(table[:end], 0) if end else 0
            if end and not start:
                continue
            wanted = (*table[end:], key)
            for number in range(start + 1, len(self.lines) + 1):
                line = self.lines[number - 1]
                if _HEADER.match(line):
                    break
                match = _ASSIGNMENT.match(line)
                if match and split_key(match.group("key")) == wanted:
                    return Location(self.path, number, line.index(line.lstrip()[:1]) + 1)
            if (*table, key) in self.headers:
                return Location(self.path, self.headers[(*table, key)], 1)
        return self.table(table)


def overlay_paths(specs: Sequence[Path], named: Sequence[Path]) -> list[Path]:
    """The overlays a run applies: each spec folder's own, then the ones named, each once."""
    found = [spec / OVERLAY_NAME for spec in specs if (spec / OVERLAY_NAME).is_file()]
    unique: dict[Path, Path] = {}
    for path in (*found, *named):
        unique.setdefault(path.resolve(), path)
    return list(unique.values())

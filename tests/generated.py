"""Generating a Python package from spec pages into a temporary folder, and importing it.

Each call gets a package name of its own, so tests can import any number of generated packages
side by side without one shadowing another in ``sys.modules``.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import json
import math
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any

from conftest import REPO
from docmodels.diagnostics import Diagnostic
from docmodels.dialects import registry
from docmodels.emit.targets import DEFAULT
from docmodels.ir import ModelSet
from docmodels.pipeline import build
from docmodels.writer import write_tree

FIXTURES = REPO / "tests" / "fixtures" / "generate"

_counter = itertools.count(1)


@dataclass(frozen=True)
class Generated:
    module: ModuleType  # the imported package
    name: str  # its (unique) package name
    root: Path  # the output folder: the package is root/name, the docs root/docs
    files: dict[str, str]  # what the pipeline produced, relative to root
    model_set: ModelSet
    diagnostics: tuple[Diagnostic, ...]

    @property
    def package_dir(self) -> Path:
        return self.root / self.name

    def source(self, module: str) -> str:
        return self.files[f"{self.name}/{module}.py"]


def unique_name(prefix: str = "gen") -> str:
    return f"{prefix}_{os.getpid()}_{next(_counter)}"


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    """The pipeline records spec paths relative to the working directory: run it from ``path``."""
    with contextlib.chdir(path):
        yield


def build_files(
    specs: Sequence[Path],
    package: str,
    *,
    cwd: Path = REPO,
    target: str = DEFAULT,
    dialect: str | None = None,
) -> tuple[dict[str, str], ModelSet, tuple[Diagnostic, ...]]:
    """``dialect``: the pages' (``--dialect``), where a few pages would not tell it."""
    chosen = registry.by_name(dialect) if dialect else None
    with working_directory(cwd):
        result = build(list(specs), package, dialect=chosen, target=target)
    return result.files, result.model_set, result.diagnostics


def import_package(root: Path, name: str) -> ModuleType:
    """Import the package ``root/name`` without leaving ``root`` on ``sys.path``."""
    importlib.invalidate_caches()
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(root))


def generate(
    specs: Sequence[Path] | Path,
    out: Path,
    *,
    package: str | None = None,
    cwd: Path = REPO,
    target: str = DEFAULT,
    dialect: str | None = None,
) -> Generated:
    """Generate a package (and docs) from ``specs`` into ``out`` and import it.

    Fails the calling test if the pipeline reports errors: a fixture that does not generate is a
    broken fixture, not something to import.
    """
    spec_list = [specs] if isinstance(specs, Path) else list(specs)
    name = package or unique_name()
    files, model_set, diagnostics = build_files(
        spec_list, name, cwd=cwd, target=target, dialect=dialect
    )
    if not files:
        messages = "\n".join(str(d) for d in diagnostics)
        raise AssertionError(f"generating from {spec_list} failed:\n{messages}")
    write_tree(out, files)
    module = import_package(out, name)
    return Generated(module, name, out, files, model_set, diagnostics)


def write_page(folder: Path, name: str, text: str) -> Path:
    """Write one spec page (as bytes, so that no newline translation touches it)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    path.write_bytes(text.encode("utf-8"))
    return path


TABLE_HEAD = (
    "Name | Type | Description | Notes\n"
    "------------ | ------------- | ------------- | -------------\n"
)


def python_page(title: str, rows: Sequence[str], description: str = "") -> str:
    """A model page as openapi-generator's python templates write it."""
    intro = f"{description}\n" if description else ""
    return f"# {title}\n\n{intro}## Properties\n{TABLE_HEAD}" + "".join(f"{r}\n" for r in rows)


# A checker for the part of JSON Schema 2020-12 that `docmodels schema` writes, so that tests can
# hold the generated validators and the schema to the same payloads.

_JSON_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: (
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    ),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}
def _multiple(value: float, divisor: float) -> bool:
    # As decimal numbers, the way JSON writes them: 0.3 is a multiple of 0.1.
    return (Fraction(repr(value)) / Fraction(repr(divisor))).denominator == 1


# Numeric limits: whether a number passes each.
_NUMBER_LIMITS: dict[str, Any] = {
    "minimum": lambda v, limit: v >= limit,
    "maximum": lambda v, limit: v <= limit,
    "exclusiveMinimum": lambda v, limit: v > limit,
    "exclusiveMaximum": lambda v, limit: v < limit,
    "multipleOf": _multiple,
}
_KNOWN_KEYWORDS = frozenset({
    "type", "enum", "$ref", "anyOf", "items", "uniqueItems", "properties", "required",
    "additionalProperties", "format", "description", "default", "readOnly", "allOf", "oneOf",
    "not",
    *_NUMBER_LIMITS, "minLength", "maxLength", "pattern", "minItems", "maxItems",
})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def schema_errors(value: Any, schema: dict[str, Any], document: dict[str, Any], path: str = "$"
                  ) -> list[str]:
    """Where ``value`` breaks ``schema`` (a $defs entry of ``document``); [] when it conforms."""
    # x- keywords are our annotations (what the page leaves unstated): they do not validate.
    unknown = {k for k in schema if not k.startswith("x-")} - _KNOWN_KEYWORDS
    if unknown:
        raise AssertionError(f"schema keyword(s) this checker does not know: {sorted(unknown)}")
    errors: list[str] = []
    if "$ref" in schema:
        # A model, or (another spelling of an uncertain key) a model's property.
        target: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        errors += schema_errors(value, target, document, path)
    for option in schema.get("allOf", []):
        errors += schema_errors(value, option, document, path)
    if "oneOf" in schema and sum(
        not schema_errors(value, option, document, path) for option in schema["oneOf"]
    ) != 1:
        errors.append(f"{path}: matches not exactly one oneOf option")
    if "not" in schema and not schema_errors(value, schema["not"], document, path):
        errors.append(f"{path}: matches what it must not")
    if "anyOf" in schema and all(
        schema_errors(value, option, document, path) for option in schema["anyOf"]
    ):
        errors.append(f"{path}: matches no anyOf option")
    if "type" in schema:
        allowed = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_JSON_TYPES[t](value) for t in allowed):
            errors.append(f"{path}: not of type {allowed}")
            return errors
    if "enum" in schema and not any(
        value == e and isinstance(value, bool) == isinstance(e, bool) for e in schema["enum"]
    ):
        errors.append(f"{path}: not one of {schema['enum']}")
    if schema.get("format") == "date" and isinstance(value, str) and not _DATE.match(value):
        errors.append(f"{path}: not a date")
    if _JSON_TYPES["number"](value):
        for keyword, passes in _NUMBER_LIMITS.items():
            if keyword in schema and not passes(value, schema[keyword]):
                errors.append(f"{path}: breaks {keyword} {schema[keyword]}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", len(value)):
            errors.append(f"{path}: length {len(value)} is out of bounds")
        if "pattern" in schema and re.search(schema["pattern"], value) is None:
            errors.append(f"{path}: does not match {schema['pattern']!r}")
    if isinstance(value, list) and not (
        schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value))
    ):
        errors.append(f"{path}: {len(value)} items is out of bounds")
    if isinstance(value, list) and schema.get("uniqueItems"):
        identities = [json.dumps(item, sort_keys=True) for item in value]
        if len(set(identities)) != len(identities):
            errors.append(f"{path}: items are not unique")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(item, schema["items"], document, f"{path}[{index}]")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}: missing {key!r}")
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                errors += schema_errors(item, properties[key], document, f"{path}.{key}")
            elif "additionalProperties" in schema:
                errors += schema_errors(
                    item, schema["additionalProperties"], document, f"{path}.{key}"
                )
    return errors

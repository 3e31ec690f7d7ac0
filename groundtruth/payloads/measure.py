"""Do the models docmodels generates from a docs folder take what the API sends, and give it back?

``measure(folder, spec, target)``: ``docmodels generate FOLDER`` into a fresh temporary package
(its own module name, removed from sys.modules and sys.path afterwards), then, per object schema
of the spec with its payloads (groundtruth.payloads.generate):

- the schema's class: the generated class whose name is the spec's, as openapi-generator
  spells it (punctuation and case dropped, ``Model`` before a reserved word: the matching of
  groundtruth.real.measure); a schema with no class counts as ``unmapped``, its payloads apart;
- a valid payload is **accepted** when ``from_dict`` (the typeddict target: ``parse_<name>``)
  returns, and **round-tripped** when ``to_dict()`` (typeddict: the parsed dict) equals the
  payload as JSON: the same keys at every level, the same strings, booleans and nulls, numbers
  equal by value (JSON has one number type: ``2`` and ``2.0`` are the same), lists in order;
- an invalid payload is **rejected** when ``from_dict`` raises the package's ``ValidationError``.
  It is measured only where the valid payload it breaks (``all``) is accepted (``base``):
  else its rejection says nothing of the rule it breaks. It counts as *carried* when the page carries the fact that rules it out: the schema docmodels
  prints for the folder has the property under its exact wire name and marks it required (not
  ``x-docmodels-unstated``), gives it a type other than any value, or lists its enum values;
  the others are counted apart (``not carried``);
- anything else raised (by ``from_dict`` or ``to_dict``) is a **crash**, listed with its
  traceback's last line: generated code must never crash on a payload.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from docmodels.emit.jsonschema import SPELLING_OF, UNSTATED

from groundtruth.measure import norm, structural
from groundtruth.payloads.generate import Payload, payloads
from groundtruth.real.measure import _cli

PACKAGE = "payload_models"


@dataclass(frozen=True)
class Outcome:
    payload: Payload
    result: str  # valid: accepted, round-trip, rejected; invalid: rejected, accepted; crash
    cause: str = ""  # why, normalised (values out) for grouping
    detail: str = ""  # the message as raised, or the first difference
    carried: bool = True  # invalid payloads: the page carries the fact that rules it out
    base: bool = True  # invalid payloads: the valid payload it breaks (``all``) is accepted


@dataclass
class FolderResult:
    folder: str
    target: str
    generates: bool = False
    error: str = ""
    schemas: int = 0
    unmapped: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, *, valid: bool, result: str | None = None,
              carried: bool | None = None, base: bool | None = None) -> int:
        return sum(1 for o in self.outcomes if o.payload.valid == valid
                   and (result is None or o.result == result)
                   and (carried is None or o.carried == carried)
                   and (base is None or o.base == base))

    @property
    def crashes(self) -> int:
        return sum(1 for o in self.outcomes if o.result == "crash")


def same_json(a: Any, b: Any) -> bool:
    """Equal as JSON values: see the module docstring."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def differences(sent: Any, got: Any, path: str = "$") -> list[tuple[str, str]]:
    """Every place the round trip changed the payload: (cause, detail) pairs, in order."""
    if isinstance(sent, dict) and isinstance(got, dict):
        out = [("key dropped", f"{path}.{key}") for key in sent if key not in got]
        out += [("key added", f"{path}.{key} = {_short(got[key])}") for key in got
                if key not in sent]
        for key in sent:
            if key in got and not same_json(sent[key], got[key]):
                out += differences(sent[key], got[key], f"{path}.{key}")
        return out
    if isinstance(sent, list) and isinstance(got, list) and len(sent) == len(got):
        out = []
        for index, (x, y) in enumerate(zip(sent, got)):
            if not same_json(x, y):
                out += differences(x, y, f"{path}[{index}]")
        return out
    kind = "string" if isinstance(sent, str) else type(sent).__name__
    if isinstance(sent, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT.*", sent):
        kind = "date-time"
    return [(f"{kind} changed", f"{path}: {_short(sent)} -> {_short(got)}")]


def difference(sent: Any, got: Any) -> tuple[str, str]:
    """The round trip's changes as one cause and detail: each kind once, in order; the first
    change of each kind as the detail."""
    first: dict[str, str] = {}
    for cause, detail in differences(sent, got):
        first.setdefault(cause, detail)
    return "; ".join(first), "; ".join(first.values())


def _short(value: Any) -> str:
    text = json.dumps(value, default=repr)
    return text if len(text) <= 80 else text[:77] + "..."


def normalise(message: str) -> str:
    """A message with its values out, to group causes: quoted text and numbers."""
    message = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "…", message)
    return re.sub(r"\b\d+(\.\d+)?\b", "N", message)[:160]


def message(exc: BaseException) -> str:
    """The first problem a ValidationError names, without its path."""
    errors = getattr(exc, "errors", None)
    if callable(errors):  # pydantic
        with contextlib.suppress(Exception):  # the text is enough
            first = errors()[0]
            return f"{first.get('msg', '')} ({first.get('type', '')})"
    elif isinstance(errors, tuple) and errors:  # the stdlib runtime: (path, message) pairs
        return str(errors[0][1])
    return str(exc).split(" - at `")[0].splitlines()[0]


def where(exc: BaseException) -> str:
    """The path of the first problem, where the error says it (``Pet.id: ``)."""
    errors = getattr(exc, "errors", None)
    if isinstance(errors, tuple) and errors and errors[0][0]:
        return f"{errors[0][0]}: "
    if callable(errors):
        try:
            return ".".join(str(p) for p in errors()[0].get("loc", ())) + ": "
        except Exception:  # noqa: BLE001
            return ""
    text = str(exc)
    return text.split(" - at `")[1].rstrip("`") + ": " if " - at `" in text else ""


@dataclass(frozen=True)
class Model:
    parse: Callable[[Any], Any]
    dump: Callable[[Any], Any]


def _models(package: Any, target: str) -> tuple[dict[str, Model], dict[str, str]]:
    """The package's models by normalised name: how to parse a payload and dump it back; and
    the models whose module does not import, with the error (a crash of its own)."""
    out: dict[str, Model] = {}
    broken: dict[str, str] = {}
    names = [n for n in getattr(package, "__all__", []) if n != "ValidationError"]
    for name in names:
        if target == "typeddict" and not name.startswith("parse_"):
            continue
        key = norm(name[len("parse_"):] if target == "typeddict" else name)
        try:
            found = getattr(package, name)
        except Exception as exc:  # noqa: BLE001 - a module that does not import is a result
            broken[key] = traceback.format_exception_only(type(exc), exc)[-1].strip()[:300]
            continue
        if target == "typeddict":
            out[key] = Model(found, lambda v: v)
        elif isinstance(found, type) and callable(getattr(found, "from_dict", None)):
            out[key] = Model(found.from_dict, lambda v: v.to_dict())
    return out, broken


def lookup(got: dict[str, Any], name: str) -> Any:
    """groundtruth.real.measure's matching: punctuation and case dropped, ``Model`` added before
    a reserved word; and a prefix every name shares dropped (the ory .NET SDK's)."""
    key = norm(name)
    for candidate in (key, "model" + key, key + "model"):
        if candidate in got:
            return got[candidate]
    prefix = os.path.commonprefix(list(got)) if len(got) > 1 else ""
    if prefix and prefix + key in got:
        return got[prefix + key]
    return None


def carried(defs: dict[str, Any], payload: Payload) -> bool:
    """Whether the schema docmodels prints (its ``$defs`` by normalised name) carries the fact
    the invalid payload breaks."""
    model = lookup(defs, payload.schema) or {}
    props = model.get("properties", {})
    prop = props.get(payload.prop)
    if prop is None:
        return False
    if SPELLING_OF in prop:  # another spelling of an uncertain key: the property's schema
        prop = props.get(prop[SPELLING_OF], prop)
    unstated = set(prop.get(UNSTATED, ()))
    if payload.rule == "required":
        return payload.prop in model.get("required", []) and "required" not in unstated
    if payload.rule == "type":
        # A reference to a model whose page lost what it is (an enum page with no values) does
        # not carry its type: the schema takes a string or a number there.
        refs = [prop] + [s for s in prop.get("anyOf", []) if isinstance(s, dict)]
        for ref in (r.get("$ref") for r in refs):
            target = lookup(defs, str(ref).rsplit("/", 1)[-1]) if ref else None
            if target and "x-docmodels-missing" in target and "properties" not in target:
                return False
        # A type the page writes alike for several (php-symfony's string for a list of them)
        # carries none where one of them takes the wrong value.
        wrong = payload.data.get(payload.prop) if isinstance(payload.data, dict) else None
        members = [m for m in prop.get("anyOf", []) if m != {"type": "null"}]
        if any(isinstance(m, dict) and "anyOf" not in m and _takes(m, wrong) for m in members
               if len(members) > 1):
            return False
        return structural(prop) != "any"
    if payload.rule == "enum":
        if "enum" in prop:
            return True
        refs = [prop] + [s for s in prop.get("anyOf", []) if isinstance(s, dict)]
        for ref in (r.get("$ref") for r in refs):
            target = lookup(defs, str(ref).rsplit("/", 1)[-1]) if ref else None
            if target and "enum" in target:
                return True
    return False


_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array",
               dict: "object"}


def _takes(schema: dict[str, Any], value: Any) -> bool:
    """Whether a member schema takes the value's JSON type (a model or a map an object)."""
    kind = _JSON_TYPES.get(type(value))
    if "$ref" in schema:
        return kind == "object"
    types = schema.get("type")
    accepted = set(types) if isinstance(types, list) else {types}
    return kind in accepted or (kind == "integer" and "number" in accepted)


def _try(model: Model, payload: Payload, rejection: type[BaseException]) -> Outcome:
    try:
        parsed = model.parse(payload.data)
    except rejection as exc:
        text = message(exc)
        return Outcome(payload, "rejected", normalise(text), f"{where(exc)}{text}"[:300])
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - a crash is a result
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return Outcome(payload, "crash", f"from_dict: {type(exc).__name__}", last[:300])
    if not payload.valid:
        return Outcome(payload, "accepted")
    try:
        dumped = json.loads(json.dumps(model.dump(parsed)))
    except (TypeError, ValueError) as exc:
        return Outcome(payload, "accepted", "to_dict not JSON-ready", str(exc)[:300])
    except (Exception, RecursionError) as exc:  # noqa: BLE001
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return Outcome(payload, "crash", f"to_dict: {type(exc).__name__}", last[:300])
    if same_json(payload.data, dumped):
        return Outcome(payload, "round-trip")
    cause, detail = difference(payload.data, dumped)
    return Outcome(payload, "accepted", cause, detail)


def _drop(package: str) -> None:
    for key in [k for k in sys.modules if k == package or k.startswith(package + ".")]:
        del sys.modules[key]


def measure(folder: Path, spec: dict[str, Any], target: str = "dataclasses",
            name: str | None = None, cases: list[Payload] | None = None,
            keys: str | None = None) -> FolderResult:
    """The folder's models against the spec's payloads (``cases``: made once per spec by the
    caller, else here; ``keys``: the ``--keys`` setting the run is given, else none)."""
    start = time.monotonic()
    result = FolderResult(name or folder.name, target)
    _drop(PACKAGE)
    # One package name for every run (the runs are apart in time: each is imported from its own
    # folder, and dropped from sys.modules after): docmodels' format cache keys on the text.
    package = PACKAGE
    with tempfile.TemporaryDirectory() as tmp:
        # The pages are read from a copy at the same relative path in every run: the modules
        # name their page, and docmodels' format cache then knows a module another folder of
        # the same spec made (most of a big spec's models read alike in every dialect).
        pages = Path(tmp) / "pages" / folder.name
        shutil.copytree(folder, pages)
        source = pages.relative_to(tmp).as_posix()
        setting = ["--keys", keys] if keys else []
        code, _, err, crash = _cli(["generate", source, "-o", "out",
                                    "--package", package, "--target", target, *setting],
                                   Path(tmp))
        if code != 0:
            result.error = crash or (err.strip().splitlines() or [f"exit {code}"])[-1][:200]
            result.seconds = time.monotonic() - start
            return result
        result.generates = True
        code, out, _, _ = _cli(["schema", source], Path(tmp))
        document = json.loads(out) if code == 0 and out.strip() else {"$defs": {}}
        defs = {norm(k): v for k, v in document.get("$defs", {}).items()}
        root = str(Path(tmp) / "out")
        sys.path.insert(0, root)
        try:
            importlib.invalidate_caches()
            by_schema: dict[str, list[Payload]] = {}
            for payload in payloads(spec) if cases is None else cases:
                by_schema.setdefault(payload.schema, []).append(payload)
            result.schemas = len(by_schema)
            try:
                module = importlib.import_module(package)
            except Exception as exc:  # noqa: BLE001 - a package that does not import: a crash
                error = traceback.format_exception_only(type(exc), exc)[-1].strip()[:300]
                result.error = f"the package does not import: {error}"
                result.outcomes = [Outcome(p, "crash", "import: " + error.split(":")[0], error)
                                   for found in by_schema.values() for p in found]
                result.seconds = time.monotonic() - start
                return result
            models, broken = _models(module, target)
            rejection = module.ValidationError
            for schema, found in by_schema.items():
                model = lookup(models, schema)
                error = lookup(broken, schema)
                if error is not None:
                    result.outcomes += [Outcome(p, "crash", "import: " + error.split(":")[0],
                                                error, not p.valid) for p in found]
                    continue
                if model is None:
                    result.unmapped.append(schema)
                    continue
                base = True
                for payload in found:
                    outcome = _try(model, payload, rejection)
                    if payload.case == "all":
                        base = outcome.result in ("accepted", "round-trip")
                    if not payload.valid:
                        outcome = replace(outcome, carried=carried(defs, payload), base=base)
                    result.outcomes.append(outcome)
        finally:
            sys.path.remove(root)
            _drop(package)
    result.seconds = time.monotonic() - start
    return result

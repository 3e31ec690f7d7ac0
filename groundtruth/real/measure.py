"""docmodels on one generated docs folder, as a user runs it, and the facts it recovers.

``docmodels generate DOCS -o TMP`` and ``docmodels schema DOCS`` (through docmodels.cli.main,
in this process): exit codes, error and warning diagnostics, the models read against the model
pages present, and the facts of the spec (groundtruth.real.facts) found in the schema, compared
as groundtruth.measure compares them.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import tempfile
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from docmodels.cli import main as docmodels

from groundtruth.expected import load_spec
from groundtruth.measure import (
    Score,
    _compare,
    _same_type,
    match,
    norm,
    required_of,
    structural,
)
from groundtruth.real import carried
from groundtruth.real.facts import ANY_MODEL, SpecFacts, spec_facts

DIAGNOSTIC = re.compile(r"^(?P<where>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): "
                        r"(?P<message>.*)$")


@dataclass(frozen=True)
class Diagnostic:
    severity: str
    page: str
    line: int
    message: str
    page_kind: str = "model page"  # or "API page", "README": what the page is (page_kind())


@dataclass
class Result:
    generate_exit: int = -1
    schema_exit: int = -1
    diagnostics: list[Diagnostic] = field(default_factory=list)
    crash: str = ""  # the last line of a traceback, when docmodels raised
    model_pages: int = 0  # Markdown pages in the folder that are not API pages or READMEs
    models_read: int = 0  # models in the schema docmodels prints
    spec_models: int = 0  # object, enum and composed models the spec names
    score: Score = field(default_factory=Score)
    seconds: float = 0.0
    facts_from: str = "folder"  # or "model pages only", when the folder as shipped does not read
    pages_exit: int = -1  # `docmodels schema` on the model pages alone (API pages, README out)
    # What the pages say of each fact, for telling declared misses from real ones (carried.py).
    carried: carried.Folder = field(default_factory=carried.Folder)

    def count(self, severity: str) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)


def docs_folder(out: Path) -> Path | None:
    """The docs folder a generator wrote: ``docs`` or ``doc`` nearest the root, else the folder
    holding the most Markdown pages other than READMEs (the markdown generator's ``Models``)."""
    named = sorted((p for p in out.rglob("*") if p.is_dir() and p.name in ("docs", "doc")),
                   key=lambda p: (len(p.parts), str(p)))
    for folder in named:
        if any(folder.rglob("*.md")):
            return folder
    counts: dict[Path, int] = {}
    for page in out.rglob("*.md"):
        if page.name.lower() != "readme.md":
            counts[page.parent] = counts.get(page.parent, 0) + 1
    return max(sorted(counts), key=lambda p: counts[p]) if counts else None


_METHODS = re.compile(r"^\s*\|?\s*Method\s*\|\s*HTTP request\b", re.MULTILINE)


def is_model_page(page: Path) -> bool:
    """Not a README, not an API page (one with a ``Method | HTTP request`` table). By content,
    not by name (evemarketer.com has a model named ExecAPI), and not by the words alone (a
    model's description may say "HTTP request")."""
    if page.name.lower() == "readme.md":
        return False
    return not _METHODS.search(page.read_text(encoding="utf-8", errors="replace"))


def _cli(argv: list[str], cwd: Path) -> tuple[int, str, str, str]:
    """Exit code, stdout, stderr and the crash (a traceback's last line) of one docmodels run."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    crash = ""
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = docmodels(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    except Exception:  # noqa: BLE001 - a crash is a result to record, not the harness's end
        code = 3
        crash = traceback.format_exc().strip().splitlines()[-1]
    finally:
        os.chdir(previous)
    return code, out.getvalue(), err.getvalue(), crash


def diagnostics(stderr: str, docs: Path, cwd: Path | None = None) -> list[Diagnostic]:
    """The diagnostics of a run on ``docs``, their paths relative to it (a relative path in the
    output is relative to ``cwd``, the run's folder)."""
    found = []
    for line in stderr.splitlines():
        match = DIAGNOSTIC.match(line)
        if match:
            path = Path(match["where"])
            if cwd is not None and not path.is_absolute():
                path = cwd / path
            where = path.as_posix()
            with contextlib.suppress(ValueError):
                where = path.resolve().relative_to(docs.resolve()).as_posix()
            found.append(Diagnostic(match["sev"], where, int(match["line"]), match["message"],
                                    page_kind(path)))
    return found


def page_kind(page: Path) -> str:
    if page.name.lower() == "readme.md":
        return "README"
    if page.is_file() and not is_model_page(page):
        return "API page"
    return "model page"


def measure(docs: Path, facts: SpecFacts, spec: dict[str, Any] | None = None) -> Result:
    result = Result()
    result.model_pages = sum(1 for page in docs.rglob("*.md") if is_model_page(page))
    result.spec_models = len(facts.models) + len(facts.enums) + len(facts.compositions)
    with tempfile.TemporaryDirectory() as tmp:
        # Read from a copy at the same relative path in every run: a module names its page, so
        # docmodels' format cache (content-keyed) knows the modules that another release of the
        # generator wrote alike, and the run costs what changed (the payload measure does so too).
        copy = Path(tmp) / "docs"
        shutil.copytree(docs, copy)
        code, _, err, crash = _cli(["generate", "docs", "-o", "out"], Path(tmp))
        result.generate_exit, result.crash = code, crash
        result.diagnostics = diagnostics(err, copy, Path(tmp))
        code, out, _, crash = _cli(["schema", "docs"], Path(tmp))
        result.schema_exit = code
        result.crash = result.crash or crash
        if code != 0:
            # The folder does not read as shipped; what would its model pages alone give (what
            # a user gets by pointing docmodels at them, and the lead's fixes aim at)?
            pages = Path(tmp) / "model-pages"
            pages.mkdir()
            for page in copy.rglob("*.md"):
                if is_model_page(page):
                    shutil.copyfile(page, pages / page.name)
            result.pages_exit, out, _, _ = _cli(["schema", str(pages)], Path(tmp))
            result.facts_from = "model pages only"
            read = pages
        else:
            result.pages_exit = code
            read = copy
        if spec is not None:
            _, text, _, _ = _cli(["ir", read.relative_to(tmp).as_posix()], Path(tmp))
            try:
                ir = json.loads(text) if text.strip() else {}
            except json.JSONDecodeError:
                ir = {}
            result.carried = carried.folder(spec, facts, ir, carried.project_of(read))
    try:
        document: dict[str, Any] = json.loads(out) if out.strip() else {"$defs": {}}
    except json.JSONDecodeError:
        document = {"$defs": {}}
    result.models_read = len(document.get("$defs", {}))
    result.score = score(document, facts)
    return result


def _lookup(got: dict[str, dict[str, Any]], name: str) -> dict[str, Any]:
    """The schema's model for a spec name, as openapi-generator spells it: punctuation dropped
    (norm), a reserved word or leading digit prefixed with ``Model`` (``ModelReturn``)."""
    key = norm(name)
    return got.get(key) or got.get("model" + key) or got.get(key + "model") or {}


def _unprefixed(document: dict[str, Any], facts: SpecFacts) -> dict[str, Any]:
    """The document with models the generator renamed for a reserved word (``ModelDate`` for
    the spec's ``Date``, ``ModelFile``) called by the spec's name, references included: the
    name is the generator's, not a fact docmodels could recover."""
    names = {norm(n): n for n in (*facts.models, *facts.enums, *facts.compositions)}
    renames = {}
    for name in document.get("$defs", {}):
        key = norm(name)
        if key in names:
            continue
        for bare in (key.removeprefix("model"), key.removesuffix("model")):
            if bare != key and bare in names:
                renames[name] = names[bare]
    if not renames:
        return document
    text = json.dumps(document)
    for old, new in renames.items():
        text = text.replace(f'"#/$defs/{old}"', f'"#/$defs/{new}"')
    renamed: dict[str, Any] = json.loads(text)
    renamed["$defs"] = {renames.get(k, k): v for k, v in renamed["$defs"].items()}
    return renamed


def score(document: dict[str, Any], facts: SpecFacts) -> Score:
    result = Score()
    document = _unprefixed(document, facts)
    defs: dict[str, dict[str, Any]] = document.get("$defs", {})
    got = {norm(name): schema for name, schema in defs.items()}
    enums = {name: tuple(m["enum"]) for name, m in got.items()
             if "enum" in m and "properties" not in m}
    for model_name, props in facts.models.items():
        model = _lookup(got, model_name)
        properties: dict[str, Any] = model.get("properties", {})
        required = required_of(model)
        for wire, expected in props.items():
            where = f"{model_name}.{wire}"
            key = match(wire, properties)
            result.add("property", key is not None, where)
            if key is None:
                continue
            prop = properties[key]
            got_type = structural(prop)
            no_type = expected.type == ""  # the spec's type has no fact (facts.py says why)
            if no_type or expected.type == ANY_MODEL and got_type.startswith("ref:"):
                expected = replace(expected, type=got_type)  # an inline model: any name
            elif ANY_MODEL in expected.type:
                pattern = re.escape(expected.type).replace(re.escape(ANY_MODEL), "ref:[^<>]+")
                if re.fullmatch(pattern, got_type):
                    expected = replace(expected, type=got_type)
            _compare(result, where, wire, expected, key, prop, key in required, enums)
            if no_type:
                result.counts["type"][0] -= 1
                result.counts["type"][1] -= 1
    for model_name, values in facts.enums.items():
        recovered = enums.get(norm(model_name)) or tuple(_lookup(got, model_name).get("enum", ()))
        result.add("enum model", recovered == values, model_name, f"{recovered!r}")
    for model_name, composed in facts.compositions.items():
        model = _lookup(got, model_name)
        variants = sorted(structural(member) for member in model.get("oneOf", []))
        ok = len(variants) == len(composed.variants) and all(
            _same_type(e, g) for e, g in zip(sorted(composed.variants), variants))
        result.add("variants", ok, model_name, f"got {variants}")
        if composed.discriminator is not None:
            named = model.get("discriminator", {}).get("propertyName")
            result.add("discriminator", named == composed.discriminator, model_name,
                       f"got {named}")
    return result


def catalog_folder(generator: str, version: str) -> carried.Folder | None:
    """What our own spec's pages of the same release say (groundtruth/pages/catalog/), to pool
    with the sample's: the catalog has every format and nullability a release may blur, which a
    small sample of real specs may not (python writes **bytes** for byte and binary)."""
    root = Path(__file__).resolve().parents[1]
    folder_path = root / "pages" / "catalog" / f"{generator}@{version}"
    if not folder_path.is_dir():
        return None
    spec = load_spec(root / "specs" / "catalog.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        code, out, _, _ = _cli(["ir", str(folder_path)], Path(tmp))
        if code != 0:
            return None
        return carried.folder(spec, spec_facts(spec), json.loads(out),
                              carried.project_of(folder_path))

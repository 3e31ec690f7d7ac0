#!/usr/bin/env python3
"""What a reviewer and a program meet in the generated code: each module's size against the
budget of 20 lines plus 3 per property, and the time of a model's first use.

    .venv/bin/python benchmarks/generated_code.py             # writes the section
    .venv/bin/python benchmarks/generated_code.py --no-write  # prints it only

Sizes: the ory python SDK's docs folder (../shared/corpus, or DOCMODELS_CORPUS's, where present)
and the benchmark corpus of 1,000 pages, generated with the default target. A module's
properties are its class's annotated fields, an enum's members or a union's members; a module
whose lines (docstrings included) exceed 20 + 3 per property is over budget.

First use: the run-time benchmark's models (the seed model, 40 optional properties, five nested
models), a model of 300 properties whose pages carry no key (each read in any case; its payload
keyed as the page writes the names, then in camelCase) and, where ../shared is present, the ory
SDK's NormalizedProjectRevision (286 such properties, read from its docs page's example), each in
a fresh interpreter (``-I -S``): the time of importing it (in a later process: the bytecode
kept), of the first ``from_dict`` and the first ``to_dict`` (the runtime interprets the model's
declaration), and of the use that compiles the model's code (the runtime's COMPILE_AFTER-th and
one), in a first process (nothing kept, as under PYTHONDONTWRITEBYTECODE or in a read-only
package) and in a later one (the code kept in ``__pycache__`` read back). CPU time (the
process's: on a loaded machine, wall time adds whole scheduler slices to a use of a millisecond),
the median of --repeat processes each. The section goes into docs/benchmarks.md between its generated-code
markers.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # benchmarks/ is a folder of scripts, not a package
from imports import plain_python
from machine import describe
from run import splice
from runtime import generate as generate_runtime_models
from runtime_models import (
    ANY_CASE_COUNT,
    DEEP_PAYLOAD,
    SEED_PAYLOAD,
    any_case_page,
    any_case_payload,
    wide_payload,
)

DOCS = REPO / "docs" / "benchmarks.md"
BEGIN, END = "<!-- generated-code: begin -->", "<!-- generated-code: end -->"
# The shared corpus beside the checkout, or where DOCMODELS_CORPUS says (as for the tests).
CORPUS = Path(os.environ.get("DOCMODELS_CORPUS") or REPO.parent / "shared" / "corpus")
ORY = CORPUS / "ory__sdk__python" / "docs"
TARGET_FIRST_USE_MS = 1.0
SHOWN = 8  # the modules over budget listed by name, the most over first

# Each model of the run-time benchmark and the payload its first use reads.
RUNTIME_USES = {
    "seed (17 properties, 5 nested)": ("CreateSession200Response", SEED_PAYLOAD),
    "wide (40 optional properties)": ("Wide", wide_payload()),
    "deep (5 nested models)": ("Level1", DEEP_PAYLOAD),
}
ANY_CASE_USES = {
    f"any case ({ANY_CASE_COUNT} properties, keys as written)": any_case_payload(),
    f"any case ({ANY_CASE_COUNT} properties, keys in camelCase)": any_case_payload(camel=True),
}
ORY_MODEL = "NormalizedProjectRevision"

# Runs in the fresh interpreter: imports the model, times its first use, uses it until the
# runtime compiles it, and times the use that compiles.
PROGRAM = """
import json, sys, time
sys.path[:0] = [{root!r}]
with open({payload!r}, encoding="utf-8") as stream:
    payload = json.load(stream)
start = time.process_time()
from {package} import {name} as model
imported = time.process_time()
from {package} import _runtime
began = time.process_time()
instance = model.from_dict(payload)
read = time.process_time()
instance.to_dict()
done = time.process_time()
for _ in range(_runtime.COMPILE_AFTER - 1):
    model.from_dict(payload).to_dict()
compiling = time.process_time()
model.from_dict(payload).to_dict()
compiled = time.process_time()
print(*((b - a) * 1e3 for a, b in
        [(start, imported), (began, read), (read, done), (compiling, compiled)]))
"""


@dataclass(frozen=True)
class FirstUse:
    """A model whose first use is timed: its package (under ``root``) and a payload."""

    label: str
    root: Path
    package: str
    name: str
    payload: Path


@dataclass(frozen=True)
class Module:
    name: str
    lines: int
    properties: int

    @property
    def over(self) -> int:
        return self.lines - (20 + 3 * self.properties)


@dataclass(frozen=True)
class Sizes:
    what: str
    modules: list[Module]
    total_lines: int


def module_sizes(package: Path) -> tuple[list[Module], int]:
    """Every model module of ``package`` (not the runtime, not the package's ``__init__``) and
    the lines of the whole package."""
    modules: list[Module] = []
    total = 0
    for path in sorted(package.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        total += text.count("\n")
        if path.name.startswith("_"):
            continue
        properties = 0
        for node in ast.parse(text).body:
            alias = _alias(node)
            if alias is not None:  # a union: its members are its properties
                properties += _members(alias)
            if isinstance(node, ast.ClassDef):
                properties += sum(
                    1 for statement in node.body
                    if isinstance(statement, (ast.AnnAssign, ast.Assign))
                    and not _bookkeeping(statement)
                )
        modules.append(Module(path.name, text.count("\n"), properties))
    return modules, total


def _alias(node: ast.stmt) -> ast.expr | None:
    """The value of ``Name: _t.TypeAlias = ...``, a union's alias."""
    if (isinstance(node, ast.AnnAssign) and isinstance(node.annotation, ast.Attribute)
            and node.annotation.attr == "TypeAlias"):
        return node.value
    return None


def _members(value: ast.expr) -> int:
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr):
        return _members(value.left) + _members(value.right)
    return 1


def _bookkeeping(statement: ast.AnnAssign | ast.Assign) -> bool:
    """The model's declaration (``_docmodels_fields``) and any other ``_docmodels_`` line."""
    targets = [statement.target] if isinstance(statement, ast.AnnAssign) else statement.targets
    return any(isinstance(t, ast.Name) and t.id.startswith("_docmodels") for t in targets)


def generate(specs: Path, out: Path, package: str) -> Path:
    subprocess.run(
        [sys.executable, "-m", "docmodels", "generate", str(specs), "-o", str(out),
         "--package", package, "-q"],
        check=True, capture_output=True, cwd=out.parent,
    )
    return out / package


def example_payload(page: Path) -> Any:
    """The example payload of a model's docs page (its first JSON block)."""
    text = page.read_text(encoding="utf-8")
    return json.loads(text.split("```json\n", 1)[1].split("\n```", 1)[0])


def write_payload(work: Path, payload: Any) -> Path:
    path = work / f"payload{len(list(work.glob('payload*.json')))}.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def any_case_models(work: Path) -> list[FirstUse]:
    """The any-case model's page (no overlay: its keys are uncertain), generated."""
    specs = work / "specs"
    specs.mkdir(parents=True)
    (specs / "AnyCase.md").write_text(any_case_page(), encoding="utf-8")
    root = generate(specs, work / "out", "bench_any").parent
    return [FirstUse(label, root, "bench_any", "AnyCase", write_payload(work, payload))
            for label, payload in ANY_CASE_USES.items()]


def first_uses(uses: list[FirstUse], python: str, repeat: int) -> dict[str, tuple[float, ...]]:
    """Per model, medians: its import (the bytecode kept); the first from_dict and to_dict;
    the use that compiles, in a first process (nothing kept) and in a later one (the code kept
    in __pycache__ read back)."""
    found: dict[str, tuple[float, ...]] = {}
    for use in uses:
        program = PROGRAM.format(root=str(use.root), payload=str(use.payload),
                                 package=use.package, name=use.name)
        firsts: list[list[float]] = []
        imports: list[float] = []
        compiling: dict[bool, list[float]] = {False: [], True: []}
        for later in (False, True):
            for _ in range(repeat):
                if not later:
                    for kept in use.root.glob(f"{use.package}/__pycache__/docmodels.*"):
                        kept.unlink()
                flags = ["-I", "-S"] if later else ["-I", "-S", "-B"]
                if later:  # a run that keeps the code, then the measured ones read it
                    subprocess.run([python, *flags, "-c", program], check=True,
                                   capture_output=True)
                out = subprocess.run([python, *flags, "-c", program], check=True,
                                     capture_output=True, text=True).stdout.split()
                if later:
                    imports.append(float(out[0]))
                firsts.append([float(out[1]), float(out[2])])
                compiling[later].append(float(out[3]))
        found[use.label] = (statistics.median(imports),
                            statistics.median(f[0] for f in firsts),
                            statistics.median(f[1] for f in firsts),
                            statistics.median(compiling[False]),
                            statistics.median(compiling[True]))
    return found


def report(sizes: list[Sizes], uses: dict[str, tuple[float, ...]], repeat: int) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = [f"Measured {when} on {describe()}, load average {load} at the end.", "",
             "| package | model modules | over 20 + 3 a property | package lines | largest module |",
             "|---|---:|---:|---:|---|"]
    for s in sizes:
        largest = max(s.modules, key=lambda m: m.lines)
        over = [m for m in s.modules if m.over > 0]
        lines.append(f"| {s.what} | {len(s.modules):,} | {len(over)} | {s.total_lines:,} | "
                     f"{largest.lines:,} lines, {largest.properties} properties |")
    for s in sizes:
        over = sorted((m for m in s.modules if m.over > 0), key=lambda m: -m.over)
        if over:
            listed = ", ".join(f"`{m.name}` ({m.lines} lines, {m.properties} properties, "
                               f"{m.over} over)" for m in over[:SHOWN])
            more = f", and {len(over) - SHOWN} more" if len(over) > SHOWN else ""
            lines += ["", f"Over budget in {s.what}, the most first: {listed}{more}."]
    lines += ["", (f"A model's first use and the use that compiles it, CPU time, the median of "
                   f"{2 * repeat} fresh processes (ms; import: of {repeat}):"), "",
              ("| model | import (bytecode kept) | first use: from_dict | to_dict | the use "
               "that compiles, from_dict and to_dict: first process | later process |"),
              "|---|---:|---:|---:|---:|---:|"]
    for label, values in uses.items():
        lines.append(f"| {label} | " + " | ".join(f"{v:.2f}" for v in values) + " |")
    worst = max(v[1] + v[2] for v in uses.values())
    verdict = (f"Target (issue 16): a model's first use at most {TARGET_FIRST_USE_MS:.0f} ms: "
               f"{worst:.2f} ms at most, from_dict and to_dict together "
               f"({'met' if worst <= TARGET_FIRST_USE_MS else 'missed'}).")
    lines += ["", verdict]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=11,
                        help="fresh processes per first-use measure (default: 11)")
    parser.add_argument("--no-write", action="store_true",
                        help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()
    sizes: list[Sizes] = []
    models: list[FirstUse] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "runtime").mkdir()
        root = generate_runtime_models(work / "runtime")
        models += [FirstUse(label, root, "bench_models", name, write_payload(work, payload))
                   for label, (name, payload) in RUNTIME_USES.items()]
        models += any_case_models(work / "any_case")
        if ORY.is_dir():
            (work / "ory").mkdir()
            package = generate(ORY, work / "ory" / "out", "ory")
            modules, total = module_sizes(package)
            sizes.append(Sizes("ory python (shared corpus)", modules, total))
            payload = example_payload(package.parent / "docs" / f"{ORY_MODEL}.md")
            label = f"ory {ORY_MODEL} ({len(payload)} any-case properties, docs example)"
            models.append(FirstUse(label, package.parent, "ory", ORY_MODEL,
                                   write_payload(work, payload)))
        corpus.write(1000, work / "corpus" / "specs")
        modules, total = module_sizes(generate(work / "corpus" / "specs",
                                               work / "corpus" / "out", "bench"))
        sizes.append(Sizes("benchmark corpus, 1,000 pages", modules, total))
        uses = first_uses(models, plain_python(), args.repeat)
    block = report(sizes, uses, args.repeat)
    print(block)
    if not args.no_write:
        splice(DOCS, block.rstrip("\n"), BEGIN, END)
        print(f"wrote the section into {DOCS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Import time of the generated code: a fresh interpreter that imports the package of N models,
and one that uses one model of it.

    .venv/bin/python benchmarks/imports.py                  # N = 1,000; writes the table
    .venv/bin/python benchmarks/imports.py --size 50 --no-write
    .venv/bin/python benchmarks/imports.py --root DIR --package NAME --no-write  # a package
                                                            # generated before (to compare)

The corpus is benchmarks/corpus.py's, generated with the default target. Each measure runs in
a new process of the plain interpreter (not the project's virtual environment, whose editable
install imports pathlib and more at start-up) with ``-I -S``: no site-packages, no .pth files,
no PYTHON* variables, so that nothing the program would import is loaded before the timer
starts. The timer (time.perf_counter) runs inside the process, around the import alone, so
interpreter start-up is not counted. One warm-up run first writes the .pyc files; each measure
is the median of --repeat runs. The table goes into docs/benchmarks.md between its imports
markers.
"""

from __future__ import annotations

import argparse
import ast
import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # benchmarks/ is a folder of scripts, not a package
from machine import describe

DOCS = REPO / "docs" / "benchmarks.md"
BEGIN, END = "<!-- imports: begin -->\n", "<!-- imports: end -->\n"
PACKAGE = "bench_imports"
FLAGS = ("-I", "-S")  # isolated, and no site: nothing imported before the program's own imports

# The targets of issue 6.
TARGET_PACKAGE_MS = 50.0
TARGET_ONE_MODEL_MS = 10.0


def plain_python() -> str:
    """The interpreter the virtual environment was made from (``-S`` keeps its site-packages
    out too, but the plain one says what is measured)."""
    return getattr(sys, "_base_executable", None) or sys.executable


def generate(size: int, work: Path) -> Path:
    """The corpus of ``size`` pages as a package named PACKAGE under the returned folder."""
    corpus.write(size, work / "corpus")
    out = work / "out"
    subprocess.run(
        [sys.executable, "-m", "docmodels", "generate", str(work / "corpus" / "pages"), "-o",
         str(out), "--package", PACKAGE],
        check=True, cwd=work, capture_output=True,
    )
    return out


@dataclass(frozen=True)
class Model:
    class_name: str
    module: str
    references: frozenset[str]  # the package's modules this module imports
    stdlib: tuple[str, ...]  # standard-library modules it imports at module level


def models(package_dir: Path) -> dict[str, Model]:
    """The object models of a generated package, by module name: what each imports."""
    found = {}
    for path in sorted(package_dir.glob("*.py")):
        if path.name.startswith("_"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = [node for node in tree.body if isinstance(node, ast.ClassDef)
                   and any("dataclass" in ast.unparse(d) for d in node.decorator_list)]
        if not classes:
            continue  # an enum or a union
        references, stdlib = set(), []
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module] if node.module else [a.name for a in node.names]
                references.update(name for name in names if name != "_runtime")
            elif isinstance(node, ast.Import):
                stdlib += [alias.name for alias in node.names]
        found[path.stem] = Model(classes[0].name, path.stem, frozenset(references),
                                 tuple(stdlib))
    return found


def closure(module: str, package_dir: Path) -> set[str]:
    """The package's modules that importing ``module`` imports (itself included)."""
    seen, pending = set(), [module]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        tree = ast.parse((package_dir / f"{current}.py").read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module] if node.module else [a.name for a in node.names]
                pending += [name for name in names if name and name != "_runtime"]
    return seen


def pick(package_dir: Path) -> tuple[Model, Model]:
    """The model a small program uses: the first object model (by module name) that refers to
    no other model, one with a date-time or date field if there is one (a timestamp is common,
    and its module is then imported too); and the model whose import pulls in the most modules."""
    found = models(package_dir)
    leaves = [m for m in found.values() if not m.references]
    dated = [m for m in leaves if "datetime" in m.stdlib]
    leaf = (dated or leaves or list(found.values()))[0]
    largest = max(found.values(), key=lambda m: (len(closure(m.module, package_dir)), m.module))
    return leaf, largest


def script(root: Path, statements: list[str]) -> str:
    """A program that times each statement in turn and prints the times (s), one line."""
    lines = ["import sys, time", f"sys.path.insert(0, {str(root)!r})", "times = []"]
    for statement in statements:
        lines += ["start = time.perf_counter()", statement,
                  "times.append(time.perf_counter() - start)"]
    lines.append("print(' '.join(repr(t) for t in times))")
    return "\n".join(lines)


def run_once(python: str, root: Path, statements: list[str]) -> list[float]:
    done = subprocess.run([python, *FLAGS, "-c", script(root, statements)], capture_output=True,
                          text=True, check=True, cwd=root)
    return [float(t) for t in done.stdout.split()]


def timed(python: str, root: Path, statements: list[str], repeat: int) -> list[float]:
    """Each statement's median time (ms) over ``repeat`` fresh processes, after a warm-up."""
    run_once(python, root, statements)  # writes the .pyc files
    runs = [run_once(python, root, statements) for _ in range(repeat)]
    return [statistics.median(run[i] for run in runs) * 1000 for i in range(len(statements))]


_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def importtime(python: str, root: Path, statement: str, repeat: int) -> list[tuple[str, float]]:
    """``-X importtime``'s modules for the statement, by their median own time (ms), largest
    first (-X importtime adds its own overhead: these are shares, not the timer's total)."""
    own: dict[str, list[float]] = {}
    # The interpreter's own start-up imports (encodings...) come before the marker.
    program = script(root, ["sys.stderr.write('start\\n')", statement])
    for _ in range(repeat):
        done = subprocess.run([python, *FLAGS, "-X", "importtime", "-c", program],
                              capture_output=True, text=True, check=True, cwd=root)
        for match in _IMPORTTIME.finditer(done.stderr.split("start\n", 1)[1]):
            own.setdefault(match[4], []).append(int(match[1]) / 1000)
    medians = {name: statistics.median(times) for name, times in own.items()}
    return sorted(medians.items(), key=lambda item: (-item[1], item[0]))


@dataclass
class Results:
    package: str
    size: int
    python: str
    package_ms: float
    leaf: Model
    leaf_ms: float
    leaf_after_dataclasses_ms: float  # the same, in a program that imported dataclasses before
    largest: Model
    largest_modules: int
    largest_ms: float
    floor_ms: float  # import dataclasses alone
    steps: list[tuple[str, float]]  # the one model's import, step by step in one process
    offenders: list[tuple[str, float]]  # -X importtime of the one model, by own time


def measure(root: Path, package: str, size: int, repeat: int, python: str) -> Results:
    package_dir = root / package
    leaf, largest = pick(package_dir)
    one = f"from {package} import {leaf.class_name}; {leaf.class_name}.from_dict"
    big = f"from {package} import {largest.class_name}; {largest.class_name}.from_dict"
    package_ms, leaf_ms, largest_ms, floor_ms = (
        timed(python, root, [statement], repeat)[0]
        for statement in (f"import {package}", one, big, "import dataclasses")
    )
    after_dataclasses_ms = timed(python, root, ["import dataclasses", one], repeat)[1]
    stdlib = [name for name in leaf.stdlib if name != "dataclasses"]
    labels = ["dataclasses (its own imports: re, enum, inspect, ast...)",
              "the package's `__init__`", "`_runtime`",
              *(f"{name} (the model's module imports it)" for name in stdlib),
              f"the model's module (`{leaf.module}`: its class, made a dataclass)"]
    statements = ["import dataclasses", f"import {package}", f"import {package}._runtime",
                  *(f"import {name}" for name in stdlib),
                  f"from {package} import {leaf.class_name}"]
    steps = list(zip(labels, timed(python, root, statements, repeat), strict=True))
    version = subprocess.run(
        [python, *FLAGS, "-c", "import platform; print(platform.python_version())"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    return Results(
        package=package, size=size, python=f"{python} (Python {version})",
        package_ms=package_ms, leaf=leaf, leaf_ms=leaf_ms,
        leaf_after_dataclasses_ms=after_dataclasses_ms, largest=largest,
        largest_modules=len(closure(largest.module, package_dir)), largest_ms=largest_ms,
        floor_ms=floor_ms, steps=steps,
        offenders=importtime(python, root, one, max(3, repeat // 3))[:12],
    )


def judge(value: float, limit: float) -> str:
    return "met" if value <= limit else f"missed by {value / limit:.1f}×"


def report(results: Results, repeat: int, note: str = "") -> str:
    r = results
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    head = (f"Measured {when} on {describe()}, {r.python} with `{' '.join(FLAGS)}`, "
            f"N = {r.size:,} models. The median of {repeat} fresh processes, after a warm-up "
            "run." + (f" {note}" if note else ""))
    one = f"`from {r.package} import {r.leaf.class_name}`"
    rows = [
        ("`import dataclasses` alone", r.floor_ms),
        (f"`import {r.package}`: the package of {r.size:,} models", r.package_ms),
        (f"one model: {one} (it refers to no other model)", r.leaf_ms),
        ("the same, in a program that has imported dataclasses before",
         r.leaf_after_dataclasses_ms),
        (f"the model whose import pulls in the most: `{r.largest.class_name}` "
         + f"({r.largest_modules} model modules)", r.largest_ms),
    ]
    table = ["| program | import time |", "|---|---:|",
             *(f"| {label} | {ms:.1f} ms |" for label, ms in rows)]
    steps = ["| step, in one process | time |", "|---|---:|",
             *(f"| {label} | {ms:.2f} ms |" for label, ms in r.steps),
             f"| total | {sum(ms for _, ms in r.steps):.2f} ms |"]
    offenders = ", ".join(f"{name} {ms:.2f}" for name, ms in r.offenders)
    verdicts = [
        (f"- the package of {r.size:,} models: {r.package_ms:.1f} ms against at most "
         f"{TARGET_PACKAGE_MS:.0f} ms: {judge(r.package_ms, TARGET_PACKAGE_MS)}"),
        (f"- one model: {r.leaf_ms:.1f} ms against at most {TARGET_ONE_MODEL_MS:.0f} ms: "
         f"{judge(r.leaf_ms, TARGET_ONE_MODEL_MS)}; in a program that has imported dataclasses "
         f"already, {r.leaf_after_dataclasses_ms:.1f} ms: "
         f"{judge(r.leaf_after_dataclasses_ms, TARGET_ONE_MODEL_MS)}"),
    ]
    lines = [
        head, "", *table, "",
        f"One model, step by step (each step's median, `{r.leaf.class_name}`):", "", *steps, "",
        f"`-X importtime` of the one model, the largest own times (ms): {offenders}.", "",
        "Targets (issue 6):", "", *verdicts,
    ]
    return "\n".join(lines) + "\n"


def splice(block: str, path: Path = DOCS) -> None:
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    path.write_text(head + BEGIN + block + END + rest.split(END, 1)[1], encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="models (default: 1,000)")
    parser.add_argument("--repeat", type=int, default=21,
                        help="fresh processes per measure; the median counts (default: 21)")
    parser.add_argument("--python", default=plain_python(),
                        help="the interpreter to time (default: the plain one, "
                             "not the virtual environment's)")
    parser.add_argument("--root", type=Path,
                        help="time a package generated before, in this folder (with --package)")
    parser.add_argument("--package", default=PACKAGE, help="its name (with --root)")
    parser.add_argument("--note", default="", help="a sentence to add under the measure")
    parser.add_argument("--no-write", action="store_true",
                        help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.root is not None:
            root, package = args.root.resolve(), args.package
            size = len([p for p in (root / package).glob("*.py") if not p.name.startswith("_")])
        else:
            print(f"generating {args.size:,} models", flush=True)
            root, package, size = generate(args.size, Path(tmp)), PACKAGE, args.size
        results = measure(root, package, size, args.repeat, args.python)
    block = report(results, args.repeat, args.note)
    print(block)
    if not args.no_write:
        splice(block)
        print(f"wrote the table into {DOCS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

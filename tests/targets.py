"""What every output target is held to: one set of fixture pages, golden files of the package
generated from them, and the linters. Run ``python tests/targets.py TARGET...`` to rewrite a
target's golden files after a deliberate change (and review the diff)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import REPO, SPECS
from docmodels.pipeline import build
from generated import FIXTURES, Generated, generate

# GOLDEN/<target>/models/: the package keeps its name (a folder named after the library it
# uses, such as pydantic/, would shadow that library for mypy).
GOLDEN = REPO / "tests" / "golden"
UNIONS = REPO / "tests" / "fixtures" / "unions"
CONSTRAINTS = REPO / "tests" / "fixtures" / "constraints"
# The seed specs, and fixtures with every kind of type, default, reference cycle, union and
# constraint.
TARGET_SPECS = [SPECS, FIXTURES / "features", FIXTURES / "defaults", UNIONS, CONSTRAINTS]
# msgspec cannot tell apart the members of a union of two object models (Shape, Tree): only
# the union of scalars, and the enum whose page lost its values.
LIMITED_UNIONS = [UNIONS / "Scalar.md", UNIONS / "Opaque.md"]
SPECS_FOR = {"msgspec": [*TARGET_SPECS[:3], *LIMITED_UNIONS, CONSTRAINTS]}


def specs_for(target: str) -> list[Path]:
    return SPECS_FOR.get(target, TARGET_SPECS)


# Payloads for the constraints fixture, within and outside its limits: every target must agree
# with the default target on each.
LIMITED_VALID: list[dict[str, Any]] = [
    {"age": 0, "ratio": 0.3, "code": "AB", "tags": ["x"], "kind": "a", "label": "l"},
    {"age": 150, "ratio": 0.9, "code": "ABCD", "tags": ["x", "y"], "kind": "b"},
    {},
]
LIMITED_INVALID: list[dict[str, Any]] = [
    {"age": -1}, {"age": 151}, {"ratio": 0}, {"ratio": 1}, {"ratio": 0.35}, {"code": "A"},
    {"code": "ABCDE"}, {"code": "ab"}, {"tags": []}, {"tags": ["a", "b", "c"]}, {"kind": "c"},
    {"label": None},
]


def golden_build(target: str) -> dict[str, str]:
    """The package's files (the docs are the same for every target): ``models/...``."""
    result = build(specs_for(target), "models", base=REPO, target=target)
    assert result.ok, [str(d) for d in result.diagnostics]
    return {path: text for path, text in result.files.items() if path.startswith("models/")}


def golden_files(target: str) -> dict[str, str]:
    folder = GOLDEN / target
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def generate_target(target: str, out: Path) -> Generated:
    return generate(specs_for(target), out, target=target)


def lint(package: Path, tmp_path: Path, oldest: str = "3.10") -> dict[str, tuple[int, str, str]]:
    """mypy --strict (for the ``oldest`` Python the code claims too) and ruff over a generated
    package: (code, out, err)."""
    results = {}
    commands = {
        "mypy": ["mypy", "--strict", "--no-error-summary", "--cache-dir", str(tmp_path / "c")],
        f"mypy-{oldest}": ["mypy", "--strict", "--python-version", oldest, "--no-error-summary",
                           "--cache-dir", str(tmp_path / "c-oldest")],
        "ruff": ["ruff", "check", "--isolated", "--no-cache", "--quiet"],
    }
    for name, command in commands.items():
        done = subprocess.run([sys.executable, "-m", *command, str(package)], cwd=tmp_path,
                              capture_output=True, text=True, check=False)
        results[name] = (done.returncode, done.stdout, done.stderr)
    return results


def _rewrite(target: str) -> None:
    folder = GOLDEN / target
    shutil.rmtree(folder, ignore_errors=True)
    for path, text in golden_build(target).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(text.encode("utf-8"))


if __name__ == "__main__":
    for name in sys.argv[1:]:
        _rewrite(name)

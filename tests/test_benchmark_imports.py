"""The import benchmark (benchmarks/imports.py) measures what it says, on a small corpus: it picks
a model that refers to no other and the one whose import pulls in the most, its programs give a
time per statement, it reads -X importtime, and its report goes between the markers. Nothing
here is timed: the times are the benchmark's, never a test's."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import imports  # benchmarks/ is a folder of scripts, not a package

SIZE = 30  # enough for references, enums and date fields
PYTHON = imports.plain_python()


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return imports.generate(SIZE, tmp_path_factory.mktemp("imports"))


def test_it_picks_a_model_without_references_and_the_one_that_imports_most(root: Path) -> None:
    package_dir = root / imports.PACKAGE
    found = imports.models(package_dir)
    leaf, largest = imports.pick(package_dir)
    assert leaf.references == frozenset()
    assert "datetime" in leaf.stdlib  # a model with a date field, where there is one
    sizes = {m.module: len(imports.closure(m.module, package_dir)) for m in found.values()}
    assert sizes[largest.module] == max(sizes.values()) > 1
    # The closure follows both spellings of an import: ``from .x import X`` and, inside an
    # import cycle, ``from . import x as _m_x``.
    assert all(imports.closure(m.module, package_dir) >= m.references | {m.module}
               for m in found.values())


def test_each_statement_gets_its_own_time(root: Path) -> None:
    leaf, _ = imports.pick(root / imports.PACKAGE)
    statements = ["import dataclasses", f"import {imports.PACKAGE}",
                  f"from {imports.PACKAGE} import {leaf.class_name}"]
    times = imports.timed(PYTHON, root, statements, repeat=2)
    assert len(times) == 3 and all(t > 0 for t in times)


def test_the_programs_start_with_nothing_imported(root: Path) -> None:
    """-I -S: no site, so the program's imports are all in the measure."""
    statement = "assert 'dataclasses' not in sys.modules and 're' not in sys.modules"
    assert len(imports.run_once(PYTHON, root, [statement])) == 1


def test_importtime_is_read_after_start_up(root: Path) -> None:
    leaf, _ = imports.pick(root / imports.PACKAGE)
    rows = imports.importtime(PYTHON, root, f"from {imports.PACKAGE} import {leaf.class_name}",
                              repeat=1)
    names = [name for name, _ in rows]
    assert {"dataclasses", f"{imports.PACKAGE}._runtime"} <= set(names)
    assert "encodings" not in names  # the interpreter's start-up is left out
    assert [ms for _, ms in rows] == sorted((ms for _, ms in rows), reverse=True)


def test_the_report_goes_between_the_markers(root: Path, tmp_path: Path) -> None:
    results = imports.measure(root, imports.PACKAGE, SIZE, 1, PYTHON)
    block = imports.report(results, 1)
    assert f"N = {SIZE} models" in block and "Targets (issue 6):" in block
    assert f"| the model's module (`{results.leaf.module}`" in block
    docs = tmp_path / "benchmarks.md"
    shutil.copy(imports.DOCS, docs)
    imports.splice(block, docs)
    text = docs.read_text(encoding="utf-8")
    assert imports.BEGIN + block + imports.END in text
    imports.splice("again\n", docs)
    assert text.replace(block, "again\n") == docs.read_text(encoding="utf-8")

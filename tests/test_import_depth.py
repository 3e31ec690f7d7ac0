"""Importing a model works however deep its references go: a chain of models, each referring to
the next, imports from either end, through the package or its module, in every target.

Each model's module imports the models it refers to; nested, a chain of about 150 exhausted
Python's stack (RecursionError inside the import machinery). The runtime imports a module's
models leaf first (``_runtime.load_references``). Imports run in a fresh interpreter: the test's
own stack depth must not decide.
"""

from __future__ import annotations

import functools
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO
from docmodels.emit.targets import names as target_names
from docmodels.pipeline import build
from docmodels.writer import write_tree
from generated import build_files, python_page, unique_name, write_page

CHAIN = 200  # nested imports failed from about 150
# Payloads nest this deep (below the runtime's depth limit and pydantic's JSON parser's).
PAYLOAD = 40


def chain_pages(folder: Path, count: int, ring: bool = False) -> Path:
    """Model0 refers to Model1, Model1 to Model2...; ``ring``: the last to Model0."""
    for index in range(count):
        rows = ["**name** | **str** | A name | [optional]"]
        following = (index + 1) % count if ring else index + 1
        if following < count:
            rows.append(f"**next** | [**Model{following}**](Model{following}.md) |  | [optional]")
        write_page(folder, f"Model{index}", python_page(f"Model{index}", rows))
    return folder


def package(specs: Path, out: Path, target: str) -> str:
    """Generate a package from ``specs`` into ``out``; its name."""
    name = unique_name("chain")
    files, _, diagnostics = build_files([specs], name, cwd=specs.parent, target=target)
    assert files, [str(d) for d in diagnostics]
    write_tree(out, files)
    return name


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, str]]:
    """The output folder and package name of the chain of CHAIN models, per target."""
    root = tmp_path_factory.mktemp("chain")
    specs = chain_pages(root / "specs", CHAIN)

    @functools.cache
    def built(target: str) -> tuple[Path, str]:
        out = root / target
        return out, package(specs, out, target)

    return built


def run(out: Path, program: str) -> str:
    done = subprocess.run([sys.executable, "-c", program], cwd=out, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def round_trip(name: str, target: str, model: int) -> str:
    """A program that reads a payload PAYLOAD models deep with Model<model> and writes it back."""
    read = (f"{name}.parse_model_{model}(data)" if target == "typeddict"
            else f"Model{model}.from_dict(data).to_dict()")
    return (
        f"import {name}\n"
        f"from {name}.model_{model} import Model{model}\n"
        "data = {'name': 'last'}\n"
        f"for index in range({PAYLOAD}):\n"
        "    data = {'name': str(index), 'next': data}\n"
        f"assert {read} == data\n"
    )


Chain = Callable[[str], tuple[Path, str]]


@pytest.mark.parametrize("target", target_names())
def test_the_first_model_of_a_long_chain_imports(chain: Chain, target: str) -> None:
    out, name = chain(target)
    run(out, f"from {name}.model_0 import Model0\nfrom {name} import Model{CHAIN - 1}")
    # From the middle, then the start: what is loaded already is not imported again.
    run(out, f"from {name} import Model100\nfrom {name}.model_0 import Model0")


@pytest.mark.parametrize("target", target_names())
def test_the_first_model_of_a_long_chain_reads_and_writes_payloads(chain: Chain, target: str
                                                                   ) -> None:
    """msgspec's runtime reads the key spellings a Struct holds without msgspec.inspect, whose
    type_info recursed through all 200 models."""
    out, name = chain(target)
    run(out, round_trip(name, target, 0))


# pydantic and msgspec modules import the models of their own import cycle at their bottom, once
# their class exists, still nested (RecursionError from about 100 models in one cycle); pydantic
# builds a validator through every model of a cycle at once and exhausts Python's stack itself
# from about 80, in a single module too. Smaller rings there.
RING = {"pydantic": 40}


@pytest.mark.parametrize("target", target_names())
def test_every_model_of_a_ring_imports_and_reads_payloads(tmp_path: Path, target: str) -> None:
    """Model0 -> Model1 -> ... -> Model0: one import cycle, which any module may start."""
    count = RING.get(target, CHAIN)
    specs = chain_pages(tmp_path / "specs", count, ring=True)
    name = package(specs, tmp_path / "out", target)
    run(tmp_path / "out", round_trip(name, target, 0) + round_trip(name, target, count // 2))


def test_an_init_template_override_without_the_graph_still_imports(tmp_path: Path) -> None:
    """An override of python/__init__.py.jinja written before the graph existed: the models'
    modules call the runtime, which finds no graph and leaves the imports to nest as before."""
    ours = (REPO / "templates" / "python" / "__init__.py.jinja").read_text(encoding="utf-8")
    include = '{% include "shared/load_order.py.jinja" %}\n'
    assert include in ours
    templates = tmp_path / "templates" / "python"
    templates.mkdir(parents=True)
    (templates / "__init__.py.jinja").write_text(ours.replace(include, ""), encoding="utf-8")
    specs = chain_pages(tmp_path / "specs", 5)  # few modules: black formats each (an override)
    name = unique_name("chain")
    result = build([specs], name, base=tmp_path, templates=tmp_path / "templates")
    assert result.ok and "_docmodels_imports" not in result.files[f"{name}/__init__.py"]
    write_tree(tmp_path / "out", result.files)
    run(tmp_path / "out", round_trip(name, "dataclasses", 0))

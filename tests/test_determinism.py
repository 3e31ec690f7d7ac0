"""The same specs give byte-identical output: from run to run, whatever the interpreter's hash
seed, whatever order the specs are named in, whatever order the file system lists them in.

Every command's output is held to it: the generated tree, ``docmodels ir`` and ``docmodels
schema``, and the diagnostics.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO, SPECS
from docmodels import source
from docmodels.cli import main

CATALOG = REPO / "groundtruth" / "pages" / "catalog"
# Pages of several dialects, each set generated on its own (they define the same models).
INPUTS = {
    "python": ["specs", "groundtruth/pages/catalog/python@7.26.0"],
    "rust": ["groundtruth/pages/catalog/rust@7.26.0"],
    "go": ["groundtruth/pages/catalog/go@7.26.0"],
    "java": ["groundtruth/pages/catalog/java@7.26.0"],
}


def manifest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (caches included), by relative path, as a SHA-256."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def run_here(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def everything(
    specs: list[str], out: Path, capsys: pytest.CaptureFixture[str], *extra: str,
    common: tuple[str, ...] = (),
) -> dict[str, object]:
    """``outputs`` in this process, so that a test may change how it sees the file system.
    ``extra``: options for generate; ``common``: for every command."""
    tree = out / "tree"
    generate = run_here(["generate", *specs, "-o", str(tree), *extra, *common], capsys)
    ir = run_here(["ir", *specs, *common], capsys)
    schema = run_here(["schema", *specs, *common], capsys)
    assert generate[0] == ir[0] == schema[0] == 0, (generate, ir[2], schema[2])
    return {
        "tree": manifest(tree),
        "ir": ir,
        "schema": schema,
        "warnings": generate[2],
    }


def test_two_runs_give_the_same_bytes(
    tmp_path: Path, in_repo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first run formats everything with black, the second reuses its memoized results."""
    first = everything(INPUTS["python"], tmp_path / "first", capsys, "--no-cache")
    second = everything(INPUTS["python"], tmp_path / "second", capsys)
    assert first["tree"]  # something was generated to compare
    assert first == second


# Every command on every input set, in one process: its hash of a str, and what each printed.
_ALL_COMMANDS = """
import contextlib, io, json, sys
from docmodels.cli import main
inputs, out, options = json.loads(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
results = {}
for name, specs in sorted(inputs.items()):
    generate = ["generate", *specs, "-o", f"{out}/{name}", *options]
    for command in (generate, ["ir", *specs], ["schema", *specs]):
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(command)
        results[f"{name} {command[0]}"] = [code, stdout.getvalue().replace(out, "OUT"), stderr.getvalue()]
print(json.dumps({"hash": hash("docmodels"), "results": results}))
"""


@pytest.mark.parametrize("options", [[], ["--no-cache"]], ids=["cache", "no-cache"])
def test_hash_seeds_change_nothing(tmp_path: Path, options: list[str]) -> None:
    """PYTHONHASHSEED changes the hash of every str, and so the order sets iterate in: the
    output must depend on neither. Each seed runs in a process of its own, with a cache folder
    of its own (a shared one would hand the later seeds the first seed's files), or none."""
    hashes: set[int] = set()
    results: dict[str, object] = {}
    for seed in ("0", "1", "random"):
        out = tmp_path / f"seed-{seed}"
        cache = tmp_path / f"cache-{seed}"
        ran = subprocess.run(
            [sys.executable, "-c", _ALL_COMMANDS, json.dumps(INPUTS), str(out),
             json.dumps(options)],
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed, "DOCMODELS_CACHE_DIR": str(cache)},
            capture_output=True, text=True, check=True,
        )
        found = json.loads(ran.stdout)
        hashes.add(found["hash"])
        results[seed] = {
            "printed": found["results"],
            "trees": {name: manifest(out / name) for name in INPUTS},
        }
    assert len(hashes) == 3  # the seeds really changed the interpreter's hashing
    first = results["0"]
    assert isinstance(first, dict)
    assert all(first["trees"].values())  # something was generated to compare
    assert all(code == 0 for code, _, _ in first["printed"].values())
    assert results["1"] == first
    assert results["random"] == first


SPEC_PAGES = sorted(p.relative_to(REPO).as_posix() for p in SPECS.rglob("*.md"))
CATALOG_PYTHON = "groundtruth/pages/catalog/python@7.26.0"


@pytest.mark.parametrize(
    "specs",
    [
        [CATALOG_PYTHON, "specs"],
        [*reversed(SPEC_PAGES), CATALOG_PYTHON],
        [SPEC_PAGES[2], CATALOG_PYTHON, SPEC_PAGES[0], "specs", SPEC_PAGES[3], SPEC_PAGES[1]],
        # A page named on its own and again inside its folder is one page.
        [f"{CATALOG_PYTHON}/Pet.md", "specs", CATALOG_PYTHON, f"{CATALOG_PYTHON}/Category.md"],
    ],
    ids=["folders-reversed", "pages-reversed", "interleaved", "named-twice"],
)
def test_the_order_specs_are_named_in_changes_nothing(
    specs: list[str], tmp_path: Path, in_repo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # Named: a page named on its own does not pick up its folder's overlay (specs/ says its keys
    # are snake_case there).
    overlay = ("--overlay", "specs/docmodels-overlay.toml")
    expected = everything(["specs", CATALOG_PYTHON], tmp_path / "expected", capsys, common=overlay)
    assert everything(specs, tmp_path / "reordered", capsys, common=overlay) == expected


def test_diagnostics_do_not_depend_on_the_order_either(
    in_repo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two pages for one model: which one is "also defined at" does not depend on the order."""
    rust, python = f"{CATALOG}/rust@7.26.0", f"{CATALOG}/python@7.26.0"
    first = run_here(["ir", rust, python], capsys)
    second = run_here(["ir", python, rust], capsys)
    assert first[0] == 1
    assert "duplicate model 'Category'" in first[2]
    assert first == second


def shuffling_walk(rng: random.Random, listings: list[list[str]]) -> object:
    """os.walk, with every folder's entries in a shuffled order (as a file system may list
    them); the shuffled listings are recorded."""
    real_walk = os.walk

    def walk(top: str, *args: bool) -> Iterator[tuple[str, list[str], list[str]]]:
        for root, dirs, files in real_walk(top, *args):
            # In place: the real walk descends into the folders the caller leaves in ``dirs``.
            rng.shuffle(dirs)
            rng.shuffle(files)
            listings.append([*dirs, *files])
            yield root, dirs, files

    return walk


def shuffling_source_walk(
    rng: random.Random, listings: list[list[str]]
) -> Callable[[str], Iterator[tuple[str, list[str], list[tuple[str, bool]]]]]:
    """source._walk, with every folder's entries in a shuffled order."""
    real_walk = source._walk

    def walk(top: str) -> Iterator[tuple[str, list[str], list[tuple[str, bool]]]]:
        for root, dirs, files in real_walk(top):
            rng.shuffle(dirs)
            rng.shuffle(files)
            listings.append([*dirs, *(name for name, _ in files)])
            yield root, dirs, files

    return walk


def test_the_order_the_file_system_lists_pages_in_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = tmp_path / "pages"
    shutil.copytree(SPECS, tree / "sessions")
    shutil.copytree(CATALOG / "python@7.26.0", tree / "catalog" / "python")
    (tree / "catalog" / "python" / "more").mkdir()
    shutil.move(tree / "catalog" / "python" / "Pet.md", tree / "catalog" / "python" / "more")
    monkeypatch.chdir(tmp_path)
    expected = everything(["pages"], tmp_path / "expected", capsys)

    listings: list[list[str]] = []
    monkeypatch.setattr(os, "walk", shuffling_walk(random.Random(5), listings))
    # Spec folders are listed by source._walk (os.scandir, a listing that says which entries
    # are regular files): shuffled the same way.
    monkeypatch.setattr(source, "_walk", shuffling_source_walk(random.Random(6), listings))
    for attempt in range(3):
        assert everything(["pages"], tmp_path / f"shuffled-{attempt}", capsys) == expected
    # The shuffle was real: some folder was listed out of sorted order.
    assert any(listing != sorted(listing) for listing in listings)

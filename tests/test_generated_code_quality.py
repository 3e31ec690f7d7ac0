"""The generated package passes mypy --strict, ruff and black, and generation is deterministic."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import OUTPUT, REPO, SPECS
from docmodels.writer import existing_files
from generated import FIXTURES, Generated, build_files, generate

FIXTURE_SETS = ["features", "names", "defaults", "injection"]


@pytest.fixture(scope="module")
def fixtures_package(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """One package from every fixture folder: the awkward names, types, defaults and texts."""
    return generate([FIXTURES / name for name in FIXTURE_SETS], tmp_path_factory.mktemp("all"))


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, check=False,
        env=env,
    )


def targets(fixtures_package: Generated) -> dict[str, Path]:
    return {"output": OUTPUT / "models", "fixtures": fixtures_package.package_dir}


@pytest.mark.parametrize("target", ["output", "fixtures"])
def test_mypy_strict(fixtures_package: Generated, target: str, tmp_path: Path) -> None:
    package = targets(fixtures_package)[target]
    result = run(
        ["mypy", "--strict", "--no-error-summary", "--cache-dir", str(tmp_path / "cache"),
         str(package)],
        cwd=tmp_path,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("target", ["output", "fixtures"])
def test_ruff_isolated(fixtures_package: Generated, target: str, tmp_path: Path) -> None:
    package = targets(fixtures_package)[target]
    result = run(["ruff", "check", "--isolated", "--no-cache", "--quiet", str(package)], tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("target", ["output", "fixtures"])
def test_black_leaves_it_unchanged(fixtures_package: Generated, target: str, tmp_path: Path
                                   ) -> None:
    package = targets(fixtures_package)[target]
    result = run(["black", "--check", "--diff", "--quiet", str(package)], tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


def test_the_fixture_package_is_the_whole_set(fixtures_package: Generated) -> None:
    """The linters above saw every fixture model (a fixture that failed to generate would not be
    silently left out)."""
    assert sorted(p.name for p in fixtures_package.package_dir.iterdir()) == [
        "__init__.py", "_runtime.py", "account.py", "customer.py", "hostile.py",
        "hostile_enum.py", "hostile_rust.py", "http_validation_error.py", "level.py",
        "limits.py", "mangled.py", "names.py", "order.py", "order_line.py", "order_status.py",
        "priority.py", "punctuation.py", "py.typed", "settings.py", "validation_error.py",
    ]


def test_generated_code_needs_only_the_standard_library(fixtures_package: Generated) -> None:
    for path in fixtures_package.package_dir.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert all(a.name in sys.stdlib_module_names for a in node.names), path
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                assert node.module is not None
                assert node.module.split(".")[0] in sys.stdlib_module_names | {"__future__"}, path


def test_generating_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    specs = [SPECS, *(FIXTURES / name for name in FIXTURE_SETS)]
    first, _, _ = build_files(specs, "models")
    second, _, _ = build_files(list(reversed(specs)), "models")
    assert first == second
    assert first.keys() >= {"models/order.py", "docs/Order.md", "models/create_session.py"}


def test_generation_does_not_depend_on_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        args = ["docmodels", "generate", "specs", *(f"tests/fixtures/generate/{name}"
                                                    for name in FIXTURE_SETS), "-o", str(out)]
        result = run(args, REPO, env)
        assert result.returncode == 0, result.stderr
        outputs.append(existing_files(out))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 47  # 21 modules and 21 pages, 2 indexes, runtime, marker, py.typed


def test_seed_output_is_generated_from_specs() -> None:
    files, _, diagnostics = build_files([SPECS], "models")
    assert diagnostics == ()
    for path, text in files.items():
        assert (OUTPUT / path).read_bytes() == text.encode("utf-8"), path

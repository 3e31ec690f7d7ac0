"""The generated package passes mypy --strict, ruff and black, and generation is deterministic."""

from __future__ import annotations

import ast
import glob
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import OUTPUT, REPO, SPECS
from docmodels.writer import existing_files, write_tree
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
def test_mypy_strict_for_python_3_10(fixtures_package: Generated, target: str, tmp_path: Path
                                     ) -> None:
    """Generated code claims Python 3.10 and later: nothing newer may slip in."""
    package = targets(fixtures_package)[target]
    result = run(
        ["mypy", "--strict", "--python-version", "3.10", "--no-error-summary", "--cache-dir",
         str(tmp_path / "cache"), str(package)],
        cwd=tmp_path,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


TARGETS = ["dataclasses", "attrs", "msgspec", "pydantic", "typeddict"]


def test_pyright_strict_on_every_target(tmp_path: Path) -> None:
    """pyright in strict mode (which includes its basic checks) over output/ and the fixture
    package of every target, in one run: a reviewer's editor shows no error in any module.
    The interpreter that runs the tests finds pydantic, msgspec and attrs."""
    specs = [FIXTURES / name for name in FIXTURE_SETS]
    folders = []
    for target in TARGETS:
        files, _, _ = build_files(specs, f"fx_{target}", target=target)
        write_tree(tmp_path / target, files)
        folders.append(f"{target}/fx_{target}")
    shutil.copytree(OUTPUT / "models", tmp_path / "output" / "models")
    folders.append("output/models")
    (tmp_path / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict"}\n')
    result = run(["pyright", "--pythonpath", sys.executable, "--outputjson", *folders], tmp_path)
    report = json.loads(result.stdout)
    problems = [f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']}"
                for d in report["generalDiagnostics"]]
    assert problems == []
    modules = sum(1 for folder in folders for _ in (tmp_path / folder).glob("*.py"))
    assert report["summary"]["filesAnalyzed"] == modules


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


@pytest.mark.parametrize("target", ["output", "fixtures"])
def test_ruff_format_leaves_it_unchanged(fixtures_package: Generated, target: str, tmp_path: Path
                                         ) -> None:
    """ruff's formatter agrees with black: a project that formats with either leaves the
    generated package as it is."""
    package = targets(fixtures_package)[target]
    result = run(["ruff", "format", "--isolated", "--no-cache", "--check", "--diff",
                  str(package)], tmp_path)
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


# The same package, run by every Python from 3.10 on that this machine has, gives the same
# results: the validators must not depend on what a version's standard library accepts.

PROBE = """
import json, sys
import {package} as m

def verdict(cls, payload):
    try:
        return cls.from_dict(payload).to_dict()
    except m.ValidationError as exc:
        return [list(e) for e in exc.errors]

order = {{"id": "o", "created_at": "2024-03-18T09:15:02+00:00"}}
results = [verdict(m.Order, order | {{"created_at": v}}) for v in [
    "2024-03-18T09:15:02Z", "2024-03-18T09:15:02.1Z", "2024-03-18T09:15:02.1234567+01:00",
    "2024-03-18 09:15:02", "2024-03-18t09:15:02z", "20240318T091502", "2024-03-18T09:15",
    "2024-03-18T09", "2024-03-18T24:00:00Z", "2024-02-29T00:00:00-23:59"]]
results += [verdict(m.Order, order | {{"ship_by": v}}) for v in [
    "2024-03-18", "20240318", "2024-W12-1", "2024-078", "2023-02-29"]]
results += [verdict(m.OrderLine, {{"sku": "s", "quantity": 1, "discount": None, "type": "t",
                                    "line_id": v}}) for v in [
    "0B6F6C8E-2D0E-4D8A-9C61-7D1B2A3C4E5F", "{{0b6f6c8e-2d0e-4d8a-9c61-7d1b2a3c4e5f}}",
    "urn:uuid:0b6f6c8e-2d0e-4d8a-9c61-7d1b2a3c4e5f", "0b6f6c8e2d0e4d8a9c617d1b2a3c4e5f"]]
results.append(m.Settings().to_dict())
results.append(repr(m.Settings()))
print(json.dumps(results, indent=1))
"""


def _interpreters() -> list[str]:
    found = []
    for minor in range(10, 15):
        for candidate in (shutil.which(f"python3.{minor}"),
                          *sorted(glob.glob(os.path.expanduser(
                              f"~/.pyenv/versions/3.{minor}.*/bin/python3")))):
            if candidate is None:
                continue
            check = subprocess.run([candidate, "-c", "import sys; print(sys.version_info[:2])"],
                                   capture_output=True, text=True, check=False)
            if check.returncode == 0 and check.stdout.strip() == f"(3, {minor})":
                found.append(candidate)
                break
    return found


@pytest.mark.parametrize("python", _interpreters() or ["none"])
def test_same_results_on_every_python(fixtures_package: Generated, python: str,
                                      tmp_path: Path) -> None:
    if python == "none":
        pytest.skip("no other Python 3.10+ interpreter here")
    script = PROBE.format(package=fixtures_package.name)
    env = {"PYTHONPATH": str(fixtures_package.root), "PYTHONDONTWRITEBYTECODE": "1"}
    here = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False)
    there = subprocess.run([python, "-c", script], cwd=tmp_path, env=env,
                           capture_output=True, text=True, check=False)
    assert (here.returncode, here.stderr) == (0, "")
    assert (there.returncode, there.stderr) == (0, "")
    assert there.stdout == here.stdout

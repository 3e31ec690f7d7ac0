"""A wheel built from the repository installs into a clean virtual environment and works there,
templates included, from a folder that is not the checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import OUTPUT, REPO, SPECS
from docmodels import __version__
from docmodels.writer import existing_files

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(REPO)],
        work,
    )
    assert built.returncode == 0, built.stderr
    wheels = list((work / "dist").glob("docmodels-*.whl"))
    assert len(wheels) == 1
    env = work / "env"
    venv.EnvBuilder(with_pip=True, clear=True).create(env)
    python = env / "bin" / "python"
    install = _run([str(python), "-m", "pip", "install", "-q", str(wheels[0])], work)
    assert install.returncode == 0, install.stderr
    return env


def test_installed_command_generates_the_same_output(installed: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(SPECS, project / "specs")
    result = _run(
        [str(installed / "bin" / "docmodels"), "generate", "specs", "-o", "out"], project
    )
    assert result.returncode == 0, result.stderr
    assert existing_files(project / "out") == existing_files(OUTPUT)


def test_templates_come_from_the_installed_package(installed: Path, tmp_path: Path) -> None:
    python = installed / "bin" / "python"
    result = _run(
        [str(python), "-c", "from docmodels.emit.render import templates_dir; print(templates_dir())"],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    where = Path(result.stdout.strip())
    assert where.is_relative_to(installed)
    assert (where / "python" / "model.py.jinja").is_file()


def test_python_dash_m_runs(installed: Path, tmp_path: Path) -> None:
    result = _run([str(installed / "bin" / "python"), "-m", "docmodels", "--version"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"docmodels {__version__}"  # the build read the one source


@pytest.mark.parametrize("target", ["pydantic", "msgspec", "attrs", "typeddict"])
def test_every_target_generates_from_the_installed_package(installed: Path, tmp_path: Path,
                                                           target: str) -> None:
    """Each target's templates are in the wheel (generating needs none of their libraries)."""
    project = tmp_path / "project"
    shutil.copytree(SPECS, project / "specs")
    result = _run([str(installed / "bin" / "docmodels"), "generate", "specs", "-o", "out",
                   "--target", target], project)
    assert result.returncode == 0, result.stderr
    with_checkout = _run([sys.executable, "-m", "docmodels", "generate", str(project / "specs"),
                          "-o", str(tmp_path / "ours"), "--target", target], project)
    assert with_checkout.returncode == 0, with_checkout.stderr
    assert existing_files(project / "out") == existing_files(tmp_path / "ours")

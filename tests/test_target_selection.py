"""--target and `target =` choose the kind of classes; the default is today's dataclasses."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SPECS
from docmodels.emit import targets
from docmodels.pipeline import build


def docmodels(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docmodels", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


def project(tmp_path: Path, config: str = "") -> Path:
    shutil.copytree(SPECS, tmp_path / "specs")
    (tmp_path / "pyproject.toml").write_text(f"[tool.docmodels]\n{config}", encoding="utf-8")
    return tmp_path


def session_module(root: Path) -> str:
    return (root / "output" / "models" / "create_session.py").read_text(encoding="utf-8")


def test_the_default_target_is_dataclasses() -> None:
    assert targets.DEFAULT == "dataclasses"
    assert build([SPECS], "models", base=REPO).files == build(
        [SPECS], "models", base=REPO, target="dataclasses"
    ).files


@pytest.mark.parametrize("target", [t for t in targets.names() if t != targets.DEFAULT])
def test_targets_write_the_same_files_and_docs(target: str) -> None:
    plain = build([SPECS], "models", base=REPO).files
    other = build([SPECS], "models", base=REPO, target=target).files
    assert plain.keys() == other.keys()
    # The docs are the same but for the usage snippet, which is written in the target's API
    # (typeddict reads a payload with parse_<module>, not from_json).
    assert {p: _without_snippet(t) for p, t in other.items() if p.startswith("docs/")} == {
        p: _without_snippet(t) for p, t in plain.items() if p.startswith("docs/")
    }
    assert other["models/create_session.py"] != plain["models/create_session.py"]


def _without_snippet(page: str) -> str:
    return re.sub(r"```python\n.*?```\n", "", page, flags=re.DOTALL)


def test_target_on_the_command_line(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = docmodels(["generate", "--target", "pydantic"], root)
    assert result.returncode == 0, result.stderr
    assert "class CreateSession(_pd.BaseModel):" in session_module(root)
    assert docmodels(["check", "--target", "pydantic"], root).returncode == 0
    assert docmodels(["check"], root).returncode == 1  # the default target would write others


def test_target_from_the_config_and_the_command_line_over_it(tmp_path: Path) -> None:
    root = project(tmp_path, 'target = "pydantic"\n')
    assert docmodels(["generate"], root).returncode == 0
    assert "(_pd.BaseModel)" in session_module(root)
    assert docmodels(["generate", "--target", "dataclasses"], root).returncode == 0
    assert "@_rt.dataclass" in session_module(root)


@pytest.mark.parametrize("where", ["cli", "config"])
def test_an_unknown_target_is_a_usage_error(tmp_path: Path, where: str) -> None:
    root = project(tmp_path, 'target = "marshmallow"\n' if where == "config" else "")
    args = ["generate", "--target", "marshmallow"] if where == "cli" else ["generate"]
    result = docmodels(args, root)
    assert (result.returncode, result.stdout) == (2, "")
    # Where the configuration set it, the message points at the value.
    where = "docmodels: error: " if where == "cli" else "pyproject.toml:2:10: error: "
    assert result.stderr == (
        where + "unknown target 'marshmallow' (known: " + ", ".join(targets.names()) + ")\n"
    )
    assert not (root / "output").exists()


def test_a_target_that_is_not_a_string_is_a_configuration_error(tmp_path: Path) -> None:
    result = docmodels(["generate"], project(tmp_path, "target = 1\n"))
    assert result.returncode == 2
    assert result.stderr.endswith("[tool.docmodels] target must be a string\n")

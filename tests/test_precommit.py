"""The pre-commit hooks, run by the real pre-commit (`pre-commit try-repo`) in a scratch git
repository that keeps model pages and their generated models, as users' repositories do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SPECS

PYPROJECT = '[tool.docmodels]\nspecs = ["docs/models"]\noutput = "generated"\npackage = "api"\n'


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    # pre-commit keeps the environments it builds in PRE_COMMIT_HOME: one per test module.
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(SPECS, project / "docs" / "models")
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "specs")
    return project


def try_repo(project: Path, hook: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook, "--all-files"],
        cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False,
    )


@pytest.mark.slow
def test_the_hooks_generate_then_check(project: Path, environment: dict[str, str]) -> None:
    checked = try_repo(project, "docmodels-check", environment)
    assert checked.returncode == 1, checked.stdout
    assert "generated/api/pet.py" not in checked.stdout  # no such model: names come from specs
    assert "generated/api/create_session.py: missing (generate would write it)" in checked.stdout

    generated = try_repo(project, "docmodels", environment)
    assert generated.returncode == 1, generated.stdout  # it changed files: the commit stops
    assert "docmodels: wrote generated (4 models; 13 file(s) changed)" in generated.stdout
    assert (project / "generated" / "api" / "create_session.py").is_file()

    _git(project, "add", ".")
    again = try_repo(project, "docmodels", environment)
    assert again.returncode == 0, again.stdout  # nothing changed: the commit goes on
    rechecked = try_repo(project, "docmodels-check", environment)
    assert rechecked.returncode == 0, rechecked.stdout


@pytest.mark.slow
def test_an_edited_page_fails_the_check_hook(project: Path, environment: dict[str, str]) -> None:
    assert try_repo(project, "docmodels", environment).returncode == 1
    page = project / "docs" / "models" / "rust" / "CreateSession200ResponseTimestampsInner.md"
    page.write_text(page.read_text(encoding="utf-8").replace("**timestamp**", "**when**"),
                    encoding="utf-8")
    checked = try_repo(project, "docmodels-check", environment)
    assert checked.returncode == 1
    assert (
        "generated/api/create_session_200_response_timestamps_inner.py: "
        "differs from what generate would write"
    ) in checked.stdout


@pytest.mark.slow
def test_the_hooks_run_in_strict_mode(project: Path, environment: dict[str, str]) -> None:
    """A page that stops reading cleanly fails the commit: the hooks make every loss an error,
    where a plain `docmodels generate` would read the type as any value and go on."""
    page = project / "docs" / "models" / "rust" / "CreateSession200ResponseTimestampsInner.md"
    page.write_text(page.read_text(encoding="utf-8").replace("**String**", "**Strng**", 1),
                    encoding="utf-8")
    for hook in ("docmodels", "docmodels-check"):
        result = try_repo(project, hook, environment)
        assert result.returncode == 1, result.stdout
        assert "error: property 'status' refers to model 'Strng'" in result.stdout
    assert not (project / "generated").exists()


# Which commits run the hooks: pre-commit applies each hook's `files:` from our manifest. The
# hooks are declared as this checkout's installed `docmodels` (language: system) so that each run
# takes a second instead of building an environment as try-repo does (above).
def _local_config(directory: Path) -> Path:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = directory / "pre-commit-config.yaml"
    local = [{**hook, "language": "system"} for hook in hooks]
    config.write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}),
                      encoding="utf-8")
    return config


def _commit_run(project: Path, environment: dict[str, str], *changed: str,
                hook: tuple[str, ...] = ()) -> str:
    """pre-commit's output for a commit that changes ``changed`` (paths in the project), staged
    as a commit stages them: every hook, or ``hook``."""
    for relative in changed:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as stream:
            stream.write("\n# changed\n" if path.suffix != ".md" else "\nchanged\n")
    _git(project, "add", *changed)
    config = _local_config(project.parent)
    bin_folder = str(Path(sys.executable).parent)  # where this checkout's `docmodels` is
    env = {**environment, "PATH": bin_folder + os.pathsep + environment.get("PATH", "")}
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--config", str(config), *hook],
        cwd=project, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    return result.stdout


def test_a_commit_of_other_files_skips_the_hooks(project: Path,
                                                 environment: dict[str, str]) -> None:
    output = _commit_run(project, environment, "README.md", "CHANGELOG.md", "src/app.py",
                         ".github/workflows/ci.yml")
    assert output.count("(no files to check)Skipped") == 2, output
    assert not (project / "generated").exists()


def test_a_commit_that_changes_a_page_runs_the_hooks(project: Path,
                                                     environment: dict[str, str]) -> None:
    # Nothing is generated yet: the check fails where it runs.
    page = "docs/models/rust/CreateSession200ResponseTimestampsInner.md"
    output = _commit_run(project, environment, page, hook=("docmodels-check",))
    assert "Skipped" not in output and "Failed" in output, output
    assert "generated/api/create_session.py: missing (generate would write it)" in output


# The same filter for every kind of path, through pre-commit's own filtering (in process: the two
# runs above show that a run applies it).
def _runs_on(path: str) -> bool:
    from pre_commit.commands.run import filter_by_include_exclude

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    chosen = {
        bool(list(filter_by_include_exclude([path], hook["files"], hook.get("exclude", "^$"))))
        for hook in hooks
    }
    assert len(chosen) == 1  # both hooks alike
    return chosen.pop()


@pytest.mark.parametrize("path", [
    "docs/Pet.md",  # an SDK's docs folder
    "sdk/python/docs/Pet.md",
    "specs/rust/CreateSession.md",
    "pyproject.toml",  # the config
    "services/api/pyproject.toml",
    "specs/docmodels-overlay.toml",  # overlays
    "facts.toml",
    "tpl/python/model.py.jinja",  # template overrides
    ".pre-commit-config.yaml",  # a new rev: a new docmodels
])
def test_what_decides_the_output_runs_the_hooks(path: str) -> None:
    assert _runs_on(path)


@pytest.mark.parametrize("path", [
    "README.md", "CHANGELOG.md", "CONTRIBUTING.md", "src/app.py", "tests/test_app.py",
    ".github/workflows/ci.yml", "setup.cfg", "docs/diagram.png",
])
def test_other_files_do_not_run_the_hooks(path: str) -> None:
    assert not _runs_on(path)

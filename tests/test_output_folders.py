"""The package folder and the docs folder can be set apart (``package-dir``, ``docs-dir``), each
docmodels' own inside folders that hold the user's files (a src/ layout); by default one output
folder holds both, as before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SPECS
from docmodels.cli import main
from docmodels.writer import MARKER

SPLIT = '[tool.docmodels]\nspecs = ["specs"]\npackage-dir = "src/api_models"\ndocs-dir = "docs/models"\n'
PACKAGE_FILES = 8  # 6 modules, py.typed and the marker
DOCS_FILES = 6  # 5 pages and the marker


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with code and docs of its own in src/ and docs/."""
    root = tmp_path / "project"
    shutil.copytree(SPECS, root / "specs")
    (root / "src" / "app").mkdir(parents=True)
    (root / "src" / "app" / "__init__.py").write_text("MINE = 1\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Mine\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def mine(project: Path) -> dict[str, bytes]:
    return {name: (project / name).read_bytes() for name in ("src/app/__init__.py", "docs/index.md")}


def test_the_package_and_the_docs_go_into_folders_of_their_own(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(SPLIT, encoding="utf-8")
    code, out, err = run(["generate", "--no-cache"], capsys)
    assert (code, err) == (0, "")
    assert out == ("docmodels: wrote src/api_models and docs/models "
                   f"(4 models; {PACKAGE_FILES + DOCS_FILES} file(s) changed)\n")
    package, docs = files_of(project / "src" / "api_models"), files_of(project / "docs" / "models")
    assert len(package) == PACKAGE_FILES and MARKER in package and "__init__.py" in package
    assert len(docs) == DOCS_FILES and MARKER in docs and "README.md" in docs
    # The package's name is its folder's; the docs say so.
    assert "# Models in `api_models`" in docs["README.md"].decode()
    # The folders around them are the user's, untouched, and hold no marker.
    assert mine(project) == {"src/app/__init__.py": b"MINE = 1\n", "docs/index.md": b"# Mine\n"}
    assert not (project / "src" / MARKER).exists() and not (project / "docs" / MARKER).exists()
    assert not (project / "output").exists()


@pytest.mark.parametrize("cache", [["--no-cache"], []])
def test_check_follows_the_folders(
    cache: list[str], project: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (project / "pyproject.toml").write_text(SPLIT, encoding="utf-8")
    assert run(["generate", *cache], capsys)[0] == 0
    assert run(["check", *cache], capsys) == (
        0, "docmodels: src/api_models and docs/models are up to date (4 models)\n", "")
    monkeypatch.chdir(project / "src")
    assert run(["check", *cache], capsys)[0] == 0
    monkeypatch.chdir(project)
    (project / "docs" / "models" / "README.md").write_text("edited\n", encoding="utf-8")
    (project / "src" / "api_models" / "stale.py").write_text("", encoding="utf-8")
    code, out, err = run(["check", *cache], capsys)
    assert code == 1
    assert out == (
        "src/api_models/stale.py: not generated (generate would remove it)\n"
        "docs/models/README.md: differs from what generate would write\n"
    )
    assert err == ("docmodels: 2 file(s) out of date in src/api_models and docs/models; "
                   "run `docmodels generate`\n")
    # generate replaces each folder as a whole: the stray file goes.
    assert run(["generate", *cache], capsys)[0] == 0
    assert not (project / "src" / "api_models" / "stale.py").exists()
    assert run(["check", *cache], capsys)[0] == 0


def test_the_command_line_options(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["generate", "--no-cache", "specs", "--package-dir", "src/gen",
                        "--docs-dir", "docs/gen"], capsys)
    assert (code, out) == (0, ("docmodels: wrote src/gen and docs/gen (4 models; 14 file(s) "
                              "changed)\n"))
    assert (project / "src" / "gen" / "create_session.py").is_file()
    assert (project / "docs" / "gen" / "CreateSession.md").is_file()
    assert run(["check", "--no-cache", "specs", "--package-dir", "src/gen", "--docs-dir",
                "docs/gen"], capsys)[0] == 0


def test_either_folder_alone_leaves_the_other_in_the_output_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["generate", "--no-cache", "specs", "--docs-dir", "docs/models"], capsys)
    assert (code, out) == (0, ("docmodels: wrote output/models and docs/models (4 models; 14 "
                              "file(s) changed)\n"))
    assert (project / "output" / "models" / MARKER).is_file()


def test_the_default_is_one_folder_of_both(project: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["generate", "--no-cache", "specs"], capsys)[1] == (
        "docmodels: wrote output (4 models; 13 file(s) changed)\n")
    assert sorted(p.name for p in (project / "output").iterdir()) == [MARKER, "docs", "models"]


def test_moving_the_package_out_of_the_output_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """output/docs was written as part of output/: it is docmodels' to replace on its own."""
    assert run(["generate", "--no-cache", "specs"], capsys)[0] == 0
    code, _out, err = run(["generate", "--no-cache", "specs", "--package-dir", "src/api_models"],
                         capsys)
    assert (code, err) == (0, "")
    assert (project / "output" / "docs" / MARKER).is_file()
    assert (project / "src" / "api_models" / MARKER).is_file()


@pytest.mark.parametrize(
    "option", [["--package-dir", "src/app"], ["--docs-dir", "docs"], ["-o", "src"]]
)
def test_a_folder_of_the_users_is_refused(
    option: list[str], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files_of(project)
    code, out, err = run(["generate", "--no-cache", "specs", *option], capsys)
    assert (code, out) == (2, "")
    folder = option[1]
    assert err.startswith(f"docmodels: error: {folder} exists and was not written by docmodels")
    assert "set package-dir or docs-dir to a folder inside it" in err
    assert files_of(project) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--package-dir", "gen", "--docs-dir", "gen/docs"],
         ("the package folder gen and the docs folder gen/docs overlap: each is replaced as a "
         "whole, so neither may hold the other")),
        (["--package-dir", "gen", "--docs-dir", "gen"],
         ("the package folder gen and the docs folder gen overlap: each is replaced as a whole, "
         "so neither may hold the other")),
        (["--package-dir", "src/api_models", "--package", "other"],
         ("--package 'other' is not the name of the package folder src/api_models: leave "
         "--package out")),
        (["--package-dir", "src/api-models"],
         "package name 'api-models' is not a valid Python identifier"),
    ],
)
def test_folders_that_cannot_be_used(args: list[str], message: str, project: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["generate", "--no-cache", "specs", *args], capsys) == (
        2, "", f"docmodels: error: {message}\n")


@pytest.mark.parametrize(
    ("table", "where", "message"),
    [
        ('package-dir = "src/api_models"\npackage = "other"\n', "3:11",
         "package 'other' is not the name of package-dir 'src/api_models': leave package out"),
        ("docs-dir = 3\n", "2:12", "docs-dir must be a string"),
    ],
)
def test_configuration_that_cannot_be_used(table: str, where: str, message: str, project: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Said at the key's value in pyproject.toml, as every configuration error is."""
    (project / "pyproject.toml").write_text("[tool.docmodels]\n" + table, encoding="utf-8")
    assert run(["generate", "--no-cache"], capsys) == (
        2, "", f"pyproject.toml:{where}: error: [tool.docmodels] {message}\n")


def test_each_folder_is_replaced_as_a_whole(project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A change swaps a complete new tree in: the folder itself is a new one."""
    (project / "pyproject.toml").write_text(SPLIT, encoding="utf-8")
    assert run(["generate", "--no-cache"], capsys)[0] == 0
    inodes = [(project / f).stat().st_ino for f in ("src/api_models", "docs/models")]
    page = project / "specs" / "python" / "CreateSession.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Session", "Sessions", 1),
                    encoding="utf-8")
    assert run(["generate", "--no-cache"], capsys)[0] == 0
    assert [(project / f).stat().st_ino for f in ("src/api_models", "docs/models")] != inodes
    assert sorted(p.name for p in (project / "src").iterdir()) == ["api_models", "app"]
    assert sorted(p.name for p in (project / "docs").iterdir()) == ["index.md", "models"]

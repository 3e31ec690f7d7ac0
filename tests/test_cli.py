"""The command line: generate, check, exit codes and messages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import OUTPUT, REPO, SPECS
from docmodels import __version__
from docmodels.cli import EPILOG, main
from docmodels.dialects import registry
from docmodels.writer import IGNORED_DIRS, MARKER
from generated import python_page, write_page

SEED_FILES = 13  # 6 modules, py.typed, 5 doc pages and the marker


def docmodels(args: list[str], cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """The command as users run it, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "docmodels", *args],
        cwd=cwd, capture_output=True, text=True, check=False,
    )


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The command in this process (cwd as the test set it)."""
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's own exits (--help, usage errors)
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in [folder, *sorted(folder.rglob("*"))]}


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


@pytest.fixture
def output_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "output"
    shutil.copytree(OUTPUT, copy, ignore=shutil.ignore_patterns(*IGNORED_DIRS))
    return copy


def test_check_passes_on_the_repository_output() -> None:
    result = docmodels(["check"])
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "docmodels: output is up to date (4 models)\n", ""
    )


def test_check_names_an_edited_file(output_copy: Path) -> None:
    edited = output_copy / "models" / "create_session.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    before = files_of(output_copy)
    result = docmodels(["check", "-o", str(output_copy)])
    assert result.returncode == 1
    assert result.stdout == (
        f"{output_copy.as_posix()}/models/create_session.py: differs from what generate would "
        "write\n"
    )
    assert result.stderr == (
        f"docmodels: 1 file(s) out of date in {output_copy}; run `docmodels generate`\n"
    )
    assert files_of(output_copy) == before  # check writes nothing


def test_check_names_a_stale_extra_file_and_a_missing_one(output_copy: Path,
                                                          capsys: pytest.CaptureFixture[str],
                                                          in_repo: None) -> None:
    (output_copy / "models" / "old_model.py").write_text("", encoding="utf-8")
    (output_copy / "docs" / "CreateSession.md").unlink()
    code, out, err = run(["check", "-o", str(output_copy)], capsys)
    assert code == 1
    assert out == (
        f"{output_copy}/docs/CreateSession.md: missing (generate would write it)\n"
        f"{output_copy}/models/old_model.py: not generated (generate would remove it)\n"
    )
    assert err == f"docmodels: 2 file(s) out of date in {output_copy}; run `docmodels generate`\n"


def test_check_ignores_caches(output_copy: Path, capsys: pytest.CaptureFixture[str],
                              in_repo: None) -> None:
    (output_copy / "models" / "__pycache__").mkdir()
    (output_copy / "models" / "__pycache__" / "x.pyc").write_bytes(b"")
    assert run(["check", "-o", str(output_copy)], capsys)[0] == 0


def test_check_of_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   in_repo: None) -> None:
    code, out, _ = run(["check", "-o", str(tmp_path / "none")], capsys)
    assert code == 1
    assert len(out.splitlines()) == SEED_FILES
    assert not (tmp_path / "none").exists()


def test_generate_then_generate_again(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      in_repo: None) -> None:
    out = tmp_path / "out"
    code, stdout, err = run(["generate", "-o", str(out)], capsys)
    assert (code, err) == (0, "")
    assert stdout == f"docmodels: wrote {out} (4 models; {SEED_FILES} file(s) changed)\n"
    assert files_of(out) == {k: v for k, v in files_of(OUTPUT).items()
                             if not any(d in k.split("/") for d in IGNORED_DIRS)}
    before = stamps(out)
    code, stdout, err = run(["generate", "-o", str(out)], capsys)
    assert (code, stdout, err) == (0, f"docmodels: {out} already up to date (4 models)\n", "")
    assert stamps(out) == before


def test_generate_with_another_package_name(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            in_repo: None) -> None:
    out = tmp_path / "out"
    assert run(["generate", "specs", "-o", str(out), "--package", "sessions"], capsys)[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "docs", "sessions"]
    assert "`from sessions import CreateSession`" in (out / "docs" / "CreateSession.md").read_text(
        encoding="utf-8")


def test_generate_refuses_a_folder_it_did_not_write(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    in_repo: None) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "keep.txt").write_text("precious", encoding="utf-8")
    before = stamps(out)
    code, stdout, err = run(["generate", "-o", str(out)], capsys)
    assert (code, stdout) == (2, "")
    assert err == (
        f"docmodels: error: {out} exists and was not written by docmodels (no .docmodels file in "
        "it); refusing to replace it: choose an empty or new folder (docmodels replaces the whole "
        "folder; for a folder of yours such as src/ or docs/, set package-dir or docs-dir to a "
        "folder inside it, such as src/models)\n"
    )
    assert files_of(out) == {"keep.txt": b"precious"}
    assert stamps(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_nothing_is_written_when_the_specs_have_errors(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SPECS, tmp_path / "specs")
    out = tmp_path / "out"
    assert run(["generate", "specs", "-o", "out"], capsys)[0] == 0
    before = stamps(out)
    (tmp_path / "specs" / "Broken.md").write_text(
        "# Broken\n\n## Properties\nName | Type | Description | Notes\n--- | --- | --- | ---\n"
        "**x** | **strr** | typo | \n",
        encoding="utf-8",
    )
    # In strict mode (the pre-commit hooks' mode) a type that cannot be read is an error.
    code, stdout, err = run(["generate", "specs", "-o", "out", "--strict"], capsys)
    assert (code, stdout) == (1, "")
    # (The column is the reader's business.)
    assert re.fullmatch(
        r"specs/Broken\.md:6:\d+: error: property 'x': unknown type 'strr' in 'strr'; read as "
        r"any value; did you mean 'str'\?\n"
        r"docmodels: errors found; nothing written; read 5 of 5 model pages; 1 property read as "
        r"any value; 1 loss in all\n",
        err,
    )
    assert stamps(out) == before
    code, _, err = run(["generate", "specs", "-o", "new", "--strict"], capsys)
    assert code == 1
    assert not (tmp_path / "new").exists()
    # check reports the errors too, and does not compare anything.
    code, stdout, err = run(["check", "specs", "-o", "out", "--strict"], capsys)
    assert (code, stdout) == (1, "")
    assert "docmodels: errors found; nothing written; read 5 of 5 model pages" in err


def test_warnings_do_not_stop_generation(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "W.md").write_text(
        "# W\n\n## Properties\nName | Type | Description | Notes\n--- | --- | --- | ---\n"
        "**x** | **int** | d | [optional] [default to 'nope']\n",
        encoding="utf-8",
    )
    code, stdout, err = run(["generate", "specs", "-o", "out"], capsys)
    assert code == 0
    assert re.fullmatch(
        r"specs/W\.md:6:\d+: warning: property 'x': default 'nope' is not a valid integer; "
        r"ignored\n",
        err,
    )
    assert stdout == "docmodels: wrote out (1 models; 7 file(s) changed)\n"


def test_defaults_come_from_the_nearest_pyproject(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    shutil.copytree(SPECS, project / "pages")
    (project / "pyproject.toml").write_text(
        '[tool.docmodels]\nspecs = ["pages"]\noutput = "build/gen"\npackage = "api_models"\n',
        encoding="utf-8",
    )
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    code, stdout, _ = run(["generate"], capsys)
    assert code == 0
    # Paths in the configuration are relative to the pyproject.toml, not to the working folder.
    out = Path.cwd().parent / "build" / "gen"
    assert stdout == f"docmodels: wrote {out} (4 models; {SEED_FILES} file(s) changed)\n"
    assert (out / "api_models" / "create_session.py").is_file()
    # Spec paths are recorded relative to the project, whatever folder the command ran in.
    assert "Generated by docmodels from pages/python/CreateSession.md." in (
        out / "api_models" / "create_session.py"
    ).read_text(encoding="utf-8")
    assert run(["check"], capsys)[0] == 0
    monkeypatch.chdir(project)
    assert run(["check"], capsys) == (0, "docmodels: build/gen is up to date (4 models)\n", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["generate", "--package", "not-valid"],
         "docmodels: error: package name 'not-valid' is not a valid Python identifier\n"),
        (["generate", "--package", "class"],
         "docmodels: error: package name 'class' is a Python keyword\n"),
        (["check", "--package", "3d"],
         "docmodels: error: package name '3d' is not a valid Python identifier\n"),
        (["generate", "--package", ""], "docmodels: error: package name is empty\n"),
        # The package would share its folder with the Markdown docs (in any case on macOS).
        (["generate", "--package", "docs"],
         "docmodels: error: package name 'docs' is the name of the docs folder beside it\n"),
        (["generate", "--package", "Docs"],
         "docmodels: error: package name 'Docs' is the name of the docs folder beside it\n"),
        # Python reads identifiers in NFKC form: the folder ﬁle would be imported as file.
        (["generate", "--package", "\ufb01le"],
         ("docmodels: error: package name '\ufb01le' is not ASCII: Python would import it as "
         "'file'\n")),
        (["generate", "--package", "caf\u00e9"],
         ("docmodels: error: package name 'caf\u00e9' is not ASCII: not every file system holds "
         "it alike\n")),
        (["generate", "--package", "con"],
         "docmodels: error: package name 'con' is a device name on Windows\n"),
        (["generate", "--package", "json"],
         ("docmodels: error: package name 'json' is a module of Python's standard library, "
         "which it would shadow\n")),
        (["generate", "--package", "p" * 97],
         f"docmodels: error: package name {'p' * 97!r} is longer than 96 characters\n"),
    ],
)
def test_bad_package_names(args: list[str], message: str, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str], in_repo: None) -> None:
    assert run([*args, "-o", str(tmp_path / "out")], capsys) == (2, "", message)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("package", "problem"), [
    ("", "is empty"),
    ("docs", "'docs' is the name of the docs folder beside it"),
])
def test_bad_package_names_in_the_configuration(
    package: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.docmodels]\npackage = "{package}"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    # The line and column of the value, as for any diagnostic.
    assert run(["generate"], capsys) == (
        2, "", f"pyproject.toml:2:11: error: [tool.docmodels] package name {problem}\n",
    )
    assert not (tmp_path / "output").exists()


def test_bad_configuration(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.docmodels]\nspec = "x"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(["generate"], capsys) == (
        2, "", ("pyproject.toml:2:1: error: unknown key 'spec' in [tool.docmodels]; did you mean "
               "'specs'?\n"),
    )


MAIN_USAGE = "usage: docmodels [-h] [--version] COMMAND ...\n"


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        ([], MAIN_USAGE + "docmodels: error: the following arguments are required: COMMAND\n"),
        (["frobnicate"], MAIN_USAGE + "docmodels: error: argument COMMAND: invalid choice: "
                                      "'frobnicate' (choose from 'generate', 'check', 'watch', "
                                      "'ir', 'schema', 'cache')\n"),
        (["generate", "--dialect", "cobol"],
         "docmodels: error: unknown dialect 'cobol' (known: "
         + ", ".join(registry.names()) + ")\n"),
        (["ir", "-o", "x"], MAIN_USAGE + "docmodels: error: unrecognized arguments: -o\n"),
        (["generate", "--bogus"], MAIN_USAGE + "docmodels: error: unrecognized arguments: "
                                               "--bogus\n"),
    ],
)
def test_usage_errors_exit_2(args: list[str], stderr: str) -> None:
    result = docmodels(args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", stderr)


@pytest.mark.parametrize("command", [[], ["generate"], ["check"], ["ir"], ["schema"]])
def test_help_documents_the_exit_codes(command: list[str]) -> None:
    result = docmodels([*command, "--help"])
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"usage: docmodels{' ' if command else ''}{' '.join(command)}")
    assert result.stdout.endswith(EPILOG)
    assert (
        "exit codes:\n"
        "  0  success (warnings and losses included: what could not be read is Any or left out)\n"
        "  1  invalid specs (an error diagnostic; with --strict, any loss), or for `check`: output/ is\n"
        "     stale, or for `generate --fail-on-change`: the run changed the output folder\n"
        "  2  usage or configuration error\n"
        "  130 interrupted (Ctrl-C); the output folder is left as it was\n"
    ) in result.stdout


def test_version() -> None:
    result = docmodels(["--version"])
    assert (result.returncode, result.stdout, result.stderr) == (0, f"docmodels {__version__}\n", "")


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    """`docmodels ir specs | head -1`: the closed pipe ends the command quietly, exit 0."""
    for index in range(300):  # enough JSON to fill a pipe's buffer many times over
        write_page(tmp_path / "specs", f"Model{index}", python_page(f"Model{index}", [
            f"**field_{n}** | **str** | Field number {n} of a model. | [optional] "
            for n in range(10)
        ]))
    process = subprocess.Popen(
        [sys.executable, "-m", "docmodels", "ir", "specs"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline() == b"{\n"
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0
    assert stderr == ""


def test_the_command_ends_with_its_whole_output_written_and_mains_status(tmp_path: Path) -> None:
    """The command ends its process without freeing the run's objects (cli.console): what it
    printed into a pipe (block-buffered) is all there, and its status is main's."""
    for index in range(50):
        write_page(tmp_path / "specs", f"Model{index}", python_page(f"Model{index}", [
            "**name** | **str** | The name. | "]))
    printed = docmodels(["ir", "specs"], cwd=tmp_path)
    assert printed.returncode == 0 and printed.stdout.endswith("}\n")
    assert len(json.loads(printed.stdout)["models"]) == 50
    write_page(tmp_path / "specs", "Broken", "# Broken\n\n" + "Name | Type\n--|--\n**x** | ?? |\n")
    failed = docmodels(["generate", "specs", "-o", "out", "--strict"], cwd=tmp_path)
    assert failed.returncode == main(["generate", str(tmp_path / "specs"), "-o",
                                      str(tmp_path / "out2"), "--strict"]) != 0
    assert "error" in failed.stderr


def test_the_command_collects_nothing_once_main_is_done() -> None:
    """The collector's thresholds main raised for the run are not set back for the process's
    last moments: set back, the first allocations after the run started collections of
    everything it left (cli.console), for a process that ends next."""
    probe = (
        "import gc, os, sys\n"
        "from docmodels import cli\n"
        "sys.argv = ['docmodels', 'ir']\n"
        "done = []\n"
        "def run(args):\n"
        "    kept = [[index] for index in range(150_000)]  # what a run leaves\n"
        "    done.append(kept)\n"
        "    return 0\n"
        "cli._run = run\n"
        "gc.callbacks.append(lambda phase, info: done and phase == 'start'"
        " and os.write(2, b'collected after main\\n'))\n"
        "cli.console()\n"
    )
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False,
                         timeout=120)
    assert ran.returncode == 0 and ran.stderr == ""


def test_the_static_lists_behind_help_match_what_they_stand_for() -> None:
    # `--help` lists dialects and styles without importing the dialect modules or the reporter.
    from docmodels import cli, dialects, report
    from docmodels.emit import targets

    assert dialects.NAMES == registry.names()
    assert cli.STYLES == report.STYLES
    assert cli.TARGET_NAMES == tuple(targets.names())


def test_version_and_help_do_not_import_the_generator() -> None:
    # Start-up time: black, jinja2, markdown-it and the dialects load only when a command runs.
    probe = (
        "import sys\n"
        "from docmodels.cli import main\n"
        "for args in (['--version'], ['--help'], ['generate', '--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('black', 'jinja2', 'markdown_it', 'docmodels.dialects.registry')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stderr.strip() == "[]"


def test_an_output_folder_inside_the_spec_folder_is_not_read_as_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_page(tmp_path / "specs", "Pet", python_page("Pet", ["**name** | **str** |  | "]))
    # The project whose paths the output names, for spec folder specs/ as for . (without one,
    # each spec folder's parent would be: two projects, two outputs).
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["generate", "specs", "-o", "specs/out", "--no-cache"]
    assert run(args, capsys) == (0, "docmodels: wrote specs/out (1 models; 7 file(s) changed)\n",
                                 "")
    assert (tmp_path / "specs" / "out" / "docs" / "Pet.md").is_file()
    # The second run reads specs/ again: the docs docmodels wrote there are no spec pages.
    assert run(args, capsys) == (0, "docmodels: specs/out already up to date (1 models)\n", "")
    assert run(["check", "specs", "-o", "specs/out", "--no-cache"], capsys)[0] == 0
    # Nor for a spec folder that holds the output folder further down, or the watcher.
    assert run(["generate", ".", "-o", "specs/out", "--no-cache"], capsys)[:2] == (
        0, "docmodels: specs/out already up to date (1 models)\n")
    from docmodels.watch import Watched, snapshot

    assert list(snapshot([Watched(Path("."), ".md")], tmp_path)) == ["specs/Pet.md"]
    from docmodels import source

    assert source._MARKER == MARKER  # what tells a folder docmodels wrote


def test_a_command_runs_the_cycle_collector_less_often_and_sets_it_back_after(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run makes millions of objects that live to its end: the collector of reference cycles
    walked them all at each full collection. The process's own settings are given back (a
    program or a test suite that calls main goes on with its own)."""
    import gc

    from docmodels import cli

    seen: list[tuple[int, ...]] = []
    real = cli._run

    def spied(args: object) -> int:
        seen.append(gc.get_threshold())
        return real(args)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "_run", spied)
    before = gc.get_threshold()
    assert main(["schema", "--no-cache", str(SPECS)]) == 0
    capsys.readouterr()
    assert seen and seen[0][0] > before[0] and gc.get_threshold() == before

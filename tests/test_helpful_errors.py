"""Diagnostics that help the fix, as rustc, ruff and mypy give them: where the mistake is, and
the spelling most likely meant (issue 18, point 4)."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from docmodels import outputs
from docmodels.cli import main
from docmodels.suggest import closest
from docmodels.tomlfile import key_position
from generated import python_page, write_page

MAIN_USAGE = "usage: docmodels [-h] [--version] COMMAND ...\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's own exits
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_page(tmp_path / "specs", "Pet", python_page("Pet", ["**name** | **str** |  | "]))
    monkeypatch.chdir(tmp_path)
    return tmp_path


# The closest spelling


@pytest.mark.parametrize(("word", "known", "meant"), [
    ("strng", ["str", "int", "float", "object"], "str"),
    ("Strng", ["String", "Integer"], "String"),
    ("gen", ["generate", "check", "watch", "ir", "schema"], "generate"),  # a unique prefix
    ("pydantc", ["dataclasses", "pydantic", "msgspec"], "pydantic"),
    ("camelcase", ["camelCase", "snake_case"], "camelCase"),  # case aside
    ("frobnicate", ["generate", "check"], None),  # nothing close: no guess
    ("c", ["check", "camelCase"], None),  # a prefix of two: no guess
])
def test_the_closest_spelling(word: str, known: list[str], meant: str | None) -> None:
    assert closest(word, known) == meant


# The command line


@pytest.mark.parametrize(("args", "stderr"), [
    (["gen"], MAIN_USAGE + "docmodels: error: argument COMMAND: invalid choice: 'gen' (choose "
     "from 'generate', 'check', 'watch', 'ir', 'schema', 'cache'); did you mean 'generate'?\n"),
    (["generate", "--targt", "pydantic"], MAIN_USAGE + "docmodels: error: unrecognized "
     "arguments: --targt; did you mean '--target'?\n"),
    (["check", "--no-cahce"], MAIN_USAGE + "docmodels: error: unrecognized arguments: "
     "--no-cahce; did you mean '--no-cache'?\n"),
])
def test_a_mistyped_command_or_option_names_the_one_meant(
    args: list[str], stderr: str, capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    assert run(args, capsys) == (2, "", stderr)


def test_a_mistyped_choice_names_the_one_meant(capsys: pytest.CaptureFixture[str],
                                               project: Path) -> None:
    code, _, err = run(["ir", "--keys", "camelcase"], capsys)
    assert code == 2
    assert err.endswith("; did you mean 'camelCase'?\n")


def test_an_option_of_another_command_gets_no_wild_guess(capsys: pytest.CaptureFixture[str],
                                                         project: Path) -> None:
    assert run(["ir", "--target", "specs"], capsys) == (
        2, "", MAIN_USAGE + "docmodels: error: unrecognized arguments: --target\n"
    )


def test_a_spec_path_that_does_not_exist_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    # No invented "spec:1:1" location: the path has no line to point at.
    assert run(["generate", "spec", "-o", "out"], capsys) == (
        2, "", "docmodels: error: spec path spec does not exist; did you mean 'specs'?\n"
    )
    assert run(["ir", "specs/Order.md"], capsys) == (
        2, "", "docmodels: error: spec path specs/Order.md does not exist\n"
    )
    assert not (project / "out").exists()


# The output folder


@pytest.mark.parametrize("command", ["generate", "check"])
def test_an_output_path_that_is_a_file_says_so(
    command: str, capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    (project / "models.py").write_text("# mine\n", encoding="utf-8")
    code, out, err = run([command, "specs", "-o", "models.py"], capsys)
    assert (code, out) == (2, "")
    assert err.endswith(
        "docmodels: error: the output folder models.py is a file, not a folder: name a folder "
        "(new, empty, or one docmodels wrote) with -o/--output or `output` in [tool.docmodels]\n"
    )
    assert (project / "models.py").read_text(encoding="utf-8") == "# mine\n"


def test_a_folder_that_cannot_be_written_is_named_as_the_user_gave_it(
    capsys: pytest.CaptureFixture[str], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root may write anywhere: the writer fails as it does in a read-only place, on the hidden
    # staging folder it makes beside the output.
    staging = project / "site" / ".api.new-0123456789abcdef"

    def read_only(output: Path, files: dict[str, str], *rest: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(staging))

    monkeypatch.setattr(outputs, "write_tree_known", read_only)
    code, _, err = run(["generate", "specs", "-o", "site/api", "--no-cache"], capsys)
    assert code == 2
    assert err.endswith(
        "docmodels: error: cannot write site/api: permission denied (the new output is built "
        "beside it, in site, then swapped in: that folder must be writable)\n"
    )
    assert ".api.new-" not in err


# The configuration


@pytest.mark.parametrize(("setting", "expected"), [
    ('spec = "pages"', ("pyproject.toml:6:1: error: unknown key 'spec' in [tool.docmodels]; "
     "did you mean 'specs'?")),
    ('outptu = "x"\nspecz = 1', ("pyproject.toml:6:1: error: unknown key 'outptu' in "
     "[tool.docmodels]; did you mean 'output'? (also unknown: 'specz')")),
    ('target = "pydantc"', ("pyproject.toml:6:10: error: unknown target 'pydantc' (known: "
     "dataclasses, pydantic, msgspec, attrs, typeddict); did you mean 'pydantic'?")),
    ('keys = "camelcase"', ("pyproject.toml:6:8: error: [tool.docmodels] keys must be one of "
     "camelCase, snake_case, PascalCase, kebab-case, as-written; did you mean 'camelCase'?")),
    ('strict = "yes"', ("pyproject.toml:6:10: error: [tool.docmodels] strict must be true or "
     "false")),
])
def test_a_configuration_error_names_its_line_and_the_setting_meant(
    setting: str, expected: str, capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    (project / "pyproject.toml").write_text(
        f'[project]\nname = "pets"\n\n[tool.docmodels]\nspecs = ["specs"]\n{setting}\n',
        encoding="utf-8",
    )
    assert run(["generate"], capsys) == (2, "", expected + "\n")


def test_a_dialect_from_the_configuration_is_pointed_at(capsys: pytest.CaptureFixture[str],
                                                        project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.docmodels]\ndialect = "pyton"\n', encoding="utf-8"
    )
    code, _, err = run(["ir"], capsys)
    assert code == 2
    assert err.startswith("pyproject.toml:2:11: error: unknown dialect 'pyton' (known: ")
    assert err.endswith("; did you mean 'python'?\n")


def test_a_key_is_found_in_its_own_table_only() -> None:
    text = (
        '[tool.other]\ntarget = "x"\n\n[ tool . "docmodels" ]\n  "target" = "y"\n'
        '[tool.docmodels.more]\ntarget = "z"\n'
    )
    assert key_position(text, "tool.docmodels", "target") == (5, 3, 14)
    # A key not on a line of its own (an inline table, say): the table's header.
    assert key_position(text, "tool.docmodels", "specs") == (4, 1, 1)
    assert key_position("[tool]\n", "tool.docmodels", "specs") is None


def test_help_stays_plain_argparse_output() -> None:
    result = subprocess.run([sys.executable, "-m", "docmodels", "generate", "--help"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "did you mean" not in result.stdout


# The pages


def load_folder(tmp_path: Path, pages: dict[str, str]) -> list[str]:
    from docmodels.load import load

    for name, text in pages.items():
        (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    _, diagnostics = load([tmp_path], tmp_path)
    return [str(d) for d in diagnostics]


def test_an_unknown_type_suggests_the_dialects_spelling_once_per_spelling(tmp_path: Path) -> None:
    pet = python_page("Pet", [
        "**name** | **strng** |  | ",
        "**nick** | **strng** |  | [optional]",
        "**age** | **intt** |  | [optional]",
    ])
    assert load_folder(tmp_path, {"Pet": pet}) == [
        ("Pet.md:6:14: warning: property 'name': unknown type 'strng' in 'strng'; read as any "
        "value; did you mean 'str'?"),
        # The same typo again: the hint was given.
        "Pet.md:7:14: warning: property 'nick': unknown type 'strng' in 'strng'; read as any value",
        ("Pet.md:8:13: warning: property 'age': unknown type 'intt' in 'intt'; read as any value; "
        "did you mean 'int'?"),
    ]


def test_a_missing_model_is_pointed_at_in_the_type_cell_with_the_closest_model(
    tmp_path: Path,
) -> None:
    pages = {
        "Pet": python_page("Pet", ["**id** | **int** |  | ",
                                   "**owner** | [**PetOwnr**](PetOwnr.md) |  | [optional]"]),
        "PetOwner": python_page("PetOwner", ["**name** | **str** |  | "]),
    }
    assert load_folder(tmp_path, pages) == [
        ("Pet.md:7:13: warning: property 'owner' refers to model 'PetOwnr', which no page "
        "defines; read as any value; did you mean 'PetOwner'?"),
    ]


def test_a_malformed_row_says_how_many_cells_it_has(tmp_path: Path) -> None:
    pet = python_page("Pet", ["**id** | **int** |  | [optional] | extra | more"])
    assert load_folder(tmp_path, {"Pet": pet}) == [
        ("Pet.md:6:1: warning: malformed row: expected 4 cells, found 6; property 'id' read as "
        "any value"),
    ]


@pytest.mark.parametrize(("table", "why"), [
    ("Name | Type | Description | Notes\n**id** | **int** |  | \n",
     "it has no separator line (such as '--- | --- | --- | ---') under its header"),
    ("| Name | Type | Description | Notes |\n|--- | --- |\n|**id** | **int** |  | |\n",
     "its separator line has 2 cells, its header 4"),
])
def test_a_table_markdown_cannot_read_is_pointed_at_not_skipped(
    table: str, why: str, tmp_path: Path
) -> None:
    # Without its separator line the table is a paragraph: the page was skipped without a word.
    page = f"# Pet\n\nA pet.\n\n## Properties\n\n{table}"
    assert load_folder(tmp_path, {"Pet": page}) == [
        (f"Pet.md:7:1: warning: the property table is not read as a table: {why}; the page is "
        "left out"),
    ]


def test_hints_stop_where_a_folder_has_too_many_unknown_spellings(tmp_path: Path) -> None:
    # Thirty different unknown types are no typos: past twenty, no more comparisons.
    rows = [f"**p{n}** | **strng{'x' * n}** |  | " for n in range(30)]
    hinted = [line for line in load_folder(tmp_path, {"Pet": python_page("Pet", rows)})
              if "did you mean" in line]
    assert 0 < len(hinted) <= 20

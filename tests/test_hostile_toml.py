"""An overlay and the ``[tool.docmodels]`` table are untrusted TOML: a number no float holds, an
integer past the digits Python converts, arrays or tables nested thousands deep each give a
diagnostic with the file's path (and line and column where they are known) and the documented
exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmodels.cli import main
from docmodels.limits import MAX_VALUE_DEPTH
from generated import python_page, write_page

HUGE = "1" + "7" * 399  # past a float's range
TOO_LONG = "9" * 5_000  # past Python's 4,300 digits
OVERLAY_PATH = "specs/docmodels-overlay.toml"


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        overlay: str | None = None, pyproject: str | None = None) -> tuple[int, list[str]]:
    write_page(tmp_path / "specs", "Pet", python_page(
        "Pet", ["**count** | **int** |  | [optional]", "**extra** | **object** |  | [optional]"]))
    if overlay is not None:
        (tmp_path / OVERLAY_PATH).write_text(overlay, encoding="utf-8")
    if pyproject is not None:
        (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["generate", "specs", "-o", "out", "--no-cache"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, [line for line in err.splitlines() if ": error: " in line]


def test_a_400_digit_minimum_and_default_are_kept_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    overlay = f"[models.Pet.properties.count]\nminimum = {HUGE}\ndefault = {HUGE}\n"
    assert run(tmp_path, monkeypatch, capsys, overlay=overlay) == (0, [])
    source = (tmp_path / "out" / "models" / "pet.py").read_text(encoding="utf-8")
    assert source.count(HUGE) >= 2


@pytest.mark.parametrize("key", ["minimum", "default", "max_length"])
def test_an_overlay_integer_past_pythons_digits_is_an_error_at_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    overlay = f"[models.Pet.properties.count]\n{key} = {TOO_LONG}\n"
    assert run(tmp_path, monkeypatch, capsys, overlay=overlay) == (1, [
        (f"{OVERLAY_PATH}:2:{len(key) + 4}: error: overlay has an integer of 5000 digits; the "
        "limit is 4300")])


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a=", "}"), ("[{a=", "}]")])
def test_an_overlay_nested_thousands_deep_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    opening: str, closing: str,
) -> None:
    overlay = f"[models.Pet.properties.extra]\ndefault = {opening * 3_000}1{closing * 3_000}\n"
    assert run(tmp_path, monkeypatch, capsys, overlay=overlay) == (1, [
        f"{OVERLAY_PATH}:1:1: error: overlay nests arrays or tables too deeply to be read"])


def test_an_overlay_default_past_the_depth_limit_is_an_error_at_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deep enough for the generated code to be a SyntaxError (Python allows 200 brackets),
    shallow enough for TOML to read."""
    depth = 250
    overlay = f"[models.Pet.properties.extra]\ndefault = {'{a=' * depth}1{'}' * depth}\n"
    assert run(tmp_path, monkeypatch, capsys, overlay=overlay) == (1, [
        (f"{OVERLAY_PATH}:2:1: error: property Pet.extra: default is nested {depth} levels deep; "
        f"the limit is {MAX_VALUE_DEPTH}")])


def test_an_overlay_default_at_the_depth_limit_generates_code_that_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    half = MAX_VALUE_DEPTH // 2
    overlay = f"[models.Pet.properties.extra]\ndefault = {'[{a=' * half}1{'}]' * half}\n"
    assert run(tmp_path, monkeypatch, capsys, overlay=overlay) == (0, [])
    compile((tmp_path / "out" / "models" / "pet.py").read_text(encoding="utf-8"), "pet.py", "exec")


@pytest.mark.parametrize(
    "pyproject, expected",
    [
        (f'[tool.docmodels]\nspecs = ["specs"]\n\n[tool.other]\nx = {TOO_LONG}\n',
         ("pyproject.toml:5:5: error: configuration has an integer of 5000 digits; the limit is "
         "4300")),
        (f"[tool.docmodels]\nspecs = {'[' * 3_000}{']' * 3_000}\n",
         "pyproject.toml:1:1: error: configuration nests arrays or tables too deeply to be read"),
        (f"[tool.docmodels]\nspecs = {'{a=' * 3_000}1{'}' * 3_000}\n",
         "pyproject.toml:1:1: error: configuration nests arrays or tables too deeply to be read"),
        ('[tool.docmodels]\nspecs = ["specs"\n[x]\n',
         "pyproject.toml:3:1: error: configuration is not valid TOML: Unclosed array"),
    ],
)
def test_a_hostile_pyproject_is_a_configuration_error_at_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    pyproject: str, expected: str,
) -> None:
    assert run(tmp_path, monkeypatch, capsys, pyproject=pyproject) == (2, [expected])


def test_a_huge_number_where_the_configuration_wants_a_flag_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, errors = run(tmp_path, monkeypatch, capsys, pyproject=f"[tool.docmodels]\nstrict = {HUGE}\n")
    assert code == 2
    assert errors == ["pyproject.toml:2:10: error: [tool.docmodels] strict must be true or false"]

"""Numbers too big for a float on a page: an integer of any length Python reads is kept exactly
(a default, an enum value), anything longer is a diagnostic at its cell; never a traceback
(``math.isfinite`` raised OverflowError on a 400-digit integer)."""

from __future__ import annotations

import ast
import re
import threading
from pathlib import Path

import pytest
from docmodels.cli import _generate_once, _Show
from docmodels.config import Settings
from docmodels.dialects import registry
from docmodels.page.structure import parse_page
from docmodels.reader import read_page
from docmodels.watch import Watched, watch
from generated import generate, python_page, write_page

# Past a float's range (about 1.8e308), within the 4,300 digits Python converts.
HUGE = "1" + "7" * 399
# Past the digits Python converts (ValueError), and a float past its range.
TOO_LONG = "9" * 5_000
HUGE_FLOAT = HUGE + ".5"

TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
PIPED = "| Name | Type | Description | Notes |\n| ------------ | ------------- | ------------- | ------------- |\n"

# One integer property with a default, as each generator family writes it.
DEFAULT_ROWS = {
    "rust": f"{TABLE}**count** | Option<**i64**> |  | [optional][default to {{}}]\n",
    "bash": f"{TABLE}**count** | **integer** |  | [optional] [default to {{}}]\n",
    "c": f"{TABLE}**count** | **long** |  | [optional] [default to {{}}]\n",
    "java": f"{PIPED}|**count** | **Long** |  |  [optional] [default to {{}}] |\n",
    "kotlin": f"{PIPED}| **count** | **kotlin.Long** |  |  [optional] [default to {{}}] |\n",
    "go": f"{TABLE}**Count** | Pointer to **int64** |  | [optional] [default to {{}}]\n",
    "typescript-axios": f"{TABLE}**count** | **number** |  | [optional] [default to {{}}]\n",
    "python": f"{TABLE}**count** | **int** |  | [optional] [default to {{}}]\n",
    "ruby": f"{PIPED}| **count** | **Integer** |  | [optional][default to {{}}] |\n",
    "php": f"{TABLE}**count** | **int** |  | [optional] [default to {{}}]\n",
    "csharp": f"{TABLE}**Count** | **long** |  | [optional] [default to {{}}]\n",
}


def read_default(dialect: str, text: str) -> tuple[object, list[str]]:
    page = f"# Pet\n\n## Properties\n\n{DEFAULT_ROWS[dialect].format(text)}"
    forced = registry.by_name(dialect)
    assert forced is not None
    model, diagnostics = read_page(parse_page("specs/Pet.md", page), forced)
    assert model is not None
    (field,) = model.fields
    return (None if field.default is None else field.default.value), [str(d) for d in diagnostics]


@pytest.mark.parametrize("dialect", sorted(DEFAULT_ROWS))
def test_a_400_digit_default_is_kept_exactly(dialect: str) -> None:
    value, diagnostics = read_default(dialect, HUGE)
    assert value == int(HUGE) and type(value) is int
    assert diagnostics == []


@pytest.mark.parametrize("dialect", sorted(DEFAULT_ROWS))
@pytest.mark.parametrize("text", [TOO_LONG, HUGE_FLOAT, "-" + TOO_LONG])
def test_a_default_no_number_can_hold_is_a_warning_at_its_cell(dialect: str, text: str) -> None:
    value, diagnostics = read_default(dialect, text)
    assert value is None
    (diagnostic,) = diagnostics
    assert diagnostic.startswith("specs/Pet.md:7:"), diagnostic
    assert ": warning: property " in diagnostic and "default" in diagnostic
    assert "set_int_max_str_digits" not in diagnostic  # Python's advice is not the user's


@pytest.mark.parametrize("dialect", ["ruby", "php", "csharp"])
def test_an_integer_past_the_digits_python_reads_says_so(dialect: str) -> None:
    _, diagnostics = read_default(dialect, TOO_LONG)
    assert diagnostics[0].endswith("default ignored: an integer of 5000 digits; the limit is 4300")


ENUM_PAGES = {
    "rust": "# Priority\n\n## Enum Variants\n\n| Name | Value |\n|---- | -----|\n"
            "| Variant1 | {} |\n| Variant2 | 2 |\n",
    "python": "# Priority\n\nA priority level.\n\n## Enum\n\n"
              "* `NUMBER_1` (value: `{}`)\n\n* `NUMBER_2` (value: `2`)\n",
}


@pytest.mark.parametrize("dialect", sorted(ENUM_PAGES))
def test_a_400_digit_enum_value_is_kept_exactly(dialect: str) -> None:
    forced = registry.by_name(dialect)
    page = parse_page("specs/Priority.md", ENUM_PAGES[dialect].format(HUGE))
    model, diagnostics = read_page(page, forced)
    assert model is not None and diagnostics == []
    assert [v.value for v in model.enum_values] == [int(HUGE), 2]


@pytest.mark.parametrize("dialect", sorted(ENUM_PAGES))
def test_an_enum_value_no_number_can_hold_is_a_diagnostic(dialect: str) -> None:
    forced = registry.by_name(dialect)
    page = parse_page("specs/Priority.md", ENUM_PAGES[dialect].format(TOO_LONG))
    model, diagnostics = read_page(page, forced)
    assert model is None
    assert [d.severity.value for d in diagnostics] == ["warning"]


def test_generated_code_holds_a_400_digit_default_exactly(tmp_path: Path) -> None:
    write_page(tmp_path / "specs", "Pet", python_page(
        "Pet", [f"**count** | **int** |  | [optional] [default to {HUGE}]"]))
    gen = generate(tmp_path / "specs", tmp_path / "out")
    assert int(HUGE) in [n.value for n in ast.walk(ast.parse(gen.source("pet")))
                         if isinstance(n, ast.Constant)]
    assert gen.module.Pet.from_dict({}).count == int(HUGE)


def test_watch_survives_a_page_with_a_huge_number_being_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Pet", python_page("Pet", ["**name** | **str** |  | "]))
    monkeypatch.chdir(tmp_path)
    settings = Settings(specs=(Path("specs"),), output=Path("out"))
    lines: list[str] = []
    stop = threading.Event()

    def report(line: str) -> None:
        lines.append(line)
        if len(lines) == 1:
            write_page(specs, "Rank", "# Rank\n\n## Enum\n\n"
                       f"* `NUMBER_1` (value: `{HUGE}`)\n\n* `NUMBER_2` (value: `2`)\n")
        else:
            stop.set()

    assert watch([Watched(specs, ".md")], tmp_path,
                 lambda told: _generate_once(settings, None, None, _Show()),
                 debounce=0.01, report=report, stop=stop) is None
    assert re.fullmatch(r"docmodels: specs/Rank\.md added: regenerated \d+ files in \S+ s",
                        lines[1])


R_ROW = "# openapi::Pet\n\n## Properties\n" + TABLE + "**size** | **{}** |  | [optional] [Enum: [{}]] \n"


@pytest.mark.parametrize("kind", ["integer", "numeric"])
def test_an_r_enum_note_keeps_a_400_digit_value_exactly(kind: str) -> None:
    page = parse_page("specs/Pet.md", R_ROW.format(kind, f"{HUGE}, 2"))
    model, diagnostics = read_page(page, registry.by_name("r"))
    assert model is not None and diagnostics == []
    assert model.fields[0].enum_values == (int(HUGE), 2)


@pytest.mark.parametrize("kind, values", [
    ("integer", f"{TOO_LONG}, 2"), ("numeric", "1e400, 2"), ("integer", "1, abc"),
    ("numeric", "x, 2"),
])
def test_an_r_enum_note_its_type_cannot_hold_is_not_understood(kind: str, values: str) -> None:
    """It was a traceback (int('abc'), the digits limit) or an infinite enum value."""
    page = parse_page("specs/Pet.md", R_ROW.format(kind, values))
    model, diagnostics = read_page(page, registry.by_name("r"))
    assert model is not None and model.fields[0].enum_values is None
    assert [str(d) for d in diagnostics] == [
        (f"specs/Pet.md:6:29: warning: property 'size': note [Enum: [{values}]] is not "
        "understood; ignored")]


PRIOR_ENUM = "# Rank\n\n## Properties\n" + TABLE + "**value** | **float** |  |  must be one of [{}, ]\n"


def test_a_python_prior_enum_value_past_a_floats_range_is_not_read() -> None:
    """``1e400`` reads as inf in Python: no JSON value, and a ValueError when generated."""
    page = parse_page("specs/Rank.md", PRIOR_ENUM.format("1e400, 2.5"))
    model, diagnostics = read_page(page, registry.by_name("python-prior"))
    assert model is not None and model.enum_values == ()
    assert [str(d) for d in diagnostics] == [
        ("specs/Rank.md:6:29: warning: property 'value': note [must be one of [1e400, 2.5, ]] is "
        "not understood; ignored")]


def test_a_python_prior_enum_value_of_400_digits_is_kept_exactly() -> None:
    page = parse_page("specs/Rank.md", PRIOR_ENUM.format(f"{HUGE}, 2"))
    model, _ = read_page(page, registry.by_name("python-prior"))
    assert model is not None
    assert [v.value for v in model.enum_values] == [int(HUGE), 2]

"""The generated code never crashes on a payload: it returns a model or raises its ValidationError
(issue 15), whatever the nesting, the numbers or the limits an overlay sets."""

from __future__ import annotations

import pickle
import types
from typing import Any

import pytest
from generated import generate, python_page, write_page

STDLIB_TARGETS = ["dataclasses", "attrs", "typeddict"]

PAGES = {
    "Node": python_page("Node", [
        "**name** | **str** |  | [optional]",
        "**children** | [**List[Node]**](Node.md) |  | [optional]",
    ]),
    "Score": python_page("Score", [
        "**score** | **float** |  | [optional]",
        "**count** | **int** |  | [optional]",
    ]),
}


@pytest.fixture(scope="module", params=STDLIB_TARGETS)
def stdlib_models(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                  ) -> types.ModuleType:
    root = tmp_path_factory.mktemp(request.param)
    for name, text in PAGES.items():
        write_page(root / "specs", name, text)
    return generate(root / "specs", root / "out", target=request.param).module


# ValidationError: its message is written when first read, through args too.


def pending_error(models: types.ModuleType) -> Any:
    return models._runtime.ValidationError.found([(("", "a"), "bad"), ("", "worse")])


def test_validation_error_overrides_no_attribute_of_base_exception(
        stdlib_models: types.ModuleType) -> None:
    """A property named like one of BaseException's attributes changes its type (pyright:
    reportIncompatibleVariableOverride)."""
    error = stdlib_models.ValidationError
    assert not [name for name, value in vars(error).items()
                if isinstance(value, property) and hasattr(BaseException, name)]


def test_a_found_error_has_its_args_when_read(stdlib_models: types.ModuleType) -> None:
    error = pending_error(stdlib_models)
    assert isinstance(error, ValueError)
    assert error.args == ("a: bad\nworse",)
    assert str(error) == "a: bad\nworse"
    assert error.errors == (("a", "bad"), ("", "worse"))


def test_setting_args_of_a_found_error_keeps_them(stdlib_models: types.ModuleType) -> None:
    error = pending_error(stdlib_models)
    error.args = ("replaced",)
    assert error.args == ("replaced",)
    assert error.errors == (("a", "bad"), ("", "worse"))


def test_a_found_error_pickles(stdlib_models: types.ModuleType) -> None:
    error = pickle.loads(pickle.dumps(pending_error(stdlib_models)))
    assert str(error) == "a: bad\nworse"
    assert error.errors == (("a", "bad"), ("", "worse"))

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
        "**level** | **int** |  | [optional]",
        "**size** | **str** |  | [optional]",
    ]),
}

# Limits whose checks overflowed a float or wrote a huge integer in decimal.
OVERLAY = """\
[models.Score.properties.score]
multiple_of = 1e-320

[models.Score.properties.count]
multiple_of = 3
maximum = 10

[models.Score.properties.level]
enum = [1, 2, 3]

[models.Score.properties.size]
enum = ["S", "M"]
"""


@pytest.fixture(scope="module", params=STDLIB_TARGETS)
def stdlib_models(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                  ) -> types.ModuleType:
    root = tmp_path_factory.mktemp(request.param)
    for name, text in PAGES.items():
        write_page(root / "specs", name, text)
    (root / "specs" / "docmodels-overlay.toml").write_text(OVERLAY, encoding="utf-8")
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


# Depth: a payload nested past Python's stack is an error, never a RecursionError; a model
# nested MAX_DEPTH deep is read and written back, one deeper is an error at its path.


def nested(depth: int) -> dict[str, Any]:
    """Nodes nested ``depth`` deep (the outermost counts)."""
    node: dict[str, Any] = {"name": "leaf"}
    for _ in range(depth - 1):
        node = {"children": [node]}
    return node


def parse(models: types.ModuleType, payload: Any, **options: Any) -> Any:
    if hasattr(models, "Node") and hasattr(models.Node, "from_dict"):
        return models.Node.from_dict(payload, **options)
    return models.parse_node(payload, **options)


def test_json_nested_past_the_stack_is_a_validation_error(
        stdlib_models: types.ModuleType) -> None:
    if not hasattr(stdlib_models.Node, "from_json"):
        pytest.skip("typeddict reads no JSON text")
    with pytest.raises(stdlib_models.ValidationError, match="nested too deeply"):
        stdlib_models.Node.from_json("[" * 100_000)


@pytest.mark.parametrize("unknown", ["keep", "ignore"])
def test_models_nested_to_the_limit_are_read_and_written_back(
        stdlib_models: types.ModuleType, unknown: str) -> None:
    payload = nested(stdlib_models._runtime.MAX_DEPTH)
    node = parse(stdlib_models, payload, unknown=unknown)
    if hasattr(node, "to_dict"):
        assert node.to_dict() == payload
        assert stdlib_models.Node.from_json(node.to_json()).to_dict() == payload
    else:
        assert node == payload


@pytest.mark.parametrize("unknown", ["keep", "ignore"])
@pytest.mark.parametrize("extra", [1, 500, 5_000])
def test_models_nested_past_the_limit_are_an_error(
        stdlib_models: types.ModuleType, unknown: str, extra: int) -> None:
    with pytest.raises(stdlib_models.ValidationError) as caught:
        parse(stdlib_models, nested(stdlib_models._runtime.MAX_DEPTH + extra), unknown=unknown)
    (error,) = caught.value.errors
    assert error[1] in ("nested more than 256 models deep", "nested too deeply")
    if extra == 1:
        assert error == (".".join(["children[0]"] * 256), "nested more than 256 models deep")


@pytest.fixture(scope="module", params=["pydantic", "msgspec"])
def library_models(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                   ) -> types.ModuleType:
    pytest.importorskip(request.param)
    root = tmp_path_factory.mktemp(request.param)
    for name, text in PAGES.items():
        write_page(root / "specs", name, text)
    (root / "specs" / "docmodels-overlay.toml").write_text(OVERLAY, encoding="utf-8")
    return generate(root / "specs", root / "out", target=request.param).module


@pytest.mark.parametrize("depth", [100, 300, 700, 5_000])
def test_a_library_target_reads_deep_payloads_or_raises_its_validation_error(
        library_models: types.ModuleType, depth: int) -> None:
    """pydantic and msgspec have depth limits of their own: a payload past them is their
    ValidationError; what they read, they write back (msgspec's to_dict walks without
    recursion: it read models nested deeper than a recursive walk could write)."""
    payload = nested(depth)
    try:
        node = library_models.Node.from_dict(payload)
    except library_models.ValidationError:
        return
    assert node.to_dict() == payload
    assert library_models.Node.from_json(node.to_json()).to_dict() == payload


def test_a_library_target_reads_json_nested_past_the_stack_as_its_validation_error(
        library_models: types.ModuleType) -> None:
    with pytest.raises(library_models.ValidationError):
        library_models.Node.from_json("[" * 100_000)


# Numbers: limits and enums check any number a payload gives, however large or small.

HUGE = 10**5_000 + 1  # past the 4,300 digits Python writes in decimal


def score(models: types.ModuleType, payload: dict[str, Any]) -> Any:
    if hasattr(models, "Score") and hasattr(models.Score, "from_dict"):
        return models.Score.from_dict(payload).to_dict()
    return models.parse_score(payload)


def score_errors(models: types.ModuleType, payload: dict[str, Any]) -> tuple[Any, ...]:
    with pytest.raises(models.ValidationError) as caught:
        score(models, payload)
    return tuple(caught.value.errors)


@pytest.mark.parametrize("value", [1.5, 3e-320, 1e300, 10**400])
def test_a_tiny_multiple_of_takes_what_it_divides(stdlib_models: types.ModuleType,
                                                  value: float) -> None:
    assert score(stdlib_models, {"score": value}) == {"score": value}


def test_a_tiny_multiple_of_refuses_what_it_does_not_divide(
        stdlib_models: types.ModuleType) -> None:
    assert score_errors(stdlib_models, {"score": 1.5e-320}) == (
        ("score", "expected a multiple of 1e-320, got 1.5e-320"),)


def test_a_huge_integer_is_a_limit_error_by_its_size(stdlib_models: types.ModuleType) -> None:
    assert score_errors(stdlib_models, {"count": 10**400}) == (
        ("count", "expected at most 10, got an integer of 401 digits"),
        ("count", "expected a multiple of 3, got an integer of 401 digits"))
    assert score_errors(stdlib_models, {"count": HUGE}) == (
        ("count", "expected at most 10, got an integer of 5001 digits"),
        ("count", "expected a multiple of 3, got an integer of 5001 digits"))


def test_an_integer_too_long_to_write_is_an_enum_error_by_its_size(
        stdlib_models: types.ModuleType) -> None:
    assert score_errors(stdlib_models, {"level": HUGE}) == (
        ("level", "expected one of 1, 2, 3, got an integer of 5001 digits"),)
    assert score_errors(stdlib_models, {"size": -HUGE}) == (("size", "expected str, got int"),)


@pytest.mark.parametrize("value", [1.5, 10**400])
def test_a_library_target_takes_what_a_tiny_multiple_of_divides(
        library_models: types.ModuleType, value: float) -> None:
    assert library_models.Score.from_dict({"score": value}).to_dict() == {"score": value}


@pytest.mark.parametrize("payload", [{"score": 1.5e-320}, {"count": HUGE}, {"level": HUGE}])
def test_a_library_target_refuses_numbers_as_its_validation_error(
        library_models: types.ModuleType, payload: dict[str, Any]) -> None:
    with pytest.raises(library_models.ValidationError):
        library_models.Score.from_dict(payload)

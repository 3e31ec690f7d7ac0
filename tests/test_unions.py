"""Compositions the page states as member types become unions; a model whose page's table is
empty (an enum whose values were lost) keeps the string or number the payload holds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docmodels.emit.jsonschema import schema_document
from docmodels.ir import ModelKind, Primitive, PrimitiveKind, Reference
from docmodels.load import load
from generated import generate, write_page

TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
PAGES = {
    # Rust writes an untagged oneOf as an "## Enum Variants" table of member types.
    "Shape": "# Shape\n\nA shape.\n\n## Enum Variants\n\n| Name | Description |\n|---- | -----|\n"
             "| Circle |  |\n| Square |  |\n",
    "Scalar": "# Scalar\n\n## Enum Variants\n\n| Name | Description |\n|---- | -----|\n"
              "| String |  |\n| f64 |  |\n",
    "Circle": f"# Circle\n\n## Properties\n\n{TABLE}**radius** | **f64** |  | \n",
    "Square": f"# Square\n\n## Properties\n\n{TABLE}**side** | **f64** |  | \n",
    # A page whose generator left the table empty: an enum whose values are not known.
    "Opaque": f"# Opaque\n\n## Properties\n\n{TABLE}",
    # A union in an import cycle: Branch holds Trees, a Tree is a Leaf or a Branch.
    "Tree": "# Tree\n\n## Enum Variants\n\n| Name | Description |\n|---- | -----|\n"
            "| Leaf |  |\n| Branch |  |\n",
    "Leaf": f"# Leaf\n\n## Properties\n\n{TABLE}**label** | **String** |  | \n",
    "Branch": f"# Branch\n\n## Properties\n\n{TABLE}"
              "**children** | [**Vec<models::Tree>**](Tree.md) |  | \n",
    "Holder": f"# Holder\n\n## Properties\n\n{TABLE}"
              "**shape** | [**models::Shape**](Shape.md) |  | \n"
              "**value** | Option<[**models::Scalar**](Scalar.md)> |  | [optional]\n"
              "**opaque** | Option<[**models::Opaque**](Opaque.md)> |  | [optional]\n",
}


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root: Path = tmp_path_factory.mktemp("unions")
    for name, text in PAGES.items():
        write_page(root / "specs", name, text)
    return root


@pytest.fixture(scope="module")
def models(specs: Path) -> Any:
    return generate(specs / "specs", specs / "out").module


def test_a_variant_table_is_a_union_of_its_member_types(specs: Path) -> None:
    model_set, diagnostics = load([specs / "specs"], specs)
    assert diagnostics[0].message.startswith("the property table is empty")  # Opaque
    by_name = model_set.by_name()
    assert (by_name["Shape"].kind, by_name["Shape"].variants) == (
        ModelKind.UNION, (Reference("Circle"), Reference("Square"))
    )
    assert by_name["Scalar"].variants == (
        Primitive(PrimitiveKind.STRING), Primitive(PrimitiveKind.NUMBER, "double")
    )
    assert schema_document(model_set)["$defs"]["Shape"] == {
        "description": "A shape.",
        "oneOf": [{"$ref": "#/$defs/Circle"}, {"$ref": "#/$defs/Square"}],
    }


@pytest.mark.parametrize(
    "payload",
    [
        {"shape": {"radius": 1.5}},
        {"shape": {"side": 2.0}, "value": "text"},
        {"shape": {"side": 2.0}, "value": 3.5, "opaque": "anything"},
        {"shape": {"side": 2.0}, "opaque": 3},
    ],
)
def test_union_values_round_trip(models: Any, payload: dict[str, Any]) -> None:
    assert models.Holder.from_dict(payload).to_dict() == payload


def test_the_member_a_value_validates_as_is_built(models: Any) -> None:
    holder = models.Holder.from_dict({"shape": {"side": 2.0}})
    assert holder.shape == models.Square(side=2.0)


def test_a_value_of_no_member_type_is_reported(models: Any) -> None:
    with pytest.raises(models.ValidationError) as caught:
        models.Holder.from_dict({"shape": {"edge": 1}, "value": True})
    assert caught.value.errors == (
        ("shape", "expected one of Circle, Square, got dict"),
        ("value", "expected one of str, float, got bool"),
    )


@pytest.mark.parametrize("unknown", ["ignore", "keep", "forbid"])
def test_an_enum_whose_values_were_lost_keeps_the_value_given(models: Any, unknown: str) -> None:
    payload = {"shape": {"radius": 1.0}, "opaque": "open"}
    assert models.Holder.from_dict(payload, unknown=unknown).to_dict() == payload


def test_an_enum_whose_values_were_lost_takes_no_object(models: Any) -> None:
    with pytest.raises(models.ValidationError) as caught:
        models.Holder.from_dict({"shape": {"radius": 1.0}, "opaque": {"kind": "x"}})
    assert caught.value.errors == (("opaque", "expected str or number, got dict"),)


def test_a_model_with_stated_properties_still_drops_unknown_keys_on_request(models: Any) -> None:
    payload = {"radius": 2.0, "colour": "red"}
    assert models.Circle.from_dict(payload, unknown="ignore").to_dict() == {"radius": 2.0}
    assert models.Circle.from_dict(payload).to_dict() == payload


def test_a_union_in_an_import_cycle(models: Any) -> None:
    payload = {"children": [{"label": "a"}, {"children": [{"label": "b"}]}]}
    tree = models.Branch.from_dict(payload)
    assert tree.children[1] == models.Branch(children=[models.Leaf(label="b")])
    assert tree.to_dict() == payload


def test_generated_unions_pass_mypy_strict_and_ruff(specs: Path, models: Any) -> None:
    package = specs / "out" / models.__name__
    for command in (
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(package)],
        [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", str(package)],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


JULIA_TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
JULIA_PAGES = {
    "Shape": f"# Shape\n\n## Properties\n{JULIA_TABLE}"
             "**value** | This is a oneOf model. The value must be exactly one of the following "
             "types: Circle, Square | A shape. | [optional] \n\n"
             "The discriminator field is `shape_type`\n",
    "Circle": f"# Circle\n\n## Properties\n{JULIA_TABLE}"
              "**shape_type** | **String** |  | [default to nothing]\n"
              "**radius** | **Float64** |  | [default to nothing]\n",
    "Square": f"# Square\n\n## Properties\n{JULIA_TABLE}"
              "**shape_type** | **String** |  | [default to nothing]\n"
              "**side** | **Float64** |  | [default to nothing]\n",
}


def test_a_discriminator_the_page_names_is_in_the_schema_and_the_docs(tmp_path: Path) -> None:
    for name, text in JULIA_PAGES.items():
        write_page(tmp_path / "specs", name, text)
    built = generate(tmp_path / "specs", tmp_path / "out")
    assert schema_document(built.model_set)["$defs"]["Shape"] == {
        "description": "A shape.",
        "oneOf": [{"$ref": "#/$defs/Circle"}, {"$ref": "#/$defs/Square"}],
        "discriminator": {"propertyName": "shape_type"},
    }
    page = built.files["docs/Shape.md"]
    assert "names `shape_type` as the property that tells the members apart" in page

"""A model whose page does not state its properties keeps whatever the payload holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from generated import generate, write_page

# Rust writes an untagged oneOf as a variant table: the model's properties are not on the page.
VARIANTS = """# Shape

## Enum Variants

| Name | Description |
|---- | -----|
| Circle |  |
| Square |  |
"""

CIRCLE = """# Circle

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**radius** | **f64** |  | 
"""

HOLDER = """# Holder

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**shape** | [**models::Shape**](Shape.md) |  | 
"""


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> object:
    root: Path = tmp_path_factory.mktemp("passthrough")
    for name, text in (("Shape", VARIANTS), ("Circle", CIRCLE), ("Holder", HOLDER)):
        write_page(root / "specs", name, text)
    return generate(root / "specs", root / "out").module


@pytest.mark.parametrize("unknown", ["ignore", "keep", "forbid"])
def test_every_key_comes_back_whatever_the_unknown_key_policy(models: object, unknown: str) -> None:
    payload = {"shape": {"radius": 1.5, "kind": "circle"}}
    holder = models.Holder.from_dict(payload, unknown=unknown)  # type: ignore[attr-defined]
    assert holder.to_dict() == payload


def test_a_model_with_stated_properties_still_drops_unknown_keys(models: object) -> None:
    circle = models.Circle.from_dict({"radius": 2.0, "colour": "red"})  # type: ignore[attr-defined]
    assert circle.to_dict() == {"radius": 2.0}

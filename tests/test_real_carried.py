"""groundtruth/real/carried.py: a miss counts against docmodels only where the page carries the
fact; elsewhere it is declared, with the reason read from the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docmodels.cli import main as docmodels

from groundtruth.measure import _same_type
from groundtruth.real import carried
from groundtruth.real.facts import spec_facts

REF = "#/components/schemas/"
SPEC = {
    "openapi": "3.0.0",
    "components": {"schemas": {
        "Base": {"type": "object", "properties": {"id": {"type": "string"}}},
        "Pet": {
            "allOf": [{"$ref": REF + "Base"}],
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string"},
                "ref": {"type": "string", "format": "uuid"},
                "nick": {"type": "string", "nullable": True},
                "size": {"type": "string", "enum": ["S", "M"]},
                "kind": {"type": "string", "enum": ["cat", "dog"]},
                "tag": {"$ref": REF + "Tag"},
            },
        },
        "Tag": {"type": "object", "properties": {"label": {"type": "string"}}},
        "Color": {"type": "string", "enum": ["red", "green"]},
    }},
}

# The pages a Go-like generator writes: field names, no formats, no nullability, Pet's own
# properties only (Base's are inherited), an enum's values listed for one property only, and
# no page for Tag (the generator skipped it) or Color's values.
PET = """# Pet

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**Name** | **string** | The name. |
**Ref** | Pointer to **string** | Where to find it. | [optional]
**Nick** | Pointer to **string** | A nickname. | [optional]
**Size** | Pointer to **string** | S or M, say. | [optional]
**Kind** | Pointer to **string** | | [optional]
**Tag** | Pointer to [**Tag**](Tag.md) | | [optional]

## Enum: KindEnum

Name | Value
---- | -----
CAT | &quot;cat&quot;
DOG | &quot;dog&quot;
"""
BASE = """# Base

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**Id** | Pointer to **string** | | [optional]
"""
COLOR = """# Color

## Enum

"""


@pytest.fixture
def verdict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> carried.Verdict:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in (("Pet", PET), ("Base", BASE), ("Color", COLOR)):
        (docs / f"{name}.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    docmodels(["ir", "docs"])
    ir = json.loads(capsys.readouterr().out)
    facts = spec_facts(SPEC)
    found = carried.folder(SPEC, facts, ir, tmp_path)
    # Every fact docmodels could have missed, missed (the judge decides which count).
    misses = {f"{kind}: Pet.{wire}": "" for wire in facts.models["Pet"]
              for kind in ("property", "name", "format", "nullable", "enum")}
    misses["type: Pet.tag"] = ""
    misses["enum model: Color"] = ""
    return carried.judge(misses, found, carried.pool([found]))


def test_a_property_the_page_lists_is_carried_one_inherited_is_not(
        verdict: carried.Verdict) -> None:
    assert "property: Pet.name" in verdict.real
    assert "inherited through allOf" in verdict.declared["property: Pet.id"]


def test_a_field_name_that_is_not_the_key_does_not_carry_it(verdict: carried.Verdict) -> None:
    assert verdict.declared["name: Pet.name"] == "the page writes 'Name', not the key"


def test_one_rendering_written_for_two_values_carries_neither(verdict: carried.Verdict) -> None:
    # 'Pointer to **string**' stands for format uuid and for no format; for nullable and not
    assert "is written for format" in verdict.declared["format: Pet.ref"]
    assert "is written for nullable" in verdict.declared["nullable: Pet.nick"]
    # '**string**' with no notes is written for one property only: what it says is carried
    assert "nullable: Pet.name" in verdict.real


def test_enum_values_count_where_the_page_lists_them_not_in_prose(
        verdict: carried.Verdict) -> None:
    assert "enum: Pet.kind" in verdict.real  # the ## Enum table lists cat and dog
    assert verdict.declared["enum: Pet.size"] == "the inline enum's values are not on the page"
    assert verdict.declared["enum model: Color"] == "the enum's page does not list its values"


def test_a_model_the_generator_wrote_no_page_for_is_declared(verdict: carried.Verdict) -> None:
    assert verdict.declared["type: Pet.tag"] == "the model it names has no page"



def test_a_model_spelled_the_languages_way_makes_no_rendering_of_its_own() -> None:
    """Whether a property is nullable does not depend on which model it lists, however the
    language spells the model: eiffel's UPPER_SNAKE, C's name_t."""
    eiffel = carried._shape("[**LIST [CHART_DATA_POINTS]**](Chart.DataPoints.md)",
                            frozenset({"chartdatapoints"}))
    assert eiffel == carried._shape("[**LIST [USER]**](User.md)", frozenset({"user"}))
    c = carried._shape("[**generic_pm_info_t**](generic_pm_info.md) \\*", frozenset({"genericpminfo"}))
    assert c == carried._shape("[**links_t**](links.md) \\*", frozenset({"links"}))


def test_an_inline_enum_type_named_after_its_property_is_one_rendering() -> None:
    status = carried._shape("**api_pet_STATUS_e**", prop="status")
    assert status == carried._shape("**api_order_KIND_e**", prop="kind")
    # A word that is the property's name alone names no enum: a property called string.
    assert carried._shape("**String**", prop="string") == "**String**"


def test_a_type_cell_that_does_not_name_the_model_does_not_carry_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    spec = {"openapi": "3.0.0", "components": {"schemas": {
        "Cell": {"type": "object", "properties": {"x": {"type": "integer"}}},
        "Grid": {"type": "object", "properties": {
            "cells": {"type": "array", "items": {"type": "array", "items": {"$ref": REF + "Cell"}}},
            "top": {"type": "array", "items": {"$ref": REF + "Cell"}},
        }},
    }}}
    docs = tmp_path / "docs"
    docs.mkdir()
    table = ("Name | Type | Description | Notes\n"
             "------------ | ------------- | ------------- | -------------\n")
    (docs / "GRID.md").write_text(
        "# GRID\n\n## Properties\n" + table
        + "**cells** | [**LIST [LIST]**](LIST.md) |  | [optional] [default to null]\n"
        + "**top** | [**LIST [CELL]**](Cell.md) |  | [optional] [default to null]\n",
        encoding="utf-8")
    (docs / "CELL.md").write_text(
        "# CELL\n\n## Properties\n" + table
        + "**x** | **INTEGER_32** |  | [optional] [default to null]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    docmodels(["ir", "docs"])
    ir = json.loads(capsys.readouterr().out)
    found = carried.folder(spec, spec_facts(spec), ir, tmp_path)
    misses = {"type: Grid.cells": "", "type: Grid.top": ""}
    verdict = carried.judge(misses, found, carried.pool([found]))
    # eiffel writes a list of lists without its items: the page never says Cell
    assert verdict.declared == {"type: Grid.cells": "the type cell does not name Cell"}
    # a cell that names the model carries it: a miss there would be docmodels' own
    assert list(verdict.real) == ["type: Grid.top"]


def test_a_property_row_with_empty_notes_lists_no_enum_value() -> None:
    """A row of the property table whose Notes cell is empty has three cells once split, like a
    ``Name | Value`` row; its description names no enum value (C's type ``**iban**``)."""
    page = ("# iban_t\n\n## Properties\nName | Type | Description | Notes\n"
            "------------ | ------------- | ------------- | -------------\n"
            "**iban** | **char \\*** | The account number. | \n"
            "**type** | **api_iban_TYPE_e** | **iban** | [default to 'iban']\n")
    assert not carried._written(("iban",), carried._structure(page))
    values = "## Enum: TypeEnum\n\nName | Value\n---- | -----\nIBAN | &quot;iban&quot;\n"
    assert carried._written(("iban",), carried._structure(page + "\n" + values))


@pytest.mark.parametrize(("expected", "got"), [
    ("ref:UserMini", "ref:User--Mini"),
    ("array<ref:BeezUPCommonUserErrorMessage>", "array<ref:BeezUP.Common.UserErrorMessage>"),
])
def test_a_model_named_with_punctuation_is_the_same_model(expected: str, got: str) -> None:
    """The facts name a model with its punctuation dropped; markdown pages keep the spec's."""
    assert _same_type(expected, got)
    assert not _same_type(expected, "ref:Other")


def test_a_container_of_a_scalar_written_for_two_types_carries_neither() -> None:
    """R writes booleans as character: character stands for a string and a boolean, and so
    array[character] for a list of either, even where the sample has only lists of strings."""
    found = carried.Folder(facts=[
        carried.Fact("type: Pet.name", "type", "**character**", "string"),
        carried.Fact("type: Pet.fragile", "type", "**character**", "boolean"),
        carried.Fact("type: Pet.tags", "type", "**array[character]**", "array<string>"),
        carried.Fact("type: Pet.sizes", "type", "**array[integer]**", "array<integer>"),
    ])
    misses = {"type: Pet.tags": "", "type: Pet.sizes": ""}
    verdict = carried.judge(misses, found, carried.pool([found]))
    assert verdict.declared == {"type: Pet.tags": (
        "its items are written 'character', which is written for type boolean, string")}
    assert list(verdict.real) == ["type: Pet.sizes"]

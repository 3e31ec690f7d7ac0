"""Inline enums and two-column tables: facts some dialects carry in other places than the row."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmodels.emit.jsonschema import field_schema
from docmodels.ir import ArrayOf, Primitive, PrimitiveKind
from docmodels.page.structure import parse_page
from docmodels.reader import read_page
from generated import generate, write_page

# Java's shape: the row links to an "## Enum: X" section of the same page holding the values.
JAVA_STYLE = """# Pet

## Properties

| Name | Type | Description | Notes |
|------------ | ------------- | ------------- | -------------|
|**name** | **str** | The name. |  |
|**size** | [**SizeEnum**](#SizeEnum) | How big. |  [optional] |
|**level** | [**LevelEnum**](#LevelEnum) |  |  [optional] |

## Enum: SizeEnum

| Name | Value |
|---- | -----|
| SMALL | &quot;small&quot; |
| LARGE | &quot;large&quot; |

## Enum: LevelEnum

| Name | Value |
|---- | -----|
| NUMBER_1 | 1 |
| NUMBER_2 | 2 |
"""


def test_a_row_linking_to_an_enum_section_is_an_inline_enum() -> None:
    model, diagnostics = read_page(parse_page("p.md", JAVA_STYLE))
    assert diagnostics == []
    assert model is not None
    size, level = model.fields[1], model.fields[2]
    assert (size.type, size.enum_values) == (Primitive(PrimitiveKind.STRING), ("small", "large"))
    assert (level.type, level.enum_values) == (Primitive(PrimitiveKind.INTEGER), (1, 2))
    assert model.fields[0].enum_values is None


def test_inline_enum_schema_lists_the_values_and_null_where_allowed() -> None:
    model, _ = read_page(parse_page("p.md", JAVA_STYLE))
    assert model is not None
    assert field_schema(model.fields[1]) == {
        "type": ["string", "null"],
        "enum": ["small", "large", None],
        "description": "How big.",
        # Optional, and the page does not say null: accepting it is the schema's choice.
        "x-docmodels-unstated": ["nullable"],
    }


def test_generated_code_accepts_only_the_listed_values(tmp_path: Path) -> None:
    write_page(tmp_path / "specs", "Pet", JAVA_STYLE)
    generated = generate(tmp_path / "specs", tmp_path / "out")
    pet_class = generated.module.Pet
    pet = pet_class.from_dict({"name": "x", "size": "small", "level": 2})
    assert (pet.size, pet.level) == ("small", 2)
    assert pet.to_dict() == {"name": "x", "size": "small", "level": 2}
    with pytest.raises(generated.module.ValidationError) as caught:
        pet_class.from_dict({"name": "x", "size": "medium", "level": True})
    assert caught.value.errors == (
        ("size", "expected one of 'small', 'large', got 'medium'"),
        ("level", "expected int, got bool"),
    )
    annotations = [line.strip() for line in generated.source("pet").splitlines() if "Literal" in line]
    assert annotations == [
        'size: _t.Literal["small", "large"] | None = None',
        "level: _t.Literal[1, 2] | None = None",
    ]


def test_a_two_column_table_does_not_say_what_is_required() -> None:
    page = "# Pet\n\n## Properties\n\nName | Type\n------------ | -------------\n`id` | **int**\n"
    model, diagnostics = read_page(parse_page("p.md", page))
    assert diagnostics == []
    assert model is not None
    field = model.fields[0]
    assert (field.name, field.type, field.required, field.description) == (
        "id", Primitive(PrimitiveKind.INTEGER), None, ""
    )


# A list and a set of inline enums, as java 7.x writes them: the section is titled after the
# collection (java 5.x and android write the same, without the table's outer pipes).
JAVA_COLLECTIONS = """# Palette

## Properties

| Name | Type | Description | Notes |
|------------ | ------------- | ------------- | -------------|
|**tags** | [**List&lt;TagsEnum&gt;**](#List&lt;TagsEnum&gt;) |  |  |
|**kinds** | [**Set&lt;KindsEnum&gt;**](#Set&lt;KindsEnum&gt;) |  |  [optional] |

## Enum: List&lt;TagsEnum&gt;

| Name | Value |
|---- | -----|
| RED | &quot;red&quot; |
| GREEN | &quot;green&quot; |

## Enum: Set&lt;KindsEnum&gt;

| Name | Value |
|---- | -----|
| NUMBER_1 | 1 |
| NUMBER_2 | 2 |
"""


def test_a_list_or_set_of_inline_enums_is_an_array_of_the_enum() -> None:
    model, diagnostics = read_page(parse_page("p.md", JAVA_COLLECTIONS))
    assert diagnostics == []
    assert model is not None and model.dialect == "java"
    tags, kinds = model.fields
    assert (tags.type, tags.enum_values) == (ArrayOf(Primitive(PrimitiveKind.STRING)), ("red", "green"))
    assert (kinds.type, kinds.enum_values) == (
        ArrayOf(Primitive(PrimitiveKind.INTEGER), unique_items=True),
        (1, 2),
    )


def test_a_list_of_an_enum_whose_section_is_titled_after_the_enum() -> None:
    page = JAVA_COLLECTIONS.replace("## Enum: List&lt;TagsEnum&gt;", "## Enum: TagsEnum").replace(
        "(#List&lt;TagsEnum&gt;)", "(#TagsEnum)"
    )
    model, diagnostics = read_page(parse_page("p.md", page))
    assert diagnostics == []
    assert model is not None
    assert (model.fields[0].type, model.fields[0].enum_values) == (
        ArrayOf(Primitive(PrimitiveKind.STRING)),
        ("red", "green"),
    )


def test_a_list_of_inline_enums_limits_its_items_in_the_schema() -> None:
    model, _ = read_page(parse_page("p.md", JAVA_COLLECTIONS))
    assert model is not None
    assert field_schema(model.fields[0]) == {
        "type": ["array", "null"],  # required; whether it can be null, java's page does not say
        "items": {"type": "string", "enum": ["red", "green"]},
        "x-docmodels-unstated": ["nullable"],
    }
    assert field_schema(model.fields[1])["items"] == {"type": "integer", "enum": [1, 2]}


def test_generated_code_checks_each_item_of_a_list_of_inline_enums(tmp_path: Path) -> None:
    write_page(tmp_path / "specs", "Palette", JAVA_COLLECTIONS)
    generated = generate(tmp_path / "specs", tmp_path / "out")
    palette_class = generated.module.Palette
    palette = palette_class.from_dict({"tags": ["red", "green"], "kinds": [1]})
    assert palette.to_dict() == {"tags": ["red", "green"], "kinds": [1]}
    with pytest.raises(generated.module.ValidationError):
        palette_class.from_dict({"tags": ["blue"]})
    annotations = [line.strip() for line in generated.source("palette").splitlines() if "Literal" in line]
    assert annotations[0] == 'tags: list[_t.Literal["red", "green"]] | None'


# csharp (netcore 6.x, generichost 7.x) writes the enum nested in its model's class, and no values.
CSHARP_COLLECTIONS = """# Org.OpenAPITools.Model.Palette

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**Tags** | **List&lt;Palette.TagsEnum&gt;** |  | 
**Methods** | **Collection&lt;Model.SupportedMethodsEnum&gt;** |  | [optional] 
**Levels** | **List<Model.LevelsEnum>** |  | [optional] 
"""


def test_a_csharp_list_of_nested_enums_is_a_list_of_strings() -> None:
    model, diagnostics = read_page(parse_page("p.md", CSHARP_COLLECTIONS))
    assert diagnostics == []
    assert model is not None and model.dialect == "csharp"
    assert [(f.type, f.enum_values) for f in model.fields] == [
        (ArrayOf(Primitive(PrimitiveKind.STRING)), None),
        (ArrayOf(Primitive(PrimitiveKind.STRING)), None),
        (ArrayOf(Primitive(PrimitiveKind.STRING)), None),
    ]

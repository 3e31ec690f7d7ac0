"""The python 6.x dialect: openapi-generator's python at 6.0–6.6 (the former
python-experimental), whose model pages are a "## Model Type Info" table, "### Dictionary Keys"
and nested sections for inline schemas (page/typeinfo.py, dialects/python6.py,
reader_typeinfo.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docmodels.dialects import registry
from docmodels.dialects.base import TypeSyntaxError
from docmodels.dialects.python6 import PYTHON6, read_default, read_input_type, read_notes
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Field,
    JsonValue,
    MapOf,
    Model,
    ModelKind,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
)
from docmodels.load import load
from docmodels.page.structure import parse_page
from docmodels.page.typecell import TypeCell, decode_type_cell
from docmodels.reader import read
from docmodels.reading import PageReading

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "python6"
STRING = Primitive(PrimitiveKind.STRING)
INTEGER = Primitive(PrimitiveKind.INTEGER)
NUMBER = Primitive(PrimitiveKind.NUMBER)
ANY_CLASSES = (
    "dict, frozendict.frozendict, str, date, datetime, uuid.UUID, int, float, decimal.Decimal, "
    "bool, None, list, tuple, bytes, io.FileIO, io.BufferedReader, "
)
ANY_ROW = f"{ANY_CLASSES} | frozendict.frozendict, str, decimal.Decimal, BoolClass, NoneClass"
INFO = (
    "## Model Type Info\nInput Type | Accessed Type | Description | Notes\n"
    "------------ | ------------- | ------------- | -------------\n"
)
KEYS = (
    "### Dictionary Keys\nKey | Input Type | Accessed Type | Description | Notes\n"
    "------------ | ------------- | ------------- | ------------- | -------------\n"
)


def page(title: str, *lines: str) -> str:
    return f"# openapi_client.model.x.{title}\n\n" + "".join(lines)


def reading(text: str) -> PageReading:
    return read(parse_page("docs/models/X.md", text))


def model_of(text: str) -> Model:
    found = reading(text)
    assert found.model is not None, found.diagnostics
    return found.model


def field(model: Model, name: str) -> Field:
    return next(f for f in model.fields if f.name == name)


# Types --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected", "nullable"),
    [
        ("str, ", STRING, False),
        ("str, date, ", Primitive(PrimitiveKind.STRING, "date"), False),
        ("str, datetime, ", Primitive(PrimitiveKind.STRING, "date-time"), False),
        ("str, uuid.UUID, ", Primitive(PrimitiveKind.STRING, "uuid"), False),
        ("decimal.Decimal, int, ", INTEGER, False),
        ("decimal.Decimal, int, float, ", NUMBER, False),
        ("bool, ", Primitive(PrimitiveKind.BOOLEAN), False),
        ("bytes, io.FileIO, io.BufferedReader, ", Primitive(PrimitiveKind.STRING, "binary"), False),
        ("None, str, ", STRING, True),
        ("None, decimal.Decimal, int, ", INTEGER, True),
        ("list, tuple, None, ", ArrayOf(AnyValue()), True),
        ("dict, frozendict.frozendict, ", MapOf(AnyValue()), False),
        (ANY_CLASSES, AnyValue(), None),
        ("[**Pet**](Pet.md)", Reference("Pet"), False),
    ],
)
def test_an_input_type_is_the_classes_a_value_may_be_given_as(
    cell: str, expected: TypeExpr, nullable: bool | None
) -> None:
    found = read_input_type(decode_type_cell(cell))
    assert (found.type, found.nullable) == (expected, nullable)


@pytest.mark.parametrize(
    "text", ["str", "int, float", "str, none_type", "Dict[str, int]", "list[str]", "String"]
)
def test_other_generators_spellings_are_not_this_dialects(text: str) -> None:
    """Every class python 6.x lists is followed by a comma: other python generators' cells
    (python-prior's ``int, float``) are no evidence for it."""
    with pytest.raises(TypeSyntaxError):
        PYTHON6.parse_type(TypeCell(text, ()))


def test_the_layout_is_evidence_for_this_dialect_alone() -> None:
    parsed = parse_page("X.md", page("Pet", INFO, "str,  | str,  |  | \n"))
    assert registry.best(registry.evidence([], parsed)) is PYTHON6


# Notes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "optional", "values", "default", "format_"),
    [
        ("", False, None, None, None),
        ("[optional] ", True, None, None, None),
        ("value must be a 64 bit integer", False, None, None, "int64"),
        ("[optional] value must be a 32 bit float", True, None, None, "float"),
        ("[optional] value must be a uuid", True, None, None, "uuid"),
        ("value must conform to RFC-3339 full-date YYYY-MM-DD", False, None, None, "date"),
        # The generator writes the default and the format with nothing between them.
        (("[optional] if omitted the server will use the default value of 0value must be a 32 "
         "bit integer"), True, None, "0", "int32"),
        ('must be one of ["A", "B", ] ', False, ("A", "B"), None, None),
        ("must be one of [1, 2, 3, ] ", False, (1, 2, 3), None, None),
        (('[optional] must be one of ["small", "large", ] if omitted the server will use the '
         'default value of "large"'), True, ("small", "large"), '"large"', None),
    ],
)
def test_notes_run_together_and_are_read_part_by_part(
    text: str, optional: bool, values: tuple[JsonValue, ...] | None, default: str | None,
    format_: str | None,
) -> None:
    notes = read_notes(text)
    assert (notes.optional, notes.values, notes.default, notes.format, notes.rest) == (
        optional, values, default, format_, ""
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [('"720h"', "720h"), ('"it\'s "quoted""', 'it\'s "quoted"'), ("0", 0), ("1.5", 1.5),
     ("False", False), ("True", True), ("None", None)],
)
def test_defaults_are_python_literals_whose_strings_are_not_escaped(
    text: str, value: JsonValue
) -> None:
    assert read_default(text) == value


# One page -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plant() -> PageReading:
    path = FIXTURES / "docs" / "models" / "Plant.md"
    return read(parse_page("docs/models/Plant.md", path.read_text(encoding="utf-8")))


def test_the_title_is_the_class_path_and_the_model_its_last_part(plant: PageReading) -> None:
    assert plant.model is not None
    assert (plant.model.name, plant.model.kind, plant.model.description) == (
        "Plant", ModelKind.OBJECT, "Something that grows in the garden."
    )
    assert plant.dialect == "python6"
    assert plant.diagnostics == ()


def test_keys_are_the_json_keys_as_the_spec_spells_them(plant: PageReading) -> None:
    assert plant.model is not None
    names = [(f.name, f.wire_name) for f in plant.model.fields]
    assert ("plantId", "plantId") in names and ("checked_at", "checked_at") in names
    assert "any_string_name" not in [name for name, _ in names]


def test_a_row_without_optional_is_required(plant: PageReading) -> None:
    assert plant.model is not None
    required = [f.name for f in plant.model.fields if f.required]
    assert required == ["plantId", "height", "season", "leaves"]


def test_formats_come_from_the_classes_and_from_the_notes(plant: PageReading) -> None:
    assert plant.model is not None
    formats = {f.name: f.type for f in plant.model.fields if isinstance(f.type, Primitive)}
    assert formats["plantId"] == Primitive(PrimitiveKind.STRING, "uuid")
    assert formats["height"] == Primitive(PrimitiveKind.NUMBER, "double")
    assert formats["count"] == Primitive(PrimitiveKind.INTEGER, "int32")
    assert formats["planted"] == Primitive(PrimitiveKind.STRING, "date")
    assert formats["checked_at"] == Primitive(PrimitiveKind.STRING, "date-time")
    assert formats["photo"] == Primitive(PrimitiveKind.STRING, "binary")


def test_a_description_may_hold_a_pipe(plant: PageReading) -> None:
    assert plant.model is not None
    assert field(plant.model, "height").description == "In metres: a | b."


def test_defaults_inline_enums_and_null(plant: PageReading) -> None:
    assert plant.model is not None
    model = plant.model
    assert field(model, "count").default is not None
    assert [f.default.value for f in model.fields if f.default is not None] == [
        3, False, "green", 'it\'s "green"'
    ]
    assert field(model, "colour").enum_values == ("red", "green")
    assert (field(model, "nickname").type, field(model, "nickname").nullable) == (STRING, True)
    assert field(model, "motto").nullable is False


def test_inline_schemas_give_items_map_values_and_objects(plant: PageReading) -> None:
    assert plant.model is not None
    model = plant.model
    assert field(model, "leaves").type == ArrayOf(STRING)
    assert field(model, "tags").type == MapOf(ArrayOf(Primitive(PrimitiveKind.INTEGER, "int64")))
    # An object without properties or stated additionalProperties is any object.
    assert field(model, "extra").type == AnyValue()
    assert field(model, "anything").type == AnyValue()
    assert field(model, "anything").nullable is None  # every class listed: it does not say
    # An inline object is a model of its own, named as openapi-generator names it.
    assert field(model, "soil").type == Reference("PlantSoil")
    assert [(m.name, [f.name for f in m.fields]) for m in plant.inline] == [("PlantSoil", ["ph"])]


def test_an_array_of_an_inline_enum_has_its_items_values(plant: PageReading) -> None:
    assert plant.model is not None
    moods = field(plant.model, "moods")
    assert (moods.type, moods.enum_values) == (ArrayOf(STRING), ("sunny", "shady"))


def test_an_allof_of_a_model_and_a_description_is_that_model(plant: PageReading) -> None:
    assert plant.model is not None
    assert field(plant.model, "neighbour").type == Reference("Plant")


def test_enum_models_list_their_values_in_the_notes() -> None:
    season = model_of((FIXTURES / "docs/models/Season.md").read_text(encoding="utf-8"))
    assert (season.kind, season.enum_type) == (ModelKind.ENUM, STRING)
    assert [v.value for v in season.enum_values] == ["spring", "summer"]
    rank = model_of((FIXTURES / "docs/models/Rank.md").read_text(encoding="utf-8"))
    assert (rank.enum_type, [v.value for v in rank.enum_values]) == (INTEGER, [1, 2, 3])


def test_a_oneof_is_a_union_of_its_members() -> None:
    seed = model_of((FIXTURES / "docs/models/Seed.md").read_text(encoding="utf-8"))
    assert (seed.kind, seed.variants) == (ModelKind.UNION, (Reference("Plant"), STRING))
    assert seed.discriminator is None  # the page does not write one


def test_a_scalar_or_list_model_is_an_alias() -> None:
    name = model_of((FIXTURES / "docs/models/PlantName.md").read_text(encoding="utf-8"))
    assert (name.kind, name.variants) == (ModelKind.UNION, (STRING,))
    plants = model_of((FIXTURES / "docs/models/Plants.md").read_text(encoding="utf-8"))
    assert plants.variants == (ArrayOf(Reference("Plant")),)


def test_an_allof_of_a_model_and_an_object_extends_the_model() -> None:
    tree = model_of((FIXTURES / "docs/models/Tree.md").read_text(encoding="utf-8"))
    assert (tree.kind, tree.bases) == (ModelKind.OBJECT, ("Plant",))
    assert [f.name for f in tree.fields] == ["rings", "height"]


def test_what_cannot_be_read_is_a_loss_not_a_crash() -> None:
    found = reading(page(
        "Odd", INFO, "dict, frozendict.frozendict,  | frozendict.frozendict,  |  | \n\n", KEYS,
        "**a** | str, frozenset,  | str,  |  | \n",
        "**b** | str,  | str,  |  | [optional] value must be prime\n",
        "**c** | str,  | str,  |\n",
        "\n### Unheard Of\nA | B\n--- | ---\n1 | 2\n",
    ))
    assert found.model is not None
    assert [f.name for f in found.model.fields] == ["a", "b"]
    assert field(found.model, "a").type == AnyValue()
    assert all(d.loss for d in found.diagnostics)
    messages = " ".join(d.message for d in found.diagnostics)
    assert "frozenset" in messages and "value must be prime" in messages
    assert "cannot be told apart" in messages and "Unheard Of" in messages


def test_an_empty_type_info_table_is_any_value_with_a_loss() -> None:
    found = reading(page("Empty", INFO))
    assert found.model is not None and found.model.variants == (AnyValue(),)
    assert [d.loss for d in found.diagnostics] == [True]


# A folder as the generator ships it -----------------------------------------------------------


def test_a_python6_folder_reads_every_model_page_and_skips_its_api_pages(tmp_path: Path) -> None:
    folder = tmp_path / "garden"
    shutil.copytree(FIXTURES, folder)
    model_set, diagnostics = load([folder], tmp_path)
    pages = sorted(p.stem for p in (folder / "docs" / "models").glob("*.md"))
    read_from = sorted({Path(m.location.path).stem for m in model_set.models})
    assert read_from == pages
    assert model_set.left_out == ()
    assert [Path(p.path).name for p in model_set.skipped] == ["PlantsApi.md"]
    assert [str(d) for d in diagnostics if d.loss] == []
    assert {m.dialect for m in model_set.models} == {"python6"}


def test_resolution_gives_a_model_its_bases_properties(tmp_path: Path) -> None:
    folder = tmp_path / "garden"
    shutil.copytree(FIXTURES, folder)
    model_set, _ = load([folder], tmp_path)
    tree = model_set.by_name()["Tree"]
    plant = model_set.by_name()["Plant"]
    names = [f.name for f in tree.fields]
    assert names[: len(plant.fields) - 1] == [f.name for f in plant.fields if f.name != "height"]
    assert names[-2:] == ["rings", "height"]
    # Its own property wins over the base's of the same key.
    assert field(tree, "height").type == INTEGER


def test_a_base_no_page_defines_is_a_loss(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "Tree.md").write_text(
        (FIXTURES / "docs/models/Tree.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    model_set, diagnostics = load([docs], tmp_path)
    assert [f.name for f in model_set.by_name()["Tree"].fields] == ["rings", "height"]
    assert [d.message for d in diagnostics if d.loss] == [
        "'Tree' extends 'Plant', which no page defines: its properties are missing"
    ]


def test_the_summary_counts_pages_not_the_inline_models_they_give(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docmodels.cli import main

    folder = tmp_path / "garden"
    shutil.copytree(FIXTURES, folder)
    assert main(["schema", str(folder)]) == 0
    assert "read 7 of 7 model pages" in capsys.readouterr().err


def test_inline_schemas_nested_past_the_limit_are_a_loss_not_a_crash() -> None:
    levels = 200  # past the limit of 32 levels; markdown-it is the slow part of more
    lines = [INFO, "list, tuple,  | tuple,  |  | \n\n"]
    items = (
        "### Tuple Items\nClass Name | Input Type | Accessed Type | Description | Notes\n"
        "--- | --- | --- | --- | ---\n"
    )
    lines.append(items + "[items](#items) | list, tuple,  | tuple,  |  | \n\n")
    for _ in range(levels):
        lines += ["# items\n\n", INFO, "list, tuple,  | tuple,  |  | \n\n"]
        lines.append(items + "[items](#items) | list, tuple,  | tuple,  |  | \n\n")
    found = reading(page("Deep", *lines))
    assert found.model is not None
    assert found.diagnostics and all(d.loss for d in found.diagnostics)


def test_an_inline_schema_no_row_links_to_is_a_loss() -> None:
    found = reading(page(
        "Pet", INFO, "str,  | str,  |  | \n\n", "# stray\n\n", INFO, "str,  | str,  |  | \n"
    ))
    assert found.model is not None and found.model.variants == (STRING,)
    assert [d.loss for d in found.diagnostics] == [True]
    assert "stray" in found.diagnostics[0].message


def test_an_enum_without_a_scalar_type_is_any_value_with_a_loss() -> None:
    found = reading(page("Mixed", INFO, f"{ANY_CLASSES} | x |  | must be one of [1, \"a\", ] \n"))
    assert found.model is not None and found.model.variants == (AnyValue(),)
    assert [d.loss for d in found.diagnostics] == [True]


def test_the_ir_says_which_models_a_model_extends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from docmodels.cli import main

    folder = tmp_path / "garden"
    shutil.copytree(FIXTURES, folder)
    assert main(["ir", str(folder)]) == 0
    models = {m["name"]: m for m in json.loads(capsys.readouterr().out)["models"]}
    assert models["Tree"]["extends"] == ["Plant"]
    assert "extends" not in models["Plant"]

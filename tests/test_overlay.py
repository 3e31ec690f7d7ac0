"""Overlays: a TOML file adds or corrects the facts pages lose, the IR says which facts came from
it, the validators and the schema enforce its constraints, and an entry that matches nothing is
an error at its line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docmodels.cli import main
from docmodels.emit.ir_json import ir_json
from docmodels.emit.jsonschema import schema_document
from docmodels.ir import Constraints, ModelKind, Primitive, PrimitiveKind, WireNameSource
from docmodels.load import load
from docmodels.overlay.file import split_key
from generated import generate, schema_errors, write_page

TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
# Go pages: field names instead of JSON keys, no formats beyond Go's, no limits.
PAGES = {
    "Pet": f"# Pet\n\n## Properties\n\n{TABLE}"
           "**Name** | **string** |  | \n"
           "**PhotoUrls** | Pointer to **[]string** |  | [optional] \n"
           "**Age** | Pointer to **int32** |  | [optional] \n"
           "**Weight** | Pointer to **float64** |  | [optional] \n"
           "**Status** | Pointer to [**PetStatus**](PetStatus.md) |  | [optional] \n"
           "**Born** | Pointer to **string** |  | [optional] \n\n## Methods\n",
    # Its values were lost: the generator wrote an empty table.
    "PetStatus": f"# PetStatus\n\n## Properties\n\n{TABLE}\n## Methods\n",
}
OVERLAY = """\
# Facts the Go pages lose.
[models.PetStatus]
enum = ["available", "pending", "sold"]

[models.Pet.properties.Name]
wire_name = "name"
min_length = 2
max_length = 20
pattern = "^[A-Z]"

[models.Pet.properties.PhotoUrls]
wire_name = "photo_urls"
max_items = 2

[models.Pet.properties.Age]
wire_name = "age"
minimum = 0
maximum = 30

[models.Pet.properties.Weight]
wire_name = "weight"
exclusive_minimum = 0
multiple_of = 0.5
nullable = true

[models.Pet.properties.Status]
wire_name = "status"
default = "available"

[models.Pet.properties.Born]
wire_name = "born"
format = "date"
description = "The day the pet was born."
"""


def write_specs(root: Path, overlay: str | None = OVERLAY) -> Path:
    for name, text in PAGES.items():
        write_page(root / "specs", name, text)
    if overlay is not None:
        (root / "specs" / "docmodels-overlay.toml").write_text(overlay, encoding="utf-8")
    return root / "specs"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("overlay")
    return generate(write_specs(root), root / "out", cwd=root)


def test_an_overlay_gives_a_lost_enum_its_values(built: Any) -> None:
    status = built.model_set.by_name()["PetStatus"]
    assert (status.kind, status.overlaid, status.missing) == (ModelKind.ENUM, ("enum",), ())
    assert [v.value for v in status.enum_values] == ["available", "pending", "sold"]
    assert built.module.Pet.from_dict({"name": "Rex", "status": "sold"}).status.value == "sold"


def test_the_ir_says_which_facts_came_from_the_overlay(built: Any) -> None:
    fields = {f.wire_name: f for f in built.model_set.by_name()["Pet"].fields}
    assert fields["photo_urls"].wire_name_source is WireNameSource.OVERLAY
    assert fields["born"].overlaid == ("wire_name", "format", "description")
    assert fields["born"].type == Primitive(PrimitiveKind.STRING, "date")
    assert fields["age"].constraints == Constraints(minimum=0, maximum=30)
    pet = next(m for m in ir_json(built.model_set)["models"] if m["name"] == "Pet")
    age = next(f for f in pet["fields"] if f["wire_name"] == "age")
    assert (age["overlay"], age["constraints"]) == (
        ["wire_name", "minimum", "maximum"], {"minimum": 0, "maximum": 30}
    )


def test_wire_names_from_the_overlay_are_the_json_keys(built: Any) -> None:
    payload = {"name": "Rex", "photo_urls": ["a"], "age": 3, "weight": 1.5, "born": "2020-02-29"}
    pet = built.module.Pet.from_dict(payload)
    assert pet.to_dict() == payload


VALID = {"name": "Rex", "photo_urls": ["a", "b"], "age": 30, "weight": 0.5}


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"name": "R"}, ("name", "expected at least 2 characters, got 1")),
        ({"name": "R" * 21}, ("name", "expected at most 20 characters, got 21")),
        ({"name": "rex"}, ("name", "expected a match of '^[A-Z]', got 'rex'")),
        ({"photo_urls": ["a", "b", "c"]}, ("photo_urls", "expected at most 2 items, got 3")),
        ({"age": -1}, ("age", "expected at least 0, got -1")),
        ({"age": 31}, ("age", "expected at most 30, got 31")),
        ({"weight": 0}, ("weight", "expected more than 0, got 0")),
        ({"weight": 0.75}, ("weight", "expected a multiple of 0.5, got 0.75")),
    ],
)
def test_validators_enforce_the_constraints_and_so_does_the_schema(
    built: Any, change: dict[str, Any], error: tuple[str, str]
) -> None:
    document = schema_document(built.model_set)
    assert schema_errors(VALID, document["$defs"]["Pet"], document) == []
    built.module.Pet.from_dict(VALID)
    payload = VALID | change
    with pytest.raises(built.module.ValidationError) as caught:
        built.module.Pet.from_dict(payload)
    assert caught.value.errors == (error,)
    assert schema_errors(payload, document["$defs"]["Pet"], document) != []


def test_nullable_and_default_from_the_overlay(built: Any) -> None:
    pet = built.module.Pet.from_dict({"name": "Rex", "weight": None})
    assert pet.weight is None
    assert pet.status is built.module.PetStatus.AVAILABLE


def test_the_schema_carries_the_constraints(built: Any) -> None:
    pet = schema_document(built.model_set)["$defs"]["Pet"]["properties"]
    assert pet["name"] | {} == {"type": "string", "minLength": 2, "maxLength": 20,
                                "pattern": "^[A-Z]"}
    assert pet["weight"]["exclusiveMinimum"] == 0 and pet["weight"]["multipleOf"] == 0.5


def test_the_docs_list_the_constraints(built: Any) -> None:
    page = built.files["docs/Pet.md"]
    assert "minimum `0`, maximum `30`" in page


def test_generated_code_with_constraints_passes_mypy_strict_and_ruff(built: Any) -> None:
    for command in (
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(built.package_dir)],
        [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", str(built.package_dir)],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def errors_of(tmp_path: Path, overlay: str) -> list[str]:
    specs = write_specs(tmp_path, overlay)
    _, diagnostics = load([specs], tmp_path)
    return [str(d) for d in diagnostics if d.severity.value == "error"]


OVERLAY_PATH = "specs/docmodels-overlay.toml"


@pytest.mark.parametrize(
    ("overlay", "expected"),
    [
        (
            "[models.Pets]\nenum = ['a']\n",
            (f"{OVERLAY_PATH}:1:1: error: overlay: model 'Pets' matches no model "
            "(did you mean 'Pet'?)"),
        ),
        (
            "# note\n\n[models.Pet.properties.PhotoUrl]\nmax_items = 2\n",
            (f"{OVERLAY_PATH}:3:1: error: overlay: property 'PhotoUrl' matches no property of Pet "
            "(did you mean 'PhotoUrls'?)"),
        ),
        (
            "[models.Pet.properties.Age]\nminimum = 0\nmaximum = 'ten'\n",
            f"{OVERLAY_PATH}:3:1: error: property Pet.Age: maximum must be a number",
        ),
        (
            "[models.Pet.properties.Age]\nminimum = 5\nmaximum = 1\n",
            f"{OVERLAY_PATH}:3:1: error: property Pet.Age: maximum is below minimum",
        ),
        (
            "[models.Pet.properties.Name]\n  pattern = '(['\n",
            (f"{OVERLAY_PATH}:2:3: error: property Pet.Name: pattern is not a valid regular "
            "expression: unterminated character set at position 1"),
        ),
        (
            "[models.Pet.properties.Age]\npattern = 'x'\n",
            (f"{OVERLAY_PATH}:2:1: error: overlay: Pet.Age: pattern is for a string; the "
            "property is integer(int32)"),
        ),
        (
            "[models.Pet.properties.Name]\ncolour = 'red'\n",
            f"{OVERLAY_PATH}:2:1: error: property Pet.Name: unknown key 'colour'",
        ),
        (
            "[models.Pet]\nenum = ['a']\n",
            (f"{OVERLAY_PATH}:2:1: error: overlay: Pet is an object with properties; enum is for "
            "enum models"),
        ),
        (
            "[models.PetStatus]\nenum = ['a', 1]\n",
            f"{OVERLAY_PATH}:2:1: error: overlay: PetStatus's enum mixes strings and numbers",
        ),
        (
            "[models.Pet.properties.Age]\ndefault = 'old'\n",
            f"{OVERLAY_PATH}:2:1: error: overlay: Pet.Age: default \"old\" is not a integer(int32)",
        ),
        (
            "[models.Pet.properties.Age]\nminimum = 0\n[broken\n",
            (f"{OVERLAY_PATH}:3:8: error: overlay is not valid TOML: Expected ']' at the end of a "
            "table declaration"),
        ),
        (
            # Two properties keyed alike: one of them would be lost in every payload.
            "[models.Pet.properties.Born]\nwire_name = 'Name'\n",
            (f"{OVERLAY_PATH}:2:1: error: overlay: Pet.Born: wire_name 'Name' is already the key "
            "of property 'Name' (specs/Pet.md:7)"),
        ),
        (
            "[models.Pet.properties.Born]\nenum = ['a', 'b']\ndefault = 'c'\n",
            (f"{OVERLAY_PATH}:3:1: error: overlay: Pet.Born: default \"c\" is not one of the "
            "property's enum values"),
        ),
        (
            "[models.PetStatus]\nenum = ['a']\n[models.Pet.properties.Status]\ndefault = 'b'\n",
            (f"{OVERLAY_PATH}:4:1: error: overlay: Pet.Status: default \"b\" is not one of "
            "PetStatus's values"),
        ),
        (
            # Every whole number is a multiple of 0.1: a fraction on an integer is a mistake.
            "[models.Pet.properties.Age]\nmultiple_of = 0.1\n",
            (f"{OVERLAY_PATH}:2:1: error: overlay: Pet.Age: multiple_of 0.1 is not a whole "
            "number; the property is integer(int32)"),
        ),
        (
            "colour = 'red'\n",
            f"{OVERLAY_PATH}:1:1: error: unknown key 'colour': expected keys or [models.NAME]",
        ),
    ],
)
def test_mistakes_in_an_overlay_are_errors_at_their_line(
    tmp_path: Path, overlay: str, expected: str
) -> None:
    assert errors_of(tmp_path, overlay) == [expected]


def test_an_overlay_error_fails_generate_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_specs(tmp_path, "[models.Nope]\ndescription = 'x'\n")
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "specs", "-o", "out"]) == 1
    assert not (tmp_path / "out").exists()
    assert "docmodels-overlay.toml:1:1: error: overlay: model 'Nope' matches no model" in (
        capsys.readouterr().err
    )


def test_an_overlay_named_on_the_command_line_or_in_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_specs(tmp_path, overlay=None)
    (tmp_path / "facts.toml").write_text(OVERLAY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def status_kind() -> str:
        document = json.loads(capsys.readouterr().out)
        return str(next(m["kind"] for m in document["models"] if m["name"] == "PetStatus"))

    assert main(["ir", "specs"]) == 0
    assert status_kind() == "enum"  # the page alone: an enum whose values were lost
    assert main(["ir", "specs", "--overlay", "facts.toml"]) == 0
    assert status_kind() == "enum"
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docmodels]\nspecs = ["specs"]\noverlay = "facts.toml"\n', encoding="utf-8"
    )
    assert main(["ir"]) == 0
    assert status_kind() == "enum"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("models.Pet", ("models", "Pet")),
        ('models . "Pet Shop" . properties', ("models", "Pet Shop", "properties")),
        ("models.'@type'", ("models", "@type")),
        ('a."\\u00e9"', ("a", "é")),
        ("a..b", None),
        ("a b", None),
    ],
)
def test_dotted_keys_are_split_as_toml_reads_them(text: str, parts: tuple[str, ...] | None) -> None:
    assert split_key(text) == parts


def test_an_overlay_enum_that_leaves_out_the_pages_default_is_an_error_at_the_enum(
    tmp_path: Path,
) -> None:
    write_page(tmp_path / "specs", "Order", f"# Order\n\n## Properties\n{TABLE}"
               "**status** | **str** |  | [optional] [default to 'placed']\n")
    (tmp_path / "specs" / "docmodels-overlay.toml").write_text(
        "[models.Order.properties.status]\nenum = ['open', 'shipped']\n", encoding="utf-8"
    )
    model_set, diagnostics = load([tmp_path / "specs"], tmp_path)
    assert [str(d) for d in diagnostics if d.severity.value == "error"] == [
        (f"{OVERLAY_PATH}:2:1: error: overlay: Order.status: default \"placed\" is not one of "
         "the enum's values")
    ]
    assert model_set.by_name()["Order"].fields[0].default is None

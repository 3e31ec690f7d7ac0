"""An enum whose page lost its values (an empty table, as bash, C, C#, Dart, PHP, Ruby... write
an enum model's page) is a string or number kept as given, in every target: never an object."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docmodels.emit.ir_json import ir_json
from docmodels.emit.jsonschema import schema_document
from docmodels.emit.targets import names as target_names
from generated import build_files, generate, write_page

TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
PAGES = {
    "Ticket": f"# Ticket\n\n## Properties\n{TABLE}"
              "**status** | [**Status**](Status.md) |  | \n"
              "**history** | [**List[Status]**](Status.md) |  | [optional] \n",
    "Status": f"# Status\n\nWhere a ticket is.\n\n## Properties\n{TABLE}\n",
}
PAYLOAD = {"status": "open", "history": ["new", 2, 2.5]}


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root: Path = tmp_path_factory.mktemp("lost_enums")
    for name, text in PAGES.items():
        write_page(root / "specs", name, text)
    return root


@pytest.fixture(scope="module", params=target_names())
def generated(request: pytest.FixtureRequest, specs: Path) -> tuple[str, Any]:
    target = request.param
    return target, generate(specs / "specs", specs / f"out_{target}", target=target).module


def round_trip(target: str, module: Any, payload: dict[str, Any]) -> Any:
    if target == "typeddict":
        return module.parse_ticket(payload)
    return module.Ticket.from_dict(payload).to_dict()


def test_the_value_a_payload_gives_is_accepted_and_written_back(
    generated: tuple[str, Any],
) -> None:
    target, module = generated
    assert round_trip(target, module, PAYLOAD) == PAYLOAD


@pytest.mark.parametrize("value", [{"kind": "x"}, [1], True])
def test_no_object_list_or_boolean_is_a_value(generated: tuple[str, Any], value: Any) -> None:
    target, module = generated
    with pytest.raises(ValueError):  # every target's validation error is a ValueError
        round_trip(target, module, {"status": value})


def test_the_ir_says_an_enum_whose_values_were_lost(specs: Path) -> None:
    _, model_set, diagnostics = build_files([specs / "specs"], "pkg", cwd=specs)
    status = next(m for m in ir_json(model_set)["models"] if m["name"] == "Status")
    assert (status["kind"], status["enum_type"], status["enum_values"]) == ("enum", None, [])
    assert status["missing"] == [
        "enum values (or a oneOf's scalar member types): the page's table is empty"
    ]
    assert [d.message.split(":")[0] for d in diagnostics] == ["the property table is empty"]


def test_the_schema_types_it_as_a_string_or_number_and_marks_it(specs: Path) -> None:
    _, model_set, _ = build_files([specs / "specs"], "pkg", cwd=specs)
    assert schema_document(model_set)["$defs"]["Status"] == {
        "description": "Where a ticket is.",
        "type": ["string", "number"],
        "x-docmodels-missing": [
            "enum values (or a oneOf's scalar member types): the page's table is empty"
        ],
    }


def test_the_docs_page_says_how_to_give_the_values(specs: Path) -> None:
    files, _, _ = build_files([specs / "specs"], "pkg", cwd=specs)
    page = files["docs/Status.md"]
    assert "any string or number is accepted and kept as given" in page
    assert '[models.Status]\nenum = ["first value", "second value"]' in page


def test_an_overlay_gives_the_values(tmp_path: Path) -> None:
    for name, text in PAGES.items():
        write_page(tmp_path / "specs", name, text)
    (tmp_path / "specs" / "docmodels-overlay.toml").write_text(
        '[models.Status]\nenum = ["new", "open"]\n', encoding="utf-8"
    )
    module = generate(tmp_path / "specs", tmp_path / "out", cwd=tmp_path).module
    assert module.Ticket.from_dict({"status": "open"}).status is module.Status.OPEN
    with pytest.raises(module.ValidationError):
        module.Ticket.from_dict({"status": "closed"})

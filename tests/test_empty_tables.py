"""C# writes a oneOf's or anyOf's page as the same empty table as an enum's; the rows that refer
to them tell them apart: C# 7 links a model's page and writes an enum unlinked. Where a folder
shows that (an empty-table page referred to unlinked), a linked empty table is read as a union
whose members the page lost (any value, a loss), so the API's objects are taken and given back;
an unlinked one stays an enum whose values were lost (empty_tables.py).
The pages are our own, in C#'s spelling, shaped like adyen's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docmodels.ir import AnyValue, ModelKind
from docmodels.load import load
from generated import generate, write_page

HEAD = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
FOOT = "\n[[Back to Model list]](../../README.md#documentation-for-models)\n"


def _page(name: str, rows: str = "") -> str:
    return f"# Org.OpenAPITools.Model.{name}\n\n## Properties\n\n{HEAD}{rows}{FOOT}"


CSHARP = {
    "BankAccount": _page(
        "BankAccount",
        "**AccountHolder** | **string** |  | \n"
        "**AccountIdentification** | [**AccountIdentification**](AccountIdentification.md) |  | \n"
        "**Status** | **Status** |  | [optional] \n",
    ),
    "AccountIdentification": _page("AccountIdentification"),
    "Status": _page("Status"),
}


def _specs(root: Path, pages: dict[str, str] = CSHARP) -> Path:
    for name, text in pages.items():
        write_page(root / "specs", name, text)
    return root / "specs"


def test_a_linked_empty_table_is_a_union_whose_members_were_lost(tmp_path: Path) -> None:
    model_set, diagnostics = load([_specs(tmp_path)], tmp_path)
    models = model_set.by_name()
    assert models["AccountIdentification"].kind is ModelKind.UNION
    assert models["AccountIdentification"].variants == (AnyValue(),)
    [loss] = [d for d in diagnostics if d.loss and "AccountIdentification" in d.message]
    assert "every row that refers to it links it" in loss.message
    assert "'Status' unlinked" in loss.message
    # The enum, written unlinked, stays an enum whose values were lost.
    assert models["Status"].values_lost


@pytest.mark.parametrize(
    "status_row",
    [
        # csharp-netcore 5 links its enums too: nothing in the folder tells them apart.
        "**Status** | [**Status**](Status.md) |  | [optional] \n",
        # A list of enums is linked in every release: no evidence of how an enum is written.
        "**Statuses** | [**List&lt;Status&gt;**](Status.md) |  | [optional] \n",
    ],
    ids=["enum-linked", "list-of-enums"],
)
def test_a_folder_that_writes_no_enum_unlinked_tells_nothing(
    tmp_path: Path, status_row: str
) -> None:
    pages = dict(CSHARP)
    pages["BankAccount"] = CSHARP["BankAccount"].replace(
        "**Status** | **Status** |  | [optional] \n", status_row
    )
    model_set, _ = load([_specs(tmp_path, pages)], tmp_path)
    assert model_set.by_name()["AccountIdentification"].values_lost


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("empty-tables")
    return generate(_specs(root), root / "out").module


def test_the_apis_object_is_taken_and_given_back(bank: Any) -> None:
    payload = {
        "accountHolder": "A. Holder",
        "accountIdentification": {"iban": "NL91ABNA0417164300", "type": "iban"},
        "status": "active",
    }
    assert bank.BankAccount.from_dict(payload).to_dict() == payload


def test_the_enum_still_rejects_an_object(bank: Any) -> None:
    payload = {"accountHolder": "A", "accountIdentification": {}, "status": {"no": "enum"}}
    with pytest.raises(bank.ValidationError):
        bank.BankAccount.from_dict(payload)


def test_the_schema_says_the_members_were_lost(tmp_path: Path) -> None:
    from docmodels.emit.jsonschema import MISSING, schema_document

    model_set, _ = load([_specs(tmp_path)], tmp_path)
    document = schema_document(model_set)
    assert document["$defs"]["AccountIdentification"][MISSING] == [
        "a oneOf's or anyOf's members: the page's table is empty"
    ]

"""A oneOf of objects that the generator wrote as one object (every member's properties in one
table, each member's required ones required: python, go, dart, javascript, perl, php,
powershell, swift, c...) is read as the oneOf of its members' pages, where the folder shows it
(merged_unions.py): the API's payloads, each one member's, are then taken and given back. The
pages are our own, in python's spelling, shaped like adyen's account identifications."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docmodels.emit.targets import names
from docmodels.emit.targets.errors import TargetError
from docmodels.ir import ModelKind, Reference
from docmodels.load import load
from generated import build_files, generate, python_page, write_page

ACCOUNT = "**account_number** | **str** | The account number. | "
TYPE = "**type** | **str** | **{}** | [default to '{}']"
MEMBERS = {
    "AULocalAccountIdentification": [
        ACCOUNT,
        "**bsb_code** | **str** | The BSB code. | ",
        TYPE.format("auLocal", "auLocal"),
    ],
    "IbanAccountIdentification": [
        "**iban** | **str** | The IBAN. | ",
        TYPE.format("iban", "iban"),
    ],
    "USLocalAccountIdentification": [
        ACCOUNT,
        "**routing_number** | **str** | The routing number. | ",
        "**account_type** | **str** | checking or savings. | [optional] [default to 'checking']",
        TYPE.format("usLocal", "usLocal"),
    ],
    # Its properties are all in another member's: it comes after the others.
    "HULocalAccountIdentification": [ACCOUNT, TYPE.format("huLocal", "huLocal")],
}
# What python writes for `oneOf: [AU, Iban, US, HU]`: the first member's properties, then each
# next member's new ones, required wherever a member requires them; the first member's default.
MERGED = [
    ACCOUNT,
    "**bsb_code** | **str** | The BSB code. | ",
    TYPE.format("auLocal", "auLocal"),
    "**iban** | **str** | The IBAN. | ",
    "**routing_number** | **str** | The routing number. | ",
    "**account_type** | **str** | checking or savings. | [optional] [default to 'checking']",
]
TRANSFER = [
    "**amount** | **int** |  | ",
    "**account_identification** | [**AccountIdentification**](AccountIdentification.md) |  | ",
]


def _specs(root: Path, merged: list[str] = MERGED, **extra: list[str]) -> Path:
    specs = root / "specs"
    pages = {**MEMBERS, "AccountIdentification": merged, "Transfer": TRANSFER, **extra}
    for name, rows in pages.items():
        write_page(specs, name, python_page(name, rows))
    return specs


def _model(specs: Path, name: str) -> Any:
    model_set, _ = load([specs], specs.parent)
    return model_set.by_name()[name]


def test_the_merged_page_is_read_as_the_union_of_its_members(tmp_path: Path) -> None:
    model = _model(_specs(tmp_path), "AccountIdentification")
    assert model.kind is ModelKind.UNION
    assert model.fields == ()
    # In the order the table merges them; the member contained in another one last.
    assert model.variants == (
        Reference("AULocalAccountIdentification"),
        Reference("IbanAccountIdentification"),
        Reference("USLocalAccountIdentification"),
        Reference("HULocalAccountIdentification"),
    )


def test_the_reading_is_declared_at_the_model(tmp_path: Path) -> None:
    specs = _specs(tmp_path)
    _, diagnostics = load([specs], tmp_path)
    [note] = [d for d in diagnostics if "oneOf of objects" in d.message]
    assert str(note.location).endswith("AccountIdentification.md:1:3")
    assert "lists the properties of 4 models no other page refers to" in note.message


@pytest.mark.parametrize(
    ("why", "merged", "extra"),
    [
        # An allOf of two parts: they share no property that would tell members apart.
        (
            "disjoint parts",
            [ACCOUNT, "**bsb_code** | **str** |  | ", "**iban** | **str** |  | "],
            {
                "AULocalAccountIdentification": [ACCOUNT, "**bsb_code** | **str** |  | "],
                "IbanAccountIdentification": ["**iban** | **str** |  | "],
                "USLocalAccountIdentification": ["**other** | **str** |  | "],
                "HULocalAccountIdentification": ["**other** | **str** |  | "],
            },
        ),
        # An allOf's parts share a base's properties, written alike on every page.
        (
            "shared property written alike",
            [row if "type" not in row else TYPE.format("kind", "kind") for row in MERGED],
            {
                name: [row if "type" not in row else TYPE.format("kind", "kind") for row in rows]
                for name, rows in MEMBERS.items()
            },
        ),
        # The table's order is no run of the members' own: a plain object they happen to fit.
        ("interleaved order", [MERGED[3], *MERGED[:3], *MERGED[4:]], {}),
        # A member some property refers to is a model of its own, not a oneOf's member.
        (
            "member referred to",
            MERGED,
            {"Payout": ["**iban** | [**IbanAccountIdentification**](IbanAccountIdentification.md) |  | "]},
        ),
        # Where every member has every property the model requires, the model as written
        # already takes each member's payload: nothing to change.
        (
            "nothing required that a member lacks",
            [row.replace("|  | ", "|  | [optional]").replace(". | ", ". | [optional]")
             if "type" not in row else row for row in MERGED],
            {},
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_a_plain_object_is_left_alone(
    tmp_path: Path, why: str, merged: list[str], extra: dict[str, list[str]]
) -> None:
    model = _model(_specs(tmp_path, merged, **extra), "AccountIdentification")
    assert model.kind is ModelKind.OBJECT, why


# msgspec tells a union's members apart by JSON type or by a tag the pages do not give: a union
# of object models is a TargetError there, as for every oneOf of objects (README).
@pytest.fixture(scope="module", params=[n for n in names() if n != "msgspec"])
def transfer(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    target: str = request.param
    root = tmp_path_factory.mktemp(f"merged-{target}")
    return target, generate(_specs(root), root / "out", target=target)


def _round_trip(transfer: Any, payload: dict[str, Any]) -> Any:
    module = transfer[1].module
    parse = getattr(module, "parse_transfer", None)
    if parse is not None:  # typeddict: the payload, checked, is the value
        return parse(payload)
    return module.Transfer.from_dict(payload).to_dict()


@pytest.mark.parametrize(
    "account",
    [
        {"accountNumber": "1", "bsbCode": "2", "type": "auLocal"},
        {"iban": "NL91ABNA0417164300", "type": "iban"},
        {"accountNumber": "1", "routingNumber": "3", "type": "usLocal"},
        {"accountNumber": "1", "routingNumber": "3", "accountType": "savings", "type": "usLocal"},
        {"accountNumber": "1", "type": "huLocal"},
    ],
    ids=["au", "iban", "us", "us-all", "hu"],
)
def test_every_target_takes_each_members_payload_and_gives_it_back(
    transfer: Any, account: dict[str, Any]
) -> None:
    payload = {"amount": 5, "account_identification": account}
    if transfer[0] != "typeddict":  # python pages write field names: keys by convention
        payload = {"amount": 5, "accountIdentification": account}
    assert _round_trip(transfer, payload) == payload


def test_a_payload_of_no_member_is_still_rejected(transfer: Any) -> None:
    payload = {"amount": 5, "accountIdentification": {"bsbCode": "2"}}
    if transfer[0] == "typeddict":
        payload = {"amount": 5, "account_identification": {"bsbCode": "2"}}
    with pytest.raises(transfer[1].module.ValidationError):
        _round_trip(transfer, payload)


def test_msgspec_says_it_cannot_tell_object_members_apart(tmp_path: Path) -> None:
    with pytest.raises(TargetError, match="AccountIdentification, a union of more than one object"):
        build_files([_specs(tmp_path)], "accounts", cwd=tmp_path, target="msgspec")


KOTLIN_HEAD = (
    "| Name | Type | Description | Notes |\n"
    "| ------------ | ------------- | ------------- | ------------- |\n"
)


def _kotlin(name: str, rows: list[str]) -> str:
    return f"\n# {name}\n\n## Properties\n{KOTLIN_HEAD}" + "".join(f"{r}\n" for r in rows)


def test_kotlin_lists_the_required_properties_first_on_every_page(tmp_path: Path) -> None:
    """Kotlin's merged table is the members' required properties in turn, then their optional
    ones: US's optional accountType comes after Iban's required iban."""
    account = "| **accountNumber** | **kotlin.String** |  |  |"
    kind = "| **type** | **kotlin.String** | {} |  |"
    pages = {
        "AULocal": [account, "| **bsbCode** | **kotlin.String** |  |  |", kind.format("au")],
        "USLocal": [account, "| **routingNumber** | **kotlin.String** |  |  |", kind.format("us"),
                    "| **accountType** | **kotlin.String** |  |  [optional] |"],
        "Iban": ["| **iban** | **kotlin.String** |  |  |", kind.format("iban")],
        "AccountIdentification": [
            account, "| **bsbCode** | **kotlin.String** |  |  |", kind.format("au"),
            "| **routingNumber** | **kotlin.String** |  |  |",
            "| **iban** | **kotlin.String** |  |  |",
            "| **accountType** | **kotlin.String** |  |  [optional] |",
        ],
        "Transfer": [
            "| **account** | [**AccountIdentification**](AccountIdentification.md) |  |  |"
        ],
    }
    for name, rows in pages.items():
        write_page(tmp_path / "specs", name, _kotlin(name, rows))
    model = _model(tmp_path / "specs", "AccountIdentification")
    assert model.kind is ModelKind.UNION
    assert model.variants == (Reference("AULocal"), Reference("USLocal"), Reference("Iban"))

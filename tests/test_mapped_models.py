"""A model the spec names like a type the generator maps (Date, DateTime, File) is written by
most generators as their own date, date-time or file type wherever it is used, while its page
is still written. Where a folder holds such a model that no property refers to, each property
written as that type is read as either the scalar or the model: the API's payloads (an object)
are taken and given back, and so are real dates. The pages are our own, in the spellings the
real sample's generators write (java's LocalDate, dart's DateTime beside ModelDate.md, kotlin's
page titled java.time.LocalDate, javascript's File)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docmodels.emit.targets import names
from docmodels.ir import AnyValue, EitherOf, MapOf, Primitive, PrimitiveKind, Reference
from docmodels.load import load
from generated import generate, write_page

TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
PIPED = "| Name | Type | Description | Notes |\n| ------------ | ------------- | ------------- | ------------- |\n"
STRING = Primitive(PrimitiveKind.STRING)
DATE = Primitive(PrimitiveKind.STRING, "date")
DATE_TIME = Primitive(PrimitiveKind.STRING, "date-time")

# python: a model named DateTime (walletobjects) written `datetime`; real dates stay dates.
PYTHON = {
    "TimeInterval": "# TimeInterval\n\n## Properties\n\n"
    + TABLE
    + "**start** | **datetime** |  | [optional] \n"
    "**end** | **datetime** |  | [optional] \n"
    "**days** | **List[date]** |  | [optional] \n",
    "DateTime": "# DateTime\n\n## Properties\n\n"
    + TABLE
    + "**var_date** | **str** | An ISO 8601 date | [optional] \n"
    "**time_zone** | **str** |  | [optional] \n",
}
# dart: a model named Date, renamed ModelDate, written [**DateTime**](DateTime.md): a link to
# a page that does not exist, and dart's one word for a date and a date-time.
DART = {
    "IBucketing": "# openapi.model.IBucketing\n\n## Load the model package\n```dart\n"
    "import 'package:openapi/api.dart';\n```\n\n## Properties\n"
    + TABLE
    + "**endDate** | [**DateTime**](DateTime.md) |  | [optional] \n"
    "**label** | **String** |  | [optional] \n",
    "ModelDate": "# openapi.model.ModelDate\n\n## Load the model package\n```dart\n"
    "import 'package:openapi/api.dart';\n```\n\n## Properties\n"
    + TABLE
    + "**day** | **int** |  | [optional] \n**month** | **int** |  | [optional] \n"
    "**year** | **int** |  | [optional] \n",
}
# kotlin: the model's own page is titled with the mapped type, only its file says Date.
KOTLIN = {
    "IBucketing": "\n# IBucketing\n\n## Properties\n"
    + PIPED
    + "| **endDate** | [**java.time.LocalDate**](java.time.LocalDate.md) |  |  [optional] |\n"
    "| **label** | **kotlin.String** |  |  [optional] |\n",
    "Date": "\n# java.time.LocalDate\n\n## Properties\n"
    + PIPED
    + "| **day** | **kotlin.Int** |  |  [optional] |\n| **year** | **kotlin.Int** |  |  [optional] |\n",
}
# javascript: a model named File (adyen's certificates) written **File**.
JAVASCRIPT = {
    "Profile": "# ManagementApi.Profile\n\n## Properties\n\n"
    + TABLE
    + "**eapCaCert** | **File** | The root certificate. | [optional] \n"
    "**ssid** | **String** |  | \n",
    "File": "# ManagementApi.File\n\n## Properties\n\n"
    + TABLE
    + "**data** | **String** | The certificate content, Base64. | \n"
    "**name** | **String** | The name of the certificate. | \n",
}


def _folder(root: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        write_page(root, name, text)
    return root


def _types(specs: Path, model: str) -> dict[str, Any]:
    model_set, _ = load([specs], specs.parent)
    return {f.name: f.type for f in model_set.by_name()[model].fields}


def test_a_date_time_written_as_the_model_is_read_as_either(tmp_path: Path) -> None:
    specs = _folder(tmp_path / "specs", PYTHON)
    types = _types(specs, "TimeInterval")
    assert types["end"] == EitherOf((Reference("DateTime"), DATE_TIME))
    assert types["start"] == EitherOf((Reference("DateTime"), DATE_TIME))
    # A date is not how python writes a model named DateTime.
    assert types["days"].items == DATE


def test_the_reading_is_declared_at_the_model(tmp_path: Path) -> None:
    specs = _folder(tmp_path / "specs", PYTHON)
    _, diagnostics = load([specs], tmp_path)
    [note] = [d for d in diagnostics if "DateTime" in d.message]
    assert str(note.location).endswith("DateTime.md:1:3")
    assert "no property refers to model 'DateTime'" in note.message
    assert (
        "2 properties written so (TimeInterval.start, TimeInterval.end)" in note.message
    )


@pytest.mark.parametrize(
    ("pages", "model", "field", "scalar", "target"),
    [
        (DART, "IBucketing", "endDate", STRING, "ModelDate"),
        (KOTLIN, "IBucketing", "endDate", DATE, "java.time.LocalDate"),
        (
            JAVASCRIPT,
            "Profile",
            "eapCaCert",
            Primitive(PrimitiveKind.STRING, "binary"),
            "File",
        ),
    ],
    ids=["dart-ModelDate", "kotlin-titled-LocalDate", "javascript-File"],
)
def test_each_generator_spelling_of_the_model_is_read_as_either(
    tmp_path: Path,
    pages: dict[str, str],
    model: str,
    field: str,
    scalar: Primitive,
    target: str,
) -> None:
    types = _types(_folder(tmp_path / "specs", pages), model)
    assert types[field] == EitherOf((Reference(target), scalar))
    # A string of another spelling is only a string.
    others = [t for name, t in types.items() if name != field]
    assert all(t == STRING for t in others)


def test_a_model_some_property_refers_to_was_not_mapped(tmp_path: Path) -> None:
    """A folder that refers to its DateTime model by link writes its date-times as date-times."""
    pages = dict(PYTHON)
    pages["Event"] = (
        "# Event\n\n## Properties\n\n"
        + TABLE
        + ("**when** | [**DateTime**](DateTime.md) |  | [optional] \n")
    )
    specs = _folder(tmp_path / "specs", pages)
    assert _types(specs, "Event")["when"] == Reference("DateTime")
    assert _types(specs, "TimeInterval")["end"] == DATE_TIME


def test_a_row_linking_the_model_page_is_a_reference(tmp_path: Path) -> None:
    """java links the page: [**Date**](Date.md) is the model, nothing to choose."""
    java = {
        "IBucketing": "\n\n# IBucketing\n\n\n## Properties\n\n"
        + PIPED.replace("| ---", "|---")
        + "|**endDate** | [**Date**](Date.md) |  |  [optional] |\n",
        "Date": "\n\n# Date\n\n\n## Properties\n\n"
        + PIPED
        + "|**day** | **Integer** |  |  [optional] |\n",
    }
    specs = _folder(tmp_path / "specs", java)
    assert _types(specs, "IBucketing")["endDate"] == Reference("Date")


@pytest.fixture(scope="module", params=names())
def interval(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Any:
    target: str = request.param
    root = tmp_path_factory.mktemp(f"mapped-{target}")
    _folder(root / "specs", PYTHON)
    return target, generate(root / "specs", root / "out", target=target)


def _round_trip(interval: Any, payload: dict[str, Any]) -> Any:
    generated = interval[1]
    parse = getattr(generated.module, "parse_time_interval", None)
    if parse is not None:  # typeddict: the payload, checked, is the value
        return parse(payload)
    return generated.module.TimeInterval.from_dict(payload).to_dict()


@pytest.mark.parametrize(
    "payload",
    [
        {"end": {"date": "2024-01-01", "timeZone": "Europe/Paris"}},
        {"start": "2024-01-01T00:00:00Z", "end": {"date": "2024-01-02"}},
    ],
    ids=["object", "string-and-object"],
)
def test_every_target_takes_the_object_and_the_string_and_gives_them_back(
    interval: Any, payload: dict[str, Any]
) -> None:
    if interval[0] == "msgspec" and "start" in payload:
        # msgspec holds our DateTime (which keeps a payload's spelling) in no union but with
        # None: it keeps the model, what the spec says, and rejects the string (README).
        with pytest.raises(interval[1].module.ValidationError):
            _round_trip(interval, payload)
        return
    assert _round_trip(interval, payload) == payload


@pytest.mark.parametrize(
    "payload", [{"end": 20240101}, {"end": ["2024-01-01"]}, {"end": {"date": 5}}]
)
def test_every_target_rejects_what_is_neither(
    interval: Any, payload: dict[str, Any]
) -> None:
    with pytest.raises(interval[1].module.ValidationError):
        _round_trip(interval, payload)


def _interval(dialect_title: str, row: str) -> dict[str, str]:
    return {
        "TimeInterval": f"\n\n# {dialect_title}\n\n\n## Properties\n\n"
        + PIPED.replace("| ---", "|---")
        + row
        + "|**kind** | **String** |  |  [optional] |\n",
    }


JAVA_UNWRITTEN = _interval(
    "TimeInterval", "|**end** | [**OffsetDateTime**](OffsetDateTime.md) |  |  [optional] |\n"
)


def test_a_linked_date_without_its_page_is_a_model_the_generator_wrote_no_page_for(
    tmp_path: Path,
) -> None:
    """java and scala link no date (**OffsetDateTime**): walletobjects' DateTime model, which
    they map to OffsetDateTime and write no page for, is the one linked row."""
    specs = _folder(tmp_path / "specs", JAVA_UNWRITTEN)
    assert _types(specs, "TimeInterval")["end"] == EitherOf((MapOf(AnyValue()), DATE_TIME))
    _, diagnostics = load([specs], tmp_path)
    [loss] = [d for d in diagnostics if d.loss and "OffsetDateTime.md" in d.message]
    assert "java pages link no date" in loss.message


def test_kotlin_links_every_date_so_a_link_tells_nothing(tmp_path: Path) -> None:
    kotlin = {
        "TimeInterval": "\n# TimeInterval\n\n## Properties\n"
        + PIPED
        + "| **end** | [**java.time.OffsetDateTime**](java.time.OffsetDateTime.md) |  |  [optional] |\n"
    }
    specs = _folder(tmp_path / "specs", kotlin)
    assert _types(specs, "TimeInterval")["end"] == DATE_TIME


@pytest.mark.parametrize(
    "payload",
    [{"end": {"date": "2024-01-01T00:00:00Z"}}, {"end": "2024-01-01T00:00:00Z"}],
    ids=["object", "date-time"],
)
def test_the_unwritten_model_and_the_date_are_both_taken_and_given_back(
    tmp_path: Path, payload: dict[str, Any]
) -> None:
    module = generate(_folder(tmp_path / "specs", JAVA_UNWRITTEN), tmp_path / "out").module
    assert module.TimeInterval.from_dict(payload).to_dict() == payload

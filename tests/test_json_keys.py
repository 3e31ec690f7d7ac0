"""JSON keys where the pages write the SDK's field names (Go's ContainerPort, C#'s Id, Python's
container_port): the key is settled by a setting, an overlay or the folder's evidence; else the
generated from_dict accepts every usual spelling and to_dict writes back the one it read."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest
from docmodels.dialects.registry import by_name
from docmodels.ir import KeyCase, WireNameSource
from docmodels.keys import spell, spellings
from docmodels.load import load
from docmodels.pipeline import build
from generated import generate

GO = """# Announcement

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**Id** | **int32** |  |
**ContainerPort** | Pointer to **int32** |  | [optional]

## Methods

### NewAnnouncement

`func NewAnnouncement(id int32, ) *Announcement`
"""

CSHARP = """# Org.Api.Model.Announcement

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**Id** | **int** |  |
**ContainerPort** | **int?** |  | [optional]

[[Back to Model list]](../../README.md#documentation-for-models)
"""

PYTHON = """# Announcement

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**id** | **int** |  |
**container_port** | **int** |  | [optional]

## Example

```python
from openapi_client.models.announcement import Announcement
```
"""

PAGES = {"go": GO, "csharp": CSHARP, "python": PYTHON}


def _folder(tmp_path: Path, dialect: str, extra: dict[str, str] | None = None) -> Path:
    folder = tmp_path / dialect
    folder.mkdir()
    (folder / "Announcement.md").write_text(PAGES[dialect], encoding="utf-8")
    for name, text in (extra or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _package(tmp_path: Path, folder: Path, name: str) -> ModuleType:
    result = build([folder], name, base=tmp_path)
    assert result.ok, [str(d) for d in result.diagnostics]
    out = tmp_path / "out"
    for path, text in result.files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(out))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(out))


@pytest.mark.parametrize("dialect", sorted(PAGES))
def test_a_real_payload_is_read_and_written_back_as_it_came(tmp_path: Path, dialect: str) -> None:
    models = _package(tmp_path, _folder(tmp_path, dialect), f"keys_{dialect}")
    payload = {"id": 1, "containerPort": 80}
    announcement = models.Announcement.from_dict(payload)
    assert announcement.to_dict() == payload
    assert models.Announcement.from_dict({"id": 1}).to_dict() == {"id": 1}


def test_two_spellings_of_one_key_are_an_error_naming_both(tmp_path: Path) -> None:
    models = _package(tmp_path, _folder(tmp_path, "go"), "keys_twice")
    with pytest.raises(ValueError, match="'ContainerPort' and 'containerPort'"):
        models.Announcement.from_dict({"id": 1, "ContainerPort": 1, "containerPort": 2})


def test_the_keys_setting_gives_the_key(tmp_path: Path) -> None:
    model_set, _ = load([_folder(tmp_path, "go")], tmp_path, key_case=KeyCase.SNAKE)
    fields = {f.name: f for f in model_set.models[0].fields}
    assert fields["ContainerPort"].wire_name == "container_port"
    assert fields["ContainerPort"].wire_name_source is WireNameSource.CONVENTION
    assert fields["ContainerPort"].wire_names == ()


def test_a_folder_overlay_gives_the_key_and_a_model_overlay_overrides_it(tmp_path: Path) -> None:
    overlay = 'keys = "kebab-case"\n\n[models.Announcement]\nkeys = "camelCase"\n'
    folder = _folder(tmp_path, "csharp", {"docmodels-overlay.toml": overlay})
    model_set, diagnostics = load([folder], tmp_path, key_case=KeyCase.SNAKE)
    assert not [str(d) for d in diagnostics if d.severity.value == "error"]
    fields = {f.name: f.wire_name for f in model_set.models[0].fields}
    assert fields == {"Id": "id", "ContainerPort": "containerPort"}


def test_the_folders_json_examples_show_the_convention(tmp_path: Path) -> None:
    api = 'Example payload:\n\n```json\n{"id": 1, "container_port": 80, "created_at": "x",\n"user_name": "a"}\n```\n'
    page = GO.replace(
        "**ContainerPort** | Pointer to **int32** |  | [optional]",
        "**ContainerPort** | Pointer to **int32** |  | [optional]\n"
        "**CreatedAt** | Pointer to **string** |  | [optional]\n"
        "**UserName** | Pointer to **string** |  | [optional]",
    )
    folder = tmp_path / "go"
    folder.mkdir()
    (folder / "Announcement.md").write_text(page, encoding="utf-8")
    (folder / "DefaultApi.md").write_text("# DefaultApi\n\n" + api, encoding="utf-8")
    model_set, _ = load([folder], tmp_path)
    fields = {f.name: f for f in model_set.models[0].fields}
    assert fields["ContainerPort"].wire_name == "container_port"
    assert fields["ContainerPort"].wire_name_source is WireNameSource.INFERRED
    (convention,) = model_set.key_conventions
    assert convention.keys is KeyCase.SNAKE and convention.source is WireNameSource.INFERRED


def test_pages_that_write_keys_keep_them_at_no_cost(tmp_path: Path) -> None:
    assert by_name("typescript-axios").names is KeyCase.AS_WRITTEN  # type: ignore[union-attr]
    assert by_name("go").names is KeyCase.PASCAL  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "case", "expected"),
    [
        ("ContainerPort", KeyCase.CAMEL, "containerPort"),
        ("container_port", KeyCase.PASCAL, "ContainerPort"),
        ("XRequestId", KeyCase.KEBAB, "x-request-id"),
        ("photoUrls", KeyCase.SNAKE, "photo_urls"),
        ("123start", KeyCase.SNAKE, "123start"),
    ],
)
def test_names_are_spelled_in_each_convention(name: str, case: KeyCase, expected: str) -> None:
    assert spell(name, case) == expected


def test_an_uncertain_key_lists_the_pages_spelling_first() -> None:
    assert spellings("Id") == ("Id", "id")


@pytest.mark.parametrize(
    ("dialect", "written", "key"),
    [
        ("python", "var_from", "from"),
        ("python", "_from", "from"),
        ("csharp", "VarVersion", "Version"),
        ("rust", "r#type", "type"),
        ("ruby", "_class", "class"),
        ("php", "_123start", "123start"),
        ("powershell", "VarFrom", "From"),
        ("c", "_private", "private"),
        ("perl", "_123start", "123start"),
        ("kotlin", "`in`", "in"),
        ("swift", "_self", "self"),
        ("dart", "class_", "class"),
        ("go", "Var123start", "123start"),
        ("java", "_1", "1"),
        ("kotlin", "_3dSecure", "3dSecure"),
        ("scala", "_1", "1"),
    ],
)
def test_reserved_word_escapes_are_undone(dialect: str, written: str, key: str) -> None:
    found = by_name(dialect)
    assert found is not None
    assert found.wire_name(written)[0] == key


NESTED = {
    "Thread.md": """# Thread

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**ThreadId** | **int32** |  |
**Author** | Pointer to [**UserRef**](UserRef.md) |  | [optional]
**Replies** | Pointer to [**[]UserRef**](UserRef.md) |  | [optional]

## Methods

### NewThread

`func NewThread(threadId int32, ) *Thread`
""",
    "UserRef.md": """# UserRef

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**UserName** | **string** |  |

## Methods

### NewUserRef

`func NewUserRef(userName string, ) *UserRef`
""",
}


@pytest.mark.parametrize("target", ["dataclasses", "attrs", "msgspec", "pydantic", "typeddict"])
def test_every_target_reads_any_spelling_at_every_level(tmp_path: Path, target: str) -> None:
    folder = tmp_path / "go"
    folder.mkdir()
    for name, text in NESTED.items():
        (folder / name).write_text(text, encoding="utf-8")
    generated = generate([folder], tmp_path / "out", cwd=tmp_path, target=target)
    payload = {"threadId": 7, "author": {"user_name": "a"}, "Replies": [{"userName": "b"}]}
    if target == "typeddict":
        parse = generated.module.thread.parse_thread
        assert parse(payload) == payload
        with pytest.raises(ValueError, match="'ThreadId' and 'threadId'"):
            parse({"ThreadId": 1, "threadId": 2})
        return
    thread = generated.module.Thread.from_dict(payload)
    assert thread.author.user_name == "a"
    assert thread.to_dict() == payload
    with pytest.raises(ValueError, match="'ThreadId' and 'threadId'"):
        generated.module.Thread.from_dict({"ThreadId": 1, "threadId": 2})


def test_the_keys_setting_is_read_from_the_config(tmp_path: Path) -> None:
    from docmodels.config import ConfigError, load_settings

    (tmp_path / "pyproject.toml").write_text('[tool.docmodels]\nkeys = "camelCase"\n')
    assert load_settings(tmp_path).key_case is KeyCase.CAMEL
    (tmp_path / "pyproject.toml").write_text('[tool.docmodels]\nkeys = "camel"\n')
    with pytest.raises(ConfigError, match="keys must be one of camelCase, snake_case"):
        load_settings(tmp_path)


def test_an_overlay_named_on_its_own_sets_the_keys_of_every_folder(tmp_path: Path) -> None:
    overlay = tmp_path / "keys.toml"
    overlay.write_text('keys = "snake_case"\n', encoding="utf-8")
    model_set, _ = load([_folder(tmp_path, "go")], tmp_path, overlays=[overlay])
    assert [f.wire_name for f in model_set.models[0].fields] == ["id", "container_port"]


def test_an_overlay_keys_value_must_be_a_convention(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "go", {"docmodels-overlay.toml": 'keys = "camel"\n'})
    _, diagnostics = load([folder], tmp_path)
    assert any("keys must be one of camelCase" in d.message for d in diagnostics)


def test_a_page_with_a_name_its_sdk_cannot_spell_writes_keys(tmp_path: Path) -> None:
    page = PYTHON.replace("**container_port**", "**x-request-id**")
    folder = tmp_path / "python"
    folder.mkdir()
    (folder / "Announcement.md").write_text(page, encoding="utf-8")
    model_set, _ = load([folder], tmp_path)
    assert [(f.wire_name, f.wire_names) for f in model_set.models[0].fields] == [
        ("id", ()), ("x-request-id", ()),
    ]
    (convention,) = model_set.key_conventions
    assert (convention.keys, convention.evidence) == (KeyCase.AS_WRITTEN, ("x-request-id",))


@pytest.mark.parametrize("dialect", ["go", "csharp"])
def test_an_all_capitals_name_is_its_own_key_and_no_evidence_for_the_others(
    tmp_path: Path, dialect: str
) -> None:
    """Generators keep a key like BOOTLEG_WIDTH as the field's name (java's, C#'s and Go's
    toVarName leave upper-case names alone): zalando's size ratings beside Name, whose key is
    name. Read as evidence that the pages write keys, it made every other key certain and
    wrong."""
    page = PAGES[dialect].replace("**ContainerPort**", "**BOOTLEG_WIDTH**")
    folder = tmp_path / dialect
    folder.mkdir()
    (folder / "Announcement.md").write_text(page, encoding="utf-8")
    model_set, _ = load([folder], tmp_path)
    fields = {f.name: f for f in model_set.models[0].fields}
    assert fields["BOOTLEG_WIDTH"].wire_name == "BOOTLEG_WIDTH"
    assert fields["Id"].wire_name_source is WireNameSource.UNCERTAIN
    assert "id" in fields["Id"].wire_names
    # The convention set: the others follow it, the kept name stays the key.
    model_set, _ = load([folder], tmp_path, key_case=KeyCase.CAMEL)
    keys = [f.wire_name for f in model_set.models[0].fields]
    assert keys == ["id", "BOOTLEG_WIDTH"]


def test_the_schema_accepts_what_from_dict_accepts(tmp_path: Path) -> None:
    from docmodels.emit.jsonschema import schema_document
    from generated import schema_errors

    model_set, _ = load([_folder(tmp_path, "go")], tmp_path)
    document = schema_document(model_set)
    schema = document["$defs"]["Announcement"]
    assert schema["properties"]["Id"]["x-docmodels-keys"] == ["Id", "id"]
    assert schema_errors({"id": 1, "containerPort": 80}, schema, document) == []
    assert schema_errors({"Id": 1, "container_port": 80}, schema, document) == []
    assert schema_errors({"containerPort": 80}, schema, document) != []  # no id at all
    assert schema_errors({"id": 1, "Id": 1}, schema, document) != []  # two spellings


def test_a_standard_validator_agrees(tmp_path: Path) -> None:
    import jsonschema
    from docmodels.emit.jsonschema import schema_document

    model_set, _ = load([_folder(tmp_path, "go")], tmp_path)
    document = schema_document(model_set)
    jsonschema.Draft202012Validator.check_schema(document)
    validator = jsonschema.Draft202012Validator({**document, "$ref": "#/$defs/Announcement"})
    assert validator.is_valid({"id": 1, "container-port": 80})
    assert not validator.is_valid({"id": 1, "containerPort": "80"})  # the other spelling's type
    assert not validator.is_valid({"id": 1, "Id": 1})
    assert not validator.is_valid({"containerPort": 1})


def test_type_names_in_descriptions_are_no_evidence_of_pascal_case_keys(tmp_path: Path) -> None:
    # Google's descriptions name the models their fields hold ("see AutomaticScaling"): read as
    # PascalCase keys, every key of the folder was wrong and every payload lost them.
    rows = "".join(
        f"**{snake}** | [**{pascal}**]({pascal}.md) | Settings, as {pascal} describes. | [optional]\n"
        for snake, pascal in (("automatic_scaling", "AutomaticScaling"),
                              ("basic_scaling", "BasicScaling"),
                              ("manual_scaling", "ManualScaling"))
    )
    folder = tmp_path / "python"
    folder.mkdir()
    (folder / "Version.md").write_text(
        "# Version\n\n## Properties\n\nName | Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n" + rows,
        encoding="utf-8",
    )
    model_set, _ = load([folder], tmp_path, dialect=by_name("python"))
    (convention,) = model_set.key_conventions
    assert convention.keys is None and convention.source is WireNameSource.UNCERTAIN
    fields = {f.name: f for f in model_set.by_name()["Version"].fields}
    assert "automaticScaling" in fields["automatic_scaling"].wire_names


@pytest.mark.parametrize(
    "description",
    [
        "See /companies/{id}/api-credentials and /merchants/{id}/account-groups, or allowed-origins.",
        "Set certificate_id and pending_certificate_id, as the proto's field_mask says.",
    ],
)
def test_names_in_descriptions_are_no_evidence_of_the_keys(tmp_path: Path, description: str) -> None:
    # Adyen's descriptions hold URL path segments (inferred kebab-case: every required key was
    # then "missing"); Google's name proto fields in snake_case where the JSON is camelCase.
    rows = "".join(
        f"**{name}** | **String** | {description} | [optional]\n"
        for name in ("supportUrl", "apiCredentials", "accountGroups", "certificateId")
    )
    folder = tmp_path / "java"
    folder.mkdir()
    (folder / "Info.md").write_text(
        "\n\n# Info\n\n\n## Properties\n\n| Name | Type | Description | Notes |\n"
        "|------------ | ------------- | ------------- | -------------|\n"
        + "".join(f"|{r}" for r in rows.splitlines(keepends=True)),
        encoding="utf-8",
    )
    model_set, _ = load([folder], tmp_path, dialect=by_name("java"))
    (convention,) = model_set.key_conventions
    assert convention.keys is None and convention.source is WireNameSource.UNCERTAIN

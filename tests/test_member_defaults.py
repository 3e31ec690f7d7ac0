"""A default written as a member of the enum model the property refers to (Python's
``Visibility.PRIVATE``, Go's ``VISIBILITY_PRIVATE``) takes its value from the enum's page."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmodels.dialects.go import GO
from docmodels.dialects.python import PYTHON
from generated import generate, write_page

TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"

PYTHON_PAGES = {
    "Owner": f"# Owner\n\n## Properties\n\n{TABLE}"
             "**name** | **str** |  | \n"
             "**visibility** | [**Visibility**](Visibility.md) |  | [optional] "
             "[default to Visibility.VISIBILITY_PRIVATE]\n",
    "Visibility": "# Visibility\n\nWho may see it.\n\n## Enum\n\n"
                  "* `VISIBILITY_PRIVATE` (value: `'private'`)\n\n"
                  "* `VISIBILITY_PUBLIC` (value: `'public'`)\n",
}
GO_PAGES = {
    "Owner": f"# Owner\n\n## Properties\n\n{TABLE}"
             "**Name** | **string** |  | \n"
             "**Visibility** | Pointer to [**Visibility**](Visibility.md) |  | [optional] "
             "[default to VISIBILITY_VISIBILITY_PRIVATE]\n",
    "Visibility": "# Visibility\n\n## Enum\n\n\n"
                  "* `VISIBILITY_PRIVATE` (value: `\"private\"`)\n\n"
                  "* `VISIBILITY_PUBLIC` (value: `\"public\"`)\n\n",
}


@pytest.mark.parametrize(("pages", "key"), [(PYTHON_PAGES, "name"), (GO_PAGES, "Name")],
                         ids=["python", "go"])
def test_the_generated_default_is_the_enum_member(
    tmp_path: Path, pages: dict[str, str], key: str
) -> None:
    for name, text in pages.items():
        write_page(tmp_path / "specs", name, text)
    built = generate(tmp_path / "specs", tmp_path / "out")
    assert built.diagnostics == ()
    _, field = built.model_set.by_name()["Owner"].fields
    assert field.default is not None and field.default.value == "private"
    owner = built.module.Owner.from_dict({key: "Ada"})
    assert owner.visibility is built.module.Visibility.VISIBILITY_PRIVATE


@pytest.mark.parametrize(
    ("dialect", "text", "member"),
    [
        (PYTHON, "Visibility.VISIBILITY_PUBLIC", ("VISIBILITY_PUBLIC",)),
        (PYTHON, "Other.VISIBILITY_PUBLIC", ()),  # another enum's member
        (PYTHON, "Visibility.not a name", ()),
        (GO, "VISIBILITY_VISIBILITY_PUBLIC", ("VISIBILITY_PUBLIC", "VISIBILITY_VISIBILITY_PUBLIC")),
        # 5.x and 7.0 write the member's name alone; it may start like the enum's name.
        (GO, "PUBLIC", ("PUBLIC",)),
        (GO, "VISIBILITY_PUBLIC", ("PUBLIC", "VISIBILITY_PUBLIC")),
        (GO, '"public"', ()),
    ],
)
def test_which_written_defaults_name_a_member(
    dialect: object, text: str, member: tuple[str, ...]
) -> None:
    assert dialect.default_member(text, "Visibility") == member  # type: ignore[attr-defined]


def test_a_member_default_of_an_enum_whose_page_is_left_out_is_no_crash(tmp_path: Path) -> None:
    """The enum's page cannot be read (its title is cut): the property is read as any value,
    with the loss said, and its default naming a member of that enum is dropped (the fuzz
    found an assertion here)."""
    write_page(tmp_path / "specs", "Owner", PYTHON_PAGES["Owner"])
    write_page(tmp_path / "specs", "Visibility", PYTHON_PAGES["Visibility"].split("\n", 1)[1])
    built = generate(tmp_path / "specs", tmp_path / "out")
    _, field = built.model_set.by_name()["Owner"].fields
    assert field.default is None and field.unread is not None
    assert built.module.Owner.from_dict({"name": "Ada"}).to_dict() == {"name": "Ada"}

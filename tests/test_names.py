"""Property, model and enum member names that are awkward in Python still give working code."""

from __future__ import annotations

import dataclasses
import keyword
from pathlib import Path
from typing import Any

import pytest
from docmodels.emit import python_names as names
from generated import FIXTURES, Generated, generate, python_page, write_page
from hypothesis import given
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def gen(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(FIXTURES / "names", tmp_path_factory.mktemp("names"))


# wire name -> attribute, in the page's order
NAMES = {
    "class": "class_",
    "from": "from_",
    "x-request-id": "x_request_id",
    "@type": "type_",
    "123abc": "_123_abc",
    "self": "self_",
    "json": "json",
    "str": "str_",
    "to_dict": "to_dict_",
    "fooBar": "foo_bar",
    "foo_bar": "foo_bar_2",
}


def declared(cls: Any) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if not f.name.startswith("_docmodels")]


def test_attribute_names(gen: Generated) -> None:
    assert declared(gen.module.Names) == list(NAMES.values())


@pytest.mark.parametrize(("wire", "attr"), list(NAMES.items()))
def test_each_awkward_name_round_trips_under_its_wire_name(gen: Generated, wire: str, attr: str
                                                           ) -> None:
    cls = gen.module.Names
    value: Any = 7 if wire == "from" else f"value of {wire}"
    instance = cls.from_dict({wire: value})
    assert getattr(instance, attr) == value
    assert instance.to_dict() == {wire: value}
    assert cls(**{attr: value}).to_dict() == {wire: value}
    assert cls.from_json(instance.to_json()) == instance


def test_all_awkward_names_at_once(gen: Generated) -> None:
    cls = gen.module.Names
    payload: dict[str, Any] = {wire: f"<{wire}>" for wire in NAMES}
    payload["from"] = 1
    instance = cls.from_dict(payload, unknown="forbid")
    assert instance.to_dict() == payload
    # The methods a property is named after still work.
    assert cls.from_json(instance.to_json()).to_dict() == payload
    assert instance.to_dict_ == "<to_dict>"
    assert instance.foo_bar == "<fooBar>"
    assert instance.foo_bar_2 == "<foo_bar>"


def test_errors_name_the_wire_key(gen: Generated) -> None:
    with pytest.raises(gen.module.ValidationError) as caught:
        gen.module.Names.from_dict({"x-request-id": 1, "class": 2, "123abc": None})
    assert caught.value.errors == (
        ("class", "expected str, got int"),
        ("['x-request-id']", "expected str, got int"),
    )


def test_mangled_names_are_undone(gen: Generated) -> None:
    cls = gen.module.Mangled
    assert declared(cls) == ["type_", "self_", "match_"]
    payload = {"type": "t", "self": 3, "match": False}
    instance = cls.from_dict(payload)
    assert (instance.type_, instance.self_, instance.match_) == ("t", 3, False)
    assert instance.to_dict() == payload


def test_model_named_validation_error_does_not_hide_the_exception(gen: Generated) -> None:
    package = gen.module
    assert issubclass(package.ValidationError, ValueError)
    assert package.ValidationError is package._runtime.ValidationError
    model = package.ValidationError_
    assert model.__name__ == "ValidationError_"
    assert package.__all__ == [
        "HTTPValidationError",
        "Mangled",
        "Names",
        "Punctuation",
        "ValidationError",
        "ValidationError_",
    ]
    payload = {"detail": [{"loc": ["body", "name"], "msg": "field required", "type": "missing"}]}
    http = package.HTTPValidationError.from_dict(payload)
    assert type(http.detail[0]) is model
    assert http.to_dict() == payload
    with pytest.raises(package.ValidationError) as caught:
        package.HTTPValidationError.from_dict({"detail": [{"loc": "body"}]})
    assert caught.value.errors == (
        ("detail[0].loc", "expected list, got str"),
        ("detail[0].msg", "required property is missing"),
        ("detail[0].type", "required property is missing"),
    )


def test_enum_members_from_values_that_are_not_identifiers(gen: Generated) -> None:
    enum = gen.module.Punctuation
    assert {m.name: m.value for m in enum} == {
        "PLUS_ONE": "+1",
        "MINUS_ONE": "-1",
        "A_B": "a-b",
        "A_B_2": "a_b",
        "EMPTY": "",
        "CLASS": "class",
    }
    assert enum("a_b") is enum.A_B_2


def test_modules_are_unique_without_regard_to_case(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Item", python_page("Item", ["**a** | **str** | lower | "]))
    write_page(specs, "ITEM", python_page("ITEM", ["**b** | **int** | upper | "]))
    gen = generate(specs, tmp_path / "out", cwd=tmp_path)
    modules = sorted(path for path in gen.files if not path.startswith("docs/"))
    assert modules == [
        f"{gen.name}/__init__.py",
        f"{gen.name}/_runtime.py",
        f"{gen.name}/item.py",
        f"{gen.name}/item_2.py",
        f"{gen.name}/py.typed",
    ]
    assert gen.module.ITEM.from_dict({"b": 1}).b == 1
    assert gen.module.Item.from_dict({"a": "x"}).a == "x"


def test_model_names_that_are_not_identifiers(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "x", python_page("None", ["**a** | **str** |  | "]))
    write_page(specs, "y", python_page("200Response", ["**b** | **str** |  | "]))
    gen = generate(specs, tmp_path / "out", cwd=tmp_path)
    assert sorted(gen.module.__all__) == ["M200Response", "None_", "ValidationError"]
    assert sorted(p for p in gen.files if p.endswith(".py")) == [
        f"{gen.name}/__init__.py",
        f"{gen.name}/_runtime.py",
        f"{gen.name}/m200_response.py",
        f"{gen.name}/none.py",
    ]
    assert gen.module.None_.from_dict({"a": "x"}).to_dict() == {"a": "x"}


def test_attribute_that_would_shadow_an_imported_model(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    write_page(specs, "Tag", python_page("Tag", ["**name** | **str** |  | "]))
    write_page(specs, "Post", python_page("Post", [
        "**Tag** | [**Tag**](Tag.md) |  | [optional] ",
        "**Post** | **str** |  | [optional] ",
    ]))
    gen = generate(specs, tmp_path / "out", cwd=tmp_path)
    post = gen.module.Post.from_dict({"Tag": {"name": "n"}, "Post": "p"})
    assert declared(gen.module.Post) == ["tag", "post"]
    assert post.tag == gen.module.Tag(name="n")
    assert post.to_dict() == {"Tag": {"name": "n"}, "Post": "p"}


# The naming functions themselves.

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fooBar", "foo_bar"),
        ("HTTPServer", "http_server"),
        ("session200", "session_200"),
        ("200Response", "_200_response"),
        ("x-request-id", "x_request_id"),
        ("a  b", "a_b"),
        ("__dunder__", "dunder"),
        ("!!!", "_"),
        ("ﬁle", "file"),  # NFKC: the ligature is how Python would read the identifier anyway
    ],
)
def test_snake(text: str, expected: str) -> None:
    assert names.snake(text) == expected


def test_unique() -> None:
    assert names.unique(["a", "a", "a_2", "b"]) == ["a", "a_2", "a_2_2", "b"]
    assert names.unique(["Foo", "foo", "FOO"], fold_case=True) == ["Foo", "foo_2", "FOO_3"]


def test_attribute_names_avoid_what_the_module_binds() -> None:
    taken = frozenset({"Tag"})
    assert names.attribute_names(
        ["_dc", "_t", "cls", "from_dict", "_docmodels_present", "type", "None", "", "Tag"], taken
    ) == ["dc", "t", "cls_", "from_dict_", "docmodels_present", "type_", "none", "field", "tag"]


@given(st.lists(st.text(max_size=12), max_size=8, unique=True))
def test_attribute_names_are_always_usable(wires: list[str]) -> None:
    result = names.attribute_names(wires, frozenset({"Model"}))
    assert len(result) == len(wires)
    assert len(set(result)) == len(result)
    for name in result:
        assert name.isidentifier()
        assert not keyword.iskeyword(name)
        assert not keyword.issoftkeyword(name)
        assert name not in names.MODULE_NAMES | names.MEMBER_NAMES | {"Model"}
        assert not name.startswith("_docmodels")


@given(st.lists(st.text(max_size=12), min_size=1, max_size=8))
def test_member_names_are_always_usable(labels: list[str]) -> None:
    result = names.member_names(labels)
    assert len(set(result)) == len(labels)
    for name in result:
        assert name.isidentifier()
        assert name == name.upper()
        assert not name.startswith("_")


@given(st.text(min_size=1, max_size=20))
def test_class_and_module_names_are_always_usable(model: str) -> None:
    class_name = names.class_name(model)
    module = names.module_name(class_name)
    assert class_name.isidentifier()
    assert not keyword.iskeyword(class_name)
    assert class_name not in {"ValidationError", "str", "None"}
    assert module.isidentifier()
    assert not keyword.iskeyword(module)
    assert module not in names.RESERVED_MODULES

"""Property, model and enum member names that are awkward in Python still give working code."""

from __future__ import annotations

import dataclasses
import keyword
import os
import subprocess
import sys
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


# File names: the same on every file system we support (Linux, macOS, Windows), whatever the
# locale's encoding, and deterministic.

WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)} | {"\x7f"}
WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{d}" for d in range(10)),
                   *(f"lpt{d}" for d in range(10))}


def assert_portable(stem: str) -> None:
    assert stem and stem.isascii()
    assert len(stem) <= names.MAX_FILE_STEM
    assert not WINDOWS_FORBIDDEN & set(stem)
    assert not stem.endswith((".", " "))
    assert stem.split(".")[0].lower() not in WINDOWS_DEVICES


LONG_TITLE = "A" + "b" * 299


def test_long_accented_reserved_and_foreign_titles_give_portable_files(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    titles = {"long": LONG_TITLE, "cafe": "Café", "con": "Con", "aux": "AUX", "greek": "Δέλτα",
              "index": "Readme"}
    for file, title in titles.items():
        write_page(specs, file, python_page(title, ["**a** | **str** |  | "]))
    gen = generate(specs, tmp_path / "out", cwd=tmp_path)
    stems = [Path(p).stem for p in gen.files if p.endswith((".py", ".md"))]
    for stem in stems:
        assert_portable(stem)
    # README.md is the docs index: no model's page takes its name, in any case.
    assert sum(1 for p in gen.files if p.lower() == "docs/readme.md") == 1
    # Each class is importable under its own name, and its docs page is linked from the index.
    for title in ("Café", "Con", "AUX", "Readme", LONG_TITLE):
        assert getattr(gen.module, title).from_dict({"a": "x"}).a == "x"
    index = gen.files["docs/README.md"]
    for path in gen.files:
        if path.startswith("docs/") and path != "docs/README.md":
            assert f"({path.removeprefix('docs/')})" in index


def test_a_cut_name_ends_in_a_stable_hash_of_the_whole_name() -> None:
    first = names.module_name(names.class_name(LONG_TITLE))
    assert len(first) == names.MAX_FILE_STEM
    assert first == names.module_name(names.class_name(LONG_TITLE))  # deterministic
    other = names.module_name(names.class_name(LONG_TITLE[:-1] + "c"))
    assert first != other and first[:-9] == other[:-9]  # the same start, another hash


def test_names_that_differ_only_in_case_or_accents_get_distinct_files() -> None:
    # Two models whose names differ only by case would share a file on macOS and Windows.
    assert names.unique([names.module_name(c) for c in ("Item", "ITEM")], fold_case=True) == [
        "item", "item_2"]
    assert names.unique([names.page_name(c) for c in ("Item", "ITEM")], fold_case=True) == [
        "Item", "ITEM_2"]
    assert names.module_name("Café") == "cafe"
    assert names.page_name("Café") == "Cafe"


@pytest.mark.parametrize("text", ["Δέλτα", "模型", "Ωmega"])
def test_characters_without_an_ascii_form_give_a_hash_not_a_blank(text: str) -> None:
    module, page = names.module_name(names.class_name(text)), names.page_name(text)
    assert module.isascii() and module.isidentifier() and page.isascii()
    assert names.module_name(names.class_name(text + "x")) != module


@given(st.text(min_size=1, max_size=300))
def test_file_names_are_always_portable(model: str) -> None:
    class_name = names.class_name(model)
    assert_portable(names.module_name(class_name))
    assert_portable(names.page_name(class_name))
    assert_portable(names.page_name(model))  # any text at all, not only identifiers


@pytest.mark.parametrize("page_file", ["cafe", "Café"])
def test_a_non_ascii_title_or_page_file_under_an_ascii_file_system_encoding(
    tmp_path: Path, page_file: str
) -> None:
    # LC_ALL=C without Python's UTF-8 mode: the file system encoding is ASCII, and a file name
    # outside it cannot even be created.
    write_page(tmp_path / "specs", page_file, python_page("Café", ["**a** | **str** |  | "]))
    environment = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
                   "DOCMODELS_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "docmodels", "generate", "specs", "-o", "out"],
        cwd=tmp_path, env=environment, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    module = (tmp_path / "out" / "models" / "cafe.py").read_text(encoding="utf-8")
    assert "class Café" in module
    assert f"from specs/{page_file}.md" in module
    assert (tmp_path / "out" / "docs" / "Cafe.md").is_file()


def test_ir_and_schema_of_a_non_ascii_title_on_an_ascii_standard_output(tmp_path: Path) -> None:
    write_page(tmp_path / "specs", "cafe", python_page("Café", ["**a** | **str** |  | "]))
    environment = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
                   "PYTHONIOENCODING": "ascii"}
    for command in ("ir", "schema"):
        result = subprocess.run(
            [sys.executable, "-m", "docmodels", command, "specs"],
            cwd=tmp_path, env=environment, capture_output=True, text=True, check=False,
        )
        assert result.returncode == 0, result.stderr
        assert '"Caf\\u00e9"' in result.stdout  # the same JSON, escaped


@pytest.mark.parametrize(
    ("text", "page"),
    [("CON.txt", "CON_txt_"), ("Con", "Con_"), ("com1", "com1_"), ("README", "README_"),
     ("a:b", "a_b_"), ("tail. ", "tail__")],
)
def test_page_names_windows_refuses_are_changed(text: str, page: str) -> None:
    assert names.page_name(text).startswith(page)
    assert_portable(names.page_name(text))

"""A model's module is its class and one declaration of what the page says per property; the
runtime builds the model's parse and ``to_dict`` from that declaration at first use, writing
code whose only identifiers are its own, with the page's text handed to it as data."""

from __future__ import annotations

import ast
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SPECS
from docmodels.emit.python import plan_names
from docmodels.keys import spellings
from generated import FIXTURES, Generated, build_files, generate, python_page, write_page
from hypothesis import given, settings
from hypothesis import strategies as st

HOSTILE = "a\"b'c\\\n\u2028\"\"\" + __import__('os').system('x') + \"\"\" {{ 7 }} # x"
KEYS = [HOSTILE, "class", "self", "data", "keys", "1st", "to_dict", "x y"]


@pytest.fixture(scope="module")
def hostile_keys(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    folder = tmp_path_factory.mktemp("keys")
    rows = [f"**p{index}** | **str** | | [optional] " for index in range(len(KEYS))]
    rows.append("**n** | **int** | | [optional] [default to 5]")
    rows.append("**tags** | **List[str]** | | [optional] ")
    write_page(folder / "specs", "Odd", python_page("Odd", rows))
    overlay = "".join(
        f"[models.Odd.properties.p{index}]\nwire_name = {_toml(key)}\n\n"
        for index, key in enumerate(KEYS)
    )
    (folder / "specs" / "docmodels-overlay.toml").write_text(overlay, encoding="utf-8")
    return generate(folder / "specs", folder / "out", cwd=folder)


def _toml(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped.replace("\u2028", "\\u2028") + '"'


def built_sources(package: Generated, cls: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The source the runtime compiles for ``cls`` (which must not have been used yet)."""
    runtime = importlib.import_module(package.name + "._runtime")
    sources: list[str] = []

    def spy(source: str, filename: str, mode: str) -> Any:
        sources.append(source)
        return compile(source, filename, mode)

    monkeypatch.setattr(runtime, "compile", spy, raising=False)
    monkeypatch.setattr(runtime, "COMPILE_AFTER", 0)  # compiled at first use, not interpreted
    cls.to_dict(cls.from_dict({}))  # the fast parse, then to_dict
    cls.from_dict({}, unknown="forbid")  # the full parse
    return sources


def test_keys_reach_the_built_code_as_data_only(
    hostile_keys: Generated, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = hostile_keys.module.Odd
    sources = built_sources(hostile_keys, odd, monkeypatch)
    assert len(sources) == 3  # each built when first needed
    tree = ast.parse("\n".join(sources))
    texts = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
    assert not texts & set(KEYS)
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    # The runtime's own names, the numbered ones it binds, Python's builtins and methods.
    runtime_names = re.compile(r"[kspdfeqmv][0-9]+|docmodels_a[0-9]+|_docmodels_\w+")
    others = {n for n in names if not runtime_names.fullmatch(n)}
    assert others <= {
        "Fallback", "STRICT", "NO_EXTRA", "NO_SPELLING", "unknown_keys", "spelling", "new", "datetime_text",
        "dump", "cls", "keys", "given", "values", "data", "depth", "self", "value", "absent", "spelled",
        "key", "item", "items", "entries", "parse", "result", "present", "extra", "len", "all",
        "dict", "list", "str", "int", "float", "bool", "append", "intersection", "setdefault",
        "__class__", "to_dict", "isoformat", "get", "fast", "full", "path", "context",
        "isinstance", "enumerate", "fail", "unexpected", "TOO_DEEP", "at", "index", "name",
    }, others


def test_any_key_round_trips_through_the_built_code(hostile_keys: Generated) -> None:
    payload = {key: f"value of {index}" for index, key in enumerate(KEYS)} | {"n": 7}
    odd = hostile_keys.module.Odd
    assert odd.from_dict(payload).to_dict() == payload
    assert odd.from_dict(payload, unknown="forbid").to_dict() == payload
    with pytest.raises(hostile_keys.module.ValidationError) as caught:
        odd.from_dict({HOSTILE: 1})
    assert caught.value.errors == ((f"[{HOSTILE!r}]", "expected str, got int"),)


def test_fields_with_names_of_the_runtime_keep_their_values(hostile_keys: Generated) -> None:
    odd = hostile_keys.module.Odd.from_dict({"class": "c", "data": "d", "keys": "k"})
    assert (odd.class_, odd.data, odd.keys) == ("c", "d", "k")
    assert odd.n == 5 and odd.tags is None


def test_a_subclass_of_a_model_reads_and_writes_instances_of_itself(tmp_path: Path) -> None:
    models = generate(SPECS, tmp_path / "out").module
    base = models.CreateSession200ResponseTimestampsInner
    payload = {"status": "s", "timestamp": "t"}
    assert type(base.from_dict(payload)) is base  # the model's own functions, built first

    class Mine(base):  # type: ignore[misc, valid-type]
        pass

    assert type(Mine.from_dict(payload)) is Mine
    assert type(Mine.from_dict(payload, unknown="forbid")) is Mine
    assert Mine.from_dict(payload).to_dict() == payload
    assert type(base.from_dict(payload)) is base


def _strings(body: list[ast.stmt]) -> list[str]:
    return [node.value.value for node in body
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)]


def test_a_model_or_property_without_a_description_has_no_docstring(hostile_keys: Generated
                                                                     ) -> None:
    """No placeholder ("The Odd model.", "The p0 property."): the page describes neither."""
    tree = ast.parse(hostile_keys.source("odd"))
    (odd,) = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    assert _strings(odd.body) == []


@pytest.mark.parametrize("target", ["attrs", "msgspec", "pydantic", "typeddict"])
def test_no_target_writes_placeholder_docstrings(tmp_path: Path, target: str) -> None:
    rows = ["**plain** | **str** | | [optional] ", "**told** | **int** | Told. | [optional] "]
    write_page(tmp_path / "specs", "Bare", python_page("Bare", rows))
    files, _, _ = build_files([tmp_path / "specs"], "m", cwd=tmp_path, target=target)
    tree = ast.parse(files["m/bare.py"])
    (bare,) = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    assert _strings(bare.body) == ["Told."]
    assert ast.get_docstring(tree) == "Generated by docmodels from specs/Bare.md. Do not edit."


@pytest.mark.parametrize("target", ["dataclasses", "msgspec", "pydantic"])
def test_a_union_without_a_description_has_no_docstring(tmp_path: Path, target: str) -> None:
    """The alias of a union the page does not describe gets no "The Scalar model: one of its
    member types." under it."""
    unions = FIXTURES.parent / "unions"
    files, _, _ = build_files([unions / "Scalar.md"], "m", cwd=tmp_path, target=target)
    tree = ast.parse(files["m/scalar.py"])
    assert _strings(tree.body) == [ast.get_docstring(tree)]


def test_a_model_module_is_at_most_20_lines_and_3_a_property(tmp_path: Path) -> None:
    gen = generate(SPECS, tmp_path / "out")
    plan = plan_names(gen.model_set)
    for model in gen.model_set.models:
        module = gen.files[f"{gen.name}/{plan[model.name].module}.py"]
        lines = module.count("\n")
        assert lines <= 20 + 3 * len(model.fields), (model.name, lines)


# Java's pages: a described model with an inline enum (a Literal, so typing for type
# checkers), a date-time (a standard-library import) and references to two models (their
# imports, loaded leaf first).
RICH = """# Shipment

A shipment as the service stores it.

## Properties

| Name | Type | Description | Notes |
|------------ | ------------- | ------------- | -------------|
|**status** | [**StatusEnum**](#StatusEnum) | Where the shipment is. |  [optional] |
|**sentAt** | **OffsetDateTime** | When it left. |  [optional] |
|**origin** | [**Depot**](Depot.md) | Where it left from. |  [optional] |
|**items** | [**List&lt;Parcel&gt;**](Parcel.md) | What it holds. |  [optional] |

## Enum: StatusEnum

| Name | Value |
|---- | -----|
| PENDING | &quot;pending&quot; |
| IN_TRANSIT | &quot;in transit&quot; |
| DELIVERED | &quot;delivered&quot; |
"""
LEAF = """# {name}

## Properties

| Name | Type | Description | Notes |
|------------ | ------------- | ------------- | -------------|
|**code** | **String** |  |  [optional] |
"""
# A oneOf of models, as rust's pages write one.
MEMBERS = ["ContinueWithRecoveryUi", "ContinueWithRedirect", "ContinueWithSessionToken",
           "ContinueWithVerificationUi"]
EITHER = "# ContinueWith\n\n## Enum Variants\n\n| Name | Description |\n|---- | -----|\n" + "".join(
    f"| {name} | |\n" for name in MEMBERS
)


def test_a_model_with_every_kind_of_import_is_within_20_lines_and_3_a_property(
    tmp_path: Path,
) -> None:
    """What a module imports (typing for an inline enum's Literal, datetime, the models it
    refers to, in load order) and its docstrings stay within the budget: 20 lines, 3 a
    property."""
    specs = tmp_path / "specs"
    write_page(specs, "Shipment", RICH)
    for name in ("Depot", "Parcel"):
        write_page(specs, name, LEAF.format(name=name))
    gen = generate(specs, tmp_path / "out", cwd=tmp_path, dialect="java")
    module = gen.files[f"{gen.name}/shipment.py"]
    assert "import typing as _t" in module and "import datetime" in module
    assert "from .depot import Depot" in module
    assert module.count("\n") <= 20 + 3 * 4, module
    shipment = gen.module.Shipment.from_dict({"status": "in transit", "origin": {"code": "x"}})
    assert shipment.to_dict() == {"status": "in transit", "origin": {"code": "x"}}


def test_a_union_of_models_is_within_20_lines_and_3_a_member(tmp_path: Path) -> None:
    """A union of models names its members once, in its alias, and the runtime names each in
    a message by its class."""
    specs = tmp_path / "specs"
    write_page(specs, "ContinueWith", EITHER)
    for name in MEMBERS:  # each with a required property of its own
        row = f"|**{name.lower()}** | **String** |  |  |"
        write_page(specs, name, LEAF.format(name=name).replace(LEAF.splitlines()[-1], row))
    holder = LEAF.format(name="Holder").replace(
        "**code** | **String**", "**next** | [**ContinueWith**](ContinueWith.md)"
    )
    write_page(specs, "Holder", holder)
    gen = generate(specs, tmp_path / "out", cwd=tmp_path, dialect="rust")
    module = gen.files[f"{gen.name}/continue_with.py"]
    assert module.count("\n") <= 20 + 3 * len(MEMBERS), module
    model = gen.module.Holder
    payload = {"next": {"continuewithredirect": "/home"}}
    assert model.from_dict(payload).to_dict() == payload
    with pytest.raises(ValueError, match=f"next: expected one of {', '.join(MEMBERS)}, got int"):
        model.from_dict({"next": 1})


def test_a_model_whose_pages_carry_no_keys_is_its_fields_and_declaration(
    tmp_path: Path,
) -> None:
    """What a model keeps of a payload (its keys, unknown keys, spellings) is declared once in
    the runtime, not in every module: a one-property module is within 20 + 3 lines even where
    the pages carry no key and every key is read in any case."""
    rows = ["**identity_provider_id** | **str** | Where the identity comes from | [optional] "]
    write_page(tmp_path / "specs", "IdentityLink", python_page("IdentityLink", rows))
    gen = generate(tmp_path / "specs", tmp_path / "out", cwd=tmp_path)
    module = gen.files[f"{gen.name}/identity_link.py"]
    assert "_docmodels_present" not in module and "_docmodels_spelled" not in module
    assert "_rt.fields_in_any_case(" in module
    assert module.count("\n") <= 20 + 3


@pytest.mark.parametrize("compile_after", [0, 100], ids=["compiled", "interpreted"])
@pytest.mark.parametrize("spelled", [False, True], ids=["keys carried", "keys in any case"])
def test_every_way_to_make_a_model_gives_one_that_writes_itself(
    tmp_path: Path, spelled: bool, compile_after: int
) -> None:
    """from_dict (fast and full parse), __init__, copy, pickle and dataclasses.replace each
    give a model whose to_dict works, and the copies give the payload back whole."""
    import copy
    import dataclasses
    import pickle

    rows = ["**name** | **str** | | ", "**size** | **int** | | [optional] "]
    write_page(tmp_path / "specs", "Box", python_page("Box", rows))
    if not spelled:
        overlay = "".join(
            f'[models.Box.properties.{key}]\nwire_name = "{key}"\n' for key in ("name", "size")
        )
        (tmp_path / "specs" / "docmodels-overlay.toml").write_text(overlay, encoding="utf-8")
    gen = generate(tmp_path / "specs", tmp_path / "out", cwd=tmp_path)
    importlib.import_module(f"{gen.name}._runtime").COMPILE_AFTER = compile_after
    box = gen.module.Box

    class Payload(dict[str, object]):  # not JSON's own dict: the full parse reads it
        pass

    payload = {"name": "a", "other": [1]}
    for model in (box.from_dict(payload), box.from_dict(Payload(payload))):
        for again in (copy.copy(model), copy.deepcopy(model), pickle.loads(pickle.dumps(model))):
            assert again.to_dict() == payload
        assert dataclasses.asdict(model)["name"] == "a"  # reads every field, the kept ones too
    assert box.from_dict(payload)._docmodels_spelled == ({"name": "name"} if spelled else {})
    assert box(name="b").to_dict() == {"name": "b"}
    assert dataclasses.replace(box.from_dict(payload), size=3).to_dict() == {"name": "a", "size": 3}
    assert [f.name for f in dataclasses.fields(box) if f.init] == ["name", "size"]


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[_$]{0,2}[A-Za-z0-9_$@.\- ]{0,20}", fullmatch=True))
def test_the_runtime_spells_a_key_as_the_generator_does(name: str) -> None:
    runtime = importlib.import_module("output_models_runtime")
    assert runtime.any_case(name) == spellings(name)


@pytest.fixture(scope="module", autouse=True)
def _output_runtime() -> None:
    """The committed output's runtime, importable on its own (it imports nothing relative)."""
    import importlib.util
    import sys

    from conftest import OUTPUT

    spec = importlib.util.spec_from_file_location(
        "output_models_runtime", OUTPUT / "models" / "_runtime.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["output_models_runtime"] = module
    spec.loader.exec_module(module)


KEPT_PROBE = """
import sys
import {package} as m
from {package} import _runtime
_runtime.COMPILE_AFTER = 0  # compiled at first use, not interpreted
if sys.argv[1] == "kept":
    def refuse(*args, **kwargs):
        raise AssertionError("compiled again")
    _runtime.compile = refuse
print(m.Order.from_dict({{"id": "o", "created_at": "2024-03-18T09:15:02Z"}}).to_dict())
"""


def test_a_later_process_reads_the_built_code_kept_in_pycache(tmp_path: Path) -> None:
    """Compiling is most of a model's first use: the code is kept in the package's __pycache__
    like a module's bytecode, and a later process reads it (if it is the same source)."""
    gen = generate(SPECS.parent / "tests" / "fixtures" / "generate" / "features", tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(gen.root)
    script = KEPT_PROBE.format(package=gen.name)

    def run(mode: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", script, mode], env=env, cwd=tmp_path,
                              capture_output=True, text=True, check=False)

    first = run("compile")
    assert first.returncode == 0, first.stderr
    kept = sorted(p.name for p in (gen.package_dir / "__pycache__").glob("docmodels.*.bin"))
    assert [name.split(".")[2:5] for name in kept] == [["order", "Order", "fast"],
                                                       ["order", "Order", "to_dict"]]
    second = run("kept")
    assert (second.returncode, second.stdout) == (0, first.stdout), second.stderr
    for path in (gen.package_dir / "__pycache__").glob("docmodels.*.bin"):
        path.write_bytes(b"\x00not marshal")  # a damaged copy is compiled again
    assert run("compile").stdout == first.stdout
    assert run("kept").returncode == 0  # and kept again

"""A type the page writes alike for several (C's ``int`` for integers and booleans, objc's
``NSNumber*``, R's ``character``, php-symfony's item type for a value, a list or a map of it)
is read as either of them: the generated code takes each and rejects the rest, in every target,
and the schema, the docs and the IR say so. A default tells which it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docmodels.emit.jsonschema import field_schema
from docmodels.emit.targets import names
from docmodels.ir import EitherOf, Primitive, PrimitiveKind
from docmodels.load import load
from generated import generate, write_page

INT = Primitive(PrimitiveKind.INTEGER)
BOOL = Primitive(PrimitiveKind.BOOLEAN)
TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
# openapi-generator's c client: no bool in C, so a boolean is an int too.
SWITCH = (
    "# switch_t\n\n## Properties\n" + TABLE
    + "**level** | **int** |  | \n"
    "**on** | **int** |  | [optional] [default to false]\n"
    "**retries** | **int** |  | [optional] [default to 3]\n"
    "**name** | **char \\*** |  | [optional] \n"
)


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root: Path = tmp_path_factory.mktemp("either")
    write_page(root / "specs", "switch", SWITCH)
    return root


def test_the_page_does_not_say_which_until_a_default_does(specs: Path) -> None:
    model_set, diagnostics = load([specs / "specs"], specs)
    assert diagnostics == []
    fields = {f.name: f for f in model_set.by_name()["Switch"].fields}
    assert fields["level"].type == EitherOf((INT, BOOL))
    assert fields["on"].type == BOOL  # [default to false]
    assert fields["retries"].type == INT  # [default to 3]


def test_the_schema_and_the_ir_say_either(specs: Path) -> None:
    model_set, _ = load([specs / "specs"], specs)
    level = model_set.by_name()["Switch"].fields[0]
    # Null too: whether the property can be null, C's pages do not say.
    assert field_schema(level)["anyOf"] == [
        {"type": "integer"}, {"type": "boolean"}, {"type": "null"}
    ]


@pytest.fixture(scope="module", params=names())
def switch(request: pytest.FixtureRequest, specs: Path) -> Any:
    target: str = request.param
    return generate(specs / "specs", specs / f"out-{target}", target=target)


def _round_trip(generated: Any, payload: dict[str, Any]) -> Any:
    parse = getattr(generated.module, "parse_switch", None)
    if parse is not None:  # typeddict: the payload, checked, is the value
        return parse(payload)
    return generated.module.Switch.from_dict(payload).to_dict()


@pytest.mark.parametrize("value", [7, True, False, 0])
def test_every_target_takes_each_member_and_gives_it_back(switch: Any, value: Any) -> None:
    out = _round_trip(switch, {"level": value})
    assert out == {"level": value}
    assert type(out["level"]) is type(value)  # True stays a bool, 1 an int


@pytest.mark.parametrize("value", ["7", 1.5, [1], {"a": 1}])
def test_every_target_rejects_what_is_neither(switch: Any, value: Any) -> None:
    with pytest.raises(switch.module.ValidationError):
        _round_trip(switch, {"level": value})


def test_the_check_is_one_call_on_one_line(specs: Path) -> None:
    generated = generate(specs / "specs", specs / "out-one-line")
    assert (
        '_rt.union_of((_rt.parse_int, _rt.parse_bool), ("int", "bool"))'
        in generated.source("switch")
    )


def test_the_docs_say_either(switch: Any) -> None:
    page = switch.files["docs/Switch.md"]
    assert "| integer or boolean |" in page


SYMFONY_TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
SYMFONY = {
    "Order": "# Order\n\n## Properties\n" + SYMFONY_TABLE
    + "**id** | **int** | Order number. | \n"
    "**lines** | [**Acme\\Server\\Model\\OrderLine**](OrderLine.md) |  | \n"
    "**placedAt** | **\\DateTime** |  | [optional] \n",
    "OrderLine": "# OrderLine\n\n## Properties\n" + SYMFONY_TABLE + "**sku** | **string** |  | \n",
}


@pytest.fixture(scope="module", params=names())
def order(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    root: Path = tmp_path_factory.mktemp("symfony")
    for name, text in SYMFONY.items():
        write_page(root / "specs", name, text)
    return generate(root / "specs", root / "out", target=request.param)


def _order(generated: Any, payload: dict[str, Any]) -> Any:
    parse = getattr(generated.module, "parse_order", None)
    if parse is not None:
        return parse(payload)
    return generated.module.Order.from_dict(payload).to_dict()


@pytest.mark.parametrize(
    "lines", [{"sku": "a"}, [{"sku": "a"}, {"sku": "b"}]], ids=["one", "a list"]
)
def test_php_symfony_writes_a_model_for_it_a_list_or_a_map_of_it(order: Any, lines: Any) -> None:
    """msgspec cannot tell a Struct from a map (one object-like member per union), nor have a
    custom type (our date-time) in a union: there those members are left out, which a payload
    then fails as a ValidationError, never a crash."""
    payload = {"id": [1, 2], "lines": lines, "placedAt": "2024-01-01T00:00:00Z"}
    assert _order(order, payload) == payload


def test_a_map_of_models_is_read_where_the_library_can_tell_it(order: Any) -> None:
    payload = {"id": 1, "lines": {"first": {"sku": "a"}}}
    try:
        out = _order(order, payload)
    except order.module.ValidationError:
        assert hasattr(order.module.Order, "__struct_fields__")  # msgspec alone
        return
    assert out == payload

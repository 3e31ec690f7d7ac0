"""from_dict's fast parse (``_docmodels_fast``) against the full one (``_docmodels_parse``): on
any payload, it builds the same model as the full parse when that finds no error, and raises
Fallback when it finds one, so that from_dict's result and errors are the full parse's. And the
runtime's interpretation of a declaration (a model's first uses) against the compiled code:
the same model, the same errors, the same ``to_dict``."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from docmodels.emit.python import DENSE, plan_names
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    MapOf,
    Model,
    ModelKind,
    Primitive,
    PrimitiveKind,
    TypeExpr,
)
from generated import Generated, generate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from targets import TARGET_SPECS

SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=3),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                  max_size=3),
    max_leaves=5,
)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    generated = generate(TARGET_SPECS, tmp_path_factory.mktemp("fast"))
    # Compiled from the first use: what these tests compare is the compiled code.
    importlib.import_module(generated.module.__name__ + "._runtime").COMPILE_AFTER = 0
    return generated


def valid(type_expr: TypeExpr, models: dict[str, Model], depth: int, wild: bool
          ) -> st.SearchStrategy[Any]:
    """Values of the type as JSON has them; ``wild``: now and then anything (an error, mostly)."""
    if isinstance(type_expr, Primitive):
        if type_expr.kind is PrimitiveKind.STRING:
            if type_expr.format == "date":
                return st.dates().map(dt.date.isoformat)
            if type_expr.format == "date-time":
                return st.datetimes(timezones=st.just(dt.UTC)).map(
                    lambda d: d.isoformat()
                )
            if type_expr.format == "uuid":
                return st.uuids().map(str)
            return st.text(alphabet="abAB-", max_size=5)
        return {
            PrimitiveKind.INTEGER: st.integers(-5, 200),
            PrimitiveKind.NUMBER: st.integers(-5, 5) | st.floats(-10, 10),
            PrimitiveKind.BOOLEAN: st.booleans(),
        }[type_expr.kind]
    if isinstance(type_expr, ArrayOf):
        return st.lists(value(type_expr.items, models, depth, wild), max_size=3)
    if isinstance(type_expr, MapOf):
        return st.dictionaries(st.text(max_size=3), value(type_expr.values, models, depth, wild),
                               max_size=3)
    if isinstance(type_expr, AnyValue):
        return json_values
    model = models[type_expr.name]
    if model.values_lost:
        return st.text(alphabet="abAB-", max_size=5) | st.integers(-5, 5) | st.floats(-10, 10)
    if model.kind is ModelKind.ENUM:
        return st.sampled_from([v.value for v in model.enum_values])
    if model.kind is ModelKind.UNION:
        return st.one_of([valid(v, models, depth + 1, wild) for v in model.variants])
    return payload(model, models, depth + 1, wild)


def value(type_expr: TypeExpr, models: dict[str, Model], depth: int, wild: bool
          ) -> st.SearchStrategy[Any]:
    if depth > 3:
        return json_scalars
    if not wild:
        return valid(type_expr, models, depth, wild)
    return st.one_of(valid(type_expr, models, depth, wild), valid(type_expr, models, depth, wild),
                     valid(type_expr, models, depth, wild), json_values, st.none())


def payload(model: Model, models: dict[str, Model], depth: int = 0, wild: bool = False
            ) -> st.SearchStrategy[Any]:
    """A dict with the model's keys (each maybe absent) and maybe an unknown key."""
    keys = {}
    for field in model.fields:
        values = value(field.type, models, depth, wild)
        if field.enum_values is not None:
            values = st.sampled_from(field.enum_values) | values
        keys[field.wire_name] = values
    required = [f.wire_name for f in model.fields if f.required]
    dicts = st.fixed_dictionaries(
        {k: v for k, v in keys.items() if k in required},
        optional={**{k: v for k, v in keys.items() if k not in required}, "zz_extra": json_values},
    )
    # Every key present, as the fast parse's one-call lookup needs; no required key at all.
    every = st.fixed_dictionaries(keys)
    loose = st.fixed_dictionaries({}, optional=keys)
    if not wild:
        return st.one_of(dicts, every)
    return st.one_of(dicts, every, loose, json_values)


def payloads(model: Model, models: dict[str, Model]) -> st.SearchStrategy[Any]:
    return payload(model, models) | payload(model, models, wild=True)


def objects(package: Generated) -> list[Model]:
    return [m for m in package.model_set.models if m.kind is ModelKind.OBJECT]


def test_the_fixtures_have_a_model_the_one_call_lookup_takes(package: Generated) -> None:
    assert any(len(m.fields) >= DENSE for m in objects(package))


def each_model(package: Generated) -> Iterator[tuple[Any, Any, st.SearchStrategy[Any]]]:
    """Each object model's class, the package's runtime and the payloads drawn for it."""
    # The package imports its runtime lazily, on first use of a model or ValidationError.
    runtime = importlib.import_module(package.module.__name__ + "._runtime")
    plan = plan_names(package.model_set)
    models = package.model_set.by_name()
    for model in objects(package):
        yield getattr(package.module, plan[model.name].class_name), runtime, payloads(model, models)


def test_fast_parse_is_the_full_parse(package: Generated) -> None:
    for cls, runtime, drawn in each_model(package):
        check_model(cls, runtime, drawn)


def check_model(cls: Any, runtime: Any, payloads: st.SearchStrategy[Any]) -> None:
    @SETTINGS
    @given(sent=payloads)
    def check(sent: Any) -> None:
        context = runtime.context("keep")  # from_dict's default, as the fast parse
        full = cls._docmodels_parse(sent, "", context)
        try:
            fast = cls._docmodels_fast(sent)
        except runtime.Fallback:
            # A payload of JSON's own classes falls back only where the full parse errs.
            assert context.errors
            return
        assert not context.errors
        assert fast == full
        assert fast._docmodels_present == full._docmodels_present
        assert fast._docmodels_extra == full._docmodels_extra
        assert fast.to_dict() == full.to_dict()
        assert cls.from_dict(sent).to_dict() == full.to_dict()

    check()


def test_the_interpreted_model_is_the_compiled_one(package: Generated) -> None:
    for cls, runtime, drawn in each_model(package):
        check_interpreted(cls, runtime, drawn)


def check_interpreted(cls: Any, runtime: Any, payloads: st.SearchStrategy[Any]) -> None:
    kept = ("_docmodels_present", "_docmodels_extra", "_docmodels_spelled")

    @settings(SETTINGS, max_examples=40)
    @given(sent=payloads, unknown=st.sampled_from(["keep", "ignore", "forbid"]))
    def check(sent: Any, unknown: str) -> None:
        compiled_context, interpreted_context = runtime.context(unknown), runtime.context(unknown)
        compiled = cls._docmodels_parse(sent, "", compiled_context)
        state = runtime._state_of(cls)
        interpreted = runtime._interpret_full(cls, state, sent, "", interpreted_context)
        assert list(interpreted_context) == list(compiled_context)
        if compiled_context:
            return
        assert interpreted == compiled
        for name in kept:
            assert getattr(interpreted, name, None) == getattr(compiled, name, None)
        assert exactly(runtime._interpret_dump(compiled, state[0]), compiled.to_dict())

    check()


def exactly(one: Any, other: Any) -> bool:
    """Equal, and of the same classes all the way down: a str enum's member equals its value,
    but JSON-ready data holds the value."""
    if type(one) is not type(other):
        return False
    if isinstance(one, dict):
        return list(one) == list(other) and all(exactly(one[k], other[k]) for k in one)
    if isinstance(one, list):
        return len(one) == len(other) and all(map(exactly, one, other))
    return bool(one == other)


def test_a_model_is_compiled_after_its_first_uses(tmp_path_factory: pytest.TempPathFactory
                                                  ) -> None:
    generated = generate(TARGET_SPECS, tmp_path_factory.mktemp("tiers"))
    runtime = importlib.import_module(generated.module.__name__ + "._runtime")
    cls = generated.module.CreateSession200ResponseTimestampsInner
    compiled: list[str] = []
    real = runtime._compiled

    def spy(source: str, filename: str, kept: str) -> Any:
        compiled.append(kept.rsplit(".", 1)[1])
        return real(source, filename, kept)

    runtime._compiled = spy
    payload = {"status": "s", "timestamp": "t"}
    for _ in range(runtime.COMPILE_AFTER):
        assert cls.from_dict(payload).to_dict() == payload
    assert compiled == []  # interpreted: nothing compiled for a model used a few times
    assert cls.from_dict(payload).to_dict() == payload
    assert sorted(compiled) == ["fast", "to_dict"]
    # The full parse, needed by errors only, is compiled once it has been needed as often.
    for _ in range(runtime.COMPILE_AFTER + 1):
        with pytest.raises(generated.module.ValidationError):
            cls.from_dict({"status": 1})
    assert sorted(compiled) == ["fast", "full", "to_dict"]


def test_a_dict_subclass_or_a_str_subclass_takes_the_full_parse(package: Generated) -> None:
    class Text(str):
        pass

    class Mapping(dict[str, Any]):
        pass

    cls = package.module.CreateSession200Response
    base = {"id": "s", "backend_name": "b", "mode": "m"}
    for sent in (Mapping(base), base | {"id": Text("s")}):
        with pytest.raises(importlib.import_module(package.module.__name__ + "._runtime").Fallback):
            cls._docmodels_fast(sent)
        assert cls.from_dict(sent).to_dict() == base

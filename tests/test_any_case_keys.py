"""Models whose pages carry no key (``_rt.fields_in_any_case``): a payload may give each key in
any usual convention. The runtime spells a declared key only where it must (a key not as
written, a message, the compiled code), so that importing and first using a model of hundreds
of such keys costs no spelling of them; what it accepts, reports and writes back is what the
compiled code, which looks every spelling up, does."""

from __future__ import annotations

import dataclasses
import importlib.util
import shutil
import sys
from types import ModuleType
from typing import Any

import pytest
from conftest import OUTPUT
from docmodels.keys import KeyCase, spell, spellings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def rt(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """The committed output's runtime, as a module of its own in a folder of its own (the
    compiled code it keeps goes there)."""
    folder = tmp_path_factory.mktemp("any_case_runtime")
    shutil.copy(OUTPUT / "models" / "_runtime.py", folder / "_runtime.py")
    spec = importlib.util.spec_from_file_location("any_case_runtime", folder / "_runtime.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["any_case_runtime"] = module
    spec.loader.exec_module(module)
    return module


def wide(rt: ModuleType, count: int) -> Any:
    """A model of ``count`` optional any-case string properties, as the generator writes one."""
    names = [f"property_number_{index}" for index in range(count)]
    namespace: dict[str, Any] = {
        "__annotations__": {name: "str | None" for name in names},
        **{name: None for name in names},
        "_docmodels_fields": rt.fields_in_any_case(*((name, rt.parse_str) for name in names)),
    }
    return dataclasses.dataclass(slots=True, kw_only=True)(type("Wide", (rt.Model,), namespace))


# Names that are not letters and underscores (a dot, a dollar, a leading dash, a letter not
# ASCII), digits before and after letters, one word, upper case. APART: no two share a
# spelling; MEETING: some do (one is another's camelCase, another's spelling of a name with a
# dot).
APART = ["foo_bar", "a.b", "$ref", "-$x", "é_y", "v2_beta", "oauth2_token", "2fa_code",
         "a1b_c", "x_1_y", "name", "ID"]
MEETING = ["foo_bar", "fooBar", "a.b", "a_b", "$ref", "-$x", "é_x", "v2_beta", "2fa_code",
           "ID", "id"]
# Where only a name that is not plain has a spelling of another; where only two plain ones.
DOTTED = ["a.b", "a_b", "oauth2_token"]
TWINS = ["foo_bar", "fooBar", "oauth2_token"]


def tricky(rt: ModuleType, names: list[str], required: str = "", tuple_key: bool = True,
           carried: bool = True) -> Any:
    """A model of the any-case properties ``names`` (one ``required``), a property with the
    spellings its declaration lists, and (``carried``) one whose key the pages carry."""
    entries: list[tuple[Any, ...]] = [(name, rt.parse_int, rt.ANY_CASE) for name in names]
    annotations = {f"p{index}": "int | None" for index in range(len(names))}
    if tuple_key:
        entries.append((("listed", "Listed", "other_key"), rt.parse_int))
        annotations["listed"] = "int | None"
    if carried:
        entries.append(("plain", rt.parse_int))
        annotations["plain"] = "int | None"
    namespace: dict[str, Any] = {"__annotations__": annotations, "_docmodels_fields": tuple(entries)}
    for attr in annotations:
        if attr != required:
            namespace[attr] = None
    cls = type("Tricky", (rt.Model,), namespace)
    return dataclasses.dataclass(slots=True, kw_only=True)(cls)


@pytest.fixture
def spelled(rt: ModuleType, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names the runtime spells one by one (``any_case``), as it spells them."""
    names: list[str] = []
    real = rt.any_case

    def spy(name: str) -> tuple[str, ...]:
        names.append(name)
        return real(name)

    monkeypatch.setattr(rt, "any_case", spy)
    return names


def test_import_and_a_first_use_with_keys_as_written_spell_no_key(
    rt: ModuleType, spelled: list[str]
) -> None:
    model = wide(rt, 300)  # what importing its module does
    payload = {f"property_number_{index}": str(index) for index in range(0, 300, 2)}
    for _ in range(3):  # interpreted
        assert model.from_dict(payload).to_dict() == payload
    assert spelled == []
    # What reads them spells them: the key set, a message, a key not as written.
    assert "propertyNumber7" in model._docmodels_keys and len(model._docmodels_keys) == 1200
    assert len(spelled) == 300
    assert model.from_dict({"PropertyNumber7": "x"}).to_dict() == {"PropertyNumber7": "x"}


OTHER_CONVENTIONS = [KeyCase.CAMEL, KeyCase.PASCAL, KeyCase.KEBAB]


@pytest.mark.parametrize("convention", OTHER_CONVENTIONS, ids=lambda case: case.name)
def test_a_first_use_with_keys_in_one_other_convention_spells_no_name_one_by_one(
    rt: ModuleType, spelled: list[str], convention: KeyCase
) -> None:
    """A payload of keys all in one other convention (an SDK's camelCase JSON) is read without
    spelling each of the model's names: they are spelled in that convention all at once."""
    model = wide(rt, 300)
    payload = {spell(f"property_number_{index}", convention): str(index)
               for index in range(0, 300, 2)}
    for _ in range(3):  # interpreted
        assert model.from_dict(payload).to_dict() == payload
    assert spelled == []


def test_a_missing_key_names_its_spellings_in_both_tiers(
    rt: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    message = "required property is missing (its key may be spelled foo_bar, fooBar, FooBar, foo-bar)"
    for compile_after in (100, 0):
        monkeypatch.setattr(rt, "COMPILE_AFTER", compile_after)
        model = tricky(rt, MEETING, required="p0")
        with pytest.raises(rt.ValidationError) as error:
            model.from_dict({"fooBarr": 1})
        assert ("foo_bar", message) in error.value.errors


def test_a_null_given_in_another_spelling_is_written_back_in_it(
    rt: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An optional property at its default comes back where the payload gave it, under its
    key as the payload spelled it, while others are absent."""
    for compile_after in (100, 0):
        monkeypatch.setattr(rt, "COMPILE_AFTER", compile_after)
        model = wide(rt, 8)
        payload = {"propertyNumber3": None, "property-number-5": "x", "other": [1]}
        for _ in range(2):
            assert model.from_dict(payload).to_dict() == payload
        assert model().to_dict() == {}


# snake_case names of lower-case letters and digits (a python SDK's), and keys of their loose
# form: the runtime spells these, and tells a key one of their spellings, its own way.
snake_names = st.from_regex(r"[a-z0-9]{1,4}(_[a-z0-9]{1,4}){0,3}", fullmatch=True)


@settings(max_examples=500, deadline=None)
@given(name=snake_names, data=st.data())
def test_a_snake_case_name_is_spelled_and_its_spellings_told_as_the_generator_does(
    rt: ModuleType, name: str, data: st.DataObject
) -> None:
    assert rt.any_case(name) == spellings(name)
    # A key of the name's letters and digits in order, each in either case, with separators.
    letters = [data.draw(st.sampled_from([c, c.upper()])) for c in name.replace("_", "")]
    key = "".join(c + data.draw(st.sampled_from(["", "", "_", "-"])) for c in letters)
    key = data.draw(st.sampled_from([key, key.rstrip("_-"), *spellings(name)]))
    if key != name:
        item = rt._properties(tricky(rt, [name], tuple_key=False))[0]
        assert item.spelled_as(key) is (key in spellings(name))


def keys_of(rt: ModuleType, names: list[str]) -> list[Any]:
    """Every spelling of ``names``, and keys of their loose forms that are none."""
    found: list[Any] = ["listed", "Listed", "other_key", "plain", "Plain", 7]
    for name in MEETING + names:
        found += rt.any_case(name)
        found += [name.upper(), name.replace("_", "__"), name.title().replace("_", ""),
                  name.title().replace("_", "-"), name[:1].upper() + name[1:]]
    return list(dict.fromkeys(found))


@pytest.mark.parametrize(("tuple_key", "carried"), [(True, True), (False, True), (False, False)],
                         ids=["listed spellings", "any case only", "every key any case"])
@pytest.mark.parametrize("required", ["", "p0", "p2"], ids=["optional", "first", "third"])
@pytest.mark.parametrize("names", [APART, MEETING, DOTTED, TWINS],
                         ids=["apart", "meeting", "dotted", "twins"])
def test_the_interpreted_parse_finds_the_keys_the_compiled_one_does(
    rt: ModuleType, names: list[str], required: str, tuple_key: bool, carried: bool
) -> None:
    """Keys as written, in another convention, two spellings of one property, a key two
    properties share, keys of a name's loose form that are no spelling of it, a key that is no
    string: the same model, errors, kept keys and ``to_dict`` from the interpretation of the
    declaration as from the code compiled from it."""
    # Two classes of one declaration: compiling one spells its keys, and the other's are
    # spelled only where the interpretation needs them.
    model, interpreted_model = (tricky(rt, names, required, tuple_key, carried) for _ in range(2))
    assert bool(rt._state_of(interpreted_model)[2].written) is (names is APART)
    keys = keys_of(rt, names)

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        chosen=st.lists(st.sampled_from(keys), unique=True, max_size=8),
        unknown=st.sampled_from(["keep", "ignore", "forbid"]),
        wrong=st.booleans(),
    )
    def check(chosen: list[Any], unknown: str, wrong: bool) -> None:
        payload = {key: "x" if wrong and index == 0 else index for index, key in enumerate(chosen)}
        both = tiers_agree(rt, model, interpreted_model, payload, unknown)
        if both is not None and unknown == "keep":
            compiled, written = both
            fast = rt._build(model, "_docmodels_fast")._docmodels_fast(payload)
            assert fast == compiled and fast.to_dict() == written

    check()


def tiers_agree(
    rt: ModuleType, model: type, interpreted_model: type, payload: dict[Any, Any], unknown: str
) -> tuple[Any, dict[str, Any]] | None:
    """Assert that the interpretation of the declaration parses ``payload`` (errors, model,
    kept keys) and dumps it as the code compiled from it does; the compiled model and its
    ``to_dict``, or None where the payload is refused."""
    compiled_context, interpreted_context = rt.context(unknown), rt.context(unknown)
    state = rt._state_of(interpreted_model)
    interpreted = rt._interpret_full(interpreted_model, state, payload, "", interpreted_context)
    compiled = rt._build(model, "_docmodels_parse")._docmodels_parse(
        payload, "", compiled_context
    )
    assert list(interpreted_context) == list(compiled_context)
    if compiled_context:
        return None
    assert dataclasses.asdict(interpreted) == dataclasses.asdict(compiled)
    for name in ("_docmodels_present", "_docmodels_extra", "_docmodels_spelled"):
        assert getattr(interpreted, name) == getattr(compiled, name)
    written = rt._interpret_dump(interpreted, state[0])
    assert written == rt._build(model, "to_dict").to_dict(compiled)
    return compiled, written


# Names in lower-case snake_case without a digit before a letter, whose keys in one convention
# the runtime finds all at once (the test adds other names now and then).
runs_of_words = st.lists(
    st.from_regex(r"([a-z]{1,4}[0-9]{0,2}|[0-9]{1,2})(_([a-z]{1,3}[0-9]?|[0-9]{1,2})){0,2}",
                  fullmatch=True),
    min_size=1, max_size=6, unique=True,
)


def titled(name: str, convention: KeyCase) -> str:
    """``name`` in ``convention`` with each letter after a digit capitalised as well (as
    ``str.title`` does): its spelling where it has no digit before a letter, else none."""
    title = name.title()
    if convention is KeyCase.CAMEL:
        return title[0].lower() + title[1:].replace("_", "")
    return title.replace("_", "" if convention is KeyCase.PASCAL else "-")


@pytest.mark.parametrize("convention", [KeyCase.CAMEL, KeyCase.PASCAL], ids=["camel", "pascal"])
def test_a_letter_after_a_digit_capitalised_is_no_spelling(
    rt: ModuleType, monkeypatch: pytest.MonkeyPatch, convention: KeyCase
) -> None:
    """``v2Beta`` is no spelling of ``v2beta`` (``v2beta`` in camelCase): among keys in
    camelCase, it is an unknown key, in both tiers."""
    names = ["v2beta", "a1b_c", "foo_bar", "x_1"]
    payload = {titled(name, convention): 1 for name in names}
    assert list(payload)[2:] == [spell(name, convention) for name in names[2:]]
    for compile_after in (100, 0):
        monkeypatch.setattr(rt, "COMPILE_AFTER", compile_after)
        found = tricky(rt, names, tuple_key=False).from_dict(payload)
        assert found._docmodels_extra == dict(list(payload.items())[:2])
        assert (found.p0, found.p1, found.p2, found.p3) == (None, None, 1, 1)
        assert found.to_dict() == payload


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=runs_of_words, data=st.data())
def test_keys_in_one_convention_are_found_as_the_compiled_code_finds_them(
    rt: ModuleType, names: list[str], data: st.DataObject
) -> None:
    """Every key in one convention, or all but one: a key near its name's spelling in it, in
    another, as written, another spelling of another key's property, unknown, no string;
    properties of names that meet (one's spelling another's as written, or a key the pages
    carry or a declaration lists): the same model, errors, kept keys and to_dict from the
    interpreted parse as from the compiled one."""
    # Names that meet; with a digit before a letter; not plain (a dot, a letter not ASCII), of
    # no letter, of two lines: the runtime spells each of the model's names on its own.
    names = names + data.draw(st.sampled_from([
        [], [], ["x_1", "x1"], ["ab_c", "a_bc"], ["listed"], ["plain"], ["v2beta", "a1b_c"],
        ["a.b"], ["é_y"], ["_"], ["x\ny"],
    ]))
    tuple_key, carried = data.draw(st.booleans()), data.draw(st.booleans())
    model, interpreted_model = (tricky(rt, names, "", tuple_key, carried) for _ in range(2))
    convention = data.draw(st.sampled_from(OTHER_CONVENTIONS))
    # Half the names or more: fewer keys than a quarter of the properties are told one by one.
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True,
                                min_size=(len(names) + 1) // 2))
    keys: list[Any] = [spell(name, convention) for name in chosen]
    if data.draw(st.booleans()):
        at = data.draw(st.integers(0, len(keys) - 1))
        other = [*spellings(chosen[at]), chosen[at].swapcase(), *spellings(chosen[0]), "plain",
                 "Listed", "unknown", 7]
        keys[at] = data.draw(st.sampled_from([titled(chosen[at], convention)] * 4 + other))
    payload = {key: index for index, key in enumerate(keys)}
    tiers_agree(rt, model, interpreted_model, payload, "keep")

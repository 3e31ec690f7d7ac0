"""emit.layout's shortcut for a call a template writes exploded, one argument a line (a model's
``_docmodels_fields = _rt.fields(...)``): on every statement it takes, it gives what the port
of black's splitter gives for the joined statement, and what black gives; any other statement
goes to the port as before."""

from __future__ import annotations

import pytest
from docmodels.emit import layout
from docmodels.emit.formatting import format_python
from docmodels.emit.layout import layout_module
from hypothesis import given, settings
from hypothesis import strategies as st

# The arguments the shortcut takes (drawn most often), then those it must leave to the port.
_TAKEN = [
    '("{key}", _rt.parse_str)',
    '("{key}", _rt.parse_int, _rt.NOT_NULL)',
    '("{key}", _rt.list_of(_rt.model(ServiceAddress)), _rt.NOT_NULL)',
    '("{key}", _rt.one_of(_rt.parse_str, _rt.parse_int))',
    '("{key}",)',
    "keys=_rt.ANY_CASE",
    "keys=None",
]
_ARGUMENTS = [
    *_TAKEN * 8,
    '("{key}", _rt.one_of(_rt.parse_str, _rt.parse_int,))',  # a magic comma inside
    "_rt.parse_str",  # neither a group nor a keyword argument
    "f(x)",
    "(a)(b)",
    "(a) + (b)",
    "*args",
    "(x for x in y)",
    "[1, 2]",
]
# Wire keys with the characters that could confuse a reading of the brackets, or the width.
_KEYS = (
    st.text(alphabet="abcXYZ_ -,()[]:名", max_size=70)
    | st.text(alphabet="ab", max_size=9)
    | st.text(alphabet="a#", max_size=3)
)


def _module(head: str, indent: int, arguments: list[str]) -> str:
    prefix = {0: "", 4: "class C:\n", 8: "class C:\n    def f(self) -> None:\n"}[indent]
    pad = " " * indent
    lines = [f"{pad}{head}(", *(f"{pad}    {argument}," for argument in arguments), f"{pad})"]
    return prefix + "\n".join(lines) + "\n"


def _by_the_port(source: str) -> str | None:
    original = layout._exploded_call
    try:
        layout._exploded_call = lambda block, indent: None  # type: ignore[assignment]
        return layout_module(source)
    finally:
        layout._exploded_call = original


def _drawn_module(draw: st.DrawFn) -> str:
    taken = ["_docmodels_fields = _rt.fields", "x = m.f",
             "a_rather_long_name_for_a_class_attribute_that_goes_on = module.call"]
    head = draw(st.sampled_from([*taken * 3, "x = f", "x.y = m.f", "x = m.f.g"]))
    indent = draw(st.sampled_from([0, 4, 8]))
    count = draw(st.integers(1, 6))
    arguments = [
        draw(st.sampled_from(_ARGUMENTS)).replace("{key}", draw(_KEYS)) for _ in range(count)
    ]
    return _module(head, indent, arguments)


drawn_modules = st.composite(_drawn_module)()


@settings(max_examples=600)
@given(drawn_modules)
def test_the_shortcut_lays_out_as_the_port_does(source: str) -> None:
    assert layout_module(source) == _by_the_port(source)


@settings(max_examples=120)
@given(drawn_modules)
def test_the_shortcut_lays_out_as_black_does(source: str) -> None:
    laid_out = layout_module(source)
    if laid_out is not None:
        assert laid_out == format_python(source)


def test_a_model_declaration_is_taken_by_the_shortcut() -> None:
    block = [
        "    _docmodels_fields = _rt.fields(",
        '        ("Deadline", _rt.parse_int, _rt.NOT_NULL),',
        '        ("LastName", _rt.list_of(_rt.model(ServiceAddress))),',
        "        keys=_rt.ANY_CASE,",
        "    )",
    ]
    assert layout._exploded_call(block, 4) == block
    assert layout_module("class C:\n" + "\n".join(block) + "\n") == format_python(
        "class C:\n" + "\n".join(block) + "\n"
    )


@pytest.mark.parametrize("arguments", [
    ['("a", _rt.parse_str)'],  # one argument: black's split is another one
    ['("a", _rt.one_of(_rt.parse_str,))', '("b", _rt.parse_str)'],  # a magic comma inside
    ['("' + "k" * 80 + '", _rt.parse_str)', '("b", _rt.parse_str)'],  # too long for a line
    ['("a#b", _rt.parse_str)', '("b", _rt.parse_str)'],  # what may be a comment
    ["f(x)", '("b", _rt.parse_str)'],  # not a group
])
def test_the_shortcut_leaves_other_statements_to_the_port(arguments: list[str]) -> None:
    block = _module("x = m.f", 0, arguments).splitlines()
    assert layout._exploded_call(block, 0) is None

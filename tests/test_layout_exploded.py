"""emit.layout's shortcut for a call or a display a template writes exploded, one entry a line (a
model's ``_docmodels_fields = _rt.fields(...)``, the package's ``__all__`` and tables): on every
statement it takes, it gives what the port of black's splitter gives for the joined statement,
and what black gives; any other statement goes to the port as before."""

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


def _module(head: str, indent: int, arguments: list[str], brackets: str = "()") -> str:
    prefix = {0: "", 4: "class C:\n", 8: "class C:\n    def f(self) -> None:\n"}[indent]
    pad = " " * indent
    opening, closing = brackets
    lines = [f"{pad}{head}{opening}", *(f"{pad}    {argument}," for argument in arguments),
             f"{pad}{closing}"]
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


def _string(draw: st.DrawFn) -> str:
    return '"' + draw(_KEYS) + '"'


def _drawn_display(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["list", "set", "dict"]))
    brackets = "[]" if kind == "list" else "{}"
    taken = {
        "list": ["__all__ = ", "names: list[str] = "],
        "set": ["x = "],
        "dict": ["_docmodels_modules: dict[str, str] = ",
                 "_docmodels_imports: dict[str, tuple[str, ...]] = "],
    }[kind]
    # Heads it leaves: a magic comma in the annotation, a subscript target, an attribute.
    left = ["x: dict[str, tuple[str, ...],] = ", "x[0] = ", "x.y = "]
    head = draw(st.sampled_from([*taken * 4, *left]))
    indent = draw(st.sampled_from([0, 4]))
    entries = []
    for _ in range(draw(st.integers(1, 6))):
        if kind != "dict":
            entries.append(draw(st.sampled_from(["{s}"] * 6 + ["f({s})", "{s} + {s}"])))
        else:
            entries.append(draw(st.sampled_from(
                ["{s}: {s}"] * 3 + ["{s}: ({s},)"] * 3 + ["{s}: ({s}, {s})"] * 3
                + ["{s}: ({s}, {s},)", "{s}: f({s})", "{s}: ({s}, {s}, {s})"]
            )))
    arguments = []
    for entry in entries:
        while "{s}" in entry:
            entry = entry.replace("{s}", _string(draw), 1)
        arguments.append(entry)
    return _module(head, indent, arguments, brackets)


drawn_modules = st.composite(_drawn_module)() | st.composite(_drawn_display)()


@settings(max_examples=400)
@given(drawn_modules)
def test_the_shortcut_lays_out_as_the_port_does(source: str) -> None:
    assert layout_module(source) == _by_the_port(source)


@settings(max_examples=120)
@given(drawn_modules)
def test_the_shortcut_lays_out_as_black_does(source: str) -> None:
    laid_out = layout_module(source)
    if laid_out is not None:
        assert laid_out == format_python(source)


def test_the_package_tables_are_taken_by_the_shortcut() -> None:
    block = [
        "_docmodels_imports: dict[str, tuple[str, ...]] = {",
        '    "account_attachment": ("service_address",),',
        '    "account_budget": ("event_address", "payment_attachment"),',
        "}",
    ]
    assert layout._exploded_call(block, 0) == block
    assert layout._exploded_call(["__all__ = [", '    "A",', '    "B",', "]"], 0) is not None


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

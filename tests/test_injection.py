"""Spec text is untrusted: it reaches generated code only as inert string literals and docstrings.

The hostile pages try to break out of docstrings and literals with code that would create a file
named INJECTED in the working directory; importing and using the generated package (in a fresh
interpreter, in a folder of its own) must leave no such file.
"""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import black
import pytest
from docmodels.emit import python_literals as lit
from docmodels.emit.formatting import black_mode
from docmodels.ir import Model, ModelKind
from generated import FIXTURES, Generated, generate, python_page, write_page
from hypothesis import given, settings
from hypothesis import strategies as st

PAYLOAD = "__import__('pathlib').Path('INJECTED').touch()"
PAYLOAD_DOUBLE = '__import__("pathlib").Path("INJECTED").touch()'

# Characters that end or bend lines and literals, none of them \r (pages have their line
# endings made \n on reading): C0 controls, DEL, NEL, NBSP, line and paragraph separators, BOM.
CONTROL = "\x00\x01\x07\x08\x0b\x0c\x1b\x1c\x1f\x7f\x85\xa0\u2028\u2029\ufeff"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(FIXTURES / "injection", tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def controls(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    folder = tmp_path_factory.mktemp("controls")
    specs = folder / "specs"
    write_page(specs, "Controls", python_page(
        "Controls",
        [
            f"**a** | **str** | before{CONTROL}after | [optional] ",
            (f"**b** | **str** | sep\u2028{PAYLOAD}\u2029end\" | [optional] "
            f"[default to 'x{CONTROL[1:]}y']"),
        ],
        description=f"Model\u2028{PAYLOAD}\x1b[31m red \x07 bell\u2029 end\x85more",
    ))
    return generate(specs, folder / "out", cwd=folder)


def model(gen: Generated, name: str) -> Model:
    return gen.model_set.by_name()[name]


def attribute_docstrings(source: str, class_name: str) -> dict[str, str]:
    """Each annotated attribute of the class with the string expression that follows it."""
    tree = ast.parse(source)
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name)
    found: dict[str, str] = {}
    for statement, following in zip(cls.body, cls.body[1:], strict=False):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[statement.target.id] = following.value.value
    return found


def code_names(source: str) -> set[str]:
    """Every name the module's code uses (text inside string literals is not code)."""
    tree = ast.parse(source)
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    names |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    return names


def imports(source: str) -> set[str]:
    tree = ast.parse(source)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {f"import {a.name}" for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            found |= {f"from {'.' * node.level}{node.module or ''} import {a.name}"
                      for a in node.names}
    return found


def test_modules_compile(hostile: Generated, controls: Generated) -> None:
    for gen in (hostile, controls):
        for path, text in gen.files.items():
            if path.endswith(".py"):
                compile(text, path, "exec")


def test_hostile_text_is_never_code(hostile: Generated, controls: Generated) -> None:
    for gen in (hostile, controls):
        for path, text in gen.files.items():
            if path.endswith(".py"):
                assert {"__import__", "touch", "Path", "pathlib", "os"} & code_names(text) == set()
                assert imports(text) <= {
                    "from __future__ import annotations",
                    "import dataclasses",
                    "from dataclasses import dataclass",
                    "from dataclasses import field",
                    "import importlib",
                    "import json",
                    "import typing",
                    "import datetime",
                    "import enum",
                    "import marshal",
                    "import math",
                    "import os",
                    "import operator",
                    "import re",
                    "import sys",
                    "from fractions import Fraction",
                    "import uuid",
                    "from collections.abc import Callable",
                    "from collections.abc import Sequence",
                    "from typing import Any",
                    "from typing import Literal",
                    "from typing import TypeVar",
                    "from typing import cast",
                    "from . import _runtime",
                } | {f"from .{m} import {c}" for m, c in [
                    ("_runtime", "ValidationError"),
                    ("hostile", "Hostile"),
                    ("hostile_enum", "HostileEnum"),
                    ("hostile_rust", "HostileRust"),
                    ("controls", "Controls"),
                ]}


def test_importing_and_using_the_package_has_no_side_effects(hostile: Generated,
                                                             tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import {hostile.name} as p
        for cls in (p.Hostile, p.HostileRust):
            instance = cls()
            instance.to_json()
            cls.from_dict(instance.to_dict())
        print(sorted(m.value for m in p.HostileEnum))
    """)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={"PYTHONPATH": str(hostile.root), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []
    assert result.stdout == repr(sorted(v.value for v in model(hostile, "HostileEnum").enum_values)
                                 ) + "\n"


def test_model_docstring_is_the_description(hostile: Generated, controls: Generated) -> None:
    for gen, name in ((hostile, "Hostile"), (controls, "Controls")):
        cls = getattr(gen.module, name)
        description = model(gen, name).description
        assert inspect.cleandoc(cls.__doc__) == description
    assert "\\\n" in model(hostile, "Hostile").description  # a line ending in a backslash
    assert model(hostile, "Hostile").description.endswith('"')
    assert "\u2028" in model(controls, "Controls").description


def test_attribute_docstrings_are_the_descriptions(hostile: Generated, controls: Generated
                                                   ) -> None:
    for gen, name, module in ((hostile, "Hostile", "hostile"), (controls, "Controls", "controls")):
        docstrings = attribute_docstrings(gen.source(module), name)
        expected = {f.wire_name: f.description for f in model(gen, name).fields}
        assert {attr: inspect.cleandoc(doc) for attr, doc in docstrings.items()} == expected


def test_the_descriptions_arrived_intact(hostile: Generated, controls: Generated) -> None:
    """The comparisons above hold the hostile text itself, not something the reader defused."""
    fields = {f.wire_name: f.description for f in model(hostile, "Hostile").fields}
    assert fields["triple"] == f'Ends early: """ + {PAYLOAD} + """'
    assert fields["backslashes"] == (
        "Windows C:\\new\\table, escapes \\x41 \\N{BULLET} \\u2028 and a last one \\"
    )
    assert fields["quote_last"] == 'It ends with a quote "'
    assert fields["template"] == "{{ 7 * 7 }} {% if true %}rendered{% endif %} {# hidden #}"
    fields = {f.wire_name: f.description for f in model(controls, "Controls").fields}
    # CommonMark reads U+0000 as U+FFFD; every other control character arrives as it was.
    assert fields["a"] == f"before{CONTROL.replace(chr(0), chr(0xFFFD))}after"
    assert fields["b"] == f'sep\u2028{PAYLOAD}\u2029end"'


def test_enum_docstring_and_values(hostile: Generated) -> None:
    enum = hostile.module.HostileEnum
    assert enum.__doc__ == "Values that are code or quotes."
    assert {m.name: m.value for m in enum} == {
        "TRIPLE": f'""" + {PAYLOAD_DOUBLE} + """',
        "APOSTROPHE": "it's",
        "TEMPLATE": "{{ 7 * 7 }}",
        "IMPORT_OS": "backslash \\",
    }


def test_defaults_that_read_like_code_are_strings(hostile: Generated, controls: Generated) -> None:
    assert hostile.module.Hostile().code_string == PAYLOAD_DOUBLE
    # A page default that is not a literal is dropped (with a warning), never evaluated.
    assert hostile.module.Hostile().code_default is None
    assert [d.message for d in hostile.diagnostics if d.location.path.endswith("/Hostile.md")] == [
        f"property 'code_default': default ignored: not a Python literal: {PAYLOAD!r}"
    ]
    rust = hostile.module.HostileRust()
    assert rust.command == PAYLOAD
    assert rust.quoted == f'""" + {PAYLOAD} + """'
    assert controls.module.Controls().b == f"x{CONTROL[1:]}y"


def test_defaults_written_back_only_when_set(hostile: Generated) -> None:
    cls = hostile.module.HostileRust
    assert cls().to_dict() == {}
    assert cls.from_dict({"command": PAYLOAD}).to_dict() == {"command": PAYLOAD}


def test_template_syntax_is_not_rendered(hostile: Generated) -> None:
    rendered = 0
    for path, text in hostile.files.items():
        text = text.replace(hostile.name, "PACKAGE")  # its name is made of digits
        assert "49" not in text, path
        assert "rendered" not in text.replace("{% if true %}rendered{% endif %}", ""), path
        rendered += text.count("{{ 7 * 7 }} {% if true %}rendered{% endif %} {# hidden #}")
    # The model's and the field's docstrings, and both again in docs/Hostile.md.
    assert rendered == 4


def test_docs_show_hostile_text_as_text(hostile: Generated) -> None:
    page = hostile.files["docs/Hostile.md"]
    row = next(line for line in page.splitlines() if line.startswith("| `html`"))
    assert row == (
        "| `html` | string | no | key not on the page: any one of `html`, `Html` is read "
        "| &lt;script&gt;alert('INJECTED')&lt;/script&gt; &amp; \\| "
        "pipes \\| in text |"
    )
    assert "<script>" not in page


# The literal and docstring builders on any text at all.

def _through_black(source: str) -> str:
    return black.format_str(source, mode=black_mode())


def _run(source: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(compile(source, "<generated>", "exec"), namespace)  # noqa: S102 - generated, no input
    return namespace


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_string_literal_holds_any_text(text: str) -> None:
    assert ast.literal_eval(lit.string(text)) == text
    assert "\n" not in lit.string(text)
    # black may choose other quotes, never another value.
    assert _run(_through_black(f"value = {lit.string(text)}\n"))["value"] == text


@settings(max_examples=200, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
))
def test_literal_holds_any_json_value(value: Any) -> None:
    assert ast.literal_eval(lit.literal(value)) == value


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_characters="\t", exclude_categories=("Cs",))))
def test_docstring_holds_any_text(text: str) -> None:
    # What the reader hands over: lines without surrounding blanks (tabs would be expanded by
    # inspect.cleandoc, so they are left out here).
    description = "\n".join(line.strip() for line in text.split("\n")).strip()
    source = f"class C:\n    {lit.docstring(description or 'x', '    ')}\n"
    assert _through_black(source) == source
    assert inspect.cleandoc(_run(source)["C"].__doc__) == (description or "x")


@pytest.mark.parametrize(
    "text",
    ['"', '""', '"""', 'a "quoted" word"', "ends \\", 'ends \\"', "x\n\ny\"", "\\\n\\"],
)
def test_docstring_edge_cases(text: str) -> None:
    source = f"class C:\n    {lit.docstring(text, '    ')}\n"
    assert _through_black(source) == source
    assert inspect.cleandoc(_run(source)["C"].__doc__) == text


def test_docstring_of_an_enum_model_in_code(hostile: Generated) -> None:
    assert model(hostile, "HostileEnum").kind is ModelKind.ENUM
    assert hostile.module.HostileEnum("it's").name == "APOSTROPHE"

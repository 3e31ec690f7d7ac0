"""Property-based runs over generated pages and mutated real ones: docmodels either generates or
reports diagnostics, never a traceback; what it generates compiles and imports, holds the
page's texts exactly and only as data, and its IR and JSON Schema are valid.

CI runs a bounded number of cases per test; the long run sets more:

    DOCMODELS_FUZZ_EXAMPLES=2000 python -m pytest -m fuzz --hypothesis-show-statistics
"""

from __future__ import annotations

import ast
import json
import os
import re
import string
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import REPO
from docmodels.emit.formatting import FormatCache
from docmodels.emit.ir_json import ir_json
from docmodels.emit.jsonschema import schema_document
from docmodels.pipeline import build
from docmodels.writer import write_tree
from generated import import_package, unique_name, working_directory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("DOCMODELS_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CACHE = FormatCache(Path(tempfile.mkdtemp(prefix="docmodels-fuzz-format-")))
TABLE = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"
# Names no page text may ever become in generated code.
DANGEROUS = frozenset({"__import__", "eval", "exec", "compile", "system", "open", "os", "subprocess"})


def cell_escape(text: str) -> str:
    """Text as a generator writes it into a cell so that a Markdown reader gets it back: ASCII
    punctuation backslash-escaped, and & as an entity (an entity is decoded before escapes)."""
    return "".join(
        "&amp;" if c == "&" else "\\" + c if c in string.punctuation else c for c in text
    )


# Cell text: anything but line breaks (a Markdown row is one line; \r and \n both end it) and
# NUL (which CommonMark reads as U+FFFD: tests/test_adversarial.py holds that case).
texts = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\n\r\x00"),
    max_size=60,
)
names = st.one_of(
    st.from_regex(r"\A[a-z][a-z0-9_]{0,12}\Z"),
    st.sampled_from(["class", "from", "None", "self", "to_dict", "from_json", "validate",
                     "fooBar", "foo_bar", "_private", "json", "str", "dataclasses"]),
)
# Python 7.x spellings, each with values of its type for payloads and defaults.
TYPES: dict[str, Any] = {
    "**str**": texts,
    "**int**": st.integers(min_value=-(2**63), max_value=2**63 - 1),
    "**float**": st.floats(allow_nan=False, allow_infinity=False, width=64),
    "**bool**": st.booleans(),
    "**List[str]**": st.lists(texts, max_size=3),
    "**Dict[str, int]**": st.dictionaries(texts, st.integers(-1000, 1000), max_size=3),
    "**object**": st.none() | st.booleans() | texts,
}


@st.composite
def properties(draw: st.DrawFn) -> list[dict[str, Any]]:
    wire_names = draw(st.lists(names, min_size=1, max_size=5, unique=True))
    found = []
    for wire in wire_names:
        type_cell = draw(st.sampled_from(sorted(TYPES)))
        value = draw(TYPES[type_cell])
        default = None
        if type_cell == "**str**" and draw(st.booleans()):
            # Brackets would end the notes' [default to ...] group: generators do not escape them.
            default = draw(texts.filter(lambda t: not {"[", "]"} & set(t) and t == t.strip()))
        found.append({
            "wire": wire,
            "type": type_cell,
            "description": draw(texts),
            "required": draw(st.booleans()),
            "value": value,
            "default": default,
        })
    return found


def python_page(title: str, description: str, props: list[dict[str, Any]]) -> str:
    rows = []
    for prop in props:
        notes = "" if prop["required"] else "[optional] "
        if prop["default"] is not None:
            # As the generators write it: the text between quotes, not a Python literal.
            notes += f"[default to {cell_escape(chr(39) + prop['default'] + chr(39))}]"
        rows.append(
            f"**{prop['wire']}** | {prop['type']} | {cell_escape(prop['description'])} | {notes}"
        )
    intro = f"{cell_escape(description)}\n\n" if description.strip() else ""
    return f"# {title}\n\n{intro}## Properties\n\n{TABLE}" + "\n".join(rows) + "\n"


def check_generated(result: Any) -> None:
    """What must hold of any successful run's output."""
    for path, source in result.files.items():
        if path.endswith(".py"):
            compile(source, path, "exec")
    jsonschema.Draft202012Validator.check_schema(schema_document(result.model_set))
    json.dumps(ir_json(result.model_set))


def data_and_names(source: str) -> tuple[list[str], set[str]]:
    tree = ast.parse(source)
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
               and isinstance(n.value, str)]
    identifiers = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    identifiers |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    return strings, identifiers


@FUZZ
@given(description=texts, props=properties())
def test_a_valid_python_page_generates_code_that_holds_its_text_exactly(
    description: str, props: list[dict[str, Any]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "specs").mkdir()
        page = python_page("Fuzz", description, props)
        (root / "specs" / "Fuzz.md").write_bytes(page.encode("utf-8"))
        package = unique_name("fuzz")
        with working_directory(root):
            result = build([Path("specs")], package, cache=CACHE)
        errors = [str(d) for d in result.diagnostics if d.severity.value == "error"]
        assert errors == [], page
        check_generated(result)
        (model,) = result.model_set.models
        assert model.description == description.strip()
        by_wire = {f.wire_name: f for f in model.fields}
        for prop in props:
            field = by_wire[prop["wire"]]
            assert field.description == prop["description"].strip()
            assert field.required is prop["required"]
            if prop["default"] is not None:
                assert field.default is not None and field.default.value == prop["default"]
        strings, identifiers = data_and_names(result.files[f"{package}/fuzz.py"])
        for text in (model.description, *(f.description for f in model.fields)):
            assert not text or text in strings
        assert not identifiers & DANGEROUS
        write_tree(root / "out", result.files)
        module = import_package(root / "out", package)
        payload = {p["wire"]: p["value"] for p in props if p["required"] or p["value"] is not None}
        assert module.Fuzz.from_dict(payload).to_dict() == payload


# Real pages of our own ground truth, one folder per grammar family.
FOLDERS = [
    REPO / "groundtruth" / "pages" / "catalog" / name
    for name in ("python@7.26.0", "rust@7.26.0", "go@7.26.0", "java@7.26.0", "csharp@7.26.0",
                 "typescript-axios@7.26.0", "php@7.26.0", "ruby@7.26.0", "kotlin@7.26.0",
                 "swift5@7.26.0", "dart@7.26.0", "c@7.26.0", "julia-client@7.26.0",
                 "python-prior@6.6.0", "r@7.26.0", "powershell@7.26.0")
]


@st.composite
def mutations(draw: st.DrawFn, lines: list[str]) -> tuple[list[str], str]:
    """The page's lines after one to three damaging edits, and what was done."""
    lines = list(lines)
    done = []
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        kind = draw(st.sampled_from(
            ["cut", "duplicate", "swap", "shuffle cells", "bytes", "truncate", "huge cell",
             "nest", "cycle", "huge number", "deep default"]
        ))
        done.append(f"{kind}@{i}")
        if not lines:
            lines = [""]
        if kind == "cut":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "shuffle cells":
            cells = lines[i].split("|")
            lines[i] = "|".join(draw(st.permutations(cells)))
        elif kind == "bytes":
            at = draw(st.integers(0, len(lines[i])))
            noise = draw(st.binary(min_size=1, max_size=8)).decode("utf-8", "replace")
            lines[i] = lines[i][:at] + noise + lines[i][at:]
        elif kind == "truncate":
            lines = lines[:i]
        elif kind == "huge cell":
            lines[i] += " " + "x" * draw(st.integers(10_000, 200_000)) + " |"
        elif kind == "nest":
            depth = draw(st.integers(1, 3_000))
            lines[i] = f"**deep** | {'Vec<' * depth}String{'>' * depth} |  | [optional]"
        elif kind == "cycle":
            lines[i] = "**again** | [**Pet**](Pet.md) |  | [optional]"
        elif kind == "huge number":  # an enum value, a default, a limit no float holds
            number = draw(st.sampled_from(HUGE_NUMBERS))
            lines[i] = re.sub(r"\d+(\.\d+)?", number, lines[i], count=1) if re.search(
                r"\d", lines[i]) else f"**big** | **int** |  | [optional] [default to {number}]"
        elif kind == "deep default":
            depth = draw(st.integers(1, 3_000))
            lines[i] = f"**deep** | **object** |  | [optional] [default to {'[' * depth}{']' * depth}]"
    return lines, ", ".join(done)


# Past a float's range, past the 4,300 digits Python converts, a float past its range.
HUGE_NUMBERS = ["1" + "7" * 399, "-" + "9" * 400, "9" * 5_000, "1" * 400 + ".5", "1e400"]


@st.composite
def hostile_overlays(draw: st.DrawFn, title: str, prop: str) -> str | None:
    """Most runs none; else an overlay for the damaged page's model with a number no float
    holds, an integer past Python's digits, or arrays or tables nested deep."""
    kind = draw(st.sampled_from([None, None, None, "number", "deep array", "deep table"]))
    if kind is None:
        return None
    header = f'[models."{title}".properties."{prop}"]\n'
    if kind == "number":
        key = draw(st.sampled_from(["minimum", "maximum", "default", "max_length", "multiple_of"]))
        return f"{header}{key} = {draw(st.sampled_from(HUGE_NUMBERS))}\n"
    depth = draw(st.integers(1, 3_000))
    if kind == "deep array":
        return f"{header}default = {'[' * depth}{']' * depth}\n"
    return f"{header}default = {'{a=' * depth}1{'}' * depth}\n"


@FUZZ
@given(data=st.data())
def test_a_damaged_real_page_gives_output_or_diagnostics_never_a_crash(data: st.DataObject) -> None:
    folder = data.draw(st.sampled_from(FOLDERS), label="folder")
    pages = sorted(folder.glob("*.md"))
    target = data.draw(st.sampled_from(pages), label="page")
    original = target.read_text(encoding="utf-8")
    lines, done = data.draw(mutations(original.split("\n")), label="mutations")
    title = re.search(r"^# (.+)$", original, re.MULTILINE)
    prop = re.search(r"\*\*(\w+)\*\*", original)
    overlay = data.draw(hostile_overlays(title.group(1) if title else "Pet",
                                         prop.group(1) if prop else "id"), label="overlay")
    with tempfile.TemporaryDirectory() as tmp:
        specs = Path(tmp) / "specs"
        specs.mkdir()
        if overlay is not None:
            (specs / "docmodels-overlay.toml").write_text(overlay, encoding="utf-8")
        for page in pages:
            text = "\n".join(lines) if page == target else page.read_text(encoding="utf-8")
            (specs / page.name).write_bytes(text.encode("utf-8", "surrogatepass"))
        with working_directory(Path(tmp)):
            result = build([Path("specs")], "models", cache=CACHE)
        errors = [d for d in result.diagnostics if d.severity.value == "error"]
        assert bool(result.files) != bool(errors), done
        for diagnostic in result.diagnostics:
            assert diagnostic.location.path.startswith("specs/"), str(diagnostic)
        if result.files:
            check_generated(result)

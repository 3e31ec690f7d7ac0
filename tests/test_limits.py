"""The documented limits (docmodels.limits): past them a page gets a loss (the property reads as
any value, the page is left out; an error in strict mode), never a RecursionError or an
unbounded run; up to them, everything is generated."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO
from docmodels.cli import main
from docmodels.dialects import registry
from docmodels.ir import AnyValue, ArrayOf, EitherOf, TypeExpr
from docmodels.limits import MAX_PAGE_BYTES, MAX_TYPE_DEPTH, MAX_VALUE_DEPTH, type_depth
from docmodels.page.structure import parse_page
from docmodels.reader import read_page
from docmodels.source import SourceFile, read
from generated import generate, python_page, write_page

CATALOG = REPO / "groundtruth" / "pages" / "catalog"

# Deeper than any grammar's stack-safety net and than the interpreter's recursion limit allows a
# recursive-descent parser to go: the fuzzing issue's 2,000 nested Vec<...>.
HOSTILE_DEPTH = 2_000

# Each grammar's array spelling, as (prefix, innermost type, suffix) around one level.
ARRAYS = {
    "python": ("List[", "str", "]"),
    "python-prior": ("[", "str", "]"),
    "rust": ("Vec<", "String", ">"),
    "go": ("[]", "string", ""),
    "java": ("List<", "String", ">"),
    "kotlin": ("kotlin.collections.List<", "kotlin.String", ">"),
    "scala": ("Seq[", "String", "]"),
    "typescript-axios": ("Array<", "string", ">"),
    "typescript-fetch": ("Array<", "string", ">"),
    "javascript": ("[", "String", "]"),
    "csharp": ("List<", "string", ">"),
    "php": ("", "string", "[]"),
    "ruby": ("Array<", "String", ">"),
    "dart": ("List<", "String", ">"),
    "dart-dio": ("BuiltList<", "String", ">"),
    "swift": ("[", "String", "]"),
    "r": ("array[", "character", "]"),
    "perl": ("ARRAY[", "string", "]"),
    "powershell": ("", "String", "[]"),
    "julia": ("Vector{", "String", "}"),
    "bash": ("array[", "string", "]"),
    "eiffel": ("LIST [", "STRING_32", "]"),
    "ktorm-schema": ("kotlin.collections.List<", "kotlin.String", ">"),
    "php-symfony": ("", "string", "[]"),
    "objc": ("NSArray<", "NSString*", ">*"),
    "rust-server": ("Vec<", "String", ">"),
    "universal": ("List<", "String", ">"),
}


def nested(dialect: str, depth: int) -> str:
    prefix, leaf, suffix = ARRAYS[dialect]
    if prefix:
        return prefix * depth + leaf + suffix * depth
    return leaf + suffix * depth  # a suffix-only spelling: string[][]


def read_row(dialect: str, type_text: str) -> tuple[TypeExpr | None, list[str]]:
    """The type a one-row page's property gets in ``dialect``, and the diagnostics."""
    page = parse_page("specs/Deep.md", python_page("Deep", [f"**a** | {type_text} |  | "]))
    forced = registry.by_name(dialect)
    assert forced is not None
    model, diagnostics = read_page(page, forced)
    assert model is not None
    # A type past a limit is not read: the property is Any, and says why.
    types = [field.type for field in model.fields if field.unread is None]
    return (types[0] if types else None), [str(d) for d in diagnostics]


def test_every_grammar_with_nesting_is_listed() -> None:
    """The table below is what proves each grammar's depth guard: a new one must join it."""
    # C's pages do not nest types; markdown's write a container without its items; python 6.x's
    # nest inline schemas, not cells (their guard: test_dialect_python6's deep page).
    assert set(ARRAYS) == set(registry.names()) - {"c", "markdown", "python6"}


@pytest.mark.parametrize("dialect", sorted(ARRAYS))
def test_the_spelling_is_an_array_of_arrays(dialect: str) -> None:
    """Keeps the deep cases honest: the spelling really nests in that dialect."""
    found, diagnostics = read_row(dialect, nested(dialect, 2))
    assert diagnostics == []
    if isinstance(found, EitherOf):  # php-symfony: the type the page wrote comes first
        found = found.members[0]
    assert isinstance(found, ArrayOf) and isinstance(found.items, ArrayOf)
    assert type_depth(found) == 2


@pytest.mark.parametrize("dialect", sorted(ARRAYS))
def test_a_type_nested_thousands_deep_is_a_diagnostic(dialect: str) -> None:
    found, diagnostics = read_row(dialect, nested(dialect, HOSTILE_DEPTH))
    assert found is None
    if ARRAYS[dialect][0]:  # a recursive grammar stops where it gives up
        message = f"type is nested too deeply; the limit is {MAX_TYPE_DEPTH} levels"
    else:  # a suffix loop reads it all, and the type's depth is known
        message = f"type is nested {HOSTILE_DEPTH} levels deep; the limit is {MAX_TYPE_DEPTH}"
    assert len(diagnostics) == 1
    assert re.fullmatch(
        rf"specs/Deep\.md:6:\d+: warning: property 'a': {message}; read as any value",
        diagnostics[0],
    )


@pytest.mark.parametrize("dialect", sorted(ARRAYS))
def test_a_type_at_the_limit_is_read(dialect: str) -> None:
    found, diagnostics = read_row(dialect, nested(dialect, MAX_TYPE_DEPTH))
    assert diagnostics == []
    assert found is not None and type_depth(found) == MAX_TYPE_DEPTH


@pytest.mark.parametrize("dialect", sorted(ARRAYS))
def test_one_level_past_the_limit_is_a_diagnostic_at_the_type(dialect: str) -> None:
    found, diagnostics = read_row(dialect, nested(dialect, MAX_TYPE_DEPTH + 1))
    assert found is None
    assert diagnostics == [
        f"specs/Deep.md:6:9: warning: property 'a': type is nested {MAX_TYPE_DEPTH + 1} levels "
        + f"deep; the limit is {MAX_TYPE_DEPTH}; read as any value"
    ]


def test_the_deep_type_error_points_where_the_grammar_gave_up() -> None:
    _, diagnostics = read_row("rust", nested("rust", HOSTILE_DEPTH))
    # Column 9 is the cell's first character; the grammar stops at twice the limit.
    assert diagnostics == [
        f"specs/Deep.md:6:{9 + len('Vec<') * 2 * MAX_TYPE_DEPTH}: warning: property 'a': "
        + f"type is nested too deeply; the limit is {MAX_TYPE_DEPTH} levels; read as any value"
    ]


def with_type(page: str, row: str, type_text: str) -> str:
    """``page`` with the Type cell of property ``row`` replaced."""
    lines = page.split("\n")
    for number, line in enumerate(lines):
        if f"**{row}**" in line:
            cells = line.split("|")
            cells[2 if line.startswith("|") else 1] = f" {type_text} "
            lines[number] = "|".join(cells)
            return "\n".join(lines)
    raise AssertionError(f"no row {row!r}")


@pytest.mark.parametrize(
    ("generator", "row", "spelling"),
    [
        ("rust@7.26.0", "name", "Vec<"),
        ("python@7.26.0", "name", "List["),
        ("java@7.26.0", "name", "List<"),
        ("go@7.26.0", "Name", "[]"),
    ],
)
def test_generate_in_strict_mode_reports_a_hostile_depth_and_writes_nothing(
    generator: str,
    row: str,
    spelling: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """As the fuzzing issue has it: a real page with one type nested 2,000 deep, its dialect
    detected from the page itself."""
    dialect = generator.split("@")[0]
    assert ARRAYS[dialect][0] == spelling
    page = (CATALOG / generator / "Category.md").read_text(encoding="utf-8")
    write_page(tmp_path / "specs", "Category", with_type(page, row, nested(dialect, HOSTILE_DEPTH)))
    monkeypatch.chdir(tmp_path)
    code = main(["generate", "specs", "-o", "out", "--strict"])
    _, err = capsys.readouterr()
    assert code == 1
    assert re.fullmatch(
        rf"specs/Category\.md:\d+:\d+: error: property '{row}': type is nested too deeply; "
        rf"the limit is {MAX_TYPE_DEPTH} levels; read as any value\n"
        "docmodels: errors found; nothing written; read 1 of 1 model pages; 1 property read as "
        "any value; 1 loss in all\n",
        err,
    ), err
    assert not (tmp_path / "out").exists()


def test_generate_reads_a_hostile_depth_as_any_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (CATALOG / "rust@7.26.0" / "Category.md").read_text(encoding="utf-8")
    write_page(tmp_path / "specs", "Category", with_type(page, "name", nested("rust", HOSTILE_DEPTH)))
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "specs", "-o", "out"]) == 0
    assert "name: _rt.typing.Any" in (tmp_path / "out" / "models" / "category.py").read_text()


def map_and_array_page(depth: int) -> str:
    """Maps and arrays in turn, ``depth`` levels in all, optional at the top (Rust's spelling)."""
    text = "i32"
    for level in range(depth):
        text = f"std::collections::HashMap<String, {text}>" if level % 2 else f"Vec<{text}>"
    return python_page(
        "Deep",
        [f"**a** | {nested('rust', MAX_TYPE_DEPTH)} |  | ", f"**b** | Option<{text}> |  | [optional]"],
    )


def test_generation_at_the_limit_compiles_and_validates(tmp_path: Path) -> None:
    """Every emitter (code, docs, schema, IR) handles the deepest type the reader accepts."""
    write_page(tmp_path / "specs", "Deep", map_and_array_page(MAX_TYPE_DEPTH))
    generated = generate(tmp_path / "specs", tmp_path / "out", cwd=tmp_path)
    for path, text in generated.files.items():
        if path.endswith(".py"):
            compile(text, path, "exec")
    deep_list: object = "x"
    for _ in range(MAX_TYPE_DEPTH):
        deep_list = [deep_list]
    model = generated.module.Deep.from_dict({"a": deep_list})
    assert model.to_dict() == {"a": deep_list}
    with pytest.raises(generated.module.ValidationError):
        generated.module.Deep.from_dict({"a": [[[1]]]})


def test_schema_and_ir_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    write_page(tmp_path / "specs", "Deep", map_and_array_page(MAX_TYPE_DEPTH))
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "specs"]) == 0
    schema = json.loads(capsys.readouterr().out)["$defs"]["Deep"]["properties"]["a"]
    depth = 0
    while "items" in schema:
        schema, depth = schema["items"], depth + 1
    assert depth == MAX_TYPE_DEPTH
    assert main(["ir", "specs"]) == 0
    assert '"Deep"' in capsys.readouterr().out


def test_maps_count_as_levels_too() -> None:
    type_text = "Vec<" * 20 + "std::collections::HashMap<String, " * 13 + "i32" + ">" * 33
    _, diagnostics = read_row("rust", type_text)
    assert diagnostics == [
        "specs/Deep.md:6:9: warning: property 'a': type is nested 33 levels deep; "
        + f"the limit is {MAX_TYPE_DEPTH}; read as any value"
    ]


def test_a_page_over_the_size_limit_is_a_diagnostic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = python_page("Big", ["**a** | **str** |  | "], description="x" * MAX_PAGE_BYTES)
    write_page(tmp_path / "specs", "Big", page)
    size = len(page.encode())
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "specs", "-o", "out", "--strict"]) == 1
    _, err = capsys.readouterr()
    assert err == (
        f"specs/Big.md:1:1: error: page is {size} bytes; the limit is {MAX_PAGE_BYTES} bytes; "
        "the page is left out\n"
        "docmodels: errors found; nothing written; read 0 of 1 model pages; 1 left out; 1 loss "
        "in all\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_page_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    head = "# Big\n\n"
    path = write_page(tmp_path, "Big", head + "x" * (MAX_PAGE_BYTES + 1 - len(head)))
    found = read(path, tmp_path)
    assert not isinstance(found, SourceFile)
    assert str(found) == (
        f"Big.md:1:1: error: page is {MAX_PAGE_BYTES + 1} bytes; the limit is {MAX_PAGE_BYTES} bytes"
    )


def test_a_page_at_the_size_limit_is_read(tmp_path: Path) -> None:
    head = "# Big\n\n"
    path = write_page(tmp_path, "Big", head + "x" * (MAX_PAGE_BYTES - len(head)))
    found = read(path, tmp_path)
    assert isinstance(found, SourceFile)
    assert len(found.text) == MAX_PAGE_BYTES


def test_the_readme_states_the_limits_in_force() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"| page size | {MAX_PAGE_BYTES // 2**20} MiB ({MAX_PAGE_BYTES:,} bytes) |" in text
    assert f"| type nesting | {MAX_TYPE_DEPTH} arrays and maps around a property's type |" in text
    assert f"| default nesting (overlay) | {MAX_VALUE_DEPTH} arrays and tables around" in text


def test_a_diagnostic_quotes_the_start_of_a_long_type_only() -> None:
    long_type = "Vec<" + "x, " * 5_000 + ">"
    _, diagnostics = read_row("rust", long_type)
    assert diagnostics == [
        "specs/Deep.md:6:13: warning: property 'a': unknown type 'x' in "
        + repr(long_type[:200]) + f"… ({len(long_type)} characters); read as any value"
    ]


def test_a_union_member_past_the_limit_is_a_diagnostic() -> None:
    """php-nextgen lists a oneOf's members; PHP reads string[][]… with a loop."""
    member = "string" + "[]" * HOSTILE_DEPTH
    page = f"# Shape\n\n## oneOf\n\n- **{member}**\n- **int**\n"
    model, diagnostics = read_page(parse_page("specs/Shape.md", page))
    assert [str(d) for d in diagnostics] == [
        f"specs/Shape.md:1:3: warning: member {member[:200]!r}… ({len(member)} characters): "
        + f"type is nested {HOSTILE_DEPTH} levels deep; the limit is {MAX_TYPE_DEPTH}; read as "
        + "any value"
    ]
    assert model is not None and model.variants[0] == AnyValue()

"""The adversarial corpus (tests/fixtures/adversarial/): pages written to break the generator.
Each either generates safe, working code, proven here, or fails with a clear diagnostic."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest
from conftest import REPO
from docmodels.load import load
from generated import Generated, generate

ADVERSARIAL = REPO / "tests" / "fixtures" / "adversarial"
GENERATES = ADVERSARIAL / "generates"
FAILS = ADVERSARIAL / "fails"


@pytest.fixture(scope="module")
def gen(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(GENERATES, tmp_path_factory.mktemp("adversarial"))


def constants(source: str) -> list[str]:
    return [n.value for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)]


def test_every_file_is_inside_the_output_folder(gen: Generated) -> None:
    for path in gen.files:
        resolved = (gen.root / path).resolve()
        assert resolved.is_relative_to(gen.root.resolve()), path
        assert path.split("/")[0] in (gen.name, "docs"), path


def test_module_names_are_unique_even_on_a_case_insensitive_disk(gen: Generated) -> None:
    names = [path.lower() for path in gen.files]
    assert len(names) == len(set(names))


def test_models_named_like_modules_do_not_shadow_the_package_or_the_stdlib(gen: Generated) -> None:
    module = gen.module
    # The package's own __init__ still exports the runtime's error and every model.
    assert module.ValidationError.__module__.endswith("_runtime")
    for title in ("../../x", "__init__", "os", "typing", "dataclasses"):
        model = next(m for m in gen.model_set.models if m.name == title)
        assert model.fields[0].wire_name == "a"
    exported = {name: getattr(module, name) for name in module.__all__}
    classes = {cls.__name__ for cls in exported.values() if isinstance(cls, type)}
    assert {"x", "init", "os", "typing", "dataclasses"} <= classes
    # The class named os is the package's attribute; the stdlib's os is untouched.
    assert module.os.from_dict({"a": "1"}).to_dict() == {"a": "1"}
    assert sys.modules["os"].sep == "/"
    assert module.dataclasses.__module__ == f"{gen.name}.dataclasses"


def test_names_that_differ_only_in_case_are_two_models(gen: Generated) -> None:
    assert gen.module.Account.from_dict({"a": "x"}).to_dict() == {"a": "x"}
    assert gen.module.ACCOUNT.from_dict({"b": 1}).to_dict() == {"b": 1}


def test_descriptions_arrive_exactly_and_only_as_text(gen: Generated) -> None:
    texts = next(m for m in gen.model_set.models if m.name == "Texts")
    wanted = {f.wire_name: f.description for f in texts.fields}
    assert wanted["separators"] == "Line\u2028separator, paragraph\u2029separator, next line\u0085too"
    assert wanted["nul"] == "A NUL \ufffd inside"  # CommonMark reads U+0000 as U+FFFD
    assert wanted["triple"].startswith('Ends a docstring: """ + __import__(\'os\')')
    source = gen.source("texts")
    found = constants(source)
    for text in (*wanted.values(), texts.description):
        assert text in found
    # Nothing from the page became a name, a call or a comment.
    names = {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
    assert not names & {"__import__", "system", "os", "exec", "eval"}
    assert "# not a comment" not in [line.strip() for line in source.splitlines()]


def test_defaults_that_read_like_code_stay_data(gen: Generated) -> None:
    defaults = gen.module.Defaults()
    assert defaults.as_string == '__import__("os").system("x")'
    assert defaults.as_code is None  # not a literal: ignored, with a warning
    assert any("as_code" in d.message and d.severity.value == "warning" for d in gen.diagnostics)


def test_properties_that_collide_or_shadow_methods_keep_their_wire_names(gen: Generated) -> None:
    payload = {name: name.upper() for name in
               ("fooBar", "foo_bar", "to_dict", "from_dict", "to_json", "from_json", "validate")}
    shadows = gen.module.Shadows.from_dict(payload)
    assert shadows.to_dict() == payload
    assert gen.module.Shadows.from_json(shadows.to_json()) == shadows


def test_enum_values_that_collide_as_names_are_three_members(gen: Generated) -> None:
    members = [(m.name, m.value) for m in gen.module.Colliding]
    assert [value for _, value in members] == ["A-B", "a_b", "a b"]
    assert len({name for name, _ in members}) == 3


def test_the_adversarial_package_passes_mypy_strict(gen: Generated) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(gen.package_dir)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# Losses in strict mode (and a duplicate model in any mode): errors, and nothing is written.
FAILURES: dict[str, list[str]] = {
    "CarriageReturn": [
        ("CarriageReturn.md:6:1: error: malformed row: expected 4 cells, found 3; property 'a' "
         "read as any value"),
        ("CarriageReturn.md:7:1: error: malformed row: expected 4 cells, found 2; property "
         "'after' read as any value"),
    ],
    "NotUtf8": [
        ("NotUtf8.md:3:1: error: not valid UTF-8: byte 0xff cannot start or continue a character; "
        "the page is left out")
    ],
    "Twice": [
        "TwiceAgain.md:1:3: error: duplicate model 'Twice' (also defined at Twice.md:1:3)",
    ],
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_pages_that_cannot_be_read_fail_with_a_diagnostic_at_their_line(case: str) -> None:
    folder = FAILS / case
    _, diagnostics = load([folder], folder, strict=True)
    assert [str(d) for d in diagnostics if d.severity.value == "error"] == FAILURES[case]


def test_every_failing_case_is_specified() -> None:
    assert sorted(p.name for p in FAILS.iterdir()) == sorted(FAILURES)

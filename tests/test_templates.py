"""A folder of templates shadows ours, and docs/templates.md names what each template receives."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SPECS
from docmodels.emit import targets
from docmodels.emit.render import Renderer, templates_dir
from docmodels.pipeline import build
from generated import import_package
from targets import specs_for

TEMPLATES_DOC = REPO / "docs" / "templates.md"
OURS = templates_dir()

def docmodels(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docmodels", *args],
        cwd=cwd, capture_output=True, text=True, check=False,
    )


def override(folder: Path, template: str, text: str) -> Path:
    path = folder / template
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return folder


def with_class_attribute(ours: str) -> str:
    """Our model template plus a class attribute listing the wire names, and a comment."""
    anchor = "    {{ model.docstring }}\n"
    assert anchor in ours
    return ours.replace(anchor, anchor + (
        "\n    # Overridden for {{ model.class_name }}.\n"
        "    WIRE_NAMES = ("
        "{% for field in model.fields %}{{ field.wire_literal }}, {% endfor %})\n"
    ), 1)


# Overrides


def test_an_overridden_model_template_changes_every_model_module(tmp_path: Path) -> None:
    ours = (OURS / "python" / "model.py.jinja").read_text(encoding="utf-8")
    folder = override(tmp_path / "mine", "python/model.py.jinja", with_class_attribute(ours))
    plain = build([SPECS], "models", base=REPO).files
    changed = build([SPECS], "pkg_override", base=REPO, templates=folder).files
    assert "# Overridden for CreateSession." in changed["pkg_override/create_session.py"]
    # The other templates are still ours: enum modules, the runtime and the docs are unchanged.
    for path in ("user_service_access_types.py", "_runtime.py"):
        assert changed[f"pkg_override/{path}"] == plain[f"models/{path}"]
    assert changed["docs/CreateSession.md"] == plain["docs/CreateSession.md"].replace(
        "from models import", "from pkg_override import"
    )
    models = import_files(tmp_path / "out", changed, "pkg_override")
    assert models.CreateSession.WIRE_NAMES[:2] == ("name", "project_id")


def import_files(root: Path, files: dict[str, str], package: str) -> Any:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return import_package(root, package)


def test_an_empty_override_folder_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert build([SPECS], "models", base=REPO, templates=tmp_path / "empty").files == build(
        [SPECS], "models", base=REPO
    ).files


def project(tmp_path: Path, config: str = "") -> Path:
    """A project with the seed specs and a [tool.docmodels] table."""
    shutil.copytree(SPECS, tmp_path / "specs")
    (tmp_path / "pyproject.toml").write_text(f"[tool.docmodels]\n{config}", encoding="utf-8")
    return tmp_path


def test_templates_from_the_config_relative_to_pyproject(tmp_path: Path) -> None:
    root = project(tmp_path, 'templates = "tpl"\n')
    override(root / "tpl", "docs/index.md.jinja", "# Our own index of {{ models|length }}\n")
    (root / "sub").mkdir()
    result = docmodels(["generate"], root / "sub")
    assert result.returncode == 0, result.stderr
    assert (root / "output" / "docs" / "README.md").read_text(encoding="utf-8") == (
        "# Our own index of 4\n"
    )
    # check uses the same templates: the output is up to date.
    assert docmodels(["check"], root).returncode == 0
    # and without them, it is not.
    (root / "pyproject.toml").write_text("[tool.docmodels]\n", encoding="utf-8")
    assert docmodels(["check"], root).returncode == 1


def test_the_command_line_replaces_the_configured_folder(tmp_path: Path) -> None:
    root = project(tmp_path, 'templates = "missing"\n')
    override(root / "tpl", "docs/index.md.jinja", "# Index\n")
    result = docmodels(["generate", "--templates", "tpl"], root)
    assert result.returncode == 0, result.stderr
    assert (root / "output" / "docs" / "README.md").read_text(encoding="utf-8") == "# Index\n"


@pytest.mark.parametrize("command", ["generate", "check"])
def test_a_missing_templates_folder_is_a_usage_error(tmp_path: Path, command: str) -> None:
    root = project(tmp_path)
    result = docmodels([command, "--templates", "nowhere"], root)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "docmodels: error: templates folder nowhere does not exist\n"
    assert not (root / "output").exists()


def test_a_file_for_a_templates_folder_is_a_usage_error(tmp_path: Path) -> None:
    root = project(tmp_path, 'templates = "tpl.jinja"\n')
    (root / "tpl.jinja").write_text("", encoding="utf-8")
    result = docmodels(["generate"], root)
    assert (result.returncode, result.stderr) == (
        2, "docmodels: error: templates folder tpl.jinja is not a folder\n"
    )


def test_a_templates_setting_that_is_not_a_path_is_a_configuration_error(tmp_path: Path) -> None:
    root = project(tmp_path, "templates = 3\n")
    result = docmodels(["generate"], root)
    assert result.returncode == 2
    assert result.stderr.endswith("[tool.docmodels] templates must be a path\n")


def test_a_syntax_error_in_an_override_names_the_file_and_line(tmp_path: Path) -> None:
    root = project(tmp_path)
    override(root / "tpl", "python/enum.py.jinja", "{{ module_docstring }}\n\n{% for x in %}\n")
    result = docmodels(["generate", "--templates", "tpl"], root)
    assert (result.returncode, result.stdout) == (2, "")
    assert re.fullmatch(
        r"docmodels: error: \S*tpl/python/enum\.py\.jinja:3: template syntax error: .+\n",
        result.stderr,
    ), result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "output").exists()


def test_an_unknown_variable_in_an_override_names_the_template(tmp_path: Path) -> None:
    root = project(tmp_path)
    override(root / "tpl", "docs/model.md.jinja", "# {{ model_title }}\n")
    result = docmodels(["generate", "--templates", "tpl"], root)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "docmodels: error: tpl/docs/model.md.jinja: 'model_title' is undefined\n"
    )


def test_an_override_that_writes_invalid_python_is_a_clear_error(tmp_path: Path) -> None:
    root = project(tmp_path)
    override(root / "tpl", "python/enum.py.jinja", "class {{ model.class_name }}(:\n")
    result = docmodels(["generate", "--templates", "tpl"], root)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "docmodels: error: models/user_service_access_types.py: the generated code is not "
        "valid Python: "
    ), result.stderr
    assert "cannot parse" in result.stderr.lower()  # black's words, which vary by release
    assert "Traceback" not in result.stderr


# docs/templates.md names exactly what the emitters pass.


def documented() -> dict[str, set[str]]:
    """The variable names of each template's table in docs/templates.md."""
    tables: dict[str, set[str]] = {}
    current = None
    for line in TEMPLATES_DOC.read_text(encoding="utf-8").splitlines():
        heading = re.fullmatch(r"### `([^`]+\.jinja)`", line)
        if heading:
            current = tables.setdefault(heading.group(1), set())
        elif current is not None and (row := re.match(r"\| `([^`]+)` \|", line)):
            current.add(row.group(1))
    return tables


def names_in(name: str, value: Any, *, inside_dataclass: bool = False) -> set[str]:
    """``name`` and the names within it as the doc spells them: ``model.fields[].attr``.

    Dicts built as views (the emitters' ``model`` dicts) are walked into; a dict that is a field
    of a dataclass holds data (an enum's members by value), so it is one variable."""
    found = {name}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            found |= names_in(f"{name}.{field.name}", getattr(value, field.name),
                              inside_dataclass=True)
    elif isinstance(value, dict) and not inside_dataclass:
        for key, item in value.items():
            found |= names_in(f"{name}.{key}", item)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) or dataclasses.is_dataclass(item):
                found |= names_in(f"{name}[]", item) - {f"{name}[]"}
    return found


@pytest.fixture(scope="module")
def passed() -> dict[str, set[str]]:
    """The names each template was rendered with, over specs that use every template."""
    seen: dict[str, set[str]] = {}
    original = Renderer.text

    def recording(self: Renderer, template: str, **context: Any) -> str:
        names = seen.setdefault(template, set())
        for key, value in context.items():
            names |= names_in(key, value)
        return original(self, template, **context)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Renderer, "text", recording)
        for target in targets.names():
            assert build(specs_for(target), "models", base=REPO, target=target).ok
    return seen


def test_every_template_is_documented(passed: dict[str, set[str]]) -> None:
    ours = sorted(p.relative_to(OURS).as_posix() for p in OURS.rglob("*.jinja"))
    # shared/ holds partials that other templates include: rendered with their includer's
    # context, never on their own.
    assert sorted(passed) == [name for name in ours if not name.startswith("shared/")]
    assert sorted(documented()) == ours


@pytest.mark.parametrize("template", sorted(documented()))
def test_the_documented_context_is_what_the_emitters_pass(
    passed: dict[str, set[str]], template: str
) -> None:
    # A shared partial is passed nothing of its own (and documents nothing).
    assert sorted(documented()[template]) == sorted(passed.get(template, set()))


def test_the_example_override_in_the_doc_renders(tmp_path: Path) -> None:
    text = TEMPLATES_DOC.read_text(encoding="utf-8")
    example = re.search(r"```jinja\n(.*?)```", text, re.DOTALL)
    assert example is not None
    ours = (OURS / "python" / "model.py.jinja").read_text(encoding="utf-8")
    head = ("class {{ model.class_name }}(_rt.{% block base %}Model{% endblock %}):\n"
            "{% if model.docstring %}\n"
            "    {{ model.docstring }}\n\n{% endif %}\n")
    assert example.group(1).startswith(head) and head in ours
    folder = override(tmp_path / "tpl", "python/model.py.jinja",
                      ours.replace(head, example.group(1), 1))
    files = build([SPECS], "pkg_doc_example", base=REPO, templates=folder).files
    models = import_files(tmp_path / "out", files, "pkg_doc_example")
    assert models.CreateSession200ResponseTimestampsInner.WIRE_NAMES == ("status", "timestamp")

"""What a cold ``docmodels generate`` imports: markdown-it only for a page the block scanner
leaves (page/blocks.py), importlib.metadata only when black runs (emit/formatting.py). Each
took some tens of milliseconds of every run, and of every process that reads pages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PAGE = """# Pet

A pet.

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**name** | **str** | The name. |
**tags** | **List[str]** |  | [optional]

[[Back to Model list]](../README.md#documentation-for-models)
"""
# A page with a block quote, which the scanner leaves to markdown-it.
QUOTED = PAGE.replace("A pet.", "> A pet.")


def _imported(tmp_path: Path, page: str) -> set[str]:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "Pet.md").write_text(page, encoding="utf-8")
    return _generated(tmp_path)


def _generated(tmp_path: Path) -> set[str]:
    """The modules a ``generate`` of tmp_path/pages imports, in a process of its own."""
    program = (
        "import json, sys\n"
        "from docmodels import cli\n"
        f"status = cli.main(['generate', {str(tmp_path / 'pages')!r}, '-o', "
        f"{str(tmp_path / 'out')!r}, '-q'])\n"
        "print(json.dumps([status, sorted(sys.modules)]))"
    )
    env = {"DOCMODELS_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""}
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          check=True, env=env)
    status, modules = json.loads(done.stdout.splitlines()[-1])
    assert status == 0
    return set(modules)


def test_a_cold_run_imports_neither_markdown_it_nor_package_metadata(tmp_path: Path) -> None:
    imported = _imported(tmp_path, PAGE)
    assert "markdown_it" not in imported
    assert "importlib.metadata" not in imported


def test_a_page_the_scanner_leaves_is_read_by_markdown_it(tmp_path: Path) -> None:
    assert "markdown_it" in _imported(tmp_path, QUOTED)


def test_a_run_with_nothing_changed_imports_nothing_a_build_needs(tmp_path: Path) -> None:
    """A run whose inputs are a recorded run's finds the output up to date from the record
    (runs.py): what only building needs is not imported (each module some milliseconds of
    a pre-commit hook's every run)."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "Pet.md").write_text(PAGE, encoding="utf-8")
    (pages / "docmodels-overlay.toml").write_text(
        "[models.Pet]\ndescription = 'A pet, overlaid.'\n", encoding="utf-8")
    _generated(tmp_path)
    modules = _generated(tmp_path)  # (nothing changed)
    building = {"docmodels.overlay.apply", "docmodels.load", "docmodels.pipeline",
                "docmodels.reader", "docmodels.dialects.registry", "jinja2", "ctypes"}
    assert building & modules == set()

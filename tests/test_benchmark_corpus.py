"""The benchmark corpus (benchmarks/corpus.py): pages docmodels reads cleanly, and their spec.

Only the corpus is tested here; its timings are measured by benchmarks/run.py, never in tests.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import REPO
from docmodels.diagnostics import Severity
from docmodels.ir import ModelKind
from docmodels.load import load

sys.path.insert(0, str(REPO / "benchmarks"))
import corpus  # benchmarks/ is a folder of scripts, not a package

SIZE = 40  # enough for every dialect, enum models and every kind of property


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    corpus.write(SIZE, folder)
    return folder


def test_the_corpus_is_a_function_of_its_size_and_seed(tmp_path: Path, written: Path) -> None:
    corpus.write(SIZE, tmp_path)
    for page in sorted((written / "pages").rglob("*.md")):
        same = tmp_path / page.relative_to(written)
        assert same.read_bytes() == page.read_bytes()
    assert (tmp_path / "openapi.json").read_bytes() == (written / "openapi.json").read_bytes()
    assert corpus.build(SIZE, seed=1) != corpus.build(SIZE, seed=0)


def test_it_mixes_dialects_and_every_kind_of_property() -> None:
    models = corpus.build(SIZE).models
    assert {model.dialect for model in models} == set(corpus.DIALECTS)
    assert any(model.is_enum for model in models)
    kinds = {prop.kind for model in models for prop in model.props}
    assert kinds == {kind for kind, _ in corpus._KINDS}
    assert any(prop.default is not None for model in models for prop in model.props)


def test_docmodels_reads_every_page_without_an_error(written: Path) -> None:
    model_set, diagnostics = load([written / "pages"], written)
    assert [d for d in diagnostics if d.severity is Severity.ERROR] == []
    assert len(model_set.models) == SIZE


def test_each_page_is_read_in_the_dialect_it_was_written_in(written: Path) -> None:
    read = load([written / "pages"], written)[0].by_name()
    for model in corpus.build(SIZE).models:
        if not model.is_enum:  # an enum page's values name no type: its dialect is generic
            assert read[model.name].dialect == model.dialect, model.name


def test_the_spec_describes_the_models_the_pages_do(written: Path) -> None:
    schemas = json.loads((written / "openapi.json").read_text())["components"]["schemas"]
    read = load([written / "pages"], written)[0].by_name()
    assert set(schemas) == set(read)
    for name, model in read.items():
        schema = schemas[name]
        if model.kind is ModelKind.ENUM:
            assert [v.value for v in model.enum_values] == schema["enum"]
            continue
        assert len(model.fields) == len(schema["properties"]), name
        required = {f.wire_name for f in model.fields if f.required}
        if model.dialect not in ("go", "java"):  # their pages write field names, not JSON keys
            assert required == set(schema.get("required", ())), name


def test_one_changed_page_changes_only_that_page(tmp_path: Path) -> None:
    corpus.write(10, tmp_path)
    before = {p.name: p.read_text() for p in (tmp_path / "pages").rglob("*.md")}
    changed = corpus.change_one_page(tmp_path, "Edited.")
    after = {p.name: p.read_text() for p in (tmp_path / "pages").rglob("*.md")}
    assert [name for name in before if before[name] != after[name]] == [changed.name]
    model = load([changed], tmp_path)[0].models[0]
    assert model.description.endswith("Edited.")

"""From spec paths to a resolved model set: discover, read, parse each page, resolve."""

from __future__ import annotations

from pathlib import Path

from docmodels.diagnostics import Diagnostic, sort_key
from docmodels.dialects.base import Dialect
from docmodels.ir import Model, ModelSet
from docmodels.reader import read_source
from docmodels.resolve import resolve
from docmodels.source import SourceFile, discover, read


def load(
    specs: list[Path], base: Path, dialect: Dialect | None = None
) -> tuple[ModelSet, list[Diagnostic]]:
    paths, diagnostics = discover(specs, base)
    models: list[Model] = []
    for path in paths:
        source = read(path, base)
        if not isinstance(source, SourceFile):
            diagnostics.append(source)
            continue
        model, found = read_source(source, dialect)
        diagnostics.extend(found)
        if model is not None:
            models.append(model)
    model_set, found = resolve(models)
    diagnostics.extend(found)
    diagnostics.sort(key=sort_key)
    return model_set, diagnostics

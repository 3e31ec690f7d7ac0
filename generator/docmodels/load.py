"""From spec paths to a resolved model set: discover, read, parse each page, apply overlays,
resolve."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docmodels.diagnostics import Diagnostic, sort_key
from docmodels.dialects.base import Dialect
from docmodels.ir import Model, ModelSet
from docmodels.overlay import Overlay, apply_overlays, overlay_paths, read_overlay
from docmodels.reader import read_source
from docmodels.resolve import resolve
from docmodels.source import SourceFile, discover, read


def load(
    specs: list[Path],
    base: Path,
    dialect: Dialect | None = None,
    overlays: Sequence[Path] = (),
) -> tuple[ModelSet, list[Diagnostic]]:
    """``overlays``: overlay files to apply besides the docmodels-overlay.toml of each spec
    folder, in order (a later file's fact wins)."""
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
    applied: list[Overlay] = []
    for path in overlay_paths(specs, overlays):
        overlay, found = read_overlay(path, base)
        diagnostics.extend(found)
        if overlay is not None:
            applied.append(overlay)
    models, found = apply_overlays(models, applied)
    diagnostics.extend(found)
    model_set, found = resolve(models)
    diagnostics.extend(found)
    diagnostics.sort(key=sort_key)
    return model_set, diagnostics

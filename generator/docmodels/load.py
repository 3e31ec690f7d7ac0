"""From spec paths to a resolved model set: discover, read, parse each page, apply overlays,
resolve."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from docmodels import pagecache
from docmodels.diagnostics import Diagnostic, sort_key
from docmodels.ir import Model, ModelSet
from docmodels.overlay import Overlay, apply_overlays, overlay_paths, read_overlay
from docmodels.pagecache import PageCache
from docmodels.resolve import resolve
from docmodels.source import decode, discover_shown, read_bytes

if TYPE_CHECKING:
    from docmodels.dialects.base import Dialect


def load(
    specs: list[Path],
    base: Path,
    dialect: Dialect | None = None,
    overlays: Sequence[Path] = (),
    cache: Path | None = None,
) -> tuple[ModelSet, list[Diagnostic]]:
    """``overlays``: overlay files to apply besides the docmodels-overlay.toml of each spec
    folder, in order (a later file's fact wins); ``cache``: the cache folder, where what reading
    each page gave is remembered (pagecache)."""
    paths, diagnostics = discover_shown(specs, base)
    models: list[Model] = []
    pages = PageCache(cache / "pages") if cache is not None else None
    for path, shown in paths:
        data = read_bytes(path, shown)
        if isinstance(data, Diagnostic):
            diagnostics.append(data)
            continue
        model, found = _read(data, shown, dialect, pages)
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


def _read(
    data: bytes, shown: str, dialect: Dialect | None, pages: PageCache | None
) -> tuple[Model | None, list[Diagnostic]]:
    """What reading a page's bytes gives: remembered, or read (the reader, markdown-it and the
    dialects are only imported when a page must be read)."""
    entry = None
    if pages is not None:
        entry = pagecache.key(data, shown, dialect.name if dialect is not None else None)
        remembered = pages.get(entry)
        if remembered is not None:
            return remembered
    from docmodels import reader

    source = decode(data, shown)
    if isinstance(source, Diagnostic):
        result: tuple[Model | None, list[Diagnostic]] = (None, [source])
    else:
        result = reader.read_source(source, dialect)
    if pages is not None and entry is not None:
        pages.put(entry, result)
    return result

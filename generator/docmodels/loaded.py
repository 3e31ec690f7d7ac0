"""Remembering what loading gave: the resolved model set and its diagnostics, by everything that
decides them, so that ``ir``, ``schema`` or a ``generate`` of other options over the same pages
take it instead of settling and resolving every page again (at 10,000 pages, the readings'
decoding and the load's passes over every model are some 1.6 s of ``ir`` or ``schema`` run
after ``generate``).

What decides a model set: docmodels' own code and what reading uses (Python, markdown-it), the
options the load takes (the base folder, the dialect, the spec folders, strict, the key
convention, the input limit), every page's path and hash (as the run's fingerprint found them:
runs.PageHashes) and every overlay's path and bytes. Their hash names a record in the cache
folder's ``runs/`` (``loaded-KEY``: JSON, the model set's order and what is not a model, and
the diagnostics); the models are kept by their digests (digest.py) in an appended store
(store.py) per set of spec folders, so that a run after a change adds the changed models only.
A ``generate`` keeps what it loaded (its render memo has every model's digest already); ``ir``
and ``schema`` take it.

Everything read is checked (JSON of the shapes written, models decoded by ir_codec as the page
cache's are, never unpickled): anything else is a record not found, and the pages are loaded.
Data is still believed, as the page cache's is: a well-formed record planted under a key
changes the models it stands for; it cannot run anything.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docmodels import __version__, pagecache
from docmodels.cachedir import PAGES, read_sealed_json, touch, write_sealed_json
from docmodels.diagnostics import Diagnostic
from docmodels.ir import (
    KeyCase,
    KeyConvention,
    Model,
    ModelSet,
    UnreadPage,
    WireNameSource,
    model_references,
)
from docmodels.runs import code, diagnostic_from_json, diagnostic_json

if TYPE_CHECKING:
    from docmodels.runs import PageState
    from docmodels.store import AppendStore

_FORMAT = "docmodels loaded 2"
_STORE_HEAD = b"docmodels model store 2\n"


@dataclass(frozen=True, slots=True)
class Loaded:
    """Where the model set of one run's load inputs is remembered (``key``: their hash)."""

    directory: Path  # the cache folder's runs/
    key: str
    scope: str  # the spec folders, resolved: one model store for each set
    pages: Path  # the page store of the same spec folders (pagecache.PageCache.path)

    @staticmethod
    def of(
        cache: Path, specs: Sequence[Path], base: Path, dialect: str | None,
        overlays: Sequence[Path], strict: bool, key_case: KeyCase | None, max_input_bytes: int,
        hashes: Mapping[str, PageState],
    ) -> Loaded | None:
        """The place of a load of these inputs; ``hashes``: every page's, as the run's
        fingerprint found them (a whole fingerprint's: the caller has its key). None where an
        overlay cannot be read (the load says why)."""
        from docmodels.overlay.file import overlay_paths

        scope = "\0".join(sorted(os.fsdecode(spec.resolve()) for spec in specs))
        made_by = f"{_FORMAT}\0{__version__}\0{code()}\0{pagecache.reading_tools()}\0"
        digest = hashlib.sha256(made_by.encode())
        options = (os.fsdecode(base.resolve()), dialect or "", scope, str(strict),
                   key_case.value if key_case is not None else "", str(max_input_bytes))
        for option in options:
            digest.update(option.encode("utf-8", "surrogatepass") + b"\0")
        for path, state in sorted(hashes.items()):
            digest.update(path.encode("utf-8", "surrogatepass") + b"\0" + state.sha256.encode()
                          + b"\0")
        digest.update(b"overlays\0")
        for overlay in overlay_paths(specs, overlays):
            try:
                data = overlay.read_bytes()
            except OSError:
                return None
            digest.update(os.fsencode(overlay.resolve()) + b"\0"
                          + hashlib.sha256(data).digest())
        return Loaded(cache / "runs", digest.hexdigest(), scope,
                      pagecache.store_path(cache / PAGES, scope))

    def find(self) -> tuple[ModelSet, list[Diagnostic]] | None:
        """The model set and diagnostics a load of these inputs gave, or None."""
        path = self.directory / f"loaded-{self.key}"
        try:
            record = read_sealed_json(path)
            if record is None:
                return None  # damaged: cut short, a byte changed
        except (OSError, ValueError):
            return None
        store = self._store()
        try:
            found = _model_set(record, self.key, store)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            found = None
        finally:
            store.save()
        if found is not None:
            touch(path)
            touch(self.pages)  # (used: the pages' readings are what this stands for)
        return found

    def keep(self, model_set: ModelSet, diagnostics: Sequence[Diagnostic],
             digest: Callable[[Model], bytes]) -> None:
        """Remember what a load of these inputs gave; ``digest``: each model's (digest.py, as
        the render memo has it)."""
        store = self._store()
        keys = []
        try:
            for model in model_set.models:
                key = digest(model).hex()
                keys.append(key)
                if store.holds(key):
                    store.keep(key)
                else:
                    data = pagecache.encoded(key, _as_reading(model))
                    if data is None:
                        return  # (nothing a page gives fails to encode; if it does, no record)
                    store.add(key, data)
        finally:
            store.save()
        record = {
            "format": _FORMAT,
            "key": self.key,
            "models": keys,
            "left_out": [_page_json(p) for p in model_set.left_out],
            "skipped": [_page_json(p) for p in model_set.skipped],
            "key_conventions": [_convention_json(c) for c in model_set.key_conventions],
            "diagnostics": [diagnostic_json(d) for d in diagnostics],
        }
        write_sealed_json(self.directory / f"loaded-{self.key}", record)

    def _store(self) -> AppendStore:
        from docmodels.store import AppendStore

        name = hashlib.sha256(self.scope.encode("utf-8", "surrogatepass")).hexdigest()
        return AppendStore(self.directory / f"models-{name}", _STORE_HEAD)


def _as_reading(model: Model) -> Any:
    """A model as the page cache's codec writes it: the model of a reading of its own."""
    from docmodels.reading import PageReading

    return PageReading(model, ())


def _model_of(data: bytes, key: str) -> Model | None:
    """A stored model (pagecache's entry of a reading holding it alone), or None."""
    reading = pagecache.decoded(data, key)
    if reading is None or reading.model is None or reading.diagnostics or reading.inline:
        return None
    return reading.model


def _model_set(
    record: Any, key: str, store: AppendStore
) -> tuple[ModelSet, list[Diagnostic]] | None:
    if not (type(record) is dict and record.get("format") == _FORMAT and record.get("key") == key):
        return None
    keys = record["models"]
    if type(keys) is not list or not all(type(k) is str and len(k) == 64 for k in keys):
        return None
    models = []
    for found_key in keys:
        found = store.get(found_key, partial(_model_of, key=found_key))
        if found is None:
            return None
        models.append(found)
    # What resolution makes sure of, which the emitters count on: one model a name, and a model
    # for every name referred to (a record of models of two runs, planted or not, may lack it).
    names = {model.name for model in models}
    if len(names) != len(models) or not all(
        names.issuperset(model_references(model)) for model in models
    ):
        return None
    return ModelSet(
        tuple(models),
        tuple(_page(p) for p in _list(record["left_out"])),
        tuple(_page(p) for p in _list(record["skipped"])),
        tuple(_convention(c) for c in _list(record["key_conventions"])),
    ), [diagnostic_from_json(d) for d in _list(record["diagnostics"])]


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("not a list")
    return value


def _page_json(page: UnreadPage) -> list[object]:
    return [page.path, page.reason, page.name]


def _page(data: Any) -> UnreadPage:
    path, reason, name = data
    if not (type(path) is str and type(reason) is str and (name is None or type(name) is str)):
        raise TypeError("a page is its path, why, and its title's name")
    return UnreadPage(path, reason, name)


def _convention_json(convention: KeyConvention) -> list[object]:
    return [convention.folder, convention.names.value,
            None if convention.keys is None else convention.keys.value,
            convention.source.value, list(convention.evidence)]


def _convention(data: Any) -> KeyConvention:
    folder, names, keys, source, evidence = data
    if not (type(folder) is str and type(evidence) is list
            and all(type(e) is str for e in evidence)):
        raise TypeError("a key convention is its folder, cases, source and evidence")
    return KeyConvention(folder, KeyCase(names), None if keys is None else KeyCase(keys),
                         WireNameSource(source), tuple(evidence))

"""Rendering only what changed: each model's files are made from a *scope*, the few models the
file may read, and remembered by a hash of exactly that scope.

A model's module reads the model and the models it refers to (their names, kinds, whether they
share its import cycle); its docs page reads the model and its neighbourhood (the models it
refers to and those that refer to it: their names, pages, diagram ids and, for the diagram,
their properties and values). The emitters are handed only that scope, never the whole model
set, so a file cannot read what its hash does not cover: a file whose scope is unchanged is the
file the last run rendered, byte for byte, and the memo gives it back without rendering.

The memo is one appended store (store.py) in the cache folder per output folder and options,
holding the files the runs rendered by the hash of their scope, and what the last run recorded
of them. It is only a shortcut: a missing, unreadable or foreign memo renders everything, and
deleting it is always safe. It holds text and nothing else (never a pickle: a cache folder may
come from somewhere untrusted), each entry in UTF-8 (lone surrogates kept, as ``surrogatepass``
writes them) with its CRC-32: an entry that is not what its CRC says (a byte changed by a disk
or by hand) is one not found, and its file is rendered again. A run from scratch reads it in
one pass and appends only what it made (it wrote the whole memo again, 73 MB at 10,000 pages,
for one page changed); the store is written again with only what a run used once it holds more
than twice that. A watch's run, which holds every text it keeps, writes it again with them,
between runs.

In a watch, finding and hashing every file's scope on every run is itself the cost (20,000
files at 10,000 models). The emitters keep what each file was made from (``MadeFrom``: its
entry, its scope's models by name), and a run finds once which models moved (``Moved``: those
that are not the very objects the last run had, the watch's steps giving an unchanged model
the very object it was): a file whose scope holds none of them is the memo's, as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import jinja2

from docmodels import __version__
from docmodels.cachedir import RENDERED
from docmodels.digest import digest as _digest
from docmodels.ir import Model, model_references
from docmodels.recall import Recall
from docmodels.runs import code
from docmodels.store import AppendStore

if TYPE_CHECKING:
    from docmodels.emit.python import ModelNames

_FORMAT = b"docmodels render memo 5 (a store of texts) "
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MadeFrom:
    """A file's memo entry, and the models of the scope it was made from (by name): in a
    watch, the file is the one it was while none of them moved (``Moved``)."""

    entry: str
    names: tuple[str, ...]

    @staticmethod
    def of(
        memo: RenderMemo, kind: str, names: tuple[str, ...], parts: Iterable[bytes | str]
    ) -> MadeFrom:
        return MadeFrom(memo.entry(kind, parts), names)


class RenderMemo:
    """Rendered files by the hash of their scope; ``path`` None: render everything, remember
    nothing. ``salt``: what every file depends on besides its scope (docmodels' code and
    templates, the template overrides, the package, the target)."""

    def __init__(
        self, path: Path | None, salt: Iterable[str], recall: Recall | None = None,
        previous: Callable[[str], dict[str, str] | None] | None = None,
    ) -> None:
        """``recall``: what the earlier runs of a watch hashed (recall.py): a model's digest,
        names and scope hash are made again only for the models that changed; ``previous``:
        the memo the last run of a watch left, by salt (None: not that one), where loading it
        from the file again would cost a big API a second."""
        self.path = path
        self._recall = recall
        # Python and jinja2 render; docmodels' code holds the templates and the rest.
        environment = f"{__version__}\0{code()}\0{sys.version}\0{jinja2.__version__}\0"
        digest = hashlib.sha256(_FORMAT + environment.encode())
        for part in salt:
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        self.salt = digest.hexdigest()
        kept = previous(self.salt) if previous is not None else None
        # What the last run left: a watch's in memory, else the store's (read whole: a run takes
        # nearly every entry).
        self._store = (AppendStore(path, _FORMAT + self.salt.encode() + b"\n")
                       if path is not None else None)
        # A watch's run holds every text it keeps, and writes the store again with them
        # (``save``): it needs neither the store's index nor what it took from the store.
        self._in_memory = recall is not None
        self._kept: dict[str, str] = (
            kept if kept is not None else self._store.read_all(_text, not self._in_memory)
            if self._store is not None else {}
        )
        self.used: dict[str, str] = {}
        # The texts this run took from what the last run left, as they were handed out: one
        # still the same object (or equal) when saved is in the store already, not appended.
        self._taken: dict[str, str] = {}
        # A rendered module is remembered as laid out once it is (``finished``), under
        # "final:ENTRY" in place of ENTRY; modules rendered outside the memo are remembered
        # laid out by the hash of their rendered text ("layout:HASH"). The texts handed out
        # this run are known by identity: a text is the object the memo gave, until the
        # formatter replaces it.
        self._entries: dict[int, str] = {}
        self._final: set[int] = set()
        self.rendered = 0
        # In a run from scratch, the models that are not as the last run had them (by their
        # digests, where the plan's record tells: python.plan_names), else None (unknown).
        self.moved: frozenset[str] | None = None
        # The files a watch's run made from all the models (``whole_file``): kept by ``save``,
        # between runs, for the runs from scratch after the watch.
        self._whole: list[tuple[str, object, str]] = []
        # The records a watch's run keeps (``keep_record_later``), made when the memo is saved.
        self._later: list[tuple[str, Callable[[], str | None]]] = []
        self._digests: dict[str, tuple[Model, bytes]] = {}
        self._names: dict[str, tuple[ModelNames, str]] = {}

    def digest(self, model: Model) -> bytes:
        """A hash of everything a model says: of its pickle, from which pickle builds the model
        again, so that two models with one digest are equal. Pickled without pickle's memo,
        which would make it depend on which of the model's parts are one object: a model read
        from its page and the same model from the page cache (JSON) have one digest."""
        if self._recall is not None:
            return self._recall.get("memo.digest", (model,), None, partial(_digest, model))
        known = self._digests.get(model.name)
        if known is not None and known[0] is model:
            return known[1]
        value = _digest(model)
        self._digests[model.name] = (model, value)
        return value

    def names(self, name: str, planned: ModelNames) -> str:
        """A model's planned names as text (every scope that holds the model shows them)."""
        if self._recall is not None:
            return self._recall.get("memo.names", (planned,), None, partial(repr, planned))
        known = self._names.get(name)
        if known is not None and known[0] is planned:
            return known[1]
        text = repr(planned)
        self._names[name] = (planned, text)
        return text

    def entry(self, kind: str, parts: Iterable[bytes | str]) -> str:
        """The memo's key of a file of this kind rendered from ``parts``."""
        digest = hashlib.sha256(f"{self.salt}\0{kind}\0".encode())
        for part in parts:
            data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little") + data)
        return digest.hexdigest()

    def previous(self, key: str) -> str | None:
        """The text the last run left under ``key``, or None."""
        key = _stored_key(key)
        text = self._kept.get(key)
        if text is not None and not self._in_memory:
            self._taken[key] = text
        return text

    def known(self) -> int:
        """How many entries the last run left (each file's text, and what is kept besides)."""
        return len(self._kept)

    def file_at(self, entry: str, make: Callable[[], str]) -> str:
        """The file of memo key ``entry``: the memo's (as laid out, where it was), or what
        ``make`` renders."""
        text = self.previous("final:" + entry)
        if text is not None:
            self.used["final:" + entry] = text
            self._final.add(id(text))
            return text
        text = self.previous(entry)
        if text is None:
            text = make()
            self.rendered += 1
        self.used[entry] = text
        self._entries[id(text)] = entry
        return text

    @property
    def steps(self) -> Recall | None:
        """What the earlier runs of a watch made of each model (recall.py), where this is one."""
        return self._recall

    def recall(self, key: str) -> str | None:
        """What the last run kept under ``key`` (``keep``); the caller checks it still holds."""
        return self.previous(key)

    def keep(self, key: str, text: str) -> None:
        """Remember ``text`` under ``key`` for the next run."""
        self.used[_stored_key(key)] = text

    def recorded(self, key: str, head: object) -> list[Any] | None:
        """The rows of the record the last run kept under ``key`` (``keep_record``: JSON, a
        head and a list of rows), where its head is ``head`` (what every row was made with:
        the import cycles, the diagram's ids); the caller checks each row."""
        text = self.previous(key)
        if text is None:
            return None
        try:
            was, rows = json.loads(text)
        except (ValueError, TypeError):
            return None
        return rows if was == head and type(rows) is list else None

    def keep_record(self, key: str, text: str) -> None:
        """``keep`` a record of what a run made (plan_record's), which ``save`` writes where
        its text changed."""
        self.used[_stored_key(key)] = text

    def keep_record_later(self, key: str, make: Callable[[], str | None]) -> None:
        """A record (``keep_record``'s) of ``make()``, made as the memo's file is written
        (None: no record), and not kept in memory: a watch's runs keep theirs so, between
        runs, out of the time a saved page takes, for the runs from scratch after the watch.
        Without them, the first run from scratch after a watch (a commit's hook, say) found
        nothing recorded, and planned every model and found every scope again."""
        self._later.append((_stored_key(key), make))

    def is_final(self, text: str) -> bool:
        """``text`` is a module this memo gave already laid out."""
        return id(text) in self._final

    def finished(self, text: str, laid_out: str) -> bool:
        """Remember ``laid_out`` in place of ``text``, a module this memo gave as rendered;
        False where the text did not come from the memo."""
        entry = self._entries.get(id(text))
        if entry is None or self.used.get(entry) is not text:
            return False
        del self.used[entry]  # (the next run takes the module laid out, not to lay it out)
        self.used["final:" + entry] = laid_out
        return True

    def laid_out(self, source_hash: str) -> str | None:
        """The layout the last run gave a module rendered exactly so, if it had one."""
        return self.previous("layout:" + source_hash)

    def remember_layout(self, source_hash: str, formatted: str) -> None:
        self.used["layout:" + source_hash] = formatted

    def keep_whole(self, step: str, inputs: object, text: str) -> None:
        """Keep ``text``, which a watch's run made from ``inputs`` (``whole_file``), under the
        entry a run from scratch looks it up by: found when the memo is saved, between runs."""
        self._whole.append((step, inputs, text))

    def save(self) -> None:
        """Keep what this run rendered or reused, and only that, for the next run: the store
        appended with what it does not hold yet (and written again with only what this run
        used, where it holds more than twice that); a watch's run, which holds every text it
        keeps, writes the store again with them."""
        store = self._store
        for step, inputs, text in self._whole:
            self.used.setdefault(self.entry(step, [repr(inputs)]), text)
        self._whole = []
        later, self._later = self._later, []
        if store is None:
            return
        if self._in_memory:
            # (Between a watch's runs, streamed: appending would need the store's index and
            # what it counts of 40,000 entries, some 12 MB more at the watch's peak.)
            store.rewrite(chain(
                ((key, text.encode("utf-8", "surrogatepass")) for key, text in self.used.items()),
                _made(later)))
            return
        try:
            for key, text in self.used.items():
                taken = self._taken.get(key)  # (what the store held, read from it: there still)
                if taken is not None and (taken is text or taken == text):
                    store.keep(key)
                else:
                    store.add(key, text.encode("utf-8", "surrogatepass"))
            for key, data in _made(later):
                store.add(key, data)
        finally:
            store.save()


def _made(later: Iterable[tuple[str, Callable[[], str | None]]]) -> Iterator[tuple[str, bytes]]:
    """Each of ``later``'s records, made as it is written (a watch's: for the runs from
    scratch after it, held by neither the run nor the session, and each only while it is
    written: at 10,000 models 7 MB of text, some 20 MB of the watch's peak when they were kept
    like the files)."""
    for key, make in later:
        made = make()
        if made is not None:
            data = made.encode("utf-8", "surrogatepass")
            del made  # (held once, as bytes, while it is written)
            yield key, data


def _stored_key(key: str) -> str:
    """The store's key of a memo key: itself where it is short ASCII (a file's hash, a
    record's name), else a hash of it (a docs page's example, by its model's name)."""
    if len(key) <= _KEY_BYTES and key.isascii():
        return key
    return "key:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


_KEY_BYTES = 128


def _text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None


def memo_path(cache: Path, parts: Iterable[str]) -> Path:
    """Where the memo of one output folder and set of options lives in the cache folder."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return cache / RENDERED / digest.hexdigest()


def folder_fingerprint(folder: Path | None) -> str:
    """A hash of every file in ``folder`` (a user's template overrides): names and bytes."""
    if folder is None:
        return ""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(os.fsencode(path.relative_to(folder)) + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class ModuleScope:
    """What a model's module may read: the model and the models it refers to (sorted by name),
    their planned names, and whether each is in the model's import cycle (0) or not (1)."""

    model: str  # whose module it is (two models that refer to each other share their names)
    names: tuple[str, ...]
    plan: dict[str, ModelNames]
    by_name: dict[str, Model]
    component: dict[str, int]

    def parts(self, memo: RenderMemo) -> list[bytes | str]:
        parts: list[bytes | str] = [self.model]
        for name in self.names:
            parts += [name, memo.digest(self.by_name[name]), memo.names(name, self.plan[name])]
            parts.append(str(self.component[name]))
        return parts


def module_scope(
    model: Model,
    plan: dict[str, ModelNames],
    by_name: dict[str, Model],
    component: dict[str, int] | None = None,
) -> ModuleScope:
    """``component``: each model's import cycle (python._cycles), where the module reads it."""
    names = tuple(sorted({model.name, *model_references(model)}))
    own = component.get(model.name) if component is not None else None
    return ModuleScope(
        model.name,
        names,
        restrict(plan, names),
        restrict(by_name, names),
        {n: 0 if component is None or component.get(n) == own else 1 for n in names},
    )


@dataclass(frozen=True, slots=True)
class Moved:
    """What changed since the last run of a watch: the models whose model or planned names are
    not the very objects they were (or that came or went), and those with the models they
    refer to or referred to (whose pages' neighbourhoods that may change). A file whose scope
    holds none of them, made from the same other inputs, is the file it was: its models and
    their names are the very objects they were, for every file at once."""

    names: frozenset[str]
    touched: frozenset[str]


def moved_since(
    by_name: dict[str, Model], plan: dict[str, ModelNames],
    last_by_name: dict[str, Model], last_plan: dict[str, ModelNames],
) -> Moved:
    names = {n for n, m in by_name.items() if last_by_name.get(n) is not m}
    names.update(n for n, p in plan.items() if last_plan.get(n) is not p)
    names.update(last_by_name.keys() - by_name.keys())
    return moved_of(names, by_name, last_by_name)


def moved_of(names: Iterable[str], *by_names: Mapping[str, Model]) -> Moved:
    """The models ``names`` moved, and with them those their models in ``by_names`` (now, and
    the last run's where it has them) refer to."""
    names = frozenset(names)
    touched = set(names)
    for name in names:
        for by_name in by_names:
            model = by_name.get(name)
            if model is not None:
                touched.update(model_references(model))
    return Moved(names, frozenset(touched))


@dataclass(frozen=True, slots=True)
class _Made:
    """What a run of a watch made for each model (a module's scope, a fact of the package's),
    and the models, names and import cycles it made them from."""

    by_name: dict[str, Model]
    plan: dict[str, ModelNames]
    component: dict[str, int] | None
    made: Mapping[str, object]


def _last_made(
    steps: Recall | None, key: Hashable, by_name: dict[str, Model],
    plan: dict[str, ModelNames], component: dict[str, int] | None,
) -> tuple[_Made | None, Moved | None]:
    """What the last run made under ``key`` (``_Made``), and what moved since; no ``Moved``
    where the import cycles are not the very ones (every model then made again)."""
    last: _Made | None = steps.last("memo.made", key) if steps is not None else None
    moved = (moved_since(by_name, plan, last.by_name, last.plan)
             if last is not None and last.component is component else None)
    return last, moved


def model_modules(
    models: Iterable[Model],
    package: str,
    kind: str,
    plan: dict[str, ModelNames],
    by_name: dict[str, Model],
    component: dict[str, int] | None,
    memo: RenderMemo | None,
    render: Callable[[Model, ModuleScope], str],
) -> dict[str, str]:
    """A module per model, each made from its scope only (what the memo's hash covers):
    ``render(model, scope)``, or the memo's file of that ``kind`` from the same scope;
    ``component``: each model's import cycle (python._cycles), where the modules read it.
    In a watch, a module whose scope holds no model that moved (``Moved``), with the same
    import cycles, is taken as it was without finding its scope."""
    if memo is None:
        return {
            f"{package}/{plan[model.name].module}.py": render(
                model, module_scope(model, plan, by_name, component)
            )
            for model in models
        }
    steps = memo.steps
    key = (memo.salt, kind)
    if steps is not None:
        last, moved = _last_made(steps, key, by_name, plan, component)
    else:
        last, moved = _recorded_made(memo, kind, by_name, plan, component)
    made_now: dict[str, MadeFrom] = {}
    files: dict[str, str] = {}
    for model in models:
        made = None
        if last is not None and moved is not None:
            made = cast(MadeFrom | None, last.made.get(model.name))
            if made is not None and not moved.names.isdisjoint(made.names):
                made = None
        if made is None:
            scope = module_scope(model, plan, by_name, component)
            made = MadeFrom.of(memo, kind, scope.names, scope.parts(memo))
        made_now[model.name] = made
        files[f"{package}/{plan[model.name].module}.py"] = memo.file_at(
            made.entry, partial(_render_in_scope, render, model, plan, by_name, component)
        )
    if steps is not None:
        steps.put_while("memo.made", key, _Made(by_name, plan, component, made_now))
        memo.keep_record_later(_MADE + kind, partial(_made_record, component, made_now))
    else:
        memo.keep_record(_MADE + kind, _made_record(component, made_now))
    return files


def _made_record(component: dict[str, int] | None, made: dict[str, MadeFrom]) -> str:
    """The record of what each model's module was made from (``_recorded_made`` reads it)."""
    return record_text(component, ([name, m.entry, list(m.names)] for name, m in made.items()))


def record_text(head: object, rows: Iterable[object], allow_nan: bool = True) -> str:
    """``json.dumps([head, list(rows)], allow_nan=allow_nan)``, a row at a time: a record of
    10,000 models made at once held each row's lists besides the text (some 10 MB at a time,
    where a watch's memory is at its peak)."""
    text = io.StringIO()
    text.write(f"[{json.dumps(head, allow_nan=allow_nan)}, [")
    for index, row in enumerate(rows):
        text.write(f"{', ' if index else ''}{json.dumps(row, allow_nan=allow_nan)}")
    text.write("]]")
    return text.getvalue()


# The memo's record of what each model's module was made from in the last run (its entry and
# its scope's models), for a run from scratch: JSON, checked.
_MADE = "record:made:"


def _recorded_made(
    memo: RenderMemo, kind: str, by_name: dict[str, Model], plan: dict[str, ModelNames],
    component: dict[str, int] | None,
) -> tuple[_Made | None, Moved | None]:
    """``_last_made`` for a run from scratch: the memo's record of the last run's modules,
    where the models that moved since are known (``RenderMemo.moved``) and the import cycles
    are the same; a module whose scope holds none of them is the one it was."""
    rows = memo.recorded(_MADE + kind, component)
    if rows is None or memo.moved is None:
        return None, None
    try:
        made: dict[str, MadeFrom] = {}
        for name, entry, names in rows:
            if not (type(name) is str and type(entry) is str and is_entry(entry)
                    and type(names) is list and set(map(type, names)) <= {str}):
                return None, None
            made[name] = MadeFrom(entry, tuple(names))
    except (ValueError, TypeError):
        return None, None
    return _Made(by_name, plan, component, made), Moved(memo.moved, memo.moved)


_ENTRY = re.compile("[0-9a-f]{64}")


def is_entry(text: str) -> bool:
    """Whether ``text`` is a memo key ``RenderMemo.entry`` could make (a record's, read back)."""
    return _ENTRY.fullmatch(text) is not None


def per_model(
    memo: RenderMemo | None, step: str, models: Iterable[Model], plan: dict[str, ModelNames],
    by_name: dict[str, Model], component: dict[str, int] | None, make: Callable[[Model], T],
) -> dict[str, T]:
    """``make(model)`` for each model, by name, where ``make`` reads the model, the models it
    refers to and the import cycles (a module's scope): in a watch, what it made for a model
    whose scope holds no model that moved (``Moved``), with the same import cycles, again."""
    steps = memo.steps if memo is not None else None
    if memo is None or steps is None:
        return {model.name: make(model) for model in models}
    key = (memo.salt, step)
    last, moved = _last_made(steps, key, by_name, plan, component)
    made: dict[str, T] = {}
    for model in models:
        name = model.name
        if (last is not None and moved is not None and name not in moved.names
                and name in last.made and moved.names.isdisjoint(model_references(model))):
            made[name] = cast(T, last.made[name])
        else:
            made[name] = make(model)
    steps.put_while("memo.made", key, _Made(by_name, plan, component, made))
    return made


def whole_file(
    memo: RenderMemo | None, step: str, inputs: object, make: Callable[[], str]
) -> str:
    """``make()``, a file made from all the models (a package's ``__init__``), where ``inputs``
    is all it reads, plain data (texts, numbers, and tuples, lists and dicts of them, which
    their repr tells apart): in a watch, the file the last run made from equal inputs
    (compared); in a run from scratch, the memo's file of the same inputs (by a hash of their
    repr: rendering a package's __init__, its README and its runtime took 0.07 s a run at
    10,000 models, and compiling their templates 0.02 s)."""
    steps = memo.steps if memo is not None else None
    if memo is None:
        return make()
    if steps is None:
        return memo.file_at(memo.entry(step, [repr(inputs)]), make)
    found: tuple[object, str] = steps.get_while(
        "memo.whole", (memo.salt, step), lambda made: made[0] == inputs,
        lambda: (inputs, make()),
    )
    memo.keep_whole(step, inputs, found[1])
    return found[1]


def _render_in_scope(
    render: Callable[[Model, ModuleScope], str], model: Model, plan: dict[str, ModelNames],
    by_name: dict[str, Model], component: dict[str, int] | None,
) -> str:
    return render(model, module_scope(model, plan, by_name, component))


def restrict(mapping: dict[str, T], names: Iterable[str]) -> dict[str, T]:
    return {name: mapping[name] for name in names}

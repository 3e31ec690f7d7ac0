"""The IR as Markdown docs: a page per model and an index, one style whatever the dialect."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import partial
from itertools import chain
from operator import is_

from docmodels.emit import examples, mermaid, unprintable, usage
from docmodels.emit.inert_markdown import code, inert
from docmodels.emit.memo import (
    MadeFrom,
    Moved,
    RenderMemo,
    is_entry,
    moved_of,
    moved_since,
    record_text,
    restrict,
    whole_file,
)
from docmodels.emit.python import ModelNames, Plan, plan_names
from docmodels.emit.render import Renderer
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EitherOf,
    Field,
    JsonValue,
    MapOf,
    Model,
    ModelKind,
    ModelSet,
    Primitive,
    TypeExpr,
    WireNameSource,
)
from docmodels.recall import Recall

_PRIMITIVE_WORDS = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


def json_text(value: JsonValue) -> str:
    return json.dumps(value, ensure_ascii=False)


def toml_key(name: str) -> str:
    """A model name as an overlay file's key, inert in a code block (ASCII, no back-tick)."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", name):
        return name
    return json.dumps(name).replace("`", "\\u0060")


def escape_text(text: str) -> str:
    """Page text as inert Markdown: HTML-like text shows as typed, a character that does not
    print (a text direction override) as its escape, and emphasis is kept."""
    html = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return unprintable.shown(html, keep="\n\t", spaces=True)


# A line of three back-ticks or tildes opens a code block that runs to the end of the page, over
# the tables and the diagram after it: such a line in a description must stay text.
_FENCE_LINE = re.compile(r"^([ \t]*)(`{3,}|~{3,})", re.MULTILINE)


def escape_block(text: str) -> str:
    """A description as inert Markdown paragraphs: ``escape_text``, no image nor link leading
    out of the docs (inert_markdown), and no line opens a fence."""
    return _FENCE_LINE.sub(r"\1\\\2", inert(escape_text(text)))


def escape_cell(text: str) -> str:
    """Text for a table cell: no pipe or line break may end the cell early. Backslashes are
    shown as typed (a pipe's escape must be ours), so links are made inert after doubling them."""
    cell = inert(escape_text(text).replace("\\", "\\\\")).replace("|", "\\|")
    return "<br>".join(line.strip() for line in cell.split("\n"))


def cell_code(text: str) -> str:
    """An inline code span inside a table cell: a pipe would end the cell even there (GFM), so it
    is escaped, which tables turn back into a plain pipe within code."""
    return code(text).replace("|", "\\|")


def type_markdown(type_expr: TypeExpr, plan: dict[str, ModelNames]) -> str:
    if isinstance(type_expr, Primitive):
        word = _PRIMITIVE_WORDS[type_expr.kind.value]
        return f"{word} ({type_expr.format})" if type_expr.format else word
    if isinstance(type_expr, ArrayOf):
        prefix = "set" if type_expr.unique_items else "list"
        return f"{prefix} of {type_markdown(type_expr.items, plan)}"
    if isinstance(type_expr, MapOf):
        return f"map of string to {type_markdown(type_expr.values, plan)}"
    if isinstance(type_expr, AnyValue):
        return "any JSON value"
    if isinstance(type_expr, EitherOf):
        return " or ".join(type_markdown(m, plan) for m in type_expr.members)
    target = plan[type_expr.name]
    return f"[{target.class_name}]({target.page}.md)"


def _field_row(field: Field, attr: str, plan: dict[str, ModelNames]) -> dict[str, str]:
    notes = []
    if field.nullable:
        notes.append("nullable")
    if field.read_only:
        notes.append("read-only")
    if field.enum_values is not None:
        values = ", ".join(cell_code(json_text(v)) for v in field.enum_values)
        # An array of inline enums (Java's List<TagsEnum>) limits its items.
        notes.append(("one of " if isinstance(field.type, Primitive) else "items one of ") + values)
    if field.default is not None:
        # The JSON value, not the page's literal: one style whatever the source dialect.
        notes.append("default " + cell_code(json_text(field.default.value)))
    for name, value in field.constraints.items():
        notes.append(name.replace("_", " ") + " " + cell_code(json_text(value)))
    if field.wire_names:
        notes.append("key not on the page: any one of "
                     + ", ".join(cell_code(key) for key in field.wire_names) + " is read")
    elif field.wire_name_source is WireNameSource.INFERRED:
        notes.append("key inferred from the folder's pages")
    if field.unread is not None:
        notes.append("type not read, any value accepted: " + field.unread)
    name = cell_code(field.wire_name)
    if attr != field.wire_name:
        name += " (attribute " + cell_code(attr) + ")"
    return {
        "name": name,
        "type": type_markdown(field.type, plan),
        "required": "yes" if field.required else "no",
        "notes": escape_cell(", ".join(notes)) if field.unread is not None else ", ".join(notes),
        "description": escape_cell(field.description),
    }


class DocsEmitter:
    def __init__(self, renderer: Renderer, package: str, directory: str = "docs",
                 target: str = "dataclasses") -> None:
        """``target``: the output target whose API the pages' usage snippets show."""
        self.renderer = renderer
        self.package = package
        self.directory = directory
        self.target = target

    def emit(self, model_set: ModelSet, memo: RenderMemo | None = None,
             plan: Plan | None = None) -> dict[str, str]:
        """As ``targets.Emitter.emit``; pages rendered from the same scope are remembered."""
        plan = plan if plan is not None else plan_names(model_set)
        files: dict[str, str] = {}
        by_name = model_set.by_name()
        class_names = {m.name: plan[m.name].class_name for m in model_set.models}
        references = mermaid.edges(model_set, memo.steps if memo is not None else None)
        ids = mermaid.class_ids(class_names)
        order = {m.name: index for index, m in enumerate(model_set.models)}
        # The references from and to each model, in the order of all references.
        touching: dict[str, list[mermaid.Edge]] = {m.name: [] for m in model_set.models}
        for edge in references:
            touching[edge.source].append(edge)
            if edge.target != edge.source:
                touching[edge.target].append(edge)
        kind = f"{type(self).__module__}.{type(self).__qualname__}"
        steps = memo.steps if memo is not None else None
        # In a watch: what the last run made each page from. A page whose model's
        # neighbourhood holds no model that moved, nor its example, is the page it was.
        last: _Pages | None = (steps.last("docs.pages", (memo.salt, kind))
                               if memo is not None and steps is not None else None)
        moved = (moved_since(by_name, plan, last.by_name, last.plan)
                 if last is not None and last.ids == ids else None)
        # In a run from scratch: what the last run made each page from, by the memo's record.
        recorded: dict[str, _Recorded] | None = None
        if memo is not None and steps is None:
            recorded, moved = _recorded_pages(memo, kind, ids, by_name)
        pages: dict[str, _Page] = {}
        made_of: dict[str, _Recorded] = {}  # (for the record)
        for model in model_set.models:
            path = f"{self.directory}/{plan[model.name].page}.md"
            kept = last.pages.get(model.name) if last is not None else None
            if kept is not None and moved is not None and memo is not None and kept.holds(
                model.name, moved
            ):
                files[path] = self._page_again(model, kept, by_name, plan, ids, touching, memo)
                pages[model.name] = kept
                continue
            got = recorded.get(model.name) if recorded is not None else None
            if got is not None and moved is not None and memo is not None and got.holds(
                model.name, moved
            ):
                again = self._page_recorded(model, got, by_name, plan, ids, touching, memo)
                if again is not None:
                    files[path] = again
                    made_of[model.name] = got
                    continue
            # The page is made from the model's neighbourhood only: what the memo's hash covers.
            near = {model.name}
            for edge in touching[model.name]:
                near.update((edge.source, edge.target))
            names = tuple(sorted(near, key=order.__getitem__))
            # The example reaches further than the neighbourhood (models nested in models):
            # it is made here, and its text is part of what the memo's hash covers.
            example, read = _example(model.name, by_name, memo)
            made, files[path] = self._page_file(
                model, names, example, tuple(touching[model.name]), by_name, plan, ids, memo,
                kind,
            )
            if made is not None and steps is not None:
                pages[model.name] = _Page(made, steps.last("docs.example", model.name))
            elif made is not None:
                made_of[model.name] = _Recorded(made, _read_lines(read))
        # The README's rows: a model's as it was where it did not move.
        row_of = {
            m.name: last.rows[m.name]
            if last is not None and moved is not None and m.name not in moved.names
            and m.name in last.rows else _index_row(m, plan)
            for m in model_set.models
        }
        recordable = not any("\n" in name for name in by_name)
        if memo is not None and steps is not None:
            steps.put_while("docs.pages", (memo.salt, kind),
                            _Pages(by_name, plan, ids, pages, row_of))
            if recordable:
                memo.keep_record_later(_PAGES + kind, partial(_watched_pages_record, ids, pages))
        elif memo is not None and recordable:
            memo.keep_record(_PAGES + kind, _pages_record(ids, made_of))
        rows = list(row_of.values())
        diagram = _diagram(model_set, class_names, class_names.keys(), references, ids=ids)
        # (A row made again is often the row it was: a description's first sentence kept.)
        files[f"{self.directory}/README.md"] = whole_file(
            memo, f"{kind}.index", (tuple(rows), diagram), partial(self._index, rows, diagram)
        )
        return files

    def _index(self, rows: list[dict[str, str]], diagram: str) -> str:
        """The README: a row per model (``_index_row``) and the diagram of all of them."""
        return self.renderer.text(
            "docs/index.md.jinja",
            package=self.package,
            models=rows,
            diagram=diagram,
            diagram_size=len(rows),
            diagram_limit=mermaid.MAX_CLASSES,
        )

    def _page_file(
        self, model: Model, names: tuple[str, ...], example: Example,
        touching: tuple[mermaid.Edge, ...], by_name: dict[str, Model],
        plan: dict[str, ModelNames], ids: dict[str, str], memo: RenderMemo | None, kind: str,
    ) -> tuple[MadeFrom | None, str]:
        """The model's page, from its neighbourhood ``names`` (in model order) and example:
        rendered, or the memo's page rendered from the same; and what it was made from."""
        scope = PageScope.of(model.name, names, by_name, plan, ids, example)
        page = partial(self._page, model, scope, touching)
        if memo is None:
            return None, page()
        made = MadeFrom.of(memo, kind, names, scope.parts(memo))
        return made, memo.file_at(made.entry, page)

    def _page_again(
        self, model: Model, kept: _Page, by_name: dict[str, Model],
        plan: dict[str, ModelNames], ids: dict[str, str],
        touching: dict[str, list[mermaid.Edge]], memo: RenderMemo,
    ) -> str:
        """The page made as the last run made it (``_Page.holds``): the memo's, and its example
        kept for the next run (where a model it reads changes, ``_example`` asks whether it
        changed in anything the example reads)."""
        steps = memo.steps
        assert steps is not None
        example, _, record = kept.example
        steps.put_while("docs.example", model.name, kept.example)
        return self._page_kept(model, example, record, kept.made, by_name, plan, ids, touching,
                               memo)

    def _page_recorded(
        self, model: Model, got: _Recorded, by_name: dict[str, Model],
        plan: dict[str, ModelNames], ids: dict[str, str],
        touching: dict[str, list[mermaid.Edge]], memo: RenderMemo,
    ) -> str | None:
        """A run from scratch: the page the last run made (``_Recorded.holds``), the memo's,
        and its example kept; None where the memo no longer holds the example."""
        read = memo.recall(_READ + model.name)
        text = memo.recall(_TEXT + model.name)
        if read is None or text is None:
            return None
        return self._page_kept(model, Example(text), read, got.made, by_name, plan, ids,
                               touching, memo)

    def _page_kept(
        self, model: Model, example: Example, read: str, made: MadeFrom,
        by_name: dict[str, Model], plan: dict[str, ModelNames], ids: dict[str, str],
        touching: dict[str, list[mermaid.Edge]], memo: RenderMemo,
    ) -> str:
        """The page the last run made from ``made`` with ``example`` (the memo's record of
        what it read: ``read``), both kept for the next run."""
        _keep_example(memo, model.name, read, example)

        def page() -> str:  # (only where the memo lost the page)
            scope = PageScope.of(model.name, made.names, by_name, plan, ids, example)
            return self._page(model, scope, tuple(touching[model.name]))

        return memo.file_at(made.entry, page)

    def _page(self, model: Model, scope: PageScope, touching: tuple[mermaid.Edge, ...]) -> str:
        """``touching``: the references from and to the model (all within its scope)."""
        plan = scope.plan
        own = plan[model.name]
        used_by = sorted({e.source for e in touching if e.target == model.name})
        class_names = {name: plan[name].class_name for name in scope.names}
        in_order = ModelSet(tuple(scope.by_name[name] for name in scope.names))
        value = scope.example.value()
        return self.renderer.text(
            "docs/model.md.jinja",
            title=own.class_name,
            package=self.package,
            module=own.module,
            description=escape_block(model.description),
            source=code(f"{model.location.path}:{model.location.line}"),
            dialect=code(model.dialect),
            is_enum=model.kind is ModelKind.ENUM,
            values_lost=model.values_lost,
            name_literal=toml_key(model.name),
            variants=[type_markdown(v, plan) for v in model.variants],
            discriminator=code(model.discriminator) if model.discriminator else "",
            fields=[_field_row(f, a, plan) for f, a in zip(model.fields, own.attributes, strict=True)],
            uncertain_keys=any(f.wire_names for f in model.fields),
            members=[
                {"name": cell_code(own.members[v.value]), "value": cell_code(json_text(v.value))}
                for v in model.enum_values
            ],
            missing=[inert(escape_text(m)) for m in model.missing],
            used_by=[{"name": plan[n].class_name, "page": plan[n].page} for n in used_by],
            diagram=_diagram(
                in_order, class_names, scope.names, touching, centre=model.name, ids=scope.ids
            ),
            diagram_size=len(scope.names),
            diagram_limit=mermaid.MAX_CLASSES,
            example=scope.example.text,
            usage=usage.snippet(self.target, self.package, model, own.class_name, own.module,
                                value, _member(own, value)),
        )


def _index_row(model: Model, plan: dict[str, ModelNames]) -> dict[str, str]:
    """The model's row in the README (in a watch, the row it was while the model did not move:
    the README is rendered again only where a row changed)."""
    return {
        "name": plan[model.name].class_name,
        "page": plan[model.name].page,
        "kind": model.kind.value,
        "summary": escape_cell(_summary(model.description)),
    }


@dataclass(frozen=True, slots=True)
class Example:
    """A model's example payload (emit.examples), as its JSON text: the value is read from the
    text where a page is rendered (a watch keeps every model's example between its runs, and
    their values held 46 MB at 10,000 models; a run from scratch reads what the memo kept)."""

    text: str

    def value(self) -> JsonValue:
        value: JsonValue = json.loads(self.text)
        return value


def _example(
    name: str, by_name: dict[str, Model], memo: RenderMemo | None
) -> tuple[Example, tuple[str, ...]]:
    """The model's example, and the models it read (by name): in a watch, the one the last run
    made while every model it read is the very object it was; else from the memo where every
    model it read is as it was: making every example again would cost a big API seconds on
    each run."""
    steps = memo.steps if memo is not None else None
    if memo is None or steps is None:
        example, (read, _), _ = _example_kept(name, by_name, memo)
        return example, read
    example, (names, models), kept = steps.get_while(
        "docs.example", name, lambda made: _reads_alike(made[1], by_name, steps),
        lambda: _example_kept(name, by_name, memo),
    )
    now = tuple(map(by_name.get, names))
    if not all(map(is_, now, models)):
        # Made from models that changed in nothing it reads (a description edited): the same
        # example, kept now as made from these (the memo's record by their digests).
        kept = json.dumps([[n, _digest(m, memo)] for n, m in zip(names, now, strict=True)])
        steps.put_while("docs.example", name, (example, (names, now), kept))
    _keep_example(memo, name, kept, example)
    return example, names


def _reads_alike(read: _Read, by_name: dict[str, Model], steps: Recall) -> bool:
    """Each model an example read is the very one it was, or one that differs from it only in
    what making an example does not read (``examples.example_view``)."""
    names, models = read
    now = tuple(map(by_name.get, names))
    return all(map(is_, now, models)) or all(
        a is b or (a is not None and b is not None and _view(a, steps) == _view(b, steps))
        for a, b in zip(models, now, strict=True)
    )


def _view(model: Model, steps: Recall) -> str:
    return steps.get("docs.example_view", (model,), None, partial(examples.example_view, model))


# The names of the models an example read, and the models (by identity, in a watch).
_Read = tuple[tuple[str, ...], tuple[Model | None, ...]]

# The memo keeps an example's text and, apart, the models it read with their digests (JSON):
# the text is then the memo's own string, not a copy cut from a record (10 MB at 10,000).
_TEXT, _READ = "example-text:", "example-read:"


def _example_kept(
    name: str, by_name: dict[str, Model], memo: RenderMemo | None
) -> tuple[Example, _Read, str]:
    """The model's example, the models it read (by name) and what the memo keeps of them
    (their names and digests)."""
    kept = memo.recall(_READ + name) if memo is not None else None
    text = memo.recall(_TEXT + name) if memo is not None else None
    if memo is not None and kept is not None and text is not None:
        try:
            names = json.loads(kept)
            if all(_digest(by_name.get(n), memo) == d for n, d in names):
                example = Example(text)
                _keep_example(memo, name, kept, example)
                return example, _read(names, by_name), kept
        except (ValueError, TypeError):  # not what this code keeps: make it again
            pass
    value, read_names = examples.example_reading(name, by_name)
    example = Example(examples.example_json(value))
    record = ""
    if memo is not None:
        record = json.dumps([[n, _digest(by_name.get(n), memo)] for n in read_names])
        _keep_example(memo, name, record, example)
    return example, _read([[n] for n in read_names], by_name), record


def _keep_example(memo: RenderMemo, name: str, read: str, example: Example) -> None:
    memo.keep(_READ + name, read)
    memo.keep(_TEXT + name, example.text)


def _read(names: list[list[str]], by_name: dict[str, Model]) -> _Read:
    """The names of the models an example read, and those models (None: none of that name)."""
    read = tuple(entry[0] for entry in names)
    return read, tuple(map(by_name.get, read))


def _digest(model: Model | None, memo: RenderMemo) -> str:
    return memo.digest(model).hex() if model is not None else ""


@dataclass(frozen=True, slots=True)
class _Page:
    """What a watch's run made a page from (its scope's models, by name) and its example
    (``_example``'s record: the example, the models it read, the memo's text)."""

    made: MadeFrom
    example: tuple[Example, _Read, str]

    def holds(self, name: str, moved: Moved) -> bool:
        """The page is the one it was: its model is not among those that moved or whose
        neighbourhood may have (``Moved.touched``), and neither are the models of its scope
        nor those its example read."""
        return (
            name not in moved.touched
            and moved.names.isdisjoint(self.made.names)
            and moved.names.isdisjoint(self.example[1][0])
        )


@dataclass(frozen=True, slots=True)
class _Recorded:
    """What the last run made a page from, by the memo's record, for a run from scratch: its
    memo entry and neighbourhood (``made``), and the models its example read (by name), as
    the record keeps them: each name between line breaks (an example reads far, hundreds of
    models, and a model's name is one line of its page)."""

    made: MadeFrom
    read: str

    def holds(self, name: str, moved: Moved) -> bool:
        """As ``_Page.holds``."""
        return (name not in moved.touched and moved.names.isdisjoint(self.made.names)
                and not any(f"\n{m}\n" in self.read for m in moved.names))


# The memo's record of what each page was made from in the last run (JSON, checked).
_PAGES = "record:pages:"


def _pages_record(ids: dict[str, str], made_of: dict[str, _Recorded]) -> str:
    """The record of what each page was made from (``_recorded_pages`` reads it)."""
    return record_text(ids, ([name, got.made.entry, list(got.made.names), got.read]
                             for name, got in made_of.items()))


def _watched_pages_record(ids: dict[str, str], pages: dict[str, _Page]) -> str:
    """``_pages_record`` of what a watch's run made each page from."""
    return record_text(ids, ([name, page.made.entry, list(page.made.names),
                              _read_lines(page.example[1][0])] for name, page in pages.items()))


def _read_lines(names: Iterable[str]) -> str:
    """The names an example read as the record keeps them, each between line breaks."""
    return "\n" + "".join(f"{name}\n" for name in names)


def _recorded_pages(
    memo: RenderMemo, kind: str, ids: dict[str, str], by_name: dict[str, Model]
) -> tuple[dict[str, _Recorded] | None, Moved | None]:
    """What the last run made each page from, by the memo's record, and what moved since
    (``RenderMemo.moved``, with the models the moved ones refer to now: their pages' used-by
    lists; those they referred to before hold them in their recorded neighbourhoods), where
    the models that moved are known and the diagram's ids are the same; else nothing."""
    rows = memo.recorded(_PAGES + kind, ids)
    if rows is None or memo.moved is None:
        return None, None
    try:
        if not (set(map(type, rows)) <= {list} and set(map(len, rows)) <= {4}):
            return None, None
        names, entries, near, read = [list(c) for c in zip(*rows, strict=True)] or [[]] * 4
        if not (set(map(type, [*names, *entries, *read])) <= {str}
                and all(map(is_entry, entries)) and set(map(type, near)) <= {list}
                and set(map(type, chain.from_iterable(near))) <= {str}):
            return None, None
        recorded = {
            name: _Recorded(MadeFrom(entry, tuple(scope)), reads)
            for name, entry, scope, reads in zip(names, entries, near, read, strict=True)
        }
    except (ValueError, TypeError):  # (a row of four texts, say: no scope of names)
        return None, None
    return recorded, moved_of(memo.moved, by_name)


@dataclass(frozen=True, slots=True)
class _Pages:
    """What the last run of a watch made the docs pages from."""

    by_name: dict[str, Model]
    plan: dict[str, ModelNames]
    ids: dict[str, str]
    pages: dict[str, _Page]
    rows: dict[str, dict[str, str]]  # the README's


@dataclass(frozen=True, slots=True)
class PageScope:
    """What a model's docs page may read: its neighbourhood (the model, the models it refers to
    and those that refer to it) in model order, their planned names and diagram ids."""

    model: str  # whose page it is (a model and one it refers to share their neighbourhood)
    names: tuple[str, ...]
    by_name: dict[str, Model]
    plan: dict[str, ModelNames]
    ids: dict[str, str]
    example: Example

    @staticmethod
    def of(
        model: str, names: tuple[str, ...], by_name: dict[str, Model],
        plan: dict[str, ModelNames], ids: dict[str, str], example: Example,
    ) -> PageScope:
        """The scope of ``model``'s page, its neighbourhood being ``names``."""
        return PageScope(model, names, restrict(by_name, names), restrict(plan, names),
                         restrict(ids, names), example)

    def parts(self, memo: RenderMemo) -> list[bytes | str]:
        parts: list[bytes | str] = [self.model, self.example.text]
        for name in self.names:
            parts += [name, memo.digest(self.by_name[name]), memo.names(name, self.plan[name])]
            parts.append(self.ids[name])
        return parts


def _diagram(
    model_set: ModelSet,
    class_names: dict[str, str],
    include: Collection[str],
    references: Collection[mermaid.Edge],
    *,
    centre: str | None = None,
    ids: dict[str, str] | None = None,
) -> str:
    """The diagram's text, or "" where it would have too many classes to read."""
    if len(include) > mermaid.MAX_CLASSES:
        return ""
    return "\n".join(
        mermaid.class_diagram(model_set, class_names, include, references, centre=centre, ids=ids)
    )


def _member(names: ModelNames, value: JsonValue) -> str | None:
    """The enum member whose value ``value`` is (a dict's key: a list is none)."""
    if isinstance(value, (list, dict)):
        return None
    return names.members.get(value)


def _summary(description: str) -> str:
    first = description.strip().split("\n")[0]
    end = first.find(". ")
    return first if end < 0 else first[: end + 1]

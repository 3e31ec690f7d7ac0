"""What every Python target shares: the names of the models' classes and modules (a plan made
once per model set), enum views, the reference graph's import cycles, how a module spells the
models it refers to, and defaults as Python expressions. The default target's emitter is
emit/targets/dataclasses.py; names come from python_names, type spellings from python_types,
literal text from python_literals.
"""

from __future__ import annotations

import datetime as _dt
import uuid as _uuid
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from docmodels.emit import plan_record
from docmodels.emit import python_literals as lit
from docmodels.emit import python_names as names
from docmodels.emit import python_types as types
from docmodels.ir import (
    ArrayOf,
    Field,
    JsonValue,
    MapOf,
    Model,
    ModelKind,
    ModelSet,
    Reference,
    TypeExpr,
    model_references,
    referenced_names,
)
from docmodels.recall import Recall, Same, mapped, recalled

if TYPE_CHECKING:
    from docmodels.emit.memo import RenderMemo

# From this many properties on, a model's fast parse looks them all up in one call (an
# operator.itemgetter) when the payload has them all: the runtime's DENSE, for the tests.
DENSE = 6


@dataclass(frozen=True, slots=True)
class ModelNames:
    class_name: str
    module: str
    members: dict[JsonValue, str]  # enum value -> member name (enums only)
    attributes: tuple[str, ...]  # per field, in order (objects only)
    page: str  # the docs page's file name without .md (unique even on case-insensitive disks)


# Each model's names, by its name: what an emitter writes every name from (``plan_names``).
Plan = dict[str, ModelNames]


def names_key(names: ModelNames) -> tuple[str, str, str, tuple[str, ...], str]:
    """All a model's names say, as a key equal only for names a template shows alike (the
    members' values by repr: 1, 1.0 and True are one dict key)."""
    return (names.class_name, names.module, names.page, names.attributes,
            repr(names.members) if names.members else "")


def enum_view(model: Model, plan: dict[str, ModelNames]) -> dict[str, Any]:
    """What python/enum.py.jinja shows of an enum model (every target's enums use it)."""
    if model.values_lost:
        # No class: a value is the string or number the payload gave, kept as it came.
        return {
            "class_name": plan[model.name].class_name,
            "docstring": lit.docstring(lost_enum_text(model)),
            "lost": True,
        }
    assert model.enum_type is not None
    return {
        "class_name": plan[model.name].class_name,
        "docstring": lit.docstring(model.description, "    ") if model.description.strip() else "",
        "lost": False,
        "base": {"string": "str, ", "integer": "int, "}.get(model.enum_type.kind.value, ""),
        "members": [
            {"name": plan[model.name].members[v.value], "literal": lit.literal(v.value)}
            for v in model.enum_values
        ],
    }


def lost_enum_text(model: Model) -> str:
    """The docstring of an enum whose values the page lost."""
    lost = (
        "Its page lost the values: any string or number is accepted and kept as\n"
        f"given. An overlay's enum for {model.name} (docmodels-overlay.toml) gives them."
    )
    return f"{model.description}\n\n{lost}" if model.description else lost


# What an enum whose values were lost is: a string or number, as JSON gives it.
LOST_ENUM_TYPE = "str | int | float"
LOST_ENUM_PARSER = "_rt.parse_enum_value"


def plan_names(
    model_set: ModelSet, recall: Recall | None = None, memo: RenderMemo | None = None
) -> dict[str, ModelNames]:
    """Class and module names for every model, unique (modules even on case-insensitive disks).
    The plan is the caller's to read, not to change (the next caller may get the same one).
    ``recall``: what the earlier runs of a watch planned (recall.py): a model's names are the
    very object they were while it and the names it reads are as they were; ``memo``: in a run
    from scratch, the render memo, whose record of the last run's plan gives each unchanged
    model's names (plan_record), and keeps this plan for the next run. A build makes it once
    and hands it to each emitter (their ``plan``)."""
    if memo is not None and recall is None:
        return _plan_again(model_set, memo)
    plan = _plan_names(model_set, recall)
    if memo is not None:  # (a watch's run: recorded for the runs from scratch after it)
        memo.keep_record_later(plan_record.KEY, partial(_plan_record, model_set, plan, memo))
    return plan


def _plan_record(model_set: ModelSet, plan: dict[str, ModelNames], memo: RenderMemo) -> str | None:
    """plan_record's record of ``plan``, with each model's digest."""
    return plan_record.dumps(tuple(plan), [memo.digest(m) for m in model_set.models],
                             list(plan.values()))


def _plan_names(
    model_set: ModelSet, recall: Recall | None,
    last: list[tuple[bytes, ModelNames]] | None = None, digests: list[bytes] | None = None,
) -> dict[str, ModelNames]:
    """The plan; ``last`` and ``digests``: the last run's record of it (plan_record, of these
    very model names) and each model's digest now: a model of the digest recorded takes the
    names recorded (its unique names are those of all models' names, the same)."""
    model_names = tuple(m.name for m in model_set.models)
    if last is not None:
        unique = ([n.class_name for _, n in last], [n.module for _, n in last],
                  [n.page for _, n in last])
    else:
        unique = recalled(recall, "plan.unique", (), model_names,
                          partial(_unique_names, model_names))
    classes, modules, pages = unique
    class_of: dict[str, str] = {}
    position: dict[str, int] = {}

    def names_of(model: Model) -> ModelNames:
        # The module binds its own class and the classes it imports: no attribute may take them.
        if not class_of:
            class_of.update(zip(model_names, classes, strict=True))
            position.update((name, index) for index, name in enumerate(model_names))
        at = position[model.name]
        refs = _field_references(model)
        bound = frozenset({classes[at], *(class_of[ref] for ref in refs if ref in class_of)})
        return _model_names(model, classes[at], modules[at], pages[at], bound)

    if last is not None and digests is not None:
        planned = [names if digest == was else names_of(model) for model, digest, (was, names)
                   in zip(model_set.models, digests, last, strict=True)]
    else:
        # (In a watch, the very names while the model and every model's names are the very
        # ones: the names a model's attributes must not take are its classes', found from them.)
        planned = mapped(recall, "plan.names", model_set.models, Same(unique), names_of)
    return dict(zip(model_names, planned, strict=True))


def _plan_again(model_set: ModelSet, memo: RenderMemo) -> dict[str, ModelNames]:
    """A run from scratch: the plan, each unchanged model's names from the memo's record of
    the last run's (plan_record), and this plan recorded for the next."""
    model_names = tuple(m.name for m in model_set.models)
    digests = [memo.digest(model) for model in model_set.models]  # (the emitters' too)
    last = plan_record.loads(memo.recorded(plan_record.KEY, list(model_names)),
                             len(model_names))
    plan = _plan_names(model_set, None, last, digests)
    if last is not None:  # (the models and their names are as the last run had them but these)
        memo.moved = frozenset(
            m.name for m, d, (was, _) in zip(model_set.models, digests, last, strict=True)
            if d != was)
    record = plan_record.dumps(model_names, digests, list(plan.values()))
    if record is not None:
        memo.keep_record(plan_record.KEY, record)
    return plan


def _unique_names(
    model_names: tuple[str, ...],
) -> tuple[list[str], list[str], list[str]]:
    """Each model's class, module and docs page name, unique among all models'."""
    classes = names.unique([names.class_name(name) for name in model_names])
    modules = names.unique([names.module_name(c) for c in classes], fold_case=True)
    pages = names.unique([names.page_name(c) for c in classes], fold_case=True)
    return classes, modules, pages


def _field_references(model: Model) -> tuple[str, ...]:
    return tuple(ref for f in model.fields for ref in referenced_names(f.type))


def _model_names(
    model: Model, class_name: str, module: str, page: str, bound: frozenset[str]
) -> ModelNames:
    members: dict[JsonValue, str] = {}
    if model.kind is ModelKind.ENUM:
        labels = [v.name or str(v.value) for v in model.enum_values]
        members = dict(
            zip([v.value for v in model.enum_values], names.member_names(labels), strict=True)
        )
    attributes = names.attribute_names([f.wire_name for f in model.fields], bound)
    return ModelNames(class_name, module, members, tuple(attributes), page)


def import_cycles(model_set: ModelSet, recall: Recall | None = None) -> dict[str, int]:
    """Each model's import cycle (``_cycles``). ``recall``: the cycles an earlier run of a watch
    found, while its models are the very ones or refer to the same models (a saved page's
    description changes no cycle; finding them again cost 0.1 s at 10,000 models)."""
    models = model_set.models
    if recall is None:
        return _cycles(model_set)
    found: tuple[tuple[Model, ...], dict[str, int]] = recall.get_while(
        "python.cycles", None, lambda made: _same_graph(made[0], models),
        lambda: (models, _cycles(model_set)),
    )
    return found[1]


def _same_graph(before: tuple[Model, ...], now: tuple[Model, ...]) -> bool:
    """The same models in the same order, each referring to the same models as before."""
    return len(before) == len(now) and all(
        a is b or (a.name == b.name and _edges(a) == _edges(b))
        for a, b in zip(before, now)
    )


def _edges(model: Model) -> frozenset[str]:
    return frozenset(model_references(model))


def _cycles(model_set: ModelSet) -> dict[str, int]:
    """The strongly connected component of each model in the reference graph (Tarjan)."""
    edges = {m.name: sorted(_edges(m)) for m in model_set.models}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    component: dict[str, int] = {}

    def visit(start: str) -> None:
        # Iterative, so that a long chain of references cannot exhaust Python's stack.
        work = [(start, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = [t for t in edges.get(node, []) if t in edges]
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = index[node]
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])

    for name in edges:
        if name not in index:
            visit(name)
    return component


def _references(
    model: Model,
    names_: set[str],
    plan: dict[str, ModelNames],
    by_name: dict[str, Model],
    component: dict[str, int],
) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """The import lines a module needs for the models it refers to, and how it spells each:
    (annotation, parser). Models in the same import cycle, and unions (whose parser is a module
    function), are reached through their module, which is safe while a cycle is importing."""
    imports: list[str] = []
    spelled: dict[str, tuple[str, str]] = {}
    for name in sorted(names_):
        target = plan[name]
        kind = by_name[name].kind
        if name == model.name:
            annotation = target.class_name
        elif kind is ModelKind.UNION or component.get(name) == component.get(model.name):
            alias = f"_m_{target.module}"
            imports.append(f"from . import {target.module} as {alias}")
            annotation = f"{alias}.{target.class_name}"
        else:
            imports.append(f"from .{target.module} import {target.class_name}")
            annotation = target.class_name
        if by_name[name].values_lost:
            parse = LOST_ENUM_PARSER
        elif kind is ModelKind.ENUM:
            parse = f"_rt.enum_of({annotation})"
        elif kind is ModelKind.UNION:
            parse = f"{annotation.rsplit('.', 1)[0]}.docmodels_parse"
        else:
            parse = f"{annotation}._docmodels_parse"
        spelled[name] = (annotation, parse)
    return sorted(imports), spelled


def default_expression(
    type_expr: TypeExpr, value: JsonValue, ref: types.ClassRef, plan: dict[str, ModelNames]
) -> tuple[str, bool]:
    """A Python expression for a default's JSON value as the attribute holds it, and whether
    that expression calls something (dates, UUIDs and models are built, not written)."""
    if isinstance(type_expr, Reference):
        spelled, parse = ref(type_expr.name)
        if parse == LOST_ENUM_PARSER:
            return lit.literal(value), False
        if parse.startswith("_rt.enum_of("):
            return f"{spelled}.{plan[type_expr.name].members[value]}", False
        return f"{spelled}.from_dict({lit.literal(value)})", True
    if isinstance(type_expr, ArrayOf) and isinstance(value, list):
        items = [default_expression(type_expr.items, item, ref, plan) for item in value]
        return "[" + ", ".join(code for code, _ in items) + "]", any(c for _, c in items)
    if isinstance(type_expr, MapOf) and isinstance(value, dict):
        entries = [
            (k, default_expression(type_expr.values, v, ref, plan)) for k, v in value.items()
        ]
        code = "{" + ", ".join(f"{lit.string(k)}: {c}" for k, (c, _) in entries) + "}"
        return code, any(c for _, (_, c) in entries)
    rich = types.annotation(type_expr, ref)
    if isinstance(value, str) and rich in _CONSTRUCTORS:
        return f"{_CONSTRUCTORS[rich]}({lit.string(_canonical(rich, value))})", True
    return lit.literal(value), False


def _canonical(rich: str, text: str) -> str:
    """A date, date-time or UUID default as Python 3.10 reads it too (its fromisoformat takes
    no ``Z``). The reader has checked the text's format (docmodels.values)."""
    if rich == "_dt.datetime":
        # RFC 3339 allows a lower-case t and z, which fromisoformat does not.
        day, time = text[:10], text[11:]
        return _dt.datetime.fromisoformat(f"{day}T{time.upper()}").isoformat()
    if rich == "_dt.date":
        return _dt.date.fromisoformat(text).isoformat()
    return str(_uuid.UUID(text))


_CONSTRUCTORS = {
    "_dt.date": "_dt.date.fromisoformat",
    "_dt.datetime": "_dt.datetime.fromisoformat",
    "_uuid.UUID": "_uuid.UUID",
}


def _choices(field: Field) -> str | None:
    """The literals of the values an inline enum allows, for ``types.annotation``."""
    if field.enum_values is None:
        return None
    return ", ".join(lit.literal(v) for v in field.enum_values)

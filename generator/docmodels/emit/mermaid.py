"""Mermaid class diagrams of the models and their references, for the docs.

Spec text is untrusted, and Mermaid's lexer breaks on far more than Markdown does (a ``:`` or
``;`` ends an arrow's label, ``{``/``}`` a class body, ``%%{...}%%`` anywhere is a directive,
``#name;`` an entity, ``~`` a generic, a line holding ``direction TB`` is a direction
statement). So class ids are the generated Python class names (identifiers already), made
Mermaid-safe where needed, and page text (property names, enum values) reaches a diagram only
through ``label``, which keeps a small set of characters that mean nothing to Mermaid. Nothing
in a diagram can hold a back-tick, so nothing can close the Markdown fence around it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from docmodels.ir import (
    ArrayOf,
    JsonValue,
    MapOf,
    Model,
    ModelKind,
    ModelSet,
    TypeExpr,
    referenced_names,
)
from docmodels.recall import Recall, mapped

# A diagram with more classes than this is a hairball on GitHub's page width: the docs leave it
# out and say so (the index of a big API; the page of a model that hundreds of models use).
MAX_CLASSES = 40
# An enumeration class lists this many values at most, then says how many it left out.
MAX_ENUM_VALUES = 12
# Labels are cut at this many characters: an arrow label is one line.
MAX_LABEL = 40

# Punctuation that is plain text wherever a label goes (class body, arrow label).
_LABEL_PUNCTUATION = frozenset(" _-.,/@+=!?")
# Words Mermaid's class-diagram lexer reads as keywords even where a class name is expected.
_KEYWORDS = frozenset(
    word.lower()
    for word in (
        "classDiagram", "classDiagram-v2", "class", "namespace", "note", "link", "click",
        "callback", "call", "cssClass", "classDef", "style", "href", "direction", "o",
        "_self", "_blank", "_parent", "_top", "accTitle", "accDescr", "end",
    )
)
_ASCII_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# A line holding "direction TB" (or BT, RL, LR) anywhere is read as a direction statement.
_DIRECTION = re.compile(r"(direction)\s+(TB|BT|RL|LR)", re.IGNORECASE)


def label(text: str, limit: int = MAX_LABEL) -> str:
    """Page text as Mermaid label text: letters, digits, spaces and ``_-.,/@+=!?`` stay; any other
    character (quotes, back-ticks, brackets, ``<>{}:;%#~*$|``, line breaks, controls) becomes
    ``_``; runs of white space become one space; long text is cut with ``...``."""
    kept = "".join(
        " " if char.isspace() else char if char.isalnum() or char in _LABEL_PUNCTUATION else "_"
        for char in text
    )
    kept = _DIRECTION.sub(r"\1_\2", " ".join(kept.split()))
    if len(kept) > limit:
        kept = kept[: limit - 3].rstrip() + "..."
    return kept or "_"


def value_label(value: JsonValue) -> str:
    """An enum value as label text: strings as they are, numbers as JSON writes them."""
    if isinstance(value, str):
        return label(value)
    return label(str(value).lower() if isinstance(value, bool) else repr(value))


@dataclass(frozen=True, slots=True)
class Edge:
    """A reference from one model to another: a property (named) or a union member (unnamed)."""

    source: str  # model names
    target: str
    property: str | None  # the property's wire name; None for a union member
    many: bool  # through an array or map: the source holds any number of targets


def edges(model_set: ModelSet, recall: Recall | None = None) -> tuple[Edge, ...]:
    """Every reference between models, in model order, then property (or member) order.
    ``recall``: each model's references as the earlier runs of a watch found them."""
    known = {m.name for m in model_set.models}
    found: list[Edge] = []
    for references in mapped(recall, "mermaid.edges", model_set.models, None, _references):
        found.extend(edge for edge in references if edge.target in known)
    return tuple(found)


def _references(model: Model) -> tuple[Edge, ...]:
    """The model's references, to models there or not."""
    typed: list[tuple[str | None, TypeExpr]] = [(f.wire_name, f.type) for f in model.fields]
    typed += [(None, variant) for variant in model.variants]
    found: list[Edge] = []
    for prop, type_expr in typed:
        many = isinstance(type_expr, (ArrayOf, MapOf))
        for target in referenced_names(type_expr):
            found.append(Edge(model.name, target, prop, many))
    return tuple(found)


def neighbourhood(name: str, all_edges: Collection[Edge]) -> frozenset[str]:
    """The model, the models it references and the models that reference it."""
    near = {name}
    for edge in all_edges:
        if edge.source == name:
            near.add(edge.target)
        if edge.target == name:
            near.add(edge.source)
    return frozenset(near)


def class_ids(class_names: dict[str, str]) -> dict[str, str]:
    """A Mermaid class id per model (model name -> Python class name given): the class name
    itself where Mermaid reads it as a name, else ``_1``, ``_2``... in model-name order (Python
    class names never start with ``_``, so these cannot collide with one)."""
    ids: dict[str, str] = {}
    counter = 0
    for model_name in sorted(class_names):
        name = class_names[model_name]
        if _ASCII_NAME.fullmatch(name) and name.lower() not in _KEYWORDS:
            ids[model_name] = name
        else:
            counter += 1
            ids[model_name] = f"_{counter}"
    return ids


def class_diagram(
    model_set: ModelSet,
    class_names: dict[str, str],
    include: Collection[str],
    all_edges: Collection[Edge],
    *,
    centre: str | None = None,
    ids: dict[str, str] | None = None,
) -> list[str]:
    """The lines of a ``classDiagram`` of the models named in ``include``: each as a class
    (enumerations with their values, unions marked), and the references between them; with a
    ``centre``, only the references from and to that model. ``class_names``: the Python class
    name of every model, by model name; ``ids``: their ``class_ids``, where already known."""
    if ids is None:
        ids = class_ids(class_names)
    lines = ["classDiagram"]
    for model in model_set.models:
        if model.name not in include:
            continue
        own_id = ids[model.name]
        name = class_names[model.name]
        head = f"class {own_id}" if own_id == name else f'class {own_id}["{name}"]'
        if model.values_lost:
            lines += [f"  {head} {{", "    <<enumeration>>", "    values lost", "  }"]
        elif model.kind is ModelKind.ENUM:
            values = [value_label(v.value) for v in model.enum_values]
            shown = values[:MAX_ENUM_VALUES]
            if len(values) > len(shown):
                shown.append(f"... {len(values) - len(shown)} more")
            lines += [f"  {head} {{", "    <<enumeration>>", *(f"    {v}" for v in shown), "  }"]
        elif model.kind is ModelKind.UNION:
            lines += [f"  {head} {{", "    <<union>>", "  }"]
        else:
            lines.append(f"  {head}")
    for edge in all_edges:
        if edge.source not in include or edge.target not in include:
            continue
        if centre is not None and centre not in (edge.source, edge.target):
            continue
        cardinality = ' "*"' if edge.many else ""
        text = "one of" if edge.property is None else label(edge.property)
        lines.append(f"  {ids[edge.source]} -->{cardinality} {ids[edge.target]} : {text}")
    return lines

"""A type spelling a generator release writes for two formats, read as what takes both.

C# pages before openapi-generator 7.12 write ``DateTime`` for date and date-time properties
alike; from 7.12 on a date is ``DateOnly``. In a folder of C# pages without a single
``DateOnly``, a ``DateTime`` property may hold either, and reading it as a date-time would
reject every date the API sends (``"2024-01-01"``). Such a property is read as a string, which
takes both and gives the text back unchanged, with one warning for the folder that says how to
set the format where it is known (an overlay's ``format``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from docmodels.diagnostics import Diagnostic, warning
from docmodels.ir import ArrayOf, MapOf, Model, Primitive, PrimitiveKind, TypeExpr

_DATE = Primitive(PrimitiveKind.STRING, "date")
_DATE_TIME = Primitive(PrimitiveKind.STRING, "date-time")
_STRING = Primitive(PrimitiveKind.STRING)


def _has(type_expr: TypeExpr, wanted: Primitive) -> bool:
    if isinstance(type_expr, ArrayOf):
        return _has(type_expr.items, wanted)
    if isinstance(type_expr, MapOf):
        return _has(type_expr.values, wanted)
    return type_expr == wanted


def _widened(type_expr: TypeExpr) -> TypeExpr:
    if isinstance(type_expr, ArrayOf):
        return replace(type_expr, items=_widened(type_expr.items))
    if isinstance(type_expr, MapOf):
        return replace(type_expr, values=_widened(type_expr.values))
    return _STRING if type_expr == _DATE_TIME else type_expr


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else "."


def widen_ambiguous(models: Sequence[Model]) -> tuple[list[Model], list[Diagnostic]]:
    """The models with C#'s DateTime read as a string in folders that write no DateOnly."""
    by_folder: dict[str, list[int]] = defaultdict(list)
    for index, model in enumerate(models):
        if model.dialect == "csharp":
            by_folder[_folder(model.location.path)].append(index)
    result = list(models)
    diagnostics: list[Diagnostic] = []
    for indexes in by_folder.values():
        fields = [f for i in indexes for f in models[i].fields]
        if any(_has(f.type, _DATE) for f in fields):
            continue  # 7.12 on: DateOnly for dates, so DateTime means date-time
        widened = [f for f in fields if _has(f.type, _DATE_TIME)]
        if not widened:
            continue
        for i in indexes:
            model = models[i]
            if any(_has(f.type, _DATE_TIME) for f in model.fields):
                result[i] = replace(
                    model,
                    fields=tuple(replace(f, type=_widened(f.type)) for f in model.fields),
                )
        diagnostics.append(
            warning(
                widened[0].location,
                "C# pages before openapi-generator 7.12 write DateTime for dates and date-times "
                f"alike, and this folder writes no DateOnly: {len(widened)} "
                f"propert{'y' if len(widened) == 1 else 'ies'} read as strings, which take "
                "both (an overlay's format = \"date-time\" or \"date\" sets the one it is)",
            )
        )
    return result, diagnostics

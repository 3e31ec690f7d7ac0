"""Empty-table pages that are no enum: C#'s oneOf and anyOf pages.

Many generators write an enum's page as an empty property table, and reading reads such a page
as an enum whose values were lost (any string or number). C# 7 writes a oneOf's or anyOf's page
(adyen's account identifications, listennotes' search results) as the same empty table; what
tells them apart is how the rows that refer to them are written: it links the page of a model
it does not count as primitive (``[**Details**](Details.md)``) and writes an enum unlinked
(``**Status**``). Other generators and releases link both (csharp-netcore 5), so the folder
itself must show it: where a row refers to one empty-table page unlinked, the empty-table
pages its rows refer to only with a link are unions whose members the page lost: any value, a
loss. Only rows whose type is the model itself count: C# links every list or map of a model.
"""

from __future__ import annotations

from dataclasses import replace

from docmodels.diagnostics import Diagnostic, lost
from docmodels.ir import AnyValue, Model, ModelKind, Reference

LOST_MEMBERS = "a oneOf's or anyOf's members: the page's table is empty"


def with_linked_empty_tables(
    by_name: dict[str, Model], diagnostics: list[Diagnostic]
) -> dict[str, Model]:
    """The models, each empty-table page that its folder's rows link where they write another
    one unlinked read as a union of any value, with a loss at it (see the module)."""
    lost_pages = {name for name, model in by_name.items() if model.values_lost}
    if not lost_pages:
        return by_name
    # folder -> empty-table page -> whether each row that names it links it
    links: dict[str, dict[str, list[bool]]] = {}
    for model in by_name.values():
        for field in model.fields:
            if isinstance(field.type, Reference) and field.type.name in lost_pages:
                links.setdefault(model.folder, {}).setdefault(field.type.name, []).append(field.linked)
    result = dict(by_name)
    for folder, pages in sorted(links.items()):
        enums = sorted(name for name, linked in pages.items() if not any(linked))
        if not enums:
            continue  # nothing in the folder shows how it writes an enum
        for name in sorted(n for n, linked in pages.items() if all(linked)):
            model = by_name[name]
            if result[name] is not model:
                continue  # another folder's rows showed it already
            result[name] = replace(
                model, kind=ModelKind.UNION, variants=(AnyValue(),), missing=(LOST_MEMBERS,)
            )
            diagnostics.append(
                lost(
                    model.location,
                    f"the property table of {name!r} is empty and every row that refers to it "
                    f"links it, while rows write the empty-table enum {enums[0]!r} unlinked, as "
                    "C# writes a oneOf or anyOf beside an enum: its members are lost; read as "
                    "any value",
                )
            )
    return result

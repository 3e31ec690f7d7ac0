"""Empty-table pages that are no enum: C#'s oneOf and anyOf pages.

Many generators write an enum's page as an empty property table, and reading reads such a page
as an enum whose values were lost (any string or number). C# writes a oneOf's or anyOf's page
(adyen's account identifications, a payment method) as the same empty table; what tells them
apart is how the rows that refer to them are written: C# links the page of a model it does not
count as primitive (``[**Details**](Details.md)``) and writes an enum unlinked (``**Status**``).
Where the dialect writes enums unlinked (Dialect.links_enums is False) and every row that
refers to such a page links it, the page is a union whose members it lost: any value, a loss.
"""

from __future__ import annotations

from dataclasses import replace

from docmodels.diagnostics import Diagnostic, lost
from docmodels.dialects.registry import by_name as dialect_named
from docmodels.ir import AnyValue, Field, Model, ModelKind, referenced_names

LOST_MEMBERS = "a oneOf's or anyOf's members: the page's table is empty"


def with_linked_empty_tables(
    by_name: dict[str, Model], diagnostics: list[Diagnostic]
) -> dict[str, Model]:
    """The models, each empty-table page that rows link where its dialect links no enum read
    as a union of any value, with a loss at it (see the module)."""
    lost_pages = {name for name, model in by_name.items() if model.values_lost}
    if not lost_pages:
        return by_name
    # Each row that refers to such a page, and the dialect of the page it is on (the empty
    # page itself shows none).
    referring: dict[str, list[tuple[Field, str]]] = {}
    for model in by_name.values():
        for field in model.fields:
            for name in referenced_names(field.type):
                if name in lost_pages:
                    referring.setdefault(name, []).append((field, model.dialect))
    result = dict(by_name)
    for name in sorted(lost_pages):
        rows = referring.get(name, [])
        if not rows or not all(
            row.linked and _links_enums(dialect) is False for row, dialect in rows
        ):
            continue
        model = by_name[name]
        dialect = rows[0][1]
        result[name] = replace(
            model, kind=ModelKind.UNION, variants=(AnyValue(),), missing=(LOST_MEMBERS,)
        )
        diagnostics.append(
            lost(
                model.location,
                f"the property table of {name!r} is empty and every row that refers to it "
                f"links it, as {dialect} pages write a oneOf or anyOf, not an enum: "
                "its members are lost; read as any value",
            )
        )
    return result


def _links_enums(dialect: str) -> bool | None:
    found = dialect_named(dialect)
    links: bool | None = getattr(found, "links_enums", None)
    return links

"""A container the page names without what it holds: ``List``, ``Vec``, ``Option<Vec>``,
``[**Array**](array.md)``, ``Map``.

Generators write these where the spec's array or map is an alias reached through ``allOf`` (AWS
specs wrap every reference so: ``allOf: [$ref: RootCauses, {description}]``): the item type is
lost before the page is written. The page still says "a list", which is more than Any: a payload
with an object there is wrong. So such a type reads as a list (or map) of any values, with a
warning that the page does not say what it holds.
"""

from __future__ import annotations

import re

from docmodels.ir import AnyValue, ArrayOf, MapOf, TypeExpr

# Wrappers that say optional or pointer, around the container: rust's Option<...>, go's
# "Pointer to", python's Optional[...].
_WRAPPED = re.compile(r"^(?:Option\s*<(?P<a>.*)>|Optional\s*\[(?P<b>.*)\]|Pointer to\s+(?P<c>.*))$")
_ARRAYS = {"list", "array", "vec", "collection", "seq", "sequence", "arraylist", "ilist"}
_SETS = {"set", "hashset"}
_MAPS = {"map", "dictionary", "dict", "hash", "hashmap", "idictionary"}


def bare_container(text: str) -> TypeExpr | None:
    """The container a type names without its contents, or None if it names something else."""
    text = text.strip()
    while (wrapped := _WRAPPED.match(text)) is not None:
        text = next(group for group in wrapped.groups() if group is not None).strip()
    # Qualified spellings: kotlin.collections.List, System.Collections.Generic.List.
    word = text.rsplit(".", 1)[-1].rsplit("::", 1)[-1].lower()
    if word in _ARRAYS:
        return ArrayOf(AnyValue())
    if word in _SETS:
        return ArrayOf(AnyValue(), unique_items=True)
    if word in _MAPS:
        return MapOf(AnyValue())
    return None


def read_as(property_name: str, written: str, container: TypeExpr) -> str:
    """The warning for a property whose type is such a container (``written`` as the page
    shows it, quoted)."""
    if isinstance(container, MapOf):
        kind = "map"
    else:
        kind = "set" if isinstance(container, ArrayOf) and container.unique_items else "list"
    return (
        f"property {property_name!r}: the page writes {written} without what it holds; "
        f"read as a {kind} of any values"
    )

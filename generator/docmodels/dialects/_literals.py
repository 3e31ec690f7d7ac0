"""Default literals that C-family languages spell alike: numbers, true/false, quoted strings.

Not a dialect (the registry skips modules whose name starts with ``_``).
"""

from __future__ import annotations

import dataclasses

from docmodels.dialects.base import NoDefault
from docmodels.ir import Default, Field, JsonValue, Primitive, PrimitiveKind
from docmodels.numeric import is_finite
from docmodels.page.notes import Notes

_TRUE_FALSE = {"true": True, "false": False}


def scalar(
    text: str,
    quotes: str,
    booleans: dict[str, bool] = _TRUE_FALSE,
    language: str | None = None,
) -> JsonValue:
    """One of ``booleans``, a finite number, or a string in one of ``quotes``; ValueError else.

    The reader has already undone the page's backslash escapes, so a quoted string is taken
    verbatim between its outer quotes (``'it's "quoted"'`` is the text ``it's "quoted"``).
    """
    stripped = text.strip()
    if stripped in booleans:
        return booleans[stripped]
    if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in quotes:
        return stripped[1:-1]
    for convert in (int, float):
        try:
            number = convert(stripped)
        except ValueError:
            continue
        if is_finite(number):  # float() also reads "nan" and "inf"
            return number
    if language is not None:
        raise ValueError(f"not {language} literal: {text!r}")
    raise ValueError(f"not a literal: {stripped!r}")


def unescaped_keyword(name: str, keywords: frozenset[str], prefix: str = "_") -> str | None:
    """The name behind ``prefix + name`` where the generator escaped a reserved word or a name
    starting with a digit; None where ``name`` is not such an escape."""
    if not name.startswith(prefix):
        return None
    rest = name[len(prefix) :]
    if rest in keywords or (rest[:1].isdigit() and rest.replace("_", "").isalnum()):
        return rest
    return None


def bare(text: str) -> JsonValue:
    """A default as templates that write ``{{defaultValue}}`` unquoted show it (eiffel,
    markdown): ``null`` for none, true/false, a number, ``[]`` and ``{}`` for an empty list
    and map, else the string itself."""
    stripped = text.strip()
    if stripped == "null":
        raise NoDefault(stripped)
    if stripped in ("[]", "{}"):
        return [] if stripped == "[]" else {}
    try:
        return scalar(stripped, "")
    except ValueError:
        return stripped


def string_default(field: Field, notes: Notes) -> Field:
    """A string property whose bare default read as a number or boolean (``[default to 1]``)
    has that text as its default: the type says it is the text."""
    text = (notes.default or "").strip()
    if field.default is not None or text in ("", "null"):
        return field
    if isinstance(field.type, Primitive) and field.type.kind is PrimitiveKind.STRING:
        return dataclasses.replace(field, default=Default(text, text))
    return field

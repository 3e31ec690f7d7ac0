"""What a payload may hold: rules every emitter must agree on, so that the JSON Schema accepts
exactly what the generated validators accept (and what their ``to_dict`` writes back)."""

from __future__ import annotations

from docmodels.ir import Field


def accepts_null(field: Field) -> bool:
    """Whether null is a valid value. The page decides where it says (``nullable``); where it
    does not, an optional property takes null (generated clients send and accept it for "not
    set") and a required one does not."""
    if field.nullable is not None:
        return field.nullable
    return not field.required  # unknown counts as optional: lenient where the page is silent

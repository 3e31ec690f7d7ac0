"""What a payload may hold: rules every emitter must agree on, so that the JSON Schema accepts
exactly what the generated validators accept (and what their ``to_dict`` writes back)."""

from __future__ import annotations

from docmodels.ir import Field


def accepts_null(field: Field) -> bool:
    """Whether null is a valid value. The page decides where it says (``nullable``); where it
    does not, any property takes null: an optional one because generated clients send and
    accept it for "not set", a required one because the API may send it and the page cannot
    say it will not (an overlay's ``nullable = false`` says so)."""
    if field.nullable is not None:
        return field.nullable
    return True  # lenient where the page is silent

"""The three lines of Python a docs page shows to read its model's example payload, in the
chosen output target's API (README, "Output targets"):

- dataclasses, attrs, pydantic, msgspec: ``Model.from_json(payload)`` and ``to_dict()``;
  an enum is called with its value, which gives its member;
- typeddict: ``parse_<module>(...)``, which returns the payload as the TypedDict (no class
  to build: the payload is the value).

A union of the other targets is an alias, not a class: it has no reader of its own (a payload
reaches it through a model that holds it), and neither has an enum whose page lost its values.

Only generated names (identifiers) and a value's Python literal (python_literals) reach the
text, so it stays code whatever the page says.
"""

from __future__ import annotations

from docmodels.emit import python_literals as lit
from docmodels.ir import JsonValue, Model, ModelKind

TYPEDDICT = "typeddict"


def snippet(target: str, package: str, model: Model, class_name: str, module: str,
            example: JsonValue, member: str | None = None) -> str:
    """The snippet's lines (``payload``: the example's JSON text), or "" where the target has
    no reader for the model; ``member``: an enum's member whose value ``example`` is."""
    if target == TYPEDDICT:
        parse = f"parse_{module}"
        if model.kind is ModelKind.ENUM:
            return (f"from {package} import {class_name}, {parse}\n"
                    f"value: {class_name} = {parse}({lit.literal(example)})\n")
        return (f"import json\nfrom {package} import {class_name}, {parse}\n"
                f"data: {class_name} = {parse}(json.loads(payload))\n")
    if model.kind is ModelKind.OBJECT:
        return (f"from {package} import {class_name}\n"
                f"model = {class_name}.from_json(payload)\n"
                "model.to_dict()\n")
    if model.kind is ModelKind.ENUM and member is not None:
        return (f"from {package} import {class_name}\n"
                f"value = {class_name}({lit.literal(example)})\n"
                f"value is {class_name}.{member}\n")
    return ""

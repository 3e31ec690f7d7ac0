"""groundtruth/real/facts.py: how real-spec constructs map to the facts of page models."""

from __future__ import annotations

from groundtruth.expected import NO_DEFAULT
from groundtruth.real.facts import ANY_MODEL, spec_facts

REF = "#/components/schemas/"
SPEC = {
    "openapi": "3.1.0",
    "components": {"schemas": {
        "Arn": {"type": "string", "format": "uuid"},  # an alias: no page, its type is used
        "Arns": {"type": "array", "items": {"$ref": REF + "Arn"}},
        "Again": {"$ref": REF + "Arn"},  # a $ref chain
        "Color": {"type": "string", "enum": ["red", "green", None]},
        "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}},
        "Pet": {
            "allOf": [
                {"$ref": REF + "Base"},
                {"type": "object", "properties": {"name": {"type": ["string", "null"]}}},
            ],
            "properties": {
                "arn": {"allOf": [{"$ref": REF + "Arn"}, {"description": "AWS style"}]},
                "arns": {"$ref": REF + "Arns"},
                "again": {"$ref": REF + "Again"},
                "color": {"$ref": REF + "Color"},
                "owner": {"type": "object", "properties": {"x": {"type": "string"}}},
                "tags": {"type": "array", "items": {"type": "object",
                                                    "properties": {"k": {"type": "string"}}}},
                "either": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                "maybe": {"anyOf": [{"$ref": REF + "Base"}, {"type": "null"}]},
                "size": {"type": "string", "enum": ["S", "M"], "default": "S"},
            },
        },
        "Shape": {"oneOf": [{"$ref": REF + "Pet"}, {"$ref": REF + "Base"}],
                  "discriminator": {"propertyName": "kind"}},
    }},
}


def test_real_spec_constructs_map_to_page_model_facts() -> None:
    facts = spec_facts(SPEC)
    assert sorted(facts.models) == ["Base", "Pet"]
    assert facts.enums == {"Color": ("red", "green")}
    assert facts.compositions["Shape"].variants == ("ref:Pet", "ref:Base")
    assert facts.aliases == 3
    pet = facts.models["Pet"]
    assert pet["id"].required and pet["id"].type == "integer"  # flattened from allOf
    assert pet["name"].nullable and pet["name"].type == "string"  # 3.1 type list
    assert (pet["arn"].type, pet["arn"].format) == ("string", "uuid")  # annotated allOf wrapper
    assert pet["arns"].type == "array<string>"  # alias of an array of an alias
    assert pet["again"].type == "string"
    assert pet["color"].type == "ref:Color" and pet["color"].enum is None  # an enum model
    assert pet["owner"].type == ANY_MODEL  # inline object: a model of some name
    assert pet["tags"].type == f"array<{ANY_MODEL}>"
    assert pet["either"].type == ""  # inline oneOf: no type fact
    assert pet["maybe"].type == "ref:Base" and pet["maybe"].nullable
    assert (pet["size"].enum, pet["size"].default) == (("S", "M"), "S")
    assert pet["id"].default is NO_DEFAULT
    assert facts.unmapped["inline object (its model's properties)"] == 2

"""groundtruth/payloads/contrary.py tells a valid payload rejected because a page says
otherwise than the spec (no reading of that page could take it) from one the pages could have
taken: the table counts the first apart and lists each."""

from __future__ import annotations

from typing import Any

import pytest

from groundtruth.payloads.contrary import Spec, classify, path_of

SPEC: dict[str, Any] = {
    "components": {
        "schemas": {
            "Interval": {
                "type": "object",
                "properties": {"end": {"$ref": "#/components/schemas/DateTime"},
                               "label": {"type": "string", "nullable": True}},
            },
            "DateTime": {"type": "object", "properties": {"date": {"type": "string"}}},
            "Sheet": {
                "type": "object",
                "required": ["total"],
                "properties": {"total": {"type": "number"}, "net": {"type": "number"}},
            },
        }
    }
}
# What `docmodels schema` prints for pages that write the DateTime as a string, mark net
# required, and say nothing of label's nullability.
DEFS: dict[str, Any] = {
    "interval": {"type": "object", "properties": {
        "end": {"type": "string"},
        "label": {"type": "string", "x-docmodels-unstated": ["nullable"]},
    }},
    "sheet": {"type": "object", "required": ["total", "net"],
              "properties": {"total": {"type": "number"}, "net": {"type": "number"}}},
}


@pytest.mark.parametrize(
    ("schema", "detail", "verdict"),
    [
        ("Interval", "end: expected str, got dict", "page says another type"),
        ("Sheet", "net: required property is missing", "page says required"),
        # The spec requires it too: the payload generator's own rule, nothing contrary.
        ("Sheet", "total: required property is missing", "not contrary"),
        # The page does not say whether null is allowed: docmodels' choice, not the page's.
        ("Interval", "label: expected str, got None", "not contrary"),
    ],
)
def test_each_rejection_is_classified(schema: str, detail: str, verdict: str) -> None:
    assert classify(Spec(SPEC), DEFS, schema, detail) == verdict


def test_a_path_is_read_as_keys_and_items() -> None:
    assert path_of("lines[0].tracking.refs: required property is missing") == (
        ["lines", "[]", "tracking", "refs"], "required property is missing")

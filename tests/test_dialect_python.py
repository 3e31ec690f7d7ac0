"""The python dialect: type grammar, defaults and names (docmodels.dialects.python)."""

from __future__ import annotations

import pytest
from docmodels.diagnostics import Severity
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.python import PYTHON
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    JsonValue,
    MapOf,
    Model,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.page.structure import parse_page
from docmodels.page.typecell import TypeCell
from docmodels.reader import read_page

STRING = Primitive(PrimitiveKind.STRING)
INTEGER = Primitive(PrimitiveKind.INTEGER)
NUMBER = Primitive(PrimitiveKind.NUMBER)
BOOLEAN = Primitive(PrimitiveKind.BOOLEAN)


def parse(text: str) -> ParsedType:
    return PYTHON.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("str", STRING),
        ("int", INTEGER),
        ("float", NUMBER),
        ("bool", BOOLEAN),
        ("date", Primitive(PrimitiveKind.STRING, "date")),
        ("datetime", Primitive(PrimitiveKind.STRING, "date-time")),
        # 7.x writes byte and binary strings alike: the format is not known.
        ("bytearray", STRING),
        ("bytes", STRING),
        ("UUID", Primitive(PrimitiveKind.STRING, "uuid")),
        ("file", Primitive(PrimitiveKind.STRING, "binary")),
        ("object", AnyValue()),
        ("Any", AnyValue()),
    ],
)
def test_scalars(text: str, expected: TypeExpr) -> None:
    assert parse(text) == ParsedType(expected, native_names=1)


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("list[str]", ArrayOf(STRING), 2),
        ("List[int]", ArrayOf(INTEGER), 2),
        ("list[Person]", ArrayOf(Reference("Person")), 1),
        ("List[List[bool]]", ArrayOf(ArrayOf(BOOLEAN)), 3),
        ("dict(str, str)", MapOf(STRING), 3),
        ("dict(str, list[int])", MapOf(ArrayOf(INTEGER)), 4),
        ("Dict[str, float]", MapOf(NUMBER), 3),
        ("Dict[str, Person]", MapOf(Reference("Person")), 2),
        ("Dict[str, object]", MapOf(AnyValue()), 3),
        ("dict", MapOf(AnyValue()), 1),
        ("Dict", MapOf(AnyValue()), 1),
    ],
)
def test_containers(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


def test_a_union_is_any_value() -> None:
    assert parse("Union[Dict[str, Any], bool]") == ParsedType(AnyValue(), native_names=5)


def test_optional_wraps_the_type() -> None:
    assert parse("Optional[List[str]]") == ParsedType(
        ArrayOf(STRING), wrapped_optional=True, native_names=3
    )


def test_optional_says_null_is_allowed_only_for_a_required_property() -> None:
    assert PYTHON.nullable(parse("Optional[str]"), required=True) is True
    assert PYTHON.nullable(parse("Optional[str]"), required=False) is None


def test_a_model_name_is_a_reference_and_no_evidence_for_the_dialect() -> None:
    assert parse("CreateSession200Response") == ParsedType(Reference("CreateSession200Response"))


def test_spaces_between_tokens_do_not_matter() -> None:
    assert parse("  dict( str ,list[ Person ] ) ") == parse("dict(str, list[Person])")


def test_python_never_says_whether_null_is_allowed() -> None:
    assert PYTHON.nullable(parse("str"), required=True) is None
    assert PYTHON.nullable(parse("str"), required=False) is None


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("integer", "unknown type 'integer'", 0),
        ("list[strng]", "unknown type 'strng'", 5),
        ("Dict[int, str]", "map keys must be str", 5),
        ("dict(str str)", "expected ',' but found 'str'", 9),
        ("list[str", "type ends where ']' was expected", 8),
        ("str, none_type", "unexpected ',' after the type", 3),
        ("Option<String>", "unexpected '<' after the type", 6),
        ("{str: (bool,)}", "expected a type name but found '{'", 0),
        ("list[str-id]", "unexpected character '-' in type", 8),
        ("", "type ends where a type name was expected", 0),
    ],
)
def test_types_the_grammar_rejects(text: str, message: str, offset: int) -> None:
    with pytest.raises(TypeSyntaxError) as caught:
        parse(text)
    assert (caught.value.message, caught.value.offset) == (message, offset)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("120", 120),
        ("-1.5", -1.5),
        ("False", False),
        ("True", True),
        ("None", None),
        ("'USE_CLOUD'", "USE_CLOUD"),
        ('"720h"', "720h"),
        ("[1, 'a']", [1, "a"]),
        ("(1, 2)", [1, 2]),
        ("{'a': [True]}", {"a": [True]}),
    ],
)
def test_defaults_are_python_literals(text: str, value: JsonValue) -> None:
    assert PYTHON.parse_default(text) == value
    assert type(PYTHON.parse_default(text)) is type(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Most releases do not escape the quote; 7.26 does, and the page's Markdown escape
        # takes the backslash away before the dialect sees the text.
        ("'it's \"quoted\"'", "it's \"quoted\""),
        ("'a\\b'", "a\\b"),
        ("''", ""),
    ],
)
def test_a_quoted_default_is_the_text_between_the_quotes(text: str, value: str) -> None:
    assert PYTHON.parse_default(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("USE_CLOUD", "not a Python literal: 'USE_CLOUD'"),
        ("KeyVisibility.UNSPECIFIED", "not a Python literal: 'KeyVisibility.UNSPECIFIED'"),
        ("1e999", "not a finite number"),
        ("{1: 'a'}", "object keys must be strings"),
        ("{1, 2}", "not a JSON value: set"),
        ("b'x'", "not a JSON value: bytes"),
        ("1j", "not a JSON value: complex"),
        ("1" * 10_001, "default is too long"),
    ],
)
def test_defaults_that_are_not_json_values_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        PYTHON.parse_default(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("name", "wire"),
    [
        ("var_from", ("from", WireNameSource.UNMANGLED)),
        ("var_self", ("self", WireNameSource.UNMANGLED)),
        ("var_property", ("property", WireNameSource.UNMANGLED)),
        ("var_json", ("json", WireNameSource.UNMANGLED)),
        ("var_123start", ("123start", WireNameSource.UNMANGLED)),
        ("var_name", ("var_name", WireNameSource.PAGE)),
        ("from_", ("from_", WireNameSource.PAGE)),
        ("project_id", ("project_id", WireNameSource.PAGE)),
        # python-legacy's prefix, for its own (shorter) list of reserved words.
        ("_class", ("class", WireNameSource.UNMANGLED)),
        ("_self", ("self", WireNameSource.UNMANGLED)),
        ("_123start", ("123start", WireNameSource.UNMANGLED)),
        ("_json", ("_json", WireNameSource.PAGE)),
        ("_private", ("_private", WireNameSource.PAGE)),
    ],
)
def test_wire_names_undo_the_prefix_only_for_reserved_words_and_digits(
    name: str, wire: tuple[str, WireNameSource]
) -> None:
    assert PYTHON.wire_name(name) == wire


def test_the_model_name_is_the_title() -> None:
    assert PYTHON.model_name(" CreateSession ") == "CreateSession"


HEADER = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"


def read(title: str, *rows: str, tail: str = "") -> Model:
    text = f"# {title}\n\nA test model.\n\n## Properties\n{HEADER}" + "\n".join(rows) + "\n" + tail
    model, diagnostics = read_page(parse_page(f"{title}.md", text))
    assert [d for d in diagnostics if d.severity is Severity.ERROR] == []
    assert model is not None
    return model


def test_a_python_legacy_page() -> None:
    model = read(
        "Job",
        "**_from** | **str** |  | [optional] ",
        "**tags** | **list[str]** |  | [optional] ",
        "**env** | **dict(str, str)** | Variables. | [optional] ",
        "**mode** | **str** |  | [optional] [default to 'USE_CLOUD']",
    )
    assert model.dialect == "python"
    assert [(f.wire_name, f.type) for f in model.fields] == [
        ("from", STRING),
        ("tags", ArrayOf(STRING)),
        ("env", MapOf(STRING)),
        ("mode", STRING),
    ]
    assert model.fields[3].default is not None and model.fields[3].default.value == "USE_CLOUD"


def test_a_python_7_page() -> None:
    example = "## Example\n\n```python\nfrom openapi_client.models.job import Job\n```\n"
    model = read(
        "Job",
        "**var_from** | **str** |  | [optional] ",
        "**tags** | **List[str]** |  | [optional] ",
        "**scores** | **Dict[str, int]** |  | [optional] ",
        "**id** | **UUID** |  | ",
        tail=example,
    )
    assert model.dialect == "python"
    assert [(f.wire_name, f.type) for f in model.fields] == [
        ("from", STRING),
        ("tags", ArrayOf(STRING)),
        ("scores", MapOf(INTEGER)),
        ("id", Primitive(PrimitiveKind.STRING, "uuid")),
    ]


def test_a_python_example_section_is_evidence_for_python() -> None:
    text = (
        "# Job\n\n## Properties\n" + HEADER + "**id** | **int** |  | \n\n"
        "## Example\n\n```python\nfrom openapi_client.models.job import Job\n```\n"
    )
    assert PYTHON.page_evidence(parse_page("Job.md", text)) == 1
    assert PYTHON.page_evidence(parse_page("Job.md", text.replace("```python", "```"))) == 0


def test_dict_values_that_may_be_null_are_any_value_or_not_read() -> None:
    assert parse("Dict[str, Dict[str, Optional[object]]]").type == MapOf(MapOf(AnyValue()))
    with pytest.raises(TypeSyntaxError, match="items that may be null are not read yet"):
        parse("Dict[str, Optional[str]]")

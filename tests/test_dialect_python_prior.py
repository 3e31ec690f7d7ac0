"""The python-prior dialect (openapi-generator's python 5.x, python-prior 6.x):
docmodels.dialects.python_prior."""

from __future__ import annotations

import pytest
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.python_prior import PYTHON_PRIOR
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Default,
    JsonValue,
    MapOf,
    ModelKind,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.page.notes import Notes
from docmodels.page.structure import parse_page
from docmodels.page.typecell import TypeCell
from docmodels.reader import read_page

STRING = Primitive(PrimitiveKind.STRING)
INTEGER = Primitive(PrimitiveKind.INTEGER)
NUMBER = Primitive(PrimitiveKind.NUMBER)
ANY_CLASS = "bool, date, datetime, dict, float, int, list, str, none_type"


def parse(text: str) -> ParsedType:
    return PYTHON_PRIOR.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("str", STRING),
        ("int", INTEGER),
        ("float", NUMBER),
        ("bool", Primitive(PrimitiveKind.BOOLEAN)),
        ("date", Primitive(PrimitiveKind.STRING, "date")),
        ("datetime", Primitive(PrimitiveKind.STRING, "date-time")),
        ("file_type", Primitive(PrimitiveKind.STRING, "binary")),
        ("[str]", ArrayOf(STRING)),
        ("[[float]]", ArrayOf(ArrayOf(NUMBER))),
        ("[Pet]", ArrayOf(Reference("Pet"))),
        ("{str: (str,)}", MapOf(STRING)),
        ("{str: ([str],)}", MapOf(ArrayOf(STRING))),
        ("{str: (Pet,)}", MapOf(Reference("Pet"))),
        ("Pet", Reference("Pet")),
        # Every class: any value; a map of any value is a free-form object.
        (ANY_CLASS, AnyValue()),
        (f"{{str: ({ANY_CLASS})}}", AnyValue()),
        ("dict", AnyValue()),
        ("list", ArrayOf(AnyValue())),
    ],
)
def test_types(text: str, expected: TypeExpr) -> None:
    assert parse(text).type == expected


@pytest.mark.parametrize(
    ("text", "nullable"),
    [
        ("str, none_type", True),
        (f"{{str: ({ANY_CLASS})}}, none_type", True),
        ("[str], none_type", True),
        ("str", False),
        ("[str]", False),
        ("Pet", None),  # the referenced model may be nullable itself
        (ANY_CLASS, None),  # none_type is part of "any value", not a statement about null
    ],
)
def test_none_type_says_null_is_allowed(text: str, nullable: bool | None) -> None:
    assert PYTHON_PRIOR.nullable(parse(text), required=False) is nullable


def test_names_of_the_vocabulary_are_evidence_and_model_names_are_not() -> None:
    assert parse("{str: (Pet,)}").native_names == 1
    assert parse("[Pet]").native_names == 0
    assert parse("str, none_type").native_names == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("none_type", "none_type alone is not a type"),
        ("{int: (str,)}", "map keys must be str"),
        ("List[str]", "unexpected '[' after the type"),
        ("strr", "unknown type 'strr'"),
    ],
)
def test_types_the_grammar_rejects(text: str, message: str) -> None:
    with pytest.raises(TypeSyntaxError) as caught:
        parse(text)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("text", "notes"),
    [
        ('defaults to "sns"', Notes(default='"sns"')),
        (
            "[optional]  if omitted the server will use the default value of 250",
            Notes(optional=True, default="250"),
        ),
        ('[optional]  if omitted the server will use the default value of "it\'s "quoted""',
         Notes(optional=True, default='"it\'s "quoted""')),
        (' must be one of ["a", "b", ]', Notes(other=('must be one of ["a", "b", ]',))),
        (
            ' defaults to "a",  must be one of ["a", "b", ]',
            Notes(default='"a"', other=('must be one of ["a", "b", ]',)),
        ),
        ("[optional] [readonly] ", Notes(optional=True, read_only=True)),
        ("[optional] see above", Notes(optional=True, other=("see above",))),
    ],
)
def test_notes_prose(text: str, notes: Notes) -> None:
    assert PYTHON_PRIOR.parse_notes(text) == notes


def test_an_unclosed_group_is_not_notes() -> None:
    assert PYTHON_PRIOR.parse_notes("[optional defaults to 3") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('"medium"', "medium"),
        ('"it\'s "quoted""', 'it\'s "quoted"'),
        ("0", 0),
        ("False", False),
        ("1.5", 1.5),
        ("[]", []),
        ("dateutil_parser('2020-01-02').date()", "2020-01-02"),
    ],
)
def test_defaults(text: str, value: JsonValue) -> None:
    assert PYTHON_PRIOR.parse_default(text) == value


@pytest.mark.parametrize(
    ("name", "wire"),
    [
        ("_class", ("class", WireNameSource.UNMANGLED)),
        ("_123start", ("123start", WireNameSource.UNMANGLED)),
        ("var_class", ("var_class", WireNameSource.PAGE)),
        ("private", ("private", WireNameSource.PAGE)),
    ],
)
def test_wire_names(name: str, wire: tuple[str, WireNameSource]) -> None:
    assert PYTHON_PRIOR.wire_name(name) == wire


HEADER = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"


def page(title: str, *rows: str) -> str:
    return f"# {title}\n\nA test model.\n\n## Properties\n{HEADER}" + "\n".join(rows) + "\n"


def test_a_model_page() -> None:
    text = page(
        "Feed",
        "**id** | **str** |  | ",
        "**kind** | **str** | The kind. | defaults to \"rss\"",
        "**tags** | **[str]** |  | [optional] ",
        "**limit** | **int, none_type** |  | [optional]  if omitted the server will use the "
        "default value of 250",
        f"**any string name** | **{ANY_CLASS}** | any string name can be used but the value must "
        "be the correct type | [optional]",
    )
    model, diagnostics = read_page(parse_page("Feed.md", text))
    assert diagnostics == []
    assert model is not None and model.dialect == "python-prior"
    assert [(f.name, f.type, f.required, f.nullable) for f in model.fields] == [
        ("id", STRING, True, False),
        ("kind", STRING, True, False),
        ("tags", ArrayOf(STRING), False, False),
        ("limit", INTEGER, False, True),
    ]
    assert model.fields[1].default == Default("rss", '"rss"')
    assert model.fields[3].default == Default(250, "250")


def test_an_enum_model_is_a_single_value_row() -> None:
    text = page("Level", '**value** | **str** | How sure. |  must be one of ["aal1", "aal2", ]')
    model, diagnostics = read_page(parse_page("Level.md", text))
    assert diagnostics == []
    assert model is not None and model.kind is ModelKind.ENUM
    assert model.enum_type == STRING
    assert [v.value for v in model.enum_values] == ["aal1", "aal2"]


def test_an_enum_model_with_a_default_is_still_an_enum_model() -> None:
    notes = 'defaults to "private",  must be one of ["private", "public", ]'
    text = page("Visibility", f"**value** | **str** | Who sees it. | {notes}")
    model, diagnostics = read_page(parse_page("Visibility.md", text))
    assert diagnostics == []
    assert model is not None and model.kind is ModelKind.ENUM
    assert [v.value for v in model.enum_values] == ["private", "public"]


def test_a_number_enum_model() -> None:
    text = page("Priority", "**value** | **int** | A priority. |  must be one of [1, 2, 3, ]")
    model, _ = read_page(parse_page("Priority.md", text))
    assert model is not None and model.enum_type == INTEGER
    assert [v.value for v in model.enum_values] == [1, 2, 3]


def test_a_page_of_plain_scalars_with_prose_notes_is_python_prior() -> None:
    # "str" and "int" read alike in python and python-prior; the prose notes decide.
    text = page("Hook", "**url** | **str** |  | ", '**method** | **str** |  | defaults to "POST"')
    model, diagnostics = read_page(parse_page("Hook.md", text))
    assert diagnostics == []
    assert model is not None and model.dialect == "python-prior"


def test_a_python_7_page_stays_python() -> None:
    text = page("Hook", "**url** | **str** |  | ", "**tags** | **List[str]** |  | [optional] ")
    model, _ = read_page(parse_page("Hook.md", text))
    assert model is not None and model.dialect == "python"


def test_a_lone_value_row_is_a_python_prior_wrapper_model() -> None:
    # "[Session]" reads alike in several dialects (swift, javascript): the shape decides.
    text = page("Sessions", "**value** | [**[Session]**](Session.md) | The sessions. | ")
    model, _ = read_page(parse_page("Sessions.md", text))
    assert model is not None and model.dialect == "python-prior"
    assert model.fields[0].type == ArrayOf(Reference("Session"))


def test_prose_in_a_description_is_no_evidence() -> None:
    text = page("Hook", "**url** | **str** | defaults to the first one | [optional] ")
    assert PYTHON_PRIOR.page_evidence(parse_page("Hook.md", text)) == 0

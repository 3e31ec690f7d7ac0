"""The c dialect: C type names, link-carried element types, defaults, names and detection
(docmodels.dialects.c)."""

from __future__ import annotations

import pytest
from docmodels.dialects import registry
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.c import C
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EitherOf,
    JsonValue,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.page.structure import parse_page
from docmodels.page.typecell import decode_type_cell
from docmodels.reader import read_page

STRING = Primitive(PrimitiveKind.STRING)


def parse(raw: str) -> TypeExpr:
    parsed = C.parse_type(decode_type_cell(raw))
    assert parsed.native_names == 1
    return parsed.type


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("**char \\***", STRING),
        # integers and booleans alike, until a default says which
        ("**int**", EitherOf((Primitive(PrimitiveKind.INTEGER), Primitive(PrimitiveKind.BOOLEAN)))),
        ("**long**", Primitive(PrimitiveKind.INTEGER, "int64")),
        ("**float**", Primitive(PrimitiveKind.NUMBER, "float")),
        ("**double**", Primitive(PrimitiveKind.NUMBER)),
        ("**binary_t***", Primitive(PrimitiveKind.STRING, "binary")),
        ("**any_type_t \\***", AnyValue()),
        ("[**object_t**](.md) \\*", AnyValue()),
        # Kubernetes' int-or-string union: no IR type says "int or string", so any value.
        ("**int_or_string_t \\***",
         EitherOf((Primitive(PrimitiveKind.INTEGER), Primitive(PrimitiveKind.STRING)))),
        # 5.x's inline oneOf/anyOf, named by its members: no page defines it.
        ("[**one_ofstringinteger_t**](one_ofstringinteger.md) \\*", AnyValue()),
        ("[**any_ofintegerstring_t**](any_ofintegerstring.md) \\*", AnyValue()),
        ("**docmodels_ground_truth_pet_SIZE_e**", STRING),
        ("[**category_t**](category.md) \\*", Reference("Category")),
        ("**pet_status_t \\***", Reference("PetStatus")),
        ("[**pet_status_t**](pet_status.md)", Reference("PetStatus")),
        ("[**v1_pod_spec_t**](v1_pod_spec.md) \\*", Reference("V1PodSpec")),
        # A spec name that starts with "_" (an inline schema named from its path) keeps it.
        ("[**_users_post_request_t**](_users_post_request.md) \\*", Reference("UsersPostRequest")),
        # A model whose name the type mapping renamed (the spec's Date and File): the link
        # names its page.
        ("[**char_t**](date.md) \\*", Reference("Date")),
        ("[**binary_t*_t**](file.md) \\*", Reference("File")),
    ],
)
def test_scalars_and_models(raw: str, expected: TypeExpr) -> None:
    assert parse(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("**list_t \\***", ArrayOf(AnyValue())),
        ("**list_t***", MapOf(AnyValue())),
        ("**set_t \\***", ArrayOf(AnyValue(), unique_items=True)),
        ("[**list_t**](v1_container.md) \\*", ArrayOf(Reference("V1Container"))),
        # A list of free-form objects links a page named object, which no generator writes.
        ("[**list_t**](object.md) \\*", ArrayOf(AnyValue())),
        ("[**list_t**](any_type.md) \\*", ArrayOf(AnyValue())),
        ("[**list_t**](one_ofstringinteger.md) \\*", ArrayOf(AnyValue())),
    ],
)
def test_containers_show_their_element_only_in_the_link_target(raw: str, expected: TypeExpr) -> None:
    assert parse(raw) == expected


@pytest.mark.parametrize("raw", ["**char**", "**list_t**", "**Pet**", "**int \\***", "**map<string>**"])
def test_what_is_not_a_c_type(raw: str) -> None:
    with pytest.raises(TypeSyntaxError):
        C.parse_type(decode_type_cell(raw))


def test_a_model_pointer_is_a_reference() -> None:
    assert C.parse_type(decode_type_cell("**owner_t \\***")) == ParsedType(Reference("Owner"), native_names=1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", 0), ("1.5", 1.5), ("false", False), ("'medium'", "medium"),
     ("'it's \\\"quoted\\\"'", 'it\'s "quoted"')],
)
def test_defaults(text: str, expected: JsonValue) -> None:
    assert C.parse_default(text) == expected


@pytest.mark.parametrize(
    ("name", "wire"), [("_class", "class"), ("_namespace", "namespace"), ("_123start", "123start")]
)
def test_keywords_and_leading_digits_lose_their_underscore(name: str, wire: str) -> None:
    assert C.wire_name(name) == (wire, WireNameSource.UNMANGLED)


@pytest.mark.parametrize("name", ["_id", "type", "x_request_id"])
def test_other_names_are_the_wire_names(name: str) -> None:
    assert C.wire_name(name) == (name, WireNameSource.PAGE)


@pytest.mark.parametrize(
    ("title", "model"),
    [("pet_t", "Pet"), ("owner_address_t", "OwnerAddress"), ("_users_post_request_t", "UsersPostRequest")],
)
def test_the_title_names_the_c_type_of_the_model(title: str, model: str) -> None:
    assert C.model_name(title) == model


PAGE = """# pet_t

## Properties
Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**name** | **char \\*** |  |
**age** | **int** |  | [optional] [default to 0]
**vaccinated** | **int** |  | [optional] [default to false]
**owner** | [**owner_t**](owner.md) \\* |  | [optional]
"""


def test_a_c_page_reads_with_booleans_told_by_their_default() -> None:
    model, diagnostics = read_page(parse_page("pet.md", PAGE))
    assert diagnostics == []
    assert model is not None
    assert model.name == "Pet"
    assert model.dialect == "c"
    assert [(f.name, f.type) for f in model.fields] == [
        ("name", STRING),
        ("age", Primitive(PrimitiveKind.INTEGER)),
        ("vaccinated", Primitive(PrimitiveKind.BOOLEAN)),
        ("owner", Reference("Owner")),
    ]
    assert [f.default.value if f.default else None for f in model.fields] == [None, 0, False, None]


def test_the_c_type_title_chooses_c() -> None:
    page = parse_page("pet.md", PAGE)
    assert registry.detect([decode_type_cell("**int**"), decode_type_cell("**double**")], page) is C


def test_a_page_titled_with_a_model_name_is_not_c() -> None:
    page = parse_page("Pet.md", PAGE.replace("# pet_t", "# Pet"))
    assert registry.detect([decode_type_cell("**int**"), decode_type_cell("**double**")], page) is not C


def test_an_empty_type_cell_is_a_swagger_2_file() -> None:
    page = (
        "# upload_t\n\n## Properties\nName | Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n"
        "**name** | **char \\*** |  | [optional] \n"
        "**file_prop** |  |  | [optional] \n"
    )
    model, diagnostics = read_page(parse_page("upload.md", page))
    assert diagnostics == []
    assert model is not None and model.dialect == "c"
    assert [f.type for f in model.fields] == [STRING, Primitive(PrimitiveKind.STRING, "binary")]

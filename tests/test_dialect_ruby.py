"""The ruby dialect: type grammar, defaults, names, oneOf pages and detection
(docmodels.dialects.ruby)."""

from __future__ import annotations

import pytest
from docmodels.dialects.base import ParsedType, TypeSyntaxError
from docmodels.dialects.ruby import RUBY
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    JsonValue,
    MapOf,
    ModelKind,
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


def parse(text: str) -> ParsedType:
    return RUBY.parse_type(TypeCell(text, ()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("String", STRING),
        ("Integer", INTEGER),
        ("Float", Primitive(PrimitiveKind.NUMBER)),
        ("Boolean", Primitive(PrimitiveKind.BOOLEAN)),
        ("Date", Primitive(PrimitiveKind.STRING, "date")),
        ("Time", Primitive(PrimitiveKind.STRING, "date-time")),
        ("File", Primitive(PrimitiveKind.STRING, "binary")),
        ("Object", AnyValue()),
        ("Mixed", AnyValue()),
        # openapi-generator 4.x/5.x, swagger-codegen 2.x.
        ("DateTime", Primitive(PrimitiveKind.STRING, "date-time")),
        ("AnyType", AnyValue()),
        ("BOOLEAN", Primitive(PrimitiveKind.BOOLEAN)),
    ],
)
def test_scalars(text: str, expected: TypeExpr) -> None:
    assert parse(text) == ParsedType(expected, native_names=1)


@pytest.mark.parametrize(
    ("text", "expected", "native"),
    [
        ("Array<String>", ArrayOf(STRING), 2),
        ("Set<String>", ArrayOf(STRING, unique_items=True), 2),
        ("Array<Array<Float>>", ArrayOf(ArrayOf(Primitive(PrimitiveKind.NUMBER))), 3),
        ("Hash<String, Integer>", MapOf(INTEGER), 3),
        ("Hash<String, Array<String>>", MapOf(ArrayOf(STRING)), 4),
        ("Hash<String, Pet>", MapOf(Reference("Pet")), 2),
        ("Pet", Reference("Pet"), 0),
    ],
)
def test_containers_and_models(text: str, expected: TypeExpr, native: int) -> None:
    assert parse(text) == ParsedType(expected, native_names=native)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Hash<Integer, String>", "hash keys must be String"),
        ("Array<String", "type ends where '>' was expected"),
        ("string", "unknown type 'string'"),
    ],
)
def test_types_the_grammar_rejects(text: str, message: str) -> None:
    with pytest.raises(TypeSyntaxError, match=message):
        parse(text)


def test_the_page_does_not_say_whether_null_is_allowed() -> None:
    assert RUBY.nullable(parse("String"), required=True) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("'general'", "general"),
        ("'it's \\\"quoted\\\"'", 'it\'s "quoted"'),
        ("0", 0),
        ("1.5", 1.5),
        ("false", False),
        ("nil", None),
    ],
)
def test_defaults(text: str, value: JsonValue) -> None:
    assert RUBY.parse_default(text) == value


def test_a_constant_is_not_a_default_the_page_carries() -> None:
    with pytest.raises(ValueError, match="not a Ruby literal"):
        RUBY.parse_default("SIZE_MEDIUM")


@pytest.mark.parametrize(
    ("name", "wire", "source"),
    [
        ("_class", "class", WireNameSource.UNMANGLED),
        ("_self", "self", WireNameSource.UNMANGLED),
        ("_in", "in", WireNameSource.UNMANGLED),
        ("_123start", "123start", WireNameSource.UNMANGLED),
        ("_private", "_private", WireNameSource.PAGE),
        ("from", "from", WireNameSource.PAGE),
    ],
)
def test_reserved_words_lose_their_underscore(name: str, wire: str, source: WireNameSource) -> None:
    assert RUBY.wire_name(name) == (wire, source)


@pytest.mark.parametrize(
    ("title", "name"),
    [("OpenapiClient::Pet", "Pet"), ("OryClient::UiNodeAttributes", "UiNodeAttributes")],
)
def test_the_model_name_follows_the_module(title: str, name: str) -> None:
    assert RUBY.model_name(title) == name


PAGE = """# AcmeClient::Basket

## Properties

| Name | Type | Description | Notes |
| ---- | ---- | ----------- | ----- |
| **id** | **String** |  |  |
| **count** | **Integer** |  | [optional][default to 1] |

## Example

```ruby
require 'acme_client'

instance = AcmeClient::Basket.new(
  id: null,
  count: null
)
```
"""


def test_a_ruby_page_is_detected_by_its_module_title() -> None:
    model, diagnostics = read_page(parse_page("Basket.md", PAGE))
    assert diagnostics == []
    assert model is not None
    assert (model.name, model.dialect) == ("Basket", "ruby")
    assert [(f.name, f.type, f.required) for f in model.fields] == [
        ("id", STRING, True),
        ("count", INTEGER, False),
    ]
    assert model.fields[1].default is not None and model.fields[1].default.value == 1


@pytest.mark.parametrize("title", ["# Basket", "# acme::Basket", "# WWW::Acme::Object::Basket"])
def test_without_a_ruby_module_title_the_page_is_not_ruby(title: str) -> None:
    model, _ = read_page(parse_page("Basket.md", PAGE.replace("# AcmeClient::Basket", title)))
    assert model is not None
    assert model.dialect != "ruby"


ONE_OF = """# AcmeClient::Shape

## Class instance methods

### `openapi_one_of`

Returns the list of classes defined in oneOf.

```ruby
AcmeClient::Shape.openapi_one_of
# => [:'Circle', :'Square']
```

### `openapi_discriminator_name`

Returns the discriminator's property name.

```ruby
AcmeClient::Shape.openapi_discriminator_name
# => :'shape_type'
```

### build

#### Parameters

| Name | Type | Description |
| ---- | ---- | ----------- |
| **data** | **Mixed** | data to be matched against the list of oneOf items |

#### Return type

- `Circle`
- `Square`
- `nil` (if no type matches)
"""


def test_a_one_of_page_is_a_union_of_the_members_it_names() -> None:
    model, diagnostics = read_page(parse_page("Shape.md", ONE_OF))
    assert diagnostics == []
    assert model is not None
    assert (model.name, model.kind, model.dialect, model.fields) == (
        "Shape", ModelKind.UNION, "ruby", ()
    )
    assert model.variants == (Reference("Circle"), Reference("Square"))
    assert model.discriminator == "shape_type"


def test_a_one_of_page_without_a_discriminator_names_none() -> None:
    start = ONE_OF.index("### `openapi_discriminator_name`")
    text = ONE_OF[:start] + ONE_OF[ONE_OF.index("### build"):]
    model, _ = read_page(parse_page("Shape.md", text))
    assert model is not None
    assert (len(model.variants), model.discriminator) == (2, None)

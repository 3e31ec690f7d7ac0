"""The php-symfony dialect (docmodels.dialects.php_symfony)."""

from __future__ import annotations

from pathlib import Path

from docmodels.dialects import registry
from docmodels.dialects.php import PHP
from docmodels.dialects.php_symfony import PHP_SYMFONY
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EitherOf,
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

FIXTURES = Path(__file__).parent / "fixtures" / "php-symfony"
PHP_CLIENT_PAGE = """# Order

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**id** | **int** | Order number. |
**channel** | **string** |  | [optional] [default to 'web']
"""


def either(item: TypeExpr) -> EitherOf:
    """The value, or lists and maps of it, two levels deep."""
    return EitherOf((
        item, ArrayOf(item), MapOf(item), ArrayOf(ArrayOf(item)), MapOf(ArrayOf(item)),
        ArrayOf(MapOf(item)), MapOf(MapOf(item)),
    ))


def test_a_php_symfony_page() -> None:
    model, diagnostics = read_page(parse_page("Order.md", (FIXTURES / "Order.md").read_text()))
    assert diagnostics == []
    assert model is not None and model.dialect == "php-symfony"
    fields = {f.name: f for f in model.fields}
    # An array or a map is written as its items: each type is the value, or a list or map of it.
    assert fields["id"].type == either(Primitive(PrimitiveKind.INTEGER))
    assert fields["lines"].type == either(Reference("OrderLine"))
    assert fields["placedOn"].type == either(Primitive(PrimitiveKind.STRING, "date"))
    assert fields["placedAt"].type == either(Primitive(PrimitiveKind.STRING, "date-time"))
    assert fields["placedAt"].read_only
    assert fields["receipt"].type == either(Primitive(PrimitiveKind.STRING, "binary"))
    assert fields["extra"].type == AnyValue()
    assert fields["anything"].type == AnyValue()
    assert fields["channel"].default is not None and fields["channel"].default.value == "web"
    assert fields["channel"].type == Primitive(PrimitiveKind.STRING)  # the default says which
    assert (fields["_2fa"].wire_name, fields["_2fa"].wire_name_source) == ("2fa", WireNameSource.UNMANGLED)
    assert [f.required for f in model.fields] == [True, True] + [False] * 7


def test_the_php_client_keeps_its_pages() -> None:
    """The client ends its rows with no space; the server with one (none after a default)."""
    cells = [decode_type_cell("**int**"), decode_type_cell("**string**")]
    assert registry.detect(cells, parse_page("Order.md", PHP_CLIENT_PAGE)) is PHP
    symfony = parse_page("Order.md", (FIXTURES / "Order.md").read_text())
    assert registry.detect(cells, symfony) is PHP_SYMFONY

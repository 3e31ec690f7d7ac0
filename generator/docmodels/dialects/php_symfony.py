"""php-symfony pages: openapi-generator's php-symfony server (7.x).

The php client's grammar (docmodels.dialects.php) with the server's own spellings: models are
qualified without a leading backslash (``OpenAPI\\Server\\Model\\Pet``), a file is
``UploadedFile``, anything is ``AnyType`` or ``array`` (a free-form object), and a date links to
Date.md (``[**\\DateTime**](Date.md)``) where a date-time does not. An array or a map is written
as its innermost item type (``**string**`` for a list of strings, or a map of lists of them): the
containers are lost, and every type is read as the value or lists and maps of it, two levels deep. Rows end with a
space after the last cell, where the php client's end with none.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docmodels.dialects.base import ParsedType
from docmodels.dialects.php import PhpDialect, php_rows
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EitherOf,
    KeyCase,
    MapOf,
    Primitive,
    PrimitiveKind,
    TypeExpr,
)
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell

_OWN: dict[str, TypeExpr] = {
    "UploadedFile": Primitive(PrimitiveKind.STRING, "binary"),
    "AnyType": AnyValue(),
    "array": AnyValue(),  # a free-form object: arrays are written as their items
}
# A model qualified without a leading backslash (OpenAPI\Server\Model\Pet), or a type name of
# its own (the php client writes \SplFileObject and mixed).
_OWN_SPELLING = re.compile(r"\*\*(?:[A-Za-z_]\w*\\\w|UploadedFile\*\*|AnyType\*\*|\\DateTime\*\*)")
# Little: swift and python pages draw their rows alike, and their own scalars must outweigh it
# (php's grammar reads swift's String and Double as model names).
_EVIDENCE = 1


class PhpSymfonyDialect(PhpDialect):
    name = "php-symfony"
    # the SDK's field names, in camelCase: the JSON key is not on the page
    names = KeyCase.CAMEL

    def parse_type(self, cell: TypeCell) -> ParsedType:
        if cell.text in _OWN:
            parsed = ParsedType(_OWN[cell.text], native_names=1)
        else:
            parsed = super().parse_type(cell)
        if cell.text == "\\DateTime":
            # The date's cell links to Date.md; the date-time's links nowhere.
            date = any(link.rsplit("/", 1)[-1] == "Date.md" for link in cell.links)
            parsed = ParsedType(
                Primitive(PrimitiveKind.STRING, "date" if date else "date-time"),
                native_names=parsed.native_names,
            )
        if isinstance(parsed.type, AnyValue):
            return parsed
        return replace(parsed, type=EitherOf(_nestings(parsed.type)))

    def page_evidence(self, page: Page) -> int:
        # Python pages draw their rows alike, and php's grammar reads a page of model links as
        # well as theirs: a row must also spell a type as only this generator does.
        if not php_rows(page, trailing_space=True):
            return 0
        section = page.section("Properties")
        rows = section.tables[0].rows if section is not None and section.tables else ()
        return _EVIDENCE if any(_OWN_SPELLING.search(row.text) for row in rows) else 0


def _nestings(item: TypeExpr) -> tuple[TypeExpr, ...]:
    """What a cell that writes an array's or a map's innermost items may be: the value, or
    lists and maps of it, two levels deep (a map of lists of strings is written string too)."""
    once = (ArrayOf(item), MapOf(item))
    twice = tuple(outer for inner in once for outer in (ArrayOf(inner), MapOf(inner)))
    return (item, *once, *twice)


PHP_SYMFONY = PhpSymfonyDialect()
DIALECTS = (PHP_SYMFONY,)

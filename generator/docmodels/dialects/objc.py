"""Objective-C pages: openapi-generator's objc client (and swagger-codegen 2.x's, spelled alike).

Every property is an object pointer, and the page writes the star after the bold name:
``**NSString***``, ``[**OAIPet***](OAIPet.md)``, ``**NSArray&lt;NSString*&gt;***``,
``[**NSArray&lt;OAIPet&gt;***](OAIPet.md)`` (a model inside the brackets has no star),
``**NSDictionary&lt;NSString*, NSNumber*&gt;***`` and, for a map of models,
``NSDictionary&lt;OAIPet&gt;*`` (the key left out). A uniqueItems array is the class prefix
before ``Set``: ``OAISet&lt;NSString*&gt;*``.

Model names carry the class prefix (``OAI`` in openapi-generator, ``SWG`` in swagger-codegen)
in titles, file names, links and types alike; the prefix is not the spec's, so it is taken off
all of them the same way and references land on the titles.

What the pages lose: ``NSNumber*`` is written for integers, numbers and booleans alike (read
as a number or a boolean; a default tells which, ``@(YES)``/``@(NO)`` or ``@0``); ``NSDate*`` for dates and
date-times; ``NSString*`` for uuids and passwords; nullable is never written; inline enums are
written as their base type without values; enum models and oneOfs get an empty table.
"""

from __future__ import annotations

import re

from docmodels.dialects._literals import scalar, unescaped_keyword
from docmodels.dialects.base import (
    BaseDialect,
    Cursor,
    ParsedType,
    TypeSyntaxError,
    UnknownType,
    looks_like_model_name,
    nesting,
)
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EitherOf,
    JsonValue,
    KeyCase,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell

# NSNumber holds integers, numbers and booleans alike: a number or a boolean, until a
# default says which (see finish_field).
_NUMBER = Primitive(PrimitiveKind.NUMBER)
_BOOLEAN = Primitive(PrimitiveKind.BOOLEAN)
_NUMBER_OR_BOOLEAN = EitherOf((_NUMBER, _BOOLEAN))
_SCALARS: dict[str, TypeExpr] = {
    "NSString": Primitive(PrimitiveKind.STRING),
    "NSNumber": _NUMBER_OR_BOOLEAN,
    "NSDate": Primitive(PrimitiveKind.STRING),  # date or date-time: the page does not say
    "NSData": Primitive(PrimitiveKind.STRING, "byte"),
    "NSURL": Primitive(PrimitiveKind.STRING, "binary"),
    "NSObject": AnyValue(),
}
_ARRAYS = frozenset({"NSArray", "NSMutableArray"})
_MAPS = frozenset({"NSDictionary", "NSMutableDictionary"})
_SETS = frozenset({"NSSet", "NSMutableSet"})
# The class prefixes of the two generators' defaults; a model name is one of them and a
# CamelCase rest. A prefix the user chose otherwise stays part of every name, consistently.
_PREFIX = re.compile(r"^(?:OAI|SWG)(?=[A-Z0-9_])")
# The generator's reserved words (ObjcClientCodegen), escaped with a leading "_" (so is a
# leading digit): _id, _description, _class, _123start.
_KEYWORD_WORDS = """auto else long switch break enum register typedef case extern return union char float
    short unsigned const for signed void continue goto sizeof volatile default if id static
    while do int struct _Packed double protocol interface implementation NSObject NSInteger
    NSNumber CGFloat property nonatomic retain strong weak unsafe_unretained readwrite readonly
    description class bool BOOL"""
_KEYWORDS = frozenset(_KEYWORD_WORDS.split())
# Names starting with "new" or "copy" (Cocoa's ownership words) get "var" before them:
# varNewDate for newDate, varCopy for copy.
_SPECIAL = re.compile(r"^var(?=(?:New|Copy))")
_BOOLEANS = {"@(YES)": True, "@(NO)": False, "@YES": True, "@NO": False}


def unprefixed(name: str) -> str:
    """The model's name without the class prefix the generator put before it."""
    rest = _PREFIX.sub("", name, count=1)
    return rest if looks_like_model_name(rest) else name


class ObjcDialect(BaseDialect):
    name = "objc"
    vocabulary = frozenset(_SCALARS) | _ARRAYS | _MAPS | _SETS
    # the SDK's field names, in camelCase: the JSON key is not on the page
    names = KeyCase.CAMEL

    def model_name(self, title: str) -> str:
        return unprefixed(title.strip())

    def parse_type(self, cell: TypeCell) -> ParsedType:
        cursor = Cursor(cell.text)
        counter = [0]
        result = self._type(cursor, counter)
        # Every property is a pointer: a type without its star is another language's.
        cursor.take("*")
        cursor.end()
        return ParsedType(result, native_names=counter[0])

    @nesting
    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        token = cursor.take("name")
        name = token.text
        bare = unprefixed(name)
        if name in _ARRAYS or name in _SETS or name in _MAPS or (bare == "Set" and bare != name):
            counter[0] += 1
            cursor.take("<")
            first = self._element(cursor, counter)
            if name in _MAPS and cursor.accept(","):
                if first != Primitive(PrimitiveKind.STRING):
                    raise TypeSyntaxError("map keys must be NSString*", token.offset)
                first = self._element(cursor, counter)
            cursor.take(">")
            if name in _MAPS:
                return MapOf(first)  # NSDictionary<OAIPet>: the generator leaves the key out
            return ArrayOf(first, unique_items=name not in _ARRAYS)
        if name in _SCALARS:
            counter[0] += 1
            return _SCALARS[name]
        if bare == "AnyType" and bare != name:
            counter[0] += 1  # OAIAnyType: what the generator names a schema without a type
            return AnyValue()
        if looks_like_model_name(bare) and cursor.peek("<") is None:
            counter[0] += bare != name
            return Reference(bare)
        raise UnknownType(name, token.offset)

    def _element(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        """A type inside the brackets, with its star (a model's is left out)."""
        result = self._type(cursor, counter)
        cursor.accept("*")
        return result

    def parse_default(self, text: str) -> JsonValue:
        stripped = text.strip()
        if stripped in _BOOLEANS:
            return _BOOLEANS[stripped]
        if stripped.startswith("@"):
            # @"720h", @0, @1.5: Objective-C's object literals.
            return scalar(stripped[1:], '"', language="an Objective-C")
        raise ValueError(f"not an Objective-C literal: {stripped!r}")

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        unescaped = unescaped_keyword(name, _KEYWORDS)
        if unescaped is not None:
            return unescaped, WireNameSource.UNMANGLED
        if _SPECIAL.match(name):
            return name[3].lower() + name[4:], WireNameSource.UNMANGLED
        return name, WireNameSource.PAGE

    def page_evidence(self, page: Page) -> int:
        # An enum's or a oneOf's page is an empty table: its title's class prefix is what says
        # the page is objc's (and so that its name loses the prefix as references do).
        if page.title is not None and _PREFIX.match(page.title.text.strip()):
            return 1
        return 0


OBJC = ObjcDialect()
DIALECTS = (OBJC,)

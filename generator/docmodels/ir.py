"""The intermediate model: what a set of pages says about an API's data models.

Plain frozen dataclasses, independent of any source dialect and of any output language. A fact the
page does not carry is represented as unknown (``None``), never guessed.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache
from operator import attrgetter

from docmodels.diagnostics import Location

JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]


class PrimitiveKind(Enum):
    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"


@dataclass(frozen=True, slots=True)
class Primitive:
    """A scalar; ``format`` follows OpenAPI (int32, int64, float, double, date, date-time, uuid...)."""

    kind: PrimitiveKind
    format: str | None = None


@dataclass(frozen=True, slots=True)
class ArrayOf:
    items: TypeExpr
    unique_items: bool = False


@dataclass(frozen=True, slots=True)
class MapOf:
    """A JSON object with string keys and values of one type (additionalProperties)."""

    values: TypeExpr


@dataclass(frozen=True, slots=True)
class Reference:
    """Another model, by the model's name (not by the page's link target, which often differs)."""

    name: str


@dataclass(frozen=True, slots=True)
class AnyValue:
    """Any JSON value: free-form objects, ``object``, ``serde_json::Value``..."""


@dataclass(frozen=True, slots=True)
class EitherOf:
    """A value of any one of ``members``, which the page writes alike: C's ``int`` stands for
    integers and booleans, php-symfony's ``string`` for a string and a list of strings. The page
    does not say which; each member is of another JSON type, so a value tells them apart."""

    members: tuple[TypeExpr, ...]


TypeExpr = Primitive | ArrayOf | MapOf | Reference | AnyValue | EitherOf


@dataclass(frozen=True, slots=True)
class Default:
    """A default value: the JSON value it stands for, and the text the page wrote."""

    value: JsonValue
    text: str


@dataclass(frozen=True, slots=True)
class MemberDefault:
    """A default the page writes as a member of the enum model the property refers to
    (``KeyVisibility.PUBLIC``, Go's ``KEYVISIBILITY_PUBLIC``): its value is on the enum's page,
    where resolution reads it."""

    # The member's name as the enum's page may list it, in order of preference (Go's
    # VISIBILITY_PRIVATE is member PRIVATE of Visibility, or member VISIBILITY_PRIVATE).
    names: tuple[str, ...]
    text: str  # what the page wrote


class WireNameSource(Enum):
    """Where a field's wire name came from."""

    # The page's name, kept as written: the wire name itself where the dialect writes wire names,
    # else the best the page offers (Go and C# pages write field names; the key is not there).
    PAGE = "page"
    UNMANGLED = "unmangled"  # the page's name was a known mangling, undone
    OVERLAY = "overlay"  # the overlay file says
    # The page writes the SDK's field name (Go's ContainerPort, Python's container_port), not
    # the key; the key is that name spelled in the API's key convention, which the settings
    # (config, overlay) give (CONVENTION), or the folder's pages show (INFERRED).
    CONVENTION = "convention"
    INFERRED = "inferred"
    # ... and no convention is known: the key is one of ``Field.wire_names``, whichever a
    # payload uses (``wire_name``, the page's spelling, is the one written for a new instance).
    UNCERTAIN = "uncertain"


class KeyCase(Enum):
    """How an API spells its JSON keys, or an SDK its field names."""

    CAMEL = "camelCase"
    SNAKE = "snake_case"
    PASCAL = "PascalCase"
    KEBAB = "kebab-case"
    AS_WRITTEN = "as-written"  # the page's names are the keys (escapes undone)


@dataclass(frozen=True, slots=True)
class Constraints:
    """Limits on a property's value, as JSON Schema names them (pages rarely carry them; an
    overlay adds them). None: no limit."""

    minimum: int | float | None = None
    maximum: int | float | None = None
    exclusive_minimum: int | float | None = None
    exclusive_maximum: int | float | None = None
    multiple_of: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None  # a regular expression a string must contain a match of
    min_items: int | None = None
    max_items: int | None = None

    def items(self) -> tuple[tuple[str, int | float | str], ...]:
        """The limits that are set, in declaration order."""
        values = _CONSTRAINT_VALUES(self)
        if values == _NO_CONSTRAINTS:  # (nearly every property's: asked of each, every run)
            return ()
        return tuple(
            (name, value) for name, value in zip(CONSTRAINT_NAMES, values, strict=True)
            if value is not None
        )


CONSTRAINT_NAMES = (
    "minimum",
    "maximum",
    "exclusive_minimum",
    "exclusive_maximum",
    "multiple_of",
    "min_length",
    "max_length",
    "pattern",
    "min_items",
    "max_items",
)
_CONSTRAINT_VALUES = attrgetter(*CONSTRAINT_NAMES)
_NO_CONSTRAINTS = (None,) * len(CONSTRAINT_NAMES)


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # as the page writes it
    wire_name: str  # the JSON key
    wire_name_source: WireNameSource
    type: TypeExpr
    required: bool | None  # None: the page does not say (typescript-fetch's two-column tables)
    nullable: bool | None  # None: the page does not say
    read_only: bool
    default: Default | None
    description: str
    location: Location
    # The values an inline enum allows (Java's "## Enum: SizeEnum" sections, say); None if none.
    # For an array (or map) the values its scalar items may take (Java's List<TagsEnum>).
    enum_values: tuple[JsonValue, ...] | None = None
    # A default written as an enum member's name, until resolution finds its value.
    default_member: MemberDefault | None = None
    constraints: Constraints = Constraints()
    # The facts the overlay file set or corrected (wire_name, enum, minimum...), for the IR.
    overlaid: tuple[str, ...] = ()
    # Why the type (or a part of it) could not be read, where it could not: that part is then
    # Any (a type no grammar reads, a reference to a page that was left out). None: read.
    unread: str | None = None
    # The page a type read as a scalar links to (java's [**Date**](Date.md)): generators link
    # model types only, so where the folder has a model on that page, resolution makes the
    # scalar a reference to it (a model named Date, File, DateTime). The link as written
    # (relative to the page), else None.
    linked_page: str | None = None
    # Where the key is uncertain (WireNameSource.UNCERTAIN): every spelling a payload may use
    # for it, wire_name first; exactly one of them may be present. Empty: the key is wire_name.
    wire_names: tuple[str, ...] = ()
    # The Type cell as written, where the page read a string (or a container of one): a model
    # the spec names Date, DateTime or File is written by many generators as their own date or
    # file type, and the spelling is what tells those rows (resolution, collisions.py). A fact
    # of the page's spelling, not of the API: fields that differ only in it are equal.
    spelled: str | None = field(default=None, compare=False)
    # Whether the Type cell links a page: most generators link the model a row refers to, and
    # C# 7 links no enum (its enum and oneOf pages are alike empty tables: the link tells them
    # apart, resolution's empty_tables.py). Not a fact of the API: compare=False.
    linked: bool = field(default=False, compare=False)
    # The column of the Type cell (location is the Name cell's): where a diagnostic about the
    # type points. Not a fact of the API: fields that differ only in it are equal.
    type_column: int | None = field(default=None, compare=False)


class ModelKind(Enum):
    OBJECT = "object"
    ENUM = "enum"
    UNION = "union"  # a oneOf/anyOf the page states as a list of member types


@dataclass(frozen=True, slots=True)
class EnumValue:
    value: str | int | float
    name: str | None  # the member name the page gives, if any
    location: Location


@dataclass(frozen=True, slots=True)
class Model:
    name: str
    kind: ModelKind
    description: str
    dialect: str
    location: Location  # of the title
    fields: tuple[Field, ...] = ()
    enum_type: Primitive | None = None  # None for an enum whose values were lost (values_lost)
    enum_values: tuple[EnumValue, ...] = ()
    # Facts the page should carry but does not (an enum page whose values were lost, say).
    missing: tuple[str, ...] = ()
    variants: tuple[TypeExpr, ...] = ()  # unions only: the member types, as the page lists them
    # Unions only: the property whose value tells the members apart, where the page names it.
    discriminator: str | None = None
    overlaid: tuple[str, ...] = ()  # the model's facts the overlay file set (enum, description)
    # Objects only: the models an allOf makes it extend (python 6.x's pages name them instead of
    # listing their properties); resolution adds their properties to the model's own.
    bases: tuple[str, ...] = ()

    @property
    def folder(self) -> str:
        """The folder of the model's page: one generator wrote it, so the folder's other pages
        are the evidence for how this one is written (resolution's readings across pages)."""
        return _folder(self.location.path)

    @property
    def values_lost(self) -> bool:
        """An enum whose values (and their type) the page lost: any string or number is one of
        its values as far as the pages say (an overlay's ``enum`` supplies them)."""
        return self.kind is ModelKind.ENUM and self.enum_type is None
    # The API's key convention for this model's properties, where an overlay sets it (for the
    # model, its folder or the whole set); keys.py applies it where the page lacks the keys.
    keys: KeyCase | None = None
    # How the pages spell its properties (Dialect.names): AS_WRITTEN where they write the keys.
    names: KeyCase = KeyCase.AS_WRITTEN


@dataclass(frozen=True, slots=True)
class UnreadPage:
    """A page that gave no model, and why: a model page that could not be read (left out), or a
    page that is no model page (an API page, a hand-written page: skipped)."""

    path: str
    reason: str
    name: str | None = None  # the model its title names, where it has one


@dataclass(frozen=True, slots=True)
class KeyConvention:
    """The key convention a folder's models were given: by a setting, by the evidence of the
    folder's pages, or none (their keys uncertain)."""

    folder: str
    names: KeyCase  # how the pages spell properties (the dialect's field names)
    keys: KeyCase | None  # the API's convention; None: not known
    source: WireNameSource  # CONVENTION (a setting), INFERRED, or UNCERTAIN
    evidence: tuple[str, ...] = ()  # inferred: the keys seen spelled so (a sample)


@dataclass(frozen=True, slots=True)
class ModelSet:
    """Every model read from one run's specs, in a stable order (by name)."""

    models: tuple[Model, ...]
    left_out: tuple[UnreadPage, ...] = ()  # model pages that could not be read, by path
    skipped: tuple[UnreadPage, ...] = ()  # pages that are no model pages, by path
    # How each folder whose pages write field names, not keys, had its keys settled (keys.py).
    key_conventions: tuple[KeyConvention, ...] = ()

    def by_name(self) -> dict[str, Model]:
        return {model.name: model for model in self.models}


def innermost(type_expr: TypeExpr) -> TypeExpr:
    """The type inside every array and map (``List[Dict[str, Pet]]`` → ``Pet``)."""
    while isinstance(type_expr, ArrayOf | MapOf):
        type_expr = type_expr.items if isinstance(type_expr, ArrayOf) else type_expr.values
    return type_expr


def with_innermost(type_expr: TypeExpr, change: Callable[[TypeExpr], TypeExpr]) -> TypeExpr:
    """The type with ``change`` applied to what every array and map holds, and to each type
    an either may be, their shape kept."""
    if isinstance(type_expr, ArrayOf):
        return replace(type_expr, items=with_innermost(type_expr.items, change))
    if isinstance(type_expr, MapOf):
        return replace(type_expr, values=with_innermost(type_expr.values, change))
    if isinstance(type_expr, EitherOf):
        members = tuple(with_innermost(m, change) for m in type_expr.members)
        # A member that became any value (a reference to a page left out) takes them all.
        return AnyValue() if AnyValue() in members else EitherOf(members)
    return change(type_expr)


def model_references(model: Model) -> tuple[str, ...]:
    """The model names a model's properties and members refer to, in order, each once.
    Remembered for the model last asked about under its name: resolution, its merges and every
    emitter ask it of the very same models (at 10,000 models, some 100,000 times a run)."""
    known = _REFERENCES.get(model.name)
    if known is not None and known[0] is model:
        return known[1]
    found = _model_references(model)
    if len(_REFERENCES) > _REFERENCES_AT_MOST:
        _REFERENCES.clear()
    _REFERENCES[model.name] = (model, found)
    return found


# By model name: the model (kept, so that its identity stays its own) and what it refers to.
_REFERENCES: dict[str, tuple[Model, tuple[str, ...]]] = {}
_REFERENCES_AT_MOST = 100_000


def _model_references(model: Model) -> tuple[str, ...]:
    return tuple(dict.fromkeys(
        name
        for type_expr in (*(f.type for f in model.fields), *model.variants)
        for name in referenced_names(type_expr)
    ))


def referenced_names(type_expr: TypeExpr) -> tuple[str, ...]:
    """The model names a type refers to, depth first, each once."""
    # Most types are a scalar or one model: no walk needed (a big API asks this 50,000 times).
    if isinstance(type_expr, Reference):
        return (type_expr.name,)
    if isinstance(type_expr, (Primitive, AnyValue)):
        return ()
    found: list[str] = []

    def walk(t: TypeExpr) -> None:
        if isinstance(t, Reference):
            if t.name not in found:
                found.append(t.name)
        elif isinstance(t, ArrayOf):
            walk(t.items)
        elif isinstance(t, MapOf):
            walk(t.values)
        elif isinstance(t, EitherOf):
            for member in t.members:
                walk(member)

    walk(type_expr)
    return tuple(found)


def identical(a: Model, b: Model) -> bool:
    """Equal, and alike in what equality leaves out (each field's spelling, link and type
    column: facts of the page, which resolution and diagnostics read): either may stand for
    the other."""
    return a == b and all(
        (x.spelled, x.linked, x.type_column) == (y.spelled, y.linked, y.type_column)
        for x, y in zip(a.fields, b.fields, strict=True)
    )


@lru_cache(maxsize=1 << 16)
def _folder(path: str) -> str:
    """``Model.folder``: asked of each model by several steps of every run (a page's path is
    the same string run after run)."""
    return posixpath.dirname(posixpath.normpath(path))

"""A python 6.x page ("## Model Type Info" layout) → its model, and the models of the inline
objects it describes, in the IR.

The page's structure is page/typeinfo.py's, its spellings dialects/python6.py's. A page states
one schema and the inline schemas it uses, nested: an object's keys, an array's items, a map's
values, allOf/oneOf parts. An inline object becomes a model of its own, named as
openapi-generator names it elsewhere (Owner's ``address`` is ``OwnerAddress``); an allOf part
that is a model is a base whose properties the model has too (resolution merges them, see
Model.bases); its inline parts' properties are the model's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from docmodels.diagnostics import Diagnostic, Location, lost, warning
from docmodels.dialects import registry
from docmodels.dialects.base import TypeSyntaxError
from docmodels.dialects.python6 import (
    PYTHON6,
    InputType,
    TypeNotes,
    read_default,
    read_input_type,
    read_notes,
)
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Default,
    EnumValue,
    Field,
    JsonValue,
    MapOf,
    Model,
    ModelKind,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
    innermost,
)
from docmodels.limits import MAX_TYPE_DEPTH
from docmodels.page.structure import Page
from docmodels.page.text import unescape
from docmodels.page.typecell import decode_type_cell
from docmodels.page.typeinfo import Block, Row, read_blocks
from docmodels.reading import PageReading
from docmodels.values import conforms, describe, scalar_type

# The Dictionary Keys row of additionalProperties: the values other keys may have.
_ANY_KEY = "any_string_name"


def read_type_info(page: Page) -> PageReading | None:
    """The page's models, or None where the page is not in this layout."""
    root = read_blocks(page)
    if root is None or page.title is None:
        return None
    reading = _Reading(page.path)
    name = PYTHON6.model_name(unescape(page.title.text))
    at = Location(page.path, page.title.line, page.title.column)
    model = reading.model(root, name, at, _description(page.description))
    return PageReading(
        model, tuple(reading.diagnostics), registry.evidence([], page), dialect=PYTHON6.name,
        inline=tuple(reading.inline),
    )


def _description(text: str) -> str:
    return unescape("\n".join(line.strip() for line in text.split("\n")).strip())


def _camel(name: str) -> str:
    """A property's name as openapi-generator appends it to name an inline model."""
    return "".join(part[:1].upper() + part[1:] for part in name.replace("-", "_").split("_"))


def _row_name(row: Row) -> str:
    """A Key or Class Name cell's text: ``**[Impact](#Impact)**`` and ``**name**`` alike."""
    return decode_type_cell(row.name.text).text.strip()


@dataclass
class _Reading:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    inline: list[Model] = field(default_factory=list)

    def at(self, row: Row, column: int | None = None) -> Location:
        return Location(self.path, row.line.number, row.name.column if column is None else column)

    # Models ------------------------------------------------------------------------------

    def model(self, block: Block, name: str, at: Location, description: str) -> Model:
        for line, what in block.unknown:
            self.diagnostics.append(lost(Location(self.path, line, 1), f"{what} is not read"))
        base = Model(name, ModelKind.OBJECT, description, PYTHON6.name, at)
        info = self.info_type(block, at)
        members = (*block.composition("oneof"), *block.composition("anyof"))
        if members:
            variants = tuple(self.row_type(row, block, name)[0] for row in members)
            if block.composition("allof") or block.keys:
                self.diagnostics.append(lost(
                    at, f"{name!r} is a oneOf/anyOf with properties or allOf parts of its own: "
                    "only its members are read",
                ))
            return replace(base, kind=ModelKind.UNION, variants=variants)
        if block.composition("not"):
            self.diagnostics.append(lost(at, f"the 'not' schema of {name!r} is not read"))
        parts = block.composition("allof")
        if parts:
            alias = self.alias_of(block)
            if alias is not None:
                return replace(base, kind=ModelKind.UNION, variants=(alias,))
            return self.all_of(base, block, parts)
        notes = read_notes(block.info.notes.text) if block.info is not None else TypeNotes()
        if notes.values is not None:
            return self.enum(base, notes, info, at)
        if isinstance(info.type, MapOf) or _has_properties(block):
            fields = self.fields(block, name)
            extra = self.extra_values(block, name)
            if not fields and extra is not None:
                return replace(base, kind=ModelKind.UNION, variants=(MapOf(extra),))
            return replace(base, fields=fields)
        return replace(base, kind=ModelKind.UNION, variants=(self.held(block, info, name, "item"),))

    def enum(self, base: Model, notes: TypeNotes, info: InputType, at: Location) -> Model:
        assert notes.values is not None
        values = tuple(
            EnumValue(v, None, at) for v in notes.values if isinstance(v, (str, int, float))
        )
        if len(values) < len(notes.values):
            self.diagnostics.append(lost(at, "enum values that are no string or number are left out"))
        # The type its values share; the Input Type's where that agrees and says more (a
        # number enum of 1 and 2, a format).
        enum_type = scalar_type(v.value for v in values)
        if isinstance(info.type, Primitive) and enum_type is not None and (
            info.type.kind is enum_type.kind
            or (info.type.kind, enum_type.kind) == (PrimitiveKind.NUMBER, PrimitiveKind.INTEGER)
        ):
            enum_type = info.type
        if enum_type is None or not values:
            self.diagnostics.append(lost(
                at, f"the values of enum {base.name!r} are not of one scalar type; any value"
            ))
            return replace(base, kind=ModelKind.UNION, variants=(AnyValue(),))
        return replace(base, kind=ModelKind.ENUM, enum_type=enum_type, enum_values=values)

    def all_of(self, base: Model, block: Block, parts: tuple[Row, ...]) -> Model:
        bases: list[str] = []
        fields: list[Field] = list(self.fields(block, base.name))
        for row in parts:
            found = self.input_type(row)
            child = block.child(row.anchor) if row.anchor else None
            if isinstance(found.type, Reference):
                bases.append(found.type.name)
            elif child is not None and (child.keys or child.composition("allof")):
                inner = self.model(child, base.name, base.location, "")
                fields.extend(inner.fields)
                bases.extend(inner.bases)
                if inner.kind is ModelKind.UNION and len(inner.variants) == 1 and isinstance(
                    inner.variants[0], Reference
                ):
                    bases.append(inner.variants[0].name)  # a part that is a described model
            elif child is not None and _is_empty(child, self):
                continue  # a description, or nothing: no property
            else:
                self.diagnostics.append(lost(
                    self.at(row), f"allOf part {_row_name(row)!r} of {base.name!r} is no "
                    "object: it is not read",
                ))
        unique: dict[str, Field] = {}
        for found_field in fields:
            if found_field.wire_name in unique:
                self.diagnostics.append(lost(
                    found_field.location, f"duplicate property {found_field.wire_name!r} in "
                    f"the allOf parts of {base.name!r}; this one is left out",
                ))
                continue
            unique[found_field.wire_name] = found_field
        return replace(base, fields=tuple(unique.values()), bases=tuple(bases))

    def alias_of(self, block: Block) -> TypeExpr | None:
        """The type an allOf is where one part has a type and the others state nothing else
        (a description: OpenAPI 3.0's way to describe a reference): that part's; else None.
        An object's allOf extends its parts instead."""
        if block.keys or block.info is None or isinstance(self.quiet_type(block.info), MapOf):
            return None
        typed = [row for row in block.composition("allof") if not self.states_nothing(row, block)]
        if len(typed) != 1:
            return None
        child = block.child(typed[0].anchor) if typed[0].anchor else None
        if child is not None and (child.keys or child.composed or child.info is None or isinstance(
            self.quiet_type(child.info), MapOf
        )):
            return None  # an inline object: its properties are the model's own
        found, _ = self.row_type(typed[0], block, block.name)
        return _with_format(found, read_notes(typed[0].notes.text).format)

    def states_nothing(self, row: Row, block: Block) -> bool:
        child = block.child(row.anchor) if row.anchor else None
        if child is not None:
            return _is_empty(child, self)
        return isinstance(self.quiet_type(row), AnyValue)

    # Properties ---------------------------------------------------------------------------

    def fields(self, block: Block, owner: str) -> tuple[Field, ...]:
        found: list[Field] = []
        seen: set[str] = set()
        for row in block.keys:
            name = _row_name(row)
            if name == _ANY_KEY:
                continue
            if not name:
                self.diagnostics.append(lost(self.at(row), "property has no name; the row is left out"))
                continue
            if name in seen:
                self.diagnostics.append(lost(self.at(row), f"duplicate property {name!r}; left out"))
                continue
            seen.add(name)
            found.append(self.field(row, block, owner, name))
        return tuple(found)

    def extra_values(self, block: Block, owner: str, prop: str | None = None) -> TypeExpr | None:
        """The type of the values of keys no row names (additionalProperties), where the page
        states one; None where it does not."""
        for row in block.keys:
            if _row_name(row) == _ANY_KEY:
                found, _ = self.row_type(row, block, owner, prop)
                # Every object gets an any_string_name row of any value, its classes listed
                # without a trailing comma; an additionalProperties the spec states as any
                # value lists them as any schema does, with one.
                if isinstance(found, AnyValue) and not row.input_type.text.endswith(","):
                    return None
                return found
        return None

    def field(self, row: Row, block: Block, owner: str, name: str) -> Field:
        at = self.at(row)
        notes = read_notes(row.notes.text)
        notes_at = self.at(row, row.notes.column)
        if notes.rest:
            self.diagnostics.append(lost(
                notes_at, f"property {name!r}: note {notes.rest!r} is not understood; ignored"
            ))
        type_expr, nullable = self.row_type(row, block, owner, name)
        type_expr = _with_format(type_expr, notes.format)
        enum_values = notes.values if notes.values is not None else self.items_values(row, block)
        if enum_values is not None and not isinstance(innermost(type_expr), Primitive):
            self.diagnostics.append(lost(notes_at, f"property {name!r}: enum values ignored"))
            enum_values = None
        default: Default | None = None
        if notes.default is not None:
            try:
                value = read_default(notes.default)
            except ValueError as exc:
                self.diagnostics.append(warning(notes_at, f"property {name!r}: default ignored: {exc}"))
            else:
                if conforms(value, type_expr, {}) or isinstance(type_expr, Reference):
                    default = Default(value, notes.default.strip())
                else:
                    self.diagnostics.append(warning(
                        notes_at, f"property {name!r}: default {notes.default.strip()} is not a "
                        f"valid {describe(type_expr)}; ignored",
                    ))
        return Field(
            name=name, wire_name=name, wire_name_source=WireNameSource.PAGE, type=type_expr,
            required=not notes.optional, nullable=nullable, read_only=False, default=default,
            description=unescape(row.description.text).strip(), location=at,
            enum_values=enum_values,
        )

    def items_values(self, row: Row, block: Block) -> tuple[JsonValue, ...] | None:
        """The values an array's items may take, where its items' notes list them (an array
        of an inline enum): what Field.enum_values holds for an array."""
        child = block.child(row.anchor) if row.anchor else None
        for _ in range(MAX_TYPE_DEPTH):
            if child is None or not child.items:
                return None
            items = child.items[0]
            values = read_notes(items.notes.text).values
            if values is not None:
                return values
            child = child.child(items.anchor) if items.anchor else None
        return None

    # Types --------------------------------------------------------------------------------

    def input_type(self, row: Row) -> InputType:
        try:
            return read_input_type(decode_type_cell(row.input_type.text))
        except TypeSyntaxError as exc:
            self.diagnostics.append(lost(
                self.at(row, row.input_type.column),
                f"{_row_name(row) or 'the schema'!r}: {exc.message}; read as any value",
            ))
            return InputType(AnyValue(), None)

    def quiet_type(self, row: Row) -> TypeExpr:
        try:
            return read_input_type(decode_type_cell(row.input_type.text)).type
        except TypeSyntaxError:
            return AnyValue()

    def info_type(self, block: Block, at: Location) -> InputType:
        if block.info is None:
            self.diagnostics.append(lost(at, "the Model Type Info table has no row; any value"))
            return InputType(AnyValue(), None)
        found = self.input_type(block.info)
        notes = read_notes(block.info.notes.text)
        return replace(found, type=_with_format(found.type, notes.format))

    def row_type(
        self, row: Row, block: Block, owner: str, prop: str | None = None
    ) -> tuple[TypeExpr, bool | None]:
        """The type of a row (a property, items, a map's values, a member), with what its
        inline schema says, and whether it is nullable."""
        found = self.input_type(row)
        child = block.child(row.anchor) if row.anchor else None
        if isinstance(found.type, Reference) or child is None:
            if isinstance(found.type, ArrayOf):
                self.diagnostics.append(lost(
                    self.at(row), f"{_row_name(row)!r}: the items are not written; any value"
                ))
            elif isinstance(found.type, MapOf):
                return AnyValue(), found.nullable  # an object without properties
            return found.type, found.nullable
        prop = prop if prop is not None else child.name
        at = Location(self.path, child.line, 1)
        return self.inline_type(child, owner, prop, at), found.nullable

    def inline_type(self, child: Block, owner: str, prop: str, at: Location) -> TypeExpr:
        """The type an inline schema states; an inline object is a model named ``owner`` and
        ``prop`` (an array's items and a map's values are named as the array or map is)."""
        name = owner + _camel(prop)
        if child.composed:
            alias = self.alias_of(child)
            if alias is not None and not (
                child.composition("oneof") or child.composition("anyof")
            ):
                return alias
            return self.inline_model(child, name, at)
        info = self.info_type(child, at)
        if _has_properties(child):
            return self.inline_model(child, name, at)
        if isinstance(info.type, MapOf):
            extra = self.extra_values(child, owner, prop)
            return AnyValue() if extra is None else MapOf(extra)
        return self.held(child, info, owner, prop)

    def inline_model(self, child: Block, name: str, at: Location) -> Reference:
        self.inline.append(self.model(child, name, at, _description(child.description)))
        return Reference(name)

    def held(self, block: Block, info: InputType, owner: str, prop: str) -> TypeExpr:
        """An array's type with its items, or a scalar's, from its block."""
        if isinstance(info.type, ArrayOf):
            if not block.items:
                self.diagnostics.append(lost(
                    Location(self.path, block.line, 1), f"{block.name!r}: the items are not "
                    "written; any value",
                ))
                return ArrayOf(AnyValue())
            items, _ = self.row_type(block.items[0], block, owner, prop)
            notes = read_notes(block.items[0].notes.text)
            return ArrayOf(_with_format(items, notes.format))
        if isinstance(info.type, MapOf):
            return AnyValue()
        return info.type


def _has_properties(block: Block) -> bool:
    return any(_row_name(row) != _ANY_KEY for row in block.keys)


def _is_empty(block: Block, reading: _Reading) -> bool:
    """Whether an inline schema states nothing but a description: any value, no keys, items or
    parts."""
    if block.keys or block.items or block.composed or block.info is None:
        return False
    return isinstance(reading.quiet_type(block.info), AnyValue)


def _with_format(type_expr: TypeExpr, found: str | None) -> TypeExpr:
    """The type with the format the notes state, where it is a scalar."""
    if found is None:
        return type_expr
    if isinstance(type_expr, Primitive):
        return replace(type_expr, format=found)
    return type_expr

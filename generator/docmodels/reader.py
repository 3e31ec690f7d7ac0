"""One page → one model of the IR, with diagnostics for whatever cannot be read.

The page's structure and cells are read the same way for every dialect; the dialect only
interprets what is language-specific (type expressions, default literals, mangled names).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace

from docmodels.bare_containers import bare_container, read_as
from docmodels.diagnostics import Diagnostic, Location, lost, warning
from docmodels.dialects import registry
from docmodels.dialects.base import (
    Composition,
    Dialect,
    NoDefault,
    ParsedType,
    TypeSyntaxError,
    TypeTooDeep,
    UnknownType,
)
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Default,
    EitherOf,
    EnumValue,
    Field,
    JsonValue,
    KeyCase,
    MemberDefault,
    Model,
    ModelKind,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    UnreadPage,
    WireNameSource,
    innermost,
)
from docmodels.limits import MAX_TYPE_DEPTH, type_depth
from docmodels.numeric import is_finite
from docmodels.page import columns
from docmodels.page.cells import Cell, any_last_cell, first_cells, split_row
from docmodels.page.kind import not_a_model_page, property_table, unread_layout, unread_table
from docmodels.page.notes import Notes, is_notes
from docmodels.page.structure import Line, Page, Section, Table, parse_page
from docmodels.page.text import unescape
from docmodels.page.typecell import TypeCell, decode_type_cell
from docmodels.reader_typeinfo import read_type_info
from docmodels.reading import PageReading
from docmodels.source import SourceFile
from docmodels.values import conforms, describe, scalar_type

PROPERTY_HEADER = columns.PROPERTY.labels
_ENUM_BULLET = re.compile(r"^\s*[*+-]\s+`(?P<name>[^`]*)`\s*\(value:\s*`(?P<value>.*)`\)\s*$")
# Scala's enum sections: "Allowed values: [small, medium, large]".
_ALLOWED_VALUES = re.compile(r"^\s*Allowed values:\s*\[(?P<values>.*)\]\s*$")
_NAME_DECORATION = re.compile(r"^(\*\*|`)(.*)\1$")


@dataclass(frozen=True, slots=True)
class _Row:
    line: Line
    name: Cell
    type: Cell
    description: Cell | None  # None: the table has no such column
    notes: Cell | None
    type_cell: TypeCell
    default: Cell | None = None  # ktorm-schema's Default column
    mapping: Cell | None = None  # ktorm-schema's Mapping column: the key, where it is one
    # A row whose cells cannot be told apart: how many its pipes make, and how many the table
    # has. Its first cell still names the property, which is then read as Any.
    malformed: tuple[int, int] | None = None


class _LeftOut(Exception):
    """The page is a model page that cannot be read: it is left out, with this reason."""

    def __init__(self, location: Location, reason: str) -> None:
        super().__init__(reason)
        self.location = location
        self.reason = reason


def read_source(
    source: SourceFile, dialect: Dialect | None = None
) -> tuple[Model | None, list[Diagnostic]]:
    return read_page(parse_page(source.path, source.text), dialect)


def read_text(source: SourceFile, dialect: Dialect | None = None) -> PageReading:
    return read(parse_page(source.path, source.text), dialect)


def read_page(page: Page, forced: Dialect | None = None) -> tuple[Model | None, list[Diagnostic]]:
    """The page's model (None where it gives none) and diagnostics."""
    reading = read(page, forced)
    return reading.model, list(reading.diagnostics)


def read(page: Page, forced: Dialect | None = None) -> PageReading:
    """The page read in the ``forced`` dialect, or in the one its own evidence is for."""
    # python 6.x's layout has a reader of its own, whatever the dialect forced.
    type_info = read_type_info(page)
    if type_info is not None:
        return type_info
    layout = unread_layout(page)
    if layout is not None:
        at = (
            Location(page.path, page.title.line, page.title.column)
            if page.title is not None else Location(page.path)
        )
        unread = f"a model page in {layout}, which docmodels does not read yet"
        return PageReading(
            None, (lost(at, f"{unread}; the page is left out"),),
            left_out=UnreadPage(page.path, unread, _title_name(page)),
        )
    reason = not_a_model_page(page)
    if reason is not None and _composition(page, forced) is None:
        unread_as_text = unread_table(page)
        if unread_as_text is not None:  # a model page whose table Markdown does not read
            line, why = unread_as_text
            unread = f"the property table is not read as a table: {why}"
            return PageReading(
                None, (lost(Location(page.path, line.number, 1), f"{unread}; the page is left out"),),
                left_out=UnreadPage(page.path, unread, _title_name(page)),
            )
        return PageReading(None, (), skipped=UnreadPage(page.path, reason, _title_name(page)))
    diagnostics: list[Diagnostic] = []
    rows: list[_Row] = []
    table = property_table(page)
    try:
        if table is not None:
            rows = _rows(page.path, table, diagnostics)
        found = registry.evidence([row.type_cell for row in rows], page)
        dialect = forced or registry.best(found)
        model = _model(page, rows, dialect, diagnostics)
    except _LeftOut as exc:
        found = registry.evidence([row.type_cell for row in rows], page)
        loss = lost(exc.location, f"{exc.reason}; the page is left out")
        return PageReading(
            None, (*diagnostics, loss), found,
            left_out=UnreadPage(page.path, exc.reason, _title_name(page)),
        )
    return PageReading(
        model, tuple(diagnostics), found, dialect=dialect.name if dialect is not None else None,
        cells=sum(1 for row in rows if row.type_cell.text),
        strange=_strange(rows),
    )


def _strange(rows: list[_Row], limit: int = 3) -> tuple[str, ...]:
    """The first ``limit`` type spellings of the rows that no dialect reads."""
    found: dict[str, None] = {}
    for row in rows:
        cell = row.type_cell
        if cell.text and cell.text not in found and registry.read_by_none(cell):
            found[cell.text] = None
            if len(found) == limit:
                break
    return tuple(found)


def _title_name(page: Page) -> str | None:
    if page.title is None:
        return None
    return unescape(page.title.text).strip() or None


def _model(
    page: Page, rows: list[_Row], forced: Dialect | None, diagnostics: list[Diagnostic]
) -> Model:
    if page.title is None:
        raise _LeftOut(Location(page.path), "page has no '# Title' heading naming the model")
    title_at = Location(page.path, page.title.line, page.title.column)
    if not unescape(page.title.text).strip():  # a bare "#" names nothing
        raise _LeftOut(title_at, "page has no '# Title' heading naming the model")
    enum_section = page.section("Enum", "Enum Variants")
    if property_table(page) is None:
        union = _composition(page, forced)
        if union is not None:
            return _union(page, union[0], title_at, union[1], diagnostics)
    dialect = forced
    if dialect is None and rows:
        # Only model references, which read alike everywhere, or no types at all: any grammar
        # will do, and every row must still be read (a row without a type is a loss).
        dialect = registry.DIALECTS[0]
    composition = dialect.composition(page) if dialect is not None else None
    if composition is not None and dialect is not None:
        return _union(page, dialect, title_at, composition, diagnostics)  # Julia's "value" row
    dialect_name = dialect.name if dialect is not None and rows else registry.GENERIC
    title = unescape(page.title.text)
    name = dialect.page_model_name(page, title) if dialect is not None else title.strip()
    description = _description(dialect.page_description(page) if dialect else page.description)

    enum_sections = _enum_sections(page)
    fields = tuple(
        field
        for row in rows
        if dialect is not None
        for field in [_field(page.path, row, dialect, enum_sections, diagnostics)]
        if field is not None
    )
    row_enum: tuple[EnumValue, ...] = ()
    if dialect is not None:
        fields, row_enum = dialect.finish_model(page, fields)
    fields = _unique_fields(fields, diagnostics)
    enum_values = _table_values(page.path, enum_section, diagnostics) if enum_section else row_enum
    if enum_values:
        if fields:
            diagnostics.append(
                warning(title_at, "page has both properties and enum values; reading it as an enum")
            )
        enum_type = _enum_type(enum_values, title_at)
        return Model(
            name, ModelKind.ENUM, description, dialect_name, title_at,
            enum_type=enum_type, enum_values=enum_values,
        )
    if not fields and not rows:
        # Many generators write an enum model's page as an empty table (bash, C, C#, Dart,
        # PHP, Ruby...: their model_doc templates list properties only), and a oneOf of scalars
        # too (string or number); no page of ours or of the corpus is an object's (a free-form
        # object gets no model). So an enum whose values are lost: any string or number passes.
        diagnostics.append(
            warning(
                title_at,
                "the property table is empty: read as an enum whose values the generator did "
                "not write (any string or number is accepted; an overlay's enum gives them)",
            )
        )
        return Model(
            name, ModelKind.ENUM, description, dialect_name, title_at, missing=(LOST_ENUM,)
        )
    return Model(
        name, ModelKind.OBJECT, description, dialect_name, title_at, fields=fields,
        names=dialect.names if dialect is not None and rows else KeyCase.AS_WRITTEN,
    )


def _enum_sections(page: Page) -> dict[str, Section]:
    """Inline enums' sections, by title (Java's "## Enum: SizeEnum", java-micronaut's
    "## SizeEnum" over a Name | Value table) and by the anchor above the heading (Kotlin's
    <a id="PropertySize"></a> over "## Enum: size"); keys unescaped and in lower case (Java 7's
    "## Enum: List&lt;TagsEnum&gt;" is linked as #List<TagsEnum>)."""
    found: dict[str, Section] = {}
    for s in page.sections:
        if s.title.lower().startswith("enum:"):
            keys: tuple[str, ...] = (s.title.split(":", 1)[1].strip(), *s.anchors)
        elif _has_value_table(s):
            keys = (s.title.strip(),)
        else:
            continue
        for key in keys:
            found[unescape(key).lower()] = s
    return found


def _has_value_table(section: Section) -> bool:
    if not section.tables:
        return False
    table = section.tables[0]
    header = split_row(table.header.text, 2, table.outer_pipes, any_last_cell)
    return header is not None and tuple(c.text.lower() for c in header) == ("name", "value")


def _enum_type(values: tuple[EnumValue, ...], at: Location) -> Primitive:
    """The scalar type an enum model's values share."""
    shared = scalar_type(v.value for v in values)
    if shared is None:
        raise _LeftOut(at, "enum values mix strings and numbers")
    return shared


def _composition(page: Page, forced: Dialect | None) -> tuple[Dialect, Composition] | None:
    """The dialect and member list of a page that lists a oneOf's member types instead of a
    property table; None where the page lists none."""
    dialect = forced or registry.detect([], page)
    composition = dialect.composition(page) if dialect is not None else None
    if dialect is None or composition is None:
        return None
    return dialect, composition


def _union(
    page: Page, dialect: Dialect, title_at: Location, composition: Composition,
    diagnostics: list[Diagnostic],
) -> Model:
    """A oneOf/anyOf whose page lists its member types: each read as the dialect spells types;
    a member that cannot be read is Any (the union then accepts what that member might)."""
    assert page.title is not None
    variants: list[TypeExpr] = []
    for member in composition.members:
        try:
            variant = dialect.parse_type(decode_type_cell(member)).type
            _check_depth(variant)
        except TypeSyntaxError as exc:
            diagnostics.append(
                lost(title_at, f"member {_quoted(member)}: {exc.message}; read as any value")
            )
            variant = AnyValue()
        variants.append(variant)
    return Model(
        dialect.model_name(unescape(page.title.text)),
        ModelKind.UNION,
        _description(page.description or composition.description),
        dialect.name,
        title_at,
        variants=tuple(variants),
        discriminator=composition.discriminator,
    )


# Characters of a type a diagnostic quotes: a hostile cell may be megabytes long.
_QUOTED_LIMIT = 200

# What an empty table's enum model lacks (Model.missing).
LOST_ENUM = "enum values (or a oneOf's scalar member types): the page's table is empty"


def _quoted(text: str) -> str:
    if len(text) <= _QUOTED_LIMIT:
        return repr(text)
    return f"{text[:_QUOTED_LIMIT]!r}… ({len(text)} characters)"


def _check_depth(type_expr: TypeExpr) -> None:
    """Raise TypeTooDeep for a type nested past the limit that its grammar read without
    recursing (PHP's and PowerShell's ``T[][]…`` suffixes are read by a loop)."""
    depth = type_depth(type_expr)
    if depth > MAX_TYPE_DEPTH:
        raise TypeTooDeep(f"type is nested {depth} levels deep; the limit is {MAX_TYPE_DEPTH}")


def _description(text: str) -> str:
    # Markdown ignores the indentation of a paragraph's lines; so does the description. Its
    # escapes are undone as in a description cell, so that both read as plain text.
    return unescape("\n".join(line.strip() for line in text.split("\n")).strip())


def _rows(path: str, table: Table, diagnostics: list[Diagnostic]) -> list[_Row]:
    for known in columns.KNOWN:
        header = split_row(table.header.text, known.count, table.outer_pipes, any_last_cell)
        if header and tuple(cell.text.lower() for cell in header) == known.labels:
            break
    else:
        raise _LeftOut(
            Location(path, table.header.number, 1),
            "unexpected table header: expected 'Name | Type | Description | Notes' "
            "or 'Name | Type'",
        )
    rows: list[_Row] = []
    for line in table.rows:
        cells = split_row(line.text, known.count, table.outer_pipes, is_notes)
        if cells is None:
            found = first_cells(line.text, table.outer_pipes)
            empty = Cell("", found[0].column + len(found[0].text))
            rows.append(
                _Row(line, found[0], empty, None, None, decode_type_cell(""),
                     malformed=(len(found), known.count))
            )
            continue
        name, type_ = cells[known.name], cells[known.type]
        description, notes, default, mapping = (
            None if index is None else cells[index]
            for index in (known.description, known.notes, known.default, known.mapping)
        )
        type_cell = decode_type_cell(type_.text)
        rows.append(_Row(line, name, type_, description, notes, type_cell, default, mapping))
    return rows


def _unreadable_type(
    path: str,
    row: _Row,
    name: str,
    dialect: Dialect,
    exc: TypeSyntaxError,
    diagnostics: list[Diagnostic],
) -> tuple[str, ParsedType]:
    """A type no grammar reads: Any, with a loss at the offending part of the cell."""
    # Point at the offending part of the type, not at the start of its cell.
    column = row.type.column + row.type_cell.raw_offset(exc.offset)
    # A type too deep is thousands of characters long: not worth repeating.
    shown = "" if isinstance(exc, TypeTooDeep) else f" in {_quoted(row.type_cell.text)}"
    loss = lost(
        Location(path, row.line.number, column),
        f"property {name!r}: {exc.message}{shown}; read as any value",
    )
    unknown = exc.name if isinstance(exc, UnknownType) else None
    diagnostics.append(replace(loss, unknown=unknown))
    return f"{exc.message}{shown} ({dialect.name})", ParsedType(AnyValue())


def _linked_page(cell: TypeCell, type_expr: TypeExpr) -> str | None:
    """The one page the cell links to, where the dialect read a scalar (or a container of
    one) from it: see Field.linked_page."""
    pages = [link for link in cell.links if link.endswith(".md") and link[:-3].strip("./")]
    if len(pages) != 1:
        return None
    return pages[0] if isinstance(innermost(type_expr), Primitive) else None


def _string_spelled(cell: TypeCell, type_expr: TypeExpr) -> str | None:
    """The cell as written, where the dialect read a string from it: see Field.spelled."""
    inner = innermost(type_expr)
    if isinstance(inner, Primitive) and inner.kind is PrimitiveKind.STRING:
        return cell.text
    return None


def _field(
    path: str,
    row: _Row,
    dialect: Dialect,
    enum_sections: dict[str, Section],
    diagnostics: list[Diagnostic],
) -> Field | None:
    at = Location(path, row.line.number, row.name.column)
    raw_name = row.name.text
    # Bold, code, or both (julia 7.26 writes **`id`**).
    while (decorated := _NAME_DECORATION.match(raw_name)) is not None:
        raw_name = decorated.group(2)
    name = unescape(raw_name).strip()
    if row.malformed is not None:
        found, expected = row.malformed
        diagnostics.append(
            lost(
                Location(path, row.line.number, 1),
                f"malformed row: expected {expected} cells, found {found}; "
                + (f"property {name!r} read as any value" if name else "the row is left out"),
            )
        )
        if not name:
            return None
    elif not name:
        diagnostics.append(lost(at, "property has no name; the row is left out"))
        return None
    type_at = Location(path, row.line.number, row.type.column)
    unread: str | None = None
    inline = _collection_enum(path, row.type_cell, dialect, enum_sections, diagnostics) or (
        _inline_enum(path, row.type_cell, enum_sections, diagnostics, dialect.enum_section(name))
    )
    if row.malformed is not None:
        unread = f"the row has {row.malformed[0]} cells, not {row.malformed[1]}"
        parsed = ParsedType(AnyValue())
    elif not row.type_cell.text and not _reads_empty(dialect, row.type_cell):
        unread = "the page gives no type"
        diagnostics.append(lost(type_at, f"property {name!r} has no type; read as any value"))
        parsed = ParsedType(AnyValue())
    else:
        try:
            parsed = inline[0] if inline else dialect.parse_type(row.type_cell)
            _check_depth(parsed.type)
            if parsed.items_unsaid:
                written = _quoted(row.type_cell.text)
                diagnostics.append(warning(type_at, read_as(name, written, parsed.type)))
        except TypeSyntaxError as exc:
            bare = bare_container(row.type_cell.text)
            if bare is not None:
                diagnostics.append(warning(type_at, read_as(name, _quoted(row.type_cell.text), bare)))
                parsed = ParsedType(bare)
                inline = None
            else:
                unread, parsed = _unreadable_type(path, row, name, dialect, exc, diagnostics)
                inline = None
    notes_cell = row.notes or Cell("", row.type.column)
    notes = dialect.parse_notes(notes_cell.text)
    notes_at = Location(path, row.line.number, notes_cell.column)
    if notes is None:  # the splitter only accepts a well-formed last cell
        diagnostics.append(
            lost(
                notes_at,
                f"property {name!r}: cannot read notes {_quoted(notes_cell.text)}; "
                "whether it is required, its default and the rest of its notes are unknown",
            )
        )
        notes = Notes(optional=False)
        row = replace(row, notes=None)  # nothing known about requiredness
    notes = columns.with_default(row.default, notes)
    # Without a Notes column the page does not say what is required.
    required = None if row.notes is None else not notes.optional
    default: Default | None = None
    member_default: MemberDefault | None = None
    unread_default: str | None = None
    if notes.default is not None:
        default_text = unescape(notes.default)
        try:
            value = dialect.parse_default(default_text)
        except NoDefault:
            pass
        except ValueError as exc:
            members = (
                dialect.default_member(default_text, parsed.type.name)
                if isinstance(parsed.type, Reference)
                else ()
            )
            if members:  # its value is on the enum's page: resolution reads it
                member_default = MemberDefault(members, default_text)
            else:
                # Reported below, unless the dialect reads the default from the rest of the row.
                unread_default = f"property {name!r}: default ignored: {exc}"
        else:
            if conforms(value, parsed.type, {}) or _unchecked_here(parsed.type):
                default = Default(value, default_text)
            else:
                # Also reported below only if the dialect does not read it with the rest of the
                # row (R writes booleans as character: a FALSE default is what tells them).
                unread_default = (
                    f"property {name!r}: default {default_text} is not a valid "
                    f"{describe(parsed.type)}; ignored"
                )
    key = columns.mapped_key(row.mapping)
    wire_name, source = (key, WireNameSource.PAGE) if key else dialect.wire_name(name)
    field = Field(
        name=name,
        wire_name=wire_name,
        wire_name_source=source,
        type=parsed.type,
        required=required,
        nullable=dialect.nullable(parsed, required),
        read_only=notes.read_only,
        default=default,
        description=unescape(row.description.text).strip() if row.description else "",
        location=at,
        enum_values=inline[1] if inline else parsed.enum_values,
        default_member=member_default,
        unread=unread,
        linked_page=None if inline else _linked_page(row.type_cell, parsed.type),
        spelled=None if inline else _string_spelled(row.type_cell, parsed.type),
        linked=any(link.endswith(".md") for link in row.type_cell.links),
        type_column=row.type.column,
    )
    field, understood = dialect.finish_field(field, notes)
    field = _narrowed(field)
    if unread_default is not None and field.default is None:
        # A warning, not a loss: the type is read; the page often does not give the value (an
        # inline enum member's name whose value it does not list).
        diagnostics.append(warning(notes_at, unread_default))
    for other in notes.other:
        if other not in understood:
            diagnostics.append(
                lost(notes_at, f"property {name!r}: note [{other}] is not understood; ignored")
            )
    return field


def _narrowed(field: Field) -> Field:
    """A type the page writes alike for several (C's int for integers and booleans) is the one
    its default is a value of, where it has one."""
    if not isinstance(field.type, EitherOf) or field.default is None:
        return field
    value = field.default.value
    member = next((m for m in field.type.members if conforms(value, m, {})), field.type)
    return replace(field, type=member)


def _reads_empty(dialect: Dialect, cell: TypeCell) -> bool:
    """Whether the dialect gives an empty Type cell a meaning (C's for a swagger 2.0 file)."""
    try:
        dialect.parse_type(cell)
    except TypeSyntaxError:
        return False
    return True


def _inline_enum(
    path: str,
    cell: TypeCell,
    sections: dict[str, Section],
    diagnostics: list[Diagnostic],
    implied: str | None = None,
) -> tuple[ParsedType, tuple[JsonValue, ...] | None] | None:
    """A property whose type links to an "## Enum: X" section of its own page (Java's
    ``[**SizeEnum**](#SizeEnum)``): a scalar limited to that section's values."""
    anchors = [link[1:] for link in cell.links if link.startswith("#")]
    if not anchors and implied is not None:  # the dialect names the section the cell does not
        anchors = [implied]
    if len(anchors) != 1 or anchors[0].lower() not in sections:
        return None
    return _enum_scalar(path, sections[anchors[0].lower()], diagnostics)


def _collection_enum(
    path: str,
    cell: TypeCell,
    dialect: Dialect,
    sections: dict[str, Section],
    diagnostics: list[Diagnostic],
) -> tuple[ParsedType, tuple[JsonValue, ...] | None] | None:
    """An array (or set) of an inline enum whose values an "## Enum: X" section of the page
    lists (Java's ``[**List&lt;TagsEnum&gt;**](#List&lt;TagsEnum&gt;)`` over "## Enum:
    List&lt;TagsEnum&gt;", or over "## Enum: TagsEnum"): an array of that scalar, whose items
    the values limit. None for any other type (read as usual)."""
    if not sections:
        return None
    anchors = [link[1:] for link in cell.links if link.startswith("#")]
    # The cell's type, or the anchor's where the cell only says "inline" (kotlin's
    # [**inline**](#kotlin.collections.List&lt;Tags&gt;)).
    for candidate in (cell, *(TypeCell(anchor, cell.links) for anchor in anchors[:1])):
        try:
            parsed = dialect.parse_type(candidate)
        except TypeSyntaxError:
            continue
        layers: list[ArrayOf] = []
        inner = parsed.type
        while isinstance(inner, ArrayOf):
            layers.append(inner)
            inner = inner.items
        if layers and isinstance(inner, Reference):
            break
    else:
        return None
    anchors = [anchor.lower() for anchor in anchors]
    keys = [*anchors, inner.name.lower()] if len(anchors) <= 1 else []
    section = next((sections[key] for key in keys if key in sections), None)
    if section is None:
        return None
    scalar, values = _enum_scalar(path, section, diagnostics)
    element: TypeExpr = scalar.type
    for layer in reversed(layers):
        element = ArrayOf(element, layer.unique_items)
    return ParsedType(element, parsed.wrapped_optional, parsed.native_names + 1), values


def _enum_scalar(
    path: str, section: Section, diagnostics: list[Diagnostic]
) -> tuple[ParsedType, tuple[JsonValue, ...] | None]:
    """The scalar an inline enum's section makes of a property, and the values it allows."""
    values = tuple(v.value for v in _table_values(path, section, diagnostics))
    if not values:
        # The section is there but empty (android's): the page lost the values. The property
        # is a string as far as the page says, not an enum that allows nothing.
        return ParsedType(Primitive(PrimitiveKind.STRING), native_names=1), None
    kinds = {type(v) for v in values}
    if kinds and kinds <= {int}:
        kind = PrimitiveKind.INTEGER
    elif kinds and kinds <= {int, float}:
        kind = PrimitiveKind.NUMBER
    else:
        kind = PrimitiveKind.STRING
        values = tuple(str(v) for v in values)
    return ParsedType(Primitive(kind), native_names=1), values


def _unchecked_here(type_expr: TypeExpr) -> bool:
    """References are checked after resolution, when the referenced model is known."""
    return isinstance(type_expr, Reference)


def _unique_fields(fields: tuple[Field, ...], diagnostics: list[Diagnostic]) -> tuple[Field, ...]:
    seen: dict[str, Field] = {}
    kept: list[Field] = []
    for field in fields:
        first = seen.get(field.wire_name)
        if first is None:
            seen[field.wire_name] = field
            kept.append(field)
        elif first.name == field.name:
            # The page writes one name twice: the generator gave two properties (``type`` and
            # ``@type``) one name, and the page no longer says which key the second one is.
            diagnostics.append(
                warning(
                    field.location,
                    f"property {field.name!r} is written twice (first at line "
                    f"{first.location.line}); its wire name is lost, so it is left out",
                )
            )
        else:
            diagnostics.append(
                lost(
                    field.location,
                    f"duplicate property {field.wire_name!r} (first at line "
                    f"{first.location.line}); this one is left out",
                )
            )
    return tuple(kept)


def _is_unknown_default(value: EnumValue) -> bool:
    """The member openapi-generator's enumUnknownDefaultCase adds to every enum (named
    UnknownDefaultOpenApi, unknown_default_open_api... by language): a catch-all of the client,
    not a value of the API."""
    name = (value.name or "").replace("_", "").lower()
    return name == "unknowndefaultopenapi"


def _table_values(path: str, section: Section, diagnostics: list[Diagnostic]) -> tuple[EnumValue, ...]:
    """The values an enum section lists, as bullets, as a Name | Value table or as a paragraph
    "Allowed values: [a, b]"."""
    values: list[EnumValue] = []
    for paragraph in section.paragraphs:
        allowed = _ALLOWED_VALUES.match(paragraph.text)
        if allowed is None:  # prose
            continue
        at = Location(path, paragraph.number, 1)
        for item in allowed.group("values").split(","):
            if item.strip():
                values.append(EnumValue(_literal(unescape(item)), None, at))
    for line in section.bullets:
        match = _ENUM_BULLET.match(line.text)
        at = Location(path, line.number, 1)
        if match is None:
            diagnostics.append(
                lost(at, "cannot read enum value: expected '* `NAME` (value: `value`)'; left out")
            )
            continue
        values.append(EnumValue(_literal(unescape(match.group("value"))), match.group("name") or None, at))
    for table in section.tables:
        header = split_row(table.header.text, 2, table.outer_pipes, any_last_cell)
        labels = tuple(cell.text.lower() for cell in header) if header else ()
        if labels != ("name", "value"):
            # Rust writes a oneOf's variants as "| Name | Description |": not enum values.
            diagnostics.append(
                warning(
                    Location(path, table.header.number, 1),
                    "a variant table (oneOf) is not read yet: the model gets no properties",
                )
            )
            continue
        for line in table.rows:
            cells = split_row(line.text, 2, table.outer_pipes, any_last_cell)
            at = Location(path, line.number, 1)
            if cells is None:
                diagnostics.append(
                    lost(at, "cannot read enum value: expected '| Name | Value |'; left out")
                )
                continue
            # Java quotes the value (&quot;small&quot;), Rust does not (small), java-micronaut
            # quotes it in code (`"small"`).
            written = cells[1].text.strip()
            if len(written) >= 2 and written[0] == written[-1] == "`":
                written = written[1:-1]
            literal = _literal(unescape(written))
            values.append(EnumValue(literal, unescape(cells[0].text) or None, at))
    seen: set[object] = set()
    unique: list[EnumValue] = []
    for value in values:
        if _is_unknown_default(value):
            continue
        key = (type(value.value), value.value)
        if key in seen:
            diagnostics.append(lost(value.location, f"duplicate enum value {value.value!r}; left out"))
            continue
        seen.add(key)
        unique.append(value)
    return tuple(unique)


def _literal(text: str) -> str | int | float:
    """An enum value as generators quote it: 'x', "x", 1, 1.5."""
    stripped = text.strip()
    if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "'\"":
        try:
            value = ast.literal_eval(stripped)
        except (ValueError, SyntaxError):
            return stripped[1:-1]
        return value if isinstance(value, str) else stripped[1:-1]
    for convert in (int, float):
        try:
            number = convert(stripped)
        except ValueError:
            continue
        if is_finite(number):  # float() also reads "nan" and "inf"
            return number
    return stripped

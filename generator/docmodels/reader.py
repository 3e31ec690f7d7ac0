"""One page → one model of the IR, with diagnostics for whatever cannot be read.

The page's structure and cells are read the same way for every dialect; the dialect only
interprets what is language-specific (type expressions, default literals, mangled names).
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass

from docmodels.diagnostics import Diagnostic, Location, error, warning
from docmodels.dialects import registry
from docmodels.dialects.base import (
    Composition,
    Dialect,
    NoDefault,
    ParsedType,
    TypeSyntaxError,
    TypeTooDeep,
)
from docmodels.ir import (
    ArrayOf,
    Default,
    EnumValue,
    Field,
    JsonValue,
    MemberDefault,
    Model,
    ModelKind,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
)
from docmodels.limits import MAX_TYPE_DEPTH, type_depth
from docmodels.page.cells import Cell, split_row
from docmodels.page.notes import is_notes
from docmodels.page.structure import Line, Page, Section, Table, parse_page
from docmodels.page.text import unescape
from docmodels.page.typecell import TypeCell, decode_type_cell
from docmodels.source import SourceFile
from docmodels.values import conforms, describe, scalar_type

PROPERTY_HEADER = ("name", "type", "description", "notes")
# typescript-fetch writes only names and types: no descriptions, and nothing about requiredness.
SHORT_HEADER = ("name", "type")
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


def read_source(source: SourceFile, dialect: Dialect | None = None) -> tuple[Model | None, list[Diagnostic]]:
    return read_page(parse_page(source.path, source.text), dialect)


def read_page(page: Page, forced: Dialect | None = None) -> tuple[Model | None, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    if page.title is None:
        return None, [error(Location(page.path), "page has no '# Title' heading naming the model")]
    title_at = Location(page.path, page.title.line, page.title.column)
    if not unescape(page.title.text).strip():  # a bare "#" names nothing
        return None, [error(title_at, "page has no '# Title' heading naming the model")]
    table = _property_table(page)
    enum_section = page.section("Enum", "Enum Variants")
    if table is None:
        union = _composition(page, forced, title_at)
        if union is not None:
            return union
        if enum_section is None:
            return None, [
                error(title_at, "page has no property table ('Name | Type | Description | Notes')")
            ]

    rows: list[_Row] = []
    if table is not None:
        rows = _rows(page.path, table, diagnostics)
    dialect = forced or registry.detect([row.type_cell for row in rows], page)
    if dialect is None and rows:
        # Only model references, which read alike everywhere, or no types at all: any grammar
        # will do, and every row must still be read (a row without a type is an error).
        dialect = registry.DIALECTS[0]
    composition = dialect.composition(page) if dialect is not None else None
    if composition is not None and dialect is not None:
        return _union(page, dialect, title_at, composition)  # Julia's one "value" row, say
    dialect_name = dialect.name if dialect is not None and rows else registry.GENERIC
    title = unescape(page.title.text)
    name = dialect.model_name(title) if dialect is not None else title.strip()
    described = dialect.description(page.description) if dialect else page.description
    description = _description(described)

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
        enum_type = _enum_type(enum_values, title_at, diagnostics)
        model = Model(
            name, ModelKind.ENUM, description, dialect_name, title_at,
            enum_type=enum_type, enum_values=enum_values,
        )
        return model, diagnostics
    missing: tuple[str, ...] = ()
    if not fields and not rows:
        missing = ("properties or enum values: the page's table is empty",)
        diagnostics.append(
            warning(
                title_at,
                "the property table is empty: an object without properties, or an enum whose "
                "values the generator did not write",
            )
        )
    model = Model(name, ModelKind.OBJECT, description, dialect_name, title_at, fields=fields, missing=missing)
    return model, diagnostics


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
    header = split_row(table.header.text, 2, table.outer_pipes, lambda _: True)
    return header is not None and tuple(c.text.lower() for c in header) == ("name", "value")


def _enum_type(
    values: tuple[EnumValue, ...], at: Location, diagnostics: list[Diagnostic]
) -> Primitive:
    """The scalar type an enum model's values share."""
    shared = scalar_type(v.value for v in values)
    if shared is None:
        diagnostics.append(error(at, "enum values mix strings and numbers"))
        return Primitive(PrimitiveKind.STRING)
    return shared


def _composition(
    page: Page, forced: Dialect | None, title_at: Location
) -> tuple[Model | None, list[Diagnostic]] | None:
    """A page that lists a oneOf's member types instead of a property table, as a union; None
    where the page lists none."""
    dialect = forced or registry.detect([], page)
    composition = dialect.composition(page) if dialect is not None else None
    if dialect is None or composition is None:
        return None
    return _union(page, dialect, title_at, composition)


def _union(
    page: Page, dialect: Dialect, title_at: Location, composition: Composition
) -> tuple[Model | None, list[Diagnostic]]:
    """A oneOf/anyOf whose page lists its member types: each read as the dialect spells types."""
    assert page.title is not None
    diagnostics: list[Diagnostic] = []
    variants: list[TypeExpr] = []
    for member in composition.members:
        try:
            variant = dialect.parse_type(decode_type_cell(member)).type
            _check_depth(variant)
        except TypeSyntaxError as exc:
            diagnostics.append(error(title_at, f"member {_quoted(member)}: {exc.message}"))
        else:
            variants.append(variant)
    model = Model(
        dialect.model_name(unescape(page.title.text)),
        ModelKind.UNION,
        _description(page.description or composition.description),
        dialect.name,
        title_at,
        variants=tuple(variants),
        discriminator=composition.discriminator,
    )
    return model, diagnostics


# Characters of a type a diagnostic quotes: a hostile cell may be megabytes long.
_QUOTED_LIMIT = 200


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


def _property_table(page: Page) -> Table | None:
    section = page.section("Properties")
    if section is not None and section.tables:
        return section.tables[0]
    for table in page.preamble_tables:
        if table.header.text.strip().strip("|").strip().lower().startswith("name"):
            return table
    return None


def _description(text: str) -> str:
    # Markdown ignores the indentation of a paragraph's lines; so does the description. Its
    # escapes are undone as in a description cell, so that both read as plain text.
    return unescape("\n".join(line.strip() for line in text.split("\n")).strip())


def _rows(path: str, table: Table, diagnostics: list[Diagnostic]) -> list[_Row]:
    for expected in (PROPERTY_HEADER, SHORT_HEADER):
        header = split_row(table.header.text, len(expected), table.outer_pipes, lambda _: True)
        if header and tuple(cell.text.lower() for cell in header) == expected:
            break
    else:
        diagnostics.append(
            error(
                Location(path, table.header.number, 1),
                "unexpected table header: expected 'Name | Type | Description | Notes' "
                "or 'Name | Type'",
            )
        )
        return []
    columns = len(expected)
    rows: list[_Row] = []
    for line in table.rows:
        cells = split_row(line.text, columns, table.outer_pipes, is_notes)
        if cells is None:
            shape = " | ".join(label.capitalize() for label in expected)
            diagnostics.append(
                error(
                    Location(path, line.number, 1),
                    f"malformed row: expected {columns} cells '{shape}'",
                )
            )
            continue
        name, type_ = cells[0], cells[1]
        description, notes = (cells[2], cells[3]) if columns == 4 else (None, None)
        rows.append(_Row(line, name, type_, description, notes, decode_type_cell(type_.text)))
    return rows


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
    if not name:
        diagnostics.append(error(at, "property has no name"))
        return None
    type_at = Location(path, row.line.number, row.type.column)
    if not row.type_cell.text and not _reads_empty(dialect, row.type_cell):
        diagnostics.append(error(type_at, f"property {name!r} has no type"))
        return None
    inline = _collection_enum(path, row.type_cell, dialect, enum_sections, diagnostics) or _inline_enum(
        path, row.type_cell, enum_sections, diagnostics, dialect.enum_section(name)
    )
    try:
        parsed = inline[0] if inline else dialect.parse_type(row.type_cell)
        _check_depth(parsed.type)
    except TypeSyntaxError as exc:
        # Point at the offending part of the type, not at the start of its cell.
        column = row.type.column + row.type_cell.raw_offset(exc.offset)
        # A type too deep is thousands of characters long: not worth repeating.
        shown = "" if isinstance(exc, TypeTooDeep) else f" in {_quoted(row.type_cell.text)}"
        diagnostics.append(
            error(Location(path, row.line.number, column), f"property {name!r}: {exc.message}{shown}")
        )
        return None
    notes_cell = row.notes or Cell("", row.type.column)
    notes = dialect.parse_notes(notes_cell.text)
    notes_at = Location(path, row.line.number, notes_cell.column)
    if notes is None:  # the splitter only accepts a well-formed last cell
        diagnostics.append(error(notes_at, f"property {name!r}: cannot read notes {notes_cell.text!r}"))
        return None
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
    wire_name, source = dialect.wire_name(name)
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
        enum_values=inline[1] if inline else None,
        default_member=member_default,
    )
    field, understood = dialect.finish_field(field, notes)
    if unread_default is not None and field.default is None:
        diagnostics.append(warning(notes_at, unread_default))
    for other in notes.other:
        if other not in understood:
            diagnostics.append(
                warning(notes_at, f"property {name!r}: note [{other}] is not understood; ignored")
            )
    return field


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
                error(field.location, f"duplicate property {field.wire_name!r} (first at line {first.location.line})")
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
            diagnostics.append(error(at, "cannot read enum value: expected '* `NAME` (value: `value`)'"))
            continue
        values.append(EnumValue(_literal(unescape(match.group("value"))), match.group("name") or None, at))
    for table in section.tables:
        header = split_row(table.header.text, 2, table.outer_pipes, lambda _: True)
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
            cells = split_row(line.text, 2, table.outer_pipes, lambda _: True)
            at = Location(path, line.number, 1)
            if cells is None:
                diagnostics.append(error(at, "cannot read enum value: expected '| Name | Value |'"))
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
            diagnostics.append(error(value.location, f"duplicate enum value {value.value!r}"))
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
        if math.isfinite(number):  # float() also reads "nan" and "inf"
            return number
    return stripped

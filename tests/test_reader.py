"""Reading a page into a model of the IR (docmodels.reader), on each dialect's fixture pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmodels.diagnostics import Location
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Default,
    EnumValue,
    Field,
    MapOf,
    Model,
    ModelKind,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    WireNameSource,
)
from docmodels.load import load
from docmodels.page.structure import parse_page
from docmodels.reader import read_page, read_source
from docmodels.source import SourceFile, read

FIXTURES = Path(__file__).resolve().parent / "fixtures"

STRING = Primitive(PrimitiveKind.STRING)
INTEGER = Primitive(PrimitiveKind.INTEGER)
NUMBER = Primitive(PrimitiveKind.NUMBER)
BOOLEAN = Primitive(PrimitiveKind.BOOLEAN)
I32 = Primitive(PrimitiveKind.INTEGER, "int32")
I64 = Primitive(PrimitiveKind.INTEGER, "int64")
F64 = Primitive(PrimitiveKind.NUMBER, "double")
UUID = Primitive(PrimitiveKind.STRING, "uuid")


def read_fixture(relative: str) -> Model:
    source = read(FIXTURES / relative, FIXTURES)
    assert isinstance(source, SourceFile)
    model, diagnostics = read_source(source)
    assert [d for d in diagnostics if d.severity.value == "error"] == []
    assert model is not None
    return model


def field(
    path: str,
    line: int,
    name: str,
    type_: TypeExpr,
    *,
    required: bool,
    nullable: bool | None,
    read_only: bool = False,
    default: Default | None = None,
    description: str = "",
    wire: str | None = None,
    column: int = 1,
) -> Field:
    return Field(
        name=name,
        wire_name=wire or name,
        wire_name_source=WireNameSource.PAGE if wire is None else WireNameSource.UNMANGLED,
        type=type_,
        required=required,
        nullable=nullable,
        read_only=read_only,
        default=default,
        description=description,
        location=Location(path, line, column),
    )


def fields_by_name(model: Model) -> dict[str, Field]:
    return {f.name: f for f in model.fields}


# ---------------------------------------------------------------------------------------------
# python pages: python-legacy (Cluster, Person) and python 7.x (Workspace)

CLUSTER = "python/Cluster.md"
CLUSTER_FIELDS = [
    field(CLUSTER, 7, "name", STRING, required=True, nullable=None,
          description="Name of the cluster."),
    field(CLUSTER, 8, "node_count", INTEGER, required=False, nullable=None,
          default=Default(3, "3"), description="How many nodes to start."),
    field(CLUSTER, 9, "cpu_share", NUMBER, required=False, nullable=None,
          description="Share of a CPU, e.g. 0.5."),
    field(CLUSTER, 10, "autoscale", BOOLEAN, required=False, nullable=None,
          default=Default(False, "False"), description="Whether the cluster grows on demand."),
    field(CLUSTER, 11, "created_on", Primitive(PrimitiveKind.STRING, "date"), required=False,
          nullable=None, read_only=True, description="Day the cluster was created."),
    field(CLUSTER, 12, "started_at", Primitive(PrimitiveKind.STRING, "date-time"), required=True,
          nullable=None, read_only=True, description="When the cluster last started."),
    field(CLUSTER, 13, "settings", AnyValue(), required=False, nullable=None,
          description="Free-form settings."),
    field(CLUSTER, 14, "region", STRING, required=False, nullable=None,
          default=Default("us-west-2", "'us-west-2'"), description='Region, e.g. "us-west-2".'),
    field(CLUSTER, 15, "stage", STRING, required=False, nullable=None,
          description="Must match ^(dev|prod)$ exactly."),
    field(CLUSTER, 16, "var_from", STRING, required=False, nullable=None, wire="from",
          description="Cluster this one was copied from ('|' separates the path)."),
    field(CLUSTER, 17, "owner", Reference("Person"), required=False, nullable=None,
          description="Who owns the cluster."),
    field(CLUSTER, 18, "zones", ArrayOf(STRING), required=False, nullable=None,
          description="Availability zones."),
    field(CLUSTER, 19, "admins", ArrayOf(Reference("Person")), required=False, nullable=None,
          description="People who may change it."),
    field(CLUSTER, 20, "env_vars", MapOf(STRING), required=False, nullable=None,
          description="Environment variables."),
    field(CLUSTER, 21, "ports", MapOf(ArrayOf(INTEGER)), required=False, nullable=None,
          description="Ports by service name."),
]


@pytest.mark.parametrize("expected", CLUSTER_FIELDS, ids=lambda f: f.name)
def test_python_legacy_row(expected: Field) -> None:
    assert fields_by_name(read_fixture(CLUSTER))[expected.name] == expected


def test_fields_keep_the_order_of_the_page() -> None:
    assert read_fixture(CLUSTER).fields == tuple(CLUSTER_FIELDS)


def test_a_python_model_takes_its_name_description_and_location_from_the_page() -> None:
    model = read_fixture(CLUSTER)
    assert (model.name, model.kind, model.dialect, model.location) == (
        "Cluster",
        ModelKind.OBJECT,
        "python",
        Location(CLUSTER, 1, 3),
    )
    # Entities in the description are decoded as they are in description cells.
    assert model.description == (
        'A compute cluster.  Names must match `^[a-z]+$` and are "unique" per project.'
    )
    assert model.missing == ()


def test_a_description_cell_with_escaped_quotes_and_backslashes() -> None:
    assert read_fixture("python/Person.md").fields[1] == field(
        "python/Person.md", 9, "nickname", STRING, required=False, nullable=None,
        description='Shown as "nick"; a backslash (\\) is not allowed.',
    )


WORKSPACE = "python/Workspace.md"
WORKSPACE_FIELDS = [
    field(WORKSPACE, 11, "id", STRING, required=True, nullable=None, read_only=True),
    field(WORKSPACE, 12, "tags", ArrayOf(STRING), required=False, nullable=None,
          description="Tags set by the user."),
    field(WORKSPACE, 13, "scores", ArrayOf(NUMBER), required=False, nullable=None),
    field(WORKSPACE, 14, "clusters", ArrayOf(Reference("Cluster")), required=False, nullable=None),
    field(WORKSPACE, 15, "limits", MapOf(INTEGER), required=False, nullable=None),
    field(WORKSPACE, 16, "members", MapOf(Reference("Person")), required=False, nullable=None),
    field(WORKSPACE, 17, "grid", ArrayOf(ArrayOf(BOOLEAN)), required=False, nullable=None),
    field(WORKSPACE, 18, "metadata", AnyValue(), required=False, nullable=None),
    field(WORKSPACE, 19, "status", Reference("Status"), required=False, nullable=None),
    field(WORKSPACE, 20, "var_self", STRING, required=False, nullable=None, wire="self",
          description="Link to this workspace."),
]


@pytest.mark.parametrize("expected", WORKSPACE_FIELDS, ids=lambda f: f.name)
def test_python_7_row(expected: Field) -> None:
    assert fields_by_name(read_fixture(WORKSPACE))[expected.name] == expected


def test_a_description_of_several_paragraphs_keeps_them_apart() -> None:
    description = read_fixture(WORKSPACE).description
    assert description == "A workspace groups clusters.\n\nIts id never changes."


def test_sections_after_the_property_table_are_not_read_as_properties() -> None:
    assert [f.name for f in read_fixture(WORKSPACE).fields] == [f.name for f in WORKSPACE_FIELDS]


def test_a_python_enum_page_lists_its_values_with_their_member_names() -> None:
    assert read_fixture("python/Status.md") == Model(
        name="Status",
        kind=ModelKind.ENUM,
        description="Lifecycle of a workspace.",
        dialect="generic",
        location=Location("python/Status.md", 1, 3),
        enum_type=STRING,
        enum_values=(
            EnumValue("active", "ACTIVE", Location("python/Status.md", 7, 1)),
            EnumValue("archived", "ARCHIVED", Location("python/Status.md", 9, 1)),
        ),
    )


def test_the_python_folder_loads_with_only_the_pattern_note_warning() -> None:
    model_set, diagnostics = load([FIXTURES / "python"], FIXTURES)
    assert [m.name for m in model_set.models] == ["Cluster", "Person", "Status", "Workspace"]
    assert [str(d) for d in diagnostics] == [
        ("python/Cluster.md:15:58: warning: property 'stage': note [Pattern: ^(dev|prod)$] "
         "is not understood; ignored")
    ]


# ---------------------------------------------------------------------------------------------
# rust pages: openapi-generator rust 7.x (Session, Collections, Owner) and 6.x (Event)

SESSION = "rust/Session.md"
SESSION_FIELDS = [
    field(SESSION, 7, "id", UUID, required=True, nullable=False, read_only=True,
          description="Session id"),
    field(SESSION, 8, "name", STRING, required=True, nullable=False,
          description="The session's name, as the user typed it"),
    field(SESSION, 9, "priority", I32, required=True, nullable=False),
    field(SESSION, 10, "bytes_used", I64, required=True, nullable=False,
          description="Bytes used so far"),
    field(SESSION, 11, "load", Primitive(PrimitiveKind.NUMBER, "float"), required=True,
          nullable=False),
    field(SESSION, 12, "elapsed", F64, required=True, nullable=False,
          description="Seconds since start"),
    field(SESSION, 13, "active", BOOLEAN, required=True, nullable=False,
          description="Whether jobs run; `true` or `false`"),
    # Option<T> without [optional]: required, and null is allowed.
    field(SESSION, 14, "closed_at", STRING, required=True, nullable=True,
          description="When the session closed; null while it is open"),
    # Option<T> with [optional]: the page does not say whether null is allowed.
    field(SESSION, 15, "ttl", I32, required=False, nullable=None,
          default=Default(28800, "28800"), description="Time to live in seconds"),
    field(SESSION, 16, "accepting_jobs", BOOLEAN, required=False, nullable=None,
          default=Default(True, "true")),
    field(SESSION, 17, "created_at", Primitive(PrimitiveKind.STRING, "date-time"), required=True,
          nullable=False),
    field(SESSION, 18, "day", Primitive(PrimitiveKind.STRING, "date"), required=False,
          nullable=None),
    field(SESSION, 19, "payload", AnyValue(), required=False, nullable=None,
          description="Anything at all"),
    field(SESSION, 20, "r#type", Reference("Kind"), required=True, nullable=False, wire="type",
          description="The kind of session"),
    field(SESSION, 21, "param_self", STRING, required=False, nullable=None, read_only=True,
          wire="self", description="Link to this session"),
    field(SESSION, 22, "owner", Reference("Owner"), required=False, nullable=None),
]


@pytest.mark.parametrize("expected", SESSION_FIELDS, ids=lambda f: f.name)
def test_rust_scalar_row(expected: Field) -> None:
    assert fields_by_name(read_fixture(SESSION))[expected.name] == expected


COLLECTIONS = "rust/Collections.md"
COLLECTIONS_FIELDS = [
    field(COLLECTIONS, 9, "labels", ArrayOf(STRING), required=True, nullable=False),
    field(COLLECTIONS, 10, "history", ArrayOf(Reference("Event")), required=False, nullable=None),
    field(COLLECTIONS, 11, "env", MapOf(STRING), required=True, nullable=False,
          description="Matches ^[A-Z_]+=(.*)|$ per entry"),
    field(COLLECTIONS, 12, "owners", MapOf(Reference("Owner")), required=False, nullable=None),
    field(COLLECTIONS, 13, "counters", MapOf(I64), required=True, nullable=False),
    field(COLLECTIONS, 14, "grid", ArrayOf(ArrayOf(F64)), required=True, nullable=False),
    field(COLLECTIONS, 15, "extras", MapOf(AnyValue()), required=False, nullable=None),
    field(COLLECTIONS, 16, "ids", ArrayOf(UUID), required=True, nullable=True,
          description="null or a list"),
]


@pytest.mark.parametrize("expected", COLLECTIONS_FIELDS, ids=lambda f: f.name)
def test_rust_collection_row(expected: Field) -> None:
    assert fields_by_name(read_fixture(COLLECTIONS))[expected.name] == expected


def test_rust_6_crate_qualified_reference() -> None:
    assert read_fixture("rust/Event.md").fields == (
        field("rust/Event.md", 7, "at", STRING, required=True, nullable=False,
              description="When it happened"),
        field("rust/Event.md", 8, "session", Reference("Session"), required=False, nullable=None),
    )


def test_a_rust_enum_variants_table() -> None:
    assert read_fixture("rust/Kind.md") == Model(
        name="Kind",
        kind=ModelKind.ENUM,
        description="What a session runs.",
        dialect="generic",
        location=Location("rust/Kind.md", 1, 3),
        enum_type=STRING,
        enum_values=(
            EnumValue("batch", "Batch", Location("rust/Kind.md", 9, 1)),
            EnumValue("dedicated", "Dedicated", Location("rust/Kind.md", 10, 1)),
        ),
    )


def test_the_rust_folder_loads_without_diagnostics() -> None:
    model_set, diagnostics = load([FIXTURES / "rust"], FIXTURES)
    assert diagnostics == []
    assert [(m.name, m.dialect) for m in model_set.models] == [
        ("Collections", "rust"),
        ("Event", "rust"),
        ("Kind", "generic"),
        ("Owner", "rust"),
        ("Session", "rust"),
    ]


def test_a_rust_oneof_variant_table_is_a_union_not_enum_values() -> None:
    text = (
        "# Request\n\n## Enum Variants\n\n| Name | Description |\n|---- | -----|\n"
        "| RequestOneOf |  |\n| RequestOneOf1 |  |\n"
    )
    model, diagnostics = read_page(parse_page("p.md", text))
    assert diagnostics == []
    assert model is not None
    assert (model.kind, model.dialect, model.variants, model.enum_values) == (
        ModelKind.UNION, "rust", (Reference("RequestOneOf"), Reference("RequestOneOf1")), ()
    )


# ---------------------------------------------------------------------------------------------
# Smaller pages for what the fixtures do not show

TABLE = (
    "Name | Type | Description | Notes\n"
    "------------ | ------------- | ------------- | -------------\n"
)


def properties(*rows: str, title: str = "Pet") -> str:
    """A page whose property table holds ``rows``: the first row is on line 6."""
    return f"# {title}\n\n## Properties\n{TABLE}" + "".join(row + "\n" for row in rows)


def read_text(text: str) -> Model:
    model, diagnostics = read_page(parse_page("p.md", text))
    assert diagnostics == []
    assert model is not None
    return model


def test_a_table_with_outer_pipes() -> None:
    model = read_text(
        "# Pet\n\n## Properties\n\n| Name | Type | Description | Notes |\n"
        "|------------ | ------------- | ------------- | -------------|\n"
        "| **name** | **str** | Its name |  |\n"
        "|**tag** | **str** | Matches ^(a|b)$ |  [optional] |\n"
    )
    assert model.fields == (
        field("p.md", 7, "name", STRING, required=True, nullable=None, description="Its name",
              column=3),
        field("p.md", 8, "tag", STRING, required=False, nullable=None,
              description="Matches ^(a|b)$", column=2),
    )


def test_a_property_table_before_any_section_is_read() -> None:
    model = read_text(f"# Pet\n\n{TABLE}**name** | **str** |  | \n")
    assert [f.name for f in model.fields] == ["name"]


def test_names_in_back_ticks_or_with_escapes_are_undecorated() -> None:
    model = read_text(properties("`kind` | **str** |  | ", "**_id\\_2** | **str** |  | "))
    assert [f.name for f in model.fields] == ["kind", "_id_2"]


def test_a_default_is_unescaped_before_the_dialect_reads_it() -> None:
    model = read_text(properties("**ttl** | **str** |  | [default to &#39;720h&#39;]"))
    assert model.fields[0].default == Default("720h", "'720h'")


def test_a_default_in_nested_brackets() -> None:
    model = read_text(properties("**tags** | **list[str]** |  | [default to []]"))
    assert model.fields[0].default == Default([], "[]")


def test_an_enum_page_with_numeric_values_is_a_numeric_enum() -> None:
    model = read_text("# Level\n\n## Enum\n\n* `NUMBER_1` (value: `1`)\n* `NUMBER_2` (value: `2`)")
    assert (model.kind, model.enum_type, [v.value for v in model.enum_values]) == (
        ModelKind.ENUM,
        INTEGER,
        [1, 2],
    )


def test_an_enum_with_double_quoted_values() -> None:
    model = read_text('# Level\n\n## Enum\n\n* `AAL0` (value: `"aal0"`)\n')
    assert model.enum_values == (EnumValue("aal0", "AAL0", Location("p.md", 5, 1)),)


def test_a_title_with_escapes_names_the_model_without_them() -> None:
    model = read_text(properties("**name** | **str** |  | ", title="Pet\\_Shop"))
    assert model.name == "Pet_Shop"

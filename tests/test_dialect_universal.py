"""The universal fallback dialect: the spellings languages share, read without detection
(docmodels.dialects.universal)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CORPUS
from docmodels.diagnostics import Severity
from docmodels.dialects import registry
from docmodels.dialects.base import TypeSyntaxError, TypeTooDeep
from docmodels.dialects.universal import UNIVERSAL
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
from docmodels.load import load
from docmodels.page.structure import parse_page
from docmodels.page.typecell import decode_type_cell
from docmodels.reader import read_page

STRING = Primitive(PrimitiveKind.STRING)
INTEGER = Primitive(PrimitiveKind.INTEGER)
INT32 = Primitive(PrimitiveKind.INTEGER, "int32")
INT64 = Primitive(PrimitiveKind.INTEGER, "int64")
NUMBER = Primitive(PrimitiveKind.NUMBER)
DOUBLE = Primitive(PrimitiveKind.NUMBER, "double")
BOOLEAN = Primitive(PrimitiveKind.BOOLEAN)
DATE = Primitive(PrimitiveKind.STRING, "date")
DATE_TIME = Primitive(PrimitiveKind.STRING, "date-time")
UUID = Primitive(PrimitiveKind.STRING, "uuid")
PET = Reference("Pet")


def read(cell: str) -> TypeExpr:
    return UNIVERSAL.parse_type(decode_type_cell(cell)).type


SPELLINGS: list[tuple[str, TypeExpr]] = [
    # Lists.
    ("**List<Pet>**", ArrayOf(PET)),
    ("**List&lt;String&gt;**", ArrayOf(STRING)),
    ("**list[str]**", ArrayOf(STRING)),
    ("[**[]Pet**](Pet.md)", ArrayOf(PET)),
    ("**Pet[]**", ArrayOf(PET)),
    ("**Array<Pet>**", ArrayOf(PET)),
    ("**array[Pet]**", ArrayOf(PET)),
    ("**ARRAY[Pet]**", ArrayOf(PET)),
    ("**Vec<Pet>**", ArrayOf(PET)),
    ("**Seq<Pet>**", ArrayOf(PET)),
    ("**[Pet]**", ArrayOf(PET)),
    ("**Vector{Pet}**", ArrayOf(PET)),
    ("**kotlin.collections.List<kotlin.String>**", ArrayOf(STRING)),
    ("**List<List<Double>>**", ArrayOf(ArrayOf(DOUBLE))),
    ("**[][]float64**", ArrayOf(ArrayOf(Primitive(PrimitiveKind.NUMBER, "double")))),
    ("**Set<String>**", ArrayOf(STRING, unique_items=True)),
    ("**set[str]**", ArrayOf(STRING, unique_items=True)),
    ("Option<**HashSet<String>**>", ArrayOf(STRING, unique_items=True)),
    ("[**list_t**](pet.md) \\*", ArrayOf(PET)),
    ("**list_t \\***", ArrayOf(AnyValue())),
    # Maps.
    ("**Map<String, Pet>**", MapOf(PET)),
    ("**dict(str, Pet)**", MapOf(PET)),
    ("**Dict[str, Pet]**", MapOf(PET)),
    ("**map[string]Pet**", MapOf(PET)),
    ("**map[string][]string**", MapOf(ArrayOf(STRING))),
    ("**map(Pet)**", MapOf(PET)),
    ("**Dictionary<string, Pet>**", MapOf(PET)),
    ("**{str: (Pet,)}**", MapOf(PET)),
    ("**{String: Pet}**", MapOf(PET)),
    ("**{ [key: string]: Pet; }**", MapOf(PET)),
    ("**[String: Pet]**", MapOf(PET)),
    ("**HashMap<String, Pet>**", MapOf(PET)),
    ("**::std::collections::HashMap<String, Pet>**", MapOf(PET)),
    ("**Record<string, Pet>**", MapOf(PET)),
    ("**Hash<String, Pet>**", MapOf(PET)),
    ("**HASH[string,Pet]**", MapOf(PET)),
    ("**array<string,Pet>**", MapOf(PET)),
    ("**Dict{String, Pet}**", MapOf(PET)),
    ("[**System.Collections.Hashtable**](Pet.md)", MapOf(PET)),
    ("**list_t\\***", MapOf(AnyValue())),  # C: no space before the star is a map
    ("**map[string]interface{}**", AnyValue()),
    ("**Dict[str, Any]**", MapOf(AnyValue())),
    ("**{str: (bool, date, datetime, dict, float, int, list, str, none_type)}**", AnyValue()),
    # Optionals and pointers: the type itself.
    ("Option<[**Pet**](Pet.md)>", PET),
    ("**Optional[Pet]**", PET),
    ("**Pet?**", PET),
    ("**int?**", INTEGER),
    ("Pointer to [**Pet**](Pet.md)", PET),
    ("[***Pet**](Pet.md)", PET),
    ("**Pet \\***", PET),
    ("**Box<Pet>**", PET),
    # Qualified names: the last part.
    ("[**models::Pet**](Pet.md)", PET),
    ("[**crate::models::Pet**](Pet.md)", PET),
    ("[**\\OpenAPI\\Client\\Model\\Pet**](Pet.md)", PET),
    ("[**Org.Api.Model.Pet**](Pet.md)", PET),
    ("[**owner_address_t**](owner_address.md) \\*", Reference("OwnerAddress")),
    # Primitives.
    ("**string**", STRING),
    ("**String**", STRING),
    ("**str**", STRING),
    ("**NSString**", STRING),
    ("**char \\***", STRING),
    ("**kotlin.String**", STRING),
    ("**int**", INTEGER),
    ("**Int**", INTEGER),
    ("**Integer**", INT32),
    ("**int32**", INT32),
    ("**Int64**", INT64),
    ("**long**", INT64),
    ("**i64**", INT64),
    ("**kotlin.Int**", INT32),
    ("**float**", NUMBER),
    ("**double**", NUMBER),
    ("**Double**", DOUBLE),
    ("**f64**", DOUBLE),
    ("**number**", NUMBER),
    ("**decimal**", NUMBER),
    ("[**BigDecimal**](BigDecimal.md)", NUMBER),
    ("**bool**", BOOLEAN),
    ("**Boolean**", BOOLEAN),
    ("**boolean**", BOOLEAN),
    ("**date**", DATE),
    ("**Date**", STRING),  # a date-time in Java, a date in Ruby: the page does not say
    ("**LocalDate**", DATE),
    ("**java.time.LocalDate**", DATE),
    ("**datetime**", DATE_TIME),
    ("**DateTime**", DATE_TIME),
    ("**OffsetDateTime**", DATE_TIME),
    ("**Instant**", DATE_TIME),
    ("**Time**", DATE_TIME),
    ("**time.Time**", DATE_TIME),
    ("Option<**chrono::DateTime<chrono::FixedOffset>**>", DATE_TIME),
    ("**\\DateTime**", STRING),
    ("**uuid**", UUID),
    ("**UUID**", UUID),
    ("**uuid::Uuid**", UUID),
    ("**File**", Primitive(PrimitiveKind.STRING, "binary")),
    ("**byte[]**", Primitive(PrimitiveKind.STRING, "byte")),
    ("**Vector{UInt8}**", Primitive(PrimitiveKind.STRING, "byte")),
    ("**object**", AnyValue()),
    ("**Object**", AnyValue()),
    ("**Any**", AnyValue()),
    ("**AnyType**", AnyValue()),
    ("**interface{}**", AnyValue()),
    ("**JsonValue**", AnyValue()),
    ("**serde_json::Value**", AnyValue()),
    ("**mixed**", AnyValue()),
    # Unions: one type is that type; several are any value.
    ("**str, none_type**", STRING),
    ("**string | null**", STRING),
    ("**Union[int, str]**", AnyValue()),
    ("**bool, date, datetime, dict, float, int, list, str, none_type**", AnyValue()),
    # Generators without a dialect of their own: Eiffel, Objective-C, rust-server.
    ("**INTEGER_64**", INT64),
    ("**INTEGER_32**", INT32),
    ("**REAL_64**", DOUBLE),
    ("**STRING_32**", STRING),
    ("**LIST [INTEGER_64]**", ArrayOf(INT64)),
    ("**NSString***", STRING),
    ("**NSDate***", DATE_TIME),
    ("**NSArray&lt;NSString*&gt;***", ArrayOf(STRING)),
    ("**OAISet&lt;NSNumber*&gt;***", ArrayOf(NUMBER, unique_items=True)),
    ("[**OAIPet***](OAIPet.md)", Reference("OAIPet")),
    ("**chrono::DateTime::<chrono::Utc>**", DATE_TIME),
    ("[***models::Pet**](Pet.md)", PET),
    ("[**List**](Pet.md)", ArrayOf(PET)),
    # A model.
    ("[**Pet**](Pet.md)", PET),
    ("[Pet](Pet.md)", PET),
]


@pytest.mark.parametrize(("cell", "expected"), SPELLINGS)
def test_the_spellings_languages_share(cell: str, expected: TypeExpr) -> None:
    parsed = UNIVERSAL.parse_type(decode_type_cell(cell))
    assert parsed.type == expected
    assert parsed.native_names == 0  # evidence for no dialect, its own least of all


@pytest.mark.parametrize(
    ("cell", "nullable"),
    [
        ("**str, none_type**", True),
        ("**string | null**", True),
        ("**Nullable<Pet>**", True),
        ("Pointer to **NullableString**", True),
        ("Pointer to [**NullableCategory**](Category.md)", True),
        ("Option<**String**>", None),  # absent or null: the page does not say which
        ("**String?**", None),
        ("**String**", None),
    ],
)
def test_only_an_explicit_null_makes_a_type_nullable(cell: str, nullable: bool | None) -> None:
    parsed = UNIVERSAL.parse_type(decode_type_cell(cell))
    assert UNIVERSAL.nullable(parsed, required=True) is nullable


def test_a_model_named_nullable_is_a_model() -> None:
    assert read("[**NullableThing**](NullableThing.md)") == Reference("NullableThing")


@pytest.mark.parametrize(
    ("cell", "kind", "values"),
    [
        ('**Enum** [ "small", "large" ]', PrimitiveKind.STRING, ("small", "large")),
        ("'small' | 'large'", PrimitiveKind.STRING, ("small", "large")),
        ("**1 | 2 | 3**", PrimitiveKind.INTEGER, (1, 2, 3)),
    ],
)
def test_enums_the_cell_lists(
    cell: str, kind: PrimitiveKind, values: tuple[JsonValue, ...]
) -> None:
    parsed = UNIVERSAL.parse_type(decode_type_cell(cell))
    assert (parsed.type, parsed.enum_values) == (Primitive(kind), values)


@pytest.mark.parametrize(
    "text", ["Frobnicate<Pet>", "Map<", "List<Pet", "Pet]", "Foo()", "Pet @ x", "Map<A, B, C>"]
)
def test_what_it_cannot_read(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        UNIVERSAL.parse_type(decode_type_cell(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('"medium"', "medium"), ("'medium'", "medium"), ("`medium`", "medium"),
        ("42", 42), ("1.5", 1.5), ("10L", 10), ("2.5f", 2.5), ("7i64", 7),
        ("true", True), ("True", True), ("$false", False), ("FALSE", False),
        ("[]", []), ("{}", {}),
        ("Some(1)", 1), ("Some(false)", False), ("@(YES)", True), ("@1", 1), ('@"text"', "text"),
    ],
)
def test_defaults(text: str, value: JsonValue) -> None:
    assert UNIVERSAL.parse_default(text) == value


@pytest.mark.parametrize("text", ["Size.MEDIUM", "new Foo()", "nan"])
def test_defaults_it_does_not_guess(text: str) -> None:
    with pytest.raises(ValueError):
        UNIVERSAL.parse_default(text)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Pet", "Pet"),
        ("# Pet", "Pet"),
        ("Org.Client.Model.Pet", "Pet"),
        ("pkg::Pet", "Pet"),
        ("Table `Pet`", "Pet"),
        ("owner_address_t", "OwnerAddress"),
    ],
)
def test_model_names(title: str, name: str) -> None:
    assert UNIVERSAL.model_name(title) == name


def test_property_names_are_the_pages() -> None:
    assert UNIVERSAL.wire_name("VarFrom") == ("VarFrom", WireNameSource.PAGE)
    assert UNIVERSAL.wire_name("`type`") == ("type", WireNameSource.UNMANGLED)


PAGE = """# Pet

A pet, as an unknown generator writes it.

## Properties

Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**id** | **Int64** |  |
**tags** | **Seq<Tag>** |  | [optional]
**extra** | **HashMap<String, Tag>** |  | [optional]
**size** | **'small' \\| 'large'** |  | [optional] [default to 'small']
**born** | **Option<LocalDate>** |  | [optional]
"""


def test_detection_never_chooses_it() -> None:
    assert UNIVERSAL.name in registry.names()
    assert UNIVERSAL not in registry.DETECTABLE
    assert registry.FALLBACKS == (UNIVERSAL,)
    page = parse_page("Pet.md", PAGE)
    model, _ = read_page(page)
    assert model is not None and model.dialect != "universal"


def test_a_page_of_an_unknown_generator_reads_with_it_forced() -> None:
    model, diagnostics = read_page(parse_page("Pet.md", PAGE), UNIVERSAL)
    assert diagnostics == []
    assert model is not None and model.dialect == "universal"
    assert [(f.name, f.type, f.required, f.enum_values) for f in model.fields] == [
        ("id", INT64, True, None),
        ("tags", ArrayOf(Reference("Tag")), False, None),
        ("extra", MapOf(Reference("Tag")), False, None),
        ("size", STRING, False, ("small", "large")),
        ("born", DATE, False, None),
    ]
    assert model.fields[3].default is not None and model.fields[3].default.value == "small"


# What the real generators write, read with the universal dialect forced, against what each
# generator's own dialect reads: the share of properties whose type is the same.
CATALOG = Path(__file__).resolve().parent.parent / "groundtruth" / "pages" / "catalog"


def _agreement() -> tuple[int, int, int]:
    fields = same = same_shape = 0
    for page_path in sorted(CATALOG.glob("*/*.md")):
        page = parse_page(str(page_path), page_path.read_text(encoding="utf-8"))
        real, _ = read_page(page)
        universal, _ = read_page(page, UNIVERSAL)
        if real is None:
            continue
        read = {f.name: f.type for f in universal.fields} if universal is not None else {}
        for field in real.fields:
            fields += 1
            same += _agrees(read.get(field.name), field.type, lambda t: t)
            same_shape += _agrees(read.get(field.name), field.type, _shape)
    return fields, same, same_shape


def _agrees(read: TypeExpr | None, real: TypeExpr, seen: Callable[[TypeExpr | None], object]) -> bool:
    """Whether the universal reading is the dialect's, as ``seen`` shows them; where the dialect
    reads a type the page writes alike for several (C's int: an integer or a boolean), one of
    them, at any depth."""
    if isinstance(real, EitherOf):
        return any(_agrees(read, member, seen) for member in real.members)
    if isinstance(real, ArrayOf) and isinstance(read, ArrayOf):
        return real.unique_items == read.unique_items and _agrees(read.items, real.items, seen)
    if isinstance(real, MapOf) and isinstance(read, MapOf):
        return _agrees(read.values, real.values, seen)
    return seen(read) == seen(real)


def _shape(type_expr: TypeExpr | None) -> object:
    """The type without formats: where generators disagree with each other about a name. An
    integer is a number here too: bash writes integer for numbers as well, and its dialect
    reads a number, which the universal grammar cannot know."""
    if isinstance(type_expr, Primitive):
        kind = PrimitiveKind.NUMBER if type_expr.kind is PrimitiveKind.INTEGER else type_expr.kind
        return Primitive(kind)
    if isinstance(type_expr, ArrayOf):
        return ArrayOf(_shape(type_expr.items), type_expr.unique_items)  # type: ignore[arg-type]
    if isinstance(type_expr, MapOf):
        return MapOf(_shape(type_expr.values))  # type: ignore[arg-type]
    return type_expr


@pytest.mark.skipif(not CATALOG.is_dir(), reason="groundtruth pages are not generated")
def test_it_reads_the_real_generators_pages_as_their_dialects_do() -> None:
    fields, same, same_shape = _agreement()
    assert fields > 5000
    # Measured on 99 folders of 35 generators: 93.0% the same type, 98.2% the same but for a
    # format (Ruby's Integer is any integer, Java's an int32: the name alone does not say).
    # Lowest where a generator's spellings are its own (eiffel 79%, objc 82%, markdown 92% but
    # for formats), which their dialects read.
    assert same / fields > 0.92
    assert same_shape / fields > 0.98


TABLE = "Name | Type | Description | Notes\n---- | ---- | ---- | ----\n"


def test_a_folder_no_dialect_reads_is_read_with_it_and_says_why(tmp_path: Path) -> None:
    """Many pages of spellings no dialect reads (a generator we have never seen): the folder is
    read with the fallback, with one warning that names the evidence."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(8):
        (folder / f"M{i}.md").write_text(
            f"# M{i}\n\n## Properties\n{TABLE}**tags** | **Sequence<Text>** |  | \n"
            "**counts** | **Dictionary<Text, Int32>** |  | [optional]\n",
            encoding="utf-8",
        )
    model_set, diagnostics = load([folder], tmp_path)
    assert [str(d) for d in diagnostics] == [
        ("docs:1:1: warning: no dialect reads the types of the 8 pages here (such as "
        "'Sequence<Text>', 'Dictionary<Text, Int32>'): they are read with the 'universal' "
        "grammar of common spellings, which leaves 0 of 16 type cells unread; if you know the "
        "generator, pass --dialect NAME")
    ]
    assert {m.dialect for m in model_set.models} == {"universal"}
    fields = {f.name: f.type for f in model_set.models[0].fields}
    assert fields == {
        "tags": ArrayOf(Primitive(PrimitiveKind.STRING)),
        "counts": MapOf(Primitive(PrimitiveKind.INTEGER, "int32")),
    }


def _corpus_folders() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.iterdir() if (p / "docs").is_dir())


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
@pytest.mark.parametrize("folder", _corpus_folders())
def test_it_reads_every_type_of_the_corpus(folder: str) -> None:
    # Forced on every real SDK: every type cell is read. What remains is not the grammar's:
    # a model no page defines (rust's unlinked enums, C's object_t) or a table of other columns
    # (ktorm's).
    _, diagnostics = load([CORPUS / folder / "docs"], CORPUS, dialect=UNIVERSAL)
    unread = [
        str(d)
        for d in diagnostics
        if d.severity is Severity.ERROR
        and "which no page defines" not in d.message
        and "unexpected table header" not in d.message
    ]
    assert unread == []


@pytest.mark.parametrize(
    "text", ["X" + "[]" * 5000, "List<" * 5000 + "X" + ">" * 5000, "(" * 5000, "[]" * 5000 + "X"]
)
def test_a_type_nested_past_the_limit_is_too_deep(text: str) -> None:
    with pytest.raises(TypeTooDeep):
        UNIVERSAL.parse_type(decode_type_cell(text))

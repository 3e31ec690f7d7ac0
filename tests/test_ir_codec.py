"""The page cache's format (ir_codec): a page's reading as JSON and back, exactly (every field,
``compare=False`` ones included; tuples, lists and dicts apart; 1, 1.0 and True apart; lone
surrogates kept), and nothing but the IR's own classes built from it."""

from __future__ import annotations

import dataclasses
import enum
import json
import math
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from docmodels import digest, ir_codec, reader
from docmodels.diagnostics import Diagnostic, Location, Severity
from docmodels.ir import (
    ArrayOf,
    Constraints,
    Default,
    Field,
    Model,
    ModelKind,
    Primitive,
    PrimitiveKind,
    Reference,
    WireNameSource,
)
from docmodels.reading import PageReading
from docmodels.source import SourceFile, decode
from hypothesis import assume, given
from hypothesis import strategies as st

CATALOG = REPO / "groundtruth" / "pages" / "catalog"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def exact(a: Any, b: Any, where: str = "") -> None:
    """``a`` and ``b`` alike in every field (``compare=False`` ones too), type and float bit."""
    assert type(a) is type(b), where
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            exact(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, tuple | list):
        assert len(a) == len(b), where
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            exact(x, y, f"{where}[{index}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for name in a:
            exact(a[name], b[name], f"{where}[{name!r}]")
    elif isinstance(a, float):
        assert repr(a) == repr(b), where  # -0.0 and nan too
    else:
        assert a == b, where


def round_trip(reading: PageReading) -> PageReading:
    return ir_codec.decode(ir_codec.loads(ir_codec.dumps(ir_codec.encode(reading))))


# Every page of a representative slice: one folder of the catalog per generator, every fixture.

def _slice() -> list[Path]:
    folders: dict[str, Path] = {}
    for folder in sorted(CATALOG.iterdir()):
        folders.setdefault(folder.name.split("@")[0], folder)  # each generator's oldest
    return [*folders.values(), *sorted(p for p in FIXTURES.iterdir() if p.is_dir())]


@pytest.mark.parametrize("folder", _slice(), ids=lambda p: p.name)
def test_every_page_of_a_folder_reads_back_exactly(folder: Path) -> None:
    pages = sorted(folder.rglob("*.md"))
    assert pages
    for page in pages:
        source = decode(page.read_bytes(), page.as_posix())
        if not isinstance(source, SourceFile):
            continue
        reading = reader.read_text(source)
        back = round_trip(reading)
        assert back == reading, page
        exact(back, reading, page.name)


def test_a_text_read_back_many_times_is_one_object() -> None:
    """Each field's location names the page: read back from the cache, 10,000 pages' readings
    would otherwise hold one copy of each such text per field (30 MB of them)."""
    page = REPO / "specs" / "python" / "CreateSession.md"
    source = decode(page.read_bytes(), page.as_posix())
    assert isinstance(source, SourceFile)
    reading = reader.read_text(source)
    assert reading.model is not None and len(reading.model.fields) > 1
    paths = [field.location.path for field in round_trip(reading).model.fields]  # type: ignore[union-attr]
    assert all(path is paths[0] for path in paths)



def test_evidence_rows_read_back_from_many_pages_are_shared() -> None:
    """Each page's evidence is some thirty (score, unread) pairs, and the same pairs recur page
    after page: read back from the cache, 10,000 pages' readings would otherwise hold 300,000
    of them (20 MB)."""
    backs = []
    for name in ("CreateSession.md", "UserServiceAccessTypes.md"):
        page = REPO / "specs" / "python" / name
        source = decode(page.read_bytes(), page.as_posix())
        assert isinstance(source, SourceFile)
        backs.append(round_trip(reader.read_text(source)).evidence)
    first, second = backs
    assert len(first) == len(second) > 1
    equal = [(a, b) for a, b in zip(first, second, strict=True) if a == b]
    assert equal and all(a is b for a, b in equal)

# Any reading the annotations allow (hypothesis), built from them independently of the codec.

class _JsonMark:
    pass


TEXT = st.text(st.characters(exclude_categories=()), max_size=6)  # lone surrogates included
JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)
_CLASSES: dict[type, st.SearchStrategy[Any]] = {}


def strategy(hint: Any) -> st.SearchStrategy[Any]:
    if hint is _JsonMark:
        return JSON
    if hint is str:
        return TEXT
    if hint in (bool, int, type(None)):
        return st.from_type(hint)
    if hint is float:
        return st.floats(allow_nan=False)
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return st.one_of(*(strategy(option) for option in typing.get_args(hint)))
    if typing.get_origin(hint) is tuple:
        items = typing.get_args(hint)
        if len(items) == 2 and items[1] is Ellipsis:
            return st.lists(strategy(items[0]), max_size=2).map(tuple)
        return st.tuples(*(strategy(item) for item in items))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(hint)
    if hint not in _CLASSES:
        _CLASSES[hint] = st.deferred(lambda: _builds(hint))
    return _CLASSES[hint]


def _builds(cls: type) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls, localns={"JsonValue": _JsonMark})
    fields = [strategy(hints[f.name]) for f in dataclasses.fields(cls)]
    return st.tuples(*fields).map(lambda values: cls(*values))


@given(strategy(PageReading))
def test_any_reading_reads_back_exactly(reading: PageReading) -> None:
    back = round_trip(reading)
    assert back == reading
    exact(back, reading)



@given(strategy(PageReading), strategy(PageReading))
def test_a_models_digest_is_of_its_content_only(a: PageReading, b: PageReading) -> None:
    # A model's digest (digest.py, the render memo's key): the same for the model read back from
    # the page cache (its texts shared: a pickle's memo would tell), and two models of one
    # digest are equal (the IR's classes and enum members are written as references to a
    # table of them: still one pickle for one content).
    assume(a.model is not None and b.model is not None)
    assert a.model is not None and b.model is not None
    assert digest.digest(round_trip(a).model) == digest.digest(a.model)  # type: ignore[arg-type]
    if digest.digest(a.model) == digest.digest(b.model):
        assert a.model == b.model
    assert digest.digest(a.model) != digest.digest(dataclasses.replace(a.model, kind=next(
        kind for kind in ModelKind if kind is not a.model.kind)))


# What JSON keeps apart, and what it cannot hold.

FIELD = Field(
    "size", "size", WireNameSource.PAGE, Primitive(PrimitiveKind.INTEGER), False, None, False,
    None, "", Location("Pet.md", 4, 2), spelled="**int**", type_column=14,
)


def reading_of(*fields: Field) -> PageReading:
    model = Model("Pet", ModelKind.OBJECT, "", "python", Location("Pet.md", 1, 1), fields)
    return PageReading(model, (), ((1, 0), (-3, 2)), dialect="python")


@pytest.mark.parametrize(
    "value",
    [1, 1.0, True, -0.0, math.inf, 5e-324, 2**64 + 1, -(10**300), 1e308, [1, [2]], (),
     {"a": [1.0, {"b": None}]}, "\ud800 half", "\udfff", "é\u2028\x00"],
    ids=repr,
)
def test_defaults_keep_their_type_and_value(value: Any) -> None:
    if value == ():
        value = []  # a JsonValue's array is a list (the IR's own sequences are tuples)
    reading = reading_of(dataclasses.replace(FIELD, default=Default(value, "x")))
    back = round_trip(reading)
    exact(back, reading)


def test_fields_that_compare_alike_keep_what_tells_them_apart() -> None:
    reading = reading_of(FIELD)
    back = round_trip(reading)
    assert back.model is not None
    assert (back.model.fields[0].spelled, back.model.fields[0].type_column) == ("**int**", 14)
    diagnostic = Diagnostic(Severity.WARNING, Location("Pet.md", 2, 1), "m", unknown="Strng")
    assert round_trip(PageReading(None, (diagnostic,))).diagnostics[0].unknown == "Strng"


def test_nan_reads_back_as_nan() -> None:
    reading = reading_of(dataclasses.replace(FIELD, default=Default(math.nan, "NaN")))
    exact(round_trip(reading), reading)


@pytest.mark.parametrize(
    "value", [{1: "a"}, ("a",), {"a": ("b",)}, {"a": {2: 3}}, b"x", Location("a")], ids=repr)
def test_a_value_json_would_change_is_not_encoded(value: Any) -> None:
    with pytest.raises(ir_codec.Invalid):
        ir_codec.encode(reading_of(dataclasses.replace(FIELD, default=Default(value, "x"))))


def test_an_ir_value_of_another_type_is_not_encoded() -> None:
    with pytest.raises(ir_codec.Invalid):
        ir_codec.encode(reading_of(dataclasses.replace(FIELD, read_only=1)))  # type: ignore[arg-type]


def test_the_text_is_ascii() -> None:
    text = ir_codec.dumps(ir_codec.encode(reading_of(dataclasses.replace(
        FIELD, description="é \ud800 \u2028"))))
    assert text.isascii() and b"\n" not in text


# Only the IR's classes, each with its own fields of their own types, are built.

def good() -> Any:
    return ir_codec.encode(reading_of(FIELD, dataclasses.replace(
        FIELD, type=ArrayOf(Reference("Tag")), constraints=Constraints(minimum=1))))


def _edit(data: Any, path: tuple[int, ...], value: Any) -> Any:
    data = json.loads(json.dumps(data))
    target = data
    for index in path[:-1]:
        target = target[index]
    target[path[-1]] = value
    return data


# Paths into good(): ["PageReading", model, diagnostics, evidence, left_out, skipped, dialect,
# ...], model: ["Model", name, kind, description, dialect, location, fields, ...].
MODEL, FIELDS, TYPE = (1,), (1, 6), (1, 6, 1, 4)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ((0,), "Model"),  # another class where PageReading is
        ((0,), "os.system"),  # no class of the IR
        ((*MODEL, 0), "PageReading"),
        ((*TYPE, 0), "Field"),  # a class, but not one a type may be
        ((*TYPE, 0), "Location"),
        ((*TYPE, 1, 0), "subprocess.Popen"),
        ((*FIELDS, 0, 3), "NOT_A_SOURCE"),  # an enum member that is not one
        ((*FIELDS, 0, 3), "__class__"),
        ((*FIELDS, 0, 5), 1),  # required: bool | None, not an int
        ((*FIELDS, 0, 10, 2), "4"),  # a line that is text
        ((*FIELDS, 0, 10, 2), 4.0),  # ...or a float
        ((*FIELDS, 0, 13), ["Constraints"]),  # too few fields
        ((*FIELDS, 0, 17), {"a": 1}),  # a dict where a tuple of strings is
        ((*FIELDS, 0, 17), [1]),
        ((3, 0), [1, 2, 3]),  # evidence rows are pairs
        ((3, 0), [1, True]),  # ...of ints
        ((2,), {"__reduce__": "x"}),
        ((4,), ["UnreadPage", "a", "b", None, "extra"]),
        ((1, 5), ["Location", "a", 1, 1, {"__class__": "Path"}]),
        ((6,), ["Model"]),  # a dialect is a string or None
    ],
)
def test_data_the_annotations_do_not_allow_is_invalid(path: tuple[int, ...], value: Any) -> None:
    data = _edit(good(), path, value)
    with pytest.raises(ir_codec.Invalid):
        ir_codec.decode(data)


@pytest.mark.parametrize("odd", [True, 1.0], ids=repr)
def test_an_evidence_row_equal_to_one_read_before_but_not_of_ints_is_invalid(odd: Any) -> None:
    # Rows read before are shared (and not checked again): (1, True) equals (1, 1).
    ir_codec.decode(_edit(good(), (3, 0), [1, 1]))
    with pytest.raises(ir_codec.Invalid):
        ir_codec.decode(_edit(good(), (3, 0), [1, odd]))


@pytest.mark.parametrize(
    "text", [b"", b"[", b"\x80\x05", b"[" * 100_000 + b"]" * 100_000, "é".encode(), b"NaN"])
def test_text_that_is_not_ascii_json_of_a_reading_is_invalid(text: bytes) -> None:
    with pytest.raises(ir_codec.Invalid):
        ir_codec.decode(ir_codec.loads(text))


def test_good_data_decodes() -> None:  # (the edits above break something that worked)
    assert ir_codec.decode(good()).model is not None

"""Every name of every dialect's vocabulary is read into the IR type it stands for.

The vocabulary tables (each dialect module's ``dict`` from a type name to an IR type, and the
JVM dialects' container names) are found by walking the dialect modules, so a name added to a
table without a row in tests/vocabulary.tsv fails the first test. The rows state, independently
of the tables, the type each name must be read into: a table entry changed (``java.time.Instant``
read as a date) fails the second.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

import docmodels.dialects
import pytest
from docmodels.dialects.registry import by_name
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    EitherOf,
    MapOf,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
)
from docmodels.page.typecell import decode_type_cell

ROWS_FILE = Path(__file__).with_name("vocabulary.tsv")
_TYPE_EXPRS = (Primitive, ArrayOf, MapOf, Reference, AnyValue, EitherOf)
_CONTAINERS = ("lists", "sets", "maps")


class Row(NamedTuple):
    dialect: str
    table: str
    entry: str
    cell: str
    type: str


def rows() -> list[Row]:
    lines = ROWS_FILE.read_text("utf-8").splitlines()
    return [Row(*line.split("\t")) for line in lines if line and not line.startswith("#")]


def vocabulary() -> set[tuple[str, str]]:
    """(table, entry) for every entry of every vocabulary table in the dialect modules; a table
    one module imports from another (rust_server's from rust) counts once, where it is made."""
    found: set[tuple[str, str]] = set()
    seen: set[int] = set()
    for module_info in sorted(pkgutil.iter_modules(docmodels.dialects.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"docmodels.dialects.{module_info.name}")
        for name, value in vars(module).items():
            if _is_table(value) and id(value) not in seen:
                seen.add(id(value))
                found |= {(f"{module_info.name}.{name}", entry) for entry in value}
            if isinstance(value, type) and value.__module__ == module.__name__:
                for attribute in _CONTAINERS:
                    names = vars(value).get(attribute)
                    if names:
                        table = f"{module_info.name}.{value.__name__}.{attribute}"
                        found |= {(table, entry) for entry in names}
    return found


def _is_table(value: object) -> bool:
    return (isinstance(value, dict) and bool(value)
            and all(isinstance(k, str) for k in value)
            and all(isinstance(v, _TYPE_EXPRS) for v in value.values()))  # fmt: skip


def parse_notation(text: str) -> TypeExpr:
    """``string:date-time``, ``integer``, ``any``, ``array[...]``, ``set[...]``, ``map[...]``,
    ``either[integer|boolean]``."""
    either = re.fullmatch(r"either\[(.*)\]", text)
    if either:
        return EitherOf(tuple(parse_notation(member) for member in either[1].split("|")))
    container = re.fullmatch(r"(array|set|map)\[(.*)\]", text)
    if container:
        inner = parse_notation(container[2])
        return MapOf(inner) if container[1] == "map" else ArrayOf(inner, container[1] == "set")
    if text == "any":
        return AnyValue()
    if text.startswith("ref:"):
        return Reference(text[4:])
    kind, _, form = text.partition(":")
    return Primitive(PrimitiveKind(kind), form or None)


def test_every_vocabulary_entry_has_a_row() -> None:
    listed = [(row.table, row.entry) for row in rows()]
    assert len(listed) == len(set(listed)), "a table entry listed twice"
    tables = vocabulary()
    assert len(tables) > 450  # the walk does find the tables
    assert sorted(tables - set(listed)) == [], "vocabulary without a row in tests/vocabulary.tsv"
    assert sorted(set(listed) - tables) == [], "rows for entries no table has any more"


def test_the_rows_name_known_dialects_and_read_types() -> None:
    for row in rows():
        assert by_name(row.dialect) is not None, row
        parse_notation(row.type)


def _by_dialect() -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows():
        grouped[row.dialect].append(row)
    return dict(sorted(grouped.items()))


@pytest.mark.parametrize("dialect", list(_by_dialect()))
def test_each_vocabulary_entry_is_read_into_its_type(dialect: str) -> None:
    reader = by_name(dialect)
    assert reader is not None
    wrong = []
    for row in _by_dialect()[dialect]:
        parsed = reader.parse_type(decode_type_cell(row.cell))
        if parsed.type != parse_notation(row.type):
            wrong.append((row.table, row.entry, row.type, parsed.type))
    assert wrong == []

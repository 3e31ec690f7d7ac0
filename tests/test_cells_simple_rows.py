"""split_row's shortcut for a row without backslashes (page/cells.py ``_simple_row``): the same
cells as the general splitter, for any row, column count and border."""

from __future__ import annotations

import pytest
from docmodels.page import cells
from docmodels.page.cells import Cell, split_row
from docmodels.page.notes import is_notes
from hypothesis import given, settings
from hypothesis import strategies as st


def _general(line: str, columns: int, outer_pipes: bool) -> tuple[Cell, ...] | None:
    original = cells._simple_row
    try:
        cells._simple_row = lambda *_: None  # type: ignore[assignment]
        # Past split_row's cache, which may hold what the shortcut gave for the same row.
        return split_row.__wrapped__(line, columns, outer_pipes, is_notes)
    finally:
        cells._simple_row = original


@settings(max_examples=500)
@given(st.text(alphabet=" |ab*`\\[]", max_size=30), st.integers(1, 6), st.booleans())
def test_a_row_splits_as_the_general_splitter_splits_it(
    line: str, columns: int, outer_pipes: bool
) -> None:
    assert split_row(line, columns, outer_pipes, is_notes) == _general(line, columns, outer_pipes)


@pytest.mark.parametrize(("line", "outer", "expected"), [
    ("**name** | **str** | The name. | ", False,
     (Cell("**name**", 1), Cell("**str**", 12), Cell("The name.", 22), Cell("", 33))),
    ("| **name** | **str** | x | [optional] |", True,
     (Cell("**name**", 3), Cell("**str**", 14), Cell("x", 24), Cell("[optional]", 28))),
])
def test_a_generator_row_is_split_into_its_cells(
    line: str, outer: bool, expected: tuple[Cell, ...]
) -> None:
    assert cells._simple_row(line, 4, outer) == expected
    assert split_row(line, 4, outer, is_notes) == expected

"""Splitting a raw table row into its cells (docmodels.page.cells.split_row)."""

from __future__ import annotations

from docmodels.page.cells import Cell, split_row
from docmodels.page.notes import is_notes


def texts(cells: tuple[Cell, ...] | None) -> list[str] | None:
    return None if cells is None else [cell.text for cell in cells]


def split(line: str, outer_pipes: bool = False) -> list[str] | None:
    return texts(split_row(line, 4, outer_pipes, is_notes))


def test_a_row_without_outer_pipes_has_one_cell_per_separator() -> None:
    assert split("**name** | **str** | Name of the cluster. | [optional]") == [
        "**name**",
        "**str**",
        "Name of the cluster.",
        "[optional]",
    ]


def test_without_outer_pipes_a_trailing_pipe_and_space_separate_an_empty_notes_cell() -> None:
    assert split("**key** | **str** |  | ") == ["**key**", "**str**", "", ""]


def test_without_outer_pipes_a_trailing_pipe_without_space_is_still_an_empty_notes_cell() -> None:
    assert split("**subject** | **string** | Subject is the subject |") == [
        "**subject**",
        "**string**",
        "Subject is the subject",
        "",
    ]


def test_with_outer_pipes_the_borders_are_not_cells() -> None:
    assert split("| **created_at** | **Time** | When. | [optional] |", outer_pipes=True) == [
        "**created_at**",
        "**Time**",
        "When.",
        "[optional]",
    ]


def test_with_outer_pipes_an_empty_notes_cell_is_kept_before_the_border() -> None:
    assert split("| **id** | **String** | The id |  |", outer_pipes=True) == [
        "**id**",
        "**String**",
        "The id",
        "",
    ]


def test_with_outer_pipes_and_no_space_after_the_first_pipe() -> None:
    assert split("|**credentials** | **Map** | Creds |  [optional] |", outer_pipes=True) == [
        "**credentials**",
        "**Map**",
        "Creds",
        "[optional]",
    ]


def test_a_pipe_in_the_description_stays_in_the_description() -> None:
    line = "**command** | **List[str]** | shell (&#39;|&#39;, etc) won&#39;t work. | [optional]"
    assert split(line) == [
        "**command**",
        "**List[str]**",
        "shell (&#39;|&#39;, etc) won&#39;t work.",
        "[optional]",
    ]


def test_a_regex_alternation_in_the_description_does_not_shift_the_notes_cell() -> None:
    assert split("**stage** | **str** | Must match ^(a|b)$ exactly. | [optional]") == [
        "**stage**",
        "**str**",
        "Must match ^(a|b)$ exactly.",
        "[optional]",
    ]


def test_a_pipe_in_the_description_with_an_empty_notes_cell() -> None:
    assert split("**stage** | **str** | ^(a|b)$ | ") == ["**stage**", "**str**", "^(a|b)$", ""]


def test_a_pipe_in_the_description_with_outer_pipes_and_empty_notes() -> None:
    assert split("| **stage** | **str** | ^(a|b)$ |  |", outer_pipes=True) == [
        "**stage**",
        "**str**",
        "^(a|b)$",
        "",
    ]


def test_a_pattern_note_with_a_pipe_inside_its_brackets_stays_one_notes_cell() -> None:
    assert split("**stage** | **str** | The stage. | [optional] [Pattern: ^(dev|prod)$]") == [
        "**stage**",
        "**str**",
        "The stage.",
        "[optional] [Pattern: ^(dev|prod)$]",
    ]


def test_pipes_in_both_the_description_and_a_pattern_note() -> None:
    line = "**stage** | **str** | Must match ^(dev|prod)$ exactly. | [Pattern: ^(dev|prod)$]"
    assert split(line) == [
        "**stage**",
        "**str**",
        "Must match ^(dev|prod)$ exactly.",
        "[Pattern: ^(dev|prod)$]",
    ]


def test_a_whole_table_flattened_into_the_description() -> None:
    line = (
        "**Status** | **string** | | Name | Description | | ---:| --- | "
        "| pending | not applied yet |  | [optional] [default to null]"
    )
    assert split(line) == [
        "**Status**",
        "**string**",
        "| Name | Description | | ---:| --- | | pending | not applied yet |",
        "[optional] [default to null]",
    ]


def test_an_escaped_pipe_does_not_separate_cells() -> None:
    assert split(r"**op** | **str** | a \| b | ") == ["**op**", "**str**", r"a \| b", ""]


def test_a_row_with_too_few_cells_cannot_be_split() -> None:
    assert split("**name** | **str**") is None


def test_a_row_whose_extra_cells_leave_no_valid_notes_cell_cannot_be_split() -> None:
    assert split("**a** | **str** | one | two | three") is None


def test_columns_are_one_based_and_point_at_each_cells_first_character() -> None:
    cells = split_row("**id** | **str** | The id. | [optional]", 4, False, is_notes)
    assert cells == (
        Cell("**id**", 1),
        Cell("**str**", 10),
        Cell("The id.", 20),
        Cell("[optional]", 30),
    )


def test_a_blank_cell_is_located_where_it_starts() -> None:
    cells = split_row("**key** | **str** |  | ", 4, False, is_notes)
    assert cells == (Cell("**key**", 1), Cell("**str**", 11), Cell("", 20), Cell("", 23))


def test_columns_with_outer_pipes_count_from_the_start_of_the_line() -> None:
    cells = split_row("| **id** | **str** | d | [optional] |", 4, True, is_notes)
    assert cells == (Cell("**id**", 3), Cell("**str**", 12), Cell("d", 22), Cell("[optional]", 26))


def test_a_description_with_pipes_is_located_at_its_first_piece() -> None:
    cells = split_row("**s** | **str** | x|y | [optional]", 4, False, is_notes)
    assert cells is not None
    assert cells[2] == Cell("x|y", 19)
    assert cells[3] == Cell("[optional]", 25)


def test_a_two_column_table_splits_by_its_pipes() -> None:
    assert texts(split_row("| Batch | batch |", 2, True, lambda _: True)) == ["Batch", "batch"]

"""The Notes cell (docmodels.page.notes): a run of bracketed groups."""

from __future__ import annotations

import pytest
from docmodels.page.notes import Notes, groups, is_notes, parse_notes


def test_an_empty_notes_cell_says_nothing() -> None:
    assert parse_notes("") == Notes()


def test_optional() -> None:
    assert parse_notes("[optional]") == Notes(optional=True)


def test_readonly() -> None:
    assert parse_notes("[readonly]") == Notes(read_only=True)


def test_default_keeps_the_literal_text() -> None:
    assert parse_notes("[default to 120]") == Notes(default="120")


def test_optional_and_default_separated_by_a_space() -> None:
    assert parse_notes("[optional] [default to False]") == Notes(optional=True, default="False")


def test_groups_without_spaces_between_them() -> None:
    assert parse_notes("[optional][readonly][default to 28800]") == Notes(
        optional=True, read_only=True, default="28800"
    )


def test_leading_and_trailing_spaces_are_ignored() -> None:
    assert parse_notes("  [optional]  [readonly] ") == Notes(optional=True, read_only=True)


def test_a_quoted_default_keeps_its_quotes_and_entities() -> None:
    assert parse_notes("[optional] [default to &#39;720h&#39;]") == Notes(
        optional=True, default="&#39;720h&#39;"
    )


def test_nested_brackets_belong_to_the_default() -> None:
    assert parse_notes("[default to const []]") == Notes(default="const []")


def test_nested_brackets_after_another_group() -> None:
    assert parse_notes("[optional][default to [1, [2]]]") == Notes(
        optional=True, default="[1, [2]]"
    )


def test_keywords_are_read_without_regard_to_case() -> None:
    assert parse_notes("[Optional] [ReadOnly] [Default to 1]") == Notes(
        optional=True, read_only=True, default="1"
    )


def test_an_empty_default_is_an_empty_literal() -> None:
    assert parse_notes("[default to]") == Notes(default="")


def test_groups_the_reader_does_not_interpret_are_kept() -> None:
    assert parse_notes("[optional] [Pattern: ^(dev|prod)$] [Max. length: 255]") == Notes(
        optional=True, other=("Pattern: ^(dev|prod)$", "Max. length: 255")
    )


def test_groups_returns_each_top_level_group() -> None:
    assert groups("[a] [b [c]][d]") == ["a", "b [c]", "d"]


@pytest.mark.parametrize(
    "text",
    [
        "defaults to 3",  # prose, not a group
        "[optional] and more",  # text after the groups
        "[optional",  # unclosed
        "[default to const []",  # unclosed once the nested group closes
        "optional]",
    ],
)
def test_text_that_is_not_a_run_of_groups_is_not_notes(text: str) -> None:
    assert groups(text) is None
    assert parse_notes(text) is None
    assert not is_notes(text)


@pytest.mark.parametrize("text", ["", "   ", "[optional]", "[a][b]", "[x [y] z]"])
def test_runs_of_groups_are_notes(text: str) -> None:
    assert is_notes(text)

"""Undoing the escaping generators apply to cell text (docmodels.page.text)."""

from __future__ import annotations

import pytest
from docmodels.page.text import unescape, unescape_tracked


@pytest.mark.parametrize(
    ("escaped", "plain"),
    [
        ("won&#39;t", "won't"),
        ("&#x60;secrets.token_urlsafe(32)&#x60;", "`secrets.token_urlsafe(32)`"),
        ("say &quot;hi&quot;", 'say "hi"'),
        ("&lt;br /&gt;", "<br />"),
        ("a &#x3D; b", "a = b"),
        ("AT&amp;T", "AT&T"),
    ],
)
def test_html_entities_are_decoded(escaped: str, plain: str) -> None:
    assert unescape(escaped) == plain


@pytest.mark.parametrize(
    ("escaped", "plain"),
    [
        (r"e.g. \"us-west-2\"", 'e.g. "us-west-2"'),
        (r"a \\ b", "a \\ b"),
        (r"\*not bold\*", "*not bold*"),
        (r"a \| b", "a | b"),
    ],
)
def test_backslash_escapes_before_punctuation_are_undone(escaped: str, plain: str) -> None:
    assert unescape(escaped) == plain


def test_a_backslash_before_an_entity_escapes_the_character_the_entity_stands_for() -> None:
    assert unescape(r"e.g. \&quot;us-west-2a\&quot;.") == 'e.g. "us-west-2a".'


def test_a_backslash_before_an_apostrophe_entity() -> None:
    assert unescape(r"Sets the input\&#39;s disabled field") == "Sets the input's disabled field"


def test_a_backslash_before_a_letter_or_digit_is_kept() -> None:
    assert unescape(r"^\d+\w$") == r"^\d+\w$"


def test_entities_are_decoded_only_once() -> None:
    assert unescape("&amp;quot;") == "&quot;"


def test_an_ampersand_that_starts_no_entity_is_kept() -> None:
    assert unescape("fish & chips &unknown;") == "fish & chips &unknown;"


def test_a_legacy_entity_name_without_a_semicolon_is_not_an_entity() -> None:
    # Raw pages (rust, dart) keep URLs as written: "&not" and "&para" here are query parameters.
    assert unescape("see https://x.test/?a=1&not=2&para=3&copy") == (
        "see https://x.test/?a=1&not=2&para=3&copy"
    )


def test_a_numeric_reference_without_a_semicolon_is_not_an_entity() -> None:
    assert unescape("&#39 and &#x60") == "&#39 and &#x60"


def test_raw_text_is_unchanged() -> None:
    raw = "The input's element name, `node.type`"
    assert unescape(raw) == raw


def test_tracked_unescape_knows_where_each_character_came_from() -> None:
    tracked = unescape_tracked(r"a&lt;b\"c")
    assert tracked.text == 'a<b"c'
    assert tracked.origins == (0, 1, 5, 6, 8)

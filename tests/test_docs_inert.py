"""Descriptions in the generated docs load nothing and hide nothing (emit/inert_markdown.py).

A browser showing the docs fetches images and runs HTML by itself: no image is shown (a remote
one is a tracking pixel) and raw HTML shows as typed. A link fetches nothing until followed: a
relative one (another page of the docs) stays a link, any other shows its URL as code, so no
link hides where it leads and no ``javascript:`` runs. A character that does not print (a text
direction override, "Trojan Source") shows as its escape, as in the generated ``.py`` files."""

from __future__ import annotations

import time

import pytest
from docmodels.emit.docs import escape_block, escape_cell
from docmodels.emit.inert_markdown import inert
from generated import build_files, python_page, write_page
from markdown_it import MarkdownIt
from markdown_it.token import Token

MARKDOWN = MarkdownIt("commonmark").enable("table")

PIXEL = "![pixel](https://tracker.example/p.gif?user=1)"
HTML_PIXEL = '<img src="https://tracker.example/p.gif">'
BIDI = "access \u202eresu\u202c level"  # shows as "access user level"; is not


def inline_tokens(page: str) -> list[Token]:
    tokens = MARKDOWN.parse(page)
    return [*tokens, *(child for token in tokens for child in (token.children or []))]


def live(page: str) -> list[str]:
    """What a renderer would load, run or link to on its own: images, HTML, links' targets."""
    found = []
    for token in inline_tokens(page):
        if token.type == "image":
            found.append(f"image {token.attrs['src']}")
        elif token.type == "link_open":
            found.append(f"link {token.attrs['href']}")
        elif token.type in ("html_inline", "html_block") and token.content != "<br>":
            found.append(f"html {token.content}")
    return found


def text_of(page: str) -> str:
    return "".join(t.content for t in inline_tokens(page) if t.type in ("text", "code_inline"))


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A model whose description and property descriptions hold each hostile construct."""
    root = tmp_path_factory.mktemp("inert")
    description = "\n\n".join([
        f"Tracked: {PIXEL}",
        f"Also: {HTML_PIXEL}",
        "See [the guide](https://evil.example/guide), [Tag](Tag.md) or [below](#properties).",
        f"Reversed: {BIDI}",
    ])
    write_page(root / "specs", "Pet", python_page("Pet", [
        f"**photo** | **str** | A photo {PIXEL} | [optional] ",
        f"**html** | **str** | A photo {HTML_PIXEL} | [optional] ",
        "**link** | **str** | Run [this](javascript:alert(1)) | [optional] ",
        f"**role** | **str** | {BIDI} | [optional] ",
        f"**{BIDI.replace(' ', '_')}** | **str** | A key with an override | [optional] ",
    ], description=description))
    write_page(root / "specs", "Tag", python_page("Tag", ["**name** | **str** |  | "]))
    files, _, _ = build_files([root / "specs"], "models", cwd=root)
    return {path: text for path, text in files.items() if path.startswith("docs/")}


def test_a_remote_image_in_a_description_is_not_shown(docs: dict[str, str]) -> None:
    page = docs["docs/Pet.md"]
    assert not [found for found in live(page) if found.startswith("image")]
    # Its alt text and where it was are shown, to read, not to load.
    assert "Tracked: pixel (image: https://tracker.example/p.gif?user=1)" in text_of(page)


def test_an_image_in_a_property_description_is_not_shown(docs: dict[str, str]) -> None:
    page = docs["docs/Pet.md"]
    assert "A photo pixel (image: https://tracker.example/p.gif?user=1)" in text_of(page)
    assert "image" not in " ".join(live(page))


def test_html_shows_as_typed(docs: dict[str, str]) -> None:
    for path, page in docs.items():
        assert not [found for found in live(page) if found.startswith("html")], path
    assert f"Also: {HTML_PIXEL}" in text_of(docs["docs/Pet.md"])


def test_only_relative_links_stay_links(docs: dict[str, str]) -> None:
    page = docs["docs/Pet.md"]
    targets = [found.removeprefix("link ") for found in live(page)]
    assert "Tag.md" in targets and "#properties" in targets
    assert [target for target in targets if ":" in target or target.startswith("/")] == []
    assert "See the guide (https://evil.example/guide), Tag or below." in text_of(page)
    assert "Run this (javascript:alert(1))" in text_of(page)


def test_a_bidi_override_shows_as_its_escape(docs: dict[str, str]) -> None:
    for path, page in docs.items():
        assert "\u202e" not in page and "\u202c" not in page, path
    shown = text_of(docs["docs/Pet.md"])
    assert "Reversed: access \\u202eresu\\u202c level" in shown  # the description
    assert "access \\u202eresu\\u202c level" in shown.replace("Reversed: ", "", 1)  # the cell
    assert "access_\\u202eresu\\u202c_level" in shown  # the key, in code


# Each construct a renderer reads as an image or a link, and what a reader sees instead.
CASES = {
    "a pixel ![](https://t.example/p.gif)": "a pixel (image: https://t.example/p.gif)",
    "![a](<https://t.example/p.gif>)": "a (image: https://t.example/p.gif)",
    "[a](https://evil.example/?q=1&r=<2>)": "a (https://evil.example/?q=1&r=<2>)",
    '![a](https://t.example/p.gif "title")': "a (image: https://t.example/p.gif)",
    "[![badge](https://t.example/b.svg)](https://ci.example)":
        "[badge (image: https://t.example/b.svg)](https://ci.example)",
    "[a [nested] text](https://evil.example)": "[a [nested] text](https://evil.example)",
    "[x]( javascript:alert(1) )": "x (javascript:alert(1))",
    "[proto](//evil.example) [rooted](/\\evil.example)":
        "proto (//evil.example) rooted (/\\evil.example)",
    "![ref][x] [link][x]\n\n[x]: https://t.example/p.gif":
        "![ref][x] [link][x][x]: https://t.example/p.gif",
    "[escaped\\](https://evil.example)": "[escaped](https://evil.example)",
    "\\\\![a](https://t.example/p.gif)": "\\a (image: https://t.example/p.gif)",
}


@pytest.mark.parametrize("source", sorted(CASES))
def test_no_construct_loads_or_hides_a_target_in_a_paragraph(source: str) -> None:
    page = escape_block(source)
    assert live(page) == []
    assert text_of(page) == CASES[source]


@pytest.mark.parametrize("source", sorted(CASES))
def test_no_construct_loads_or_hides_a_target_in_a_cell(source: str) -> None:
    page = f"| a |\n|---|\n| {escape_cell(source)} |\n"
    assert live(page) == []


def test_a_link_escaped_in_the_page_stays_text_in_a_cell() -> None:
    """A cell shows backslashes as typed: ``\\]`` closes the link's text there."""
    cell = escape_cell("[x\\\\](javascript:alert(1))")
    page = f"| a |\n|---|\n| {cell} |\n"
    assert live(page) == []


def test_spaces_of_other_widths_stay_spaces() -> None:
    """A no-break space hides nothing (and real descriptions are full of them); a zero-width
    one does."""
    assert escape_block("100\u00a0%\u3000ok\u200bzero") == "100\u00a0%\u3000ok\\u200bzero"


def test_relative_links_are_kept_as_written() -> None:
    assert inert("[Pet](Pet.md) [up](../README.md#models) [here](#top 'title')") == (
        "[Pet](Pet.md) [up](../README.md#models) [here](#top 'title')"
    )


@pytest.mark.parametrize("unit", ["[a](b", "![", "[a](b \"", "](", "[" + "a" * 50, "\\"])
def test_a_hostile_description_is_made_inert_in_linear_time(unit: str) -> None:
    text = unit * (400_000 // len(unit))
    start = time.perf_counter()
    escape_block(text)
    escape_cell(text)
    assert time.perf_counter() - start < 2

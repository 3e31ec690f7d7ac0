"""page/blocks.py's scanner against markdown-it: on any text it reads, it gives the tokens
markdown-it-py gives (those parse_page uses), so a page's structure is the same whichever read
it; on anything it is unsure of, it gives up (None) and markdown-it reads the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, REPO
from docmodels.page import structure
from docmodels.page.blocks import scan
from hypothesis import given, settings
from hypothesis import strategies as st

# The tokens parse_page reads, where markdown-it puts them: (type, level).
_COMPARED = {
    ("heading_open", 0), ("heading_close", 0), ("paragraph_open", 0), ("paragraph_close", 0),
    ("inline", 1), ("fence", 0), ("table_open", 0), ("table_close", 0), ("thead_open", 1),
    ("tbody_open", 1), ("tr_open", 2),
}
# List tokens: parse_page reads their type and an item's first line.
_LISTS = {("bullet_list_open", 0), ("bullet_list_close", 0), ("list_item_open", 1),
          ("list_item_close", 1)}


def _markdown_it(text: str) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    for token in structure._parser().parse(text):
        where = (token.type, token.level)
        if where in _COMPARED:
            # A fence's content is not compared: parse_page reads the page's own lines.
            content = "" if token.type == "fence" else token.content
            found.append((token.type, token.tag, token.map, content, token.info, token.markup))
        elif where in _LISTS:
            found.append((token.type, token.map[0] if token.map else None))
    return found


def _scanned(text: str) -> list[tuple[Any, ...]] | None:
    blocks = scan(text)
    if blocks is None:
        return None
    found: list[tuple[Any, ...]] = []
    for block in blocks:
        if block.type.startswith(("bullet_list", "list_item")):
            found.append((block.type, block.map[0] if block.map else None))
        else:
            found.append((block.type, block.tag, block.map, block.content, block.info,
                          block.markup))
    return found


def _same_as_markdown_it(text: str) -> bool:
    """True where the scanner read the text as markdown-it does; False where it gave up.
    Fails where it read it otherwise."""
    scanned = _scanned(text)
    if scanned is None:
        return False
    assert scanned == _markdown_it(text)
    return True


def _pages(folder: Path, every: int = 1) -> list[Path]:
    return sorted(folder.rglob("*.md"))[::every]


def test_every_ground_truth_page_reads_as_markdown_it_reads_it() -> None:
    pages = _pages(REPO / "groundtruth" / "pages") + _pages(REPO / "tests" / "fixtures")
    read = [_same_as_markdown_it(page.read_text(encoding="utf-8", errors="replace"))
            for page in pages]
    # It reads almost all of them (powershell's pages end in an open fence, which it leaves).
    assert sum(read) > 0.85 * len(read)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no corpus of real SDK docs here")
def test_real_pages_read_as_markdown_it_reads_them() -> None:
    pages = _pages(CORPUS, every=7)
    read = [_same_as_markdown_it(page.read_text(encoding="utf-8", errors="replace"))
            for page in pages]
    assert sum(read) > 0.85 * len(read)


def test_a_model_page_is_read_without_markdown_it() -> None:
    page = (
        "# Pet\n\nA pet.\n\n## Properties\n\nName | Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n"
        "**name** | **str** | The name. | \n**tags** | **List[str]** |  | [optional] \n\n"
        "## Example\n\n```python\nfrom x import Pet\n```\n\n"
        "[[Back to Model list]](../README.md#documentation-for-models)\n"
    )
    assert _same_as_markdown_it(page)


def test_an_enum_page_is_read_without_markdown_it() -> None:
    page = (
        "# Status\n\n## Enum\n\n\n* `ACTIVE` (value: `\"active\"`)\n\n"
        "* `GONE` (value: `\"gone\"`)\n\n\n[[Back to Model list]](../README.md)\n"
    )
    assert _same_as_markdown_it(page)


@pytest.mark.parametrize("text", [
    "# T\n\n    indented code\n",  # an indented code block
    "# T\n\n- a\n  - nested\n",  # a nested list
    "# T\n\n> quoted\n",
    "# T\ntext\n---\n",  # a setext heading
    "# T\n\n<a id=\"x\"></a>\n",  # HTML
    "[x]: https://example.com\n",  # a link reference definition
    "# T\n\n```\nnever closed\n",
    "# T\n\ttabbed\n",
    "# T\r\n",
    "# T\n\n1. first\n",
    "# T\n\n* a\ncontinued lazily\n",
])
def test_it_gives_up_on_what_it_does_not_read(text: str) -> None:
    assert scan(text) is None
    structure.parse_page("p.md", text)  # markdown-it reads it


# Lines at the edges of markdown-it's block rules: each kind of block the scanner reads, and
# each line that could begin one it does not.
_EDGE_LINES = [
    "", " ", "   ", "\u3000", "# Title", "## Properties", "### Sub ##", "# closing #", "#x",
    "####### seven", "#", "## ", "# a | b", "text", "more text", "  two spaces", "    indented",
    "     five", "Name | Type | Description | Notes", "a | b", "| a | b |", "a|b|c",
    "------------ | -------------", "---|---", "|---|---|", ":---:|---:", "- | -", "--|--|--",
    "---", "===", "***", "* * *", "___", "**name** | **str** | d | [optional]",
    "**bold** text", "*em*", "* `A` (value: `'a'`)", "* `B` (value: `'b'`)", "- item",
    "+ item", "* ", "*", "1. one", "2) two", "123abc", "> quote", "<a id=\"x\"></a>", "<b>",
    "```", "```python", "~~~", "````", "```a`b", "``", "  ```", "    ```", "~~~ info",
    "[[Back to Model list]](../README.md)", "[ref]: target", "[x]", "a \\| b | c", "\\|",
    "| \\| |", ":", "|", "||", "| |", "--- | ---", "- a | b",
]


@settings(max_examples=400)
@given(
    st.lists(st.sampled_from(_EDGE_LINES), max_size=14),
    st.sampled_from(["", "\n", "\n\n", " "]),
)
def test_drawn_texts_read_as_markdown_it_reads_them(lines: list[str], end: str) -> None:
    text = "\n".join(lines) + end
    if _same_as_markdown_it(text):
        original = structure.scan
        try:
            structure.scan = lambda _text: None  # type: ignore[assignment]
            by_markdown_it = structure.parse_page("p.md", text)
        finally:
            structure.scan = original
        assert structure.parse_page("p.md", text) == by_markdown_it

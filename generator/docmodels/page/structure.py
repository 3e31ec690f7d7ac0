"""A page's structure (title, description, sections, tables, lists) with source line numbers.

markdown-it-py finds the blocks; everything that matters about a row is then read from the raw
source line, because rendering would turn ``Vec<i32>`` into HTML and lose the cell boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from docmodels.page.blocks import Block, scan

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    header: Line
    rows: tuple[Line, ...]

    @property
    def outer_pipes(self) -> bool:
        """Whether the table is drawn with leading and trailing pipes (decided by its header)."""
        return self.header.text.strip().startswith("|")


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    line: int
    tables: tuple[Table, ...]
    bullets: tuple[Line, ...]
    # The info string of each fenced code block (```dart -> "dart"): the language of a section's
    # example, which tells dialects with alike type spellings apart.
    fences: tuple[str, ...] = ()
    # Ids of the HTML anchors just above the heading (Kotlin's <a id="PropertySize"></a>):
    # a link to "#PropertySize" leads here though the heading reads "Enum: size".
    anchors: tuple[str, ...] = ()
    # The section's paragraphs, each with its first line (Scala lists enum values in one).
    paragraphs: tuple[Line, ...] = ()
    # The lines inside its fenced code blocks (Ruby states a oneOf's discriminator in one).
    code: tuple[Line, ...] = ()
    # Its ### (and deeper) headings, text without the #s: python 6.x's "### Dictionary Keys",
    # "#### allOf" say what the table under each is.
    headings: tuple[Line, ...] = ()


@dataclass(frozen=True, slots=True)
class Heading:
    text: str  # the heading's content, without the leading #s
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    title: Heading | None
    description: str
    preamble_tables: tuple[Table, ...]  # tables after the title, before any ## section
    sections: tuple[Section, ...]
    # The paragraphs between the title and the first section, each with its first line (a
    # table Markdown did not read as one is such a paragraph: page/kind.py points at it).
    preamble_paragraphs: tuple[Line, ...] = ()

    def section(self, *titles: str) -> Section | None:
        wanted = {t.lower() for t in titles}
        for section in self.sections:
            if section.title.lower() in wanted:
                return section
        return None

# A paragraph that is only an HTML anchor: <a id="Size"></a> or <a name="Size"></a>.
_ANCHOR = re.compile(r'<a\s+(?:id|name)="([^"]+)"\s*>\s*</a>')
# A list item's first line: *, + or - and a space.
_BULLET = re.compile(r"^\s*[*+-]\s")
# A line of YAML front matter: "key: value", a "- item" or a continuation, or blank.
_FRONT_MATTER_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*\s*:")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Imported only for a page the block scanner does not read (page/blocks.py): importing
    # markdown-it takes some 30 ms in each process that reads pages.
    from markdown_it import MarkdownIt

    # Inline parsing is left off: every inline fact is read from the raw source text.
    return MarkdownIt("commonmark").enable("table").disable("inline")


def block_tokens(text: str) -> Sequence[Block | Token]:
    """The block tokens of ``text``: from the block scanner where it reads the whole text, else
    from markdown-it (the same tokens, tests/test_page_blocks.py)."""
    scanned = scan(text)
    if scanned is not None:
        return scanned
    return _parser().parse(text)


@dataclass
class _SectionBuilder:
    title: str
    line: int
    tables: list[Table]
    bullets: list[Line]
    anchors: tuple[str, ...] = ()
    paragraphs: list[Line] = field(default_factory=list)
    fences: list[str] = field(default_factory=list)
    code: list[Line] = field(default_factory=list)
    headings: list[Line] = field(default_factory=list)

    def build(self) -> Section:
        section = Section(
            self.title, self.line, tuple(self.tables), tuple(self.bullets), tuple(self.fences)
        )
        return replace(
            section,
            anchors=self.anchors,
            paragraphs=tuple(self.paragraphs),
            code=tuple(self.code),
            headings=tuple(self.headings),
        )


def without_front_matter(text: str) -> str:
    """The text with a leading YAML front matter block (``---``, ``slug: ...``, ``---``, as
    documentation sites' templates write before the title) blanked out, line for line: Markdown
    reads it as a rule and a heading, but it is metadata, not the page's content. Lines keep
    their numbers. Text without such a block is returned as it is."""
    if not text.startswith("---"):
        return text
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return text
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            # Front matter is "key:" lines (and their indented or "- " continuations); a rule,
            # a heading or prose, and a rule are Markdown.
            block = [line for line in lines[1:end] if line.strip()]
            if not block or not all(
                _FRONT_MATTER_KEY.match(line) or line[:1].isspace() or line.startswith("- ")
                for line in block
            ):
                return text
            return "\n".join([""] * (end + 1) + lines[end + 1 :])
    return text


def parse_page(path: str, text: str) -> Page:
    text = without_front_matter(text)
    lines = text.split("\n")
    tokens = block_tokens(text)
    title: Heading | None = None
    description: list[str] = []
    preamble_tables: list[Table] = []
    preamble_paragraphs: list[Line] = []
    sections: list[_SectionBuilder] = []
    list_depth = 0
    anchors: list[str] = []  # seen since the last block that was not an anchor
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open" and token.map is not None:
            content = tokens[i + 1].content.strip()
            if title is None and token.tag == "h1":
                title = _heading(lines, token, content)
            elif token.tag in ("h1", "h2"):
                sections.append(
                    _SectionBuilder(content, token.map[0] + 1, [], [], anchors=tuple(anchors))
                )
            elif sections:
                sections[-1].headings.append(Line(token.map[0] + 1, content))
            anchors = []
            i += 3
            continue
        if token.type in ("paragraph_open", "html_block") and list_depth == 0:
            content = (token.content or tokens[i + 1].content).strip()
            anchor = _ANCHOR.fullmatch(content)
            if anchor is not None:
                anchors.append(anchor.group(1))
            elif token.type == "paragraph_open" and title is not None and not sections:
                anchors = []
                description.append(content)
                if token.map is not None:
                    preamble_paragraphs.append(Line(token.map[0] + 1, content))
            elif token.type == "paragraph_open" and sections and token.map is not None:
                anchors = []
                sections[-1].paragraphs.append(Line(token.map[0] + 1, content))
        elif token.type == "table_open" and token.map is not None:
            table = _table(lines, tokens, i)
            if sections:
                sections[-1].tables.append(table)
            elif title is not None:
                preamble_tables.append(table)
        elif token.type in ("fence", "code_block") and not sections and title is not None:
            # Before any section, indented or fenced text is still the generator's description
            # (a description line that starts with a tab or four spaces, or with ```): the page's
            # own lines, as a paragraph's are.
            if token.map is not None:
                anchors = []
                description.append("\n".join(lines[n] for n in range(*token.map)).strip())
        elif token.type == "fence" and sections:
            sections[-1].fences.append(token.info.strip())
            if token.map is not None:  # the lines between the fences
                first, end = token.map[0] + 1, token.map[1]
                if end > first and lines[end - 1].strip().startswith(token.markup):
                    end -= 1  # the closing fence; a fence left open runs to the page's end
                sections[-1].code.extend(Line(n + 1, lines[n]) for n in range(first, end))
        elif token.type == "code_block" and token.map is not None and sections:
            # Kotlin indents an enum's bullets by four spaces, which makes them a code block.
            block = [Line(n + 1, lines[n]) for n in range(*token.map) if lines[n].strip()]
            if block and all(_BULLET.match(line.text) for line in block):
                sections[-1].bullets.extend(block)
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "list_item_open" and token.map is not None and sections:
            start = token.map[0]
            if list_depth == 1:  # nested items belong to the item above them
                sections[-1].bullets.append(Line(start + 1, lines[start]))
        i += 1
    return Page(
        path=path,
        title=title,
        description="\n\n".join(d for d in description if d),
        preamble_tables=tuple(preamble_tables),
        sections=tuple(s.build() for s in sections),
        preamble_paragraphs=tuple(preamble_paragraphs),
    )


def _heading(lines: list[str], token: Block | Token, content: str) -> Heading:
    assert token.map is not None
    number = token.map[0]
    raw = lines[number]
    column = raw.find(content) + 1 if content and content in raw else 1
    return Heading(content, number + 1, column)


def _table(lines: list[str], tokens: Sequence[Block | Token], start: int) -> Table:
    header: Line | None = None
    rows: list[Line] = []
    in_body = False
    i = start
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "tbody_open":
            in_body = True
        elif token.type == "tr_open" and token.map is not None:
            row = Line(token.map[0] + 1, lines[token.map[0]])
            if in_body:
                rows.append(row)
            elif header is None:
                header = row
        i += 1
    assert header is not None  # markdown-it only opens a table at a header row
    return Table(header, tuple(rows))

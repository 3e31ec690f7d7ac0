"""A page's blocks without markdown-it, for the plain Markdown generators write.

markdown-it's block parser took about a millisecond per page, half the time of reading a page:
it tries each of its eleven rules at each line and makes a dozen tokens per table row. The
pages generators write use four kinds of block: ATX headings, paragraphs, pipe tables and fenced
code. ``scan`` reads those, line by line, and gives the tokens ``structure.parse_page`` uses (the
others are not made), each as markdown-it-py gives it: the same type, tag, line map, content,
info and markup. It is a port of markdown-it-py's rules (table, fence, heading, paragraph, the
block loop and the line markers), restricted to what it reads.

A line that could begin any other construct -- a list item, a block quote, a thematic break, a
setext underline, HTML, an indented code block, a link reference definition -- or a tab, a
carriage return, a NUL, a line of Unicode spaces or a fence left open makes it give up: ``scan``
returns None and the page goes to markdown-it. It gives up wherever it is unsure, never guesses:
tests/test_page_blocks.py holds it to markdown-it on every page of the ground truth and on drawn
documents made of the lines that sit at the edges of these rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# CommonMark's whitespace, as markdown-it-py trims with (common.utils.MD_TRIM_CHARS).
_MD_TRIM = "".join(
    chr(code)
    for code in sorted(
        {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000}
        | set(range(0x2000, 0x200B))
        | {0x2028, 0x2029}
    )
)
# A table's delimiter row, as a whole: nothing but pipes, dashes, colons and spaces.
_DELIMITER_ROW = re.compile(r"[|\-: ]*")
# A table's delimiter cell (rules_block/table.py's headerLineRe).
_DELIMITER_CELL = re.compile(r"^:?-+:?$")
# markdown-it stops reading a table's rows once this many cells were filled in for short rows.
_MAX_AUTOCOMPLETED_CELLS = 0x10000
# An ordered list item's marker, and more (a conservative test: any digits then . or ) ).
_ORDERED = re.compile(r"[0-9]+[.)]")


@dataclass(slots=True)
class Block:
    """One token as markdown-it-py makes it, with the attributes parse_page reads (a fence's
    content is left empty: parse_page takes its lines from the page)."""

    type: str
    tag: str = ""
    map: list[int] | None = None
    content: str = ""
    info: str = ""
    markup: str = ""


class _GiveUp(Exception):
    """The page holds something this scanner does not read: markdown-it must."""


# What a line (outside fenced code) can begin, as far as the scanner needs to know.
_TEXT, _HEADING, _FENCE = 0, 1, 2


def scan(text: str) -> list[Block] | None:
    """The tokens markdown-it-py's block parser gives for ``text`` (commonmark with tables, no
    inline parsing), those parse_page reads; None where the text holds anything else."""
    if "\t" in text or "\r" in text or "\0" in text:
        return None
    try:
        return _Scanner(text).blocks()
    except _GiveUp:
        return None


class _Scanner:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        # markdown-it counts no line after a final newline, nor a last line of only spaces.
        count = len(self.lines)
        if count and not self.lines[-1].strip(" "):
            count -= 1
        self.count = count
        self.out: list[Block] = []

    def blocks(self) -> list[Block]:
        line = 0
        while line < self.count:
            indent, rest = _split(self.lines[line])
            if not rest:
                line += 1
                continue
            if rest.strip() == "":
                raise _GiveUp  # Unicode spaces: a line markdown-it does not call empty
            columns = self._table_columns(line)
            if columns is not None:
                line = self._table(line, columns)
                continue
            if indent >= 4:
                raise _GiveUp  # indented code
            if indent == 0 and _item(rest, rest[0]):
                line = self._list(line, rest[0])
                continue
            kind = _kind(rest)
            if kind == _FENCE:
                line = self._fence(line, rest)
            elif kind == _HEADING:
                self._heading(line, rest)
                line += 1
            else:
                line = self._paragraph(line, rest)
        return self.out

    def _table_columns(self, line: int) -> int | None:
        """How many columns the table starting at ``line`` has; None: no table starts there
        (rules_block/table.py up to ``if silent: return True``)."""
        if line + 2 > self.count:
            return None
        indent, rest = _split(self.lines[line + 1])
        if indent >= 4 or len(rest) < 2:
            return None
        first, second = rest[0], rest[1]
        if first not in "|-:" or second not in "|-: ":
            return None
        if first == "-" and second == " ":
            return None
        if not _DELIMITER_ROW.fullmatch(rest):
            return None
        cells = rest.split("|")
        aligns = 0
        for index, cell in enumerate(cells):
            trimmed = cell.strip(_MD_TRIM)
            if not trimmed:
                if index == 0 or index == len(cells) - 1:
                    continue
                return None
            if not _DELIMITER_CELL.search(trimmed):
                return None
            aligns += 1
        indent, rest = _split(self.lines[line])
        header = rest.strip(_MD_TRIM)
        if "|" not in header or indent >= 4:
            return None
        count = len(_cells(header))
        if count == 0 or count != aligns:
            return None
        return count

    def _table(self, start: int, columns: int) -> int:
        table = Block("table_open", "table", [start, 0])
        self.out += [table, Block("thead_open", "thead", [start, start + 1]),
                     Block("tr_open", "tr", [start, start + 1])]
        line = start + 2
        body: Block | None = None
        while line < self.count:
            indent, rest = _split(self.lines[line])
            if not rest or indent >= 4:
                break  # an empty line; indented code
            if rest.strip() == "":
                raise _GiveUp
            kind = _kind(rest)
            if kind != _TEXT:
                break  # a heading or a fence ends the table
            if body is None:
                body = Block("tbody_open", "tbody", [start + 2, 0])
                self.out.append(body)
            self.out.append(Block("tr_open", "tr", [line, line + 1]))
            line += 1
        # Rows with fewer cells than the header are filled in, up to a bound past which
        # markdown-it ends the table: never reached where every row could be filled whole.
        if (line - start - 2) * columns > _MAX_AUTOCOMPLETED_CELLS:
            raise _GiveUp
        if body is not None:
            assert body.map is not None
            body.map[1] = line
        assert table.map is not None
        table.map[1] = line
        self.out.append(Block("table_close", "table"))
        return line

    def _list(self, start: int, marker: str) -> int:
        """A bullet list of one-line items (enum pages: ``* `A` (value: `"a"`)``), the items
        tight or apart; anything else in or after it gives up."""
        listed = Block("bullet_list_open", "ul", [start, 0])
        self.out.append(listed)
        line = start
        while True:
            self.out += [Block("list_item_open", "li", [line, line + 1]),
                         Block("list_item_close", "li")]
            line += 1
            following = line
            while following < self.count and not self.lines[following].strip(" "):
                following += 1
            if following == self.count:
                line = following
                break
            text = self.lines[following]
            if _item(text, marker):
                line = following
                continue
            if following == line or text[0] in " *-+0123456789":
                # A lazy continuation, the item's own content, another list, or a rule.
                raise _GiveUp
            line = following
            break
        assert listed.map is not None
        listed.map[1] = line
        self.out.append(Block("bullet_list_close", "ul"))
        return line

    def _fence(self, start: int, rest: str) -> int:
        marker = rest[0]
        length = len(rest) - len(rest.lstrip(marker))
        line = start + 1
        while line < self.count:
            indent, text = _split(self.lines[line])
            if indent < 4 and text[:1] == marker:
                run = len(text) - len(text.lstrip(marker))
                if run >= length and not text[run:].strip(" "):
                    self.out.append(Block("fence", "code", [start, line + 1],
                                          info=rest[length:], markup=rest[:length]))
                    return line + 1
            line += 1
        raise _GiveUp  # left open: it runs to the page's end, where the last lines count

    def _heading(self, line: int, rest: str) -> None:
        level = 1
        while level < len(rest) and rest[level] == "#":
            level += 1
        end = len(rest.rstrip(" "))
        end = max(end, level)
        hashes = len(rest[:end].rstrip("#"))
        hashes = max(hashes, level)
        if hashes > level and rest[hashes - 1] == " ":
            end = hashes
        tag = f"h{level}"
        self.out += [
            Block("heading_open", tag, [line, line + 1], markup="#" * level),
            Block("inline", "", [line, line + 1], content=rest[level:end].strip(_MD_TRIM)),
            Block("heading_close", tag, markup="#" * level),
        ]

    def _paragraph(self, start: int, rest: str) -> int:
        line = start + 1
        while line < self.count:
            indent, text = _split(self.lines[line])
            if not text:
                break
            if indent >= 4:
                line += 1  # a lazy continuation, whatever it holds
                continue
            if text.strip() == "":
                raise _GiveUp
            if self._table_columns(line) is not None:
                break
            if _kind(text) != _TEXT:
                break  # a heading or a fence
            line += 1
        raw = "\n".join(self.lines[start:line])
        if rest[0] == "[" and "]:" in raw:
            raise _GiveUp  # it may define a link reference
        span = [start, line]
        self.out += [
            Block("paragraph_open", "p", span),
            Block("inline", "", list(span), content=raw.strip(_MD_TRIM)),
            Block("paragraph_close", "p"),
        ]
        return line


def _split(line: str) -> tuple[int, str]:
    """A line's indent (spaces) and the rest."""
    rest = line.lstrip(" ")
    return len(line) - len(rest), rest


def _kind(rest: str) -> int:
    """What a line (not empty, indented less than four spaces; ``rest`` after the indent)
    begins: a heading, a fence, or text (a paragraph's line or a table's row). Raises _GiveUp
    for any line that could begin anything else."""
    first = rest[0]
    if first == "#":
        level = 1
        while level < len(rest) and rest[level] == "#" and level <= 6:
            level += 1
        if level <= 6 and (level == len(rest) or rest[level] == " "):
            return _HEADING
        return _TEXT
    if first in "`~":
        run = len(rest) - len(rest.lstrip(first))
        if run < 3:
            return _TEXT
        if first == "`" and "`" in rest[run:]:
            return _TEXT  # not a fence: a backtick fence's info has no backtick
        return _FENCE
    if first in "-+_=><":
        raise _GiveUp  # a list item, a rule, a setext underline, a quote, HTML
    if first == "*":
        if len(rest) == 1 or rest[1] == " " or not rest.strip("* "):
            raise _GiveUp  # a list item or a rule
        return _TEXT
    if first in "0123456789" and _ORDERED.match(rest):
        raise _GiveUp  # an ordered list item
    return _TEXT


def _item(line: str, marker: str) -> bool:
    """Whether ``line`` is a list item of the shape ``_list`` reads: unindented, the bullet
    ``marker`` and one space, then a line of text that begins nothing else."""
    if len(line) < 3 or line[0] != marker or marker not in "*-+" or line[1] != " ":
        return False
    content = line[2:]
    if content[0] == " " or content.strip() == "":
        return False
    if content[0] == "[" and "]:" in content:
        raise _GiveUp  # it may define a link reference
    return _kind(content) == _TEXT


def _cells(text: str) -> list[str]:
    """A row's cells as markdown-it splits them (table.py's escapedSplit, and the empty cells
    outside the outer pipes dropped)."""
    result: list[str] = []
    position, last, escaped, current = 0, 0, False, ""
    for position, char in enumerate(text):
        if char == "|":
            if not escaped:
                result.append(current + text[last:position])
                current = ""
                last = position + 1
            else:
                current += text[last : position - 1]
                last = position
        escaped = char == "\\"
    result.append(current + text[last:])
    if result and result[0] == "":
        result.pop(0)
    if result and result[-1] == "":
        result.pop()
    return result

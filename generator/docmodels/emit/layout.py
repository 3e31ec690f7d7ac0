"""black's layout for the statements docmodels generates, without running black.

black costs about 0.5 ms per line, and 1.5 ms more for each line it has to split: over a
thousand generated modules that is most of a cold run. Our templates write code black leaves
alone, except for the lines whose length depends on names from the spec. This module gives
those lines the exact layout black would: it is a port of black's line splitting (linegen's
``transform_line``, the right-hand, left-hand and delimiter splits, and the bracket tracker that
finds the delimiters) to a small tokenizer over one logical line, with black's node types replaced
by what can be read from the tokens around a bracket or an operator.

It knows only the statements our templates write. Anything else (comments, multi-line strings,
continuation lines, lambdas, walrus, power operators, statements it does not recognise, a line it
cannot fit) makes ``layout_module`` return None, and the caller runs black on that module: the
output is always black's, only faster when this module vouches for it. The tests hold this to
black itself over every module the test suite and the corpus generate, and over generated
statements of random lengths.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

LINE_LENGTH = 88


class Unsupported(Exception):
    """A line this module does not lay out the way black would: format with black."""


class _CannotSplit(Exception):
    pass


# Delimiter priorities, as in black.brackets.
COMPREHENSION_PRIORITY = 20
COMMA_PRIORITY = 18
LOGIC_PRIORITY = 14
STRING_PRIORITY = 12
COMPARATOR_PRIORITY = 10
MATH_PRIORITIES = {
    "|": 9, "^": 8, "&": 7, "<<": 6, ">>": 6, "+": 5, "-": 5,
    "*": 4, "/": 4, "//": 4, "%": 4, "@": 4, "~": 3,
}  # fmt: skip
DOT_PRIORITY = 1

OPENING = {"(": ")", "[": "]", "{": "}"}
CLOSING = {")", "]", "}"}
COMPARATORS = {"<", ">", "==", "!=", "<=", ">="}
KEYWORDS = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "while", "with", "yield",
}  # fmt: skip
# Keywords after which an opening bracket starts an atom, not a call or subscript.
_VALUE_KEYWORDS = {"False", "None", "True"}


class Leaf:
    """One token, with the facts black reads from its node's parent."""

    __slots__ = (
        "annotation",
        "arglist_comma",
        "bracket_depth",
        "comp_for",
        "comp_if",
        "comp_in",
        "comp_not",
        "opening_bracket",
        "parent",
        "prefix",
        "type",
        "unary",
        "value",
    )  # fmt: skip

    def __init__(self, type_: str, value: str, prefix: str = "") -> None:
        # The kind: NAME NUMBER STRING OP, or for brackets the bracket itself ("(" ... "}"),
        # which for black's invisible parentheses has the value "".
        self.type = type_
        self.value = value
        self.prefix = prefix
        self.bracket_depth = 0
        self.opening_bracket: Leaf | None = None
        # For an opening bracket: "atom", "trailer", "params", "class" or "invisible".
        self.parent = ""
        self.unary = False
        self.comp_for = False
        self.comp_if = False
        self.comp_in = False  # the `in` of a comprehension's `for`
        self.comp_not = False  # the `not` of `not in`
        self.arglist_comma = False
        self.annotation = ""  # "return" for the leaves of a return annotation

    def __str__(self) -> str:
        return self.prefix + self.value


_TOKEN = re.compile(
    r"""(?P<space>[ ]*)(?:
        (?P<triple>(?:[rRbBuUfF]{1,2})?(?:'''|\"\"\"))
      | (?P<string>(?:[rRbBuUfF]{1,2})?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"))
      | (?P<number>(?:0[xXoObB][0-9a-fA-F_]+|(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)
                    (?:[eE][-+]?[0-9_]+)?[jJ]?))
      | (?P<name>[A-Za-z_][A-Za-z_0-9]*)
      | (?P<op>\*\*=?|//=?|>>=?|<<=?|->|:=|!=|==|<=|>=|[-+*/%@&|^~<>=.,:;()\[\]{}])
    )""",
    re.VERBOSE,
)


_KINDS = {"string": "STRING", "number": "NUMBER", "name": "NAME"}


def tokenize(text: str) -> list[Leaf]:
    """The tokens of one logical line with the spaces before each."""
    leaves: list[Leaf] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise Unsupported(f"cannot read {text[position:position + 10]!r}")
        kind = match.lastgroup or ""
        space, value = match.group("space", kind)
        if kind == "triple":
            raise Unsupported("a triple-quoted string")
        if kind == "op":
            kind = value if value in OPENING or value in CLOSING else "OP"
        leaves.append(Leaf(_KINDS.get(kind, kind), value, space))
        position = match.end()
    if not leaves:
        raise Unsupported("an empty line")
    leaves[0].prefix = ""
    return leaves


# --- what black's parse tree would say ---------------------------------------------------


def _annotate(leaves: list[Leaf]) -> list[Leaf]:
    """Set each leaf's parent facts, and add black's invisible parentheses.

    Raises Unsupported for statements and expressions this port does not cover."""
    first = leaves[0].value
    if first == "from":
        return _import_from(leaves)
    if first in {"for", "with", "import", "async", "try", "except", "finally",
                 "global", "nonlocal", "yield", "await", "assert", "lambda", "match", "@", "*"}:
        raise Unsupported(f"a {first!r} statement")
    stack: list[Leaf] = []
    comprehension: list[bool] = [False]  # per bracket level: a comprehension `for` seen
    for_open: list[bool] = [False]  # per bracket level: a `for` waiting for its `in`
    previous: Leaf | None = None
    is_def = first == "def"
    after_arrow = False
    for index, leaf in enumerate(leaves):
        value = leaf.value
        if leaf.type in OPENING:
            if previous is None:
                leaf.parent = "atom"
            elif is_def and not stack and previous.type == "NAME" and index == 2:
                leaf.parent = "params"
            elif first == "class" and not stack and index == 2:
                leaf.parent = "class"
            elif value != "{" and (
                (previous.type == "NAME" and (previous.value not in KEYWORDS
                                              or previous.value in _VALUE_KEYWORDS))
                or previous.type in CLOSING or previous.type in {"STRING", "NUMBER"}
            ):
                leaf.parent = "trailer"
            else:
                leaf.parent = "atom"
            stack.append(leaf)
            comprehension.append(False)
            for_open.append(False)
        elif leaf.type in CLOSING:
            if not stack or OPENING[stack[-1].value] != value:
                raise Unsupported("unbalanced brackets")
            leaf.opening_bracket = stack.pop()
            comprehension.pop()
            for_open.pop()
        elif leaf.type == "NAME":
            if value in {"await", "yield", "async"}:
                raise Unsupported(f"{value!r} in an expression")
            if value == "for" and index > 0:
                leaf.comp_for = True
                comprehension[-1] = True
                for_open[-1] = True
            elif value == "in" and index > 0:
                if for_open[-1]:
                    leaf.comp_in = True
                    for_open[-1] = False
            elif value == "if" and index > 0:
                if comprehension[-1]:
                    leaf.comp_if = True
                else:
                    # black wraps conditional expressions in invisible parentheses of their
                    # own, which this port does not place.
                    raise Unsupported("a conditional expression")
            elif value == "not" and index + 1 < len(leaves) and leaves[index + 1].value == "in":
                leaf.comp_not = True
        elif leaf.type == "OP":
            if value in {":=", ";"} or value.endswith("=") and value not in {
                "=", "==", "!=", "<=", ">="
            }:
                raise Unsupported(f"the operator {value!r}")
            if (value in MATH_PRIORITIES or value == "**") and (
                previous is None
                or previous.type in OPENING
                or previous.type == "OP" and previous.value not in {"."}
                or previous.type == "NAME" and previous.value in KEYWORDS
                and previous.value not in _VALUE_KEYWORDS
            ):
                leaf.unary = True
            if value == "**" and not leaf.unary:
                raise Unsupported("a power operator")
            if value == "," and stack and stack[-1].parent in {"trailer", "params", "class"}:
                leaf.arglist_comma = stack[-1].value == "(" or stack[-1].parent == "params"
            if value == "->" and is_def and not stack:
                after_arrow = True
        if after_arrow and value != "->":
            leaf.annotation = "return"
        previous = leaf
    if stack:
        raise Unsupported("unbalanced brackets")
    return _invisible_parens(leaves)


def _import_from(leaves: list[Leaf]) -> list[Leaf]:
    """``from module import names``, with black's invisible parentheses around the names."""
    names = [leaf.value for leaf in leaves]
    if "import" not in names or any(
        leaf.type not in {"NAME", "OP"} or leaf.type == "OP" and leaf.value not in {".", ","}
        for leaf in leaves
    ):
        raise Unsupported("an import black would not simply wrap")
    start = names.index("import") + 1
    if start >= len(leaves) or names[-1] == ",":
        raise Unsupported("an import black would not simply wrap")
    opening = Leaf("(", "", leaves[start].prefix)
    opening.parent = "import"
    leaves[start].prefix = ""
    closing = Leaf(")", "")
    closing.opening_bracket = opening
    return [*leaves[:start], opening, *leaves[start:], closing]


def _invisible(leaves: list[Leaf], start: int, end: int) -> list[Leaf]:
    """``leaves`` with black's invisible parentheses around ``leaves[start:end]``."""
    if start >= end:
        return leaves
    body = leaves[start:end]
    if body[0].type == "(" and _closing_index(body, 0) == len(body) - 1:
        raise Unsupported("redundant parentheses black would remove")
    if any(leaf.value == "," and leaf.bracket_depth == 0 for leaf in body):
        raise Unsupported("an implicit tuple")
    opening = Leaf("(", "", body[0].prefix)
    opening.parent = "invisible"
    body[0].prefix = ""
    closing = Leaf(")", "")
    closing.opening_bracket = opening
    return [*leaves[:start], opening, *body, closing, *leaves[end:]]


def _closing_index(leaves: list[Leaf], start: int) -> int:
    depth = 0
    for index in range(start, len(leaves)):
        if leaves[index].type in OPENING:
            depth += 1
        elif leaves[index].type in CLOSING:
            depth -= 1
            if depth == 0:
                return index
    return -1


def _depths(leaves: list[Leaf]) -> list[int]:
    depths = []
    depth = 0
    for leaf in leaves:
        if leaf.type in CLOSING:
            depth -= 1
        depths.append(depth)
        if leaf.type in OPENING:
            depth += 1
    return depths


def _invisible_parens(leaves: list[Leaf]) -> list[Leaf]:
    first = leaves[0].value
    depths = _depths(leaves)
    top = [index for index, depth in enumerate(depths) if depth == 0]
    for leaf, depth in zip(leaves, depths, strict=True):
        leaf.bracket_depth = depth
    if first == "def":
        arrows = [index for index in top if leaves[index].value == "->"]
        if arrows:
            end = len(leaves) - 1 if leaves[-1].value == ":" else len(leaves)
            leaves = _invisible(leaves, arrows[0] + 1, end)
            leaves[arrows[0] + 1].annotation = leaves[end + 1].annotation = "return"
        return leaves
    if first in {"if", "elif", "while"}:
        if leaves[-1].value != ":":
            raise Unsupported("a compound statement with its body on the line")
        return _invisible(leaves, 1, len(leaves) - 1)
    if first in {"return", "del"}:
        return _invisible(leaves, 1, len(leaves))
    if first in {"raise", "pass", "break", "continue", "class", "else"}:
        if first == "else":
            raise Unsupported(f"a {first!r} line")
        return leaves
    equals = [index for index in top if leaves[index].value == "="]
    if len(equals) > 1:
        raise Unsupported("a chained assignment")
    if not equals and _arith_like([leaves[index] for index in top]):
        return _invisible(leaves, 0, len(leaves))
    colons = [index for index in top if leaves[index].value == ":"]
    if colons and equals and colons[0] > equals[0]:
        raise Unsupported("a colon outside an annotation")
    if colons and not equals:
        if len(colons) > 1 or leaves[0].type != "NAME" or colons[0] != 1:
            raise Unsupported("a colon outside an annotation")
        # A declaration (a class body's field): black wraps its annotation as it would a value.
        return _invisible(leaves, colons[0] + 1, len(leaves))
    if equals:
        leaves = _invisible(leaves, equals[0] + 1, len(leaves))
        if colons:
            leaves = _invisible(leaves, colons[0] + 1, equals[0])
    return leaves


# The operators of black's "arith-like" nodes (arith_expr, shift_expr, xor_expr, and_expr),
# and the top-level tokens that make a statement some other node (a comparison, a boolean,
# a bitwise or, a conditional, a lambda, a yield, an assignment expression).
_ARITH_LIKE = {"+", "-", "<<", ">>", "^", "&"}
_NOT_ARITH_LIKE = {*COMPARATORS, "|", ":=", "in", "is", "not", "and", "or", "if", "else", "lambda", "yield"}


def _arith_like(top: list[Leaf]) -> bool:
    """A bare expression statement black wraps in invisible parentheses (its
    ``visit_simple_stmt``): one whose outermost node is arithmetic-like."""
    first = top[0]
    if first.type == "NAME" and first.value in KEYWORDS and first.value not in {"await", *_VALUE_KEYWORDS}:
        return False
    if any(leaf.value in _NOT_ARITH_LIKE and leaf.type != "STRING" for leaf in top):
        return False
    return any(leaf.type == "OP" and leaf.value in _ARITH_LIKE and not leaf.unary for leaf in top)


# --- black's Line and BracketTracker ------------------------------------------------------


class _Tracker:
    __slots__ = (
        "bracket_match",
        "delimiters",
        "depth",
        "for_depths",
        "invisible",
        "lambda_depths",
        "previous",
    )  # fmt: skip

    def __init__(self) -> None:
        self.depth = 0
        self.bracket_match: dict[tuple[int, str], Leaf] = {}
        self.delimiters: dict[int, int] = {}
        self.previous: Leaf | None = None
        self.for_depths: list[int] = []
        self.lambda_depths: list[int] = []
        self.invisible: list[Leaf] = []

    def mark(self, leaf: Leaf) -> None:
        if self.depth == 0 and leaf.type in CLOSING and (0, leaf.type) not in self.bracket_match:
            return
        if (
            self.for_depths
            and self.for_depths[-1] == self.depth
            and leaf.type == "NAME"
            and leaf.value == "in"
        ):
            self.depth -= 1
            self.for_depths.pop()
        if self.lambda_depths and self.lambda_depths[-1] == self.depth and leaf.value == ":":
            self.depth -= 1
            self.lambda_depths.pop()
        if leaf.type in CLOSING:
            self.depth -= 1
            try:
                opening = self.bracket_match.pop((self.depth, leaf.type))
            except KeyError:
                raise Unsupported("unmatched bracket") from None
            leaf.opening_bracket = opening
            if not leaf.value:
                self.invisible.append(leaf)
        leaf.bracket_depth = self.depth
        if self.depth == 0:
            priority = _split_before(leaf, self.previous)
            if priority and self.previous is not None:
                self.delimiters[id(self.previous)] = priority
            elif leaf.value == ",":
                self.delimiters[id(leaf)] = COMMA_PRIORITY
        if leaf.type in OPENING:
            self.bracket_match[self.depth, OPENING[leaf.type]] = leaf
            self.depth += 1
            if not leaf.value:
                self.invisible.append(leaf)
        self.previous = leaf
        if leaf.type == "NAME" and leaf.value == "lambda":
            self.depth += 1
            self.lambda_depths.append(self.depth)
        if leaf.type == "NAME" and leaf.value == "for":
            self.depth += 1
            self.for_depths.append(self.depth)

    def max_priority(self, exclude: set[int] | None = None) -> int:
        priorities = [p for k, p in self.delimiters.items() if not exclude or k not in exclude]
        if not priorities:
            raise ValueError("no delimiters")
        return max(priorities)

    def count(self, priority: int) -> int:
        return sum(1 for p in self.delimiters.values() if p == priority)


def _split_before(leaf: Leaf, previous: Leaf | None) -> int:
    value = leaf.value
    if leaf.type == "OP":
        if value == "." and (previous is None or previous.type in CLOSING):
            return DOT_PRIORITY
        if value in MATH_PRIORITIES and not leaf.unary:
            return MATH_PRIORITIES[value]
        if value in COMPARATORS:
            return COMPARATOR_PRIORITY
        return 0
    if leaf.type == "STRING":
        return STRING_PRIORITY if previous is not None and previous.type == "STRING" else 0
    if leaf.type != "NAME":
        return 0
    if leaf.comp_for or leaf.comp_if:
        return COMPREHENSION_PRIORITY
    if value == "is":
        return COMPARATOR_PRIORITY
    if value == "in" and not leaf.comp_in:
        if previous is not None and previous.type == "NAME" and previous.value == "not":
            return 0
        return COMPARATOR_PRIORITY
    if value == "not" and leaf.comp_not:
        if previous is not None and previous.type == "NAME" and previous.value == "is":
            return 0
        return COMPARATOR_PRIORITY
    if value in {"and", "or"}:
        return LOGIC_PRIORITY
    return 0


class _Line:
    __slots__ = (
        "depth",
        "inside_brackets",
        "leaves",
        "magic_trailing_comma",
        "should_split_rhs",
        "tracker",
    )  # fmt: skip

    def __init__(self, depth: int, inside_brackets: bool = False) -> None:
        self.depth = depth
        self.leaves: list[Leaf] = []
        self.inside_brackets = inside_brackets
        self.tracker = _Tracker()
        self.magic_trailing_comma: Leaf | None = None
        self.should_split_rhs = False

    def append(self, leaf: Leaf, preformatted: bool = True, track_bracket: bool = False) -> None:
        if self.inside_brackets or not preformatted or track_bracket:
            self.tracker.mark(leaf)
            if self.has_magic_trailing_comma(leaf):
                self.magic_trailing_comma = leaf
        self.leaves.append(leaf)

    def has_magic_trailing_comma(self, closing: Leaf) -> bool:
        if not (closing.type in CLOSING and self.leaves and self.leaves[-1].value == ","):
            return False
        if closing.type == "}":
            return True
        opening = closing.opening_bracket
        if self.is_import:
            return True
        if closing.type == "]":
            # Not magic: the trailing comma of a one-element subscript.
            return not (
                opening is not None
                and opening.parent == "trailer"
                and _one_sequence(opening, closing, self.leaves, "[")
            )
        return opening is not None and not _one_sequence(opening, closing, self.leaves, "(")

    @property
    def is_import(self) -> bool:
        return bool(self.leaves) and self.leaves[0].type == "NAME" and self.leaves[0].value == "from"

    @property
    def is_def(self) -> bool:
        return bool(self.leaves) and self.leaves[0].type == "NAME" and self.leaves[0].value == "def"

    def __str__(self) -> str:
        if not self.leaves:
            return ""
        leaves = self.leaves
        first = leaves[0]
        rest = "".join([leaf.prefix + leaf.value for leaf in leaves[1:]])
        return f"{first.prefix}{'    ' * self.depth}{first.value}{rest}"

    def __bool__(self) -> bool:
        return bool(self.leaves)


def _one_sequence(opening: Leaf, closing: Leaf, leaves: list[Leaf], bracket: str) -> bool:
    if opening.type != bracket or closing.type != OPENING[bracket]:
        return False
    depth = closing.bracket_depth + 1
    # From the end: the bracket just closed opened near it. From the start, each of a long
    # statement's small tuples (the package's 20,000-entry table of imports) was a walk over
    # all the statement's leaves before it: 15 s at 20,000 models.
    start = next((i for i in range(len(leaves) - 1, -1, -1) if leaves[i] is opening), None)
    if start is None:
        return False
    commas = 0
    for leaf in leaves[start + 1:]:
        if leaf is closing:
            break
        if leaf.bracket_depth == depth and leaf.value == ",":
            commas += 1
            if leaf.arglist_comma:
                commas += 1
                break
    return commas < 2


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1
    return width


def _short_enough(line: _Line, line_str: str = "") -> bool:
    return _width(line_str or str(line)) <= LINE_LENGTH


# --- black's transforms -------------------------------------------------------------------


def transform_line(line: _Line) -> list[_Line]:
    line_str = str(line)
    if (
        not line.should_split_rhs
        and line.magic_trailing_comma is None
        and _short_enough(line, line_str)
    ):
        return [line]
    transformers: list[Callable[[_Line], Iterator[_Line]]]
    if line.is_def and not _funcdef_rhs(line):
        transformers = [_left_hand_split]
    elif line.inside_brackets:
        transformers = [_delimiter_split, _rhs_with_omits]
    else:
        transformers = [_rhs_with_omits]
    for transform in transformers:
        try:
            return _run_transformer(line, transform, line_str)
        except _CannotSplit:
            continue
    return [line]


def _funcdef_rhs(line: _Line) -> bool:
    returns = [leaf for leaf in line.leaves if leaf.annotation == "return"][:-1]
    result = _Line(line.depth)
    inside = _inside_matching_brackets(returns)
    for leaf in returns:
        result.append(leaf, track_bracket=id(leaf) in inside)
    first = next((leaf for leaf in returns if leaf.value), None)
    return result.magic_trailing_comma is not None or (
        first is not None and first.type == "STRING" and not _short_enough(result)
    )


def _run_transformer(
    line: _Line, transform: Callable[[_Line], Iterator[_Line]], line_str: str
) -> list[_Line]:
    optional = [b for b in line.tracker.invisible if b.bracket_depth == 0]
    result: list[_Line] = []
    for transformed in transform(line):
        if str(transformed) == line_str:
            raise _CannotSplit("unchanged")
        result.extend(transform_line(transformed))
    # Where black would take a second opinion with the optional parentheses forced (its
    # FORCE_OPTIONAL_PARENTHESES), this port declines instead.
    if (
        transform is not _rhs_with_omits
        or not line.tracker.invisible
        or any(bracket.value for bracket in optional)
        or _short_enough(result[0])
    ):
        return result
    raise Unsupported("black's second opinion with forced optional parentheses")


def _inside_matching_brackets(leaves: list[Leaf]) -> set[int]:
    try:
        start = next(i for i, leaf in enumerate(leaves) if leaf.type in OPENING)
    except StopIteration:
        return set()
    ids: set[int] = set()
    stack: list[tuple[str, list[int]]] = []
    for leaf in leaves[start:]:
        if leaf.type in OPENING:
            stack.append((OPENING[leaf.type], [id(leaf)]))
        elif leaf.type in CLOSING:
            if stack and leaf.type == stack[-1][0]:
                _, level = stack.pop()
                level.append(id(leaf))
                ids.update(level)
            else:
                break
        elif stack:
            stack[-1][1].append(id(leaf))
    return ids


def _left_hand_split(line: _Line) -> Iterator[_Line]:
    for bracket in ("(", "["):
        tail: list[Leaf] = []
        body: list[Leaf] = []
        head: list[Leaf] = []
        current = head
        matching: Leaf | None = None
        for leaf in line.leaves:
            if (
                current is body
                and leaf.type in CLOSING
                and leaf.opening_bracket is matching
                and matching is not None
            ):
                _ensure_visible(leaf)
                _ensure_visible(matching)
                current = tail if body else head
            current.append(leaf)
            if current is head and leaf.type == bracket:
                matching = leaf
                current = body
        if matching is not None and tail:
            break
    if matching is None or not tail:
        raise _CannotSplit("no brackets")
    lines = (
        _build_line(head, line, matching, "head"),
        _build_line(body, line, matching, "body"),
        _build_line(tail, line, matching, "tail"),
    )
    _succeeded_or_raise(*lines)
    return iter([result for result in lines if result])


class _RHS:
    __slots__ = ("body", "closing", "head", "opening", "tail")

    def __init__(self, head: _Line, body: _Line, tail: _Line, opening: Leaf, closing: Leaf) -> None:
        self.head, self.body, self.tail = head, body, tail
        self.opening, self.closing = opening, closing


def _first_rhs(line: _Line, omit: set[int] | frozenset[int] = frozenset()) -> _RHS:
    tail: list[Leaf] = []
    body: list[Leaf] = []
    head: list[Leaf] = []
    current = tail
    opening: Leaf | None = None
    closing: Leaf | None = None
    for leaf in reversed(line.leaves):
        if current is body and leaf is opening:
            current = head if body else tail
        current.append(leaf)
        if current is tail and leaf.type in CLOSING and id(leaf) not in omit:
            opening = leaf.opening_bracket
            closing = leaf
            current = body
    if not (opening and closing and head):
        raise _CannotSplit("no brackets")
    tail.reverse()
    body.reverse()
    head.reverse()
    result = _RHS(
        _build_line(head, line, opening, "head"),
        _build_line(body, line, opening, "body"),
        _build_line(tail, line, opening, "tail"),
        opening,
        closing,
    )
    _succeeded_or_raise(result.head, result.body, result.tail)
    return result


def _rhs(line: _Line, omit: set[int] | frozenset[int] = frozenset()) -> Iterator[_Line]:
    return _maybe_omit_optional_parens(_first_rhs(line, omit), line, omit)


def _rhs_with_omits(line: _Line) -> Iterator[_Line]:
    first_lines: list[_Line] | None = None
    prefix_lengths: dict[int, int] = {}
    length = 4 * line.depth
    for leaf in line.leaves:
        prefix_lengths[id(leaf)] = length
        length += len(leaf.prefix) + len(leaf.value)
    for omit in _trailers_to_omit(line):
        if omit:
            target: Leaf | None = None
            for leaf in reversed(line.leaves):
                if leaf.type in CLOSING and id(leaf) not in omit:
                    target = leaf.opening_bracket
                    break
            if target is not None and target.value and prefix_lengths.get(id(target), 0) > LINE_LENGTH:
                continue
        lines = list(_rhs(line, omit))
        if first_lines is None and not omit:
            first_lines = lines
        if _short_enough(lines[0]):
            return iter(lines)
    if first_lines is not None:
        return iter(first_lines)
    return _rhs(line)


def _maybe_omit_optional_parens(
    rhs: _RHS, line: _Line, omit: set[int] | frozenset[int]
) -> Iterator[_Line]:
    if (
        rhs.opening.type == "("
        and not rhs.opening.value
        and rhs.closing.type == ")"
        and not rhs.closing.value
        and not line.is_import
        and _can_omit_invisible_parens(rhs)
    ):
        omit = {id(rhs.closing), *omit}
        try:
            rhs_oop = _first_rhs(line, omit)
            if _prefer_rhs_oop(rhs_oop, rhs):
                return _maybe_omit_optional_parens(rhs_oop, line, omit)
        except _CannotSplit as error:
            if _chained_assignment(line):
                pass
            elif not _can_be_split(rhs.body) and not _short_enough(rhs.body):
                raise _CannotSplit("body too long") from error
    _ensure_visible(rhs.opening)
    _ensure_visible(rhs.closing)
    return iter([result for result in (rhs.head, rhs.body, rhs.tail) if result])


def _chained_assignment(line: _Line) -> bool:
    return sum(1 for leaf in line.leaves if leaf.value == "=") > 1


def _prefer_rhs_oop(rhs_oop: _RHS, rhs: _RHS) -> bool:
    if not (len(rhs.head.leaves) >= 2 and rhs.head.leaves[-2].value == "="):
        return True
    if not any(leaf.type in OPENING or leaf.type in CLOSING for leaf in rhs.head.leaves[:-1]):
        return True
    if _width(str(rhs.head)) > LINE_LENGTH - 1:
        return True
    if rhs.head.magic_trailing_comma is not None:
        return True
    head_equals = sum(1 for leaf in rhs.head.leaves if leaf.value == "=")
    oop_equals = sum(1 for leaf in rhs_oop.head.leaves if leaf.value == "=")
    if head_equals > 1 and head_equals > oop_equals:
        return False
    closing_after_assign = False
    for leaf in reversed(rhs_oop.head.leaves):
        if leaf.value == "=":
            break
        if leaf.type in CLOSING:
            closing_after_assign = True
            break
    return closing_after_assign or (
        any(leaf.value == "=" for leaf in rhs_oop.head.leaves) and _short_enough(rhs_oop.head)
    )


def _can_omit_invisible_parens(rhs: _RHS) -> bool:
    line = rhs.body
    tracker = line.tracker
    if not tracker.delimiters:
        return True
    priority = tracker.max_priority()
    count = tracker.count(priority)
    if count > 1:
        return False
    if priority == DOT_PRIORITY:
        return True
    first, second = line.leaves[0], line.leaves[1]
    if (
        first.type in OPENING
        and second.type not in CLOSING
        and _can_omit_opening_paren(line, first)
    ):
        return True
    penultimate, last = line.leaves[-2], line.leaves[-1]
    if last.type in {")", "}"} or (
        last.type == "]" and last.opening_bracket is not None
        and last.opening_bracket.parent != "trailer"
    ):
        if penultimate.type in OPENING:
            return False
        if _can_omit_closing_paren(line, last):
            return True
    return False


def _can_omit_opening_paren(line: _Line, first: Leaf) -> bool:
    remainder = False
    length = 4 * line.depth
    index = -1
    for index, leaf in enumerate(line.leaves):
        if leaf.type in CLOSING and leaf.opening_bracket is first:
            remainder = True
        if remainder:
            length += len(leaf.prefix) + len(leaf.value)
            if length > LINE_LENGTH:
                break
            if leaf.type in OPENING:
                remainder = False
    else:
        if len(line.leaves) == index + 1:
            return True
    return False


def _can_omit_closing_paren(line: _Line, last: Leaf) -> bool:
    length = 4 * line.depth
    seen_other_brackets = False
    for leaf in line.leaves:
        length += len(leaf.prefix) + len(leaf.value)
        if leaf is last.opening_bracket:
            if seen_other_brackets or length <= LINE_LENGTH:
                return True
        elif leaf.type in OPENING:
            seen_other_brackets = True
    return False


def _can_be_split(line: _Line) -> bool:
    leaves = line.leaves
    if len(leaves) < 2:
        return False
    if leaves[0].type == "STRING" and leaves[1].value == ".":
        calls = dots = 0
        following = leaves[-1]
        for leaf in leaves[-2::-1]:
            if leaf.type in OPENING:
                if following.type not in CLOSING:
                    return False
                calls += 1
            elif leaf.value == ".":
                dots += 1
            elif leaf.type == "NAME":
                if not (following.value == "." or following.type in OPENING):
                    return False
            elif leaf.type not in CLOSING:
                return False
            if dots > 1 and calls > 1:
                return False
            following = leaf
    return True


def _trailers_to_omit(line: _Line) -> Iterator[set[int]]:
    omit: set[int] = set()
    if line.magic_trailing_comma is None:
        yield omit
    length = 4 * line.depth
    opening: Leaf | None = None
    closing: Leaf | None = None
    inner: set[int] = set()
    leaves = line.leaves
    for index in range(len(leaves) - 1, -1, -1):
        leaf = leaves[index]
        length += len(leaf.prefix) + len(leaf.value)
        if length > LINE_LENGTH:
            break
        if opening is not None:
            if leaf is opening:
                opening = None
            elif leaf.type in CLOSING:
                if _exploding(leaves, index):
                    break
                inner.add(id(leaf))
        elif leaf.type in CLOSING:
            prev = leaves[index - 1] if index > 0 else None
            if prev is not None and prev.type in OPENING:
                inner.add(id(leaf))
                continue
            if closing is not None:
                omit.add(id(closing))
                omit.update(inner)
                inner.clear()
                yield omit
            if _exploding(leaves, index):
                break
            if leaf.value:
                opening = leaf.opening_bracket
                closing = leaf


def _exploding(leaves: list[Leaf], index: int) -> bool:
    """The closing bracket at ``index`` ends a trailing comma black must explode on (never
    omitted from a split)."""
    leaf = leaves[index]
    return (
        index > 0
        and leaves[index - 1].value == ","
        and leaf.opening_bracket is not None
        and not _one_sequence(leaf.opening_bracket, leaf, leaves, "(")
    )


def _succeeded_or_raise(head: _Line, body: _Line, tail: _Line) -> None:
    tail_length = len(str(tail).strip())
    if not body:
        if tail_length == 0:
            raise _CannotSplit("same line")
        if tail_length < 3:
            raise _CannotSplit("not worth it")


def _ensure_trailing_comma(leaves: list[Leaf], original: _Line, opening: Leaf) -> bool:
    if not leaves:
        return False
    if original.is_import:
        return True
    if not original.is_def or opening.value != "(":
        return False
    if leaves[0].annotation == "return":
        return False
    top = min(leaf.bracket_depth for leaf in leaves)
    if any(leaf.value == "," and leaf.bracket_depth == top for leaf in leaves):
        return False
    if any(leaf.value in {",", "|"} for leaf in leaves):
        # black asks its parse tree whether these belong to an annotation.
        raise Unsupported("a lone parameter with an annotation black would inspect")
    return True


def _build_line(leaves: list[Leaf], original: _Line, opening: Leaf, component: str) -> _Line:
    result = _Line(original.depth)
    if component == "body":
        result.inside_brackets = True
        result.depth += 1
        if _ensure_trailing_comma(leaves, original, opening) and leaves[-1].value != ",":
            leaves.append(Leaf("OP", ","))
    track = _inside_matching_brackets(leaves) if component == "head" else set()
    for leaf in leaves:
        result.append(leaf, track_bracket=id(leaf) in track)
    if component == "body" and _should_split_line(result, opening):
        result.should_split_rhs = True
    return result


def _should_split_line(line: _Line, opening: Leaf) -> bool:
    # black's invisible parentheses are an atom too, and "" is in any string.
    if not (opening.parent and opening.value in "[{("):
        return False
    exclude: set[int] = set()
    trailing_comma = False
    try:
        last = line.leaves[-1]
        if last.value == ",":
            trailing_comma = True
            exclude.add(id(last))
        priority = line.tracker.max_priority(exclude)
    except (IndexError, ValueError):
        return False
    return priority == COMMA_PRIORITY and (
        trailing_comma or opening.parent in {"atom", "invisible", "import"}
    )


def _ensure_visible(leaf: Leaf) -> None:
    if leaf.type == "(" and not leaf.value:
        leaf.value = "("
    elif leaf.type == ")" and not leaf.value:
        leaf.value = ")"


def _delimiter_split(line: _Line) -> Iterator[_Line]:
    if not line.leaves:
        raise _CannotSplit("empty")
    last = line.leaves[-1]
    tracker = line.tracker
    try:
        priority = tracker.max_priority({id(last)})
    except ValueError:
        raise _CannotSplit("no delimiters") from None
    if priority == DOT_PRIORITY and tracker.count(priority) == 1:
        raise _CannotSplit("a single attribute")
    results: list[_Line] = []
    current = _Line(line.depth, line.inside_brackets)
    for index, leaf in enumerate(line.leaves):
        current.append(leaf)
        if tracker.delimiters.get(id(leaf)) == priority:
            results.append(current)
            current = _Line(line.depth, line.inside_brackets)
    if current:
        if (
            priority == COMMA_PRIORITY
            and current.leaves[-1].value != ","
        ):
            current.append(Leaf("OP", ","))
        results.append(current)
    for result in results:
        result.leaves[0].prefix = ""
    return iter(results)


# --- modules ------------------------------------------------------------------------------

_MAGIC_COMMA = re.compile(r",\s*[)\]}]")
_QUOTES = ('"""', "'''")


def layout_module(
    source: str,
    memo: dict[tuple[str, int], list[str]] | None = None,
    why: list[str] | None = None,
) -> str | None:
    """``source`` as black would format it, or None when this module cannot vouch for that.

    Lines that fit are taken to be black's already (the templates write them so, and the
    tests check it). Laid out here: the statements that do not fit, hold a magic trailing
    comma, or were split over several lines by a template (black joins them when they fit).
    ``why`` receives the reason when it declines.
    """
    if memo is None:
        memo = {}
    lines = source.split("\n")
    out: list[str] = []
    append = out.append
    in_string: str | None = None  # the quotes of a multi-line string the line is inside
    index = 0
    count = len(lines)
    while index < count:
        line = lines[index]
        index += 1
        if in_string is not None or '"""' in line or "'''" in line:
            was_inside = in_string is not None
            in_string, opened = _string_state(line, in_string)
            if was_inside or opened:
                append(line)
                continue
        if (
            len(line) <= LINE_LENGTH
            and not line.endswith(_OPENERS)
            and ("," not in line or _MAGIC_COMMA.search(line) is None)
            and (line.isascii() or _width(line) <= LINE_LENGTH)
        ):
            append(line)
            continue
        stripped = line.lstrip(" ")
        if stripped.startswith("#"):
            append(line)
            continue
        if stripped.startswith((")", "]", "}")):
            _decline(why, index, "a continuation line")
            return None
        indent = len(line) - len(stripped)
        if indent % 4:
            _decline(why, index, "indentation that is not four spaces")
            return None
        statement = stripped
        try:
            if line.endswith(_OPENERS):
                # A statement a template wrote over several lines: join it as black would.
                depth = _bracket_balance(stripped)
                start = index - 1
                commented = False
                while depth > 0 and index < count:
                    part = lines[index].strip()
                    index += 1
                    if part.startswith("#"):
                        # black keeps a comment on its own line, so it cannot join these.
                        commented = True
                        continue
                    if not part or '"""' in part or "'''" in part:
                        _decline(why, index, "a blank line or a long string in brackets")
                        return None
                    if statement.endswith(_OPENERS) or part.startswith((")", "]", "}")):
                        statement += part
                    else:
                        statement += " " + part
                    depth += _bracket_balance(part)
                if depth != 0:
                    _decline(why, index, "unbalanced brackets")
                    return None
                if commented:
                    # Template text with comments inside brackets: kept as the template wrote
                    # it, which the tests hold to black; a line too long would need black.
                    block = lines[start:index]
                    if any(
                        _width(part) > LINE_LENGTH and not part.lstrip().startswith("#")
                        for part in block
                    ):
                        _decline(why, index, "a long line among comments")
                        return None
                    out.extend(block)
                    continue
                joined = " " * indent + statement
                if (
                    len(joined) <= LINE_LENGTH
                    and _MAGIC_COMMA.search(statement) is None
                    and (joined.isascii() or _width(joined) <= LINE_LENGTH)
                ):
                    # It fits and nothing forces a split: black keeps it on one line.
                    append(joined)
                    continue
                exploded = _exploded_call(lines[start:index], indent)
                if exploded is not None:
                    out.extend(exploded)
                    continue
            key = (statement, indent)
            laid_out = memo.get(key)
            if laid_out is None:
                laid_out = memo[key] = _layout_statement(statement, indent // 4)
            out.extend(laid_out)
        except (Unsupported, RecursionError) as error:
            _decline(why, index, str(error) or type(error).__name__)
            return None
    return "\n".join(out)


# The head of a call a template writes exploded, one argument a line: ``name = module.call(``.
_EXPLODED_HEAD = re.compile(r"[A-Za-z_]\w* = [A-Za-z_]\w*\.[A-Za-z_]\w*\(", re.ASCII)
# A keyword argument whose value is a name or an attribute of one: ``keys=_rt.ANY_CASE``.
_KEYWORD_ARGUMENT = re.compile(r"[A-Za-z_]\w*=[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?", re.ASCII)
# The head of a list or dict display a template writes one entry a line, its annotation made of
# names and square brackets: ``__all__ = [``, ``_docmodels_modules: dict[str, str] = {``.
_DISPLAY_HEAD = re.compile(r"[A-Za-z_]\w*(?:: [A-Za-z_][\w\[\], .]*)? = [\[{]", re.ASCII)
# An entry of such a display: a string, or a string key and a string or a tuple of strings (a
# one-tuple's comma is not a magic one).
_STRING = r'"[^"\\\n#]*"'
_TUPLE = rf"\((?:{_STRING},|{_STRING}(?:, {_STRING})+)\)"
_DISPLAY_ENTRY = re.compile(rf"{_STRING}(?:: (?:{_STRING}|{_TUPLE}))?")


def _exploded_call(block: list[str], indent: int) -> list[str] | None:
    """black's layout of ``block``, a statement a template wrote over several lines, where it is
    a call or a list or dict display with a magic trailing comma and two or more entries, each
    of a shape below that fits on a line of its own; None for any other statement.

    black then splits right after the opening bracket (it prefers that to the optional
    parentheses around the right-hand side: the head has no brackets, or it fits and ends with
    the assignment), and the magic comma makes it split the entries one a line (a comma is the
    body's only delimiter that outranks an attribute's dot), each of which fits and so is kept
    as written. This is what ``_layout_statement`` gives for the joined statement, without
    tokenizing it: a model module's field declarations (``_docmodels_fields = _rt.fields(...)``)
    were four fifths of the layout's time, the package's tables a tenth.
    tests/test_layout_exploded.py holds the two to each other and to black."""
    head = block[0][indent:]
    if len(block) < 4 or indent + len(head) > LINE_LENGTH:
        return None
    if _EXPLODED_HEAD.fullmatch(head):
        closer, takes = ")", _call_argument
    elif (
        _DISPLAY_HEAD.fullmatch(head)
        and _MAGIC_COMMA.search(head) is None
        and _bracket_balance(head[:-1]) == 0
    ):
        closer, takes = ("]" if head.endswith("[") else "}"), _display_entry
    else:
        return None
    if block[-1].strip() != closer:
        return None
    inner = " " * (indent + 4)
    laid_out = [block[0]]
    for part in block[1:-1]:
        entry = part.strip()
        if not entry.endswith(",") or not takes(entry[:-1]):
            return None
        text = f"{inner}{entry}"
        if _width(text) > LINE_LENGTH:
            return None
        laid_out.append(text)
    laid_out.append(" " * indent + closer)
    return laid_out


def _call_argument(text: str) -> bool:
    """A call's argument the shortcut takes: a bracketed group or a simple keyword argument,
    without a magic comma, a backslash or what may be a comment."""
    if "#" in text or "\\" in text or _MAGIC_COMMA.search(text):
        return False
    return bool(_KEYWORD_ARGUMENT.fullmatch(text)) or _one_group(text)


def _display_entry(text: str) -> bool:
    return _DISPLAY_ENTRY.fullmatch(text) is not None


def _one_group(text: str) -> bool:
    """Whether ``text`` is one parenthesized group: its first bracket closes at its end."""
    if not (text.startswith("(") and text.endswith(")")):
        return False
    if "'" in text or '"' in text:
        if "'''" in text or '"""' in text:
            return False
        text = _ONE_LINE_STRING.sub("", text)
        if "'" in text or '"' in text:
            return False  # a quote no string closes
    depth = 0
    last = len(text) - 1
    for position, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth < 0 or (depth == 0 and position != last):
                return False
    return depth == 0


def _decline(why: list[str] | None, line: int, reason: str) -> None:
    if why is not None:
        why.append(f"line {line}: {reason}")


_OPENERS = ("(", "[", "{")
_ONE_LINE_STRING = re.compile(r"'(?:[^'\\\n]|\\.)*'" r'|"(?:[^"\\\n]|\\.)*"')


def _bracket_balance(text: str) -> int:
    """Opening minus closing brackets outside strings (strings are skipped by tokenizing)."""
    if "'" in text or '"' in text:
        if "'''" in text or '"""' in text:
            raise Unsupported("a triple-quoted string")
        text = _ONE_LINE_STRING.sub("", text)
    return (
        text.count("(") + text.count("[") + text.count("{")
        - text.count(")") - text.count("]") - text.count("}")
    )


def _string_state(line: str, in_string: str | None) -> tuple[str | None, bool]:
    """Whether the end of ``line`` is inside a triple-quoted string, given its start, and
    whether the line opened one (quotes inside an ordinary string do not count)."""
    position = 0
    opened = False
    while True:
        if in_string is not None:
            end = line.find(in_string, position)
            while end > 0 and _escaped(line, end):
                end = line.find(in_string, end + 1)
            if end < 0:
                return in_string, opened
            position = end + 3
            in_string = None
            continue
        found = [
            i for i in (line.find("#", position), line.find('"', position), line.find("'", position))
            if i >= 0
        ]
        if not found:
            return None, opened
        first = min(found)
        if line[first] == "#":
            return None, opened
        if line.startswith(('"""', "'''"), first):
            in_string = line[first:first + 3]
            position = first + 3
            opened = True
            continue
        # An ordinary string: skip to its end.
        quote = line[first]
        end = first + 1
        while end < len(line) and line[end] != quote:
            end += 2 if line[end] == "\\" else 1
        position = end + 1
        if position >= len(line):
            return None, opened


def _escaped(line: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and line[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _layout_statement(text: str, depth: int) -> list[str]:
    leaves = _annotate(tokenize(text))
    line = _Line(depth)
    for leaf in leaves:
        line.append(leaf, preformatted=False)
    lines = transform_line(line)
    rendered = [str(result) for result in lines]
    for number, (result, line_text) in enumerate(zip(lines, rendered, strict=True)):
        # A line with no brackets left is one black cannot split either (a long name or
        # string, an entry of a display); so is the head of a class or an import, whose
        # only split is at its one pair of brackets (``class Name(``, ``from m import (``).
        # Any other long line is one this port may have split differently from black, where
        # black's last resorts begin.
        if _width(line_text) > LINE_LENGTH and any(
            leaf.type in OPENING or leaf.type in CLOSING for leaf in result.leaves
        ) and not (number == 0 and _one_split(leaves) and line_text.endswith("(")):
            raise Unsupported("a line black could not fit either")
    return rendered


def _one_split(leaves: list[Leaf]) -> bool:
    """A class line or an import, whose one pair of brackets outside any other (the bases,
    the names imported) is the only place black can split it."""
    if leaves[0].value not in ("class", "from"):
        return False
    return sum(1 for leaf in leaves if leaf.type in OPENING and leaf.bracket_depth == 0) == 1


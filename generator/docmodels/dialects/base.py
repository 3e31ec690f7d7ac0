"""The interface every dialect implements, and the tokenizer their grammars share.

A dialect knows how one generator (and target language) spells things on a page: type
expressions, default literals, mangled property names, qualified model names. Everything else
about a page (its structure, its cells, its notes) is shared and lives in docmodels.page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from docmodels.diagnostics import Diagnostic
from docmodels.ir import (
    AnyValue,
    EnumValue,
    Field,
    JsonValue,
    KeyCase,
    Model,
    TypeExpr,
    WireNameSource,
)
from docmodels.limits import MAX_TYPE_DEPTH
from docmodels.page.notes import Notes, parse_notes
from docmodels.page.structure import Page
from docmodels.page.typecell import TypeCell


class TypeSyntaxError(ValueError):
    """A type expression the dialect cannot read; ``offset`` is 0-based within the type text."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class UnknownType(TypeSyntaxError):
    """A name the grammar does not know as a type: ``name``, for a "did you mean" hint."""

    def __init__(self, name: str, offset: int = 0) -> None:
        super().__init__(f"unknown type {name!r}", offset)
        self.name = name


class TypeTooDeep(TypeSyntaxError):
    """A type nested past the limit: reported without the type's text, which may be huge."""


class NoDefault(ValueError):
    """Raised by ``parse_default`` for the generator's way of writing "no default" (``[default to
    null]``, ``[default to nothing]``): the page says nothing, so there is nothing to warn about."""


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True, slots=True)
class Composition:
    """What a oneOf/anyOf page states instead of a property table: its member types, as the page
    spells them, and the property that tells them apart where the page names one."""

    members: tuple[str, ...]
    discriminator: str | None = None
    description: str = ""  # where the page writes it elsewhere than under the title (Julia)


@dataclass(frozen=True, slots=True)
class ParsedType:
    type: TypeExpr
    # The whole type was wrapped in the language's "maybe absent or null" form (Rust's Option).
    wrapped_optional: bool = False
    # How many names in the expression belong to this dialect's own vocabulary: the evidence
    # dialect detection weighs (a bare model reference reads the same in every dialect).
    native_names: int = 0
    # The values the type cell itself lists (SailPoint's ``**Enum** [ "A", "B" ]``): an inline
    # enum of ``type``; None where the cell lists none.
    enum_values: tuple[JsonValue, ...] | None = None
    # The type is a list or map whose items the cell does not say (markdown's bare
    # ``**List**``): read as any values, with the warning bare_containers.read_as words.
    items_unsaid: bool = False


class Dialect(Protocol):
    @property
    def name(self) -> str: ...

    def model_name(self, title: str) -> str:
        """The model's name from the page's title text."""
        ...

    def parse_type(self, cell: TypeCell) -> ParsedType:
        """Read a decoded Type cell; raises TypeSyntaxError."""
        ...

    def page_model_name(self, page: Page, title: str) -> str:
        """The model's name from its page: ``model_name(title)``, unless the page states the name
        elsewhere (ktorm-schema's "(mapped from: OwnerAddress)" under "# Table `Owner_address`")."""
        ...

    def page_description(self, page: Page) -> str:
        """The model's description: the text between the title and the first section, less what
        the template writes there on every page (ktorm-schema's "(mapped from: Pet)",
        java-micronaut's "The class is defined in…")."""
        ...

    def nullable(self, parsed: ParsedType, required: bool | None) -> bool | None:
        """Whether null is allowed, as far as the page says (None: it does not say)."""
        ...

    def parse_default(self, text: str) -> JsonValue:
        """The JSON value a ``[default to X]`` literal stands for; raises ValueError."""
        ...

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        """The JSON key behind a property name as the page writes it."""
        ...

    @property
    def names(self) -> KeyCase:
        """How the pages spell a property: AS_WRITTEN where they write the JSON key (escaped
        where it is a keyword), else the case the SDK's field names are in (Go's PascalCase):
        the key is then not on the page (keys.py settles it)."""
        ...

    @property
    def vocabulary(self) -> frozenset[str]:
        """The type names the dialect reads (its scalars, its containers): what a mistyped type
        is compared to for a "did you mean" hint (hints.py)."""
        ...

    def page_evidence(self, page: Page) -> int:
        """Evidence for this dialect in the page's shape (its title, headers, sections), added to
        what its type cells show; 0 where the shape says nothing."""
        ...

    def enum_section(self, name: str) -> str | None:
        """The title after "Enum:" of the section that lists property ``name``'s values, for a
        dialect whose type cell does not link to it (javascript's ``SizeEnum`` for ``size``)."""
        ...

    def finish_field(self, field: Field, notes: Notes) -> tuple[Field, frozenset[str]]:
        """The field with what this dialect writes elsewhere in the row folded in (enum values in
        the description, constraint notes...), and the ``notes.other`` entries it understood."""
        ...

    def parse_notes(self, text: str) -> Notes | None:
        """The Notes cell read (None: it cannot be read); most generators write a run of
        ``[...]`` groups, some write prose the dialect reads itself."""
        ...

    def finish_model(
        self, page: Page, fields: tuple[Field, ...]
    ) -> tuple[tuple[Field, ...], tuple[EnumValue, ...]]:
        """The model's properties with the rows that are not properties left out (and facts the
        rest of the page states added: Go's SetXNil methods), and its enum values where the
        dialect writes an enum model as a table row (else empty)."""
        ...

    def finish_folder(self, models: Sequence[Model]) -> tuple[list[Model], list[Diagnostic]]:
        """The models of one folder this dialect read, with what only the whole folder tells
        settled (C#'s DateTime means a date too where no page writes DateOnly)."""
        ...

    def default_member(self, text: str, model: str) -> tuple[str, ...]:
        """The member of enum model ``model`` that a default written ``text`` may name (Python's
        ``Model.MEMBER``), most likely first, where the dialect writes enum defaults so; () where
        ``text`` is no such name. Called for defaults ``parse_default`` cannot read."""
        ...

    def composition(self, page: Page) -> Composition | None:
        """The member types a oneOf/anyOf page lists where other pages have a property table
        (ruby's ``openapi_one_of``, php-nextgen's ``## oneOf``), as the page names them; None
        where the page lists none."""
        ...


class BaseDialect:
    """What most dialects share; a dialect module overrides what its generator does differently."""

    name = "base"
    names = KeyCase.AS_WRITTEN
    # Whether a row of a date or date-time type links a page: None where the pages do not tell
    # (kotlin links java.time.OffsetDateTime.md on every such row).
    links_dates: bool | None = None

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset()  # a dialect that lists its type names says so

    def model_name(self, title: str) -> str:
        return title.strip()

    def page_model_name(self, page: Page, title: str) -> str:
        return self.model_name(title)

    def page_description(self, page: Page) -> str:
        return page.description

    def parse_type(self, cell: TypeCell) -> ParsedType:
        """The whole cell read by the dialect's grammar (``_type``), which counts the names of
        its own vocabulary as it goes."""
        cursor = Cursor(cell.text)
        counter = [0]
        result = self._type(cursor, counter)
        cursor.end()
        return ParsedType(result, native_names=counter[0])

    def _type(self, cursor: Cursor, counter: list[int]) -> TypeExpr:
        """One type expression at the cursor; every grammar-based dialect defines it (as a
        ``@nesting`` rule)."""
        raise NotImplementedError

    def nullable(self, parsed: ParsedType, required: bool | None) -> bool | None:
        return None

    def parse_default(self, text: str) -> JsonValue:
        raise ValueError(f"cannot read default {text!r}")

    def wire_name(self, name: str) -> tuple[str, WireNameSource]:
        return name, WireNameSource.PAGE

    def page_evidence(self, page: Page) -> int:
        return 0

    def enum_section(self, name: str) -> str | None:
        return None

    def finish_field(self, field: Field, notes: Notes) -> tuple[Field, frozenset[str]]:
        return field, frozenset()

    def parse_notes(self, text: str) -> Notes | None:
        return parse_notes(text)

    def finish_model(
        self, page: Page, fields: tuple[Field, ...]
    ) -> tuple[tuple[Field, ...], tuple[EnumValue, ...]]:
        return fields, ()

    def finish_folder(self, models: Sequence[Model]) -> tuple[list[Model], list[Diagnostic]]:
        return list(models), []

    def default_member(self, text: str, model: str) -> tuple[str, ...]:
        # Model.MEMBER (Python, C#, TypeScript) or Model::MEMBER; the member is an identifier.
        stripped = text.strip()
        for separator in (".", "::"):
            prefix = model + separator
            if stripped.startswith(prefix) and _IDENTIFIER.fullmatch(stripped[len(prefix):]):
                return (stripped[len(prefix):],)
        return ()

    def composition(self, page: Page) -> Composition | None:
        return None


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "name" or the punctuation character itself
    text: str
    offset: int


# Paths like models::X, ::std::collections::HashMap, kotlin.collections.List, uuid::Uuid.
_NAME = re.compile(r"(?:::)?[A-Za-z_][A-Za-z0-9_]*(?:(?:::|\.)[A-Za-z_][A-Za-z0-9_]*)*")
_PUNCTUATION = frozenset("<>[](){},:;*&?")


def tokenize(text: str) -> list[Token]:
    """The tokens of a type, or TypeSyntaxError at the first character that starts none."""
    found = _tokenized(text)
    if isinstance(found, TypeSyntaxError):
        raise TypeSyntaxError(found.message, found.offset)
    return list(found)


# Detection reads each cell in some twenty grammars in turn, most of them sharing this
# tokenizer: remembered, a cell is tokenized once, not twenty times (which for a page of a few
# megabytes of type text was minutes). Only the last few: a cell's tokens may be large.
@functools.lru_cache(maxsize=4)
def _tokenized(text: str) -> tuple[Token, ...] | TypeSyntaxError:
    try:
        return tuple(_tokenize(text))
    except TypeSyntaxError as exc:
        return exc


def _tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        match = _NAME.match(text, i)
        if match:
            tokens.append(Token("name", match.group(), i))
            i = match.end()
        elif char in _PUNCTUATION:
            tokens.append(Token(char, char, i))
            i += 1
        else:
            raise TypeSyntaxError(f"unexpected character {char!r} in type", i)
    return tokens


# How deep the grammar rules marked @nesting may recurse. Some levels of a grammar leave none in
# the type it reads (Rust's Box<T>, Go's *T are T), so the rules get twice the limit; the
# limit proper is checked on the type they return. This only keeps the stack safe.
_GRAMMAR_DEPTH = 2 * MAX_TYPE_DEPTH

_Dialect = TypeVar("_Dialect")
_Result = TypeVar("_Result")


class Cursor:
    """A position in a token list, for recursive-descent grammars."""

    def __init__(self, text: str, tokens: list[Token] | None = None) -> None:
        """``tokens``: the text as a dialect with names of its own tokenizes it."""
        self.text = text
        self.tokens = tokenize(text) if tokens is None else tokens
        self.index = 0
        self.depth = 0  # of the @nesting rules running

    def peek(self, kind: str | None = None) -> Token | None:
        if self.index >= len(self.tokens):
            return None
        token = self.tokens[self.index]
        if kind is not None and token.kind != kind:
            return None
        return token

    def take(self, kind: str) -> Token:
        token = self.peek()
        if token is None:
            raise TypeSyntaxError(f"type ends where {_describe(kind)} was expected", len(self.text))
        if token.kind != kind:
            raise TypeSyntaxError(
                f"expected {_describe(kind)} but found {token.text!r}", token.offset
            )
        self.index += 1
        return token

    def accept(self, kind: str) -> Token | None:
        token = self.peek(kind)
        if token is not None:
            self.index += 1
        return token

    def end(self) -> None:
        token = self.peek()
        if token is not None:
            raise TypeSyntaxError(f"unexpected {token.text!r} after the type", token.offset)


def nullable_item(inner: TypeExpr, offset: int) -> TypeExpr:
    """An item or map value the page marks as possibly null (kotlin's ``Map<String, Any?>``,
    dart's ``Object?``, python's ``Dict[str, Optional[object]]``). Any value takes null as it
    is; the IR cannot say that the items of another type may be null, and reading them as that
    type would reject the nulls the API sends, so those are not read (a loss), not narrowed."""
    if isinstance(inner, AnyValue):
        return inner
    raise TypeSyntaxError("items that may be null are not read yet", offset)


def nesting(
    rule: Callable[[_Dialect, Cursor, list[int]], _Result],
) -> Callable[[_Dialect, Cursor, list[int]], _Result]:
    """Mark a grammar rule that calls itself (directly or not): past a depth no real type
    reaches it raises TypeTooDeep where the next level starts, instead of exhausting the
    interpreter's stack on a type nested thousands of levels deep."""

    @functools.wraps(rule)
    def nested(self: _Dialect, cursor: Cursor, counter: list[int]) -> _Result:
        if cursor.depth >= _GRAMMAR_DEPTH:
            token = cursor.peek()
            offset = token.offset if token is not None else len(cursor.text)
            raise TypeTooDeep(
                f"type is nested too deeply; the limit is {MAX_TYPE_DEPTH} levels", offset
            )
        cursor.depth += 1
        try:
            return rule(self, cursor, counter)
        finally:
            cursor.depth -= 1

    return nested


def _describe(kind: str) -> str:
    return "a type name" if kind == "name" else repr(kind)


def looks_like_model_name(name: str) -> bool:
    """Generated model names are CamelCase identifiers."""
    return bool(name) and name[0].isupper() and name.replace("_", "").isalnum()

"""Diagnostics: what went wrong, where, and how bad it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a spec page; line and column are 1-based, as editors count them."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    severity: Severity
    location: Location
    message: str
    # Something the page says that was not read, and what was done instead (a property read as
    # Any, a page left out): a warning, so that one odd row never stops a folder; an error in
    # strict mode (``strict``), for teams whose own specs must read cleanly.
    loss: bool = False
    # A spelling the page uses that nothing defines (an unknown type, a model no page gives):
    # once the folder is read, hints.py suggests the known spelling closest to it.
    unknown: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"


def error(location: Location, message: str) -> Diagnostic:
    return Diagnostic(Severity.ERROR, location, message)


def warning(location: Location, message: str) -> Diagnostic:
    return Diagnostic(Severity.WARNING, location, message)


def lost(location: Location, message: str) -> Diagnostic:
    """A loss: what the page says that was not read, and what was done instead."""
    return Diagnostic(Severity.WARNING, location, message, loss=True)


def strict(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Every loss an error, for strict mode (``--strict``)."""
    return [
        Diagnostic(Severity.ERROR, d.location, d.message, loss=True, unknown=d.unknown)
        if d.loss else d
        for d in diagnostics
    ]


def has_errors(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    loc = diagnostic.location
    return (loc.path, loc.line, loc.column, diagnostic.message)

"""How findings are shown: plain lines for people, workflow commands for GitHub Actions, and
unified diffs of what `generate` would change."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path

from docmodels.diagnostics import Diagnostic
from docmodels.writer import Changes, with_marker

STYLES = ("text", "github")


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: a message may not carry raw %, CR or LF.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def diagnostic(item: Diagnostic, style: str) -> str:
    if style == "github":
        where = item.location
        return (
            f"::{item.severity.value} file={_escape_property(where.path)},line={where.line},"
            f"col={where.column}::{_escape_data(item.message)}"
        )
    return str(item)


def stale(path: str, message: str, style: str) -> str:
    if style == "github":
        return f"::error file={_escape_property(path)}::{_escape_data(message)}"
    return f"{path}: {message}"


def unified_diff(output: Path, files: Mapping[str, str], changes: Changes) -> str:
    """What `generate` would change in ``output``, as one unified diff (git's a/ b/ labels)."""
    wanted = with_marker(dict(files))
    chunks: list[str] = []
    for path in changes.paths:
        current = output / path
        try:
            old = current.read_text(encoding="utf-8") if current.is_file() else ""
        except (OSError, UnicodeDecodeError):
            old = "(not text)\n"
        new = wanted.get(path, "")
        label = f"{output.as_posix()}/{path}"
        chunks.extend(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile="/dev/null" if not current.is_file() else f"a/{label}",
                tofile="/dev/null" if path not in wanted else f"b/{label}",
            )
        )
        if chunks and not chunks[-1].endswith("\n"):
            chunks[-1] += "\n\\ No newline at end of file\n"
    return "".join(chunks)

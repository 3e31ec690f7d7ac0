"""How findings are shown: plain lines for people, workflow commands for GitHub Actions, and
unified diffs of what `generate` would change."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from pathlib import Path

from docmodels.diagnostics import Diagnostic, Severity
from docmodels.ir import ModelSet
from docmodels.terminal import visible
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
            f"::{item.severity.value} file={_escape_property(visible(where.path))},"
            f"line={where.line},col={where.column}::{_escape_data(visible(item.message))}"
        )
    return visible(str(item))


def stale(path: str, message: str, style: str) -> str:
    if style == "github":
        return f"::error file={_escape_property(visible(path))}::{_escape_data(message)}"
    return visible(f"{path}: {message}")


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


def summary(model_set: ModelSet, diagnostics: Sequence[Diagnostic]) -> str:
    """One line on what was read and what was lost, where anything was: "read 715 of 717 model
    pages; 2 left out; ..."; "" where every page is a model page read whole."""
    # Pages, not models: a python 6.x page gives its inline objects' models too.
    read = len({m.location.path for m in model_set.models})
    left_out = len(model_set.left_out)
    as_any = sum(1 for m in model_set.models for f in m.fields if f.unread is not None)
    losses = sum(1 for d in diagnostics if d.loss)
    skipped = len(model_set.skipped)
    if not (left_out or as_any or losses or skipped):
        return ""
    parts = [f"read {read} of {read + left_out} model pages"]
    if left_out:
        parts.append(f"{left_out} left out")
    if as_any:
        parts.append(f"{_count(as_any, 'property', 'properties')} read as any value")
    if losses:
        strict = any(d.loss and d.severity is Severity.ERROR for d in diagnostics)
        parts.append(
            f"{_count(losses, 'loss', 'losses')} in all"
            + ("" if strict else " (warnings above; --strict makes them errors)")
        )
    if skipped:
        parts.append(f"{_count(skipped, 'page', 'pages')} skipped: no model pages")
    return "; ".join(parts)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"

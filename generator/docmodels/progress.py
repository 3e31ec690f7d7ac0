"""Progress of a long run, on a terminal only: one line, rewritten in place ("reading pages
340/1200"), shown once the run has taken a second, redrawn at most ten times a second, and erased
before anything else is printed. Nothing at all where stderr is a pipe, a file or a CI log, or
with -q: there a line per update would be noise.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Mapping
from typing import TextIO

# Runs shorter than this show nothing; DOCMODELS_PROGRESS_AFTER (seconds) sets it (the tests set
# 0, so that a run of a few pages shows its progress without a timing-dependent test).
AFTER = 1.0
EVERY = 0.1  # the least time between two redraws
_ERASE = "\r\x1b[K"  # back to the line's start, and clear it


class Progress:
    """``stream``: where the line goes (None: nowhere); ``clock``: seconds, monotonic."""

    def __init__(
        self,
        stream: TextIO | None,
        clock: Callable[[], float] = time.monotonic,
        after: float = AFTER,
        every: float = EVERY,
    ) -> None:
        self._stream = stream
        self._clock = clock
        self._start = clock()
        self._after = after
        self._every = every
        self._label = ""
        self._done = 0
        self._total: int | None = None
        self._drawn_at: float | None = None  # when the line was last drawn; None: not shown

    def stage(self, label: str, total: int | None = None) -> None:
        """A new stage: ``label`` ("reading pages"), of ``total`` steps where that is known."""
        self._label, self._done, self._total = label, 0, total
        self._draw(force=True)

    def advance(self, steps: int = 1) -> None:
        self._done += steps
        self._draw(force=False)

    def clear(self) -> None:
        """Erase the line, so that what is printed next starts on a clean one."""
        if self._stream is not None and self._drawn_at is not None:
            self._stream.write(_ERASE)
            self._stream.flush()
            self._drawn_at = None

    def _draw(self, *, force: bool) -> None:
        if self._stream is None or not self._label:
            return
        now = self._clock()
        if now - self._start < self._after:
            return
        if not force and self._drawn_at is not None and now - self._drawn_at < self._every:
            return
        count = f" {self._done}/{self._total}" if self._total is not None else "…"
        text = f"docmodels: {self._label}{count}"
        width = shutil.get_terminal_size((80, 24)).columns
        self._stream.write(_ERASE + text[: max(width - 1, 1)])
        self._stream.flush()
        self._drawn_at = now


NONE = Progress(None)


def on_terminal(stream: TextIO, environ: Mapping[str, str] = os.environ, quiet: bool = False,
                clock: Callable[[], float] = time.monotonic) -> Progress:
    """Progress on ``stream`` where a person watches it: a terminal, not a CI log (``CI`` is set
    by GitHub Actions, GitLab, Travis, CircleCI...), not a dumb one, and not with -q."""
    if quiet or environ.get("CI", "").lower() not in ("", "0", "false"):
        return NONE
    if environ.get("TERM") == "dumb" or not _is_terminal(stream):
        return NONE
    try:
        after = float(environ.get("DOCMODELS_PROGRESS_AFTER", AFTER))
    except ValueError:
        after = AFTER
    return Progress(stream, clock, after=after)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False

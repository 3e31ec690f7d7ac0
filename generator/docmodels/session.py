"""What a long-running ``docmodels watch`` keeps in memory between its runs.

One explicit object, made by watch and passed down to the build (no module state): a run with
it reads only the pages no run before it read, where one without it must look each page up in
the cache folder (decoding 10,000 entries at 10,000 pages) or read it. It holds what the latest
run used and nothing older, so that memory follows the specs as they are, not their history.
Besides the readings it keeps what the steps after reading gave for each model (recall.py), so
that a saved page costs the work of the models it touches.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from docmodels.reading import PageReading
from docmodels.recall import Recall

if TYPE_CHECKING:
    from docmodels.writer import Known


class Session:
    """What reading each page gave, by the page cache's key (pagecache.key: the page's bytes,
    its path, the forced dialect and docmodels' own code), as the runs of one watch read it."""

    def __init__(self) -> None:
        self._kept: dict[str, PageReading] = {}  # what the latest finished run used
        self._used: dict[str, PageReading] = {}  # what the run under way has used so far
        # What the per-model steps after reading gave (keys, resolution, names, rendering),
        # by the identity of the models they read: settled by the build when it is done.
        self.steps = Recall()
        # The render memo the latest run left (emit/memo.py), by its salt: the next run's
        # starts from it, not from reading the memo file back.
        self._rendered: tuple[str, dict[str, str]] | None = None
        # What the latest run left in each output folder (runs.RunRecords.last's), by folder.
        self.written: dict[str, dict[str, Known]] | None = None
        # Writes to the cache folder a run leaves for after its line is shown (``between``).
        self._later: list[Callable[[], None]] = []

    def get(self, key: str) -> PageReading | None:
        reading = self._used.get(key)
        if reading is None:
            reading = self._kept.get(key)
            if reading is not None:
                self._used[key] = reading
        return reading

    def put(self, key: str, reading: PageReading) -> None:
        self._used[key] = reading

    def settle(self) -> None:
        """A run is done: what it used is kept, the rest let go."""
        self._kept, self._used = self._used, {}

    def rendered(self, salt: str) -> dict[str, str] | None:
        """The render memo the latest run left, where its salt is ``salt``."""
        if self._rendered is None or self._rendered[0] != salt:
            return None
        return self._rendered[1]

    def keep_rendered(self, salt: str, used: dict[str, str]) -> None:
        self._rendered = (salt, used)

    def digest(self, text: str) -> str:
        """``writer.text_hash(text)``, kept while ``text`` is the very text (a file the render
        memo gave again): the output's 20,000 files are not hashed again on every run."""
        from docmodels.writer import text_hash

        return self.steps.get("writer.hash", (text,), None, partial(text_hash, text))

    def defer(self, task: Callable[[], None]) -> None:
        """Do ``task`` (a write to the cache folder, which only saves the next run time)
        between runs, after the run's line is shown: not in the time a saved page takes."""
        self._later.append(task)

    def between(self) -> None:
        """The deferred tasks, in order (and those they defer)."""
        while self._later:
            tasks, self._later = self._later, []
            for task in tasks:
                task()

    def __len__(self) -> int:
        return len(self._kept)

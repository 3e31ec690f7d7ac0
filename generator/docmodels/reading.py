"""What reading one page gave: plain data, shared by the reader, the page cache and the loader
(which import nothing heavy through it)."""

from __future__ import annotations

from dataclasses import dataclass

from docmodels.diagnostics import Diagnostic
from docmodels.ir import Model, UnreadPage

# What a page (or a folder of pages) says for each dialect of dialects.registry.DIALECTS, in
# order: its score (the evidence of its shape and of the cells the dialect reads in its own
# vocabulary, less the cells it cannot read) and how many of its type cells it cannot read.
Evidence = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class PageReading:
    """One page's model, or why it gave none; its diagnostics; and what its shape and cells say
    for each dialect (detection weighs a whole folder's)."""

    model: Model | None
    diagnostics: tuple[Diagnostic, ...]
    evidence: Evidence = ()
    left_out: UnreadPage | None = None  # a model page that could not be read
    skipped: UnreadPage | None = None  # no model page at all
    # The dialect it was read in, forced or chosen by its own evidence (None: it gave no model).
    dialect: str | None = None
    cells: int = 0  # its type cells that are not empty (how much evidence there could be)
    # The first few type spellings on it that no dialect reads (the evidence of an unknown
    # generator, which the warning for a folder read with the fallback grammar names).
    strange: tuple[str, ...] = ()
    # The models of inline objects the page describes besides its own (python 6.x's pages).
    inline: tuple[Model, ...] = ()
    # The keys its text spells as JSON (keys.json_keys), sorted: what a folder of pages that
    # write field names shows of its key convention (an API page's payload), remembered with
    # the reading so that a run need not read the folder's pages again to learn it.
    json_keys: tuple[str, ...] = ()

"""Detection per folder: one generator writes a docs folder, so its pages are read in the one
dialect the evidence of all of them is for.

A page read on its own evidence alone may get the wrong grammar where it has little
(``**kotlin.String**`` alone, ``**Int**`` alone, a page of model references). Every page is
first read on its own (in parallel, and remembered by the page cache); the folder's evidence is
the sum of its pages'; the pages whose own choice differs are read again in the folder's
dialect. A page the folder's dialect cannot read while its own reads it whole truly contradicts
the folder: it keeps its own reading, and a warning says so.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from docmodels.diagnostics import Diagnostic, Location, warning
from docmodels.reading import Evidence, PageReading
from docmodels.recall import Recall, recalled

if TYPE_CHECKING:
    from docmodels.dialects.base import Dialect

# A page as the caller has it (its bytes, or what stands for them: load.Page), and its path.
P = TypeVar("P")


def read_by_folder(
    pages: list[tuple[P, str]], readings: list[PageReading],
    reread: Callable[[list[tuple[P, str]], Dialect], list[PageReading]],
    recall: Recall | None = None,
) -> tuple[list[PageReading], list[Diagnostic]]:
    """``readings`` (of ``pages``, each read on its own evidence) with every page read in its
    folder's dialect, where that reads it; ``reread`` reads pages in a given dialect;
    ``recall``: what an earlier run of a watch summed of a folder's readings, while they are
    the very ones (recall.py)."""
    from docmodels.dialects import registry

    by_folder: dict[str, list[int]] = {}
    for index, (_, shown) in enumerate(pages):
        by_folder.setdefault(posixpath.dirname(shown), []).append(index)
    diagnostics: list[Diagnostic] = []
    again: dict[str, list[int]] = {}
    for folder, indexes in by_folder.items():
        evidence, cells, strange = recalled(
            recall, "folders.evidence", tuple(map(readings.__getitem__, indexes)), folder,
            partial(_folder_evidence, readings, indexes),
        )
        chosen, said = _folder_dialect(folder, evidence, len(indexes), cells, strange)
        diagnostics.extend(said)
        if chosen is None:
            continue
        column = registry.index_of(chosen)
        for index in indexes:
            reading = readings[index]
            if reading.model is None or reading.dialect == chosen.name:
                continue  # no model to read differently, or read so already
            if _contradicts(reading, column, registry.DIALECTS):
                unread = reading.evidence[column][1]
                diagnostics.append(_contradiction(reading, chosen.name, unread))
                continue
            again.setdefault(chosen.name, []).append(index)
    result = list(readings)
    for name, indexes in sorted(again.items()):
        dialect = registry.by_name(name)
        assert dialect is not None
        for index, reading in zip(indexes, reread([pages[i] for i in indexes], dialect), strict=True):
            result[index] = reading
    return result, diagnostics


def _folder_evidence(
    readings: list[PageReading], indexes: list[int]
) -> tuple[Evidence, int, tuple[str, ...]]:
    """What the folder's pages say together: their evidence summed, their type cells, and the
    first few spellings no dialect reads."""
    from docmodels.dialects import registry

    evidence = registry.combined([readings[i].evidence for i in indexes])
    cells = sum(readings[i].cells for i in indexes)
    strange = tuple(dict.fromkeys(t for i in indexes for t in readings[i].strange))[:3]
    return evidence, cells, strange


def _folder_dialect(
    folder: str, evidence: Evidence, pages: int, cells: int, strange: tuple[str, ...]
) -> tuple[Dialect | None, list[Diagnostic]]:
    """The dialect a folder's evidence is for, and what to say where that evidence is weak or
    no dialect reads the folder (then the fallback grammar, where it reads more); ``cells``: the
    folder's type cells; ``strange``: a few spellings of them that no dialect reads."""
    from docmodels.dialects import registry

    at = Location(folder or ".")
    chosen = registry.best_for_folder(evidence)
    # Without a dialect the one listed first reads what no dialect claims (reader.read).
    unread = evidence[registry.index_of(chosen) if chosen is not None else 0][1]
    if chosen is not None and 2 * unread <= cells:
        score, _ = evidence[registry.index_of(chosen)]
        if pages < _MANY or score >= pages // 4:
            return chosen, []
        return chosen, [warning(at, (
            f"dialect {chosen.name!r} is chosen for the {pages} pages here on little evidence "
            f"(a score of {score}); if types read wrong, pass --dialect NAME"
        ))]
    if not unread or pages < _MANY:
        # No type cell, or only model references, which any grammar reads; or a few pages, whose
        # unread types are better reported one by one (a typo is no unknown generator).
        return chosen, []
    shown = ", ".join(repr(text if len(text) <= 60 else text[:60] + "…") for text in strange)
    evidence_text = f" (such as {shown})" if shown else ""
    fallback = registry.fallback(evidence, unread)
    if fallback is not None:
        return fallback, [warning(at, (
            f"no dialect reads the types of the {pages} pages here{evidence_text}: they are "
            f"read with the {fallback.name!r} grammar of common spellings, which leaves "
            f"{evidence[registry.index_of(fallback)][1]} of {cells} type cells unread; if you "
            "know the generator, pass --dialect NAME"
        ))]
    return chosen, [warning(at, (
        f"no dialect reads the types of the {pages} pages here{evidence_text}: {unread} of "
        f"{cells} type cells are not read; if you know the generator, pass --dialect NAME"
    ))]


# A folder of this many pages whose types give its dialect a score below a quarter of that is a
# guess worth saying; in a smaller folder, a few cells are all the evidence there is.
_MANY = 8


def _contradicts(reading: PageReading, column: int, dialects: tuple[Dialect, ...]) -> bool:
    """Whether the page truly contradicts its folder's dialect (at ``column`` of its evidence):
    that dialect cannot read some of its cells, the page's own reads them all, and the page's
    evidence is for its own (a miss costing twice, as for a folder)."""
    if not reading.evidence:
        return False
    score, unread = reading.evidence[column]
    for dialect, (own_score, own_unread) in zip(dialects, reading.evidence, strict=False):
        if dialect.name == reading.dialect:
            return unread > 0 and own_unread == 0 and own_score > score - unread
    return False


def _contradiction(reading: PageReading, folder: str, unread: int) -> Diagnostic:
    assert reading.model is not None
    return warning(
        Location(reading.model.location.path, reading.model.location.line,
                 reading.model.location.column),
        f"this page reads as {reading.dialect!r}, the rest of its folder as {folder!r}, which "
        f"cannot read {unread} of its type cells: read as {reading.dialect!r} (a folder "
        "should hold the pages of one generator; --dialect NAME reads every page in one)",
    )

""""Did you mean 'str'?": a hint for each spelling the pages use that nothing defines (an
unknown type, a model no page gives), from what the folder knows: the type names of the
dialect its pages are read in, and the names of its models.

Given once the whole folder is read (reading a page alone does not know its neighbours'
models), and once per folder and spelling: a typo repeated on twenty rows is one mistake.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import replace

from docmodels.diagnostics import Diagnostic, sort_key
from docmodels.dialects import registry
from docmodels.ir import ModelSet
from docmodels.suggest import closest

# The most spellings of one folder compared (difflib takes some 35 ms for one against 10,000
# model names): more unknown spellings than this are a generator no dialect reads, which the
# folder's own warning names (folders.py), not typos.
_MOST = 20


def with_hints(diagnostics: Sequence[Diagnostic], model_set: ModelSet) -> list[Diagnostic]:
    """``diagnostics`` (sorted), the first of each folder's unknown spellings with the hint.
    The names of models whose page was left out count too: their own loss says why."""
    dialect_of = {m.location.path: m.dialect for m in model_set.models}
    names: dict[str, set[str]] = {}
    for model in model_set.models:
        names.setdefault(posixpath.dirname(model.location.path), set()).add(model.name)
    for page in model_set.left_out:
        if page.name is not None:
            names.setdefault(posixpath.dirname(page.path), set()).add(page.name)
    hinted: set[tuple[str, str]] = set()
    tried: dict[str, int] = {}  # folder -> spellings compared
    result: list[Diagnostic] = []
    for diagnostic in sorted(diagnostics, key=sort_key):
        word = diagnostic.unknown
        path = diagnostic.location.path
        folder = posixpath.dirname(path)
        if word is None or (folder, word) in hinted or tried.get(folder, 0) >= _MOST:
            result.append(diagnostic)
            continue
        hinted.add((folder, word))
        tried[folder] = tried.get(folder, 0) + 1
        dialect = registry.by_name(dialect_of.get(path, ""))
        known = names.get(folder, set()) | (dialect.vocabulary if dialect is not None else set())
        meant = closest(word, known)
        if meant is None:
            result.append(diagnostic)
        else:
            result.append(replace(diagnostic, message=f"{diagnostic.message}; did you mean {meant!r}?"))
    return result

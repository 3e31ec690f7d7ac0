"""The folder a run's spec paths are written relative to (in generated headers, docs, the IR and
diagnostics): the project's, never the working folder, so that the output is the same whichever
folder the command runs in, and ``docmodels check`` run from anywhere finds nothing stale.

The project is the folder of the pyproject.toml that configured the run, where the specs are in
it. Otherwise (no pyproject.toml above the working folder, or one of another project) it is found
from the specs themselves: the nearest folder above them that holds a pyproject.toml or is a git
repository's top (``.git``), else the spec folder's parent. The specs are the one thing every run
names, from the command line or the configuration; the pyproject.toml above them is the one a run
from the project's folder finds, so both runs write the same paths. A project without a
pyproject.toml is most often a repository: its top is where such a run went before. Else a spec
folder's parent: ``specs/Pet.md`` for a folder ``specs``, as a run beside it wrote; and for a page
named by itself, its own folder: ``Pet.md``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path


def project_base(specs: Sequence[Path], root: Path | None) -> Path:
    """``root``: the folder of the pyproject.toml that configured the run, if any."""
    resolved = [Path(os.path.realpath(spec)) for spec in specs]
    if root is not None:
        top = Path(os.path.realpath(root))
        if all(spec.is_relative_to(top) for spec in resolved):
            return root
    if not resolved:
        return root if root is not None else Path.cwd()
    return Path(os.path.commonpath([_anchor(spec) for spec in resolved]))


def _anchor(spec: Path) -> Path:
    """The project folder of one spec folder or page."""
    folder = spec if spec.is_dir() else spec.parent
    for candidate in (folder, *folder.parents):
        if (candidate / "pyproject.toml").is_file() or (candidate / ".git").exists():
            return candidate
    return folder.parent if spec.is_dir() else folder

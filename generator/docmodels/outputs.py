"""Where a run's files go: the folders docmodels owns, each replaced as a whole (writer.py).

By default one folder (``output``, output/) holds the package and the docs, and is docmodels'
own. A project whose package belongs in a folder that holds other files (a ``src/`` layout) names
the package folder (``package-dir``, src/api_models) and the docs folder (``docs-dir``,
docs/models) instead: each of the two is docmodels' own and replaced as a whole, and the folders
around them stay the user's. Naming either one splits the output in two; the other keeps its
place in the output folder (output/<package>, output/docs).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from docmodels.writer import Changes, Known, check_owned, compare, write_tree_known

DOCS = "docs"  # the folder of the docs among the build's files (emit.docs.DocsEmitter)


@dataclass(frozen=True, slots=True)
class Owned:
    """A folder docmodels owns: the build's files under ``prefix`` go into it, without the
    prefix ("": all of them)."""

    folder: Path
    prefix: str = ""

    def files(self, files: dict[str, str]) -> dict[str, str]:
        return {
            path[len(self.prefix):]: content
            for path, content in files.items()
            if path.startswith(self.prefix)
        }


def owned_folders(
    output: Path, package: str, package_dir: Path | None = None, docs_dir: Path | None = None
) -> tuple[Owned, ...]:
    if package_dir is None and docs_dir is None:
        return (Owned(output),)
    return (
        Owned(package_dir if package_dir is not None else output / package, f"{package}/"),
        Owned(docs_dir if docs_dir is not None else output / DOCS, f"{DOCS}/"),
    )


def overlap(owned: Sequence[Owned]) -> tuple[Path, Path] | None:
    """Two of the folders where one is (inside) the other: neither could be replaced alone."""
    resolved = [(o.folder, Path(os.path.realpath(o.folder))) for o in owned]
    for index, (a, real_a) in enumerate(resolved):
        for b, real_b in resolved[index + 1:]:
            if real_a.is_relative_to(real_b) or real_b.is_relative_to(real_a):
                return a, b
    return None


def write(
    owned: Sequence[Owned], files: dict[str, str],
    previous: Mapping[str, Mapping[str, Known]] | None = None,
    digests_of: Callable[[str, list[str]], list[str]] | None = None, keep: Path | None = None,
) -> tuple[Changes, dict[str, dict[str, Known]]]:
    """Replace each folder with its files. Each one is the old or the new tree at every moment;
    the package is written before its docs (a run stopped between them leaves old docs).
    Nothing is written unless every folder is docmodels' own. ``previous``: what the last run
    left in each folder (by resolved path; writer.write_tree_known); returns the changes and
    what this run leaves in each folder; ``digests_of``: a folder's texts' hashes
    (writer.text_hash), by the folder, as a watch remembers them; ``keep``: where to keep each folder's swapped-out tree for the next run
    (kept.py; None: deleted)."""
    for place in owned:
        check_owned(place.folder)
    added: list[str] = []
    changed: list[str] = []
    removed: list[str] = []
    written: dict[str, dict[str, Known]] = {}
    for place in owned:
        folder = str(place.folder.resolve())
        changes, written[folder] = write_tree_known(
            place.folder, place.files(files), (previous or {}).get(folder, {}),
            partial(digests_of, folder) if digests_of is not None else None, keep,
        )
        added += (place.prefix + p for p in changes.added)
        changed += (place.prefix + p for p in changes.changed)
        removed += (place.prefix + p for p in changes.removed)
    return Changes(tuple(sorted(added)), tuple(sorted(changed)), tuple(sorted(removed))), written


def differences(owned: Sequence[Owned], files: dict[str, str]) -> list[tuple[Owned, Changes]]:
    """What writing would change in each folder."""
    return [(place, compare(place.folder, place.files(files))) for place in owned]


def names(owned: Sequence[Owned]) -> str:
    """The folders, as messages name them."""
    return " and ".join(str(place.folder) for place in owned)

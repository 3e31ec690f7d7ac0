#!/usr/bin/env python3
"""Real specs through real openapi-generator releases, then docmodels on every docs folder.

    python groundtruth/real/run.py                          # FOCUS generators, 7.26.0, 60 specs
    python groundtruth/real/run.py --generators go rust --specs 10 --versions 7.26.0 6.6.0
    python groundtruth/real/run.py --seed 2                 # draw a new manifest first
    python groundtruth/real/run.py --measure-only           # re-measure the cached folders

Per (spec, generator, release): does the docs folder, as the generator wrote it, generate
(``docmodels generate`` exits 0), with how many error and warning diagnostics, how many models
are read of the model pages present, and which of the spec's facts are recovered. Writes
groundtruth/real/results/*.tsv and the section of docs/recovery.md (report.py). Generated
folders stay in ~/.cache/docmodels-groundtruth/real/generated/ (never in the repository).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from groundtruth.real import batch, cache, carried, generators, report, sample
from groundtruth.real.facts import spec_facts
from groundtruth.real.measure import Result, catalog_folder, docs_folder, measure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--generators", nargs="+", default=list(generators.FOCUS))
    parser.add_argument("--versions", nargs="+", default=["7.26.0"])
    parser.add_argument("--specs", type=int, default=60, help="the first N of the manifest")
    parser.add_argument("--start", type=int, default=0,
                        help="skip the first S of those (to add specs to an earlier run)")
    parser.add_argument("--seed", type=int, help="draw a new manifest with this seed first")
    parser.add_argument("--measure-only", action="store_true",
                        help="do not run openapi-generator; measure the folders in the cache")
    parser.add_argument("--generate-only", action="store_true",
                        help="run openapi-generator, measure later (--measure-only)")
    parser.add_argument("--tag", help="results file suffix (default: the releases); runs of "
                        "other generators in parallel need their own")
    parser.add_argument("--no-docs", action="store_true", help="leave docs/recovery.md alone")
    args = parser.parse_args(argv)
    if args.seed is not None:
        sample.main(["--seed", str(args.seed)])
    directory, entries = sample.read()
    _, root = cache.directory(directory)
    entries = entries[args.start : args.specs]
    os.environ.setdefault("DOCMODELS_CACHE_DIR", str(cache.ROOT / "docmodels-cache"))
    # Thousands of folders read again on the next measurement: a bound above the default 200 MiB
    # keeps their pages (the least recently used entries, such as the memos of temporary output
    # folders, still go first).
    os.environ.setdefault("DOCMODELS_CACHE_MAX_MIB", "2048")
    rows: list[report.Row] = []
    times: list[tuple[str, str, int, float, float]] = []
    for version in args.versions:
        available = set(generators.listed(version))
        for generator in args.generators:
            if generator not in available:
                print(f"{generator}@{version}: not in this release", flush=True)
                continue
            jobs = [batch.Job(generator, root / e.path, cache.generated(e.id, generator, version))
                    for e in entries]
            elapsed = 0.0
            if not args.measure_only:
                # Half a minute a spec at most; the jobs past it are retried one by one.
                minutes = max(3, (len(jobs) + 1) // 2)
                _, elapsed, log = batch.run(version, jobs, timeout_minutes=minutes)
                logs = cache.ROOT / "logs"
                logs.mkdir(exist_ok=True)
                (logs / f"{generator}@{version}.log").write_text(log, encoding="utf-8")
            start = time.monotonic()
            measured_here: list[tuple[report.Row, Result | None]] = []
            for entry, job in zip(entries, jobs):
                if not args.generate_only:
                    measured_here.append(_one(entry, root, job, version))
            # Whether a page carries a fact is judged over all the release's folders at once.
            ours = catalog_folder(generator, version)
            pooled = carried.pool([m.carried for _, m in measured_here if m is not None]
                                  + ([ours] if ours is not None else []))
            for row, result in measured_here:
                if result is not None:
                    row.judge(carried.judge(result.score.misses, result.carried, pooled))
                rows.append(row)
            measured = time.monotonic() - start
            times.append((generator, version, len(jobs), elapsed, measured))
            if args.generate_only:
                print(f"{generator}@{version}: openapi-generator {elapsed:.0f} s", flush=True)
                _record_time(generator, version, len(jobs), elapsed)
                continue
            done = [r for r in rows if r.generator == generator and r.version == version]
            ok = sum(1 for r in done if r.generates)
            print(f"{generator}@{version}: {ok}/{len(done)} generate; openapi-generator "
                  f"{elapsed:.0f} s, docmodels {measured:.0f} s", flush=True)
            tag = args.tag or "+".join(args.versions)
            report.write_results(rows, times, directory, args.specs, tag)
    if not args.no_docs and not args.generate_only:
        report.write_docs(directory)
    return 0


def _record_time(generator: str, version: str, folders: int, seconds: float) -> None:
    """Generation times, kept apart from the results (measure-only runs leave them out)."""
    path = report.RESULTS / "generation-times.tsv"
    report.RESULTS.mkdir(exist_ok=True)
    if not path.is_file():
        path.write_text("generator\tversion\tfolders\topenapi_generator_seconds\n",
                        encoding="utf-8")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"{generator}\t{version}\t{folders}\t{seconds:.0f}\n")


def _one(entry: sample.Entry, root: Path, job: batch.Job,
         version: str) -> tuple[report.Row, Result | None]:
    row = report.Row(entry.id, job.generator, version)
    if not batch.finished(job):
        row.status = "openapi-generator failed"
        return row, None
    docs = docs_folder(job.out)
    if docs is None:
        row.status = "no docs folder"
        return row, None
    spec = json.loads((root / entry.path).read_text(encoding="utf-8"))
    facts = spec_facts(spec)
    start = time.monotonic()
    result = measure(docs, facts, spec)
    row.fill(result, time.monotonic() - start, docs.relative_to(job.out).as_posix())
    return row, result


if __name__ == "__main__":
    raise SystemExit(main())

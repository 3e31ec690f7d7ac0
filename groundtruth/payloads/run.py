#!/usr/bin/env python3
"""The payload measure over our catalog and the real sample; results and the table.

    python groundtruth/payloads/run.py --catalog [--target dataclasses] [--folders go@7.26.0 ...]
    python groundtruth/payloads/run.py --real [--generators go rust] [--specs 25]
                                       [--versions 7.26.0] [--target dataclasses]
    python groundtruth/payloads/run.py --table      # results/table.md from the results TSVs
    python groundtruth/payloads/run.py --table --docs   # and the section of docs/recovery.md

--catalog: groundtruth/specs/catalog.yaml against every folder of groundtruth/pages/catalog/.
--real: the folders openapi-generator wrote for the first N specs of groundtruth/real/
manifest.tsv, as cached in ~/.cache/docmodels-groundtruth/real/generated/ (only finished ones:
groundtruth.real.batch.finished), against the spec each was written from. Each run writes
results/<run>-folders.tsv (a row per folder) and results/<run>-failures.tsv (a row per payload
that was not round-tripped, rejected as it should, or that crashed), then the table.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from groundtruth.expected import load_spec
from groundtruth.payloads.generate import Payload, payloads
from groundtruth.payloads.measure import FolderResult, measure

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RESULTS = HERE / "results"
CATALOG_SPEC = ROOT / "groundtruth" / "specs" / "catalog.yaml"
CATALOG_PAGES = ROOT / "groundtruth" / "pages" / "catalog"

FOLDER_COLUMNS = ("folder", "target", "generates", "schemas", "unmapped", "valid", "accepted",
                  "round_tripped", "invalid", "rejected", "invalid_not_carried",
                  "rejected_not_carried", "invalid_unmeasured", "crashes", "seconds", "error")
# A row per folder and cause: how many payloads, and the first of them as the example.
FAILURE_COLUMNS = ("folder", "target", "kind", "cause", "payloads", "schema", "case", "detail")


def row(result: FolderResult) -> dict[str, str]:
    accepted = (result.count(valid=True, result="accepted")
                + result.count(valid=True, result="round-trip"))
    return {
        "folder": result.folder, "target": result.target,
        "generates": "yes" if result.generates else "no",
        "schemas": str(result.schemas), "unmapped": str(len(result.unmapped)),
        "valid": str(result.count(valid=True)), "accepted": str(accepted),
        "round_tripped": str(result.count(valid=True, result="round-trip")),
        "invalid": str(result.count(valid=False, carried=True, base=True)),
        "rejected": str(result.count(valid=False, carried=True, base=True, result="rejected")),
        "invalid_not_carried": str(result.count(valid=False, carried=False, base=True)),
        "rejected_not_carried": str(result.count(valid=False, carried=False, base=True,
                                                 result="rejected")),
        "invalid_unmeasured": str(result.count(valid=False, base=False)),
        "crashes": str(result.crashes), "seconds": f"{result.seconds:.1f}",
        "error": result.error,
    }


def kind(valid: bool, result: str, carried: bool) -> str | None:
    """What went wrong with one payload, or None when nothing did."""
    if result == "crash":
        return "crash"
    if valid:
        return {"rejected": "valid rejected", "accepted": "not round-tripped"}.get(result)
    if result == "accepted":
        return "invalid accepted" if carried else "invalid accepted (not carried)"
    return None


def failures(result: FolderResult) -> list[dict[str, str]]:
    out = []
    for o in result.outcomes:
        what = kind(o.payload.valid, o.result, o.carried)
        if what is None or not o.payload.valid and not o.base and what != "crash":
            continue
        # A round trip may change several things: a row for each kind of change.
        causes = (o.cause or f"{o.payload.rule} not checked").split("; ")
        details = o.detail.replace("\t", " ").replace("\n", " ").split("; ")
        if len(details) != len(causes):
            details = ["; ".join(details)] * len(causes)
        for cause, detail in zip(causes, details):
            out.append({"folder": result.folder, "target": result.target,
                        "schema": o.payload.schema, "case": o.payload.case, "kind": what,
                        "cause": cause, "detail": detail})
    for schema in result.unmapped:
        out.append({"folder": result.folder, "target": result.target, "schema": schema,
                    "case": "", "kind": "no class", "cause": "no generated class for the schema",
                    "detail": ""})
    return out


def aggregate(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The failures of each folder by cause: a count and the first example (the results stay
    small: a big spec fails the same way in thousands of payloads)."""
    out: dict[tuple[str, str, str, str], dict[str, str]] = {}
    for r in rows:
        key = (r["folder"], r["target"], r["kind"], r["cause"])
        if key in out:
            out[key]["payloads"] = str(int(out[key]["payloads"]) + int(r.get("payloads", 1)))
        else:
            out[key] = {**r, "payloads": str(r.get("payloads", 1))}
    return list(out.values())


def write(run: str, results: list[FolderResult], seconds: float) -> None:
    _write_results(run, results)
    times = RESULTS / "times.tsv"
    if not times.is_file():
        times.write_text("run\tfolders\tseconds\n", encoding="utf-8")
    with times.open("a", encoding="utf-8") as handle:
        handle.write(f"{run}\t{len(results)}\t{seconds:.0f}\n")


def _write_results(run: str, results: list[FolderResult]) -> None:
    RESULTS.mkdir(exist_ok=True)
    with (RESULTS / f"{run}-folders.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FOLDER_COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(row(r) for r in results)
    with (RESULTS / f"{run}-failures.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FAILURE_COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for r in results:
            writer.writerows(aggregate(failures(r)))


def catalog(target: str, only: list[str] | None) -> list[FolderResult]:
    spec = load_spec(CATALOG_SPEC)
    cases = payloads(spec)
    out = []
    for folder in sorted(p for p in CATALOG_PAGES.iterdir() if p.is_dir()):
        if only and folder.name not in only:
            continue
        out.append(measure(folder, spec, target, folder.name, cases))
        _progress(out[-1])
    return out


# A key's convention where its spelling shows one (a one-word key fits several).
_CONVENTIONS = (
    ("camelCase", re.compile(r"[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+")),
    ("snake_case", re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")),
    ("PascalCase", re.compile(r"(?:[A-Z][a-z0-9]+){2,}")),
    ("kebab-case", re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+")),
)


def spec_convention(spec: dict[str, Any]) -> str | None:
    """The key convention most of the spec's property keys show: what a user who knows the API
    sets in one line (``keys = "camelCase"``); None where no key shows one."""
    counts: Counter[str] = Counter()
    for schema in spec.get("components", {}).get("schemas", {}).values():
        stack = [schema]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
                continue
            if not isinstance(node, dict):
                continue
            properties = node.get("properties")
            if isinstance(properties, dict):
                for key in properties:
                    found = [name for name, rule in _CONVENTIONS if rule.fullmatch(str(key))]
                    counts.update(found[:1])
            stack.extend(v for k, v in node.items() if k != "properties")
            if isinstance(properties, dict):
                stack.extend(properties.values())
    return counts.most_common(1)[0][0] if counts else None


def real(target: str, generators: list[str] | None, versions: list[str],
         specs: int, run: str = "", keys: bool = False) -> list[FolderResult]:
    """Every finished cached folder of the first ``specs`` specs; the results are written after
    each spec (``run``), so that a long run stopped early keeps what it measured. ``keys``:
    each folder is given the key convention of its spec (spec_convention), as a user would set
    it."""
    from groundtruth.real import batch, cache, sample
    from groundtruth.real.measure import docs_folder

    directory, entries = sample.read()
    root = cache.ROOT / directory / "package"
    out = []
    for entry in entries[:specs]:
        spec_dir = cache.ROOT / "generated" / entry.id
        if not spec_dir.is_dir():
            continue
        folders = []
        for folder in sorted(spec_dir.iterdir()):
            generator, _, version = folder.name.partition("@")
            if version not in versions or generators and generator not in generators:
                continue
            if not batch.finished(batch.Job(generator, root / entry.path, folder)):
                continue
            docs = docs_folder(folder)
            if docs is not None:
                folders.append((folder.name, docs))
        if not folders:
            continue
        spec = json.loads((root / entry.path).read_text(encoding="utf-8"))
        cases = payloads(spec)
        convention = spec_convention(spec) if keys else None
        for name, docs in folders:
            out.append(measure(docs, spec, target, f"{entry.id}/{name}", cases, convention))
            _progress(out[-1])
        if run:
            _write_results(run, out)
    return out


def _progress(result: FolderResult) -> None:
    r = row(result)
    print(f"{r['folder']} {r['target']}: {r['accepted']}/{r['valid']} accepted, "
          f"{r['round_tripped']} round-tripped, {r['rejected']}/{r['invalid']} rejected, "
          f"{r['crashes']} crashes, {r['seconds']} s {r['error']}", flush=True)


# The table --------------------------------------------------------------------------------


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _pct(part: int, whole: int) -> str:
    if whole == 0:
        return "–"
    # One decimal, rounded down: a goal of 99% is not met by 98.97%, which rounding shows as
    # 99, nor is 100% by 99.96%.
    share = math.floor(1000 * part / whole) / 10
    shown = "100" if part == whole else f"{share:.1f}"
    return f"{shown}% ({part}/{whole})"


SUMS = ("valid", "accepted", "round_tripped", "invalid", "rejected", "invalid_not_carried",
        "rejected_not_carried", "invalid_unmeasured", "crashes", "schemas", "unmapped")


def _group(folder: str, group: str) -> str:
    return folder if group == "folder" else folder.split("/", 1)[1]


def table(rows: list[dict[str, str]], group: str, fails: list[dict[str, str]],
          contrary: list[dict[str, str]] | None = None) -> str:
    """One line per group (a folder, or a generator@release over specs), and the total; with
    the most frequent cause of a valid payload not coming back unchanged. ``contrary``: the
    run's classified rejections (contrary.py), for the column of valid payloads round-tripped
    where no page says otherwise than the spec."""
    against: Counter[str] = Counter()
    for c in contrary or ():
        if c["class"] != "not contrary":
            against[_group(c["folder"], group)] += int(c["payloads"])
    main: dict[str, Counter[str]] = defaultdict(Counter)
    for f in fails:
        if f["kind"] in ("valid rejected", "not round-tripped", "crash"):
            main[_group(f["folder"], group)][f"{f['kind']}: {f['cause']}"] += int(f["payloads"])
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        key = _group(r["folder"], group)
        counts = groups[key]
        counts["folders"] += 1
        counts["generates"] += r["generates"] == "yes"
        for column in SUMS:
            counts[column] += int(r[column])
    for key, count in against.items():
        groups[key]["contrary"] += count
    total: Counter[str] = Counter()
    for c in groups.values():
        total.update(c)
    extra = contrary is not None
    lines = [("| pages | folders generate | classes found | valid accepted | round-tripped | "
              + ("where no page says otherwise | " if extra else "")
              + "invalid rejected | not carried: rejected | invalid unmeasured | crashes | "
              "main cause (payloads) |"),
             "|---|---|---|---|---|---|---|---|---|---|" + ("---|" if extra else "")]
    for key, c in [*sorted(groups.items()), ("**all**", total)]:
        others = [_pct(c["round_tripped"], c["valid"] - c["contrary"])] if extra else []
        lines.append(" | ".join([
            f"| {key}", f"{c['generates']}/{c['folders']}",
            f"{c['schemas'] - c['unmapped']}/{c['schemas']}",
            _pct(c["accepted"], c["valid"]), _pct(c["round_tripped"], c["valid"]), *others,
            _pct(c["rejected"], c["invalid"]),
            f"{c['rejected_not_carried']}/{c['invalid_not_carried']}",
            str(c["invalid_unmeasured"]), str(c["crashes"]), f"{_main(main.get(key))} |"]))
    return "\n".join(lines) + "\n"


def _main(counts: Counter[str] | None) -> str:
    if not counts:
        return ""
    cause, count = counts.most_common(1)[0]
    return f"{cause} ({count})".replace("|", "/")


def causes(rows: list[dict[str, str]], top: int = 12) -> str:
    """The most frequent causes per kind of failure, each with an example."""
    by: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by[(r["kind"], r["cause"])].append(r)
    lines = ["| what | cause | payloads | folders | example |", "|---|---|---|---|---|"]
    counted = {key: sum(int(r["payloads"]) for r in found) for key, found in by.items()}
    ranked = sorted(by.items(), key=lambda item: (-counted[item[0]], item[0]))
    for (what, cause), found in ranked[:top]:
        folders = len({r["folder"] for r in found})
        ex = found[0]
        example = f"{ex['folder']} {ex['schema']} `{ex['case']}`: {ex['detail']}"[:220]
        example = example.replace("|", "\\|")
        lines.append(f"| {what} | {cause.replace('|', '/')} | {counted[(what, cause)]} | "
                     f"{folders} | {example} |")
    return "\n".join(lines) + "\n"


def contrary_rows(rows: list[dict[str, str]]) -> str:
    """The valid payloads rejected where a page says otherwise than the spec, grouped by spec,
    class and where (contrary.py), so that each can be checked."""
    by: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        if r["class"] != "not contrary":
            spec = r["folder"].split("/", 1)[0]
            by[(spec, r["class"], r["detail"].split(": ", 1)[0])].append(r)
    lines = ["| spec | the page | where | payloads | folders | example |",
             "|---|---|---|---|---|---|"]
    counted = {key: sum(int(r["payloads"]) for r in found) for key, found in by.items()}
    for key, found in sorted(by.items(), key=lambda item: (-counted[item[0]], item[0])):
        example = f"{found[0]['folder']} {found[0]['schema']}: {found[0]['detail']}"[:200]
        lines.append(f"| {key[0]} | {key[1]} | `{key[2]}` | {counted[key]} | "
                     f"{len({r['folder'] for r in found})} | {example.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def _contrary(run: str) -> list[dict[str, str]] | None:
    path = RESULTS / f"{run}-contrary.tsv"
    return _read(path) if path.is_file() else None


LEGEND = """\
# What the generated models do with the payloads the API sends

Written by `python groundtruth/payloads/run.py --table` from groundtruth/payloads/results/*.tsv
(payloads: groundtruth/payloads/generate.py; the measure: groundtruth/payloads/measure.py).
Per object schema of the spec, payloads the spec allows (every property; the required ones;
each nullable one null; each enum value; each union member; date-times as APIs write them:
`Z`, offsets, milli-, micro- and nanoseconds; integral numbers) and payloads it rules out (a
required property missing, a value of the wrong JSON type, a string outside the enum).

- **classes found**: spec schemas with a generated class of the same name;
- **valid accepted**: `from_dict` returns; **round-tripped**: `to_dict()` gives the payload
  back: the same keys at every level, the same values (numbers equal by value);
- **invalid rejected**: `from_dict` raises `ValidationError`, counted where the page carries
  the fact that rules the payload out (the property under its wire name, marked required, with
  a type, with its enum values) and the valid payload it breaks is accepted;
  **not carried: rejected**: the others where the valid payload is accepted;
  **invalid unmeasured**: the valid payload it breaks is not accepted (a rejection would say
  nothing of the rule);
- **crashes**: any other exception from `from_dict` or `to_dict`, or a model that does not
  import;
- **where no page says otherwise** (real specs): round-tripped, out of the valid payloads
  less those rejected because a page states otherwise than the spec (a property it marks
  required that the spec does not; a type that does not take the spec's value, as a model
  named DateTime written as a date-time string), which no reading of that page could take:
  `groundtruth/payloads/contrary.py RUN` classifies them, and each is listed below the table;
- **main cause**: the most frequent reason a valid payload did not come back unchanged.
"""


def write_table() -> Path:
    parts = [LEGEND]
    times = _read(RESULTS / "times.tsv") if (RESULTS / "times.tsv").is_file() else []
    for path in sorted(RESULTS.glob("*-folders.tsv")):
        run = path.name[: -len("-folders.tsv")]
        rows = _read(path)
        fails = _read(RESULTS / f"{run}-failures.tsv")
        seconds = next((t["seconds"] for t in reversed(times) if t["run"] == run), "?")
        group = "folder" if run.startswith("catalog") else "generator"
        parts.append(f"\n## {run} ({len(rows)} folders, {seconds} s)\n\n")
        contrary = _contrary(run)
        parts.append(table(rows, group, fails, contrary))
        parts.append(f"\nTop causes ({run}):\n\n")
        parts.append(causes(fails))
        if contrary is not None:
            parts.append(f"\nValid payloads rejected where a page says otherwise ({run}):\n\n")
            parts.append(contrary_rows(contrary))
    out = RESULTS / "table.md"
    out.write_text("".join(parts), encoding="utf-8")
    return out


DOCS = ROOT / "docs" / "recovery.md"
BEGIN, END = "<!-- payloads: begin -->\n", "<!-- payloads: end -->\n"


def _version(folder: str) -> tuple[int, ...]:
    return tuple(int(p) for p in folder.rsplit("@", 1)[-1].split(".") if p.isdigit())


def docs_section() -> str:
    """The section of docs/recovery.md: every target over the catalog, the default target per
    generator (its newest release) over the catalog and over the real sample, the main causes."""
    parts = [LEGEND.split("\n", 2)[2], "\n### Every target, over our catalog\n\n"]
    header = table([], "folder", []).splitlines()[:2]
    totals = [header[0].replace("| pages |", "| target |", 1), header[1]]
    for path in sorted(RESULTS.glob("catalog-*-folders.tsv")):
        target = path.name[len("catalog-"): -len("-folders.tsv")]
        last = table(_read(path), "folder", []).strip().splitlines()[-1]
        totals.append(last.replace("| **all** |", f"| {target} |", 1))
    parts.append("\n".join(totals) + "\n")
    catalog = RESULTS / "catalog-dataclasses-folders.tsv"
    if catalog.is_file():
        rows = _read(catalog)
        newest: dict[str, str] = {}
        for r in rows:
            name = r["folder"].rsplit("@", 1)[0]
            if name not in newest or _version(r["folder"]) > _version(newest[name]):
                newest[name] = r["folder"]
        kept = [r for r in rows if r["folder"] in newest.values()]
        fails = _read(RESULTS / "catalog-dataclasses-failures.tsv")
        parts.append("\n### The default target (dataclasses), per generator's newest release, over "
                     "our catalog\n\n" + table(kept, "folder", fails))
        parts.append("\nMain causes, every catalog folder:\n\n" + causes(fails, 8))
    real_rows = RESULTS / "real-dataclasses-folders.tsv"
    if real_rows.is_file():
        fails = _read(RESULTS / "real-dataclasses-failures.tsv")
        contrary = _contrary("real-dataclasses")
        parts.append("\n### The default target over the real sample\n\n"
                     + table(_read(real_rows), "generator", fails, contrary))
        parts.append("\nMain causes, real sample:\n\n" + causes(fails, 8))
        if contrary is not None:
            parts.append("\nValid payloads rejected where a page says otherwise than the spec "
                         "(no reading of that page takes them):\n\n" + contrary_rows(contrary))
    keyed = RESULTS / "real-keys-dataclasses-folders.tsv"
    if keyed.is_file():
        fails = _read(RESULTS / "real-keys-dataclasses-failures.tsv")
        parts.append("\n### The default target over the real sample, with the key convention "
                     "set in one line\n\nEach folder generated with `--keys` set to the "
                     "convention most of its spec's keys follow (`keys = \"camelCase\"` in "
                     "`[tool.docmodels]`), as a user who knows the API would set it.\n\n"
                     + table(_read(keyed), "generator", fails,
                             _contrary("real-keys-dataclasses")))
        parts.append("\nMain causes, real sample with the key convention set:\n\n"
                     + causes(fails, 8))
    return "".join(parts)


def write_docs() -> None:
    text = DOCS.read_text(encoding="utf-8")
    body = docs_section()
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        text = head + BEGIN + body + END + rest.split(END, 1)[1]
    else:
        text = (text.rstrip("\n") + "\n\n## Payloads: what the user meets\n\n" + BEGIN + body
                + END)
    DOCS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalog", action="store_true")
    parser.add_argument("--real", action="store_true")
    parser.add_argument("--table", action="store_true", help="only write results/table.md")
    parser.add_argument("--docs", action="store_true",
                        help="also write the section of docs/recovery.md")
    parser.add_argument("--target", default="dataclasses")
    parser.add_argument("--folders", nargs="+", help="catalog folders (default: all)")
    parser.add_argument("--generators", nargs="+", help="real: generators (default: all cached)")
    parser.add_argument("--versions", nargs="+", default=["7.26.0"])
    parser.add_argument("--specs", type=int, default=25, help="real: the first N of the manifest")
    parser.add_argument("--run", help="results name (default: catalog-TARGET, real-TARGET)")
    parser.add_argument("--keys", action="store_true",
                        help="real: set each folder's key convention to its spec's, the one "
                        "line a user adds (results real-keys-TARGET)")
    args = parser.parse_args(argv)
    os.environ.setdefault("DOCMODELS_CACHE_DIR", str(Path.home() / ".cache" / "docmodels"))
    # Thousands of folders read again on the next measurement: a bound above the default 200 MiB
    # keeps their pages (the least recently used entries, such as the memos of temporary output
    # folders, still go first).
    os.environ.setdefault("DOCMODELS_CACHE_MAX_MIB", "2048")
    for wanted, name in ((args.catalog, "catalog"), (args.real, "real")):
        if not wanted:
            continue
        start = time.monotonic()
        if name == "catalog":
            results = catalog(args.target, args.folders)
        else:
            name = f"{name}-keys" if args.keys else name
            results = real(args.target, args.generators, args.versions, args.specs,
                           args.run or f"{name}-{args.target}", keys=args.keys)
        write(args.run or f"{name}-{args.target}", results, time.monotonic() - start)
    print(write_table())
    if args.docs:
        write_docs()
    return 0


__all__ = ["Payload", "main"]

if __name__ == "__main__":
    raise SystemExit(main())

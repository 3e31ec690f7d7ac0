#!/usr/bin/env python3
"""Time docmodels against its peers on corpora of N model pages, and write the table.

    .venv/bin/python benchmarks/run.py      # N = 50, 1,000 and 10,000; the peers up to 1,000;
                                            # then benchmarks/runtime.py and imports.py

For each N it writes the corpus (benchmarks/corpus.py: the pages and the equivalent OpenAPI
spec) and, in the same run, times

- docmodels generate: cold (an empty black cache and no output folder), no-op (run again,
  nothing changed) and with one page changed (one page's description edited), each with its
  CPU time too (the process's and its workers', from wait4); the no-op and the change after it
  are a pair, run back to back, and the change's CPU is judged against its own no-op's;
- datamodel-code-generator on the spec (dataclasses), with its default formatters (black and
  isort) and with --no-formatters;
- openapi-generator's python models on the spec, when ``java`` is on PATH;
- ``docmodels --version``.

Every tool runs with Python's bytecode cache on (``PYTHONDONTWRITEBYTECODE`` is removed from
the environment), as installed tools run for their users; the smallest corpus goes first, so
the caches are written before the corpora that count.

The peers are installed into a virtual environment of their own, benchmarks/.peers/venv
(created on first use), never into the project's. Each measure is the best of --repeat runs;
peak memory is the largest resident set of the command's processes (wait4's ru_maxrss). The
1-minute load average is read before and after each run, so that the table says how busy the
machine was. Then one cold run of the --profile-size corpus is timed stage by stage
(benchmarks/stages.py). The tables are printed and written into docs/benchmarks.md (and a
summary into README.md) between markers.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # benchmarks/ is a folder of scripts, not a package
import floor
import stages
from machine import describe

PEERS = HERE / ".peers" / "venv"
# Pinned, so that a table's numbers can be reproduced.
PEER_PACKAGES = ("datamodel-code-generator==0.89.0", "openapi-generator-cli==7.26.0")
DOCS = REPO / "docs" / "benchmarks.md"
README = REPO / "README.md"
BEGIN, END = "<!-- benchmarks: begin -->", "<!-- benchmarks: end -->"
STAGES_BEGIN, STAGES_END = "<!-- stages: begin -->", "<!-- stages: end -->"
CHANGED_BEGIN, CHANGED_END = "<!-- stages-changed: begin -->", "<!-- stages-changed: end -->"
FLOOR_BEGIN, FLOOR_END = "<!-- floor: begin -->", "<!-- floor: end -->"

# The targets of issue 17, for the 10,000-page corpus: CPU time of the no-op, and of one page
# changed as a multiple of the no-op's (the median of the paired runs' ratios).
TARGET_NOOP_CPU_S = 0.5
TARGET_CHANGED_PER_NOOP = 1.5
# The targets of issue 6, for the 1,000-page corpus.
TARGET_NOOP_S = 0.3
TARGET_CHANGED_S = 0.5
TARGET_VERSION_S = 0.1
TARGET_PEAK_MB = 300
TARGET_DCG_FRACTION = 1 / 5


@dataclass
class Measure:
    size: int
    tool: str
    run: str
    seconds: float
    peak_mb: float  # the largest single process
    total_mb: float = 0.0  # all the command's processes together (sampled)
    # The 1-minute load average: the highest read just before any of the runs, and just after.
    load_before: float = 0.0
    load_after: float = 0.0
    cpu: float = 0.0  # the least CPU time (user + system, workers included) of the runs
    failed: str = ""  # why a peer could not do it (the times are then 0)
    # One page changed: the median over the paired runs of its CPU time ÷ its no-op's.
    per_noop: float = 0.0


class CommandFailed(Exception):
    """A timed command exited non-zero; the message is the last line it printed."""


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process and its descendants, every 50 ms, until stopped.

    ru_maxrss knows only the largest single process; docmodels formats in worker processes, so
    what the machine must have is their sum, and only sampling sees that.
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_mb, self.stopped = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.05):
            total_kb = sum(_proportional_kb(pid) for pid in _tree(self.pid))
            self.peak_mb = max(self.peak_mb, total_kb / 1024)


def _tree(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass  # it ended meanwhile
    return found


def _proportional_kb(pid: int) -> int:
    """The process's proportional set size: its RSS with each page shared by n processes
    counted 1/n, so that worker processes forked from one parent are not counted twice."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass  # it ended meanwhile
    return 0


Run = tuple[float, float, float, float, float, float]


def load_average() -> float:
    """The 1-minute load average (0 where the system does not say)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Wall time (s), largest process's peak RSS and the summed RSS's peak (MB) of a command,
    which must succeed, the load average just before and just after it, and its CPU time (s:
    user and system, of the command and the workers it waited for, as wait4 counts them)."""
    before = load_average()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    sampler = TreeMemory(process.pid)
    sampler.start()
    # wait4 rather than communicate(): it gives this child's own resource use (ru_maxrss counts
    # the largest of the child and the children it waited for), not every child's of this script.
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    sampler.stopped.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        text = output.decode(errors="replace")
        sys.stderr.write(f"failed ({process.returncode}): {' '.join(command)}\n{text[-3000:]}")
        reasons = [line for line in text.splitlines() if "Error" in line or "error" in line]
        raise CommandFailed((reasons or text.splitlines() or ["failed"])[0].strip()[:120])
    largest = usage.ru_maxrss / 1024
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, largest, max(sampler.peak_mb, largest), before, load_average(), cpu


def best(runs: list[Run]) -> Run:
    """The fastest run's time, the largest peaks of them all (memory is not noise), the
    highest load averages read around them (a busy machine shows, however briefly), and the
    least CPU time."""
    return (min(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs),
            max(r[3] for r in runs), max(r[4] for r in runs), min(r[5] for r in runs))


def docmodels_command() -> list[str]:
    script = Path(sys.executable).with_name("docmodels")
    return [str(script)] if script.exists() else [sys.executable, "-m", "docmodels"]


def bench_docmodels(size: int, folder: Path, repeat: int) -> list[Measure]:
    pages, output, cache = folder / "pages", folder / "docmodels-out", folder / "cache"
    # A corpus of more pages than a run reads by default (docmodels.limits; some 19,000 of
    # these pages) says in its folder's config how much more the runs may read.
    from docmodels.limits import MAX_INPUT_BYTES

    config = folder / "pyproject.toml"
    if sum(page.stat().st_size for page in pages.rglob("*.md")) > MAX_INPUT_BYTES:
        config.write_text("[tool.docmodels]\nmax-input-mib = 256\n", encoding="utf-8")
    else:
        config.unlink(missing_ok=True)
    command = [*docmodels_command(), "generate", str(pages), "-o", str(output)]
    env = {**os.environ, "DOCMODELS_CACHE_DIR": str(cache)}
    cold, noop, changed = [], [], []
    for attempt in range(repeat):
        # Cold: an empty cache folder (no remembered pages, renders, layouts or black results)
        # and no earlier output, as on a first run.
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(output, ignore_errors=True)
        cold.append(timed(command, folder, env))
        noop.append(timed(command, folder, env))
        corpus.change_one_page(folder, f"Edited for run {attempt + 1}.")
        changed.append(timed(command, folder, env))
    ratios = sorted(c[5] / n[5] for n, c in zip(noop, changed, strict=True) if n[5] > 0)
    return [
        Measure(size, "docmodels", "cold", *best(cold)),
        Measure(size, "docmodels", "no-op", *best(noop)),
        Measure(size, "docmodels", "one page changed", *best(changed),
                per_noop=ratios[len(ratios) // 2] if ratios else 0.0),
    ]


def bench_version(repeat: int) -> Measure:
    runs = [timed([*docmodels_command(), "--version"], REPO) for _ in range(max(repeat, 10))]
    return Measure(0, "docmodels", "--version", *best(runs))


def ensure_peers() -> Path:
    python = PEERS / "bin" / "python"
    if not python.exists():
        print(f"installing {', '.join(PEER_PACKAGES)} into {PEERS}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return python


def peer_versions(python: Path) -> dict[str, str]:
    script = ("from importlib import metadata\n"
              "for name in ('datamodel-code-generator', 'openapi-generator-cli', 'black', "
              "'isort'):\n    print(name, metadata.version(name))\n")
    lines = subprocess.run([str(python), "-c", script], capture_output=True, text=True,
                           check=True).stdout.split("\n")
    return dict(line.split(" ", 1) for line in lines if line)


def generator_jar(python: Path) -> Path:
    # The openapi-generator-cli package ships the generator's jar (as groundtruth/regenerate.py
    # uses it); take it from the peers' environment.
    found = subprocess.run(
        [str(python), "-c",
         ("import openapi_generator_cli, pathlib; "
          "print(pathlib.Path(openapi_generator_cli.__file__).parent / 'openapi-generator.jar')")],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    return Path(found)


def bench_peers(size: int, folder: Path, repeat: int, python: Path) -> list[Measure]:
    spec = folder / "openapi.json"
    dcg = [str(python.with_name("datamodel-codegen")), "--input", str(spec),
           "--input-file-type", "openapi", "--output-model-type", "dataclasses.dataclass",
           "--disable-timestamp"]
    measures = []
    for run, extra, name in (
        ("default formatters (black, isort)", ["--formatters", "black", "isort"], "dcg.py"),
        ("--no-formatters", ["--no-formatters"], "dcg-plain.py"),
    ):
        command = [*dcg, *extra, "--output", str(folder / name)]
        measures.append(peer(size, "datamodel-code-generator", run, command, folder, repeat))
    if shutil.which("java"):
        output = folder / "openapi-generator-out"
        command = ["java", "-jar", str(generator_jar(python)), "generate", "-g", "python",
                   "-i", str(spec), "-o", str(output), "--skip-validate-spec",
                   "--global-property", "models,modelDocs=false,modelTests=false"]
        measures.append(peer(size, "openapi-generator", "python models", command, folder, repeat,
                             fresh=output))
    return measures


def peer(size: int, tool: str, run: str, command: list[str], folder: Path, repeat: int,
         fresh: Path | None = None) -> Measure:
    """A peer's measure; a peer that fails is reported as failed, and the benchmark goes on."""
    runs = []
    try:
        for _ in range(repeat):
            if fresh is not None:
                shutil.rmtree(fresh, ignore_errors=True)
            runs.append(timed(command, folder))
    except CommandFailed as exc:
        return Measure(size, tool, run, 0.0, 0.0, failed=str(exc))
    return Measure(size, tool, run, *best(runs))


def machine() -> str:
    java = "none"
    if shutil.which("java"):
        banner = subprocess.run(["java", "-version"], capture_output=True, text=True,
                                check=False).stderr
        java = banner.splitlines()[0] if banner else "present"
    return (f"{describe()}, Python {platform.python_version()}, Java: {java}; "
            f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")


def table(measures: list[Measure]) -> str:
    cold = {m.size: m.seconds for m in measures if m.tool == "docmodels" and m.run == "cold"}
    rows = [("| N | tool | run | wall time | CPU time | peak RSS, largest process "
             "| peak PSS, all processes | docmodels cold ÷ this | load average before → after |"),
            "|---:|---|---|---:|---:|---:|---:|---:|---:|"]
    for m in measures:
        ratio = ""
        load = f"{m.load_before:.2f} → {m.load_after:.2f}"
        if m.failed:
            rows.append(f"| {m.size:,} | {m.tool} | {m.run} | failed: {m.failed} | | | | | "
                        f"{load} |")
            continue
        if m.tool != "docmodels" and m.size in cold:
            ratio = f"{cold[m.size] / m.seconds:.2f}×"
        size = f"{m.size:,}" if m.size else "–"
        cpu = f"{m.cpu:.2f} s" if m.cpu else ""
        if m.per_noop:
            cpu += f" ({m.per_noop:.1f}× the no-op's)"
        rows.append(f"| {size} | {m.tool} | {m.run} | {m.seconds:.2f} s | {cpu} "
                    f"| {m.peak_mb:.0f} MB | {m.total_mb:.0f} MB | {ratio} | {load} |")
    return "\n".join(rows)


def load_line(measures: list[Measure]) -> str:
    """How busy the machine was, from the load averages read around the measurements."""
    if not measures:
        return ""
    before = [m.load_before for m in measures]
    after = max(m.load_after for m in measures)
    return (f"The 1-minute load average just before a measurement's runs was {min(before):.2f} to "
            f"{max(before):.2f} on {os.cpu_count()} CPUs, and at most {after:.2f} just after (the "
            "measured command's own load included; the average decays over about a minute, so "
            "the value before a run includes the previous run's). The last column gives each "
            "measurement's highest values.")


def targets(measures: list[Measure]) -> list[str]:
    """Each issue-6 target the measures can judge, as met or missed and by how much."""
    def find(size: int, tool: str, run: str) -> Measure | None:
        return next((m for m in measures
                     if (m.size, m.tool, m.run) == (size, tool, run) and not m.failed), None)

    lines = []

    def judge(label: str, value: float, limit: float, unit: str = "s") -> None:
        verdict = "met" if value <= limit else f"missed by {value / limit:.1f}×"
        lines.append(f"- {label}: {value:.2f} {unit} against at most {limit:.2f} {unit}: {verdict}")

    version = find(0, "docmodels", "--version")
    if version:
        judge("`docmodels --version`", version.seconds, TARGET_VERSION_S)
    cold = find(1000, "docmodels", "cold")
    if cold:
        dcg = find(1000, "datamodel-code-generator", "default formatters (black, isort)")
        if dcg:
            judge("cold, 1,000 pages, against 1/5 of datamodel-code-generator's default time "
                  f"({dcg.seconds:.2f} s)", cold.seconds, dcg.seconds * TARGET_DCG_FRACTION)
        oag = find(1000, "openapi-generator", "python models")
        if oag:
            judge(f"cold, 1,000 pages, below openapi-generator ({oag.seconds:.2f} s)",
                  cold.seconds, oag.seconds)
    for run, limit in (("no-op", TARGET_NOOP_S), ("one page changed", TARGET_CHANGED_S)):
        found = find(1000, "docmodels", run)
        if found:
            judge(f"{run}, 1,000 pages", found.seconds, limit)
    big = [m for m in measures if (m.size, m.tool) == (10000, "docmodels")]
    if big:
        judge("peak memory, 10,000 pages, any run, all processes",
              max(m.total_mb for m in big), TARGET_PEAK_MB, "MB")
    noop, changed = find(10000, "docmodels", "no-op"), find(10000, "docmodels", "one page changed")
    if noop and noop.cpu:
        judge("no-op, 10,000 pages, CPU time (issue 17)", noop.cpu, TARGET_NOOP_CPU_S)
    if changed and changed.per_noop:
        judge("one page changed, 10,000 pages, CPU time as a multiple of the no-op's, the median "
              "of the paired runs (issue 17)", changed.per_noop, TARGET_CHANGED_PER_NOOP, "×")
    for run in ("cold", "no-op", "one page changed"):
        small, large = find(1000, "docmodels", run), find(10000, "docmodels", run)
        if small and large:
            lines.append(f"- growth from 1,000 to 10,000 pages ({run}): "
                         f"{large.seconds / small.seconds:.1f}× the time for 10× the pages")
    return lines


def splice(path: Path, block: str, begin: str = BEGIN, end: str = END) -> None:
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"{path}: no {begin} … {end} markers to write between")
    path.write_text(pattern.sub(lambda _: f"{begin}\n{block}\n{end}", text), encoding="utf-8")


def stage_block(size: int, folder: Path, repeat: int) -> str:
    """The cold run of ``size`` pages, stage by stage, as docs/benchmarks.md shows it."""
    corpus.write_apart(size, folder)
    return _timed_block(
        f"One cold run of the {size:,}-page corpus (the fastest of {repeat}), step by step in "
        "one process, timed by `benchmarks/stages.py`",
        lambda: stages.profile(folder / "pages", repeat))


def changed_block(size: int, folder: Path, repeat: int) -> str:
    """The run with one page changed of ``size`` pages (its corpus, cache and output warm from
    the measures), step by step, as docs/benchmarks.md shows it."""
    return _timed_block(
        f"One run of the {size:,}-page corpus with one page's description edited (the fastest "
        f"of {repeat}), step by step in one process, timed by `benchmarks/stages.py --fine`",
        lambda: stages.profile_changed(folder, repeat))


def floor_block(size: int, folder: Path, repeat: int) -> str:
    """The floor of a run with one page changed at ``size`` pages against the no-op
    (benchmarks/floor.py), as docs/benchmarks.md shows it."""
    before = load_average()
    measured = floor.measure(folder, repeat)
    after = load_average()
    about = (f"The floor of one page changed at {size:,} pages (the fastest of {repeat} rounds, "
             f"`benchmarks/floor.py`); measured on {machine()}. The 1-minute load average was "
             f"{before:.2f} before and {after:.2f} after, on {os.cpu_count()} CPUs.")
    return "\n".join([about, "", floor.table(size, *measured)])


def _timed_block(what: str, profile: Callable[[], tuple[float, list[stages.Stage]]]) -> str:
    """``what`` was measured (``profile``), on which machine and at what load, and its table."""
    before = load_average()
    wall, rows = profile()
    after = load_average()
    about = (f"{what}; measured on {machine()}. The 1-minute load average was {before:.2f} "
             f"before and {after:.2f} after, on {os.cpu_count()} CPUs.")
    return "\n".join([about, "", stages.table(wall, rows)])


def readme_summary(measures: list[Measure]) -> str:
    """A line per corpus size of 1,000 pages or more, and the start-up time."""
    def find(size: int, tool: str, run: str) -> Measure | None:
        return next((m for m in measures if (m.size, m.tool, m.run) == (size, tool, run)), None)

    lines = []
    for size in sorted({m.size for m in measures if m.size >= 1000 or m.size == max(
            (x.size for x in measures), default=0)}):
        cold = find(size, "docmodels", "cold")
        if cold is None:
            continue
        parts = [f"{size:,} pages: {cold.seconds:.1f} s cold"]
        for run in ("no-op", "one page changed"):
            found = find(size, "docmodels", run)
            if found:
                parts.append(f"{found.seconds:.2f} s {run}")
        peak = max((max(m.peak_mb, m.total_mb) for m in measures
                    if (m.size, m.tool) == (size, "docmodels")), default=0.0)
        parts.append(f"peak {peak:.0f} MB")
        for tool, run in (("datamodel-code-generator", "default formatters (black, isort)"),
                          ("openapi-generator", "python models")):
            found = find(size, tool, run)
            if found and not found.failed:
                parts.append(f"{tool} {found.seconds:.1f} s")
        lines.append("; ".join(parts) + ".")
    version = next((m for m in measures if m.run == "--version"), None)
    if version:
        lines.append(f"`docmodels --version`: {version.seconds * 1000:.0f} ms.")
    return "\n".join(f"- {line}" for line in lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,1000,10000",
                        help="comma-separated corpus sizes (default: 50,1000,10000)")
    parser.add_argument("--peers-up-to", type=int, default=1000,
                        help="time the peers on corpora up to this size (default: 1000)")
    parser.add_argument("--skip-peers", action="store_true",
                        help="time docmodels only (no datamodel-code-generator, openapi-generator)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per measure; the fastest counts (default: 3)")
    parser.add_argument("--work", type=Path, default=HERE / "out",
                        help="folder for the corpora and outputs (default: benchmarks/out)")
    parser.add_argument("--no-write", action="store_true",
                        help="print the table only; leave docs/benchmarks.md and README.md alone")
    parser.add_argument("--generation-only", action="store_true",
                        help="skip the run-time and import benchmarks (runtime.py, imports.py)")
    parser.add_argument("--note", default="",
                        help="a line to print under the machine (e.g. 'shared with other jobs')")
    parser.add_argument("--profile-size", type=int, default=1000,
                        help="the corpus whose cold run is timed stage by stage (default: 1000; "
                             "0: none)")
    args = parser.parse_args()
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    # Users' tools write their bytecode caches; a shell that turns them off would time
    # compiling every module of every tool on every run instead.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    python = None if args.skip_peers else ensure_peers()
    measures: list[Measure] = [bench_version(args.repeat)]
    for size in sizes:
        folder = args.work / f"corpus-{size}"
        corpus.write_apart(size, folder)
        print(f"N = {size:,}: corpus in {folder}", flush=True)
        measures += bench_docmodels(size, folder, args.repeat)
        if python is not None and size <= args.peers_up_to:
            measures += bench_peers(size, folder, args.repeat, python)
        print(table([m for m in measures if m.size in (0, size)]), flush=True)
    about = machine()
    versions = ""
    if python is not None:
        versions = "Peers: " + ", ".join(f"{k} {v}" for k, v in peer_versions(python).items())
    verdicts = targets(measures)
    header = [f"Measured on {about}.", load_line(measures), args.note, versions,
              (f"Each time is the fastest of {args.repeat} runs (the CPU time the least). Peak "
               "memory: the RSS of the largest "
               "process (wait4's ru_maxrss), and of all the command's processes together "
               "(their summed proportional set size, sampled every 50 ms).")]
    lines = "\n\n".join(line for line in header if line).split("\n")
    lines += ["", table(measures)]
    if verdicts:
        lines += ["", "Targets (issues 6 and 17):", "", *verdicts]
    block = "\n".join(lines)
    print("\n" + block)
    (args.work / "results.json").write_text(
        json.dumps({"machine": about, "measures": [asdict(m) for m in measures]}, indent=2),
        encoding="utf-8")
    changed = changed_block(max(sizes), args.work / f"corpus-{max(sizes)}", args.repeat)
    print("\n" + changed)
    least = floor_block(max(sizes), args.work / f"corpus-{max(sizes)}", args.repeat)
    print("\n" + least)
    profile = ""
    if args.profile_size:
        profile = stage_block(args.profile_size, args.work / f"corpus-{args.profile_size}",
                              args.repeat)
        print("\n" + profile)
    if not args.no_write:
        splice(DOCS, block)
        splice(README, readme_summary(measures))
        if profile:
            splice(DOCS, profile, STAGES_BEGIN, STAGES_END)
        splice(DOCS, changed, CHANGED_BEGIN, CHANGED_END)
        splice(DOCS, least, FLOOR_BEGIN, FLOOR_END)
        print(f"\nwrote the tables into {DOCS.relative_to(REPO)} and README.md")
    if not args.generation_only:
        # The generated code's own speed, each with its table in docs/benchmarks.md.
        for script in ("runtime.py", "imports.py"):
            flags = ["--no-write"] if args.no_write else []
            subprocess.run([sys.executable, str(HERE / script), *flags], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

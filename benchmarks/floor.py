#!/usr/bin/env python3
"""The least a run with one page changed can cost with today's imports, against the no-op (what
bounds issue 17's "one page changed within 1.5x the no-op" from below).

    .venv/bin/python benchmarks/floor.py 10000 --work /tmp/runwork

Any run that finds one page changed does at least what the no-op does (Python's start-up, the
command line's imports, the fingerprint: listing and statting every page, the output folder
known by its files' status), and besides: reading that page (the reader, markdown-it and the
dialects imported, the page parsed) and rendering its model's files (the emitters and jinja2
imported, their templates compiled, the model's module and docs page rendered and laid out).
This times, each in a new process: the no-op, and a process that makes the no-op's run and then
exactly those steps for one page, and nothing for any other model (the model resolved alone;
the package's few files for one model rendered besides, a slight overestimate; nothing written,
an underestimate of a millisecond or two). That process is the floor of any design that keeps
today's imports, however little else it does. CPU seconds (user + system), fastest of
--rounds; the steps' own times from the floor process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # benchmarks/ is a folder of scripts, not a package

GENERATE = ["generate", "pages", "-o", "docmodels-out", "-q"]


def floor_here(page: str) -> dict[str, float]:
    """The no-op's run in this process, then one page read and its model's files rendered; the
    CPU seconds of each step (the caller sets DOCMODELS_CACHE_DIR and the working folder)."""
    from docmodels import cli

    times: dict[str, float] = {}
    start = time.process_time()
    if cli.main(GENERATE) != 0:
        raise SystemExit("the no-op failed")
    times["no-op run"] = time.process_time() - start

    start = time.process_time()
    from docmodels import reader
    from docmodels.diagnostics import Diagnostic
    from docmodels.emit.docs import DocsEmitter
    from docmodels.emit.formatting import format_files
    from docmodels.emit.render import Renderer
    from docmodels.emit.targets import DEFAULT, emitter
    from docmodels.resolve import resolve
    from docmodels.source import decode

    times["the build's imports"] = time.process_time() - start
    start = time.process_time()
    source = decode(Path(page).read_bytes(), page)
    if isinstance(source, Diagnostic):
        raise SystemExit(f"{page}: {source.message}")
    reading = reader.read_text(source, None)
    if reading.model is None:
        raise SystemExit(f"{page}: no model")
    model_set, _ = resolve([reading.model], (), ())
    times["the page read and its model resolved"] = time.process_time() - start
    start = time.process_time()
    renderer = Renderer()
    files = emitter(DEFAULT, renderer, "models").emit(model_set)
    files = format_files(files, None, layout=True)
    files.update(DocsEmitter(renderer, "models").emit(model_set))
    times["its files rendered and laid out"] = time.process_time() - start
    return times


def cpu_of(command: list[str], folder: Path, env: dict[str, str]) -> tuple[float, str]:
    """The CPU seconds of a command that must succeed, and its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True,
                          check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), done.stdout


def measure(
    folder: Path, rounds: int
) -> tuple[list[float], list[tuple[float, dict[str, float]]]]:
    """The no-op's CPU seconds and the floor's (with its steps), ``rounds`` of each, on a
    corpus folder (benchmarks/corpus.py's), its cache folder beside the pages."""
    # Python's bytecode cache on (as run.py has it): without it every module is compiled again.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["DOCMODELS_CACHE_DIR"] = str(folder / "cache")
    generate = [sys.executable, "-m", "docmodels", *GENERATE]
    page = corpus.change_one_page(folder, f"Edited for the floor at {time.time()}.")
    cpu_of(generate, folder, env)  # the output and cache as the page now is: a no-op next
    shown = page.relative_to(folder).as_posix()
    noops: list[float] = []
    floors: list[tuple[float, dict[str, float]]] = []
    for _ in range(rounds):
        noops.append(cpu_of(generate, folder, env)[0])
        cpu, out = cpu_of([sys.executable, __file__, "0", "--inner", shown], folder, env)
        floors.append((cpu, json.loads(out.strip().splitlines()[-1])))
    return noops, floors


def table(size: int, noops: list[float], floors: list[tuple[float, dict[str, float]]]) -> str:
    """The fastest no-op and floor, as a Markdown table, and every round."""
    noop = min(noops)
    floor, steps = min(floors, key=lambda found: found[0])
    lines = [
        f"| at {size:,} pages | CPU | × the no-op |",
        "|---|---:|---:|",
        f"| generate, nothing changed (the no-op) | {noop:.2f} s | 1.00× |",
        (f"| the floor of one page changed: the no-op's run, then one page read and its "
        f"model's files rendered | {floor:.2f} s | {floor / noop:.2f}× |"),
        *(f"| (of which) {step} | {seconds:.3f} s | |" for step, seconds in steps.items()),
        "",
        (f"No-op rounds: {', '.join(f'{n:.2f}' for n in noops)} s; floor rounds: "
        f"{', '.join(f'{f:.2f}' for f, _ in floors)} s."),
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="model pages in the corpus")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work", type=Path, default=HERE / "out",
                        help="where the corpus is written (corpus-N)")
    parser.add_argument("--inner", help=argparse.SUPPRESS)  # the floor process's page
    args = parser.parse_args()
    if args.inner is not None:
        print(json.dumps(floor_here(args.inner)))
        return 0
    folder = args.work / f"corpus-{args.size}"
    if not (folder / "pages").is_dir():
        corpus.write(args.size, folder)
    print(table(args.size, *measure(folder, args.rounds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""The commands of issue 17 with one page changed, this checkout against an earlier commit,
in alternating rounds (paired: both see the same machine at the same moment).

    .venv/bin/python benchmarks/paired.py 1705db1 --size 10000 --rounds 3

Each round, for each version and each command: one page's description is edited
(corpus.change_one_page), then ``generate`` is timed, or run and then ``ir`` / ``schema`` timed
(the first after a change), the versions in turn, each first in every other round. CPU
seconds (user + system, the command's and its worker processes', from wait4) of the command
alone. The earlier commit is checked out into a git worktree of its own; each version has its
own cache folder beside the corpus, and runs with its own sources first on PYTHONPATH (this
checkout's environment, its dependencies). Prints a Markdown table: each version's fastest
and all rounds, and the median of each round's difference.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # benchmarks/ is a folder of scripts, not a package

COMMANDS = ("generate", "ir", "schema")


def cpu_of(command: list[str], folder: Path, env: dict[str, str]) -> float:
    """The CPU seconds of a command that must succeed, its output dropped."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=folder, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", help="the earlier commit (any git revision)")
    parser.add_argument("--size", type=int, default=10_000, help="model pages in the corpus")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--commands", default=",".join(COMMANDS),
                        help=f"which of {', '.join(COMMANDS)} (comma-separated)")
    parser.add_argument("--work", type=Path, default=HERE / "out",
                        help="where the corpus is written (corpus-N)")
    args = parser.parse_args()
    commands = args.commands.split(",")
    folder = args.work / f"corpus-{args.size}"
    if not (folder / "pages").is_dir():
        corpus.write(args.size, folder)
    with tempfile.TemporaryDirectory() as scratch:
        worktree = Path(scratch) / "before"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(worktree), args.before],
                       cwd=REPO, check=True)
        try:
            sources = {"before": worktree / "generator", "after": REPO / "generator"}
            times = run_rounds(folder, sources, commands, args.rounds)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=REPO,
                           check=False)
    print(f"| at {args.size:,} pages, one page changed | before ({args.before}) | after | "
          "fastest after / before | each round's after − before (median) |")
    print("|---|---|---|---|---|")
    for command in commands:
        before, after = times[("before", command)], times[("after", command)]
        rounds = " / ".join(f"{a:.2f}" for a in before), " / ".join(f"{a:.2f}" for a in after)
        # (A round's two runs see the machine alike: the median of their differences is
        # steadier than the fastest of each where the machine's speed drifts between rounds.)
        differences = statistics.median(a - b for a, b in zip(after, before, strict=True))
        print(f"| {command} | {min(before):.2f} s ({rounds[0]}) | {min(after):.2f} s "
              f"({rounds[1]}) | {min(after) / min(before):.2f}× | {differences:+.2f} s |")
    return 0


def run_rounds(
    folder: Path, sources: dict[str, Path], commands: list[str], rounds: int
) -> dict[tuple[str, str], list[float]]:
    generate = [sys.executable, "-m", "docmodels", "generate", "pages", "-o", "docmodels-out",
                "-q"]
    # Python's bytecode cache on for both (as run.py has it): under PYTHONDONTWRITEBYTECODE
    # the worktree's modules, never compiled before, were compiled again on every run (0.1 s
    # of each, counted against the earlier commit), where the checkout's had a cache.
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environments = {
        version: {**environment, "PYTHONPATH": str(source),
                  "DOCMODELS_CACHE_DIR": str(folder / f"cache-{version}")}
        for version, source in sources.items()
    }
    for env in environments.values():  # each version's caches warm (its code is in their keys)
        cpu_of(generate, folder, env)
    times: dict[tuple[str, str], list[float]] = {
        (version, command): [] for version in sources for command in commands}
    for round_ in range(rounds):
        # Each version first in every other round: neither always runs on what the other left.
        order = list(environments.items())
        for version, env in order if round_ % 2 == 0 else order[::-1]:
            for command in commands:
                corpus.change_one_page(folder, f"Edited by the paired benchmark at {time.time()}.")
                if command == "generate":
                    times[(version, command)].append(cpu_of(generate, folder, env))
                    continue
                cpu_of(generate, folder, env)
                times[(version, command)].append(cpu_of(
                    [sys.executable, "-m", "docmodels", command, "pages"], folder, env))
    return times


if __name__ == "__main__":
    raise SystemExit(main())

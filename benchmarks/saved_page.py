#!/usr/bin/env python3
"""The CPU a watch spends on one saved page, in process: what one page changed costs where
nothing has to be built again from the cache folder (the watch keeps the models in memory, and
each step's result by the very objects it read).

    .venv/bin/python benchmarks/saved_page.py 10000 --work /tmp/runwork --saves 8

One watch session over the corpus of N pages (benchmarks/corpus.py; made where missing) runs
as ``docmodels watch`` runs it: a first run, then for each save one page's description edited
(corpus.change_one_page), the session told of it as the operating system tells it, the run, and
what the watch does between runs (its writes to the cache folder, not timed). Prints the
fastest and the median CPU seconds of a save's run (this process's user + system time), and
the no-op's for scale: ``generate`` with nothing changed, in a process of its own.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # benchmarks/ is a folder of scripts, not a package
from run import docmodels_command


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _no_op(folder: Path) -> float:
    """``generate`` with nothing changed: the CPU of a process of its own (the fastest of 3)."""
    command = [*docmodels_command(), "generate", "pages", "-o", "docmodels-out", "-q"]
    times = []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, cwd=folder, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(times)


def measure(folder: Path, saves: int) -> list[float]:
    """Each save's CPU seconds, fastest first, in a watch session of the corpus in ``folder``
    (the working folder, its cache folder DOCMODELS_CACHE_DIR's: the caller's)."""
    from docmodels import cli
    from docmodels.session import Session
    from docmodels.watch import _set_aside

    command = cli._parser().parse_args(["watch", "pages", "-o", "docmodels-out", "-q"])
    settings = cli._settings(command)
    dialect, cache = cli._dialect(settings, command), cli._cache_dir()
    show = cli._Show(command.format, command.quiet, command.verbose)
    session = Session()
    times = []
    with cli.fewer_collections():
        cli._generate_once(settings, dialect, cache, show, session)
        session.between()
        for _ in range(saves):
            _set_aside()  # (as the watch does between runs)
            page = corpus.change_one_page(folder, f"saved {time.time()}")
            started = _cpu()
            session.told(frozenset({str(page.absolute())}))
            cli._generate_once(settings, dialect, cache, show, session)
            times.append(_cpu() - started)
            session.between()
    gc.unfreeze()
    return sorted(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="how many model pages")
    parser.add_argument("--work", type=Path, default=HERE / "out", help="where the corpus is")
    parser.add_argument("--saves", type=int, default=8)
    args = parser.parse_args()
    folder = (args.work / f"corpus-{args.size}").resolve()
    if not (folder / "pages").is_dir():
        corpus.write(args.size, folder)
    os.environ["DOCMODELS_CACHE_DIR"] = str(folder / "cache")
    os.chdir(folder)
    times = measure(folder, args.saves)
    no_op = _no_op(folder)
    print(f"a saved page at {args.size:,} pages, in a watch: fastest {times[0]:.2f} s, "
          f"median {times[len(times) // 2]:.2f} s of CPU over {len(times)} saves; "
          f"generate with nothing changed {no_op:.2f} s ({times[0] / no_op:.2f}× the no-op)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

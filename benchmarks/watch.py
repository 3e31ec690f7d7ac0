#!/usr/bin/env python3
"""``docmodels watch`` and the memory of every command on a corpus of N model pages.

    .venv/bin/python benchmarks/watch.py 10000            # corpus in benchmarks/out/corpus-N

- watch, told by the operating system and with --poll: the time from a page saved to the line
  saying it was regenerated (--repeat saves, each after the last line; the first, 1.1 s after
  the watch's first line, apart: it waits for what the watch learns), and its CPU while idle
  (user + system time over --idle seconds of nothing changing, as a share of one core);
- generate (cold, no-op, one page changed), check, ir and schema with a warm cache (after the
  generate runs, then once more with nothing changed): CPU time
  (user + system, the command's and its worker processes') and peak memory (the largest
  process's RSS, wait4's ru_maxrss, and the summed PSS of all its processes, sampled).

Prints a Markdown table. The corpus is benchmarks/corpus.py's; a cache folder of its own
(DOCMODELS_CACHE_DIR) beside it.
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # benchmarks/ is a folder of scripts, not a package
from run import TreeMemory, docmodels_command


@dataclass
class Row:
    what: str
    value: str
    note: str = ""


def cpu_seconds(pid: int) -> float:
    """User + system time of a running process so far (its threads', not its children's)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    """A running process's peak resident set so far (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measured(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """CPU seconds (the command's and its reaped children's), the largest process's peak RSS
    and the summed PSS's peak (MB) of a command that must succeed; its output is dropped."""
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    sampler = TreeMemory(process.pid)
    sampler.start()
    err = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    sampler.stopped.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{err.decode(errors='replace')[-2000:]}")
    largest = usage.ru_maxrss / 1024
    return usage.ru_utime + usage.ru_stime, largest, max(largest, sampler.peak_mb)


class Watch:
    """``docmodels watch`` running, its lines as they come (read by a thread)."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))

    def next(self, timeout: float = 600) -> tuple[float, str]:
        return self.lines.get(timeout=timeout)


@contextmanager
def watching(command: list[str], cwd: Path, env: dict[str, str]) -> Iterator[Watch]:
    session = Watch(command, cwd, env)
    try:
        yield session
    finally:
        session.process.terminate()
        session.process.wait(timeout=60)


def bench_watch(folder: Path, env: dict[str, str], poll: bool, repeat: int,
                idle: float) -> list[Row]:
    mode = "--poll" if poll else "OS events"
    command = [*docmodels_command(), "watch", "pages", "-o", "docmodels-out", "-q"]
    command += ["--poll"] if poll else []
    with watching(command, folder, env) as session:
        _, first = session.next()
        print(f"  {first}", flush=True)
        latencies = []
        for attempt in range(repeat):
            time.sleep(1.1)  # polling compares modification times to the second
            saved = time.perf_counter()
            corpus.change_one_page(folder, f"Saved by the watch benchmark, {attempt + 1}.")
            seen, line = session.next()
            print(f"  {line}", flush=True)
            latencies.append(seen - saved)
        time.sleep(1.0)  # the last run's trimming, logging and the like are done
        before = cpu_seconds(session.process.pid)
        time.sleep(idle)
        used = cpu_seconds(session.process.pid) - before
        peak = peak_rss_mb(session.process.pid)
    # The first save comes 1.1 s after the watch's first line: where that run found the output
    # up to date, the save waits for what the watch learns after the line (the build it keeps).
    later = latencies[1:] or latencies
    return [
        Row(f"watch ({mode}): the first save, 1.1 s after the first line", f"{latencies[0]:.2f} s",
            "where the first run found the output up to date, it waits for the build the "
            "watch then makes to keep"),
        Row(f"watch ({mode}): page saved → regenerated", f"{min(later):.2f} s",
            "best of the saves after the first: " + ", ".join(f"{s:.2f}" for s in later)),
        Row(f"watch ({mode}): idle CPU", f"{100 * used / idle:.2f}% of a core",
            f"over {idle:.0f} s"),
        Row(f"watch ({mode}): peak memory", f"{peak:.0f} MB", "the watching process's peak RSS"),
    ]


def bench_commands(folder: Path, env: dict[str, str]) -> list[Row]:
    rows = []
    base = docmodels_command()
    out = ["-o", "docmodels-out"]
    shutil.rmtree(Path(env["DOCMODELS_CACHE_DIR"]), ignore_errors=True)
    shutil.rmtree(folder / "docmodels-out", ignore_errors=True)
    runs = [
        ("generate, cold", [*base, "generate", "pages", *out]),
        ("generate, no-op", [*base, "generate", "pages", *out]),
        ("generate, one page changed", [*base, "generate", "pages", *out]),
        ("check", [*base, "check", "pages", *out]),
        ("ir, warm cache", [*base, "ir", "pages"]),
        ("schema, warm cache", [*base, "schema", "pages"]),
        # The same inputs again: what the runs above printed, printed again (printed.py).
        ("ir again, nothing changed", [*base, "ir", "pages"]),
        ("schema again, nothing changed", [*base, "schema", "pages"]),
    ]
    for name, command in runs:
        if name == "generate, one page changed":
            corpus.change_one_page(folder, "Edited by the memory benchmark.")
        cpu, largest, total = measured(command, folder, env)
        print(f"  {name}: {cpu:.2f} s CPU, {largest:.0f} MB ({total:.0f} MB all)", flush=True)
        rows.append(Row(name, f"{cpu:.2f} s CPU",
                        f"peak {largest:.0f} MB largest process, {total:.0f} MB all"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many pages")
    parser.add_argument("--work", type=Path, default=HERE / "out",
                        help="folder for the corpus (default: benchmarks/out)")
    parser.add_argument("--repeat", type=int, default=3, help="saves per watch mode")
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle measured")
    parser.add_argument("--no-commands", action="store_true", help="watch only")
    args = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    folder = args.work / f"corpus-{args.count}"
    if not (folder / "pages").is_dir():
        corpus.write_apart(args.count, folder)
    env = {**os.environ, "DOCMODELS_CACHE_DIR": str(folder / "cache")}
    env.pop("WATCHFILES_FORCE_POLLING", None)
    rows: list[Row] = []
    if not args.no_commands:
        print(f"N = {args.count:,}: commands", flush=True)
        rows += bench_commands(folder, env)
    for poll in (False, True):
        print(f"N = {args.count:,}: watch{' --poll' if poll else ''}", flush=True)
        rows += bench_watch(folder, env, poll, args.repeat, args.idle)
    print(f"\n| {args.count:,} pages | measured | |\n|---|---|---|")
    for row in rows:
        print(f"| {row.what} | {row.value} | {row.note} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A run killed while its worker processes read pages takes them with it: none survives it,
and its standard output closes, so that ``docmodels generate | tee log`` ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from generated import python_page, write_page

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

# `docmodels generate` with page reading slowed down (and two CPUs, whatever the machine has),
# so that the run is surely inside its process pool when it is killed.
DRIVER = """
import sys, time
from docmodels import cpus, load
read_one = load._read_one
def slow_read_one(task):
    time.sleep(0.05)
    return read_one(task)
load._read_one = slow_read_one
cpus.available = lambda: 2
from docmodels.cli import main
sys.exit(main(["generate", "specs", "-o", "out", "--no-cache"]))
"""
PAGES = 80  # enough for the pool (load._PARALLEL_FROM)


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie is dead, only not yet reaped


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_killing_generate_ends_its_workers_and_closes_its_output(
    tmp_path: Path, how: signal.Signals
) -> None:
    for index in range(PAGES):
        write_page(tmp_path / "specs", f"Pet{index}", python_page(
            f"Pet{index}", ["**name** | **str** |  | "]))
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER], cwd=tmp_path, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    ended = threading.Event()
    threading.Thread(target=lambda: (process.stdout.read(), ended.set()),  # type: ignore[union-attr]
                     daemon=True).start()
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
            workers = children(process.pid)
        assert len(workers) >= 2, "the run never started its workers"
        process.send_signal(how)
        process.wait(timeout=10)
        assert ended.wait(timeout=2), "the run's standard output is still open"
        deadline = time.monotonic() + 2
        while any(running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not [pid for pid in workers if running(pid)]
    finally:
        for pid in workers:
            if running(pid):
                os.kill(pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
        process.wait()

"""How many worker processes can run at once: the CPUs this process may run on (a container
or `taskset` may allow fewer than the machine has)."""

from __future__ import annotations

import os


def available() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1

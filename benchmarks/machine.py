"""The machine a benchmark ran on, in the words its tables use."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def describe() -> str:
    """System, architecture, CPU count and model: ``Linux x86_64, 2 CPUs (AMD EPYC)``."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu})"

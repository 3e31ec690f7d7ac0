"""Where docmodels keeps what it may forget: black's memoized results, the records of past runs,
what reading each page gave, the files rendered from each model's scope, compiled templates. Its
own module, so that finding the folder imports nothing heavy."""

from __future__ import annotations

import os
from pathlib import Path


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "docmodels" / "black"

#!/usr/bin/env python3
"""Where a cold `docmodels generate` spends its time, stage by stage; and a run with one page
changed, in finer stages (issue 17: what such a run still does for every model).

    .venv/bin/python benchmarks/stages.py PAGES OUTPUT      # prints the stages as JSON
    .venv/bin/python benchmarks/stages.py PAGES OUTPUT --fine

Runs `docmodels generate PAGES -o OUTPUT` in this process, as the command does, with each
stage's function wrapped in a wall-clock timer: the run record's fingerprint, reading the pages
(and resolving them), rendering the modules, rendering the docs, the layout, writing the folder,
remembering the run, bounding the cache folder. `profile()` runs it in a new process with an empty cache folder and no
output folder (a cold run) and adds what the process spent outside ``main()``: the
interpreter's start-up, the imports of the command line, and its exit. benchmarks/run.py
writes the table into docs/benchmarks.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()


@dataclass(frozen=True)
class Stage:
    label: str
    seconds: float


def _wrap(owner: Any, name: str, key: str, times: dict[str, float],
          seen: dict[str, Any]) -> None:  # fmt: skip
    real: Callable[..., Any] = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            result = real(*args, **kwargs)
        finally:
            times[key] = times.get(key, 0.0) + time.perf_counter() - start
        seen[key] = (args, result)
        return result

    setattr(owner, name, timed)


def measure_here(pages: str, output: str, fine: bool = False) -> dict[str, Any]:
    """The stages of one run in this process (the caller sets DOCMODELS_CACHE_DIR); ``fine``:
    reading's steps, the plan of names and the render memo's loading too."""
    from docmodels import beside, cli, folders, keys, load, outputs, pipeline
    from docmodels.emit.docs import DocsEmitter
    from docmodels.emit.memo import RenderMemo
    from docmodels.emit.render import Renderer
    from docmodels.emit.targets import DEFAULT, emitter

    imported = time.perf_counter()
    times: dict[str, float] = {}
    seen: dict[str, Any] = {}
    _wrap(cli, "_run_key", "fingerprint", times, seen)
    _wrap(pipeline, "load", "read", times, seen)
    _wrap(type(emitter(DEFAULT, Renderer(), "x")), "emit", "modules", times, seen)
    _wrap(DocsEmitter, "emit", "docs", times, seen)  # where rendered in this process
    _wrap(beside.Beside, "result", "docs beside", times, seen)  # the wait for the copy's
    _wrap(pipeline, "format_files", "layout", times, seen)
    _wrap(RenderMemo, "save", "memo", times, seen)
    _wrap(outputs, "write_tree_known", "write", times, seen)
    _wrap(cli, "_remember", "record", times, seen)
    _wrap(cli, "_trim_cache", "trim", times, seen)
    if fine:
        # (Inside "read": reading's steps, each called once a run.)
        _wrap(load, "_read_all", "decode", times, seen)
        _wrap(folders, "read_by_folder", "folders", times, seen)
        _wrap(keys, "settle", "settle", times, seen)
        _wrap(load, "canonical_names", "names", times, seen)
        _wrap(load, "resolve", "resolve", times, seen)
        _wrap(pipeline, "plan_names", "plan", times, seen)
        _wrap(RenderMemo, "__init__", "memo load", times, seen)
    start = time.perf_counter()
    status = cli.main(["generate", pages, "-o", output])
    main = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"docmodels generate exited {status}")
    model_set = seen["read"][1][0]
    files: dict[str, str] = seen["write"][0][1]
    return {
        "times": times,
        "main": main,
        "imports": imported - STARTED,
        "pages": len(model_set.models),
        "modules": sum(1 for path in files if path.endswith(".py")),
        "docs": sum(1 for path in files if path.endswith(".md")),
        "files": len(files) + 1,  # and the marker
    }


def profile(pages: Path, repeat: int = 1) -> tuple[float, list[Stage]]:
    """The stages of the fastest of ``repeat`` cold runs, each in a new process; the total wall
    time and one row per stage (the rest of the process's time included, so they add up)."""
    best: tuple[float, dict[str, Any]] | None = None
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="docmodels-stages-") as work:
            env = {**os.environ, "DOCMODELS_CACHE_DIR": str(Path(work) / "cache")}
            output = Path(work) / "out"
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, __file__, str(pages), str(output)], env=env,
                capture_output=True, text=True, check=True,
            )
            wall = time.perf_counter() - start
            shutil.rmtree(output, ignore_errors=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if best is None or wall < best[0]:
            best = (wall, result)
    assert best is not None
    return best[0], stages(*best)


def profile_changed(folder: Path, repeat: int = 1) -> tuple[float, list[Stage]]:
    """The finer stages of the fastest of ``repeat`` runs of a corpus folder (benchmarks/
    corpus.py's, with its cache folder and output warm), each in a new process after one
    page's description was edited; the total wall time and one row per stage."""
    import corpus

    best: tuple[float, dict[str, Any]] | None = None
    env = {**os.environ, "DOCMODELS_CACHE_DIR": str(folder / "cache")}
    for attempt in range(repeat):
        corpus.change_one_page(folder, f"Edited for the stages, {time.time()} {attempt}.")
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, __file__, "pages", "docmodels-out", "--fine"], cwd=folder,
            env=env, capture_output=True, text=True, check=True,
        )
        wall = time.perf_counter() - start
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if best is None or wall < best[0]:
            best = (wall, result)
    assert best is not None
    return best[0], changed_stages(*best)


def changed_stages(wall: float, result: dict[str, Any]) -> list[Stage]:
    """``stages``, with reading's steps, the plan and the memo's loading as rows of their own
    (each taken out of the row it happens in, so that the rows add up)."""
    times: dict[str, float] = dict(result["times"])

    def take(key: str) -> float:
        return times.pop(key, 0.0)

    inside_read = {key: take(key) for key in ("decode", "folders", "settle", "names", "resolve")}
    read = take("read") - sum(inside_read.values())
    plan, memo_load = take("plan"), take("memo load")
    pages = result["pages"]
    rows = [
        Stage("Python start-up, the command line's imports, and exit", wall - result["main"]),
        Stage("hashing the pages and options for the run record", take("fingerprint")),
        Stage(f"each page's reading, from the cache (one page read, {pages - 1:,} decoded)",
              inside_read["decode"]),
        Stage("each folder's dialect, from its pages' evidence", inside_read["folders"]),
        Stage("keys settled (each folder's convention, every model's fields)",
              inside_read["settle"]),
        Stage("canonical names", inside_read["names"]),
        Stage("resolution (references, unions, bases)", inside_read["resolve"]),
        Stage("reading's other steps (finishing folders, overlays, hints)", read),
        Stage("loading the render memo", memo_load),
        Stage("every model's digest, and the plan of names from the memo's record", plan),
        Stage(f"the modules ({result['modules']:,}: the memo's, but those the change reaches)",
              take("modules")),
        Stage(f"the docs pages ({result['docs']:,}, likewise) and their README",
              take("docs") + take("docs beside")),
        Stage("the layout (the memo's, but for the modules rendered)", take("layout")),
        Stage("saving the render memo (and its records)", take("memo")),
        Stage(f"writing: the {result['files']:,} files known by their status, those changed "
              "written, the folder swapped in", take("write")),
        Stage("remembering the run", take("record")),
        Stage("keeping the cache folder within its bound", take("trim")),
    ]
    # (The rows inside "read" are counted once: in their own rows.)
    rest = result["main"] - sum(result["times"].values()) + sum(inside_read.values())
    rows.append(Stage("the rest (settings, reporting, imports on first use)", rest))
    return rows


def stages(wall: float, result: dict[str, Any]) -> list[Stage]:
    times: dict[str, float] = result["times"]

    def get(key: str) -> float:
        return times.get(key, 0.0)

    rows = [
        Stage("Python start-up, the command line's imports, and exit", wall - result["main"]),
        Stage("hashing the pages and options for the run record", get("fingerprint")),
        Stage(f"reading, parsing and resolving the {result['pages']:,} pages", get("read")),
        Stage(f"rendering {result['modules']:,} modules from the templates", get("modules")),
        # The docs are rendered either here or by a copy beside the modules (pipeline.py).
        Stage(f"rendering {result['docs']:,} docs pages (with their Mermaid diagrams)",
              get("docs")) if "docs" in times else
        Stage("waiting for the docs pages, rendered by a copy of the process beside the modules",
              get("docs beside")),
        Stage("black's layout for the modules (`emit/layout.py`; no black)", get("layout")),
        Stage("saving the render memo", get("memo")),
        Stage(f"writing the {result['files']:,} files and swapping the folder in", get("write")),
        Stage("remembering the run", get("record")),
        Stage("keeping the cache folder within its bound (a look at most once an hour)",
              get("trim")),
    ]
    rest = result["main"] - sum(times.values())
    rows.append(Stage("the rest (settings, reporting, imports on first use)", rest))
    return rows


def table(wall: float, rows: list[Stage]) -> str:
    lines = ["| step | time | share |", "|---|---:|---:|"]
    for row in rows:
        lines.append(f"| {row.label} | {_seconds(row.seconds)} | {100 * row.seconds / wall:.0f}% |")
    lines.append(f"| **total (wall time of the process)** | **{_seconds(wall)}** | |")
    return "\n".join(lines)


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.0f} ms"


if __name__ == "__main__":
    print(json.dumps(measure_here(sys.argv[1], sys.argv[2], "--fine" in sys.argv[3:])))
    # The process ends as the command's does (cli.console): not taking apart, one at a time,
    # the objects the run made (at 10,000 pages some 0.3 s the command does not spend).
    sys.stdout.flush()
    os._exit(0)

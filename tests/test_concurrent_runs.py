"""Commands run at the same time over one output folder and one cache folder (a watch and a
commit's hook, two terminals, a build tool's parallel jobs) each end well and leave the output
a run without a cache writes: the output folder is replaced by one run at a time, and a cache
entry is the right one or not found, whoever wrote it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_watch import files_of
from test_watch_random_edits import a_folder

RUNS = 4


def _at_once(commands: list[list[str]], cwd: Path, env: dict[str, str]) -> list[tuple[int, str]]:
    """Each command in a process of its own, all started before any is waited for."""
    processes = [subprocess.Popen([sys.executable, "-m", "docmodels", *command], cwd=cwd,
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for command in commands]
    ended = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        ended.append((process.returncode, out + err))
    return ended


@pytest.mark.parametrize("seed", [1, 2])
def test_generates_ir_and_schema_run_at_once_each_end_well_and_agree(
    tmp_path: Path, seed: int
) -> None:
    folder = a_folder(tmp_path / "specs", seed)
    env = {**os.environ, "DOCMODELS_CACHE_DIR": str(tmp_path / "cache")}
    generate = ["generate", "specs", "-o", "out", "-q"]
    for step in range(4):
        ended = _at_once([*[generate] * RUNS, ["ir", "specs", "-q"], ["schema", "specs", "-q"]],
                         tmp_path, env)
        assert [status for status, _ in ended] == [0] * (RUNS + 2), ended
        fresh = ["generate", "specs", "-o", f"fresh{step}", "-q", "--no-cache"]
        assert subprocess.run([sys.executable, "-m", "docmodels", *fresh], cwd=tmp_path,
                              env=env, check=False).returncode == 0
        assert files_of(tmp_path / "out") == files_of(tmp_path / f"fresh{step}")
        printed = {command: subprocess.run(
            [sys.executable, "-m", "docmodels", command, "specs", "-q", "--no-cache"],
            cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout
            for command in ("ir", "schema")}
        assert [out for _, out in ended[RUNS:]] == [printed["ir"], printed["schema"]]
        # What the runs left in the cache folder gives the next run what a cold one gives.
        again = subprocess.run([sys.executable, "-m", "docmodels", *generate], cwd=tmp_path,
                               env=env, check=False)
        assert again.returncode == 0
        assert files_of(tmp_path / "out") == files_of(tmp_path / f"fresh{step}")
        folder.edit()
        folder.edit()


def test_generates_run_while_a_watch_regenerates_the_same_folder(tmp_path: Path) -> None:
    """A watch and generates over the same pages, output folder and cache folder, edits made
    while both run: each run ends well, the watch goes on, and once it is quiet the output is
    what a run without a cache writes."""
    import queue

    from test_watch import Lines, _default_sigint

    folder = a_folder(tmp_path / "specs", 7)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "DOCMODELS_CACHE_DIR": str(tmp_path / "cache")}
    generate = ["generate", "specs", "-o", "out", "-q"]
    assert _at_once([generate], tmp_path, env)[0][0] == 0
    watch = subprocess.Popen(
        [sys.executable, "-m", "docmodels", "watch", "specs", "-o", "out", "--debounce", "0.1"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        preexec_fn=_default_sigint,  # noqa: PLW1509 (no thread of ours runs yet)
    )
    try:
        lines = Lines(watch.stdout)  # type: ignore[arg-type]
        said = [lines.next()]
        for _ in range(5):
            folder.edit()
            ended = _at_once([generate] * 2, tmp_path, env)
            assert [status for status, _ in ended] == [0, 0], ended
        fresh = ["generate", "specs", "-o", "fresh", "-q", "--no-cache"]
        assert _at_once([fresh], tmp_path, env)[0][0] == 0
        expected = files_of(tmp_path / "fresh")
        deadline = time.monotonic() + 60
        # The watch's runs of the last edits may still be under way: the output is judged once
        # the watch has said nothing for a while, and again after each thing it says.
        while True:
            try:
                said.append(lines.next(timeout=2))
                continue
            except queue.Empty:
                pass
            if files_of(tmp_path / "out") == expected or time.monotonic() > deadline:
                break
        assert watch.poll() is None, said
        assert not [line for line in said if "error" in line or "Traceback" in line], said
        assert files_of(tmp_path / "out") == expected, said
    finally:
        watch.kill()
        watch.wait()

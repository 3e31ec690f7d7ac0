"""Many openapi-generator runs in one JVM: the ``batch`` command of the CLI (4.3.0 and later).

Each run is a config file (generatorName, inputSpec, outputDir: the same settings ``generate``
takes); ``validateSpec: false`` is ``--skip-validate-spec`` (real specs often fail validation,
and users generate them anyway). Test stubs are not written (``apiTests``/``modelTests`` off):
they are outside the docs folder and cost time; everything else is written as a user gets it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from groundtruth.regenerate import jar

# Seconds one generator may take on one spec, when run alone after a batch timed out: the big
# specs of the sample take 10-60 s on this machine; a run past this is stuck in a loop.
JOB_TIMEOUT = 180.0


# The handlebars templates (python@6.6.0) reflect into java.util, which Java 17 closes.
JVM = ("--add-opens", "java.base/java.util=ALL-UNNAMED", "--add-opens",
       "java.base/java.lang=ALL-UNNAMED")


@dataclass(frozen=True)
class Job:
    generator: str
    spec: Path
    out: Path


@dataclass(frozen=True)
class Outcome:
    job: Job
    ok: bool  # openapi-generator finished the run (finished())


def config(job: Job) -> dict[str, object]:
    return {
        "generatorName": job.generator,
        "inputSpec": str(job.spec),
        "outputDir": str(job.out),
        "validateSpec": False,
        "globalProperties": {"apiTests": "false", "modelTests": "false"},
    }


def run(version: str, jobs: list[Job], *, threads: int = 1,
        timeout_minutes: int = 60) -> tuple[list[Outcome], float, str]:
    """Run the jobs with one release's jar, under ``nice``; each output folder is emptied first.
    Returns the outcomes, the wall time in seconds and the log.

    A batch that outlives its timeout is killed; so that one spec the generator chokes on (some
    run for many minutes) does not cost the others, the jobs after it are then run alone, each
    with a timeout (``retry``)."""
    if not jobs:
        return [], 0.0, ""
    with tempfile.TemporaryDirectory() as tmp:
        configs = []
        for index, job in enumerate(jobs):
            if job.out.exists():
                shutil.rmtree(job.out)
            job.out.parent.mkdir(parents=True, exist_ok=True)
            path = Path(tmp) / f"{index:04d}.json"
            path.write_text(json.dumps(config(job)), encoding="utf-8")
            configs.append(str(path))
        start = time.monotonic()
        command = ["nice", "java", *JVM, "-jar", str(jar(version)), "batch",
                   "--threads", str(threads), "--timeout", str(timeout_minutes),
                   "--root-dir", tmp, "--", *configs]
        log = _run(command, tmp, timeout_minutes * 60 + 30)
    if log.endswith(TIMED_OUT) and threads == 1:
        # One thread runs the configs in order: the first unfinished job is the one that ran out
        # of time (not worth another go); the ones after it never started.
        unfinished = [job for job in jobs if not finished(job)]
        for job in unfinished[1:]:
            log += retry(version, job)
    outcomes = [Outcome(job, finished(job)) for job in jobs]
    return outcomes, time.monotonic() - start, log


TIMED_OUT = "\n[killed: timed out]\n"


def finished(job: Job) -> bool:
    """openapi-generator writes .openapi-generator/FILES last (5.0 on); 4.x writes no FILES,
    and VERSION among the supporting files, after the models and APIs."""
    meta = job.out / ".openapi-generator"
    return (meta / "FILES").is_file() or (meta / "VERSION").is_file()


def _run(command: list[str], cwd: str, timeout: float) -> str:
    """The command's output; killed (its whole process group) when it outlives the timeout."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        out, _ = process.communicate(timeout=timeout)
        return out
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, _ = process.communicate()
        return out + TIMED_OUT


def retry(version: str, job: Job, timeout: float = JOB_TIMEOUT) -> str:
    """One job alone (``generate``), killed after ``timeout`` seconds."""
    if job.out.exists():
        shutil.rmtree(job.out)
    with tempfile.TemporaryDirectory() as tmp:
        command = ["nice", "java", *JVM, "-jar", str(jar(version)), "generate", "-g", job.generator,
                   "-i", str(job.spec), "-o", str(job.out), "--skip-validate-spec",
                   "--global-property", "apiTests=false,modelTests=false"]
        return f"\n[retry {job.spec.name}]\n" + _run(command, tmp, timeout)

"""A generator killed at any moment leaves the output folder as the complete old tree or the
complete new one, and the next run cleans up after it.

``docmodels generate`` runs in a process of its own and gets SIGKILL (no handler, no cleanup)
at seeded random moments: spread over whole runs, and while it writes the new tree beside the
output folder. After every kill the folder is compared, file by file, with both trees.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from generated import TABLE_HEAD

pytestmark = pytest.mark.slow

MODELS = 80  # a module and a doc page each, plus the pages one version alone has
KILLS = 12
# Long descriptions make the tree large (a few MB), and the write phase long enough to kill in.
PARAGRAPH = "A description long enough to make the output large. " * 80


def page(title: str, index: int, version: str) -> str:
    following = f"Model{(index + 1) % MODELS}"
    rows = [
        f"**id** | **int** | Identifier of model {index}, {version} version. | ",
        f"**name** | **str** | {PARAGRAPH} | [optional] [default to '{version}']",
        "**tags** | **List[str]** | Tags. | [optional]",
        f"**next** | [**{following}**]({following}.md) | The next model. | [optional]",
    ]
    description = f"Model {index}, {version} version. {PARAGRAPH}"
    return f"# {title}\n\n{description}\n\n## Properties\n\n{TABLE_HEAD}" + "".join(
        f"{row}\n" for row in rows
    )


def write_specs(folder: Path, version: str) -> Path:
    """The pages of one version. The new one changes a third of the models, spread over the
    alphabet, drops five and adds five: black formats only those again, which keeps the test
    quick, and the two trees still differ from one end to the other."""
    folder.mkdir(parents=True)
    for index in range(MODELS):
        changed = "new" if version == "new" and index % 6 in (0, 5) else "old"
        (folder / f"Model{index}.md").write_text(page(f"Model{index}", index, changed), "utf-8")
    only_here = "Added" if version == "new" else "Retired"
    for index in range(5):
        (folder / f"{only_here}{index}.md").write_text(page(f"{only_here}{index}", index, version),
                                                       "utf-8")
    return folder


def manifest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path, as a SHA-256; empty if there is none."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def command(out: Path) -> list[str]:
    return [sys.executable, "-m", "docmodels", "generate", "specs", "-o", str(out)]


def generate(version: Path, out: Path) -> None:
    """Run in ``version``'s folder: both versions' pages are specs/*.md, as the generated
    files record them."""
    subprocess.run(command(out), cwd=version, check=True, capture_output=True)


def staging(parent: Path) -> set[str]:
    """The folders beside the output a run builds the new tree in (a killed run leaves its)."""
    return {name for name in os.listdir(parent) if name.startswith(".out.new-")}


def test_a_killed_generator_leaves_the_old_or_the_new_tree(tmp_path: Path) -> None:
    specs = {
        "old": write_specs(tmp_path / "old" / "specs", "old").parent,
        "new": write_specs(tmp_path / "new" / "specs", "new").parent,
    }
    expected = {}
    for version, folder in specs.items():  # also fills black's cache for the runs below
        generate(folder, tmp_path / "expected" / version)
        expected[version] = manifest(tmp_path / "expected" / version)
    assert len(expected["new"]) > 2 * MODELS
    assert expected["old"].keys() != expected["new"].keys()  # files added and removed
    changed = sorted(k for k in expected["old"].keys() & expected["new"].keys()
                     if expected["old"][k] != expected["new"][k])
    assert len(changed) > MODELS // 3

    work = tmp_path / "work"
    work.mkdir()
    out = work / "out"
    # How long a whole run takes (black's results memoized, as below), so that random kills
    # spread over all of it.
    started = time.monotonic()
    generate(specs["old"], out)
    duration = time.monotonic() - started
    state = "old"

    rng = random.Random(20261125)
    killed_running = killed_writing = 0
    kill = 0
    # (Until one kill lands while a run writes its new tree: writing a tree that mostly stays
    # is quick, and a kill meant for it can come just after; a few more tries, then it counts.)
    while kill < KILLS or (killed_writing == 0 and kill < 3 * KILLS):
        target = "new" if state == "old" else "old"
        left_before = staging(work)
        process = subprocess.Popen(
            command(out), cwd=specs[target], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if kill % 2 == 0 and kill < KILLS:
            time.sleep(rng.uniform(0, duration * 1.1))
        else:
            # Wait for this run to start the new tree beside the output, then kill while it is
            # written (that takes 0.15 to 0.35 s here, the old tree's removal included).
            while process.poll() is None and not staging(work) - left_before:
                time.sleep(0.0005)
            if kill < KILLS:
                time.sleep(rng.uniform(0, 0.02))
        writing = bool(staging(work) - left_before)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if process.returncode == -signal.SIGKILL:
            killed_running += 1
            killed_writing += writing

        found = manifest(out)
        assert found in (expected["old"], expected["new"]), f"kill {kill}: a mixed tree"
        state = "old" if found == expected["old"] else "new"
        kill += 1

    # The kills did land in running generators, some of them while they wrote the new tree.
    assert killed_running >= KILLS // 2
    assert killed_writing >= 1

    # What the kills left beside the output does not stop the next run, which removes it.
    target = "new" if state == "old" else "old"
    generate(specs[target], out)
    assert manifest(out) == expected[target]
    assert os.listdir(work) == ["out"]

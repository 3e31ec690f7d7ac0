"""Work done by a forked copy of the process (the docs, beside the modules): the result is the
work's wherever it was made, and a copy that fails or dies costs the work done here instead."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from conftest import SPECS
from docmodels import pipeline
from docmodels.beside import Beside


def test_the_copy_gives_its_result() -> None:
    parent = os.getpid()
    assert Beside(lambda: ("made", os.getpid() != parent)).result() == ("made", True)


def test_an_error_in_the_copy_is_raised_here() -> None:
    def work() -> None:
        raise ValueError("a broken template")

    with pytest.raises(ValueError, match="a broken template"):
        Beside(work).result()


def test_a_copy_that_dies_leaves_the_work_to_this_process() -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os._exit(3)  # killed half-way: nothing comes back
        return 7

    assert Beside(work).result() == 7


def test_where_no_process_can_be_forked_the_work_is_done_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_fork(method: str | None = None) -> object:
        raise ValueError(f"cannot find context for {method!r}")

    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    parent = os.getpid()
    assert Beside(lambda: os.getpid() == parent).result() is True


def _build(tmp_path: Path, cache: Path) -> pipeline.Build:
    return pipeline.build([SPECS], "models", base=tmp_path, cache_dir=cache)


def test_docs_rendered_beside_the_modules_are_those_rendered_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same files, and the memo keeps the docs the copy rendered: the next run renders
    none of them again."""
    here = _build(tmp_path, tmp_path / "here")
    monkeypatch.setattr(pipeline, "_DOCS_BESIDE", range(1, 100))
    monkeypatch.setattr(pipeline.cpus, "available", lambda: 2)
    forked: list[bool] = []
    real = pipeline.Beside

    def spy(work: object) -> object:
        forked.append(True)
        return real(work)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "Beside", spy)
    cache = tmp_path / "beside"
    first = _build(tmp_path, cache)
    assert forked and first.files == here.files
    forked.clear()
    rendered: list[str] = []
    monkeypatch.setattr(pipeline.DocsEmitter, "_page", lambda *a: rendered.append("page") or "")
    again = _build(tmp_path, cache)
    assert again.files == here.files and rendered == []
    assert forked == []  # every page a lookup in the memo: no copy made for them


def test_the_copys_collector_leaves_alone_what_it_was_born_with() -> None:
    import gc

    born_with = [[index] for index in range(1_000)]
    assert Beside(gc.get_freeze_count).result() >= len(born_with)
    assert gc.get_freeze_count() == 0

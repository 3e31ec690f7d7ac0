"""A worker process shares its parent's memory: its garbage collector leaves alone the objects
it was born with (workers.py), which it would otherwise walk, copying every page they lie on
(at 10,000 pages, some 70 MB more across the run's processes)."""

from __future__ import annotations

import gc

from docmodels.workers import pool


def _frozen_here(_: object) -> int:
    return gc.get_freeze_count()


def test_a_worker_collects_only_what_it_made() -> None:
    born_with = [[index] for index in range(10_000)]  # objects the collector tracks
    with pool(1) as processes:
        frozen = list(processes.map(_frozen_here, [None]))
    assert frozen[0] >= len(born_with)
    assert gc.get_freeze_count() == 0  # this process's collector walks everything as before

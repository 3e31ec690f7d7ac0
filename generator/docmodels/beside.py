"""Work done in a second process while this one does its own: a forked copy of this process,
so that nothing is sent to it (the docs' renderer reads the same model set the modules' does,
without a copy of it crossing a pipe), and only the result comes back.

The copy is bound to this process as the reading workers are (workers.py): it lets go of
standard output and dies with the run. Where no process can be forked, or the copy fails or
dies, the work is done here instead: the result never depends on where it was made.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:  # (multiprocessing imported only where a copy is made: most runs make none)
    import multiprocessing
    from multiprocessing.connection import Connection

R = TypeVar("R")


class Beside(Generic[R]):
    """``work`` under way in a forked process; ``result()`` waits for what it gave."""

    def __init__(self, work: Callable[[], R]) -> None:
        self._work = work
        self._process: multiprocessing.process.BaseProcess | None = None
        self._receiving: Connection | None = None
        import multiprocessing

        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # no fork here (Windows)
            return
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(target=_run, args=(work, sending, os.getpid()), daemon=True)
        # (The copy's collector leaves alone the objects it was born with: workers.py.)
        try:
            process.start()
        except OSError:  # no process to be had (a limit, a sandbox)
            receiving.close()
            sending.close()
            return
        sending.close()  # the child's end: EOF here once the child is gone
        self._process, self._receiving = process, receiving

    def result(self) -> R:
        """What ``work`` gave: the forked process's, or, where it gave nothing, made here."""
        if self._process is None or self._receiving is None:
            return self._work()
        try:
            done, value = self._receiving.recv()
        except (EOFError, OSError):  # the process died
            done, value = False, None
        finally:
            self._receiving.close()
            self._process.join()
        # An exception in the copy (a broken template, say) is raised again here, with its
        # own traceback, by doing the work in this process.
        return value if done else self._work()


def _run(work: Callable[[], object], sending: Connection, parent: int) -> None:
    from docmodels import workers

    workers.bind_to_parent(parent)
    try:
        value = work()
    except BaseException:  # noqa: BLE001 (the parent does the work again and raises it)
        sending.send((False, None))
    else:
        sending.send((True, value))
    finally:
        sending.close()

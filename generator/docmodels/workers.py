"""Process pools whose workers die with the run that started them.

A pool's workers wait on a queue whose other end they hold themselves: when the run is killed
(SIGKILL, SIGTERM, a closed terminal) nothing tells them, and they wait for minutes or for
ever, holding the run's standard output open, so that ``docmodels generate | tee log`` never
ends. Each worker therefore lets go of standard output (it never writes to it), asks Linux to
kill it when its parent dies, and, where that cannot be asked, looks at its parent twice a
second and exits once it is gone.
"""

from __future__ import annotations

import concurrent.futures
import gc
import multiprocessing
import os
import sys
import threading
import time

# prctl(2): the signal a process gets when the thread that created it ends.
_PR_SET_PDEATHSIG = 1
# How often a worker that cannot ask the kernel looks whether its parent is still there.
_PARENT_POLL_SECONDS = 0.5


def pool(workers: int) -> concurrent.futures.ProcessPoolExecutor:
    """A pool of ``workers`` processes that end when this process does, however it ends.

    Its processes are started by the thread that submits the first task, and on Linux are
    killed when that thread ends: use the pool within the thread that made it (a ``with``
    block), as every caller does."""
    context = multiprocessing.get_context()
    # A fork server (Python 3.14's default on Linux) is the workers' parent, and ends with
    # this process; otherwise this process is.
    run = None if context.get_start_method() == "forkserver" else os.getpid()
    return concurrent.futures.ProcessPoolExecutor(
        workers, mp_context=context, initializer=bind_to_parent, initargs=(run,)
    )


def bind_to_parent(run: int | None) -> None:
    """Runs first in each worker; ``run``: the process that must be its parent, where known."""
    # A forked worker shares its parent's memory until either writes to it. The collector
    # walking the objects it was born with would write to every page they lie on (copying a
    # big run's hundreds of MB, page by page): frozen, it walks only what the worker makes.
    gc.freeze()
    _let_go_of_stdout()
    parent = os.getppid() if run is None else run
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the worker could ask
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _let_go_of_stdout() -> None:
    # A worker's results travel back through the pool's queue; standard output is the user's
    # pipe, which must close when the run ends, whatever its workers are doing. (Standard error
    # stays, for a worker's own fatal error.) Not flushed first: a forked worker's buffer holds
    # what the run had not yet written, which the run writes itself; now it goes nowhere.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    os.dup2(devnull, 1)
    os.close(devnull)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no prctl (another libc): the watching thread still ends the worker


def _watch_parent(parent: int) -> None:
    """Ends the worker once its parent is gone (it is then re-parented: another parent id)."""
    while os.getppid() == parent:
        time.sleep(_PARENT_POLL_SECONDS)
    os._exit(1)

"""An ordered batch pool: run a function over batches, in one process or in a forked pool,
and yield the results in the order of the batches.

It knows nothing about what it runs. With `jobs > 1` the caller's `before_fork` runs first
(to load what the workers should share, e.g. a spaCy pipeline), the garbage collector is
frozen, and the work function is inherited by the forked workers, so they share its state
copy-on-write instead of building it again; results come back in input order, so output is
identical whatever the number of jobs.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

AUTO_PARALLEL_MIN_FILES = 50

Item = TypeVar("Item")
Result = TypeVar("Result")

_WORK: Callable[[list[Any]], list[Any]] | None = None  # set in the parent before forking


def default_jobs(item_count: int) -> int:
    """1 for a handful of items (start-up dominates), else one process per core."""
    if item_count < AUTO_PARALLEL_MIN_FILES:
        return 1
    return max(1, os.cpu_count() or 1)


def batch_bounds(count: int, largest: int, jobs: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive batches over `count` items.

    One process: batches of `largest`. Several: guided self-scheduling, each batch a quarter of
    one worker's share of what is left (at most `largest`, at least 2 items), so batches shrink
    toward the end and the workers finish together instead of one waiting on a last big batch.
    """
    bounds = []
    start = 0
    while start < count:
        size = largest if jobs <= 1 else max(2, min(largest, -(-(count - start) // (jobs * 4))))
        bounds.append((start, min(count, start + size)))
        start += size
    return bounds


def run_batches(
    work: Callable[[list[Item]], list[Result]],
    batches: list[list[Item]],
    jobs: int = 1,
    before_fork: Callable[[], None] | None = None,
) -> Iterator[list[Result]]:
    """`work(batch)` for each batch, in order; in `jobs` forked processes when jobs > 1."""
    if jobs <= 1 or len(batches) <= 1:
        for batch in batches:
            yield work(batch)
        return
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORK
    if before_fork is not None:
        before_fork()
    gc.freeze()  # keep the collector from touching (and so copying) the shared pages in workers
    _WORK = work
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),)
    )
    try:
        yield from pool.map(_worker, batches)
    except BaseException:  # Ctrl-C, SIGTERM, a consumer that stops: the workers go now
        for process in list(getattr(pool, "_processes", {}).values()):
            with contextlib.suppress(OSError, AttributeError, ValueError):
                process.kill()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _worker_start(parent: int) -> None:
    """In each worker: die with the parent, however it dies (SIGKILL included)."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _worker(batch: list[Any]) -> list[Any]:
    assert _WORK is not None
    return _WORK(batch)

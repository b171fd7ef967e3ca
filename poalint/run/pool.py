"""Linting many files: read, look up the result cache, lint the misses in batches in one
or more processes, apply the configuration, and yield reports in input order.

With `jobs > 1` the linter (rule pack and loaded pipeline) is forked into a process pool,
so workers share it copy-on-write instead of loading it again; results come back in input
order, so output is identical whatever the number of jobs.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from poalint.errors import UserError
from poalint.model.report import ErrorModel, FileReport
from poalint.run.cache import ResultCache

if TYPE_CHECKING:
    from poalint.app.linter import Linter

AUTO_PARALLEL_MIN_FILES = 50

Job = tuple[str, str, str]  # (path, text, location unit)

_WORKER_LINTER: Linter | None = None  # set in the parent before forking; inherited by workers


def default_jobs(file_count: int) -> int:
    """1 for a handful of files (start-up dominates), else one process per core."""
    if file_count < AUTO_PARALLEL_MIN_FILES:
        return 1
    return max(1, os.cpu_count() or 1)


Linted = tuple[FileReport, list[tuple[int, str]]]  # a raw report and its unknown directives


def _lint_jobs(linter: Linter, jobs: list[Job]) -> list[Linted | ErrorModel]:
    documents = [linter.build(path, text, unit) for path, text, unit in jobs]
    results = linter.raw_reports_or_errors(documents)
    return [
        result if isinstance(result, ErrorModel) else (result, linter.unknown_directives(doc))
        for result, doc in zip(results, documents, strict=True)
    ]


def _worker(jobs: list[Job]) -> list[Linted | ErrorModel]:
    assert _WORKER_LINTER is not None
    return _lint_jobs(_WORKER_LINTER, jobs)


def lint_files(
    linter: Linter,
    files: list[str],
    jobs: int = 1,
    cache: ResultCache | None = None,
    sources: dict[str, tuple[str, str]] | None = None,
) -> Iterator[FileReport | ErrorModel]:
    """Yield one report or error per file, in the order of `files`, as soon as it is ready.

    A cache hit needs only the file's text: drafts are parsed only when they are linted.
    `sources`, when given, receives each draft's text and location unit as read and linted,
    keyed by its report path (for renderers that show the draft, such as HTML)."""
    batch_size = max(1, linter.options.batch_files)
    slots: list[Linted | ErrorModel | None] = []
    pending: list[tuple[int, Job, str | None]] = []
    for path in files:
        try:
            text, unit = linter.read_source(path)
        except UserError as exc:
            slots.append(ErrorModel(path=path, message=exc.line()))
            continue
        if sources is not None:
            sources[_display(path)] = (text, unit)
        key = cache.key(f"{unit}\0{text}") if cache is not None else None
        cached = cache.get(key, _display(path), text, unit) if cache is not None and key is not None else None
        slots.append(cached)
        if cached is None:
            pending.append((len(slots) - 1, (path, text, unit), key))

    batches = [pending[i:j] for i, j in batch_bounds(len(pending), batch_size, jobs)]
    done = 0
    for batch, results in zip(
        batches, _run(linter, [[j for _, j, _ in b] for b in batches], jobs), strict=True
    ):
        for (slot, _job, key), result in zip(batch, results, strict=True):
            if cache is not None and key is not None and not isinstance(result, ErrorModel):
                cache.put(key, *result)  # errors are never cached: the next run reports them again
            slots[slot] = result
        while done < len(slots) and slots[done] is not None:
            yield _finish(linter, files[done], slots[done])  # type: ignore[arg-type]
            done += 1
    while done < len(slots):
        yield _finish(linter, files[done], slots[done])  # type: ignore[arg-type]
        done += 1


def batch_bounds(count: int, largest: int, jobs: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive batches over `count` files.

    One process: batches of `largest`. Several: guided self-scheduling, each batch a quarter of
    one worker's share of what is left (at most `largest`, at least 2 files), so batches shrink
    toward the end and the workers finish together instead of one waiting on a last big batch.
    """
    bounds = []
    start = 0
    while start < count:
        size = largest if jobs <= 1 else max(2, min(largest, -(-(count - start) // (jobs * 4))))
        bounds.append((start, min(count, start + size)))
        start += size
    return bounds


def _finish(linter: Linter, path: str, slot: Linted | ErrorModel) -> FileReport | ErrorModel:
    """Warnings about unknown directives, then the configuration, in input order."""
    if isinstance(slot, ErrorModel):
        return slot
    report, unknown = slot
    linter.note_unknown_directives(path, unknown)
    return linter.finalize(report, path)


def _display(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _run(linter: Linter, batches: list[list[Job]], jobs: int) -> Iterator[list[Linted | ErrorModel]]:
    if jobs <= 1 or len(batches) <= 1:
        for batch in batches:
            yield _lint_jobs(linter, batch)
        return
    global _WORKER_LINTER
    linter.prepare()  # load the pipeline once, before forking
    gc.freeze()  # keep the collector from touching (and so copying) the shared pages in workers
    _WORKER_LINTER = linter
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

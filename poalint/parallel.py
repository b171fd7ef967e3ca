"""Linting many files: cache lookups, then the misses in batches, in one or more processes.

With `jobs > 1` the linter is forked into a process pool (workers inherit the loaded rule
pack and pipeline copy-on-write, so nothing is loaded twice); results come back in input
order, so output stays deterministic whatever the number of jobs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

from poalint.cache import ResultCache
from poalint.errors import UserError
from poalint.report import ErrorModel, FileReport

BATCH_FILES = 16
AUTO_PARALLEL_MIN_FILES = 50

_WORKER_LINTER = None  # set in the parent before forking; inherited by the workers


def default_jobs(file_count: int) -> int:
    if file_count < AUTO_PARALLEL_MIN_FILES:
        return 1
    return max(1, os.cpu_count() or 1)


def _lint_batch(batch: list[tuple[str, str]]) -> list[FileReport | ErrorModel]:
    linter = _WORKER_LINTER
    assert linter is not None
    return linter.lint_texts(batch)


def lint_files(
    linter,  # noqa: ANN001 - runner.Linter (kept loose to avoid an import cycle)
    files: list[str],
    jobs: int = 1,
    cache: ResultCache | None = None,
    on_done: Callable[[int], None] | None = None,
) -> Iterator[FileReport | ErrorModel]:
    """Yield one report or error per file, in the order of `files`."""
    slots: list[FileReport | ErrorModel | None] = []
    pending: list[tuple[int, str, str, str | None]] = []  # (slot, path, text, cache key)
    for path in files:
        try:
            text = linter.read_text(path)
        except UserError as exc:
            slots.append(ErrorModel(path=path, message=exc.line()))
            continue
        key = cache.key(path.rsplit(".", 1)[-1].lower() + "\0" + text) if cache is not None else None
        hit = cache.get(key, linter.display_path(path)) if key is not None and cache is not None else None
        slots.append(hit)
        if hit is None:
            pending.append((len(slots) - 1, path, text, key))

    batches = [pending[i : i + BATCH_FILES] for i in range(0, len(pending), BATCH_FILES)]
    results = _run(linter, [[(path, text) for _, path, text, _ in b] for b in batches], jobs)
    next_slot = 0
    for batch, reports in zip(batches, results, strict=True):
        for (slot, _, _, key), report in zip(batch, reports, strict=True):
            slots[slot] = report
            if cache is not None and key is not None and isinstance(report, FileReport):
                cache.put(key, report)
        # stream out every slot that is now complete, in order
        while next_slot < len(slots) and slots[next_slot] is not None:
            item = slots[next_slot]
            assert item is not None
            yield item
            next_slot += 1
            if on_done:
                on_done(1)
    while next_slot < len(slots):
        item = slots[next_slot]
        assert item is not None
        yield item
        next_slot += 1
        if on_done:
            on_done(1)


def _run(linter, batches: list[list[tuple[str, str]]], jobs: int) -> Iterator[list[FileReport | ErrorModel]]:  # noqa: ANN001
    if jobs <= 1 or len(batches) <= 1:
        for batch in batches:
            yield linter.lint_texts(batch)
        return
    global _WORKER_LINTER
    linter.prepare()  # load the pipeline once, before forking
    _WORKER_LINTER = linter
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(_lint_batch, batches)

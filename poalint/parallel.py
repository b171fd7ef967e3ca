"""Linting many files: read, look up the result cache, lint the misses in batches in one
or more processes, apply the configuration, and yield reports in input order.

With `jobs > 1` the linter (rule pack and loaded pipeline) is forked into a process pool,
so workers share it copy-on-write instead of loading it again; results come back in input
order, so output is identical whatever the number of jobs.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from poalint.cache import ResultCache
from poalint.errors import UserError
from poalint.report import ErrorModel, FileReport

if TYPE_CHECKING:
    from poalint.runner import Linter

AUTO_PARALLEL_MIN_FILES = 50

Job = tuple[str, str, str]  # (path, text, location unit)

_WORKER_LINTER: Linter | None = None  # set in the parent before forking; inherited by workers


def default_jobs(file_count: int) -> int:
    """1 for a handful of files (start-up dominates), else one process per core."""
    if file_count < AUTO_PARALLEL_MIN_FILES:
        return 1
    return max(1, os.cpu_count() or 1)


def _lint_jobs(linter: Linter, jobs: list[Job]) -> list[FileReport]:
    from poalint.runner import build_document

    documents = []
    for path, text, unit in jobs:
        document = build_document(path, text, linter.parser)
        document.location_unit = unit  # type: ignore[assignment]
        documents.append(document)
    return linter.raw_reports(documents)


def _worker(jobs: list[Job]) -> list[FileReport]:
    assert _WORKER_LINTER is not None
    return _lint_jobs(_WORKER_LINTER, jobs)


def lint_files(
    linter: Linter, files: list[str], jobs: int = 1, cache: ResultCache | None = None
) -> Iterator[FileReport | ErrorModel]:
    """Yield one report or error per file, in the order of `files`, as soon as it is ready."""
    batch_size = max(1, linter.options.batch_files)
    slots: list[FileReport | ErrorModel | None] = []
    pending: list[tuple[int, Job, str | None]] = []
    for path in files:
        try:
            document = linter.read(path)
        except UserError as exc:
            slots.append(ErrorModel(path=path, message=exc.line()))
            continue
        linter.note_directive_warnings(document)
        job = (path, document.text, document.location_unit)
        key = cache.key(f"{document.location_unit}\0{document.text}") if cache is not None else None
        cached = cache.get(key, _display(path)) if cache is not None and key is not None else None
        slots.append(linter.finalize(cached, path) if cached is not None else None)
        if cached is None:
            pending.append((len(slots) - 1, job, key))

    if jobs > 1:  # several batches per worker keep both cores busy to the end
        batch_size = max(1, min(batch_size, -(-len(pending) // (jobs * 4))))
    batches = [pending[i : i + batch_size] for i in range(0, len(pending), batch_size)]
    done = 0
    for batch, reports in zip(
        batches, _run(linter, [[j for _, j, _ in b] for b in batches], jobs), strict=True
    ):
        for (slot, (path, _, _), key), report in zip(batch, reports, strict=True):
            if cache is not None and key is not None:
                cache.put(key, report)
            slots[slot] = linter.finalize(report, path)
        while done < len(slots) and slots[done] is not None:
            yield slots[done]  # type: ignore[misc]
            done += 1
    while done < len(slots):
        yield slots[done]  # type: ignore[misc]
        done += 1


def _display(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _run(linter: Linter, batches: list[list[Job]], jobs: int) -> Iterator[list[FileReport]]:
    if jobs <= 1 or len(batches) <= 1:
        for batch in batches:
            yield _lint_jobs(linter, batch)
        return
    global _WORKER_LINTER
    linter.prepare()  # load the pipeline once, before forking
    gc.freeze()  # keep the collector from touching (and so copying) the shared pages in workers
    _WORKER_LINTER = linter
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(_worker, batches)

"""Linting many files: read, look up the result cache, lint the misses in batches (through
the ordered pool of `poalint.run.pool`), apply the configuration, and yield reports in input
order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from poalint.errors import UserError
from poalint.model.report import ErrorModel, FileReport
from poalint.run.cache import ResultCache
from poalint.run.pool import batch_bounds, run_batches

if TYPE_CHECKING:
    from poalint.app.linter import Linter

Job = tuple[str, str, str]  # (path, text, location unit)
Linted = tuple[FileReport, list[tuple[int, str]]]  # a raw report and its unknown directives


class LintBatch:
    """The pool's work: lint a batch of jobs with one linter (one nlp.pipe stream)."""

    def __init__(self, linter: Linter) -> None:
        self.linter = linter

    def __call__(self, jobs: list[Job]) -> list[Linted | ErrorModel]:
        linter = self.linter
        documents = [linter.build(path, text, unit) for path, text, unit in jobs]
        results = linter.raw_reports_or_errors(documents)
        return [
            result if isinstance(result, ErrorModel) else (result, linter.unknown_directives(doc))
            for result, doc in zip(results, documents, strict=True)
        ]


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
            suffix = linter.cache_suffix(path)  # reads the notice and previous plan beside it
        except UserError as exc:
            slots.append(ErrorModel(path=path, message=exc.line()))
            continue
        if sources is not None:
            sources[_display(path)] = (text, unit)
        key = cache.key(f"{unit}\0{text}{suffix}") if cache is not None else None
        cached = cache.get(key, _display(path), text, unit) if cache is not None and key is not None else None
        slots.append(cached)
        if cached is None:
            pending.append((len(slots) - 1, (path, text, unit), key))

    batches = [pending[i:j] for i, j in batch_bounds(len(pending), batch_size, jobs)]
    results = run_batches(
        LintBatch(linter),
        [[job for _, job, _ in batch] for batch in batches],
        jobs,
        before_fork=linter.prepare,
    )
    done = 0
    for batch, linted in zip(batches, results, strict=True):
        for (slot, _job, key), result in zip(batch, linted, strict=True):
            if cache is not None and key is not None and not isinstance(result, ErrorModel):
                cache.put(key, *result)  # errors are never cached: the next run reports them again
            slots[slot] = result
        while done < len(slots) and slots[done] is not None:
            yield _finish(linter, files[done], slots[done])  # type: ignore[arg-type]
            done += 1
    while done < len(slots):
        yield _finish(linter, files[done], slots[done])  # type: ignore[arg-type]
        done += 1


def _finish(linter: Linter, path: str, slot: Linted | ErrorModel) -> FileReport | ErrorModel:
    """Warnings about unknown directives, then the configuration, in input order."""
    if isinstance(slot, ErrorModel):
        return slot
    report, unknown = slot
    linter.note_unknown_directives(path, unknown)
    return linter.finalize(report, path)


def _display(path: str) -> str:
    return "<stdin>" if path == "-" else path

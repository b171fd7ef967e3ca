"""The editor server's linting, without the protocol: one `Session` kept for the life of the
server, with a spaCy doc cache so that re-linting an edited draft analyses only the blocks
that changed, and rebuilt (keeping the pipeline and the doc cache) when a configuration file
or rule file it depends on changes on disk.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from poalint.app.config import YAML_NAMES, rule_folders
from poalint.app.session import Session, SessionOptions
from poalint.errors import UserError
from poalint.model.document import Document
from poalint.model.report import FileReport, FindingModel
from poalint.nlp.analysis import DocCache
from poalint.server.edits import Suppression, file_suppression, line_suppression, normalise

Suppressions = list[list[Suppression]]
DOC_CACHE_SIZE = 4096  # spaCy Docs (paragraphs) kept: several long drafts and their recent edits
WARM_EXAMPLES = 12  # good examples of the rules linted as one short draft when warming up
SAMPLE_AFTER = 1.0  # seconds without a request before the sample draft is linted (see warm_steps)
WARM_TEXT = "We checked every order on 3 May. From 1 June the shift lead checks the queue at 15:00."


@dataclass(frozen=True)
class LintResult:
    """One lint of one version of a draft, as the server publishes it."""

    path: str
    version: int | None
    text: str  # the text linted, line breaks normalised
    report: FileReport | None = None
    error: str | None = None  # a configuration or rule error, one line
    why: dict[str, str] = field(default_factory=dict)  # rule id -> why, for the rules found

    @property
    def findings(self) -> list[FindingModel]:
        return self.report.findings if self.report is not None else []

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def _stat(path: Path) -> tuple[str, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (str(path), info.st_mtime_ns, info.st_size)


class DraftLinter:
    """Lints editor buffers through a `Session` (configuration found as for `poalint check`)."""

    def __init__(
        self,
        options: SessionOptions | None = None,
        cache_size: int = DOC_CACHE_SIZE,
        nlp: object | None = None,
    ) -> None:
        self.doc_cache = DocCache(cache_size)
        self.options = replace(options or SessionOptions(), doc_cache=self.doc_cache, cache=False)
        self.session = Session(self.options, nlp=nlp)  # nlp: a loaded pipeline to use (tests)
        self.sessions_built = 1
        self._pipelines: dict[str | None, object] = {}  # model name -> loaded pipeline
        self._stamps: dict[str, tuple] = {}  # folder of a draft -> what its configuration depends on
        self._last: dict[str, LintResult] = {}  # path -> its last lint (a save re-lints unchanged text)

    # -- configuration changes ---------------------------------------------------------------
    def _stamp(self, path: str) -> tuple:
        """The configuration files that may govern `path` and the rule files that the
        configuration and the command line name, with their sizes and modification times."""
        parts: list[object] = []
        if self.options.config_path:
            parts.append(_stat(Path(self.options.config_path)))
        elif not self.options.isolated:
            folder = Path(path).resolve().parent
            for candidate in (folder, *folder.parents):
                parts += [_stat(candidate / name) for name in (*YAML_NAMES, "pyproject.toml")]
        folders = [Path(d) for d in self.options.rules_dirs]
        with contextlib.suppress(UserError):  # a broken configuration is reported by the lint
            folders += list(rule_folders([self.session.config_for(path)]))
        for folder in folders:
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                parts.append((str(folder), None))
                continue
            parts += [_stat(folder / n) for n in names if n.endswith((".yaml", ".yml"))]
        return tuple(parts)

    def _model(self, session: Session, path: str) -> str | None:
        try:
            return self.options.model or session.config_for(path).settings.model
        except UserError:
            return self.options.model

    def _refresh(self, path: str) -> None:
        """A new session when what configures `path` changed since it was last linted (the
        loaded pipeline and the doc cache are kept)."""
        folder = str(Path(path).resolve().parent)
        stamp = self._stamp(path)
        known = self._stamps.get(folder)
        if known is not None and known != stamp:
            fresh = Session(self.options)
            nlp = self._pipelines.get(self._model(fresh, path))
            self.session = Session(self.options, nlp=nlp) if nlp is not None else fresh
            self.sessions_built += 1
            self._stamps.clear()
            self._last.clear()
            stamp = self._stamp(path)
        self._stamps[folder] = stamp

    # -- linting -------------------------------------------------------------------------------
    def warm_up(self, path: str) -> None:
        """Load the rule pack and the spaCy pipeline before the first draft arrives."""
        for _ in self.warm_steps(path, sample=False):
            pass

    def warm_steps(self, path: str, sample: bool = True) -> Iterator[float]:
        """Warm up in steps, between which the worker stops when a request is waiting: load
        the rule pack and the pipeline and compile the rules; load the readability tables; then,
        with `sample`, lint a short draft made of the rules' good examples, so that what a first
        lint does once (the lemmatizer's cache of common words, patterns compiled on first use)
        is done before the editor sends the draft. Each step yields how long to wait for a
        request before the next: a draft opened with the server (sent right after `initialize`)
        is linted as soon as the pipeline is loaded, and the sample, which would only delay it,
        waits until no draft came for `SAMPLE_AFTER` seconds."""
        try:
            linter, pack, _model = self._linter(path)
            linter.prepare()
        except UserError:  # reported with the first lint
            return
        yield 0.0
        from poalint.nlp.readability import readability_module

        readability_module().flesch_reading_ease(WARM_TEXT)  # textstat's syllable tables
        if sample:
            yield SAMPLE_AFTER
            texts = [e.full_text for r in pack.rules for e in r.examples.good if e.repeat == 1]
            draft = "\n\n".join(texts[:WARM_EXAMPLES])
            with contextlib.suppress(UserError):
                self.session.lint_text(draft, str(Path(path).with_name("poalint-warm-up.md")))
        yield 0.0

    def _linter(self, path: str):  # (Linter, RulePack)
        config = self.session.config_for(path)
        model = self.options.model or config.settings.model
        linter, pack = self.session.linter([config], model)
        return linter, pack, model

    def lint(self, text: str, path: str, version: int | None = None) -> LintResult:
        """Lint an editor buffer as the draft at `path`."""
        text = normalise(text)
        self._refresh(path)
        last = self._last.get(path)
        if last is not None and last.text == text:  # saved, or opened again, unchanged
            return replace(last, version=version)
        try:
            linter, pack, model = self._linter(path)
            report = self.session.lint_text(text, path)
        except UserError as exc:
            return LintResult(path, version, text, error=exc.line())
        if linter.nlp is not None:
            self._pipelines[model] = linter.nlp
        found = {f.rule for f in report.findings}
        why = {r.id: " ".join(r.why.split()) for r in pack.rules if r.id in found}
        result = self._last[path] = LintResult(path, version, text, report=report, why=why)
        return result

    def suppressions(self, text: str, path: str, wanted: list[tuple[str, int | None]]) -> Suppressions | None:
        """For each (rule, 1-based line, or None for a whole-draft finding): the comments that
        silence it, for its line (or paragraph) first where it has one, then for the file.
        None when the configuration is broken."""
        document = self.document(text, path)
        if document is None:
            return None
        fixes = []
        for rule, line in wanted:
            options = [line_suppression(document, rule, line)] if line is not None else []
            fixes.append([*options, file_suppression(document, rule)])
        return fixes

    def document(self, text: str, path: str) -> Document | None:
        """The parsed draft (blocks, no NLP), to place suppression comments; None when the
        configuration is broken."""
        from poalint.app.linter import build_document

        try:
            linter = self._linter(path)[0]
        except UserError:
            return None
        return build_document(path, normalise(text), linter.parser)

"""The main job: read drafts, parse, analyse with spaCy, lint, score, build the report.

What only a draft being linted needs (the parser, the section splitter, the rule engine and the
modules behind them) is imported and built on first use: a run whose drafts all come from the
result cache reads them, scores the cached reports and prints them, nothing more."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from poalint import __version__
from poalint.checks.packindex import index_of
from poalint.errors import InputError, UserError
from poalint.model.report import (
    ErrorModel,
    FileReport,
    FindingModel,
    PipelineInfo,
    Report,
    SectionModel,
    StatsModel,
    Summary,
    ToolInfo,
    printable_path,
)
from poalint.nlp import analysis
from poalint.read.companions import Companions
from poalint.read.discovery import Skip, discover
from poalint.read.text import (
    DEFAULT_MAX_BYTES,
    HTML_SUFFIXES,
    decode,
    draft_format,
    language_problem,
    normalise_newlines,
    read_bytes,
    read_text,
)
from poalint.score.scoring import assess
from poalint.vocabulary import CATEGORIES, SEVERITIES

if TYPE_CHECKING:
    from poalint.checks.engine import Engine
    from poalint.checks.loader import RulePack
    from poalint.checks.packindex import LazyPack
    from poalint.checks.review import Reviewer
    from poalint.model.document import Document, Section
    from poalint.nlp.analysis import AnalysedDocument, DocCache
    from poalint.parse.blocks import BlockParser
    from poalint.sections.decoder import SectionSplitter

BATCH_FILES = 32
HEADING_MEMO = 8192  # heading titles whose section kind a linter keeps


@dataclass
class RunOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    finding_filter: Callable[[str, FindingModel], FindingModel | None] | None = None
    batch_files: int = BATCH_FILES  # files per nlp.pipe stream (smaller: a smoother progress bar)
    doc_cache: DocCache | None = None  # spaCy Docs kept between calls (the editor server)
    # the notice, previous plan and issue type that go with a draft (by path)
    companions: Callable[[str], Companions] | None = None


def build_document(path: str, text: str, parser: BlockParser) -> Document:
    from poalint.model.document import Document, strip_invisible

    text, removed = strip_invisible(text)  # a zero-width space must not hide a phrase
    lines = text.split("\n")
    document = Document(
        path=path, text=text, lines=lines, removed=removed, analysis_end=analysis.analysis_end(text)
    )
    document.blocks = parser.parse(lines, document._line_starts)
    document.quoted_ranges = find_inline_quotes(text)
    return document


def section_model(document: Document, section: Section, unit: Callable[[int], int]) -> SectionModel:
    """The report's record of a section: its lines (`unit` maps them to the report's: Word
    paragraphs, a page's lines) and the columns of its first and last characters."""
    source_map = document.source_map
    column = (
        (lambda offset: document.position(offset)[1])
        if source_map is None
        else (
            lambda offset: source_map.source_position(offset)[1]  # type: ignore[attr-defined]
        )
    )
    last_block = section.blocks[-1]
    tail = len(document.text[last_block.start : last_block.end].rstrip())
    start_column = column(section.blocks[0].start)
    # one past the last character that is not blank; an empty end where the end line has none
    end_column = column(last_block.start)
    if tail and document.position(last_block.start + tail - 1)[0] == section.end_line:
        end_column = column(last_block.start + tail - 1) + 1
    elif tail:
        end_column = 1
    return SectionModel(
        kind=section.kind,
        heading=section.heading,
        start_line=unit(section.start_line),
        end_line=unit(section.end_line),
        start_column=start_column,
        end_column=end_column,
    )


def paragraph_number(line: int) -> int:
    """Word drafts are laid out one paragraph per odd line (blank lines between)."""
    return (line + 1) // 2


def find_inline_quotes(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotation marks ("..." or “...”) of three or more words."""
    import re

    ranges = []
    for match in re.finditer(r"“[^”\n]{2,400}”|\"[^\"\n]{2,400}\"", text):
        if len(match.group(0).split()) >= 3:
            ranges.append((match.start(), match.end()))
    return ranges


@dataclass
class Linter:
    """Reads, analyses and lints drafts. The rule pack (when given as a `LazyPack`) and the
    spaCy pipeline load on first use, so a run whose files are all cached loads neither."""

    pack: RulePack | LazyPack
    nlp: object | None = None
    options: RunOptions = field(default_factory=RunOptions)
    model: str | None = None

    def __post_init__(self) -> None:
        self._engine: Engine | None = None
        self._reviewer: Reviewer | None = None
        index = index_of(self.pack)
        self.known_tokens = set(index.rule_ids) | set(CATEGORIES)
        self.missing_rules = index.marks_missing
        self.rule_caps = index.caps
        self.warnings: list[str] = []  # e.g. unknown rules named in poalint-disable comments
        self.given_sources: dict[str, tuple[str, str]] = {}  # name -> source read already (stdin)
        self.stdin_name: str | None = None  # `--stdin-filename`: this name is read from stdin

    @functools.cached_property
    def _classify(self) -> Callable[[str], object]:
        """A heading title's kind: the parser asks about every line that may be a heading."""
        return functools.lru_cache(maxsize=HEADING_MEMO)(self.pack.lexicon.classify)

    @functools.cached_property
    def parser(self) -> BlockParser:
        from poalint.parse.blocks import BlockParser, sign_off_opening

        return BlockParser(self._classify, sign_off_opening(self.pack.lexicons.words("sign_off_words")))

    @functools.cached_property
    def splitter(self) -> SectionSplitter:
        from poalint.sections.decoder import SectionSplitter

        splitter = SectionSplitter(self.pack.lexicon, self.pack.cues, self.pack.lexicons, self._classify)
        if self.options.doc_cache is not None:  # the editor server: keep per-block results too
            splitter.remember(self.options.doc_cache.maxsize)
        return splitter

    def prepare(self) -> None:
        """Load the pipeline (only the components the rules need) and compile the rules."""
        if self.nlp is None:
            from poalint.checks.kinds import excluded_components
            from poalint.nlp.pipeline import load_pipeline

            self.nlp = load_pipeline(self.model, exclude=excluded_components(self.pack.rules))
        cache = self.options.doc_cache
        if self.splitter.parse is None:  # the Docs of paragraphs the splitter cuts in pieces
            nlp = self.nlp
            self.splitter.parse = lambda texts: analysis.pipe_texts(nlp, texts, cache)  # type: ignore[arg-type]
        if self._engine is None:
            from poalint.checks.engine import Engine

            self._engine = Engine(self.pack, self.nlp)  # type: ignore[arg-type]
            if cache is not None:
                self._engine.remember(cache.maxsize)
        if self._reviewer is None:
            from poalint.checks.review import Reviewer

            self._reviewer = Reviewer(  # type: ignore[arg-type]
                self.pack, self.nlp, lambda path, text: build_document(path, text, self.parser), self.splitter
            )
            if cache is not None:
                self._reviewer.remember(cache.maxsize, cache)

    @property
    def engine(self) -> Engine:
        self.prepare()
        assert self._engine is not None
        return self._engine

    @property
    def reviewer(self) -> Reviewer:
        self.prepare()
        assert self._reviewer is not None
        return self._reviewer

    def companions_for(self, path: str) -> Companions:
        return self.options.companions(path) if self.options.companions is not None else Companions()

    def cache_suffix(self, path: str) -> str:
        """What besides the draft's text keys its cached result (its notice, previous plan...)."""
        return self.companions_for(path).key()

    def pipeline_info(self) -> PipelineInfo:
        from poalint.nlp.pipeline import installed_pipeline_identity, pipeline_identity

        if self.nlp is not None:
            name, version = pipeline_identity(self.nlp)  # type: ignore[arg-type]
        else:
            name, version = installed_pipeline_identity(self.model)
        return PipelineInfo(name=name, version=version)

    def read_source(self, path: str) -> tuple[str, str]:
        """The draft's source and how to build it: "line" (text), "paragraph" (a Word draft,
        one paragraph per line) or "html" (the page; its text is extracted in `build`).
        Formats poalint cannot read (.rtf, .pdf, .doc, .odt ...) are an input error."""
        if path in self.given_sources:
            return self.given_sources[path]
        if path == self.stdin_name:
            return self.read_stdin(path)
        fmt = draft_format(path)
        if fmt == "docx":
            from poalint.read.docx import read_docx

            word = self._word(read_docx(path, self.options.max_bytes), path)
            return self._checked(path, *word)
        return self._checked(
            path, read_text(path, self.options.max_bytes), "html" if fmt == "html" else "line"
        )

    def _checked(self, path: str, text: str, unit: str) -> tuple[str, str]:
        """Report how the text was decoded (a warning), and refuse a draft not in English."""
        note = getattr(text, "note", "")
        if note and note not in self.warnings:
            self.warnings.append(printable_path(note))
        if unit != "html":
            problem = language_problem(text, getattr(text, "encoding", "utf-8"))
            if problem:
                raise InputError(display_path(path), problem, "poalint checks English drafts only")
        self._note_analysis_end(path, str(text), unit)
        return str(text), unit

    def _note_analysis_end(self, path: str, text: str, unit: str) -> None:
        """Warn that a draft is too long to analyse in full, naming where analysis stops (a
        function of the text alone: the warning comes with cached results too)."""
        page = None
        if unit == "html":
            if len(text) <= analysis.MAX_ANALYSED_LINES:  # too short to hold that many lines of text
                return
            from poalint.read.html import extract_html

            page = extract_html(text)
            text = page.text
        end = analysis.analysis_end(text)
        if end is None:
            return
        line = text.count("\n", 0, end) + 1
        column = end - (text.rfind("\n", 0, end) + 1) + 1
        if page is not None:
            line, column = page.source_position(end)
        elif unit == "paragraph":
            line = paragraph_number(line)
        where = printable_path(display_path(path))
        warning = (
            f"{where}:{line}:{column}: warning: too long to analyse in full ({len(text):,} characters): "
            f"from here on only its structure is checked (poalint reads up to {analysis.MAX_ANALYSED_CHARS:,} "
            f"characters, {analysis.MAX_ANALYSED_TOKENS:,} words and marks, and "
            f"{analysis.MAX_ANALYSED_LINES:,} lines of text); shorten the draft"
        )
        if warning not in self.warnings:
            self.warnings.append(warning)

    def read_stdin(self, name: str) -> tuple[str, str]:
        """Read stdin as the draft `name` (`--stdin-filename`): its format, configuration and
        report path are those of `name`; later `read_source(name)` returns this source."""
        fmt = draft_format(name)
        data = read_bytes("-", self.options.max_bytes)
        if fmt == "docx":
            from poalint.read.docx import read_docx

            source = self._checked(
                name, *self._word(read_docx(name, self.options.max_bytes, data=data), name)
            )
        else:
            text = normalise_newlines(decode(data, name))
            source = self._checked(name, text, "html" if fmt == "html" else "line")
        self.given_sources[name] = source
        return source

    def _word(self, word, where: str) -> tuple[str, str]:  # read.docx.DocxText
        warning = word.warning(where)
        if warning is not None and warning not in self.warnings:
            self.warnings.append(warning)
        return word.text, "paragraph"

    def read(self, path: str) -> Document:
        text, unit = self.read_source(path)
        return self.build(path, text, unit)

    def build(self, path: str, text: str, unit: str) -> Document:
        if unit == "html":
            from poalint.read.html import extract_html

            page = extract_html(text)
            document = build_document(path, page.text, self.parser)
            document.source_map = page  # findings are reported at the page's lines and columns
            return document
        document = build_document(path, text, self.parser)
        document.location_unit = unit  # type: ignore[assignment]
        return document

    def lint_documents(self, documents: list[Document]) -> list[FileReport]:
        return [self.finalize(report) for report in self.raw_reports(documents)]

    def raw_reports(self, documents: list[Document]) -> list[FileReport]:
        """Reports before configuration filters: what the result cache stores."""
        self.prepare()
        analysed = analysis.analyse_many(documents, self.nlp, cache=self.options.doc_cache)  # type: ignore[arg-type]
        return [self.raw_report(a) for a in analysed]

    def raw_reports_or_errors(self, documents: list[Document]) -> list[FileReport | ErrorModel]:
        """`raw_reports`, with a rule that fails on one draft (a user pattern over its time
        limit) reported as that draft's error while the other drafts are still linted."""
        self.prepare()
        results: list[FileReport | ErrorModel] = []
        for analysed in analysis.analyse_many(documents, self.nlp):  # type: ignore[arg-type]
            try:
                results.append(self.raw_report(analysed))
            except UserError as exc:
                path = display_path(analysed.document.path)
                results.append(ErrorModel(path=path, message=exc.line()))
        return results

    def unknown_directives(self, document: Document) -> list[tuple[int, str]]:
        """(line, token) of rules or categories named in poalint comments that do not exist."""
        from poalint.parse.suppress import unknown_tokens

        return unknown_tokens(document, self.known_tokens)

    def note_unknown_directives(self, path: str, unknown: list[tuple[int, str]]) -> None:
        where = printable_path(path) if path != "-" else "<stdin>"
        for line, token in unknown:
            warning = (
                f"{where}:{line}: warning: unknown rule or category {token!r} in a poalint comment; "
                "see `poalint rules`"
            )
            if warning not in self.warnings:
                self.warnings.append(warning)

    def lint_analysed(self, analysed: AnalysedDocument) -> FileReport:
        return self.finalize(self.raw_report(analysed))

    def raw_report(self, analysed: AnalysedDocument) -> FileReport:
        from poalint.nlp.readability import document_stats
        from poalint.parse.suppress import apply_suppressions

        self.splitter.split(analysed)
        review = self.reviewer.review(analysed, self.companions_for(analysed.document.path))
        findings = self.engine.lint(analysed, review=review)
        findings = apply_suppressions(analysed.document, findings)
        document = analysed.document
        unit: Callable[[int], int] = int
        if document.location_unit == "paragraph":
            from poalint.read.docx import to_paragraphs

            findings = to_paragraphs(document, findings)
            unit = paragraph_number
        elif document.source_map is not None:
            from poalint.read.html import source_line, to_source

            findings = to_source(document, findings)
            unit = lambda line: source_line(document, line)  # noqa: E731
        scored = assess(findings, self.missing_rules, self.rule_caps).report_fields(findings)
        return FileReport(
            path=display_path(document.path),
            location_unit=document.location_unit,
            sections=[section_model(document, s, unit) for s in document.sections],
            stats=StatsModel(**document_stats(analysed)),
            issue=review.issue_model(),
            checklist=[
                c.model_copy(update={"line": unit(c.line)}) if c.line else c for c in review.checklist
            ],
            notice=review.notice.model() if review.notice is not None else None,  # type: ignore[attr-defined]
            resubmission=review.resubmission.model() if review.resubmission is not None else None,  # type: ignore[attr-defined]
            **scored,
        )

    def finalize(self, report: FileReport, source_path: str | None = None) -> FileReport:
        """Apply the configuration (select/ignore/severity/per-file-ignores) and score."""
        if self.options.finding_filter is None:
            return report
        path = source_path or report.path
        kept = []
        for finding in report.findings:
            result = self.options.finding_filter(path, finding)
            if result is not None:
                kept.append(result)
        return report.model_copy(update=assess(kept, self.missing_rules, self.rule_caps).report_fields(kept))

    def lint_text(self, text: str, path: str = "<text>") -> FileReport:
        """Lint `text` as the draft at `path` (an `.html` path: `text` is the page's source)."""
        unit = "html" if path.lower().endswith(HTML_SUFFIXES) else "line"
        return self.lint_documents([self.build(path, text, unit)])[0]

    def iter_reports(self, files: list[str]) -> Iterator[FileReport | ErrorModel]:
        """Lint files in this process, in batches (one nlp.pipe stream per batch), in order."""
        from poalint.app.files import lint_files

        return lint_files(self, files)


def display_path(path: str) -> str:
    return "<stdin>" if path == "-" else path


def collect(paths: list[str], skip: Skip | None = None) -> tuple[list[str], list[ErrorModel]]:
    files, errors = discover(paths, skip)
    return files, [ErrorModel(path=e.where, message=e.line()) for e in errors]


def build_report(pipeline: PipelineInfo, files: list[FileReport], errors: list[ErrorModel]) -> Report:
    severities: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    for report in files:
        for finding in report.findings:
            if not finding.suppressed:
                severities[finding.severity] += 1
                categories[finding.category] += 1
    scores = [f.score for f in files]
    return Report(
        tool=ToolInfo(version=__version__),
        pipeline=pipeline,
        files=files,
        errors=errors,
        summary=Summary(
            files=len(files),
            errors=len(errors),
            findings=sum(severities.values()),
            by_severity={k: severities.get(k, 0) for k in SEVERITIES},
            by_category=dict(sorted(categories.items())),
            average_score=round(sum(scores) / len(scores), 1) if scores else None,
            lowest_score=min(scores) if scores else None,
        ),
    )


__all__ = ["InputError", "Linter", "Path", "RunOptions", "build_report", "collect"]

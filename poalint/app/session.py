"""The application layer: one `Session` that every front end uses (CLI, HTML report, editor
server, the Python API).

A session holds the settings a front end was given (configuration file, extra rule folders,
select/ignore, model, cache), and keeps what is expensive to build between calls: the rule pack
(per set of rule folders), the spaCy pipeline and the linter. `lint_paths` runs a whole check
(discovery, configuration per file, cache, parallel jobs) and returns a `RunResult`;
`lint_text` lints one string as if it were the file at `path`.

Errors a user can cause are raised as `UserError` (one line, exit status 2 in the CLI).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from poalint.app.config import (
    Config,
    ConfigFinder,
    ConfigModel,
    Overrides,
    check_names,
    make_filter,
    rule_folders,
    rule_owners,
)
from poalint.app.linter import Linter, RunOptions, build_report, collect
from poalint.errors import UserError
from poalint.model.report import ErrorModel, FileReport, Report
from poalint.read.companions import Companions
from poalint.read.text import DEFAULT_MAX_BYTES
from poalint.util.suggest import did_you_mean
from poalint.vocabulary import CATEGORIES, SEVERITY_RANK

if TYPE_CHECKING:
    from poalint.checks.loader import RulePack
    from poalint.checks.packindex import LazyPack
    from poalint.nlp.analysis import DocCache


@dataclass
class SessionOptions:
    """What a front end may set; everything else comes from configuration files."""

    config_path: str | None = None  # an explicit configuration file (else searched upward)
    isolated: bool = False  # ignore configuration files
    rules_dirs: tuple[str, ...] = ()  # extra rule folders
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    model: str | None = None  # spaCy pipeline (else the configuration's, else the default)
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int | None = None
    cache: bool = True
    cache_dir: str | None = None
    show_suppressed: bool = False
    batch_files: int | None = None  # files per nlp.pipe stream (smaller: smoother progress)
    stdin_filename: str | None = None  # lint stdin (`-`) as if it were this file
    force_exclude: bool = False  # apply `exclude` to files named explicitly too (pre-commit)
    keep_sources: bool = False  # keep each draft's text in RunResult.sources (the HTML report shows it)
    doc_cache: DocCache | None = None  # keep spaCy Docs per block between calls (editor server)
    issue: str | None = None  # issue type id or alias (else the configuration's, else detected)
    notice: str | None = None  # the notification the drafts answer (else NAME.notice.txt|md)
    previous: str | None = None  # the rejected plan (else NAME.previous.md|txt)


@dataclass
class RunResult:
    """A finished check: the report, the settings that governed it and the loaded pack."""

    report: Report
    settings: ConfigModel
    pack: RulePack | LazyPack
    warnings: list[str]
    sources: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (text, location unit)

    def render(self, fmt: str, colour: bool = False, show_suppressed: bool = False) -> str:
        """The report in a registered format (`text`, `json`, `sarif`, `github`, `html`...)."""
        from poalint.render import RenderContext, get_renderer

        renderer = get_renderer(fmt)
        context = RenderContext(
            colour=colour,
            show_suppressed=show_suppressed,
            rules=self.pack.rules if renderer.needs_rules else [],
            severity_overrides=self.settings.severity,
            sources=self.sources,
        )
        return renderer.render(self.report, context)

    @property
    def errors(self) -> list[ErrorModel]:
        return self.report.errors

    def failing_files(self, fail_under: float | None) -> list[FileReport]:
        if fail_under is None:
            return []
        return [r for r in self.report.files if r.score < fail_under]

    def exit_status(
        self, fail_level: str | None = None, fail_under: float | None = None, exit_zero: bool = False
    ) -> int:
        """2: input errors; 0 with exit_zero; 1: a finding at fail_level or a score under
        fail_under; else 0. Options given here override the configuration."""
        if self.report.errors:
            return 2
        if exit_zero:
            return 0
        threshold = SEVERITY_RANK[fail_level or self.settings.fail_level or "error"]
        findings = (f for r in self.report.files for f in r.findings if not f.suppressed)
        if any(SEVERITY_RANK[f.severity] >= threshold for f in findings):
            return 1
        under = fail_under if fail_under is not None else self.settings.fail_under
        return 1 if self.failing_files(under) else 0


class Session:
    """Lint drafts with one set of options; reuse the session to keep the pack and the
    pipeline loaded between calls."""

    def __init__(self, options: SessionOptions | None = None, nlp: object | None = None) -> None:
        self.options = options or SessionOptions()
        self._nlp = nlp
        self._linters: dict[tuple[str, ...], tuple[Linter, LazyPack]] = {}
        self._finder: ConfigFinder | None = None
        self._checked: set[int] = set()  # ids of the configurations whose names were checked

    # -- configuration ---------------------------------------------------------------------
    @property
    def finder(self) -> ConfigFinder:
        if self._finder is None:
            path = self.options.config_path
            self._finder = ConfigFinder(Path(path) if path else None, isolated=self.options.isolated)
        return self._finder

    def config_for(self, path: str) -> Config:
        """The configuration that governs `path` (the explicit one, else searched upward)."""
        return self.finder.explicit or self.finder.for_path(path)

    def _overrides(self) -> Overrides:
        return Overrides(select=self.options.select or None, ignore=list(self.options.ignore))

    # -- the pack and the linter -----------------------------------------------------------
    def linter(self, configs: Iterable[Config], model: str | None = None) -> tuple[Linter, LazyPack]:
        """The linter for the rule folders these configurations name (built once per set). The
        pack is loaded when the linter first needs more than its index (a draft to lint)."""
        from poalint.checks.packindex import open_pack

        configs = list({id(c): c for c in configs}.values())
        config_dirs = rule_folders(configs)
        folders = (*(str(d) for d in config_dirs), *self.options.rules_dirs)
        key = (*folders, "\0", model or "")
        if key not in self._linters:
            pack = open_pack([Path(d) for d in folders])
            known = set(pack.index.rule_ids)
            owners = rule_owners(pack, config_dirs)
            for config in configs:
                check_names(config, known)
            self._check_option_names(known)
            run_options = RunOptions(
                max_bytes=self.options.max_bytes,
                finding_filter=make_filter(self.finder, self._overrides(), owners),
                doc_cache=self.options.doc_cache,
                companions=self._companions(pack, configs),
            )
            if self.options.batch_files:
                run_options.batch_files = self.options.batch_files
            nlp = self._nlp if self._nlp is not None else self._shared_nlp()
            linter = Linter(pack, nlp, run_options, model=model)
            self._linters[key] = (linter, pack)
            self._checked.update(id(c) for c in configs)
        linter, pack = self._linters[key]
        for config in configs:  # a configuration met after its linter was built (lint_text)
            if id(config) not in self._checked:
                check_names(config, set(pack.index.rule_ids))
                self._checked.add(id(config))
        return linter, pack

    def _companions(self, pack: LazyPack, configs: list[Config]) -> Callable[[str], Companions]:
        """For each draft: its notice and previous plan (named by option, else found beside it)
        and the issue type (option, else the governing configuration's `issue`)."""
        from poalint.read.companions import NOTICE_MARK, PREVIOUS_MARK, beside, read_companion

        def issue_of(name: str, where: str) -> str:
            from poalint.sections.issues import resolve_issue

            type_id = resolve_issue(pack.index.issues, name)
            if type_id is None:
                known = ", ".join(sorted(pack.index.issues))
                raise UserError(where, f"unknown issue type {name!r}", f"use one of {known}")
            return type_id

        option_issue = issue_of(self.options.issue, "--issue") if self.options.issue else None
        for config in configs:
            if config.settings.issue:
                issue_of(config.settings.issue, config.where("issue"))
        max_bytes = self.options.max_bytes
        explicit: dict[str, tuple[str, str] | None] = {}
        for label, path in (("--notice", self.options.notice), ("--previous", self.options.previous)):
            if path and not Path(path).is_file():
                raise UserError(path, f"{label}: no such file", "check the path")
            explicit[label] = (path, read_companion(path, max_bytes)) if path else None

        def companions(path: str) -> Companions:
            notice = explicit["--notice"] or _read_beside(path, NOTICE_MARK)
            previous = explicit["--previous"] or _read_beside(path, PREVIOUS_MARK)
            issue, source = option_issue, "option"
            if issue is None:
                config = self.config_for(path)
                if config.settings.issue:
                    from poalint.sections.issues import resolve_issue

                    issue, source = resolve_issue(pack.index.issues, config.settings.issue), "config"
            return Companions(
                notice_path=notice[0] if notice else None,
                notice_text=notice[1] if notice else None,
                previous_path=previous[0] if previous else None,
                previous_text=previous[1] if previous else None,
                issue=issue,
                issue_source=source if issue else None,
            )

        def _read_beside(path: str, mark: str) -> tuple[str, str] | None:
            found = beside(path, mark)
            return (found, read_companion(found, max_bytes)) if found else None

        return companions

    def _shared_nlp(self) -> object | None:
        for linter, _pack in self._linters.values():
            if linter.nlp is not None:
                return linter.nlp
        return None

    def _check_option_names(self, known: set[str]) -> None:
        names = known | set(CATEGORIES)
        for option, tokens in (("--select", self.options.select or []), ("--ignore", self.options.ignore)):
            for token in tokens:
                if token not in names:
                    hint = did_you_mean(token, names, "`poalint rules` lists rule ids and categories")
                    raise UserError(option, f"unknown rule or category {token!r}", hint)

    # -- linting ---------------------------------------------------------------------------
    def lint_paths(
        self, paths: list[str], track: Callable[[Iterator, int], Iterator] | None = None
    ) -> RunResult:
        """Lint files and folders (`-` is stdin). Input errors (missing files, binaries...)
        are in `result.errors`; configuration and rule errors raise `UserError`."""
        from poalint.app.files import lint_files
        from poalint.run.pool import default_jobs

        if not paths:
            raise UserError("", "no paths given", "try `poalint check drafts/`")
        files, errors = self.collect(list(paths))
        first = self.options.stdin_filename if paths[0] == "-" and self.options.stdin_filename else paths[0]
        run_config = self.finder.explicit or self.finder.for_path(first)
        configs = [run_config, *(self.finder.for_path(f) for f in files)]
        settings = run_config.settings
        model = self.options.model or settings.model
        linter, pack = self.linter(configs, model)
        pipeline = linter.pipeline_info()  # also checks that the pipeline is installed
        cache = self._cache(run_config, pack, pipeline) if self.options.cache else None
        workers = self.options.jobs or settings.jobs or default_jobs(len(files))
        reports: list[FileReport] = []
        linter.warnings = []
        linter.given_sources.clear()
        linter.stdin_name = self.options.stdin_filename if "-" in paths else None
        sources: dict[str, tuple[str, str]] | None = {} if self.options.keep_sources else None
        items: Iterator = lint_files(linter, files, workers, cache, sources)
        if track is not None:
            items = track(items, len(files))
        for item in items:
            if isinstance(item, FileReport):
                if not self.options.show_suppressed:
                    item = item.model_copy(
                        update={"findings": [f for f in item.findings if not f.suppressed]}
                    )
                reports.append(item)
            else:
                errors.append(item)
        if cache is not None:
            cache.close()  # type: ignore[attr-defined]
        linter.warnings.extend(companion_notes(paths))
        report = build_report(linter.pipeline_info(), reports, errors)
        return RunResult(
            report=report, settings=settings, pack=pack, warnings=list(linter.warnings), sources=sources or {}
        )

    # -- which files ----------------------------------------------------------------------
    def collect(self, paths: list[str]) -> tuple[list[str], list[ErrorModel]]:
        """The drafts `paths` name: folders walked without what `exclude` leaves out; files
        named explicitly kept unless `force_exclude`; `-` renamed to `stdin_filename`."""
        files, errors = collect(paths, skip=lambda path, root: self.excluded(path, root) is not None)
        explicit = set(paths)
        stdin_name = self.options.stdin_filename
        kept = []
        for file in files:
            if file == "-" and stdin_name:
                file = stdin_name
            elif file not in explicit:
                kept.append(file)  # found by a walk: already filtered
                continue
            if self.options.force_exclude and file != "-" and self.excluded(file) is not None:
                continue
            kept.append(file)
        return kept, errors

    def excluded(self, path: str, below: str | None = None) -> str | None:
        """The `exclude` / `extend-exclude` glob that leaves `path` out, or None. The
        configuration of the folder holding `path` decides (for a folder too)."""
        parent = os.path.dirname(path) or "."
        config = self.finder.explicit or self.finder.for_path(parent)
        return config.excluded_by(path, below)

    # -- settings ---------------------------------------------------------------------------
    def settings_for(
        self, path: str, fail_under: float | None = None, fail_level: str | None = None
    ) -> dict[str, object]:
        """The configuration file governing `path` and the settings a check of it would use,
        with this session's options applied (`check --show-settings`)."""
        from poalint.app.config import file_ignores
        from poalint.nlp.pipeline import resolve_model_name
        from poalint.run.cache import DEFAULT_CACHE_DIR

        name = self.options.stdin_filename if path == "-" and self.options.stdin_filename else path
        config = self.config_for(name)
        settings = config.settings
        if self.options.isolated and self.finder.explicit is None:
            source = "none (--isolated): defaults"
        elif config.path is None:
            source = "none found (searched upward from the draft): defaults"
        else:
            source = str(config.path.resolve()) + (" (--config)" if self.finder.explicit else "")
        try:
            model = resolve_model_name(self.options.model or settings.model)
        except UserError as exc:
            model = f"none ({exc.problem})"
        excluded = self.excluded(name)
        select = self.options.select or settings.select
        return {
            "draft": name,
            "configuration": source,
            "excluded": (
                f"yes, by {excluded!r}"
                + ("" if self.options.force_exclude else " (when found in a folder; named files are linted)")
                if excluded
                else "no"
            ),
            "select": select if select is not None else "all",
            "ignore": [*settings.ignore, *self.options.ignore],
            "per-file-ignores": sorted(file_ignores(config, name)),
            "severity": dict(settings.severity),
            "rules": [str(d.resolve()) for d in config.rule_dirs()] + list(self.options.rules_dirs),
            "model": model,
            "fail-under": fail_under if fail_under is not None else settings.fail_under,
            "fail-level": fail_level or settings.fail_level or "error",
            "jobs": self.options.jobs or settings.jobs or "auto",
            "cache": (self.options.cache_dir or settings.cache_dir or DEFAULT_CACHE_DIR)
            if self.options.cache
            else "off",
            "max-bytes": self.options.max_bytes,
            "exclude": config.exclude_patterns,
            "force-exclude": self.options.force_exclude,
        }

    def lint_text(self, text: str, path: str = "<text>") -> FileReport:
        """Lint `text` as the draft at `path` (its configuration applies when the path is real)."""
        config = self.config_for(path)
        linter, _pack = self.linter([config], self.options.model or config.settings.model)
        report = linter.lint_text(text, path)
        if not self.options.show_suppressed:
            report = report.model_copy(update={"findings": [f for f in report.findings if not f.suppressed]})
        return report

    def _cache(self, run_config: Config, pack: LazyPack, pipeline: object) -> object:
        from poalint import __version__
        from poalint.run.cache import DEFAULT_CACHE_DIR, ResultCache, cache_salt

        settings = run_config.settings

        if self.options.cache_dir:
            folder = Path(self.options.cache_dir)
        elif settings.cache_dir:
            folder = run_config.cache_folder()  # relative to its file, inside its project
        else:
            folder = Path(DEFAULT_CACHE_DIR)
        index = pack.index
        salt = cache_salt(__version__, index.digest, pipeline.name, pipeline.version)  # type: ignore[attr-defined]
        return ResultCache(folder, salt, known_rules=set(index.rule_ids))


def lint_text(text: str, path: str = "<text>", config: str | None = None, **options: object) -> FileReport:
    """Lint one draft given as a string (a new session each call; keep a `Session` to reuse)."""
    return Session(SessionOptions(config_path=config, **options)).lint_text(text, path)  # type: ignore[arg-type]


def lint_paths(paths: list[str], config: str | None = None, **options: object) -> Report:
    """Lint files and folders; returns the report model (input errors in `report.errors`)."""
    return Session(SessionOptions(config_path=config, **options)).lint_paths(paths).report  # type: ignore[arg-type]


def companion_notes(paths: Iterable[str]) -> list[str]:
    """A notice or a previous plan named on the command line is not linted: say so, and what
    reads it (a hook passing every staged file must not fail on it, so this is no error)."""
    from poalint.model.report import printable_path
    from poalint.read.companions import NOTICE_MARK, is_companion

    notes = []
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not is_companion(path.name) or not path.is_file():
            continue
        what = "a notice" if NOTICE_MARK in path.name.lower() else "a previous plan"
        mark = NOTICE_MARK if what == "a notice" else ".previous."
        draft = path.name[: path.name.lower().index(mark)]
        notes.append(
            f"poalint: {printable_path(raw)}: {what} is never linted; it is read with the draft "
            f"{draft}.md or {draft}.txt beside it"
        )
    return notes

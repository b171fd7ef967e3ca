"""The Language Server Protocol front end (pygls), over stdio.

- Diagnostics for Markdown and plain-text drafts on open, change and save, one per finding,
  with its range on the finding's text (`source: "poalint"`, `code`: the rule id). Findings
  about the whole draft (a missing root cause, say) sit on the first line of text.
- Hover on a diagnostic: the rule's message, why reviewers care, and the suggestion.
- Code actions (quick fixes): insert the suppression comment that silences a finding, for its
  line (or paragraph) or, for any finding, `poalint-disable-file` for the whole draft.

Linting goes through `DraftLinter` (a `Session` with a spaCy doc cache: an edit re-analyses
only the blocks it touched), in a worker process (see worker.py) that one thread of the
server talks to, so the protocol loop keeps answering while a draft is linted. Changes are debounced: the first change after a pause is linted at once,
changes that follow within the debounce interval are coalesced into one lint when typing
pauses, and a lint whose version is no longer the latest wanted is skipped.

This module is imported once the prelude (prelude.py) has answered `initialize` and published
the first draft's diagnostics; `serve` has pygls read those messages again, so that its state
is complete, and the diagnostics are built from the same JSON (messages.py).
"""

from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

import poalint.server.messages as messages
from poalint import __version__
from poalint.server.drafts import DraftLinter, LintResult
from poalint.server.edits import UTF16, Insertion, from_units, normalise
from poalint.server.messages import FILE_SCOPE, SOURCE, finding_span
from poalint.server.prelude import DropAnswer, Handover, Replay
from poalint.server.worker import WorkerLinter

log = logging.getLogger("poalint.server")


def _range(value: dict[str, Any]) -> types.Range:
    start, end = value["start"], value["end"]
    return types.Range(
        start=types.Position(line=start["line"], character=start["character"]),
        end=types.Position(line=end["line"], character=end["character"]),
    )


def _diagnostic(value: dict[str, Any]) -> types.Diagnostic:
    return types.Diagnostic(
        range=_range(value["range"]),
        message=value["message"],
        severity=types.DiagnosticSeverity(value["severity"]),
        source=value["source"],
        code=value["code"],
        data=value.get("data"),
    )


class PoalintServer(LanguageServer):
    def __init__(self, drafts: DraftLinter | WorkerLinter, debounce: float) -> None:
        super().__init__(
            "poalint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.drafts = drafts
        self.debounce = debounce  # seconds
        self.worker = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="poalint-lint"
        )  # one request at a time
        self.results: dict[str, LintResult] = {}  # uri -> last published lint
        self.wanted: dict[str, int | None] = {}  # uri -> latest version sent to the worker
        self.last_change: dict[str, float] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.shutdown_requested = False
        self.warmed = False  # the worker was asked to warm up for the workspace

    # -- documents -------------------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        value = self.workspace.position_encoding
        return str(getattr(value, "value", value) or UTF16)

    def path_of(self, uri: str) -> str:
        return messages.path_of(uri, self.workspace.root_path)

    def is_draft(self, uri: str) -> bool:
        document = self.workspace.get_text_document(uri)
        return messages.is_draft(document.language_id, self.path_of(uri))

    # -- scheduling ------------------------------------------------------------------------------
    def changed(self, uri: str) -> None:
        """Debounce: lint now after a pause, else once the changes stop for `debounce`."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        quiet = now - self.last_change.get(uri, float("-inf")) >= self.debounce
        self.last_change[uri] = now
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        if quiet:
            self.submit(uri)
        else:
            self.timers[uri] = loop.call_later(self.debounce, self._fire, uri)

    def _fire(self, uri: str) -> None:
        self.timers.pop(uri, None)
        self.submit(uri)

    def submit(self, uri: str) -> None:
        """Lint the document's current text in the worker; publish when done."""
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        try:
            document = self.workspace.get_text_document(uri)
        except KeyError:
            return
        text, version = document.source, document.version
        self.wanted[uri] = version
        future = self.worker.submit(self._lint, uri, text, self.path_of(uri), version)
        loop = asyncio.get_running_loop()
        future.add_done_callback(lambda f: loop.call_soon_threadsafe(self._publish, uri, f))

    def _lint(self, uri: str, text: str, path: str, version: int | None) -> LintResult | None:
        if self.wanted.get(uri, version) != version:
            return None  # a newer version is queued behind this one
        return self.drafts.lint(text, path, version)

    def _publish(self, uri: str, future: Future) -> None:
        try:
            result = future.result()
        except Exception as exc:  # a bug: tell the editor's log, keep serving
            log.exception("poalint: linting %s failed", uri)
            self.window_log_message(
                types.LogMessageParams(types.MessageType.Error, f"poalint: linting {uri} failed: {exc!r}")
            )
            return
        if result is None or uri not in self.wanted or self.wanted[uri] != result.version:
            return
        self.results[uri] = result
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=result.version, diagnostics=self.diagnostics(result)
            )
        )

    # -- conversions -----------------------------------------------------------------------------
    def range_of(self, lines: list[str], span: tuple[int, int, int, int]) -> types.Range:
        return _range(messages.range_of(lines, span, self.encoding))

    def diagnostics(self, result: LintResult) -> list[types.Diagnostic]:
        return [_diagnostic(d) for d in messages.diagnostics(result, self.encoding)]

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        result = self.results.get(uri)
        if result is None:
            return None
        lines = result.lines
        if position.line >= len(lines):
            return None
        column = from_units(lines[position.line], position.character, self.encoding)
        here = (position.line, column)
        found = []
        for finding in result.findings:
            span = finding_span(lines, finding)
            if span[:2] <= here <= span[2:]:
                found.append((span, finding))
        if not found:
            return None
        parts = []
        for _span, finding in found:
            why = result.why.get(finding.rule)
            head = f"**poalint** `{finding.rule}` · {finding.severity} · {finding.category}"
            body = [head, finding.message]
            if why:
                body.append(f"**Why:** {why}")
            body.append(f"**Suggestion:** {' '.join(finding.suggestion.split())}")
            parts.append("\n\n".join(body))
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
            range=self.range_of(lines, found[0][0]),
        )

    def text_edit(self, lines: list[str], insertion: Insertion) -> types.TextEdit:
        end = insertion.end_column if insertion.end_column is not None else insertion.column
        span = (insertion.line, insertion.column, insertion.line, end)
        return types.TextEdit(range=self.range_of(lines, span), new_text=insertion.text)

    async def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        only = params.context.only
        if only and not any(
            types.CodeActionKind.QuickFix.value.startswith(str(getattr(k, "value", k))) for k in only
        ):
            return []
        ours = [
            d
            for d in params.context.diagnostics
            if d.source == SOURCE and d.code not in (None, "configuration")
        ]
        if not ours:
            return []
        uri = params.text_document.uri
        try:
            text = self.workspace.get_text_document(uri).source
        except KeyError:
            return []
        result = self.results.get(uri)
        wanted: list[tuple[str, int | None]] = []
        for diagnostic in ours:
            rule = str(diagnostic.code)
            line = diagnostic.range.start.line + 1
            whole = diagnostic.data == FILE_SCOPE or (
                not isinstance(diagnostic.data, dict)  # a client that does not keep `data`
                and result is not None
                and any(f.rule == rule and f.line is None for f in result.findings)
                and not any(f.rule == rule and f.line == line for f in result.findings)
            )
            wanted.append((rule, None if whole else line))
        loop = asyncio.get_running_loop()
        fixes = await loop.run_in_executor(
            self.worker, self.drafts.suppressions, text, self.path_of(uri), wanted
        )
        if fixes is None:
            return []
        lines = normalise(text).split("\n")
        actions: list[types.CodeAction] = []
        seen: set[tuple] = set()
        for diagnostic, options in zip(ours, fixes, strict=True):
            for index, fix in enumerate(options):
                if (fix.title, fix.edits) in seen:
                    continue
                seen.add((fix.title, fix.edits))
                actions.append(
                    types.CodeAction(
                        title=fix.title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        is_preferred=index == 0,
                        edit=types.WorkspaceEdit(
                            changes={uri: [self.text_edit(lines, e) for e in fix.edits]}
                        ),
                    )
                )
        return actions

    # -- lifecycle -------------------------------------------------------------------------------
    def warm_up(self, root: str | None) -> None:
        """Load the rule pack and the pipeline in the worker while the editor opens the file."""
        self.worker.submit(self.drafts.warm_up, str(Path(root or os.getcwd()) / "draft.md"))

    def published(self, uri: str) -> bool:
        """The document's current text and version are the ones last published (opened by
        the prelude, which published them, when pygls reads the messages again)."""
        result = self.results.get(uri)
        if result is None:
            return False
        document = self.workspace.get_text_document(uri)
        return result.version == document.version and result.text == normalise(document.source)

    def closed(self, uri: str) -> None:
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self.wanted.pop(uri, None)
        self.last_change.pop(uri, None)
        if self.results.pop(uri, None) is not None:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def build_server(drafts: DraftLinter | WorkerLinter, debounce_ms: int) -> PoalintServer:
    server = PoalintServer(drafts, debounce_ms / 1000)

    @server.feature(types.INITIALIZE)
    def initialize(ls: PoalintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounce"), int | float):
            ls.debounce = max(0.0, float(options["debounce"]) / 1000)
        if not ls.warmed:  # else the prelude asked for it
            ls.warm_up(ls.workspace.root_path)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PoalintServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        if ls.is_draft(uri) and not ls.published(uri):
            ls.submit(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PoalintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        if ls.is_draft(uri):
            ls.changed(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: PoalintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if ls.is_draft(uri):
            ls.submit(uri)  # also picks up configuration edited on disk

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PoalintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.closed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: PoalintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params.text_document.uri, params.position)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    async def code_action(ls: PoalintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return await ls.code_actions(params)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: PoalintServer, *args: Any) -> None:
        ls.shutdown_requested = True
        ls.worker.shutdown(wait=False, cancel_futures=True)
        if isinstance(ls.drafts, WorkerLinter):
            ls.drafts.close()  # the worker exits when its pipe closes

    return server


def serve(
    drafts: DraftLinter | WorkerLinter,
    debounce_ms: int,
    stdin: IO[bytes],
    stdout: IO[bytes],
    handover: Handover | None = None,
) -> int:
    """Speak LSP on stdin/stdout until the client says exit (or goes away), carrying on from
    what the prelude did; the exit status is 0 after a shutdown request, else 1 (as the
    protocol asks)."""
    server = build_server(drafts, debounce_ms)
    if handover is not None:
        server.warmed = handover.warmed
        for uri, result in handover.results.items():
            server.results[uri] = result
            server.wanted[uri] = result.version
        stdin = Replay(handover.replay, stdin)  # type: ignore[assignment]
        stdout = DropAnswer(stdout, handover.initialize_id)  # type: ignore[assignment]
    server.start_io(stdin, stdout)
    return 0 if server.shutdown_requested else 1

"""The server's protocol messages as plain JSON, with the standard library only.

`prelude.py` answers the first messages of a session with these before the protocol library
is imported, and `lsp.py` builds its diagnostics from the same dictionaries, so that the two
publish the same thing: framing (`Content-Length` headers), the position encoding agreed at
`initialize` and the answer to it, which documents are drafts, and each finding as a
`Diagnostic` (its range in the client's code units).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Any

from poalint import __version__
from poalint.model.report import FindingModel
from poalint.read.text import TEXT_SUFFIXES
from poalint.server.drafts import LintResult
from poalint.server.edits import UTF8, UTF16, UTF32, to_units
from poalint.vocabulary import VOCABULARY

NAME = "poalint"
SOURCE = "poalint"  # Diagnostic.source
LANGUAGES = ("markdown", "plaintext", "text")  # language ids linted whatever the file's name
FILE_SCOPE = {"scope": "file"}  # Diagnostic.data of a finding about the whole draft
ENCODINGS = (UTF8, UTF16, UTF32)  # position encodings the server can count in
INCREMENTAL = 2  # TextDocumentSyncKind.Incremental
QUICK_FIX = "quickfix"  # CodeActionKind.QuickFix
LSP_SEVERITY = {"Error": 1, "Warning": 2, "Information": 3, "Hint": 4}  # DiagnosticSeverity
SEVERITIES = {name: LSP_SEVERITY[s.lsp] for name, s in VOCABULARY.severities.items()}
CONTENT_TYPE = "application/vscode-jsonrpc; charset=utf-8"


# -- framing ---------------------------------------------------------------------------------------
def read_message(stream: IO[bytes]) -> tuple[bytes, Any] | None:
    """The next message: (its bytes as read, headers included; the parsed body), or None at the
    end of the stream. A body that is not JSON is returned as None."""
    raw = b""
    length: int | None = None
    while True:
        header = stream.readline()
        if not header:
            return None
        raw += header
        if not header.strip():
            if length is not None:
                break
            continue  # blank lines before the headers
        name, _, value = header.decode("ascii", "replace").partition(":")
        if name.strip().lower() == "content-length":
            try:
                length = int(value.strip())
            except ValueError:
                length = None
    body = stream.read(length)
    raw += body
    if len(body) < length:
        return None
    try:
        return raw, json.loads(body)
    except ValueError:
        return raw, None


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
    return f"Content-Length: {len(body)}\r\nContent-Type: {CONTENT_TYPE}\r\n\r\n".encode("ascii") + body


# -- initialize ------------------------------------------------------------------------------------
def position_encoding(capabilities: dict[str, Any]) -> str:
    """The client's first preferred encoding that the server supports, else UTF-16 (the protocol's
    default), as pygls chooses it."""
    general = capabilities.get("general")
    offered = general.get("positionEncodings") if isinstance(general, dict) else None
    for encoding in offered if isinstance(offered, list) else ():
        if encoding in ENCODINGS:
            return encoding
    return UTF16


def initialize_result(params: dict[str, Any]) -> dict[str, Any]:
    """The answer to `initialize`: what the server does (as pygls advertises the features
    `lsp.build_server` registers: a test compares the two)."""
    capabilities = params.get("capabilities") or {}
    sync: dict[str, Any] = {"openClose": True, "change": INCREMENTAL, "save": {"includeText": False}}
    text_document = capabilities.get("textDocument") or {}
    client_sync = text_document.get("synchronization") or {}
    for name in ("willSave", "willSaveWaitUntil"):  # offered by the client, not implemented
        if client_sync.get(name) is not None:
            sync[name] = False
    return {
        "capabilities": {
            "positionEncoding": position_encoding(capabilities),
            "textDocumentSync": sync,
            "hoverProvider": True,
            "codeActionProvider": {"codeActionKinds": [QUICK_FIX]},
            "executeCommandProvider": {"commands": []},
            "workspace": {
                "workspaceFolders": {"supported": True, "changeNotifications": True},
                "fileOperations": {},
            },
        },
        "serverInfo": {"name": NAME, "version": __version__},
    }


# -- documents -------------------------------------------------------------------------------------
def root_path(params: dict[str, Any]) -> str | None:
    """The workspace folder `initialize` names (rootUri, else rootPath)."""
    from pygls.uris import to_fs_path  # pygls.uris is small: the standard library only

    uri = params.get("rootUri")
    if isinstance(uri, str):
        return to_fs_path(uri)
    path = params.get("rootPath")
    return path if isinstance(path, str) else None


def path_of(uri: str, root: str | None) -> str:
    """The file a document is (an unsaved one: `untitled.md` in the workspace folder)."""
    from pygls.uris import to_fs_path

    path = to_fs_path(uri) if uri.startswith("file:") else None
    return path or str(Path(root or os.getcwd()) / "untitled.md")


def is_draft(language_id: str, path: str) -> bool:
    return language_id in LANGUAGES or Path(path).suffix.lower() in TEXT_SUFFIXES


# -- diagnostics -----------------------------------------------------------------------------------
def finding_span(lines: list[str], finding: FindingModel) -> tuple[int, int, int, int]:
    """0-based (line, column, end line, end column) in code points; a finding without a line
    covers the first line that has text."""
    last = len(lines) - 1
    if finding.line is None or finding.column is None:
        return first_line_span(lines)
    line = min(finding.line - 1, last)
    end_line = min((finding.end_line or finding.line) - 1, last)
    column = min(finding.column - 1, len(lines[line]))
    end_column = min((finding.end_column or finding.column) - 1, len(lines[end_line]))
    return line, column, end_line, end_column


def first_line_span(lines: list[str]) -> tuple[int, int, int, int]:
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    return first, 0, first, len(lines[first]) if lines else 0


def range_of(lines: list[str], span: tuple[int, int, int, int], encoding: str) -> dict[str, Any]:
    """An LSP Range: code-point columns counted in the client's code units."""
    line, column, end_line, end_column = span

    def units(index: int, col: int) -> int:
        return to_units(lines[index], col, encoding) if index < len(lines) else 0

    return {
        "start": {"line": line, "character": units(line, column)},
        "end": {"line": end_line, "character": units(end_line, end_column)},
    }


def diagnostics(result: LintResult, encoding: str) -> list[dict[str, Any]]:
    """One Diagnostic per finding (a broken configuration: one naming it, on the first line)."""
    lines = result.lines
    if result.error is not None:
        return [
            {
                "range": range_of(lines, first_line_span(lines), encoding),
                "message": result.error,
                "severity": LSP_SEVERITY["Error"],
                "source": SOURCE,
                "code": "configuration",
            }
        ]
    found = []
    for f in result.findings:
        diagnostic = {
            "range": range_of(lines, finding_span(lines, f), encoding),
            "message": f.message,
            "severity": SEVERITIES[f.severity],
            "source": SOURCE,
            "code": f.rule,
        }
        if f.line is None:
            diagnostic["data"] = dict(FILE_SCOPE)
        found.append(diagnostic)
    return found


def publish(uri: str, result: LintResult, encoding: str) -> dict[str, Any]:
    """The `textDocument/publishDiagnostics` notification of a lint."""
    params = {"uri": uri, "version": result.version, "diagnostics": diagnostics(result, encoding)}
    if result.version is None:
        del params["version"]
    return {"method": "textDocument/publishDiagnostics", "params": params}

"""The server's first messages without pygls (prelude.py, messages.py): the same answers and
diagnostics as pygls gives, and the hand-over to it (the messages read again, pygls's second
answer to `initialize` dropped). The whole sequence with a real server process is in
test_lsp.py (`test_the_prelude_hands_over_to_pygls`)."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("pygls", reason="the editor server is the optional 'server' extra")

from lsprotocol import types

import poalint.server.messages as messages
from poalint.server.lsp import serve
from poalint.server.prelude import DropAnswer, Replay


class NoLinting:
    """What `serve` needs of a linter to answer `initialize` (its warm-up is asked for)."""

    def __init__(self) -> None:
        self.warmed: list[str] = []

    def warm_up(self, path: str) -> None:
        self.warmed.append(path)


CLIENTS = [
    {},
    {"general": {"positionEncodings": ["utf-8", "utf-16"]}},
    {"general": {"positionEncodings": ["utf-32"]}},
    {"general": {"positionEncodings": ["latin-1"]}},  # none the server knows: UTF-16
    {"general": {}},
    {
        "workspace": {"workspaceFolders": True, "fileOperations": {"didCreate": True, "willRename": True}},
        "notebookDocument": {"synchronization": {}},
        "textDocument": {
            "synchronization": {"willSave": True, "willSaveWaitUntil": False, "didSave": True},
            "publishDiagnostics": {"versionSupport": True},
            "hover": {"contentFormat": ["markdown"]},
        },
    },
]


def pygls_answer(params: dict) -> dict:
    """pygls's own answer to `initialize`, from the server `lsp.build_server` makes."""
    request = messages.frame({"id": 7, "method": "initialize", "params": params})
    out = io.BytesIO()
    serve(NoLinting(), 150, io.BytesIO(request), out)  # type: ignore[arg-type]
    read = messages.read_message(io.BytesIO(out.getvalue()))
    assert read is not None, out.getvalue()
    return read[1]


@pytest.mark.parametrize("capabilities", CLIENTS)
def test_the_prelude_answers_initialize_as_pygls_does(capabilities):
    params = {"processId": None, "rootUri": None, "capabilities": capabilities}
    answer = pygls_answer(params)
    assert answer["id"] == 7
    assert answer["result"] == messages.initialize_result(params)


def test_the_json_constants_are_the_protocols():
    assert {s.name: s.value for s in types.DiagnosticSeverity} == messages.LSP_SEVERITY
    assert types.TextDocumentSyncKind.Incremental.value == messages.INCREMENTAL
    assert types.CodeActionKind.QuickFix.value == messages.QUICK_FIX
    assert set(messages.ENCODINGS) == {e.value for e in types.PositionEncodingKind}


def test_messages_are_read_as_framed_with_their_bytes():
    first = messages.frame({"id": 1, "method": "initialize", "params": {"capabilities": {}}})
    second = b"Content-Length: 2\r\n\r\n{}"
    stream = io.BytesIO(first + second + b"Content-Length: 9\r\n\r\n{")
    raw, message = messages.read_message(stream)
    assert raw == first and message["method"] == "initialize" and message["jsonrpc"] == "2.0"
    assert messages.read_message(stream) == (second, {})
    assert messages.read_message(stream) is None  # cut short: the client went away


def test_pygls_reads_the_messages_again_then_the_rest():
    replay = messages.frame({"method": "initialized", "params": {}})
    rest = messages.frame({"method": "exit"})
    reader = Replay(replay, io.BytesIO(rest))
    seen = []
    while (read := messages.read_message(reader)) is not None:
        seen.append(read[1]["method"])
    assert seen == ["initialized", "exit"]


def test_only_the_answer_given_already_is_dropped():
    out = io.BytesIO()
    writer = DropAnswer(out, 1)
    error = messages.frame({"id": 1, "error": {"code": -32600, "message": "no"}})
    answer = messages.frame({"id": 1, "result": {"capabilities": {}}})
    other = messages.frame({"id": 2, "result": None})
    for data in (error, answer, answer, other):
        writer.write(data)
    assert out.getvalue() == error + answer + other  # the first success answer to 1 only

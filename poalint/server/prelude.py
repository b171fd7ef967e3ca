"""The first messages of a session, answered before the protocol library is imported.

Importing lsprotocol and pygls costs about half a second of CPU, a third of what the first lint
costs, and on a busy machine the server's two processes share one slice of the CPU: that import
made the first diagnostics slower than `poalint check` of the same draft. So the server first
reads the messages itself (standard-library JSON, `messages.py`): it answers `initialize`,
asks the worker to warm up for the workspace, and publishes the diagnostics of the first draft
opened; then it imports pygls and hands over (`Handover`): pygls reads every message again
(`Replay`), so that its state (the workspace, the position encoding, the open documents) is
what it would have been, its second answer to `initialize` is dropped (`DropAnswer`), and the
draft already published is not linted again. Any other message before that (a hover, a
change, shutdown, a request before `initialize`) hands over at once.
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import poalint.server.messages as messages
from poalint.server.drafts import LintResult
from poalint.server.worker import WorkerLinter

log = logging.getLogger("poalint.server")


@dataclass
class Handover:
    """What the prelude did, for pygls to carry on from."""

    replay: bytes = b""  # the messages read, to be handled again by pygls
    initialize_id: Any = None  # the request answered here: pygls's answer to it is dropped
    results: dict[str, LintResult] = field(default_factory=dict)  # uri -> lint published here
    warmed: bool = False  # the worker was asked to warm up for the workspace
    ended: bool = False  # the client closed the stream: nothing to hand over


class Prelude:
    def __init__(self, drafts: WorkerLinter, stdin: IO[bytes], stdout: IO[bytes]) -> None:
        self.drafts = drafts
        self.stdin = stdin
        self.stdout = stdout

    def send(self, message: dict[str, Any]) -> None:
        self.stdout.write(messages.frame(message))
        self.stdout.flush()

    def run(self) -> Handover:
        """Read and answer messages until the first diagnostics are published or a message
        needs pygls; returns what pygls must know."""
        handover = Handover()
        encoding = messages.UTF16
        root: str | None = None
        while True:
            read = messages.read_message(self.stdin)
            if read is None:
                handover.ended = True
                return handover
            raw, message = read
            handover.replay += raw
            method = message.get("method") if isinstance(message, dict) else None
            params = message.get("params") if isinstance(message, dict) else None
            if handover.initialize_id is None:
                if method != "initialize" or "id" not in message or not _initialize_params(params):
                    return handover  # pygls answers as the protocol says
                self.send({"id": message["id"], "result": messages.initialize_result(params)})
                handover.initialize_id = message["id"]
                encoding = messages.position_encoding(params.get("capabilities") or {})
                root = messages.root_path(params)
                self.drafts.warm_up(str(Path(root or ".").absolute() / "draft.md"))
                handover.warmed = True
                continue
            if method == "initialized" and "id" not in message:
                continue
            opened = _opened(params) if method == "textDocument/didOpen" and "id" not in message else None
            if opened is None:
                return handover
            uri, language, version, text = opened
            path = messages.path_of(uri, root)
            if not messages.is_draft(language, path):
                continue  # pygls records it when the messages are replayed
            try:
                result = self.drafts.lint(text, path, version)
            except Exception:  # a bug: pygls lints it again when the messages are replayed, and reports
                log.debug("poalint: the first lint failed; handing over", exc_info=True)
                return handover
            self.send(messages.publish(uri, result, encoding))
            handover.results[uri] = result
            return handover


def _initialize_params(params: Any) -> bool:
    """Parameters the prelude can answer (anything else, pygls answers)."""
    if not isinstance(params, dict):
        return False
    capabilities = params.get("capabilities")
    if not isinstance(capabilities, dict):
        return False
    general = capabilities.get("general")
    if general is not None and not isinstance(general, dict):
        return False
    text_document = capabilities.get("textDocument")
    if text_document is not None and not isinstance(text_document, dict):
        return False
    sync = (text_document or {}).get("synchronization")
    if sync is not None and not isinstance(sync, dict):
        return False
    root_uri, root = params.get("rootUri"), params.get("rootPath")
    return (root_uri is None or isinstance(root_uri, str)) and (root is None or isinstance(root, str))


def _opened(params: Any) -> tuple[str, str, int, str] | None:
    """(uri, language id, version, text) of a well-formed didOpen, else None."""
    document = params.get("textDocument") if isinstance(params, dict) else None
    if not isinstance(document, dict):
        return None
    uri, language = document.get("uri"), document.get("languageId")
    version, text = document.get("version"), document.get("text")
    if not (isinstance(uri, str) and isinstance(language, str) and isinstance(text, str)):
        return None
    if not isinstance(version, int) or isinstance(version, bool):
        return None
    return uri, language, version, text


class Replay:
    """The client's stream for pygls: the messages the prelude read, then the rest."""

    def __init__(self, replay: bytes, stream: IO[bytes]) -> None:
        self._replay = io.BytesIO(replay)
        self._stream = stream

    def readline(self) -> bytes:
        return self._replay.readline() or self._stream.readline()

    def read(self, size: int) -> bytes:
        data = self._replay.read(size)
        if len(data) < size:
            data += self._stream.read(size - len(data))
        return data


class DropAnswer:
    """The server's stream for pygls, without its answer to the request the prelude answered."""

    def __init__(self, stream: IO[bytes], request_id: Any) -> None:
        self._stream = stream
        self._id = request_id

    def write(self, data: bytes) -> int:
        if self._id is not None:
            _head, _, body = data.partition(b"\r\n\r\n")
            try:
                message = json.loads(body)
            except ValueError:
                message = None
            if isinstance(message, dict) and message.get("id") == self._id and "result" in message:
                self._id = None  # answered already (an error would still go through)
                return len(data)
        return self._stream.write(data)

    def flush(self) -> None:
        self._stream.flush()

    def close(self) -> None:
        self._stream.close()

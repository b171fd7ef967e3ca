"""A small Language Server Protocol client over a subprocess's stdio (standard library only).

The test suite and `benchmarks/bench.py` drive `python -m poalint server` with it, as an
editor would: framed JSON-RPC messages, requests matched to responses by id, notifications
kept in arrival order with the time they arrived, and requests from the server (progress,
registration) answered with null.

    with LspClient([sys.executable, "-m", "poalint", "server"]) as client:
        client.initialize(root_uri)
        client.open(uri, text)
        diagnostics = client.diagnostics(uri)
"""

from __future__ import annotations

import contextlib
import itertools
import json
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any


class LspError(RuntimeError):
    pass


def file_uri(path: str | Path) -> str:
    return Path(path).resolve().as_uri()


class LspClient:
    def __init__(
        self, command: list[str], cwd: str | Path | None = None, env: dict[str, str] | None = None
    ) -> None:
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            command, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr
        )
        self._ids = itertools.count(1)
        self._lock = threading.Condition()
        self._responses: dict[int, dict[str, Any]] = {}
        self.notifications: list[tuple[float, dict[str, Any]]] = []  # (perf_counter at arrival, message)
        self._closed = False
        self._versions: dict[str, int] = {}
        self._reader = threading.Thread(target=self._read, name="lsp-client-reader", daemon=True)
        self._reader.start()

    # -- transport ----------------------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        try:
            while True:
                length = None
                while True:
                    header = stream.readline()
                    if not header:
                        return
                    header = header.strip()
                    if not header:
                        break
                    name, _, value = header.decode("ascii").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                if length is None:
                    continue
                message = json.loads(stream.read(length).decode("utf-8"))
                arrived = time.perf_counter()
                if "id" in message and "method" in message:  # a request from the server
                    self._send({"id": message["id"], "result": None})
                    continue
                with self._lock:
                    if "id" in message:
                        self._responses[message["id"]] = message
                    else:
                        self.notifications.append((arrived, message))
                    self._lock.notify_all()
        finally:
            with self._lock:
                self._closed = True
                self._lock.notify_all()

    def stderr(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")

    # -- messages -------------------------------------------------------------------------------
    def notify(self, method: str, params: Any = None) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any = None, timeout: float = 60) -> Any:
        ident = next(self._ids)
        self._send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        with self._lock:
            while ident not in self._responses:
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise LspError(f"no answer to {method} ({'closed' if self._closed else 'timeout'})")
                self._lock.wait(left)
            message = self._responses.pop(ident)
        if "error" in message:
            raise LspError(f"{method}: {message['error']}")
        return message.get("result")

    def wait_for(
        self, match: Callable[[dict[str, Any]], bool], after: int = 0, timeout: float = 60
    ) -> tuple[int, float, dict[str, Any]]:
        """The first notification from index `after` on that `match`es: (index, time, message)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            index = after
            while True:
                while index < len(self.notifications):
                    arrived, message = self.notifications[index]
                    if match(message):
                        return index, arrived, message
                    index += 1
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise LspError("no such notification (" + ("closed" if self._closed else "timeout") + ")")
                self._lock.wait(left)

    def mark(self) -> int:
        """The index the next notification will have (for `wait_for(after=...)`)."""
        with self._lock:
            return len(self.notifications)

    # -- the protocol, as an editor uses it -----------------------------------------------------------
    def initialize(
        self, root: str | Path | None = None, encodings: list[str] | None = None, **options: Any
    ) -> Any:
        capabilities: dict[str, Any] = {
            "textDocument": {
                "publishDiagnostics": {"versionSupport": True},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "codeAction": {
                    "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}},
                    "dataSupport": True,
                },
            },
        }
        if encodings:
            capabilities["general"] = {"positionEncodings": encodings}
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": file_uri(root) if root else None,
                "capabilities": capabilities,
                "initializationOptions": options or None,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language: str = "markdown") -> int:
        """Send didOpen (version 1); returns the notification mark to wait from."""
        mark = self.mark()
        self._versions[uri] = 1
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
        )
        return mark

    def change(self, uri: str, changes: list[dict[str, Any]]) -> int:
        """Send didChange with the next version; `changes` are LSP content changes (a range and
        text, or a whole `{"text": ...}`). Returns the notification mark."""
        mark = self.mark()
        self._versions[uri] += 1
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": self._versions[uri]}, "contentChanges": changes},
        )
        return mark

    def version(self, uri: str) -> int:
        return self._versions[uri]

    def diagnostics(
        self, uri: str, after: int = 0, version: int | None = None, timeout: float = 120
    ) -> tuple[float, list[dict[str, Any]]]:
        """The next publishDiagnostics for `uri` (of `version`, if given): (arrival time, list)."""

        def match(message: dict[str, Any]) -> bool:
            if message.get("method") != "textDocument/publishDiagnostics":
                return False
            params = message["params"]
            return params["uri"] == uri and (version is None or params.get("version") == version)

        _index, arrived, message = self.wait_for(match, after, timeout)
        return arrived, message["params"]["diagnostics"]

    def close(self, timeout: float = 30) -> int:
        """shutdown + exit; the server's exit status."""
        with contextlib.suppress(LspError, OSError):
            self.request("shutdown", None, timeout=timeout)
        with contextlib.suppress(OSError):
            self.notify("exit")
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def __enter__(self) -> LspClient:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.close()
        with contextlib.suppress(OSError):
            assert self.process.stdin is not None
            self.process.stdin.close()
        self._stderr.close()

"""The editor server's linting in a child process.

`poalint server` forks this worker first thing, so the worker loads the spaCy pipeline while
the server answers the first messages (prelude.py) and, once the first diagnostics are out,
imports the protocol library; and the protocol loop never waits for the interpreter lock while
a draft is linted. The worker owns the `DraftLinter` (the Session and its doc cache) and
answers one request at a time over a pipe; between requests it warms up step by step
(`DraftLinter.warm_steps`), so a draft sent during the warm-up waits for one step at most. If
it dies, the next request starts a new one. Where `fork` is missing (Windows) the server lints
in a thread of its own process instead (`DraftLinter` has the same methods)."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from poalint.app.session import SessionOptions
from poalint.server.drafts import DraftLinter, LintResult, Suppressions


class WorkerError(RuntimeError):
    """The worker failed on a request (its traceback is the message) or stopped."""


def _serve(conn: Connection, other_end: Connection | None, options: SessionOptions, warm: str | None) -> None:
    if other_end is not None:
        other_end.close()  # the server's end: without this the worker never sees it close
    with contextlib.suppress(OSError):
        os.dup2(2, 1)  # anything written to stdout goes to stderr, never into the protocol stream
    sys.stdout = sys.stderr
    # Loading the pipeline allocates a great deal and frees little: the cyclic collector would
    # go over everything several times for nothing. It is off until the first lint (or the end
    # of the warm-up); then what is loaded is moved out of its sight for good (gc.freeze).
    collecting = gc.isenabled()
    gc.disable()
    drafts = DraftLinter(options)
    # the warm-up runs step by step while no request waits: a draft sent meanwhile is linted
    # first, and the rest of the warm-up (what the first lint needed is loaded by then) waits
    warming: Iterator[float] | None = drafts.warm_steps(warm) if warm else None
    wait = 0.0  # seconds to wait for a request before the next warm-up step
    while True:
        if warming is not None and not conn.poll(wait):
            try:
                wait = next(warming)
            except Exception:  # finished (StopIteration), or a bug: the lint will report it
                warming = None
                collecting = _collect_from_now(collecting)
            continue
        try:
            method, args = conn.recv()
        except (EOFError, OSError):
            break
        try:
            if method == "warm_up":  # answered at once; its steps run while no request waits
                warming, wait = drafts.warm_steps(*args), 0.0
                answer: tuple[str, Any] = ("ok", None)
            else:
                answer = ("ok", getattr(drafts, method)(*args))
        except Exception:  # a bug: report it to the server, keep serving
            answer = ("error", traceback.format_exc())
        try:
            conn.send(answer)
        except (OSError, ValueError):
            break
        if method != "warm_up":
            collecting = _collect_from_now(collecting)
    os._exit(0)


def _collect_from_now(enable: bool) -> bool:
    """Freeze what is loaded and turn the collector back on (once); returns False."""
    if enable:
        gc.freeze()
        gc.enable()
    return False


class WorkerLinter:
    """`DraftLinter`'s methods, answered by the worker process."""

    def __init__(self, options: SessionOptions, warm: str | None = None) -> None:
        self.options = options
        self._lock = threading.Lock()
        self.restarts = 0
        self.closed = False
        self._start("fork", warm)

    def _start(self, method: str, warm: str | None) -> None:
        context = multiprocessing.get_context(method)
        ours, theirs = context.Pipe()
        # a forked worker inherits our end and must close it; a spawned one gets only its own
        other = ours if method == "fork" else None
        self.process = context.Process(
            target=_serve, args=(theirs, other, self.options, warm), name="poalint-lint", daemon=True
        )
        self.process.start()
        theirs.close()
        self.conn = ours

    def _call(self, method: str, *args: Any) -> Any:
        with self._lock:
            for attempt in (1, 2):
                try:
                    self.conn.send((method, args))
                    status, value = self.conn.recv()
                    break
                except (EOFError, OSError) as exc:
                    if self.closed:  # shutting down: no new worker
                        raise WorkerError("the lint worker was closed") from None
                    # the worker died (killed, out of memory): start another and ask it again;
                    # this process already runs threads, so spawn it rather than fork
                    self.restarts += 1
                    with contextlib.suppress(OSError):
                        self.conn.close()
                    self.process.join(timeout=1)  # reap it
                    self._start("spawn", None)
                    if attempt == 2:
                        raise WorkerError(f"the lint worker stopped twice ({exc!r})") from None
        if status != "ok":
            raise WorkerError(value)
        return value

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def warm_up(self, path: str) -> None:
        """Start warming up for drafts like `path` (returns at once; see `_serve`)."""
        self._call("warm_up", path)

    def lint(self, text: str, path: str, version: int | None = None) -> LintResult:
        return self._call("lint", text, path, version)

    def suppressions(self, text: str, path: str, wanted: list[tuple[str, int | None]]) -> Suppressions | None:
        return self._call("suppressions", text, path, wanted)

    def close(self) -> None:
        self.closed = True
        with contextlib.suppress(OSError):
            self.conn.close()


def make_linter(options: SessionOptions, warm: str | None = None) -> WorkerLinter | DraftLinter:
    """A worker process where `fork` exists, else linting in this process."""
    if "fork" in multiprocessing.get_all_start_methods():
        return WorkerLinter(options, warm)
    drafts = DraftLinter(options)
    return drafts

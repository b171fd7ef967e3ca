"""`poalint server`: the Language Server Protocol over stdio, for editors.

`drafts.py` lints editor buffers through a `Session` with a spaCy doc cache; `worker.py` runs
it in a child process; `edits.py` converts positions to the client's units and writes
suppression comments; `lsp.py` is the protocol front end (pygls, the optional `server` extra);
`messages.py` writes the protocol's messages as plain JSON, and `prelude.py` answers the first
messages with it while the worker loads, before pygls is imported; `client.py` is a small JSON-RPC client of the standard library that the tests and the
benchmark drive the server with.
"""

from __future__ import annotations

from poalint.errors import UserError

INSTALL_HINT = "pip install 'poalint[server]'"


def run(options: object, debounce_ms: int) -> int:
    """Serve until the client exits; raises UserError when pygls is not installed."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise UserError("", "the editor server needs pygls, which is not installed", INSTALL_HINT) from None
    import logging
    import os
    import sys

    from poalint.server.worker import WorkerLinter, make_linter

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="poalint server: %(message)s")
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol stream
    import gc

    # what is loaded now is shared with the worker: neither process's collections need go over
    # it (`poalint server` starts with the collector off: importing allocates a great deal and
    # frees little)
    gc.freeze()
    # the worker starts loading the rule pack and the pipeline now
    linter = make_linter(options, warm=os.path.join(os.getcwd(), "draft.md"))  # type: ignore[arg-type]
    gc.enable()
    handover = None
    if isinstance(linter, WorkerLinter):
        # the first messages are answered without pygls, which is imported after the first
        # diagnostics, not while the worker loads (see prelude.py)
        from poalint.server.prelude import Prelude

        handover = Prelude(linter, stdin, stdout).run()
        if handover.ended:  # the client went away
            linter.close()
            return 1
    from poalint.server.lsp import serve

    return serve(linter, debounce_ms, stdin, stdout, handover)

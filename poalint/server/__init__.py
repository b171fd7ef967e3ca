"""`poalint server`: the Language Server Protocol over stdio, for editors.

`drafts.py` lints editor buffers through a `Session` with a spaCy doc cache; `worker.py` runs
it in a child process; `edits.py` converts positions to the client's units and writes
suppression comments; `lsp.py` is the protocol front end (pygls, the optional `server` extra);
`client.py` is a small JSON-RPC client of the standard library that the tests and the
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
    import os

    from poalint.server.worker import make_linter

    # the worker starts loading the rule pack and the pipeline now, while pygls is imported here
    linter = make_linter(options, warm=os.path.join(os.getcwd(), "draft.md"))  # type: ignore[arg-type]
    from poalint.server.lsp import serve

    return serve(linter, debounce_ms)

"""What both entry paths (the quick answers in `entry.py` and the click application) share:
leaving the process (flush the output and exit, or drop stdout when its reader went away) and
the `--version` text.
"""

from __future__ import annotations

import contextlib
import os
import sys


def finish(code: int) -> None:
    """Exit once the output is flushed, skipping the interpreter's teardown.

    Everything a command writes (report, --output file, result cache) is complete and closed
    when it returns, and the worker pool is shut down; what remains is freeing spaCy's
    objects one by one, which takes as long as a third of loading the pipeline. Tests drive
    `cli` in-process and never reach this.
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        drop_stdout()
        code = code or 1
    with contextlib.suppress(BrokenPipeError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def drop_stdout() -> None:
    """`poalint check ... | head`: the reader went away; drop the rest quietly."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def version_text() -> str:
    """`poalint --version`: poalint's version and the spaCy pipeline a check would use."""
    from poalint import __version__
    from poalint.nlp.pipeline import default_pipeline_line

    return f"poalint, version {__version__}\n{default_pipeline_line()}\n"

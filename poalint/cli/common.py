"""What both entry paths (the quick answers in `entry.py` and the click application) share:
leaving the process (flush the output and exit, or drop stdout when its reader went away),
standard streams that are closed or full (`guard_streams`) and the `--version` text.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys


class StdoutError(OSError):
    """Standard output cannot be written (closed, or a full disk or device)."""


class _Stream(io.RawIOBase):
    """A standard stream's descriptor. Writes to stdout that fail raise `StdoutError` (a closed
    pipe stays `BrokenPipeError`); writes to stderr that fail are dropped, so a closed or full
    stderr changes neither the output nor the exit status."""

    def __init__(self, fd: int, closed: bool, quiet: bool) -> None:
        super().__init__()
        self.fd = fd
        self.was_closed = closed
        self.quiet = quiet

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return not self.was_closed and os.isatty(self.fd)

    def write(self, data) -> int:
        if self.was_closed:
            if self.quiet:
                return len(data)
            raise StdoutError(errno.EBADF, "standard output is closed")
        try:
            return os.write(self.fd, data)
        except BrokenPipeError:
            if self.quiet:
                return len(data)
            raise
        except OSError as exc:
            if self.quiet:
                return len(data)
            raise StdoutError(exc.errno, exc.strerror) from None


def guard_streams() -> None:
    """Make closed or unwritable standard streams harmless.

    A closed descriptor 0, 1 or 2 gets /dev/null, so that no file poalint opens (a cache
    entry, the report) can take its number and receive the output. stdout and stderr are
    then rewrapped: a report that cannot be written is one error line and exit status 2
    (`stdout_failed`), and stderr never fails."""
    closed = set()
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.add(fd)
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        old = getattr(sys, name)
        encoding = getattr(old, "encoding", None) or "utf-8"
        errors = "backslashreplace" if fd == 2 else (getattr(old, "errors", None) or "strict")
        raw = _Stream(fd, fd in closed, quiet=fd == 2)
        line_buffering = fd == 2 or raw.isatty()
        stream = io.TextIOWrapper(
            io.BufferedWriter(raw), encoding=encoding, errors=errors, line_buffering=line_buffering
        )
        with contextlib.suppress(Exception):
            if old is not None:
                old.flush()
        setattr(sys, name, stream)


def stdout_failed(exc: OSError) -> None:
    """The report could not be written: one line on stderr, exit status 2."""
    drop_stdout()
    sys.stderr.write(f"poalint: cannot write to stdout ({exc.strerror or exc}); check where it goes\n")
    finish(2)


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
    except OSError as exc:
        drop_stdout()
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(
                f"poalint: cannot write to stdout ({exc.strerror or exc}); check where it goes\n"
            )
        code = 2
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def drop_stdout() -> None:
    """`poalint check ... | head`: the reader went away; drop the rest quietly."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.close(null)
    stream = sys.stdout
    raw = getattr(getattr(stream, "buffer", None), "raw", None)
    if isinstance(raw, _Stream):
        raw.was_closed = False  # the rest goes to /dev/null
        raw.quiet = True
        with contextlib.suppress(OSError, ValueError):
            stream.flush()


def version_text() -> str:
    """`poalint --version`: poalint's version and the spaCy pipeline a check would use."""
    from poalint import __version__
    from poalint.nlp.pipeline import default_pipeline_line

    return f"poalint, version {__version__}\n{default_pipeline_line()}\n"

"""The console entry point.

`poalint --version`, `poalint rules` and `poalint explain RULE` are answered here from the
cached rule catalog, without importing click: importing it is most of their run time. Any
other command line, including every variant of those three that this module does not
recognise exactly (help, unknown options, errors), goes to the click application in
`poalint.cli.app`, which prints the same text for the recognised forms (tests compare them).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys

QUICK_COMMANDS = ("rules", "explain")
VALUED_OPTIONS = ("--format", "--rules")


def main() -> None:
    if sys.argv[1:2] != ["server"]:  # the language server owns stdin/stdout (the protocol stream)
        guard_streams()
    answer = quick_answer(sys.argv[1:])
    if answer is None:
        from poalint.cli.app import main as run_click

        run_click()
        return
    try:
        sys.stdout.write(answer)
    except BrokenPipeError:  # `poalint rules | head`
        drop_stdout()
        finish(1)
    except OSError as exc:
        stdout_failed(exc)
    finish(0)


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

    def write(self, data) -> int:  # noqa: ANN001
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


def _split_options(args: list[str]) -> tuple[dict[str, list[str]], list[str]] | None:
    """`--format X`, `--format=X`, `--rules DIR` (repeatable) and positionals; None otherwise."""
    options: dict[str, list[str]] = {}
    positionals: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        name, equals, value = arg.partition("=")
        if name in VALUED_OPTIONS and equals:
            index += 1
        elif arg in VALUED_OPTIONS and index + 1 < len(args):
            name, value = arg, args[index + 1]
            index += 2
        elif arg.startswith("-"):
            return None
        else:
            positionals.append(arg)
            index += 1
            continue
        options.setdefault(name, []).append(value)
    return options, positionals


def version_text() -> str:
    """`poalint --version`: poalint's version and the spaCy pipeline a check would use."""
    from poalint import __version__
    from poalint.nlp.pipeline import default_pipeline_line

    return f"poalint, version {__version__}\n{default_pipeline_line()}\n"


def quick_answer(argv: list[str]) -> str | None:
    """The output of a light command line, or None when click must handle it."""
    if argv in (["--version"], ["-V"]):
        return version_text()
    if not argv or argv[0] not in QUICK_COMMANDS:
        return None
    parsed = _split_options(argv[1:])
    if parsed is None:
        return None
    options, positionals = parsed
    formats = options.pop("--format", [])
    rule_dirs = options.pop("--rules", [])
    from pathlib import Path

    from poalint.checks.catalog import load_catalog
    from poalint.errors import UserError
    from poalint.render.ruledocs import explain, render_rule_list

    try:
        docs = load_catalog([Path(d) for d in rule_dirs])
    except UserError:
        return None  # click reports it
    if argv[0] == "rules":
        fmt = formats[-1] if formats else "text"
        if positionals or fmt not in ("text", "json"):
            return None
        return render_rule_list(docs, fmt)
    if formats or len(positionals) != 1:
        return None
    return explain(positionals[0], docs)

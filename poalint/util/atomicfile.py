"""Writing a file so that readers see either its old content or the whole new one."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomic(target: Path, data: bytes, make_parents: bool = True, mode: int | None = None) -> None:
    """Write `data` to a temporary file beside `target`, then rename it over `target`.
    Raises OSError; the temporary file never outlives a failure or an interruption.
    The file gets `mode`, else the permissions of the file it replaces, else 0666 less the umask."""
    if make_parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        # mkstemp makes 0600; a report should read like any file (caches pass 0600)
        os.fchmod(fd, mode if mode is not None else _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, else what a plain open() would give (0666 less umask)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def store_cache_file(target: Path, data: bytes) -> bool:
    """`write_atomic` for caches: a folder that cannot be written only costs speed (False)."""
    try:
        write_atomic(target, data)
    except OSError:
        return False
    return True


class OutputError(OSError):
    """An --output target poalint will not write (with what to do about it)."""

    def __init__(self, problem: str, hint: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.hint = hint


def write_report(target: str, data: bytes) -> None:
    """Write a report to `target` as a user means it:

    - a device, FIFO or socket (`/dev/null`, `/dev/stdout` on a pipe) is written through,
      never replaced by a regular file;
    - a symlink is followed deliberately: the file it points at is replaced atomically and
      the link stays; a dangling link is refused (it would create a file wherever it points);
    - a regular file is replaced atomically, keeping its permissions; a new one gets the
      usual permissions (0666 less the umask).

    Raises OSError (an `OutputError` for the refusals)."""
    try:
        info = os.stat(target)  # follows links
    except FileNotFoundError:
        if os.path.islink(target):
            raise OutputError("a broken symlink", "remove the link or point it at a file") from None
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError("is a directory", "name a file")
    if info is not None and not stat.S_ISREG(info.st_mode):
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        return
    real = Path(os.path.realpath(target)) if os.path.islink(target) else Path(target)
    if info is not None:
        mode = stat.S_IMODE(info.st_mode)
    else:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o666 & ~umask
    write_atomic(real, data, make_parents=False, mode=mode)

"""Writing a file so that readers see either its old content or the whole new one."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomic(target: Path, data: bytes, make_parents: bool = True) -> None:
    """Write `data` to a temporary file beside `target`, then rename it over `target`.
    Raises OSError; the temporary file never outlives a failure or an interruption."""
    if make_parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _mode_for(target))  # mkstemp makes 0600; a report should read like any file
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

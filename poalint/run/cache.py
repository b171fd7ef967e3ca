"""A result cache like ruff's: one JSON file per draft, keyed by content and everything that
can change a result (poalint version, rule pack, configuration, spaCy pipeline).

The cache folder usually sits in the linted repository, where anyone who can commit can put
files, so nothing in it is believed without proof:

- each entry is sealed with an HMAC under the user's own key (`util.usercache`), bound to its
  cache key; an entry written by hand, copied from another draft or from another user's cache
  fails the check and is recomputed;
- an entry that verifies is still checked against the draft (rules that exist, lines and
  columns inside it, scores in range) before it is used;
- nothing is followed out of the folder: the folder, its sub-folders and its files are opened
  with `O_NOFOLLOW` relative to the folder's descriptor, reads are bounded and refuse anything
  but regular files, and `.gitignore` is written only into a folder poalint created itself.

Writes are atomic (temp file + rename), so concurrent runs never see half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from poalint import CACHE_FORMAT
from poalint.model.report import FileReport, printable_path
from poalint.util.usercache import MAX_CACHE_BYTES, read_bounded, seal, unseal

DEFAULT_CACHE_DIR = ".poalint_cache"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_CONTROL = {chr(c) for c in range(32)} | {chr(127)}


class CacheEntry(BaseModel):
    """A draft's raw report and the unknown rules its poalint comments name (line, token)."""

    model_config = ConfigDict(extra="forbid")
    report: FileReport
    unknown_directives: list[tuple[int, str]] = []


class ResultCache:
    def __init__(self, directory: Path, salt: str, known_rules: set[str] | None = None) -> None:
        self.directory = directory
        self.salt = hashlib.sha256(f"{CACHE_FORMAT}\0{salt}".encode()).hexdigest()
        self.known_rules = known_rules
        self.hits = 0
        self.misses = 0
        self._fd: int | None = None  # the cache folder, opened without following links
        self._usable = True

    def key(self, content: str) -> str:
        digest = hashlib.sha256(self.salt.encode())
        digest.update(content.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _label(self, key: str) -> str:
        return f"result:{self.salt}:{key}"

    # -- the folder, opened once, never through a symlink -----------------------------------
    def _folder(self, create: bool) -> int | None:
        if self._fd is not None or not self._usable:
            return self._fd
        parent, name = self.directory.parent, self.directory.name
        if create:
            with contextlib.suppress(OSError):
                os.makedirs(parent, exist_ok=True)
        try:
            parent_fd = os.open(parent, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
        except OSError:
            if create:
                self._usable = False
            return None
        try:
            created = False
            if create:
                try:
                    os.mkdir(name, 0o755, dir_fd=parent_fd)
                    created = True
                except FileExistsError:
                    pass
            try:
                self._fd = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=parent_fd)
            except OSError:  # missing, or a symlink: not followed
                if create:
                    self._usable = False
                return None
            if created:
                _write_gitignore(self._fd)
            return self._fd
        except OSError:
            self._usable = False
            return None
        finally:
            os.close(parent_fd)

    def _subfolder(self, key: str, create: bool) -> int | None:
        folder = self._folder(create)
        if folder is None:
            return None
        if create:
            with contextlib.suppress(FileExistsError, OSError):
                os.mkdir(key[:2], 0o755, dir_fd=folder)
        try:
            return os.open(key[:2], os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=folder)
        except OSError:
            return None

    # -- reading and writing ---------------------------------------------------------------
    def get(
        self, key: str, path: str, text: str | None = None, unit: str = "line"
    ) -> tuple[FileReport, list[tuple[int, str]]] | None:
        """The stored report (renamed to `path`) and its unknown directives, or None when
        there is no entry, it is not sealed by this user for this key, or it does not fit the
        draft `text`."""
        entry = None
        sub = self._subfolder(key, create=False)
        if sub is not None:
            try:
                data = unseal(self._label(key), read_bounded(f"{key}.json", MAX_CACHE_BYTES, dir_fd=sub))
                if data is not None:
                    entry = CacheEntry.model_validate_json(data)
            except (ValueError, ValidationError):
                entry = None
            finally:
                os.close(sub)
        if entry is None or not plausible(entry, text, unit, self.known_rules):
            self.misses += 1
            return None
        self.hits += 1
        return entry.report.model_copy(update={"path": printable_path(path)}), entry.unknown_directives

    def put(self, key: str, report: FileReport, unknown_directives: list[tuple[int, str]]) -> None:
        entry = CacheEntry(report=report, unknown_directives=unknown_directives)
        sub = self._subfolder(key, create=True)
        if sub is None:
            return  # an unusable folder only costs speed
        try:
            _store(sub, f"{key}.json", seal(self._label(key), entry.model_dump_json().encode()))
        finally:
            os.close(sub)

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


def _store(folder: int, name: str, data: bytes) -> bool:
    """Write `name` in the folder `folder` atomically, never through a symlink."""
    tmp = f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600, dir_fd=folder)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)  # replaces a link, never follows it
        return True
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder)


def _write_gitignore(folder: int) -> None:
    """Only into a folder poalint has just created, and never through a link."""
    with contextlib.suppress(OSError):
        fd = os.open(
            ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o644, dir_fd=folder
        )
        with os.fdopen(fd, "w") as handle:
            handle.write("# created by poalint\n*\n")


def plausible(entry: CacheEntry, text: str | None, unit: str, known_rules: set[str] | None) -> bool:
    """Whether a cached report could have come from linting `text`: known rules, positions
    inside the draft, scores in range, no control characters in what is printed."""
    report = entry.report
    if report.location_unit != unit or not 0 <= report.score <= 100:
        return False
    if any(not 0 <= v <= 100 for v in report.element_scores.values()):
        return False
    limit = None
    if text is not None:
        lines = text.count("\n") + 1
        limit = (lines + 1) // 2 if unit == "paragraph" else lines
    for section in report.sections:
        if not 1 <= section.start_line <= section.end_line or (limit and section.end_line > limit):
            return False
    for f in report.findings:
        if known_rules is not None and f.rule not in known_rules:
            return False
        if _CONTROL & set(f.message + f.rule):
            return False
        if f.line is None:
            continue
        if f.column is None or f.column < 1 or f.end_line is None or f.end_line < f.line:
            return False
        if f.end_column is not None and f.end_column < 1:
            return False
        if f.line < 1 or (limit is not None and f.end_line > limit):
            return False
    return all(line >= 1 and (limit is None or line <= limit) for line, _ in entry.unknown_directives)


def cache_salt(*parts: str) -> str:
    return "\0".join(parts)


def clean(directory: Path) -> bool:
    """Remove a cache folder (a symlink is removed, not followed); True when something was."""
    try:
        info = directory.lstat()
    except OSError:
        return False
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(directory, ignore_errors=True)
    else:
        directory.unlink(missing_ok=True)
    return True

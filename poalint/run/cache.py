"""A result cache like ruff's: one JSON file per draft, keyed by content and everything that
can change a result (poalint version, rule pack, configuration, spaCy pipeline).

Writes are atomic (temp file + rename), so concurrent runs never see half a file; an entry
that cannot be read or validated is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from poalint import CACHE_FORMAT
from poalint.model.report import FileReport
from poalint.util.atomicfile import store_cache_file

DEFAULT_CACHE_DIR = ".poalint_cache"


class CacheEntry(BaseModel):
    """A draft's raw report and the unknown rules its poalint comments name (line, token)."""

    model_config = ConfigDict(extra="forbid")
    report: FileReport
    unknown_directives: list[tuple[int, str]] = []


class ResultCache:
    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = directory
        self.salt = hashlib.sha256(f"{CACHE_FORMAT}\0{salt}".encode()).hexdigest()
        self.hits = 0
        self.misses = 0

    def key(self, content: str) -> str:
        digest = hashlib.sha256(self.salt.encode())
        digest.update(content.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> tuple[FileReport, list[tuple[int, str]]] | None:
        """The stored report (renamed to `path`) and its unknown directives, or None."""
        try:
            entry = CacheEntry.model_validate_json(self._path(key).read_bytes())
        except (OSError, ValueError, ValidationError):
            self.misses += 1
            return None
        self.hits += 1
        return entry.report.model_copy(update={"path": path}), entry.unknown_directives

    def put(self, key: str, report: FileReport, unknown_directives: list[tuple[int, str]]) -> None:
        entry = CacheEntry(report=report, unknown_directives=unknown_directives)
        if store_cache_file(self._path(key), entry.model_dump_json().encode()):
            _ensure_gitignore(self.directory)


def _ensure_gitignore(directory: Path) -> None:
    marker = directory / ".gitignore"
    if not marker.exists():
        with contextlib.suppress(OSError):
            marker.write_text("# created by poalint\n*\n")


def cache_salt(*parts: str) -> str:
    return "\0".join(parts)


def clean(directory: Path) -> bool:
    """Remove a cache folder; True when something was removed."""
    if directory.is_dir():
        shutil.rmtree(directory, ignore_errors=True)
        return True
    return False

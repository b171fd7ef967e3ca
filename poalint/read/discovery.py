"""Finding drafts: files and folders on the command line, walked recursively."""

from __future__ import annotations

import os
from pathlib import Path

from poalint.errors import InputError
from poalint.read.text import DRAFT_SUFFIXES

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".poalint_cache", ".tox"}


def discover(paths: list[str]) -> tuple[list[str], list[InputError]]:
    """Expand paths into draft files (sorted, unique) plus the errors met on the way."""
    files: list[str] = []
    errors: list[InputError] = []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found, walk_errors = _walk(path)
            errors.extend(walk_errors)
            if not found and not walk_errors:
                problem = "folder holds no drafts (.md, .markdown, .txt, .docx)"
                errors.append(InputError(raw, problem, "check the path"))
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(raw)
        else:
            errors.append(InputError(raw, "no such file or folder", "check the path"))
    seen: set[str] = set()
    unique = []
    for f in files:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique, errors


_PERMISSIONS = "check permissions"


def _walk(root: Path) -> tuple[list[str], list[InputError]]:
    """Recurse into `root` (following symlinks); a link back to a folder being walked is a loop."""
    found: list[str] = []
    errors: list[InputError] = []
    visited: set[tuple[int, int]] = set()
    ancestors: set[tuple[int, int]] = set()

    def visit(folder: Path) -> None:
        try:
            stat = folder.stat()
        except OSError as exc:
            errors.append(InputError(str(folder), f"cannot enter folder ({exc.strerror})", _PERMISSIONS))
            return
        key = (stat.st_dev, stat.st_ino)
        if key in ancestors:
            problem = "symlink loop (links back to a folder above it)"
            errors.append(InputError(str(folder), problem, "remove the looping link"))
            return
        if key in visited:
            return  # a second link to a folder already walked: its drafts are already listed
        visited.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            errors.append(InputError(str(folder), f"cannot list folder ({exc.strerror})", _PERMISSIONS))
            return
        ancestors.add(key)
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name not in SKIP_DIRS and not entry.name.startswith("."):
                    visit(path)
            elif entry.name.lower().endswith(DRAFT_SUFFIXES) and not entry.name.startswith(("~$", ".")):
                found.append(str(path))
        ancestors.discard(key)

    visit(root)
    return found, errors

"""Finding drafts: files and folders on the command line, walked recursively."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from poalint.errors import InputError
from poalint.read.companions import is_companion
from poalint.read.text import DRAFT_SUFFIXES, SAVE_AS, UNSUPPORTED, UNSUPPORTED_SUFFIXES

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".poalint_cache", ".tox"}


Skip = Callable[[str, str], bool]  # (path found in a walk, the folder walked) -> leave it out


def discover(paths: list[str], skip: Skip | None = None) -> tuple[list[str], list[InputError]]:
    """Expand paths into draft files (sorted, unique) plus the errors met on the way.

    `skip` prunes files and folders met while walking a folder (the configuration's
    `exclude`); paths named explicitly are never skipped here."""
    files: list[str] = []
    errors: list[InputError] = []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found, walk_errors, skipped, other = _walk(path, skip)
            errors.extend(walk_errors)
            if not found and not walk_errors and not skipped:
                problem = "folder holds no drafts (.md, .markdown, .txt, .docx)"
                hint = f"found {other}: {UNSUPPORTED}; {SAVE_AS}" if other else "check the path"
                errors.append(InputError(raw, problem, hint))
            files.extend(found)
        elif path.exists() or path.is_symlink():
            if not is_companion(path.name):  # a notice or a previous plan is never linted
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


def _walk(root: Path, skip: Skip | None = None) -> tuple[list[str], list[InputError], int, str | None]:
    """Recurse into `root`, following symlinks that stay inside it; a link back to a folder
    being walked is a loop. A link that leads out of `root` is skipped, as git and ruff do: a
    repository must not make poalint read (and print) a file elsewhere on the machine.
    Returns the drafts, the errors, how many entries `skip` left out, and the first document
    in a format poalint cannot read (a .pdf, .rtf ...), if any."""
    found: list[str] = []
    try:
        top = os.path.realpath(root)
    except (OSError, RuntimeError):
        top = None
    errors: list[InputError] = []
    skipped = 0
    other: list[str] = []
    visited: set[tuple[int, int]] = set()
    ancestors: set[tuple[int, int]] = set()

    def visit(folder: Path) -> None:
        nonlocal skipped
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
            if _is_link(entry) and not _inside(entry.path, top):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name not in SKIP_DIRS and not entry.name.startswith("."):
                    if skip is not None and skip(str(path), str(root)):
                        skipped += 1
                    else:
                        visit(path)
            elif (
                entry.name.lower().endswith(DRAFT_SUFFIXES)
                and not entry.name.startswith(("~$", "."))
                and not is_companion(entry.name)  # a notice or a previous plan is never linted
            ):
                if skip is not None and skip(str(path), str(root)):
                    skipped += 1
                else:
                    found.append(str(path))
            elif entry.name.lower().endswith(UNSUPPORTED_SUFFIXES) and not other:
                other.append(str(path))
        ancestors.discard(key)

    visit(root)
    return found, errors, skipped, other[0] if other else None


def _is_link(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _inside(path: str, top: str | None) -> bool:
    """Whether the link at `path` resolves inside the folder `top` (a broken link does not
    resolve anywhere: it is kept, and reading it reports it)."""
    if top is None:
        return False
    try:
        target = os.path.realpath(path)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return True  # reported as a loop when read
    if not os.path.lexists(target):
        return True
    return target == top or target.startswith(top.rstrip(os.sep) + os.sep)

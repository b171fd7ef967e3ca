"""The files that travel with a draft: the notification it answers, the plan that was
rejected before it, and the issue type given by option or configuration.

`NAME.notice.txt` / `NAME.notice.md` and `NAME.previous.md` / `NAME.previous.txt` beside
`NAME.md` are picked up by themselves; `--notice` and `--previous` name them explicitly. Such
files are never linted as drafts (see discovery).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from poalint.read.text import read_text

NOTICE_MARK = ".notice."
PREVIOUS_MARK = ".previous."
COMPANION_SUFFIXES = (".txt", ".md", ".markdown")


@dataclass(frozen=True)
class Companions:
    notice_path: str | None = None
    notice_text: str | None = None
    previous_path: str | None = None
    previous_text: str | None = None
    issue: str | None = None  # an issue type id given by option or configuration
    issue_source: str | None = None  # "option" or "config"

    def key(self) -> str:
        """Part of the result cache key: everything here changes the result."""
        if not (self.notice_text or self.previous_text or self.issue):
            return ""
        digest = hashlib.sha256()
        for part in (self.notice_path, self.notice_text, self.previous_path, self.previous_text, self.issue):
            digest.update((part or "").encode("utf-8", "surrogatepass") + b"\0")
        return "\0companions:" + digest.hexdigest()


def is_companion(name: str) -> bool:
    """A notice or previous plan (`NAME.notice.txt`, `NAME.previous.md`): never a draft."""
    lower = name.lower()
    return NOTICE_MARK in lower or PREVIOUS_MARK in lower


def beside(draft: str, mark: str) -> str | None:
    """`NAME<mark>txt|md` next to the draft `NAME.ext`, if there is one."""
    if draft in ("-", "") or draft.startswith("<"):
        return None
    path = Path(draft)
    stem = path.name.rsplit(".", 1)[0]
    folder = str(path.parent)
    for suffix in COMPANION_SUFFIXES:
        name = f"{stem}{mark.rstrip('.')}{suffix}"
        if not os.path.isfile(os.path.join(folder, name)):  # the usual case: none (a cheap test)
            continue
        candidate = path.with_name(name)
        if candidate.is_file() and _stays_beside(candidate):
            return str(candidate)
    return None


def _stays_beside(candidate: Path) -> bool:
    """A companion picked up by itself that is a link is followed only into the draft's own
    folder: a repository must not make poalint read (and quote, in its findings) a file elsewhere
    on the machine, as with links out of a linted tree. `--notice`/`--previous` name any file."""
    if not candidate.is_symlink():
        return True
    try:
        folder = os.path.realpath(candidate.parent)
        target = os.path.realpath(candidate)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return False
    return target.startswith(folder.rstrip(os.sep) + os.sep)


def read_companion(path: str, max_bytes: int) -> str:
    """The text of a notice or previous plan (same decoding and limits as drafts)."""
    if path.lower().endswith(".docx"):
        from poalint.read.docx import read_docx_text

        return read_docx_text(path, max_bytes)
    return read_text(path, max_bytes)

"""Snapshot files (like ruff's `.snap` files): a test renders what it checks as text and
compares it with `tests/snapshots/<name>.snap`.

    POALINT_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/unit/checks tests/unit/render

writes the snapshots instead of comparing; review the diff (`git diff tests/snapshots`) before
committing it. A missing snapshot fails the test with that hint.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots"
UPDATE = os.environ.get("POALINT_UPDATE_SNAPSHOTS") == "1"


def normalise(text: str, *roots: Path) -> str:
    """Absolute paths (the repository, temporary folders) as stable placeholders."""
    for index, root in enumerate((ROOT, *roots)):
        label = "<ROOT>" if index == 0 else f"<TMP{index}>"
        text = text.replace(root.resolve().as_uri(), f"file://{label}").replace(str(root.resolve()), label)
    return text


def assert_snapshot(name: str, text: str, source: str) -> None:
    """`text` must equal the snapshot `name` (whose header names the `source` it came from)."""
    path = SNAPSHOTS / f"{name}.snap"
    content = f"---\nsource: {source}\n---\n{text}"
    if not content.endswith("\n"):
        content += "\n"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(
            f"no snapshot {path.relative_to(ROOT)}; write it with POALINT_UPDATE_SNAPSHOTS=1 and review it"
        )
    expected = path.read_text(encoding="utf-8")
    if content != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                content.splitlines(keepends=True),
                f"{path.relative_to(ROOT)} (snapshot)",
                "now",
            )
        )
        pytest.fail(
            f"snapshot {name} changed; if that is intended, rerun with POALINT_UPDATE_SNAPSHOTS=1\n{diff}"
        )

"""Where the built-in rule pack (and the vocabulary beside it) lives."""

from __future__ import annotations

from pathlib import Path


def builtin_rules_dir() -> Path:
    """`poalint/builtin_rules` in an installed wheel, else the repository's `rules/`."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "builtin_rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"

"""Where poalint keeps per-user caches (compiled rule packs, the syllable table)."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_root() -> Path:
    """`$POALINT_CACHE_HOME`, else `$XDG_CACHE_HOME`, else `~/.cache`; then `poalint/`."""
    base = os.environ.get("POALINT_CACHE_HOME") or os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "poalint"

""" "Did you mean ...?" for names a user typed: configuration keys, rule ids, categories.

Kept free of heavy imports (difflib only) so the light `explain` path can use it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name most like `name`, or None when nothing is close."""
    matches = difflib.get_close_matches(name, sorted(set(known)), n=1)
    return matches[0] if matches else None


def did_you_mean(name: str, known: Iterable[str], otherwise: str) -> str:
    """A hint: "did you mean 'x'?" when a known name is close, else `otherwise`."""
    match = closest(name, known)
    return f"did you mean {match!r}?" if match else otherwise

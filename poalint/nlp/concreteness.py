"""Concreteness of a sentence: time expressions, quantities, and commitment markers.

The words and patterns live in `rules/concrete.yaml`; this module compiles them and
combines them with spaCy's entities (DATE, TIME, CARDINAL, PERCENT, QUANTITY, MONEY),
so that identifiers (order IDs, ASINs, model numbers, years of past events) never make
a commitment measurable, and calendar dates count as *when* but not as *how much*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from poalint.errors import RuleError

if TYPE_CHECKING:
    from spacy.tokens import Span

    from poalint.util.yamlio import LineLookup

_KEYS = ("time", "quantity", "identifiers", "calendar", "commitment")
_NUM = re.compile(r"(?<![\w.-])\$?\d+(?:[.,]\d+)*(?:%|-[A-Za-z]+)?(?![\w-])")


@dataclass
class Concreteness:
    patterns: dict[str, list[re.Pattern[str]]] = field(default_factory=lambda: {k: [] for k in _KEYS})

    def extend(self, path: Path, data: Any, lines: LineLookup) -> None:
        """Add the entries of one parsed YAML file (`lines` gives positions for errors)."""
        for key in _KEYS:
            for index, pattern in enumerate(data.get(key) or []):
                flags = 0 if key == "identifiers" else re.IGNORECASE
                try:
                    self.patterns[key].append(re.compile(str(pattern), flags))
                except re.error as exc:
                    raise RuleError(
                        f"{path}:{lines(key, index)}", f"bad pattern: {exc}", "fix the regex"
                    ) from None

    def _any(self, key: str, text: str) -> bool:
        return any(p.search(text) for p in self.patterns[key])

    def _blank(self, key: str, text: str) -> str:
        for pattern in self.patterns[key]:
            text = pattern.sub(lambda m: " " * len(m.group(0)), text)
        return text

    def has_time(self, text: str, sent: Span | None = None) -> bool:
        if self._any("time", text) or self._any("calendar", text):
            return True
        if sent is not None:
            for ent in sent.ents:
                if ent.label_ in ("DATE", "TIME") and re.search(r"\d", self._blank("identifiers", ent.text)):
                    return True
        return False

    def has_quantity(self, text: str, sent: Span | None = None) -> bool:
        if self._any("quantity", text):
            return True
        cleaned = self._blank("calendar", self._blank("identifiers", text))
        return bool(_NUM.search(cleaned))

    def is_commitment(self, text: str) -> bool:
        return self._any("commitment", text)

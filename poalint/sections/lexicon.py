"""The heading lexicon: YAML regular expressions that map heading words to section kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from poalint.errors import RuleError
from poalint.vocabulary import SECTION_KINDS

if TYPE_CHECKING:
    from poalint.util.yamlio import LineLookup

_NUMBERING = re.compile(
    r"^\s*(?:(?:step|part|section)\s*\d+|\d+(?:\.\d+)*|[ivx]+|[a-h])\s*[.):\-–—]\s*", re.I
)


@dataclass
class HeadingLexicon:
    patterns: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    metadata: list[re.Pattern[str]] = field(default_factory=list)
    combined: list[re.Pattern[str]] = field(default_factory=list)  # "Actions": done and planned

    def classify(self, title: str) -> str | None:
        """Section kind for a heading title, or None when the lexicon does not know it.
        A heading naming the actions as a whole opens with the immediate actions."""
        text = normalise_title(title)
        if not text:
            return None
        for pattern in self.metadata:
            if pattern.fullmatch(text):
                return None
        if self.is_combined(title):
            return "immediate_actions"
        for kind, patterns in self.patterns.items():
            for pattern in patterns:
                if pattern.search(text):
                    return kind
        return None

    def is_combined(self, title: str) -> bool:
        """Does the heading name both action elements at once ("Actions", "Corrective and
        preventive actions")? Its section is then split by tense and modality."""
        text = normalise_title(title)
        return bool(text) and any(p.search(text) for p in self.combined)

    def extend(self, path: Path, data: Any, lines: LineLookup) -> None:
        """Add the entries of one parsed YAML file (`lines` gives positions for errors)."""
        if not isinstance(data, dict):
            raise RuleError(str(path), "a heading lexicon must be a mapping with a `headings:` key")
        headings = data.get("headings") or {}
        if not isinstance(headings, dict):
            raise RuleError(
                f"{path}:{lines('headings')}", "`headings` must map section kinds to lists of patterns"
            )
        for kind, entries in headings.items():
            if kind not in SECTION_KINDS:
                raise RuleError(
                    f"{path}:{lines('headings', kind)}",
                    f"unknown section kind {kind!r}",
                    f"use one of {', '.join(SECTION_KINDS)}",
                )
            compiled = self.patterns.setdefault(kind, [])
            for k, entry in enumerate(entries or []):
                compiled.append(_compile(str(entry), f"{path}:{lines('headings', kind, k)}"))
        for k, entry in enumerate(data.get("combined") or []):
            self.combined.append(_compile(str(entry), f"{path}:{lines('combined', k)}"))
        for k, entry in enumerate(data.get("metadata") or []):
            self.metadata.append(_compile(str(entry), f"{path}:{lines('metadata', k)}"))


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(rf"(?:^|\b){pattern}(?:\b|$)", re.IGNORECASE)
    except re.error as exc:
        raise RuleError(where, f"bad regular expression {pattern!r}: {exc}", "fix the pattern") from None


def normalise_title(title: str) -> str:
    text = _NUMBERING.sub("", title.strip())
    text = re.sub(r"[*_#`]+", "", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" :.-–—").lower()

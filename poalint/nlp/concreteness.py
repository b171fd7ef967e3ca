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
    from spacy.tokens import Span, Token

    from poalint.util.yamlio import LineLookup

_KEYS = ("time", "quantity", "identifiers", "calendar", "commitment", "goals")
# marks of a clause of purpose or result: "...so (that) stock sells before it expires"
_RESULT_MARKS = frozenset({"so", "lest"})
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
                inside = text[ent.start_char - sent.start_char : ent.end_char - sent.start_char]
                if not inside.strip():
                    continue  # in a blanked goal clause
                if ent.label_ in ("DATE", "TIME") and re.search(r"\d", self._blank("identifiers", ent.text)):
                    return True
        return False

    def has_quantity(self, text: str, sent: Span | None = None) -> bool:
        if self._any("quantity", text):
            return True
        cleaned = self._blank("calendar", self._blank("identifiers", text))
        return bool(_NUM.search(cleaned))

    def is_identifier(self, text: str) -> bool:
        """An order ID, ASIN, model or batch number (the `identifiers:` patterns)."""
        return self._any("identifiers", text)

    def is_commitment(self, text: str) -> bool:
        return self._any("commitment", text)

    def goal_clauses(self, span: Span, results: bool = True) -> list[Token]:
        """The heads of clauses that state a goal, not the action: "to ensure all orders..."
        (an infinitive of the `goals:` verbs) and, with `results`, "so that stock sells before
        it expires" (a so-clause, which may also say what the action consists of)."""
        found = []
        for token in span:
            if token.dep_ not in ("advcl", "xcomp"):
                continue
            if token.dep_ == "xcomp" and not any(c.dep_ == "dobj" for c in token.head.children):
                continue  # "we want to ensure": the infinitive is the object, not a goal
            result = any(c.dep_ == "mark" and c.lower_ in _RESULT_MARKS for c in token.children)
            infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
            if (results and result) or (infinitive and self._any("goals", token.lemma_.lower())):
                found.append(token)
        return found

    def core(self, span: Span, results: bool = True) -> tuple[str, list[tuple[int, int]]]:
        """The sentence text with its goal clauses blanked (same length), and their character
        ranges within the text. Time counts only in the action itself: in "we will add a check
        to ensure all orders ship before the cut-off", "before" does not say when the check runs
        (a goal's threshold, "to keep the rate under 2%", still says how much)."""
        text = span.text
        ranges = []
        for clause in self.goal_clauses(span, results):
            start = clause.left_edge.idx - span.start_char
            end = clause.right_edge.idx + len(clause.right_edge.text) - span.start_char
            ranges.append((start, end))
        if not ranges:
            return text, []
        chars = list(text)
        for start, end in ranges:
            chars[start:end] = " " * (end - start)
        return "".join(chars), ranges

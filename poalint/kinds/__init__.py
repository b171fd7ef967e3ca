"""Rule kinds: one module each. A kind turns a validated rule model into a checker."""

from __future__ import annotations

from poalint.kinds.base import CheckContext, Checker, Hit
from poalint.kinds.commitment import CommitmentChecker
from poalint.kinds.dependency import DependencyChecker
from poalint.kinds.metric import MetricChecker
from poalint.kinds.pattern import PatternChecker
from poalint.kinds.phrase import PhraseChecker
from poalint.kinds.regex import RegexChecker
from poalint.kinds.section import SectionChecker

CHECKERS: dict[str, type[Checker]] = {
    "phrase": PhraseChecker,
    "pattern": PatternChecker,
    "dependency": DependencyChecker,
    "regex": RegexChecker,
    "section": SectionChecker,
    "commitment": CommitmentChecker,
    "metric": MetricChecker,
}

# spaCy components each kind needs; the pipeline runs only what the loaded rules need.
NEEDS: dict[str, set[str]] = {
    "phrase": {"tagger", "attribute_ruler", "lemmatizer"},
    "pattern": {"tagger", "attribute_ruler", "lemmatizer", "parser"},
    "dependency": {"tagger", "attribute_ruler", "lemmatizer", "parser"},
    "regex": set(),
    "section": set(),
    "commitment": {"ner", "parser"},
    "metric": set(),
}

__all__ = ["CHECKERS", "NEEDS", "CheckContext", "Checker", "Hit"]

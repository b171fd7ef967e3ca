"""Rule kinds: one module each. A kind turns a validated rule model into a checker."""

from __future__ import annotations

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.kinds.blame import BlameChecker
from poalint.checks.kinds.commitment import CommitmentChecker
from poalint.checks.kinds.dependency import DependencyChecker
from poalint.checks.kinds.metric import MetricChecker
from poalint.checks.kinds.pattern import PatternChecker
from poalint.checks.kinds.phrase import PhraseChecker
from poalint.checks.kinds.regex import RegexChecker
from poalint.checks.kinds.section import SectionChecker
from poalint.checks.kinds.suppression import SuppressionChecker

CHECKERS: dict[str, type[Checker]] = {
    "phrase": PhraseChecker,
    "pattern": PatternChecker,
    "dependency": DependencyChecker,
    "regex": RegexChecker,
    "section": SectionChecker,
    "commitment": CommitmentChecker,
    "metric": MetricChecker,
    "suppression": SuppressionChecker,
    "blame": BlameChecker,
}

# Optional spaCy components: a pipeline component is excluded when no loaded rule needs it.
# Sections always need the tagger, parser and lemmatizer; only token patterns that test
# ENT_TYPE / ENT_IOB need the named-entity recogniser (commitment checks use it when present).
OPTIONAL_COMPONENTS = ("ner",)


def excluded_components(rules: list) -> tuple[str, ...]:  # noqa: ANN001 - RuleBase models
    """The optional pipeline components that none of `rules` needs."""
    needs_ner = False
    for rule in rules:
        patterns = getattr(rule, "patterns", None)
        if isinstance(patterns, list) and "ENT_" in repr(patterns):
            needs_ner = True
    return () if needs_ner else OPTIONAL_COMPONENTS


__all__ = ["CHECKERS", "OPTIONAL_COMPONENTS", "CheckContext", "Checker", "Hit", "excluded_components"]

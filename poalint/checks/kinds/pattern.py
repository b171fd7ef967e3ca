"""`pattern` rules: spaCy Matcher token patterns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.kinds.prefilter import Prefilter
from poalint.checks.models import RuleBase
from poalint.checks.registry import Phase, kind


class PatternRule(RuleBase):
    kind: Literal["pattern"]
    patterns: list[list[dict[str, Any]]] = Field(min_length=1)


@kind("pattern", model=PatternRule, phase=Phase.MATCH)
class PatternChecker(Checker):
    """Token patterns: sequences of words described by their text, lemma, part of speech...

    What it matches:
        A run of tokens that fits one of the patterns (spaCy's Matcher: each token a mapping
        of attributes such as LOWER, LEMMA, POS, TAG, with OP for optional or repeated
        tokens) inside a sentence the rule looks at; one finding per sentence, at the first
        match, unless one of the rule's `unless` conditions holds.

    Fields:
        patterns: a list of patterns, each a list of token descriptions; checked when loaded.

    Example YAML:
        - id: example-try
          kind: pattern
          category: vague
          severity: warning
          penalty: 2
          patterns:
            - [{LOWER: we}, {LEMMA: try}, {LOWER: to}]
          message: '"{match}" is not a commitment.'
          why: Trying is not doing; reviewers want what you will do.
          suggestion: Say what you will do.
          examples:
            bad: ["We tried to answer every buyer."]
            good: ["We answered all 14 buyers on 3 May."]
    """

    rule: PatternRule
    block_local = True

    def __init__(self, rule: PatternRule, nlp) -> None:
        super().__init__(rule, nlp)
        from spacy.matcher import Matcher

        self.matcher = Matcher(nlp.vocab, validate=True)
        try:
            self.matcher.add(rule.id, rule.patterns)
        except (ValueError, KeyError) as exc:
            detail = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())[:300]
            raise ValueError(f"invalid token pattern: {detail}") from None
        self.prefilter = Prefilter(rule.patterns)

    def _matches(self, doc) -> list:  # spaCy Doc
        return self.matcher(doc) if self.prefilter.possible(doc) else []

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        yield from self.doc_matches(ctx, self._matches)

"""`pattern` rules: spaCy Matcher token patterns."""

from __future__ import annotations

from collections.abc import Iterator

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import PatternRule


class PatternChecker(Checker):
    rule: PatternRule

    def __init__(self, rule: PatternRule, nlp) -> None:  # noqa: ANN001
        super().__init__(rule, nlp)
        from spacy.matcher import Matcher

        self.matcher = Matcher(nlp.vocab, validate=True)
        try:
            self.matcher.add(rule.id, rule.patterns)
        except (ValueError, KeyError) as exc:
            detail = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())[:300]
            raise ValueError(f"invalid token pattern: {detail}") from None

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        yield from self.doc_matches(ctx, self.matcher)

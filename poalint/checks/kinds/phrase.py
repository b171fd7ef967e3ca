"""`phrase` rules: lists of phrases matched on text or lemma with spaCy's PhraseMatcher."""

from __future__ import annotations

from collections.abc import Iterator

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import PhraseRule


class PhraseChecker(Checker):
    rule: PhraseRule

    def __init__(self, rule: PhraseRule, nlp) -> None:  # noqa: ANN001
        super().__init__(rule, nlp)
        from spacy.matcher import PhraseMatcher

        self.matcher = PhraseMatcher(nlp.vocab, attr=rule.attr)
        from poalint.nlp.patterndocs import pattern_docs

        self.matcher.add(rule.id, pattern_docs(nlp, rule.phrases, lemmas=rule.attr == "LEMMA"))

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        yield from self.doc_matches(ctx, self.matcher)

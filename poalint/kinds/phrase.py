"""`phrase` rules: lists of phrases matched on text or lemma with spaCy's PhraseMatcher."""

from __future__ import annotations

from collections.abc import Iterator

from poalint.kinds.base import Checker, CheckContext, Hit
from poalint.rulepack.models import PhraseRule


class PhraseChecker(Checker):
    rule: PhraseRule

    def __init__(self, rule: PhraseRule, nlp) -> None:  # noqa: ANN001
        super().__init__(rule, nlp)
        from spacy.matcher import PhraseMatcher

        self.matcher = PhraseMatcher(nlp.vocab, attr=rule.attr)
        if rule.attr == "LEMMA":
            docs = list(nlp.pipe(rule.phrases))
        else:
            docs = [nlp.make_doc(p) for p in rule.phrases]
        self.matcher.add(rule.id, docs)

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        for sentence in ctx.sentences_for(self.rule):
            span = sentence.span
            for _, start, end in self.matcher(span):
                match = span[start:end]
                hit = self.sentence_hit(
                    ctx, sentence, sentence.block.start + match.start_char, sentence.block.start + match.end_char,
                    match=match.text,
                )
                if hit:
                    yield hit
                    break  # one finding per sentence per rule

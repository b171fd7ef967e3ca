"""`commitment` rules: every commitment in scope must say when (time) or how much (quantity).

A sentence is a commitment when it looks forward (will, shall, going forward...), states
an ongoing practice in the present tense ("the shift lead checks every parcel"), or is a
nominal bullet under the preventive heading ("Weekly audit of all listings"). Completed
actions (past tense without a modal) are not commitments. Time and quantity are found by
`Concreteness` (YAML patterns plus spaCy entities, identifiers excluded).
"""

from __future__ import annotations

from collections.abc import Iterator

from poalint.analysis import Sentence
from poalint.kinds.base import Checker, CheckContext, Hit
from poalint.rulepack.models import CommitmentRule

STATIVE = {"be", "have", "thank", "hope", "believe", "think", "feel", "understand", "apologize", "apologise",
           "appreciate", "know", "regret", "trust", "want", "wish", "look"}


def is_commitment(ctx: CheckContext, sentence: Sentence) -> bool:
    text = sentence.text
    span = sentence.span
    words = [t for t in span if t.is_alpha]
    if len(words) < 3:
        return False
    if ctx.concrete.is_commitment(text):
        return True
    root = span.root
    if any(t.tag_ == "MD" for t in span):
        return True
    if root.tag_ in ("VBD", "VBN"):
        return False
    if sentence.block.type == "bullet" and root.pos_ in ("NOUN", "PROPN"):
        return True
    return root.tag_ in ("VBZ", "VBP", "VB") and root.lemma_ not in STATIVE


class CommitmentChecker(Checker):
    rule: CommitmentRule

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        for sentence in ctx.sentences_for(self.rule):
            if not is_commitment(ctx, sentence):
                continue
            if self.rule.require == "time":
                satisfied = ctx.concrete.has_time(sentence.text, sentence.span)
            else:
                satisfied = ctx.concrete.has_quantity(sentence.text, sentence.span)
            if satisfied:
                continue
            start = sentence.start + (len(sentence.text) - len(sentence.text.lstrip()))
            hit = self.sentence_hit(ctx, sentence, start, sentence.end, match=sentence.text.strip())
            if hit:
                yield hit

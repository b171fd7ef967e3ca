"""`sentence-words` rules: sentences too long (or too short) to read at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import RangeRule
from poalint.checks.registry import Legacy, Phase, kind


class SentenceWordsRule(RangeRule):
    kind: Literal["sentence-words"]


@kind(
    "sentence-words",
    model=SentenceWordsRule,
    phase=Phase.MATCH,
    legacy=Legacy("metric", "metric", "sentence-words"),
)
class SentenceWordsChecker(Checker):
    """The number of words in a sentence, outside [min, max].

    What it matches:
        Each sentence the rule looks at whose words and numbers, counted, are above `max` or
        below `min`. The message can give the count as {value}.

    Fields:
        max: the most words a sentence may have.
        min: the fewest words a sentence may have.

    Example YAML:
        - id: example-long-sentence
          kind: sentence-words
          max: 30
          category: readability
          severity: info
          penalty: 1
          message: This sentence has {value} words; split it.
          why: Long sentences lose the reader.
          suggestion: One fact per sentence.
          examples:
            bad:
              - >-
                We moved the pickup to 14:00 on 19 February to get a lower rate from the carrier but
                we did not change the handling time in our shipping template which stayed at one day.
            good: ["We moved the pickup to 14:00 on 19 February."]
    """

    rule: SentenceWordsRule
    block_local = True

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        for sentence in ctx.sentences_for(self.rule):
            count = sum(1 for t in sentence.span if t.is_alpha or t.like_num)
            if self.rule.out_of_range(count):
                yield Hit(sentence.start, sentence.end, sentence=sentence, values={"value": count})

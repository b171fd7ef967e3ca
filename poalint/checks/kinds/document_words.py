"""`document-words` rules: a draft too long (or too short) overall."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from poalint.checks.kinds.base import CheckContext, Checker, Hit, first_content_offset, prose_text
from poalint.checks.models import RangeRule
from poalint.checks.registry import Legacy, Phase, kind


class DocumentWordsRule(RangeRule):
    kind: Literal["document-words"]

    @property
    def whole_draft(self) -> bool:
        return True  # reported at the first paragraph, but a figure of the whole draft


@kind(
    "document-words",
    model=DocumentWordsRule,
    phase=Phase.MATCH,
    legacy=Legacy("metric", "metric", "document-words"),
)
class DocumentWordsChecker(Checker):
    """The number of words in the whole draft, outside [min, max].

    What it matches:
        A draft whose unquoted sentences hold more than `max` or fewer than `min` words;
        the finding points at the first line of the first paragraph or list item. The
        message can give the count as {value}.

    Fields:
        max: the most words a draft may have.
        min: the fewest words a draft may have.

    Example YAML:
        - id: example-too-long
          kind: document-words
          max: 200
          category: length
          severity: warning
          penalty: 3
          message: The draft has {value} words.
          why: Long plans bury the key facts.
          suggestion: Cut background and repetition.
          examples:
            bad:
              - text: "On 19 February we moved the daily carrier pickup from 17:00 to 14:00. "
                repeat: 20
            good: ["We moved the pickup to 14:00 on 19 February."]
    """

    rule: DocumentWordsRule

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        words = len(prose_text(ctx).split())
        if self.rule.out_of_range(words):
            start, end = first_content_offset(ctx)
            yield Hit(start, end, values={"value": round(words, 1)})

"""`grade-level` rules: the Flesch-Kincaid grade (the US school year a reader needs) of the whole draft."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from poalint.checks.kinds.base import CheckContext, Checker, Hit, first_content_offset, readability
from poalint.checks.models import RangeRule
from poalint.checks.registry import Legacy, Phase, kind
from poalint.nlp.readability import MIN_WORDS_FOR_READABILITY


class GradeLevelRule(RangeRule):
    kind: Literal["grade-level"]
    min_words: int = Field(default=MIN_WORDS_FOR_READABILITY, ge=1)

    @property
    def whole_draft(self) -> bool:
        return True  # reported at the first paragraph, but a figure of the whole draft


@kind(
    "grade-level", model=GradeLevelRule, phase=Phase.MATCH, legacy=Legacy("metric", "metric", "grade-level")
)
class GradeLevelChecker(Checker):
    """The draft's Flesch-Kincaid grade (the US school year a reader needs), outside [min, max].

    What it matches:
        A draft of at least `min_words` words of unquoted prose whose Flesch-Kincaid grade (textstat)
        is above `max` or below `min`; the finding points at the first line of the first
        paragraph or list item. The message can give the figure as {value}.

    Fields:
        max: the highest figure allowed.
        min: the lowest figure allowed.
        min_words: the fewest words of prose a draft needs to be measured (default 30, as
            for the report's readability statistics; shorter drafts give unstable figures).

    Example YAML:
        - id: example-grade-level
          kind: grade-level
          max: 10
          min_words: 60
          category: readability
          severity: info
          penalty: 2
          message: "The draft reads at grade {value}."
          why: Dense prose hides the facts.
          suggestion: Split long sentences; prefer short words.
          examples:
            bad:
              - >-
                Notwithstanding the aforementioned operational considerations, our organisation's
                comprehensive reconfiguration of interdepartmental fulfilment responsibilities,
                encompassing supplementary verification methodologies and institutionalised
                accountability frameworks, substantially diminishes the probability of recurrence
                of the previously documented deficiencies in dispatch punctuality, which were
                attributable to insufficiently synchronised scheduling documentation and the
                inadequate communication of responsibilities between administrative personnel and
                warehouse operatives, particularly during intervals of exceptional seasonal demand.
            good:
              - >-
                We moved the pickup to 14:00 but kept the 1-day handling time. Orders placed after
                14:00 shipped a day late. On 15 March we moved the pickup back to 17:00. Every day at
                15:00 the shift lead checks the unshipped orders. Every Monday the manager reviews the
                late shipment rate. We keep 2 trained packers on every shift. Leave is approved only
                with cover.
    """

    rule: GradeLevelRule

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        value = readability(ctx, "flesch_kincaid_grade", self.rule.min_words)
        if value is not None and self.rule.out_of_range(value):
            start, end = first_content_offset(ctx)
            yield Hit(start, end, values={"value": round(value, 1)})

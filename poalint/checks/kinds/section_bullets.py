"""`section-bullets` rules: a long core section written as one block of prose."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import RangeRule
from poalint.checks.registry import Legacy, Phase, kind
from poalint.vocabulary import CORE_ELEMENTS


class SectionBulletsRule(RangeRule):
    kind: Literal["section-bullets"]
    placeholders: ClassVar[tuple[str, ...]] = ("value", "section", "match")


@kind(
    "section-bullets",
    model=SectionBulletsRule,
    phase=Phase.MATCH,
    legacy=Legacy("metric", "metric", "section-bullets"),
)
class SectionBulletsChecker(Checker):
    """Core sections without a list or table whose word count is outside [min, max].

    What it matches:
        Each core section in scope that has content but no bullet or table, and more than
        `max` (or fewer than `min`) words; the finding points at its first content block.
        The message can give the count as {value} and the section kind as {section}.

    Fields:
        max: the most words a section without a list may have.
        min: the fewest words a section without a list may have.

    Example YAML:
        - id: example-wall-of-text
          kind: section-bullets
          max: 40
          category: formatting
          severity: info
          penalty: 1
          message: This section has {value} words and no list.
          why: Reviewers scan; lists make each measure visible.
          suggestion: One bullet per measure.
          examples:
            bad:
              - text: >-
                  From 1 June our shift lead checks every parcel before pickup and records the weight in
                  the shipping log, and from the same day our manager reviews that log every Monday and
                  compares it with the carrier scans, and we train all 4 packers in the first week of June.
                section: preventive_measures
            good:
              - text: |
                  - From 1 June our shift lead checks every parcel before pickup.
                  - Every Monday our manager compares the log with the carrier scans.
                section: preventive_measures
    """

    rule: SectionBulletsRule

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        for section in ctx.document.sections:
            if section.kind not in CORE_ELEMENTS or not self.rule.in_scope(section.kind):
                continue
            content = section.content_blocks()
            if any(b.type in ("bullet", "table") for b in content):
                continue
            words = section.word_count()
            if content and self.rule.out_of_range(words):
                first = content[0]
                yield Hit(first.start, first.end, values={"value": words, "section": section.kind})

"""`section-longest` rules: a core element much shorter than the longest other one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from poalint.checks.kinds.base import (
    ELEMENT_LABELS,
    CheckContext,
    Checker,
    Hit,
    element_hit,
    sections_by_kind,
)
from poalint.checks.models import ElementRule
from poalint.checks.registry import Legacy, Phase, kind


class SectionLongestRule(ElementRule):
    kind: Literal["section-longest"]
    min_percent: int = 8


@kind(
    "section-longest",
    model=SectionLongestRule,
    phase=Phase.ELEMENT,
    legacy=Legacy("section", "check", "longest", rename={"min_words": "min_percent"}),
)
class SectionLongestChecker(Checker):
    """A core element much shorter than the longest other core element.

    What it matches:
        Each listed element that has a section whose words are fewer than `min_percent`
        percent of the words of the longest other core element (only when another element
        has words). The finding has no line; the message can name {element} and its first
        {line}.

    Fields:
        elements: the core elements to compare (default: all three).
        min_percent: the shortest the element may be, in percent of the longest other
            element (default 8). Older packs call it `min_words`.

    Example YAML:
        - id: example-short-prevention
          kind: section-longest
          elements: [preventive_measures]
          min_percent: 30
          category: structure
          severity: info
          penalty: 3
          message: The {element} section is much shorter than the rest.
          why: Reviewers weigh the future most.
          suggestion: Expand the preventive measures.
          examples:
            bad:
              - |
                Root cause
                We moved the carrier pickup to 14:00 on 19 February to save money, but we left the handling time at 1 day. Orders placed after 14:00 could not leave until the next day, and 37 of the 41 late orders were placed in that window.

                Preventive measures
                We check the template.
            good:
              - |
                Root cause
                We moved the carrier pickup to 14:00 without changing the 1-day handling time.

                Preventive measures
                From 18 March our operations manager checks every change to pickup times against the shipping template before it goes live.
    """

    rule: SectionLongestRule

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        by_kind = sections_by_kind(ctx)
        words = {k: sum(s.word_count() for s in by_kind.get(k, [])) for k in ELEMENT_LABELS}
        for element in self.rule.elements:
            sections = by_kind.get(element, [])
            others = [words[k] for k in ELEMENT_LABELS if k != element and words[k]]
            if sections and others and words[element] < max(others) * self.rule.min_percent / 100:
                yield element_hit(sections, element)

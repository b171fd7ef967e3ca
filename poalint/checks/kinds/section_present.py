"""`section-present` rules: a core element of the plan has no section at all."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from poalint.checks.kinds.base import ELEMENT_LABELS, CheckContext, Checker, Hit, sections_by_kind
from poalint.checks.models import ElementRule
from poalint.checks.registry import Legacy, Phase, kind


class SectionPresentRule(ElementRule):
    kind: Literal["section-present"]
    placeholders: ClassVar[tuple[str, ...]] = ("element",)


@kind(
    "section-present",
    model=SectionPresentRule,
    phase=Phase.ELEMENT,
    legacy=Legacy("section", "check", "present"),
)
class SectionPresentChecker(Checker):
    """A core element (root cause, immediate actions, preventive measures) the draft lacks.

    What it matches:
        Each listed element that no section of the draft was found to be, by heading or by
        content. The finding has no line: it is about the whole draft, and its `section` is
        the missing element. The message can name it as {element}.

    Fields:
        elements: the core elements that must be present (default: all three).

    Example YAML:
        - id: example-no-prevention
          kind: section-present
          elements: [preventive_measures]
          marks_missing: true
          category: structure
          severity: error
          penalty: 30
          message: The draft has no {element}.
          why: A plan without prevention does not show the problem cannot recur.
          suggestion: Add a 'Preventive measures' section.
          examples:
            bad:
              - |
                Root cause
                We printed labels after the 14:00 pickup because our packer started late.

                Immediate actions
                We refunded all 14 affected buyers on 3 May.
            good:
              - |
                Root cause
                We printed labels after the 14:00 pickup because our packer started late.

                Immediate actions
                We refunded all 14 affected buyers on 3 May.

                Preventive measures
                From 10 May our lead checks every label before pickup.
    """

    rule: SectionPresentRule

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        by_kind = sections_by_kind(ctx)
        for element in self.rule.elements:
            if not by_kind.get(element):
                yield Hit(None, None, section=element, values={"element": ELEMENT_LABELS[element]})

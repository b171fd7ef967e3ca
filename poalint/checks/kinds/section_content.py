"""`section-content` rules: a core element is there but says nothing specific."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from poalint.checks.kinds.base import (
    CheckContext,
    Checker,
    Hit,
    element_hit,
    element_sentences,
    sections_by_kind,
)
from poalint.checks.models import Category, ElementRule, WordList
from poalint.checks.registry import Legacy, Phase, kind
from poalint.model.document import Section


class SectionContentRule(ElementRule):
    kind: Literal["section-content"]
    min_words: int = 8
    generic_words: WordList = Field(default_factory=list)
    # sentences already flagged in these categories do not count as content
    discount: list[Category] = Field(default_factory=list)


@kind(
    "section-content",
    model=SectionContentRule,
    phase=Phase.ELEMENT,
    legacy=Legacy("section", "check", "content"),
)
class SectionContentChecker(Checker):
    """A core element whose section has no concrete content.

    What it matches:
        Each listed element that has a section but, in its unquoted sentences, fewer than
        `min_words` words, or no sentence with a time or quantity detail and fewer than two
        specific nouns (nouns not in `generic_words`). Sentences other rules flagged in a
        `discount` category do not count, and a sentence flagged `vague` needs its nouns: a
        number alone does not rescue it. Runs after the sentence checks, to see their flags.
        The finding has no line; the message can name {element} and its first {line}.

    Fields:
        elements: the core elements to check (default: all three).
        min_words: fewest words the element's sentences must have together (default 8).
        generic_words: lemmas of nouns that say nothing specific ("process", "issue");
            the built-in rules use the lexicon `$generic_nouns`.
        discount: categories whose flagged sentences are not content (e.g. [blame, tone]).

    Example YAML:
        - id: example-empty-cause
          kind: section-content
          elements: [root_cause]
          min_words: 6
          generic_words: [$generic_nouns, thing]
          category: structure
          severity: error
          penalty: 20
          message: The {element} section has no concrete content.
          why: A heading over a generic line counts as a missing element.
          suggestion: Say what went wrong, where, and how many orders it hit.
          examples:
            bad:
              - |
                Root cause
                The issue happened.

                Immediate actions
                We refunded all 14 affected buyers on 3 May.
            good:
              - |
                Root cause
                We printed labels after the 14:00 pickup because our packer started late.

                Immediate actions
                We refunded all 14 affected buyers on 3 May.
    """

    rule: SectionContentRule

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        by_kind = sections_by_kind(ctx)
        for element in self.rule.elements:
            sections = by_kind.get(element, [])
            if sections and not self._has_content(ctx, sections):
                yield element_hit(sections, element)

    def _has_content(self, ctx: CheckContext, sections: list[Section]) -> bool:
        """Content = enough words and at least two specific nouns, or a time/quantity detail."""
        sentences = element_sentences(ctx, sections)
        total = sum(len(s.text.split()) for s in sentences)
        if total < self.rule.min_words:
            return False
        generic = set(self.rule.generic_words)
        discounted = set(self.rule.discount)
        sentences = [s for s in sentences if not (ctx.flagged.get(s.start, set()) & discounted)]
        specific = 0
        for s in sentences:
            vague = "vague" in ctx.flagged.get(s.start, set())
            if not vague and (ctx.time_bound(s) or ctx.measurable(s)):
                return True  # a vague sentence needs specific nouns; a number alone does not rescue it
            specific += sum(
                1 for t in s.span if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() not in generic
            )
        return specific >= 2

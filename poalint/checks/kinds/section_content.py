"""`section-content` rules: a core element is there but says nothing specific."""

from __future__ import annotations

import re
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
from poalint.nlp.analysis import Sentence


class SectionContentRule(ElementRule):
    kind: Literal["section-content"]
    min_words: int = 8
    generic_words: WordList = Field(default_factory=list)
    # sentences already flagged in these categories, or by these rules, do not count as content
    discount: list[Category] = Field(default_factory=list)
    discount_rules: list[str] = Field(default_factory=list)
    # an element that opens with one of these (regular expressions) says it has no content: "N/A"
    empty_markers: list[str] = Field(default_factory=list)


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
        number alone does not rescue it; sentences flagged by a `discount_rules` rule do not
        count, and an element opening with an `empty_markers` pattern ("N/A") is empty.
        Runs after the sentence checks, to see their flags.
        The finding has no line; the message can name {element} and its first {line}.

    Fields:
        elements: the core elements to check (default: all three).
        min_words: fewest words the element's sentences must have together (default 8).
        generic_words: lemmas of nouns that say nothing specific ("process", "issue");
            the built-in rules use the lexicon `$generic_nouns`.
        discount: categories whose flagged sentences are not content (e.g. [blame, tone]).
        discount_rules: rule ids whose flagged sentences are not content (a vague action,
            unlike a vague time, leaves nothing: [vague-action, vague-promise]).
        empty_markers: regular expressions; an element whose first sentence opens with one
            ("N/A", "none") has no content, whatever follows.

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

    def __init__(self, rule: SectionContentRule, nlp) -> None:
        super().__init__(rule, nlp)
        self.empty = [re.compile(rf"(?:{p})(?:\W|$)", re.I) for p in rule.empty_markers]

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
        if sentences and any(p.match(sentences[0].text.strip()) for p in self.empty):
            return False  # "N/A - the buyers were refunded by the marketplace"
        generic = set(self.rule.generic_words)
        discounted = set(self.rule.discount)
        sentences = [s for s in sentences if not (ctx.flagged.get(s.start, set()) & discounted)]
        specific = 0
        for s in sentences:
            hollow = self._hollow_spans(ctx, s)
            vague = bool(hollow) or "vague" in ctx.flagged.get(s.start, set())
            if not vague and (ctx.time_bound(s) or ctx.measurable(s)):
                return True  # a vague sentence needs specific nouns; a number alone does not rescue it
            kept = _outside_hollow_clauses(s, hollow) if hollow else None
            specific += sum(
                1
                for t in s.span
                if t.pos_ in ("NOUN", "PROPN")
                and t.lemma_.lower() not in generic
                and (kept is None or t.i in kept)
            )
        return specific >= 2

    def _hollow_spans(self, ctx: CheckContext, sentence: Sentence) -> list[tuple[int, int]]:
        """Document offsets of the `discount_rules` matches in a sentence: a vague action."""
        return [
            (start, end)
            for start, end, rule in ctx.flagged_spans.get(sentence.start, [])
            if rule in self.rule.discount_rules and start is not None and end is not None
        ]


def _outside_hollow_clauses(sentence: Sentence, hollow: list[tuple[int, int]]) -> set[int]:
    """Token indexes whose main clause is not a vague action: in "we hired more staff and shipped
    all pending orders" both actions stay (only "more staff" is vague, not the hiring); in "we will
    be more careful when uploading prices and double-check our files" nothing does, since the main
    verb itself is the vague promise."""
    base = sentence.block.start
    span = sentence.span

    def covered(token) -> bool:
        offset = base + token.idx
        return any(start <= offset < end for start, end in hollow)

    main = {t.i for t in span if t.pos_ in ("VERB", "AUX") and _is_main(t)}
    kept = set()
    for token in span:
        node = token
        while node.i not in main and node.head.i != node.i:
            node = node.head
        if node.i in main and not covered(node):
            kept.add(token.i)
    return kept


def _is_main(token) -> bool:
    """A verb of the sentence's main clauses: its root or a verb coordinated with it."""
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.dep_ == "ROOT"

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
from poalint.checks.models import Category, Element, ElementRule, WordList
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
    # verbs (lemmas) of keeping up a routine: a clause they head, in a sentence with no time or
    # quantity, is no content ("we will keep monitoring our listings", "double-check our files")
    routine_verbs: WordList = Field(default_factory=list)
    # the elements where that holds: commitments, not reports ("we checked all 84 prices" is an action)
    routine_elements: list[Element] = Field(default_factory=lambda: ["preventive_measures"])


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
        count, and an element opening with an `empty_markers` pattern ("N/A") is empty. In
        `routine_elements`, a sentence with no time or quantity detail counts no nouns of a
        main clause headed by a `routine_verbs` verb ("we will keep monitoring our listings").
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
        routine_verbs: lemmas of verbs that keep up a routine (monitor, keep, double-check); in
            a sentence with no time or quantity, a main clause they head is no content ("we
            will keep monitoring our listings"), while other clauses still count.
        routine_elements: the elements where `routine_verbs` apply (default
            [preventive_measures]: commitments; a report "we checked the prices" is an action).

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
        self.routine = frozenset(w.lower() for w in rule.routine_verbs)

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        by_kind = sections_by_kind(ctx)
        for element in self.rule.elements:
            sections = by_kind.get(element, [])
            if sections and not self._has_content(ctx, sections, element):
                yield element_hit(sections, element)

    def _has_content(self, ctx: CheckContext, sections: list[Section], element: str) -> bool:
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
            detail = ctx.time_bound(s) or ctx.measurable(s)
            if not vague and detail:
                return True  # a vague sentence needs specific nouns; a number alone does not rescue it
            # without when or how much, keeping up a routine ("keep monitoring our listings",
            # "double-check our files") changes nothing: only other clauses can hold content
            routine = self.routine if not detail and element in self.rule.routine_elements else frozenset()
            kept = (
                _outside_hollow_clauses(s, hollow, routine, ctx.lexicons.words("first_person_subjects"))
                if hollow or routine
                else None
            )
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


def _outside_hollow_clauses(
    sentence: Sentence,
    hollow: list[tuple[int, int]],
    routine: frozenset[str] = frozenset(),
    sellers: frozenset[str] = frozenset(),
) -> set[int]:
    """Token indexes whose main clause is not a vague action: in "we hired more staff and shipped
    all pending orders" both actions stay (only "more staff" is vague, not the hiring); in "we will
    be more careful when uploading prices and double-check our files" nothing does, since the main
    verb itself is the vague promise. A main verb in `routine` leaves nothing either ("we will keep
    monitoring our listings"), while "we will hire temporary workers and monitor ..." keeps the hiring,
    and a routine given to a named role ("the warehouse manager will check the cage") is a control."""
    base = sentence.block.start
    span = sentence.span

    def routine_of_ours(token) -> bool:
        if token.lemma_.lower() not in routine:
            return False
        node = token  # a coordinated verb shares its subject: "we will keep ... and re-check"
        while not any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children) and node.dep_ == "conj":
            node = node.head
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        return all(c.lower_ in sellers for c in subjects)

    def covered(token) -> bool:
        offset = base + token.idx
        return routine_of_ours(token) or any(start <= offset < end for start, end in hollow)

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

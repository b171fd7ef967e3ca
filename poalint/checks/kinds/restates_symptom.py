"""`restates-symptom` rules: a root cause that names no mechanism (it describes the problem
again, pleads ignorance of the rules, or only accuses others). The judge is
`poalint/nlp/causes.py`; the words are the rule's `cause` lexicon."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from poalint.checks.kinds.base import (
    CheckContext,
    Checker,
    Hit,
    element_hit,
    element_sentences,
    sections_by_kind,
)
from poalint.checks.models import ElementRule, WordList
from poalint.checks.registry import Legacy, Phase, kind
from poalint.model.document import Section
from poalint.nlp.causes import CauseVocabulary, judge
from poalint.util.lru import Lru

JUDGED = 256  # root causes whose judgement a checker keeps


class CauseLexicon(BaseModel):
    """The words of the root-cause judge. Word lists hold lower-case lemmas (`$name` adds a
    pack lexicon's words); `faults` and `rule_markers` are regular expressions matched as
    whole words."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    min_mechanisms: int = Field(default=2, ge=1)
    symptom: WordList = Field(min_length=1)  # the problem's own words: rate, orders, claims
    generic: WordList = Field(default_factory=list)  # too general to name a mechanism: issue, May
    rules: WordList = Field(default_factory=list)  # the marketplace's rules: policy, guidelines
    rule_markers: list[str] = Field(default_factory=list)  # what rules say: allowed, required
    knowing: WordList = Field(default_factory=list)  # negated, they hide the rules: know, aware
    ignorance: WordList = Field(default_factory=list)  # nouns of not knowing: ignorance
    deficiency: WordList = Field(default_factory=list)  # "a lack of understanding": lack, no
    third_parties: WordList = Field(default_factory=list)  # their doings accuse: buyer, competitor
    persons: WordList = Field(default_factory=list)  # blamed in a flagged sentence: employee, she
    pronouns: WordList = Field(default_factory=list)  # then stand for the person blamed: he, they
    reporting: WordList = Field(default_factory=list)  # what a third party says: say, claim
    restrictions: WordList = Field(default_factory=list)  # a gap: no, never, only, without
    faults: list[str] = Field(default_factory=list)  # went wrong or led to it: outdated, led to
    not_decisions: WordList = Field(default_factory=list)  # past verbs that decide nothing: knew

    @field_validator("faults", "rule_markers")
    @classmethod
    def _patterns_compile(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad regular expression {pattern!r}: {exc}") from None
        return value


class RestatesSymptomRule(ElementRule):
    kind: Literal["restates-symptom"]
    cause: CauseLexicon


@kind(
    "restates-symptom",
    model=RestatesSymptomRule,
    phase=Phase.ELEMENT,
    legacy=Legacy("section", "check", "restates-symptom"),
)
class RestatesSymptomChecker(Checker):
    """A root cause that names no mechanism: it restates the symptom ("the rate was high
    because orders were late"), pleads ignorance of the rules ("we were not aware of the
    policy") or only accuses others.

    What it matches:
        Each listed element whose section explains nothing, judged by content, not by
        connectives: it explains when its sentences name at least `min_mechanisms` distinct
        nouns beyond the `symptom`, `generic`, `rules` and `third_parties` words (a step,
        system, setting, document, role, supplier...) and something went wrong with them or
        led to the problem (a negation or `restrictions` word, a `faults` pattern, or a past
        decision of the seller's: "we chose", "I asked them to"). Not counted: the content of
        a negated knowing word about the rules ("we did not know that links are not
        allowed", "a lack of understanding of the guidelines"), clauses whose subject is a
        third party ("the buyers misused..."), and sentences the blame rules flagged that put
        the fault on a party or a person; after such a sentence, what `pronouns` and
        `persons` did goes on about the person blamed. An empty section is left to the
        section-content kind. The finding has no line; the message can name {element} and
        its first {line}.

    Fields:
        elements: the elements to check (normally [root_cause]).
        cause: the judge's words: `min_mechanisms` (default 2); `symptom`, `generic`,
            `rules`, `third_parties` (nouns that name no mechanism); `knowing`, `ignorance`,
            `deficiency`, `rule_markers` (ignorance of the rules); `persons`, `pronouns`
            (scapegoats), `reporting` (what a third party says or claims); `restrictions`, `faults`, `not_decisions` (what went wrong).

    Example YAML:
        - id: example-symptom-only
          kind: restates-symptom
          elements: [root_cause]
          cause:
            symptom: [late, rate, order, shipment, target]
            generic: [issue, problem]
            knowing: [know, aware]
            rules: [policy, rule]
            restrictions: ['no', never, without, only]
            faults: ['wrong\\w*', 'because', 'led to']
          category: structure
          severity: error
          penalty: 12
          message: The {element} names no mechanism.
          why: Reviewers need the mechanism, not the symptom again.
          suggestion: Name the step that failed.
          examples:
            bad:
              - |
                Root cause
                Our late rate was high because too many orders shipped late.

                Immediate actions
                We shipped all 9 open orders on 3 May.
            good:
              - |
                Root cause
                A wrong setting in our order software held new orders for 6 hours before the packing team saw them.

                Immediate actions
                We shipped all 9 open orders on 3 May.
    """

    rule: RestatesSymptomRule

    def __init__(self, rule: RestatesSymptomRule, nlp) -> None:
        super().__init__(rule, nlp)
        self.vocabulary = CauseVocabulary.build(**rule.cause.model_dump())
        # the judgement per root cause content: the editor server re-lints drafts whose root
        # cause an edit elsewhere left as it was
        self._judged: Lru[bool] = Lru(JUDGED)

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        by_kind = sections_by_kind(ctx)
        for element in self.rule.elements:
            sections = by_kind.get(element, [])
            if sections and not self._explains(ctx, sections):
                yield element_hit(sections, element)

    def _explains(self, ctx: CheckContext, sections: list[Section]) -> bool:
        sentences = element_sentences(ctx, sections)
        if not any(s.text.strip() for s in sentences):
            return True  # an empty section is the `section-content` kind's business
        accusing = {id(s.span) for s in sentences if "blame" in ctx.flagged.get(s.start, set())}
        # what the judgement reads: each sentence's tokens (its block's Doc is a function of the
        # block's type and masked text) and whether a blame rule flagged it
        key = tuple(
            (
                s.block.type,
                s.block.text,
                s.block.inline_body_start,
                s.span.start,
                s.span.end,
                id(s.span) in accusing,
            )
            for s in sentences
        )
        found = self._judged.get(key)
        if found is None:
            found = self._judged.put(
                key, judge([s.span for s in sentences], self.vocabulary, accusing).explains
            )
        return found

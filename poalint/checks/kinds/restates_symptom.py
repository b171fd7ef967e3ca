"""`restates-symptom` rules: a root cause that describes the problem again instead of explaining it."""

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
from poalint.checks.models import ElementRule, WordList
from poalint.checks.registry import Legacy, Phase, kind
from poalint.model.document import Section

LONG_ENOUGH_WORDS = 80  # a root cause this long explains something, whatever its words


class RestatesSymptomRule(ElementRule):
    kind: Literal["restates-symptom"]
    symptom_words: WordList = Field(default_factory=list)
    cause_words: list[str] = Field(default_factory=list)
    connectives: WordList = Field(default_factory=list)


@kind(
    "restates-symptom",
    model=RestatesSymptomRule,
    phase=Phase.ELEMENT,
    legacy=Legacy("section", "check", "restates-symptom"),
)
class RestatesSymptomChecker(Checker):
    """A root cause that only restates the symptom ("the rate was high because orders were late").

    What it matches:
        Each listed element that has a non-empty section where no `cause_words` pattern
        matches, no sentence has a connective ("because", "due to") followed by at least two
        words that are not `symptom_words`, and the text is at most 80 words. The finding
        has no line; the message can name {element} and its first {line}.

    Fields:
        elements: the elements to check (normally [root_cause]).
        symptom_words: regular expressions for the words that only describe the problem
            (late, rate, orders...), matched as whole words; `$name` adds a lexicon's words.
        cause_words: regular expressions that name a mechanism ("we did not", "lack of");
            one match means the element explains.
        connectives: words that introduce an explanation (because, due to, caused by); `$name`
            adds a lexicon's words.

    Example YAML:
        - id: example-symptom-only
          kind: restates-symptom
          elements: [root_cause]
          symptom_words: [late, rates?, orders?, shipped, high, too, many, because, the, our, was, were]
          cause_words: ['we (did not|forgot|missed)']
          connectives: [because, due to]
          category: structure
          severity: error
          penalty: 12
          message: The {element} only restates the problem.
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
                Our late rate was high because we did not change the handling time after moving the pickup.

                Immediate actions
                We shipped all 9 open orders on 3 May.
    """

    rule: RestatesSymptomRule

    def __init__(self, rule: RestatesSymptomRule, nlp) -> None:
        super().__init__(rule, nlp)
        self.symptom = [re.compile(rf"\b{w}\b", re.I) for w in rule.symptom_words]
        self.cause = [re.compile(rf"\b{w}\b", re.I) for w in rule.cause_words]
        self.connective = (
            re.compile(r"\b(?:" + "|".join(rule.connectives) + r")\b(.*)", re.I) if rule.connectives else None
        )

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        by_kind = sections_by_kind(ctx)
        for element in self.rule.elements:
            sections = by_kind.get(element, [])
            if sections and not self._explains(ctx, sections):
                yield element_hit(sections, element)

    def _explains(self, ctx: CheckContext, sections: list[Section]) -> bool:
        sentences = element_sentences(ctx, sections)
        text = " ".join(s.text for s in sentences)
        if not text.strip():
            return True  # an empty section is the `section-content` kind's business
        if any(p.search(text) for p in self.cause):
            return True
        if self.connective is not None:
            for sentence in sentences:
                match = self.connective.search(sentence.text)
                if match and self._content_words(match.group(1)) >= 2:
                    return True
        return len(text.split()) > LONG_ENOUGH_WORDS

    def _content_words(self, clause: str) -> int:
        words = re.findall(r"[A-Za-z][A-Za-z'-]+|\d[\d.,:%]*", clause)
        return sum(1 for w in words if not any(p.fullmatch(w) for p in self.symptom))

"""`phrase` rules: lists of phrases matched on text or lemma with spaCy's PhraseMatcher."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import RuleBase, WordList
from poalint.checks.registry import Phase, kind


class PhraseRule(RuleBase):
    kind: Literal["phrase"]
    phrases: WordList = Field(min_length=1)
    attr: Literal["LOWER", "LEMMA", "ORTH"] = "LOWER"


@kind("phrase", model=PhraseRule, phase=Phase.MATCH)
class PhraseChecker(Checker):
    """Fixed phrases, matched on the words or on their dictionary forms.

    What it matches:
        Any of the listed phrases inside a sentence the rule looks at (in scope, not a bare
        heading, not quoted unless `skip_quoted: false`); one finding per sentence, at the
        first phrase found, unless one of the rule's `unless` conditions holds.

    Fields:
        phrases: the phrases, written as a reader would ("do our best"); `$name` adds the
            words of a lexicon.
        attr: what is compared: LOWER (the default: the lower-cased words), LEMMA (dictionary
            forms, so "we improve" also matches "we improved") or ORTH (the exact text).

    Example YAML:
        - id: example-filler
          kind: phrase
          category: vague
          severity: warning
          penalty: 2
          phrases: [as soon as possible, in due course]
          unless: [time-bound]
          message: '"{match}" gives no date.'
          why: Reviewers cannot check a promise without a date.
          suggestion: Give the date.
          examples:
            bad: ["We will fix the listings as soon as possible."]
            good: ["We will fix the listings by 3 June."]
    """

    rule: PhraseRule
    block_local = True

    def __init__(self, rule: PhraseRule, nlp) -> None:
        super().__init__(rule, nlp)
        from spacy.matcher import PhraseMatcher

        self.matcher = PhraseMatcher(nlp.vocab, attr=rule.attr)
        from poalint.nlp.patterndocs import pattern_docs

        self.matcher.add(rule.id, pattern_docs(nlp, rule.phrases, lemmas=rule.attr == "LEMMA"))

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        yield from self.doc_matches(ctx, self.matcher)

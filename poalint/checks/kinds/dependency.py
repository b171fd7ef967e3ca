"""`dependency` rules: spaCy DependencyMatcher patterns over the parse.

Patterns may name word lists as "$name" inside IN / NOT_IN; the rule's `lists` mapping or
the pack's `lexicons:` supply them, so long lexicons stay readable in YAML.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.kinds.prefilter import Prefilter
from poalint.checks.models import RuleBase, pack_lexicons
from poalint.checks.registry import Phase, kind
from poalint.model.lexicons import references


class DependencyRule(RuleBase):
    kind: Literal["dependency"]
    # word lists the patterns refer to as "$name" inside IN / NOT_IN (before `patterns`, which
    # are checked against them)
    lists: dict[str, list[str]] = Field(default_factory=dict)
    patterns: list[list[dict[str, Any]]] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _pack_lexicons(cls, data: Any, info: ValidationInfo) -> Any:
        """A `$name` in the patterns that the rule's own `lists` lack names a pack lexicon."""
        if not isinstance(data, dict):
            return data
        lists = data.get("lists") if isinstance(data.get("lists"), dict) else {}
        lexicons = pack_lexicons(info)
        wanted = references(data.get("patterns")) - set(lists)
        found = {name: list(lexicons.lists[name]) for name in sorted(wanted) if name in lexicons}
        return {**data, "lists": {**lists, **found}} if found else data

    @field_validator("patterns")
    @classmethod
    def _known_lists(cls, value: list, info: ValidationInfo) -> list:
        for name in sorted(references(value) - set(info.data.get("lists", {}))):
            raise ValueError(f"unknown list '${name}'; define it under `lists` or as a pack lexicon")
        return value


def _expand(value: Any, lists: dict[str, list[str]]) -> Any:
    if isinstance(value, str) and value.startswith("$"):
        if value[1:] not in lists:
            raise ValueError(f"unknown list {value!r}; define it under `lists` or as a pack lexicon")
        words = lists[value[1:]]
        # lists match regardless of case: spaCy keeps proper nouns' case in LEMMA ("UPS")
        return list(dict.fromkeys([variant for w in words for variant in (w, w.title(), w.upper())]))
    if isinstance(value, dict):
        return {k: _expand(v, lists) for k, v in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            expanded = _expand(item, lists)
            if isinstance(item, str) and item.startswith("$"):
                out.extend(expanded)
            else:
                out.append(expanded)
        return out
    return value


MAX_SENTENCE_TOKENS = 500


@kind("dependency", model=DependencyRule, phase=Phase.MATCH)
class DependencyChecker(Checker):
    """Grammatical relations: who does what to whom, from spaCy's dependency parse.

    What it matches:
        Words linked in the parse as one of the patterns describes (spaCy's
        DependencyMatcher: an anchor token, then tokens related to earlier ones by REL_OP,
        e.g. ">" for a direct child), inside a sentence the rule looks at; one finding per
        sentence, spanning the matched words, unless one of the rule's `unless` conditions
        holds. Sentences over 500 tokens are skipped (the matcher is slow on them).

    Fields:
        lists: named word lists the patterns use as "$name" inside IN / NOT_IN (matched in
            lower, title and upper case); a name not listed here is a pack lexicon.
        patterns: a list of dependency patterns (lists of RIGHT_ID / RIGHT_ATTRS / LEFT_ID /
            REL_OP entries); checked when loaded.

    Example YAML:
        - id: example-carrier-blame
          kind: dependency
          category: blame
          severity: error
          penalty: 8
          lists:
            parties: [carrier, courier, driver]
          patterns:
            - - {RIGHT_ID: verb, RIGHT_ATTRS: {LEMMA: {IN: [lose, damage]}}}
              - {LEFT_ID: verb, REL_OP: ">", RIGHT_ID: party, RIGHT_ATTRS: {DEP: nsubj, LEMMA: {IN: $parties}}}
          message: '"{match}" blames someone else.'
          why: Reviewers want your own failure, not a third party's.
          suggestion: Say what you did not check.
          examples:
            bad: ["The carrier lost 12 parcels in May."]
            good: ["We did not scan 12 parcels before pickup in May."]
    """

    rule: DependencyRule
    block_local = True

    def __init__(self, rule: DependencyRule, nlp) -> None:
        super().__init__(rule, nlp)
        from spacy.matcher import DependencyMatcher

        self.matcher = DependencyMatcher(nlp.vocab, validate=True)
        patterns = [_expand(p, rule.lists) for p in rule.patterns]
        self.prefilter = Prefilter([[node.get("RIGHT_ATTRS", {}) for node in p] for p in patterns])
        try:
            self.matcher.add(rule.id, patterns)
        except (ValueError, KeyError) as exc:
            detail = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())[:300]
            raise ValueError(f"invalid dependency pattern: {detail}") from None

    def _matches_by_sentence(self, doc) -> dict[int, list[list[int]]]:  # spaCy Doc
        """Matches grouped by the start token of the sentence holding their first token.

        spaCy's DependencyMatcher is quadratic in a sentence's tree depth, so a "sentence" of
        thousands of tokens (a draft with no full stops) would take minutes: when a Doc holds
        one, the matcher runs sentence by sentence and skips those over MAX_SENTENCE_TOKENS.
        """
        grouped: dict[int, list[list[int]]] = {}
        if not self.prefilter.possible(doc):
            return grouped
        sents = list(doc.sents)
        if all(len(sent) <= MAX_SENTENCE_TOKENS for sent in sents):
            starts = [sent.start for sent in sents]
            for _, token_ids in self.matcher(doc):
                index = bisect.bisect_right(starts, min(token_ids)) - 1
                grouped.setdefault(starts[max(index, 0)], []).append(token_ids)
            return grouped
        for sent in sents:
            if len(sent) > MAX_SENTENCE_TOKENS:
                continue
            for _, token_ids in self.matcher(sent.as_doc()):
                grouped.setdefault(sent.start, []).append([sent.start + t for t in token_ids])
        return grouped

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        matches_by_doc: dict[int, dict[int, list[list[int]]]] = {}
        for sentence in ctx.sentences_for(self.rule):
            span = sentence.span
            block_doc = span.doc
            if id(block_doc) not in matches_by_doc:
                matches_by_doc[id(block_doc)] = self.per_doc(block_doc, self._matches_by_sentence)
            found = None
            for token_ids in matches_by_doc[id(block_doc)].get(span.start, ()):
                if not all(span.start <= t < span.end for t in token_ids):
                    continue
                first, last = min(token_ids), max(token_ids)
                start = block_doc[first].idx
                end = block_doc[last].idx + len(block_doc[last].text)
                hit = self.sentence_hit(
                    ctx,
                    sentence,
                    sentence.block.start + start,
                    sentence.block.start + end,
                    match=block_doc[first : last + 1].text,
                )
                if hit and (found is None or hit.start < found.start):
                    found = hit
            if found:
                yield found

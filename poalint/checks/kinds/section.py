"""`section` rules: requirements on the three core elements of a POA."""

from __future__ import annotations

import re
from collections.abc import Iterator

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import SectionRule
from poalint.model.document import ELEMENT_LABELS, Section

LABELS = ELEMENT_LABELS


class SectionChecker(Checker):
    rule: SectionRule

    def __init__(self, rule: SectionRule, nlp) -> None:  # noqa: ANN001
        super().__init__(rule, nlp)
        self.symptom = [re.compile(rf"\b{w}\b", re.I) for w in rule.symptom_words]
        self.cause = [re.compile(rf"\b{w}\b", re.I) for w in rule.cause_words]
        self.connective = (
            re.compile(r"\b(?:" + "|".join(rule.connectives) + r")\b(.*)", re.I) if rule.connectives else None
        )

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        document = ctx.document
        by_kind: dict[str, list[Section]] = {}
        for section in document.sections:
            by_kind.setdefault(section.kind, []).append(section)
        words = {k: sum(s.word_count() for s in by_kind.get(k, [])) for k in LABELS}
        for element in self.rule.elements:
            sections = by_kind.get(element, [])
            label = LABELS[element]
            if self.rule.check == "present":
                if not sections:
                    yield Hit(None, None, section=element, values={"element": label})
            elif self.rule.check == "content":
                if sections and not self._has_content(ctx, sections):
                    yield self._section_hit(sections, element, label)
            elif self.rule.check == "longest":
                others = [words[k] for k in LABELS if k != element and words[k]]
                if sections and others and words[element] < max(others) * self.rule.min_words / 100:
                    yield self._section_hit(sections, element, label)
            elif self.rule.check == "restates-symptom" and sections and not self._explains(ctx, sections):
                yield self._section_hit(sections, element, label)

    @staticmethod
    def _section_hit(sections: list[Section], element: str, label: str) -> Hit:
        return Hit(None, None, section=element, values={"element": label, "line": sections[0].start_line})

    def _sentences(self, ctx: CheckContext, sections: list[Section]) -> list:
        blocks = {id(b) for s in sections for b in s.blocks}
        return [s for s in ctx.all_sentences() if id(s.block) in blocks and not s.quoted]

    def _has_content(self, ctx: CheckContext, sections: list[Section]) -> bool:
        """Content = enough words and at least two specific nouns, or a time/quantity detail."""
        sentences = self._sentences(ctx, sections)
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

    def _explains(self, ctx: CheckContext, sections: list[Section]) -> bool:
        sentences = self._sentences(ctx, sections)
        text = " ".join(s.text for s in sentences)
        if not text.strip():
            return True  # an empty section is the `content` check's business
        if any(p.search(text) for p in self.cause):
            return True
        if self.connective is not None:
            for sentence in sentences:
                match = self.connective.search(sentence.text)
                if match and self._content_words(match.group(1)) >= 2:
                    return True
        return len(text.split()) > 80

    def _content_words(self, clause: str) -> int:
        words = re.findall(r"[A-Za-z][A-Za-z'-]+|\d[\d.,:%]*", clause)
        return sum(1 for w in words if not any(p.fullmatch(w) for p in self.symptom))

"""`metric` rules: readability (textstat), sentence and document length, bullet use."""

from __future__ import annotations

from collections.abc import Iterator

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import MetricRule
from poalint.model.document import CORE_ELEMENTS

MIN_WORDS_FOR_READABILITY = 60


def prose_text(ctx: CheckContext) -> str:
    return " ".join(s.text.strip() for s in ctx.all_sentences() if not s.quoted)


def _first_content_offset(ctx: CheckContext) -> tuple[int, int]:
    for block in ctx.document.blocks:
        if block.type in ("paragraph", "bullet"):
            return block.start, block.start + len(block.text.split("\n")[0])
    return 0, 0


class MetricChecker(Checker):
    rule: MetricRule

    def _out_of_range(self, value: float) -> bool:
        return (self.rule.max is not None and value > self.rule.max) or (
            self.rule.min is not None and value < self.rule.min
        )

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        metric = self.rule.metric
        if metric == "sentence-words":
            for sentence in ctx.sentences_for(self.rule):
                count = sum(1 for t in sentence.span if t.is_alpha or t.like_num)
                if self._out_of_range(count):
                    yield Hit(sentence.start, sentence.end, sentence=sentence, values={"value": count})
        elif metric == "section-bullets":
            for section in ctx.document.sections:
                if section.kind not in CORE_ELEMENTS or not self.rule.in_scope(section.kind):
                    continue
                content = section.content_blocks()
                if any(b.type in ("bullet", "table") for b in content):
                    continue
                words = section.word_count()
                if content and self._out_of_range(words):
                    first = content[0]
                    yield Hit(first.start, first.end, values={"value": words, "section": section.kind})
        else:
            text = prose_text(ctx)
            words = len(text.split())
            if metric == "document-words":
                value: float = words
            else:
                if words < MIN_WORDS_FOR_READABILITY:
                    return
                from poalint.nlp.readability import readability_module

                textstat = readability_module()

                value = (
                    textstat.flesch_kincaid_grade(text)
                    if metric == "grade-level"
                    else textstat.flesch_reading_ease(text)
                )
            if self._out_of_range(value):
                start, end = _first_content_offset(ctx)
                yield Hit(start, end, values={"value": round(value, 1)})

"""`regex` rules: regular expressions over the draft's own text, line by line.

Used where the words are not language (placeholders, e-mail addresses, phone numbers,
`!!!`). Runs on the unmasked source so brackets and markup are seen as written.
Patterns with nested quantifiers are refused at load (see models.RegexRule).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import RegexRule

MAX_LINE_SCAN = 20_000  # characters per line handed to a user pattern


class RegexChecker(Checker):
    rule: RegexRule

    def __init__(self, rule: RegexRule, nlp) -> None:  # noqa: ANN001
        super().__init__(rule, nlp)
        flags = re.IGNORECASE if rule.ignore_case else 0
        self.patterns = [re.compile(p, flags) for p in rule.patterns]
        self.exclude = [re.compile(p, flags) for p in rule.exclude]

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        document = ctx.document
        for block in document.blocks:
            if block.type == "comment":
                continue
            if not self.rule.in_scope(block.kind):
                continue
            if self.rule.skip_quoted and block.quoted:
                continue
            if self.rule.skip_headings and block.type == "heading" and block.inline_body_start < 0:
                continue
            source = document.text[block.start : block.end]
            for pattern in self.patterns:
                for match in pattern.finditer(source[: MAX_LINE_SCAN * 4]):
                    if not match.group(0).strip():
                        continue
                    if any(x.search(match.group(0)) for x in self.exclude):
                        continue
                    start, end = block.start + match.start(), block.start + match.end()
                    if self.rule.skip_quoted and ctx.in_quotes(start, end):
                        continue
                    owner = ctx.sentence_at(start)
                    if owner is not None and self.rule.unless and ctx.excepted(self.rule, owner):
                        continue
                    yield Hit(start, end, sentence=owner, values={"match": match.group(0).strip()})

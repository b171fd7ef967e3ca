r"""`regex` rules: regular expressions over the draft's own text, line by line.

Used where the words are not language (placeholders, e-mail addresses, phone numbers,
`!!!`). Runs on the unmasked source so brackets and markup are seen as written.
Patterns with nested quantifiers are refused at load (see models.RegexRule). The other
shapes that backtrack catastrophically (`(a|a)*$`, `((a+))+$`, `(.|\s)*\d{99}`...) cannot all
be recognised, so patterns run on the `regex` module with a time limit: a rule's patterns get
`TIME_LIMIT` seconds per draft in all, and a rule over it stops with `RegexTimeout`, which
the engine reports as an error of that rule's file.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import regex

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import RegexRule

MAX_LINE_SCAN = 20_000  # characters per line handed to a user pattern
TIME_LIMIT = 2.0  # seconds of matching per rule and draft


class RegexTimeout(Exception):
    """A pattern ran over the time limit on a draft."""

    def __init__(self, pattern: str, offset: int) -> None:
        super().__init__(pattern)
        self.pattern = pattern
        self.offset = offset


class RegexChecker(Checker):
    rule: RegexRule

    def __init__(self, rule: RegexRule, nlp) -> None:  # noqa: ANN001
        super().__init__(rule, nlp)
        flags = regex.VERSION0 | (regex.IGNORECASE if rule.ignore_case else 0)
        try:
            self.patterns = [regex.compile(p, flags) for p in rule.patterns]
            self.exclude = [regex.compile(p, flags) for p in rule.exclude]
        except regex.error as exc:
            raise ValueError(f"bad regular expression: {exc}") from None

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        document = ctx.document
        deadline = time.monotonic() + TIME_LIMIT
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
                for match in self._matches(pattern, source[: MAX_LINE_SCAN * 4], block.start, deadline):
                    if not match.group(0).strip():
                        continue
                    if self._excluded(match.group(0), block.start + match.start(), deadline):
                        continue
                    start, end = block.start + match.start(), block.start + match.end()
                    if self.rule.skip_quoted and ctx.in_quotes(start, end):
                        continue
                    owner = ctx.sentence_at(start)
                    if owner is not None and self.rule.unless and ctx.excepted(self.rule, owner):
                        continue
                    yield Hit(start, end, sentence=owner, values={"match": match.group(0).strip()})

    @staticmethod
    def _matches(pattern: regex.Pattern, text: str, offset: int, deadline: float) -> Iterator[regex.Match]:
        try:
            yield from pattern.finditer(text, timeout=max(0.001, deadline - time.monotonic()))
        except TimeoutError:
            raise RegexTimeout(pattern.pattern, offset) from None

    def _excluded(self, text: str, offset: int, deadline: float) -> bool:
        for pattern in self.exclude:
            try:
                if pattern.search(text, timeout=max(0.001, deadline - time.monotonic())):
                    return True
            except TimeoutError:
                raise RegexTimeout(pattern.pattern, offset) from None
        return False

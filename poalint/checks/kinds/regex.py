"""`regex` rules: regular expressions over the draft's own text, line by line.

Used where the words are not language (placeholders, e-mail addresses, phone numbers,
`!!!`). Runs on the unmasked source so brackets and markup are seen as written.
Patterns with nested quantifiers are refused at load (see RegexRule).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, field_validator

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import RuleBase
from poalint.checks.registry import Phase, kind

MAX_LINE_SCAN = 20_000  # characters per line handed to a user pattern


class RegexRule(RuleBase):
    kind: Literal["regex"]
    patterns: list[str] = Field(min_length=1)
    exclude: list[str] = Field(default_factory=list)
    ignore_case: bool = True

    @field_validator("patterns", "exclude")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad regular expression {pattern!r}: {exc}") from None
            _refuse_nested_quantifiers(pattern)
        return value


_NESTED = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\})")


def _refuse_nested_quantifiers(pattern: str) -> None:
    """Refuse the classic catastrophic-backtracking shape `(a+)+` at load time."""
    if _NESTED.search(pattern):
        raise ValueError(
            f"pattern {pattern!r} nests a repeated group inside a repetition, which can backtrack "
            "catastrophically; rewrite it without the nested quantifier"
        )


@kind("regex", model=RegexRule, phase=Phase.MATCH)
class RegexChecker(Checker):
    r"""Regular expressions over the draft's own text, for what is not language.

    What it matches:
        Every match of a pattern in a block the rule looks at (in scope, not a comment, not
        a bare heading, not quoted unless `skip_quoted: false`), over the text as written
        (brackets, markup and all), unless an `exclude` pattern also matches it or one of
        the rule's `unless` conditions holds for its sentence. Placeholders, e-mail
        addresses, phone numbers, `!!!`.

    Fields:
        patterns: Python regular expressions; refused when loaded if they do not compile or
            nest a repetition inside a repetition (`(a+)+`, which can take forever).
        exclude: patterns that, matching the found text, make it not a finding.
        ignore_case: match regardless of case (default true).

    Example YAML:
        - id: example-todo
          kind: regex
          category: placeholder
          severity: error
          penalty: 10
          patterns: ['\bTODO\b']
          message: 'Unfinished text: "{match}".'
          why: A draft with notes to yourself looks unfinished.
          suggestion: Finish or remove the note.
          examples:
            bad: ["We refunded TODO buyers on 3 May."]
            good: ["We refunded 14 buyers on 3 May."]
    """

    rule: RegexRule

    def __init__(self, rule: RegexRule, nlp) -> None:
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

r"""`regex` rules: regular expressions over the draft's own text, line by line.

Used where the words are not language (placeholders, e-mail addresses, phone numbers,
`!!!`). Runs on the unmasked source so brackets and markup are seen as written.
Patterns with nested quantifiers are refused at load (see RegexRule). The other
shapes that backtrack catastrophically (`(a|a)*$`, `((a+))+$`, `(.|\s)*\d{99}`...) cannot all
be recognised, so patterns run on the `regex` module with a time limit: a rule's patterns get
`TIME_LIMIT` seconds per draft in all, and a rule over it stops with `RegexTimeout`, which
the engine reports as an error of that rule's file.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from typing import Literal

import regex
from pydantic import Field, field_validator

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import RuleBase
from poalint.checks.registry import Phase, kind

MAX_LINE_SCAN = 20_000  # characters per line handed to a user pattern
TIME_LIMIT = 2.0  # seconds of matching per rule and draft


class RegexTimeout(Exception):
    """A pattern ran over the time limit on a draft."""

    def __init__(self, pattern: str, offset: int) -> None:
        super().__init__(pattern)
        self.pattern = pattern
        self.offset = offset


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
                regex.compile(pattern, regex.VERSION0)  # the engine that runs it (with a time limit)
            except (re.error, regex.error) as exc:
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
    block_local = True

    def __init__(self, rule: RegexRule, nlp) -> None:
        super().__init__(rule, nlp)
        flags = regex.VERSION0 | (regex.IGNORECASE if rule.ignore_case else 0)
        try:
            self.patterns = [regex.compile(p, flags) for p in rule.patterns]
            self.exclude = [regex.compile(p, flags) for p in rule.exclude]
        except regex.error as exc:
            raise ValueError(f"bad regular expression: {exc}") from None

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        document = ctx.document
        budget = _Budget()
        analysed_to = document.analysis_end
        for block in ctx.blocks():
            if analysed_to is not None and block.start >= analysed_to:
                continue  # a draft too long to analyse in full: checked as far as NLP goes
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
                for match in self._matches(pattern, source[: MAX_LINE_SCAN * 4], block.start, budget):
                    if not match.group(0).strip():
                        continue
                    if self._excluded(match.group(0), block.start + match.start(), budget):
                        continue
                    start, end = block.start + match.start(), block.start + match.end()
                    if self.rule.skip_quoted and ctx.in_quotes(start, end):
                        continue
                    owner = ctx.sentence_at(start)
                    if owner is not None and self.rule.unless and ctx.excepted(self.rule, owner):
                        continue
                    yield Hit(start, end, sentence=owner, values={"match": match.group(0).strip()})

    @staticmethod
    def _matches(pattern: regex.Pattern, text: str, offset: int, budget: _Budget) -> list[regex.Match]:
        """The block's matches, found in one go: only the matching counts against the time
        limit, not the work the engine does with each hit."""
        with budget.spend(pattern.pattern, offset) as timeout:
            return list(pattern.finditer(text, timeout=timeout))

    def _excluded(self, text: str, offset: int, budget: _Budget) -> bool:
        for pattern in self.exclude:
            with budget.spend(pattern.pattern, offset) as timeout:
                if pattern.search(text, timeout=timeout):
                    return True
        return False


class _Budget:
    """A rule's `TIME_LIMIT` of matching on one draft: the time spent inside the regex engine,
    summed over its calls (the time between them, other rules' and the engine's, is not counted)."""

    def __init__(self) -> None:
        self.left = TIME_LIMIT

    @contextlib.contextmanager
    def spend(self, pattern: str, offset: int) -> Iterator[float]:
        started = time.monotonic()
        try:
            yield max(0.001, self.left)
        except TimeoutError:
            raise RegexTimeout(pattern, offset) from None
        finally:
            self.left -= time.monotonic() - started

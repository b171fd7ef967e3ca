"""Inline suppression comments in drafts.

    <!-- poalint-disable-file -->                  every finding in the file
    <!-- poalint-disable-file vague -->            ... of these rules / categories
    <!-- poalint-disable RULE[, RULE...] -->       from this line on (no list: all rules)
    <!-- poalint-enable [RULE...] -->              ends the disable (no list: all of them)
    <!-- poalint-disable-next-line RULE -->        the next non-blank line only

A token is a rule id or a category name. Directives are read from the parser's `comment`
blocks (an HTML comment starting a line), so a directive inside fenced code is ignored.
Suppressed findings stay in the list with `suppressed=True`: they do not count in the
score and are hidden unless `--show-suppressed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from poalint.model.document import Document
from poalint.model.report import FindingModel

DIRECTIVE = re.compile(
    r"^\s*poalint-(disable-file|disable-next-line|disable|enable)(?![\w-])\s*(.*?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
ALL = "*"


@dataclass
class Directive:
    action: str  # disable-file, disable-next-line, disable, enable
    tokens: frozenset[str]  # empty = all rules
    line: int  # first line of the comment
    end_line: int  # last line of the comment


@dataclass(frozen=True)
class Cover:
    """What one token of one directive silences."""

    directive: Directive
    token: str  # ALL, a rule id or a category
    first: int | None  # None: the whole file, findings without a line included
    last: int | None

    def covers(self, finding: FindingModel) -> bool:
        if self.token not in (ALL, finding.rule, finding.category):
            return False
        line = finding.line
        if line is not None and self.directive.line <= line <= self.directive.end_line:
            return False  # a comment never silences a finding about itself
        if self.first is None:
            return True
        return line is not None and self.first <= line <= (self.last or self.first)


@dataclass
class Suppressions:
    covers_: list[Cover] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)

    def covers(self, finding: FindingModel) -> bool:
        return any(c.covers(finding) for c in self.covers_)

    def unused(self, findings: list[FindingModel], known: set[str]) -> list[tuple[Directive, list[str]]]:
        """Directives with tokens that silence none of `findings` (tokens naming no rule or
        category are left out: they are reported as unknown), each with those tokens."""
        idle: dict[int, tuple[Directive, list[str]]] = {}
        for cover in self.covers_:
            if cover.token != ALL and cover.token not in known:
                continue
            if any(cover.covers(f) for f in findings):
                continue
            directive, tokens = idle.setdefault(id(cover.directive), (cover.directive, []))
            if cover.token != ALL:
                tokens.append(cover.token)
        return sorted(idle.values(), key=lambda item: item[0].line)


def _tokens(text: str) -> frozenset[str]:
    return frozenset(t.lower() for t in re.split(r"[\s,]+", text) if t)


def directives(document: Document) -> list[Directive]:
    found = []
    for block in document.blocks:
        if block.type != "comment":
            continue
        raw = document.text[block.start : block.end]
        inner = raw.strip()
        if inner.startswith("<!--"):
            inner = inner[4:]
        inner = inner.split("-->", 1)[0]
        match = DIRECTIVE.match(inner)
        if match:
            found.append(
                Directive(match.group(1).lower(), _tokens(match.group(2)), block.start_line, block.end_line)
            )
    return found


def parse_suppressions(document: Document) -> Suppressions:
    result = Suppressions(directives=directives(document))
    last_line = len(document.lines)
    open_ranges: dict[str, tuple[Directive, int]] = {}  # token -> its directive, first line
    for d in result.directives:
        tokens = sorted(d.tokens) or [ALL]
        if d.action == "disable-file":
            result.covers_ += [Cover(d, token, None, None) for token in tokens]
        elif d.action == "disable":
            for token in tokens:
                open_ranges.setdefault(token, (d, d.line))
        elif d.action == "enable":
            closing = list(open_ranges) if not d.tokens else [t for t in tokens if t in open_ranges]
            for token in closing:
                opener, first = open_ranges.pop(token)
                result.covers_.append(Cover(opener, token, first, d.line))
        elif d.action == "disable-next-line":
            target = d.end_line + 1
            while target <= last_line and not document.lines[target - 1].strip():
                target += 1
            result.covers_ += [Cover(d, token, target, target) for token in tokens]
    for token, (opener, first) in open_ranges.items():
        result.covers_.append(Cover(opener, token, first, last_line))
    return result


def apply_suppressions(document: Document, findings: list[FindingModel]) -> list[FindingModel]:
    """Mark the findings that inline comments suppress."""
    if not any(b.type == "comment" for b in document.blocks):
        return findings
    rules = parse_suppressions(document)
    if not rules.covers_:
        return findings
    return [f.model_copy(update={"suppressed": True}) if rules.covers(f) else f for f in findings]


def directive_text(directive: Directive, tokens: list[str]) -> str:
    """`poalint-disable-next-line vague-action` (the tokens named, or the whole directive)."""
    names = ", ".join(tokens or sorted(directive.tokens))
    return f"poalint-{directive.action}" + (f" {names}" if names else "")


def unknown_tokens(document: Document, known: set[str]) -> list[tuple[int, str]]:
    """(line, token) of directive tokens that name no rule or category."""
    return [(d.line, t) for d in directives(document) for t in sorted(d.tokens) if t not in known]

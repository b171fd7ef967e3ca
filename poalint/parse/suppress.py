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


@dataclass
class Suppressions:
    file_tokens: set[str] = field(default_factory=set)  # ALL or rule ids / categories
    ranges: list[tuple[frozenset[str], int, int]] = field(default_factory=list)  # tokens, first, last line
    lines: dict[int, set[str]] = field(default_factory=dict)  # line -> tokens
    directives: list[Directive] = field(default_factory=list)

    def covers(self, finding: FindingModel) -> bool:
        keys = {ALL, finding.rule, finding.category}
        if self.file_tokens & keys:
            return True
        if finding.line is None:
            return False
        for tokens, first, last in self.ranges:
            if first <= finding.line <= last and tokens & keys:
                return True
        return bool(self.lines.get(finding.line, set()) & keys)


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
    open_ranges: dict[str, int] = {}  # token -> first line
    for d in result.directives:
        tokens = d.tokens or frozenset({ALL})
        if d.action == "disable-file":
            result.file_tokens |= tokens
        elif d.action == "disable":
            for token in tokens:
                open_ranges.setdefault(token, d.line)
        elif d.action == "enable":
            closing = list(open_ranges) if not d.tokens else [t for t in tokens if t in open_ranges]
            for token in closing:
                result.ranges.append((frozenset({token}), open_ranges.pop(token), d.line))
        elif d.action == "disable-next-line":
            target = d.end_line + 1
            while target <= last_line and not document.lines[target - 1].strip():
                target += 1
            result.lines.setdefault(target, set()).update(tokens)
    for token, first in open_ranges.items():
        result.ranges.append((frozenset({token}), first, last_line))
    return result


def apply_suppressions(document: Document, findings: list[FindingModel]) -> list[FindingModel]:
    """Mark the findings that inline comments suppress."""
    if not any(b.type == "comment" for b in document.blocks):
        return findings
    rules = parse_suppressions(document)
    if not (rules.file_tokens or rules.ranges or rules.lines):
        return findings
    return [f.model_copy(update={"suppressed": True}) if rules.covers(f) else f for f in findings]


def unknown_tokens(document: Document, known: set[str]) -> list[tuple[int, str]]:
    """(line, token) of directive tokens that name no rule or category."""
    return [(d.line, t) for d in directives(document) for t in sorted(d.tokens) if t not in known]

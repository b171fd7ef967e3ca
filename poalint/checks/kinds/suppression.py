"""`suppression` rules: a `poalint-disable` comment that silences nothing (like ruff's
unused-noqa). It runs after every other rule, over their findings: a comment whose rules
(or categories) produced no finding in the stretch it covers is reported where it stands,
naming the idle rules. Rules named in no pack are left to the unknown-rule warning."""

from __future__ import annotations

from collections.abc import Iterator

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import SuppressionRule
from poalint.parse.suppress import directive_text, parse_suppressions


class SuppressionChecker(Checker):
    rule: SuppressionRule

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        document = ctx.document
        comments = {b.start_line: b for b in document.blocks if b.type == "comment"}
        if not comments:
            return
        others = [f for f in ctx.findings if f.rule != self.rule.id]
        for directive, tokens in parse_suppressions(document).unused(others, set(ctx.known)):
            block = comments[directive.line]
            first_line = document.text[block.start :].split("\n", 1)[0]
            start = block.start + len(first_line) - len(first_line.lstrip())
            yield Hit(
                start,
                block.start + len(first_line.rstrip()),
                values={"match": directive_text(directive, tokens)},
            )

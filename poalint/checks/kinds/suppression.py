"""`suppression` rules: a `poalint-disable` comment that silences nothing (like ruff's
unused-noqa). It runs after every other rule, over their findings: a comment whose rules
(or categories) produced no finding in the stretch it covers is reported where it stands,
naming the idle rules. Rules named in no pack are left to the unknown-rule warning."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import RuleBase
from poalint.checks.registry import Phase, kind
from poalint.parse.suppress import directive_text, parse_suppressions


class SuppressionRule(RuleBase):
    """Checks the draft's `poalint-disable` comments against the other rules' findings."""

    kind: Literal["suppression"]


@kind("suppression", model=SuppressionRule, phase=Phase.FINDINGS)
class SuppressionChecker(Checker):
    """A `poalint-disable` comment that silences nothing.

    What it matches:
        Each poalint comment of the draft whose rules (or categories) produced no finding in
        the stretch it covers, reported where the comment stands; {match} is the comment
        with the idle rules. Runs after every other rule, over their findings. Rules that no
        pack defines are left to the unknown-rule warning.

    Fields:
        (none beyond the common ones)

    Example YAML:
        - id: example-idle-comment
          kind: suppression
          category: formatting
          severity: warning
          penalty: 0
          message: '"{match}" silences nothing here.'
          why: A comment that matches no finding hides the next real problem.
          suggestion: Remove the comment.
          examples:
            bad:
              - |
                <!-- poalint-disable-next-line blame -->
                We shipped all 9 open orders on 3 May.
            good:
              - |
                <!-- poalint-disable-next-line blame -->
                The carrier lost 12 of our parcels.
    """

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

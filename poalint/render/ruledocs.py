"""Text for `poalint rules` and `poalint explain RULE` (no click, pydantic or spaCy needed)."""

from __future__ import annotations

import json

from poalint.checks.catalog import RuleDoc


def render_rule_list(docs: list[RuleDoc], fmt: str) -> str:
    """The rule table (`text`) or a JSON array of id, kind, category, severity, description."""
    if fmt == "json":
        rows = [
            {
                "id": r.id,
                "kind": r.kind,
                "category": r.category,
                "severity": r.severity,
                "description": r.summary,
            }
            for r in docs
        ]
        return json.dumps(rows, indent=2) + "\n"
    width = max(len(r.id) for r in docs)
    lines = [f"{'id':{width}}  {'category':11}  {'severity':8}  description"]
    lines += [f"{r.id:{width}}  {r.category:11}  {r.severity:8}  {r.summary}" for r in docs]
    return "\n".join(lines) + "\n"


def render_explanation(rule: RuleDoc) -> str:
    """What the rule flags, why reviewers care, what to do, its examples, how to suppress it."""
    lines = [
        f"{rule.id} ({rule.category}, {rule.severity}, kind: {rule.kind})",
        "",
        "What it flags",
        f"  {rule.message}",
        "",
        "Why reviewers care",
        f"  {rule.why.strip()}",
        "",
        "What to do",
        f"  {rule.suggestion}",
        "",
        "Bad",
        *(f"  {example.strip()}" for example in rule.bad),
        "Good",
        *(f"  {example.strip()}" for example in rule.good),
        "",
        "Suppress",
        f"  <!-- poalint-disable-next-line {rule.id} -->  before the line, in the draft",
        f"  <!-- poalint-disable {rule.id} --> ... <!-- poalint-enable -->  for a stretch",
        f'  ignore = ["{rule.id}"]  under [tool.poalint] in pyproject.toml, for every draft',
    ]
    return "\n".join(lines) + "\n"

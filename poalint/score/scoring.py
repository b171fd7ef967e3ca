"""Scores: a deterministic formula over the findings' penalties.

The numbers are policy and live in `rules/vocabulary.yaml` (`scoring:` and each category's
`ceiling` and `cap`); this module is the formula.

- Each finding deducts its rule's `penalty`; the k-th finding of the same rule deducts
  `penalty * repeat_decay ** (k - 1)` (diminishing returns for repeats).
- the deductions of one category are capped at its `ceiling`: twenty vague phrases make a
  draft vague, not five times worse than four do.
- score = clamp(100 - total deduction, 0, 100), rounded to one decimal.
- Only a missing or empty core element caps the score: a finding of a rule declared
  `marks_missing: true` in YAML (the element is absent, has too little content, or the root
  cause has no content beyond restating the symptom or pleading ignorance) caps the score at
  `missing_element_cap` and makes that element's sub-score 0. Every other structure finding
  (e.g. prevention shorter than the rest) is a weakness: it deducts its penalty from the score
  and from its element's sub-score, like any other finding.
- A category with a `cap` (blame: deducting 15 or more caps the score at 40) caps the score.
- A finding of a rule declared `caps_score: N` (a plan answering another issue than the
  notice, a resubmission repeating the rejected plan) caps the score at N.
- Each core element's sub-score is 100 minus the deductions of findings in that
  section (0 when the element is missing).
- Grades: A >= 90, B >= 80, C >= 70, D >= 60, F below.

`assess` also explains the score (`ScoreExplanation`, in the JSON report): each category's
deduction with its ceiling, the caps that applied and why, each element's deductions and why a
sub-score is 0; and each finding's actual deduction (its decayed penalty until its category's
ceiling is used up, then 0), so the findings' deductions add up to the categories'.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from poalint.model.document import ELEMENT_LABELS
from poalint.model.report import (
    CategoryDeduction,
    ElementDeduction,
    ElementExplanation,
    FindingModel,
    ScoreCap,
    ScoreExplanation,
)
from poalint.vocabulary import CORE_ELEMENTS, VOCABULARY

REPEAT_DECAY = VOCABULARY.repeat_decay
MISSING_ELEMENT_CAP = VOCABULARY.missing_element_cap
CATEGORY_CEILING = {k: c.ceiling for k, c in VOCABULARY.categories.items() if c.ceiling is not None}
# category -> (deduction, score): deducting that much or more caps the score
CATEGORY_CAPS = {
    k: (c.cap_deduction, c.cap_score)
    for k, c in VOCABULARY.categories.items()
    if c.cap_deduction is not None and c.cap_score is not None
}
GRADES = ((90, "A"), (80, "B"), (70, "C"), (60, "D"))


def deductions(findings: list[FindingModel]) -> list[float]:
    seen: Counter[str] = Counter()
    out = []
    for finding in findings:
        if finding.suppressed:
            out.append(0.0)
            continue
        seen[finding.rule] += 1
        out.append(finding.penalty * REPEAT_DECAY ** (seen[finding.rule] - 1))
    return out


def grade_of(score: float) -> str:
    for floor, letter in GRADES:
        if score >= floor:
            return letter
    return "F"


def score_findings(
    findings: list[FindingModel],
    missing_rules: frozenset[str] | set[str] = frozenset(),
    rule_caps: Mapping[str, float] | None = None,
) -> tuple[float, str, dict[str, float]]:
    """Score, grade and element sub-scores; `missing_rules` are the ids of the rules whose
    findings mean an element is missing or empty, `rule_caps` the rules whose findings cap the
    score (rule id -> the most the score may be)."""
    result = assess(findings, missing_rules, rule_caps)
    return result.score, result.grade, result.elements


@dataclass
class Assessment:
    """A scored draft: the figures, each finding's actual deduction and the explanation."""

    score: float
    grade: str
    elements: dict[str, float]
    deductions: list[float]  # per finding, in order: what it took off the score
    explanation: ScoreExplanation

    def report_fields(self, findings: list[FindingModel]) -> dict[str, Any]:
        """The FileReport fields this assessment sets (findings get their `deduction`)."""
        return {
            "findings": [
                f if f.deduction == d else f.model_copy(update={"deduction": d})
                for f, d in zip(findings, self.deductions, strict=True)
            ],
            "score": self.score,
            "grade": self.grade,
            "element_scores": self.elements,
            "explanation": self.explanation,
        }


def assess(
    findings: list[FindingModel],
    missing_rules: frozenset[str] | set[str] = frozenset(),
    rule_caps: Mapping[str, float] | None = None,
) -> Assessment:
    """Score the findings and explain the score (see the module docstring for the formula)."""
    cost = deductions(findings)
    counted = [(f, c) for f, c in zip(findings, cost, strict=True) if not f.suppressed]
    per_category: dict[str, float] = {}
    counts: Counter[str] = Counter()
    for finding, c in counted:
        per_category[finding.category] = per_category.get(finding.category, 0.0) + c
        counts[finding.category] += 1
    categories = []
    for category, raw in per_category.items():
        ceiling = CATEGORY_CEILING.get(category)
        categories.append(
            CategoryDeduction(
                category=category,  # type: ignore[arg-type]
                findings=counts[category],
                raw=round(raw, 2),
                ceiling=ceiling,
                deduction=round(raw if ceiling is None else min(raw, ceiling), 2),
            )
        )
    categories.sort(key=lambda d: (-d.deduction, d.category))
    total = sum(min(v, CATEGORY_CEILING.get(k, v)) for k, v in per_category.items())
    uncapped = max(0.0, min(100.0, 100.0 - total))
    score = uncapped

    # each finding's actual deduction: its decayed penalty until its category reaches the ceiling
    actual: list[float] = []
    spent: dict[str, float] = {}
    for finding, c in zip(findings, cost, strict=True):
        room = CATEGORY_CEILING.get(finding.category, float("inf")) - spent.get(finding.category, 0.0)
        taken = max(0.0, min(c, room))
        spent[finding.category] = spent.get(finding.category, 0.0) + taken
        actual.append(round(taken, 2))

    caps: list[ScoreCap] = []
    missing: dict[str, FindingModel] = {}  # element -> the first finding marking it missing or empty
    for finding, _ in counted:
        if finding.rule in missing_rules and finding.section in CORE_ELEMENTS:
            missing.setdefault(finding.section, finding)
    if missing:
        score = min(score, MISSING_ELEMENT_CAP)
        names = ", ".join(ELEMENT_LABELS[s] for s in CORE_ELEMENTS if s in missing)
        caps.append(
            ScoreCap(
                kind="missing-element",
                limit=MISSING_ELEMENT_CAP,
                reason=f"missing or empty: {names}",
                rules=sorted({f.rule for f in missing.values()}),
            )
        )
    for category, (deduction, cap) in CATEGORY_CAPS.items():
        spent_on = per_category.get(category, 0.0)
        if spent_on >= deduction:
            score = min(score, cap)
            caps.append(
                ScoreCap(
                    kind=category,
                    limit=cap,
                    reason=f"{category} findings deduct {spent_on:.3g} ({deduction:g} or more)",
                    rules=sorted({f.rule for f, _ in counted if f.category == category}),
                )
            )
    for rule, cap in sorted((rule_caps or {}).items()):
        hits = [f for f, _ in counted if f.rule == rule]
        if hits:
            score = min(score, cap)
            caps.append(ScoreCap(kind=rule, limit=cap, reason=hits[0].message, rules=[rule]))
    caps.sort(key=lambda c: (c.limit, c.kind))

    elements: dict[str, float] = {}
    explained: list[ElementExplanation] = []
    for element in CORE_ELEMENTS:
        items = [
            ElementDeduction(rule=f.rule, line=f.line, deduction=round(c, 2))
            for f, c in counted
            if f.section == element
        ]
        spent_here = sum(c for f, c in counted if f.section == element)
        reason = rule = None
        if element in missing:
            value = 0.0
            reason, rule = missing[element].message, missing[element].rule
        else:
            value = round(max(0.0, 100.0 - spent_here), 1)
            if value == 0.0:
                reason = f"its findings deduct {spent_here:.3g} (100 or more)"
        elements[element] = value
        explained.append(
            ElementExplanation(
                element=element, score=value, deductions=items, zero_reason=reason, zero_rule=rule
            )
        )
    score = round(score, 1)
    explanation = ScoreExplanation(
        deductions=categories,
        total=round(total, 2),
        uncapped=round(uncapped, 2),
        caps=caps,
        elements=explained,
    )
    return Assessment(score, grade_of(score), elements, actual, explanation)

"""Scores: a deterministic formula over the findings' penalties.

- Each finding deducts its rule's `penalty`; the k-th finding of the same rule deducts
  `penalty * REPEAT_DECAY ** (k - 1)` (diminishing returns for repeats).
- the deductions of one category are capped (CATEGORY_CEILING): twenty vague phrases make a
  draft vague, not five times worse than four do.
- score = clamp(100 - total deduction, 0, 100), rounded to one decimal.
- Only a missing or empty core element caps the score: a finding of a rule declared
  `marks_missing: true` in YAML (the element is absent, has too little content, or the root
  cause has no content beyond restating the symptom or pleading ignorance) caps the score at
  MISSING_ELEMENT_CAP and makes that element's sub-score 0. Every other structure finding
  (e.g. prevention shorter than the rest) is a weakness: it deducts its penalty from the score
  and from its element's sub-score, like any other finding.
- A draft whose `blame` findings deduct BLAME_CAP_DEDUCTION or more is capped at BLAME_CAP.
- Each core element's sub-score is 100 minus the deductions of findings in that
  section (0 when the element is missing).
- Grades: A >= 90, B >= 80, C >= 70, D >= 60, F below.
"""

from __future__ import annotations

from collections import Counter

from poalint.model.document import CORE_ELEMENTS
from poalint.model.report import FindingModel

REPEAT_DECAY = 0.6
MISSING_ELEMENT_CAP = 45.0
BLAME_CAP = 40.0
BLAME_CAP_DEDUCTION = 15.0
CATEGORY_CEILING = {
    "vague": 20.0,
    "time-bound": 14.0,
    "measurable": 12.0,
    "readability": 5.0,
    "formatting": 3.0,
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
    findings: list[FindingModel], missing_rules: frozenset[str] | set[str] = frozenset()
) -> tuple[float, str, dict[str, float]]:
    """Score, grade and element sub-scores; `missing_rules` are the ids of the rules whose
    findings mean an element is missing or empty."""
    cost = deductions(findings)
    per_category: dict[str, float] = {}
    for finding, c in zip(findings, cost, strict=True):
        per_category[finding.category] = per_category.get(finding.category, 0.0) + c
    total = sum(min(v, CATEGORY_CEILING.get(k, v)) for k, v in per_category.items())
    score = max(0.0, min(100.0, 100.0 - total))
    missing = {f.section for f in findings if f.rule in missing_rules and not f.suppressed}
    if missing & set(CORE_ELEMENTS):
        score = min(score, MISSING_ELEMENT_CAP)
    if per_category.get("blame", 0.0) >= BLAME_CAP_DEDUCTION:
        score = min(score, BLAME_CAP)
    elements = {}
    for element in CORE_ELEMENTS:
        if element in missing:
            elements[element] = 0.0
            continue
        spent = sum(c for f, c in zip(findings, cost, strict=True) if f.section == element)
        elements[element] = round(max(0.0, 100.0 - spent), 1)
    score = round(score, 1)
    return score, grade_of(score), elements

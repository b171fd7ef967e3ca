"""The seed guide's example plan ("A Mini-Template for Success"), its placeholders filled with
real values as a new user would, must grade B or better: its root cause names a mechanism
(a misconfiguration in the order software that delayed the order feed to the warehouse team)
without a "because", and its measures are dated and counted. Two copies of our own: plain, and
with the guide's layout pasted as it appears (indented numbered headings, bullets)."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"


@pytest.mark.parametrize("name", ["mini_template_filled.txt", "mini_template_filled_as_pasted.txt"])
def test_filled_mini_template_grades_b_or_better(lint, name):
    report = lint((SEED / name).read_text(encoding="utf-8"))
    structure = [f.rule for f in report.findings if f.category == "structure"]
    assert "root-cause-restates-symptom" not in structure, report.findings
    assert not [f for f in report.findings if f.category == "structure" and f.line is None], structure
    assert report.grade in ("A", "B"), (report.score, report.grade, report.element_scores, report.findings)
    kinds = [s.kind for s in report.sections]
    assert kinds.index("root_cause") < kinds.index("immediate_actions") < kinds.index("preventive_measures")

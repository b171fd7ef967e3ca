"""The scoring formula: only a missing or empty element caps; a weak one costs its own penalty."""

from __future__ import annotations

from poalint.model.report import FindingModel
from poalint.score.scoring import BLAME_CAP, MISSING_ELEMENT_CAP, score_findings


def finding(
    rule: str, category: str, section: str | None, penalty: float, line: int | None = None
) -> FindingModel:
    return FindingModel(
        rule=rule,
        category=category,  # type: ignore[arg-type]
        severity="warning",
        message="m",
        line=line,
        column=1 if line else None,
        end_line=line,
        end_column=2 if line else None,
        section=section,
        text="",
        suggestion="s",
        penalty=penalty,
    )


MISSING = frozenset({"missing-root-cause"})


def test_a_missing_element_caps_the_score_and_zeroes_its_sub_score():
    score, grade, elements = score_findings(
        [finding("missing-root-cause", "structure", "root_cause", 25)], MISSING
    )
    assert score == MISSING_ELEMENT_CAP and grade == "F"
    assert elements == {"root_cause": 0.0, "immediate_actions": 100.0, "preventive_measures": 100.0}


def test_a_weak_element_only_costs_its_penalty_in_its_own_sub_score():
    # a structure finding without a line, of a rule that does not mark the element missing
    weak = finding("preventive-not-longest", "structure", "preventive_measures", 3)
    score, grade, elements = score_findings([weak], MISSING)
    assert score == 97.0 and grade == "A"
    assert elements == {"root_cause": 100.0, "immediate_actions": 100.0, "preventive_measures": 97.0}


def test_the_cap_follows_the_rule_not_the_category_or_the_missing_line():
    # the same finding counts as missing only when its rule is declared so
    f = finding("root-cause-restates-symptom", "structure", "root_cause", 12)
    assert score_findings([f])[0] == 88.0
    assert score_findings([f], frozenset({"root-cause-restates-symptom"}))[0] == MISSING_ELEMENT_CAP


def test_suppressed_missing_element_does_not_cap():
    f = finding("missing-root-cause", "structure", "root_cause", 25).model_copy(update={"suppressed": True})
    assert score_findings([f], MISSING)[0] == 100.0


def test_repeats_decay_and_categories_have_ceilings():
    repeated = [finding("vague-promise", "vague", "preventive_measures", 6, line=i) for i in range(1, 4)]
    assert score_findings(repeated)[0] == round(100 - 6 - 6 * 0.6 - 6 * 0.36, 1)  # 0.6 decay per repeat
    many = [finding(f"vague-{i}", "vague", "preventive_measures", 6, line=i) for i in range(1, 30)]
    score, _, elements = score_findings(many)
    assert score == 80.0  # the vague ceiling (20), not 29 x 6
    assert elements["preventive_measures"] == 0.0


def test_heavy_blame_caps_the_score():
    blame = [finding(f"blame-{i}", "blame", "root_cause", 8, line=i) for i in range(1, 3)]
    assert score_findings(blame)[0] == BLAME_CAP


def test_every_missing_element_rule_in_the_builtin_pack_is_declared(pack):
    declared = {r.id for r in pack.rules if r.marks_missing}
    assert {"missing-root-cause", "missing-immediate-actions", "missing-preventive-measures"} <= declared
    assert "preventive-not-longest" not in declared

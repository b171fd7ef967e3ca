"""The scoring formula: only a missing or empty element caps; a weak one costs its own penalty."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from poalint.model.report import FindingModel
from poalint.score.scoring import CATEGORY_CAPS, CATEGORY_CEILING, MISSING_ELEMENT_CAP, assess, score_findings


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
    assert score_findings(blame)[0] == CATEGORY_CAPS["blame"][1] == 40


def test_every_missing_element_rule_in_the_builtin_pack_is_declared(pack):
    declared = {r.id for r in pack.rules if r.marks_missing}
    assert {"missing-root-cause", "missing-immediate-actions", "missing-preventive-measures"} <= declared
    assert "preventive-not-longest" not in declared


# -- why this grade: the explanation and each finding's actual deduction ---------------------


def test_each_finding_carries_its_actual_deduction_up_to_the_category_ceiling():
    many = [finding(f"vague-{i}", "vague", "preventive_measures", 6, line=i) for i in range(1, 6)]
    result = assess(many)
    assert result.deductions == [6.0, 6.0, 6.0, 2.0, 0.0]  # ceiling 20 used up by the 4th
    (vague,) = result.explanation.deductions
    assert (vague.category, vague.findings, vague.raw, vague.ceiling, vague.deduction) == (
        "vague",
        5,
        30.0,
        CATEGORY_CEILING["vague"],
        20.0,
    )
    assert result.explanation.total == 20.0 and result.explanation.uncapped == 80.0 == result.score
    fields = result.report_fields(many)
    assert [f.deduction for f in fields["findings"]] == result.deductions
    assert fields["explanation"] is result.explanation


def test_repeats_decay_in_the_findings_deductions():
    repeated = [finding("vague-promise", "vague", "root_cause", 5, line=i) for i in range(1, 4)]
    assert assess(repeated).deductions == [5.0, 3.0, 1.8]


def test_the_explanation_names_the_caps_and_why_a_sub_score_is_zero():
    findings = [
        finding("missing-root-cause", "structure", "root_cause", 25),
        finding("blame-a", "blame", "immediate_actions", 8, line=3),
        finding("blame-b", "blame", "immediate_actions", 8, line=4),
    ]
    findings[0] = findings[0].model_copy(update={"message": "The draft has no root cause."})
    result = assess(findings, MISSING)
    caps = {c.kind: c for c in result.explanation.caps}
    assert caps["missing-element"].limit == MISSING_ELEMENT_CAP
    assert caps["missing-element"].rules == ["missing-root-cause"]
    assert "root cause" in caps["missing-element"].reason
    assert caps["blame"].limit == CATEGORY_CAPS["blame"][1] and caps["blame"].rules == ["blame-a", "blame-b"]
    assert [c.limit for c in result.explanation.caps] == sorted(c.limit for c in result.explanation.caps)
    assert result.score == CATEGORY_CAPS["blame"][1]
    root = next(e for e in result.explanation.elements if e.element == "root_cause")
    assert (root.score, root.zero_reason, root.zero_rule) == (
        0.0,
        "The draft has no root cause.",
        "missing-root-cause",
    )
    actions = next(e for e in result.explanation.elements if e.element == "immediate_actions")
    assert actions.zero_reason is None and [d.rule for d in actions.deductions] == ["blame-a", "blame-b"]


def test_a_sub_score_worn_down_to_zero_says_so():
    heavy = [finding(f"tone-{i}", "tone", "preventive_measures", 30, line=i) for i in range(1, 5)]
    element = next(e for e in assess(heavy).explanation.elements if e.element == "preventive_measures")
    assert element.score == 0.0 and element.zero_rule is None
    assert "120" in element.zero_reason


def test_suppressed_findings_deduct_nothing_and_are_not_counted():
    f = finding("vague-a", "vague", "root_cause", 6, line=1).model_copy(update={"suppressed": True})
    result = assess([f])
    assert result.deductions == [0.0] and result.explanation.deductions == [] and result.score == 100.0


CATEGORY_NAMES = ["structure", "vague", "blame", "time-bound", "measurable", "tone", "readability"]
SECTIONS = [None, "root_cause", "immediate_actions", "preventive_measures", "closing"]


@given(
    st.lists(
        st.tuples(
            st.integers(0, 5),  # rule
            st.sampled_from(CATEGORY_NAMES),
            st.sampled_from(SECTIONS),
            st.sampled_from([0.0, 1.0, 3.0, 5.0, 12.0, 25.0]),
            st.booleans(),  # suppressed
        ),
        max_size=25,
    )
)
@settings(max_examples=150, deadline=None)
def test_the_explanation_adds_up(rows):
    findings = [
        finding(f"rule-{r}", c, s, p, line=i + 1).model_copy(update={"suppressed": sup})
        for i, (r, c, s, p, sup) in enumerate(rows)
    ]
    missing = frozenset({"rule-0"})
    result = assess(findings, missing)
    explanation = result.explanation
    # the findings' deductions add up to each category's, and those to the total
    for d in explanation.deductions:
        spent = sum(x for f, x in zip(findings, result.deductions, strict=True) if f.category == d.category)
        assert abs(spent - d.deduction) < 0.05
        assert d.deduction <= (d.ceiling if d.ceiling is not None else d.raw) + 1e-9
    assert abs(sum(result.deductions) - explanation.total) < 0.05
    assert explanation.uncapped == round(max(0.0, 100.0 - explanation.total), 2)
    # the score is the uncapped score under the lowest cap
    expected = min([explanation.uncapped, *(c.limit for c in explanation.caps)])
    # the score is the unrounded value rounded to 1 decimal, `uncapped` the same value rounded to 2:
    # they differ by at most 0.05 + 0.005 (rounding `uncapped` again could land one step away)
    assert abs(result.score - expected) <= 0.055 + 1e-9
    assert result.score == score_findings(findings, missing)[0]
    for element in explanation.elements:
        assert (element.score == 0.0) == (element.zero_reason is not None)


def test_a_rule_declared_caps_score_caps_whatever_the_deductions():
    caps = {"notice-mismatch": 40.0}
    kept = [
        finding("notice-mismatch", "coverage", None, 10),
        finding("vague-promise", "vague", "root_cause", 3, 2),
    ]
    result = assess(kept, MISSING, caps)
    assert result.score == 40 and result.grade == "F"
    assert [(c.kind, c.limit, c.rules) for c in result.explanation.caps] == [
        ("notice-mismatch", 40, ["notice-mismatch"])
    ]
    # the same findings without the declaration only cost their penalties; suppressed, nothing caps
    assert assess(kept, MISSING).score == 87
    muted = [kept[0].model_copy(update={"suppressed": True}), kept[1]]
    assert assess(muted, MISSING, caps).score == 97


def test_the_builtin_rules_that_reject_a_plan_outright_cap_it(pack):
    capped = {r.id: r.caps_score for r in pack.rules if r.caps_score is not None}
    assert capped == {"notice-mismatch": 40, "rehashed-plan": 40}
    assert all(cap < 60 for cap in capped.values())  # below D: such a plan grades F

"""Loading rule files: legacy spellings of the split kinds still load, as the new kinds."""

from __future__ import annotations

import pytest

from poalint.checks.loader import load_rule_file
from poalint.errors import RuleError

COMMON = """
    category: structure
    severity: info
    penalty: 3
    message: "The {element} section is short."
    why: Reviewers weigh the future most.
    suggestion: Expand it.
    examples:
      bad: ["x"]
      good: ["y"]
"""


def load(tmp_path, text):
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    return load_rule_file(path)


def test_legacy_section_rule_loads_as_its_kind(tmp_path):
    old = load(
        tmp_path, "rules:\n  - id: short\n    kind: section\n    check: longest\n    min_words: 30" + COMMON
    )
    new = load(tmp_path, "rules:\n  - id: short\n    kind: section-longest\n    min_percent: 30" + COMMON)
    assert old == new
    assert old[0].kind == "section-longest" and old[0].min_percent == 30


def test_legacy_metric_rule_loads_as_its_kind(tmp_path):
    text = "rules:\n  - id: long\n    kind: metric\n    metric: sentence-words\n    max: 40" + COMMON
    (rule,) = load(tmp_path, text.replace("{element} section", "sentence of {value} words"))
    assert rule.kind == "sentence-words" and rule.max == 40


def test_legacy_renamed_field_error_points_at_the_old_name(tmp_path):
    text = "rules:\n  - id: short\n    kind: section\n    check: longest\n    min_words: many" + COMMON
    with pytest.raises(RuleError) as caught:
        load(tmp_path, text)
    assert caught.value.where.endswith("rules.yaml:5:5")
    assert "min_percent" in caught.value.problem


def test_unknown_legacy_switch_names_the_choices(tmp_path):
    with pytest.raises(RuleError) as caught:
        load(tmp_path, "rules:\n  - id: short\n    kind: section\n    check: sideways" + COMMON)
    assert caught.value.where.endswith("rules.yaml:3:5")
    assert "section-present" in caught.value.problem and "restates-symptom" in caught.value.problem

"""Every rule's `bad` examples must trigger it and its `good` examples must not."""

from __future__ import annotations

import pytest

from poalint.checks.loader import load_pack

RULES = load_pack().rules


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(linter, rule):
    from poalint.checks.examples import run_rule_examples

    failures = [r for r in run_rule_examples(linter, rule) if not r.passed]
    assert not failures, "\n".join(f"{f.expectation}: {f.text!r} -> {f.found}" for f in failures)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_documents_itself(rule):
    assert rule.message and rule.why and rule.suggestion
    assert rule.examples.bad and rule.examples.good


def test_every_category_has_a_rule():
    from poalint.checks.models import CATEGORIES

    assert {r.category for r in RULES} == set(CATEGORIES)

"""The kind registry: every kind documents itself, its example runs, and the docs are current."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pytest

from poalint.checks import kinddocs
from poalint.checks.models import RuleBase
from poalint.checks.registry import DOC_PARTS, Phase, field_docs, get_kind, kinds, rule_file_model

ROOT = Path(__file__).resolve().parents[3]
KINDS = sorted(kinds())


def test_rule_kinds_doc_is_current():
    """docs/rule-kinds.md is generated from the docstrings (like ruff's generated docs)."""
    current = (ROOT / "docs" / "rule-kinds.md").read_text(encoding="utf-8")
    assert current == kinddocs.render(), "docs/rule-kinds.md is stale; run: python scripts/generate_docs.py"


def test_common_fields_are_documented():
    from poalint.checks.registry import docstring_part

    documented = field_docs(docstring_part(inspect.cleandoc(RuleBase.__doc__), "Fields"))
    assert list(documented) == [*RuleBase.model_fields][:1] + ["kind", *list(RuleBase.model_fields)[1:]]


@pytest.mark.parametrize("name", KINDS)
def test_kind_docstring_has_every_part(name):
    spec = get_kind(name)
    assert spec.summary, f"{name}: the checker's docstring needs a summary line"
    for part in DOC_PARTS:
        assert spec.part(part).strip(), f"{name}: the checker's docstring has no `{part}:` part"


@pytest.mark.parametrize("name", KINDS)
def test_kind_fields_part_names_exactly_the_model_fields(name):
    spec = get_kind(name)
    assert list(field_docs(spec.part("Fields"))) == spec.own_fields()


@pytest.mark.parametrize("name", KINDS)
def test_kind_example_is_a_valid_rule_whose_examples_pass(name, pack, nlp):
    from poalint.app.linter import Linter
    from poalint.checks.examples import run_rule_examples
    from poalint.util.yamlio import parse_yaml, plain

    data = plain(parse_yaml(get_kind(name).part("Example YAML"), Path(f"{name}.yaml")))
    rules = rule_file_model().model_validate({"rules": data}, context={"lexicons": pack.lexicons}).rules
    assert [r.kind for r in rules] == [name]
    assert pack.by_id(rules[0].id) is None, "example ids must not shadow a built-in rule"
    linter = Linter(dataclasses.replace(pack, rules=[*pack.rules, rules[0]]), nlp)
    failures = [r for r in run_rule_examples(linter, rules[0]) if not r.passed]
    assert not failures, failures


def test_element_kinds_run_after_match_kinds():
    assert get_kind("section-content").phase > get_kind("phrase").phase
    assert {get_kind(n).phase for n in KINDS} <= set(Phase)

"""Fixture drafts per rule kind with snapshots of their findings (like ruff's fixtures and
`.snap` files): `tests/fixtures/kinds/<kind>.md` is linted with the built-in pack, and the
findings of that kind's rules must equal `tests/snapshots/kinds/<kind>.snap` (regenerate
with POALINT_UPDATE_SNAPSHOTS=1). A kind no built-in rule uses is exercised by the example
rule its documentation gives."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from poalint.checks.registry import get_kind, rule_file_model
from tests.snapshots import ROOT, assert_snapshot

FIXTURES = ROOT / "tests" / "fixtures" / "kinds"
NAMES = sorted(path.stem for path in FIXTURES.glob("*.md"))


@pytest.fixture(scope="module")
def kind_linter(pack, nlp):
    """The linter for a kind's fixture: the built-in pack, or for a kind the pack does not use,
    its documented example rule before the pack's (so that a built-in rule of the same category
    does not take its place)."""
    from poalint.app.linter import Linter
    from poalint.util.yamlio import parse_yaml, plain

    used = {r.kind for r in pack.rules}
    linters = {}

    def linter_for(name: str) -> Linter:
        if name in used:
            name = ""
        if name not in linters:
            examples = []
            if name:
                data = plain(parse_yaml(get_kind(name).part("Example YAML"), Path(f"{name}.yaml")))
                model = rule_file_model().model_validate({"rules": data}, context={"lexicons": pack.lexicons})
                examples = model.rules
            linters[name] = Linter(dataclasses.replace(pack, rules=[*examples, *pack.rules]), nlp)
        return linters[name]

    return linter_for


def describe(finding) -> str:
    where = (
        f"{finding.line}:{finding.column}-{finding.end_line}:{finding.end_column}" if finding.line else "-"
    )
    tail = f" (section {finding.section})" if finding.line is None else ""
    mark = " (suppressed)" if finding.suppressed else ""
    return f"{where} {finding.severity} [{finding.rule}] {finding.message}{tail}{mark}"


@pytest.mark.parametrize("name", NAMES)
def test_kind_fixture_matches_its_snapshot(name, kind_linter):
    spec = get_kind(name)  # a fixture is named after the kind it exercises
    path = FIXTURES / f"{name}.md"
    linter = kind_linter(name)
    report = linter.lint_text(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    of_kind = [f for f in report.findings if linter.pack.by_id(f.rule).kind == spec.name]
    assert of_kind, f"{path.name} triggers no rule of kind {name!r}; a fixture must exercise its kind"
    text = "".join(describe(f) + "\n" for f in of_kind)
    assert_snapshot(f"kinds/{name}", text, source=str(path.relative_to(ROOT)))


def test_every_kind_the_builtin_pack_uses_has_a_fixture(pack):
    assert {r.kind for r in pack.rules} <= set(NAMES)

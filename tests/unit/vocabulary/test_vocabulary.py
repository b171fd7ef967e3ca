"""The vocabulary is defined once (rules/vocabulary.yaml) and everything else derives from it."""

from __future__ import annotations

import typing

import pytest

from poalint import vocabulary
from poalint.errors import RuleError
from poalint.vocabulary import VOCABULARY, vocabulary_path


def test_models_literals_come_from_the_vocabulary():
    from poalint.checks.models import RuleBase
    from poalint.model.report import FindingModel

    assert typing.get_args(vocabulary.Category) == tuple(VOCABULARY.categories)
    assert typing.get_args(vocabulary.Severity) == tuple(VOCABULARY.severities)
    assert typing.get_args(vocabulary.ScopeKind) == ("all", *VOCABULARY.section_kinds)
    schema = FindingModel.model_json_schema()
    assert schema["properties"]["category"]["enum"] == list(VOCABULARY.categories)
    assert RuleBase.model_fields["category"].annotation == vocabulary.Category


def test_consumers_derive_from_the_vocabulary():
    from poalint.render.outputs import github, sarif, text
    from poalint.score import scoring
    from poalint.sections import decoder

    assert tuple(k for k, v in VOCABULARY.section_kinds.items() if v.ordered) == decoder.ORDER
    assert {k: c.ceiling for k, c in VOCABULARY.categories.items() if c.ceiling} == scoring.CATEGORY_CEILING
    assert set(sarif.LEVELS) == set(github.COMMANDS) == set(text.COLOURS) == set(VOCABULARY.severities)
    assert (
        vocabulary.SEVERITY_RANK["error"]
        > vocabulary.SEVERITY_RANK["warning"]
        > vocabulary.SEVERITY_RANK["info"]
    )


def test_loads_the_same_through_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("POALINT_CACHE_HOME", str(tmp_path / "cache"))
    first = vocabulary.load()
    assert list((tmp_path / "cache").rglob("*.json")), "the parsed vocabulary is cached"
    assert vocabulary.load() == first == VOCABULARY


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (
            ("  vague: {description", "  vague: {colour: red, description"),
            "categories.vague: unknown key 'colour'",
        ),
        (("ceiling: 20}", "ceiling: lots}"), "categories.vague.ceiling: expected a number"),
        (
            (
                "root_cause: {label: root cause, core: true}",
                "root_cause: {label: root cause, core: yes please}",
            ),
            "expected true or false",
        ),
        (("scoring:", "extras: {}\nscoring:"), "unknown key 'extras'"),
    ],
)
def test_broken_vocabulary_is_a_positioned_error(tmp_path, monkeypatch, edit, needle):
    monkeypatch.setenv("POALINT_CACHE_HOME", str(tmp_path / "cache"))
    text = vocabulary_path().read_text(encoding="utf-8")
    assert edit[0] in text
    line = text[: text.index(edit[0])].count("\n") + 1  # the edited line
    path = tmp_path / "vocabulary.yaml"
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        vocabulary.load(path)
    assert needle in caught.value.problem
    assert caught.value.where.startswith(f"{path}:{line}:"), caught.value.where


def test_a_rule_folder_cannot_redefine_the_vocabulary(tmp_path):
    from poalint.checks.loader import load_pack

    (tmp_path / "v.yaml").write_text("categories:\n  coverage: {}\n")
    with pytest.raises(RuleError) as caught:
        load_pack([tmp_path])
    assert "vocabulary" in caught.value.problem and caught.value.where.endswith("v.yaml:1:1")

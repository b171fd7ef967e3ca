"""The prefilter skips a Doc only when no pattern of the rule could match it."""

from __future__ import annotations

import pytest

from poalint.checks.kinds.prefilter import Prefilter, requirements


def test_requirements_are_the_required_tokens_words():
    pattern = [{"LOWER": "so"}, {"LOWER": {"IN": ["much", "many"]}, "OP": "?"}, {"LEMMA": {"IN": ["for"]}}]
    assert requirements(pattern) == [("LOWER", frozenset({"so"})), ("LEMMA", frozenset({"for"}))]
    assert requirements([{"POS": "VERB"}, {"LOWER": {"NOT_IN": ["a"]}}]) == []


def test_a_pattern_without_words_always_runs(nlp):
    assert Prefilter([[{"POS": "VERB"}]]).possible(nlp("nothing here"))


def test_a_doc_without_the_words_is_skipped(nlp):
    prefilter = Prefilter([[{"LOWER": "lawyer"}, {"LEMMA": "sue"}], [{"IS_UPPER": True, "LOWER": "now"}]])
    assert not prefilter.possible(nlp("We shipped every order on time."))
    assert not prefilter.possible(nlp("Our lawyer read it."))  # one of two required words
    assert prefilter.possible(nlp("Our lawyer will sue."))
    assert prefilter.possible(nlp("Reinstate it NOW."))


@pytest.mark.parametrize("kind", ["pattern", "dependency"])
def test_every_bad_example_passes_its_rules_prefilter(linter, pack, kind):
    linter.prepare()
    for checker in linter.engine.checkers:
        if checker.rule.kind != kind:
            continue
        for example in checker.rule.examples.bad:
            doc = linter.nlp(example.full_text.replace("\n", " "))
            assert checker.prefilter.possible(doc), (checker.rule.id, example.text)

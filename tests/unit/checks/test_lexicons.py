"""Pack-level lexicons: named word lists in YAML that rules, `unless` and the code share."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from poalint.checks.loader import load_pack
from poalint.errors import RuleError

ROOT = Path(__file__).resolve().parents[3]
# pronoun lists: closed-class grammar the kinds also test directly (the blame kind's self words)
GRAMMAR = {"first_person", "first_person_subjects"}

RULE = """rules:
  - id: hedge
    kind: phrase
    category: vague
    severity: warning
    penalty: 2
    phrases: [$hedges, kind of]
    unless: [$excuses]
    message: '"{match}" hedges.'
    why: Hedges promise nothing.
    suggestion: Say what you will do.
    examples:
      bad: ["We will try to ship on time, more or less."]
      good: ["We will ship every order by 15:00, more or less as the carrier allows."]
"""
LEXICONS = "lexicons:\n  hedges: [more or less, sort of]\n  excuses: [carrier]\n"


def pack_with(tmp_path, rules=RULE, lexicons=LEXICONS):
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "a.yaml").write_text(rules)
    (folder / "z.yaml").write_text(lexicons)  # after the rules: lexicons load first all the same
    return load_pack([folder])


def test_lexicon_items_expand_and_unless_uses_the_list(tmp_path, nlp):
    from poalint.app.linter import Linter
    from poalint.checks.examples import run_rule_examples

    pack = pack_with(tmp_path)
    rule = pack.by_id("hedge")
    assert rule.phrases == ["more or less", "sort of", "kind of"]
    assert rule.unless == ["$excuses"]
    results = run_rule_examples(Linter(pack, nlp), rule)
    assert [r.passed for r in results] == [True, True], results  # the good one names the carrier


def test_a_later_folder_adds_words_to_a_list(tmp_path):
    pack = pack_with(tmp_path)
    assert "carrier" in pack.lexicons.words("excuses")
    assert "cheers" in pack.lexicons.words("sign_off_words")  # the built-in lists are there too
    more = tmp_path / "more"
    more.mkdir()
    (more / "x.yaml").write_text("lexicons:\n  sign_off_words: [ciao]\n")
    extended = load_pack([tmp_path / "rules", more])
    assert {"ciao", "cheers"} <= extended.lexicons.words("sign_off_words")


@pytest.mark.parametrize(
    ("rules", "needle", "where"),
    [
        (RULE.replace("$hedges", "$hedgez"), "unknown lexicon '$hedgez'", "7:5"),
        (RULE.replace("[$excuses]", "[$excusez]"), "unknown lexicon '$excusez'", "8:14"),
        (RULE.replace("[$excuses]", "[whenever]"), "unknown condition 'whenever'", "8:14"),
    ],
)
def test_unknown_lexicon_is_a_positioned_error(tmp_path, rules, needle, where):
    with pytest.raises(RuleError) as caught:
        pack_with(tmp_path, rules)
    assert needle in caught.value.problem
    assert caught.value.where.endswith(f"a.yaml:{where}"), caught.value.where


def test_dependency_patterns_use_pack_lexicons(tmp_path):
    rules = RULE.replace("kind: phrase", "kind: dependency").replace(
        "    phrases: [$hedges, kind of]\n",
        "    patterns:\n      - - {RIGHT_ID: v, RIGHT_ATTRS: {LEMMA: {IN: $excuses}}}\n",
    )
    rule = pack_with(tmp_path, rules).by_id("hedge")
    assert rule.lists == {"excuses": ["carrier"]}
    with pytest.raises(RuleError) as caught:
        pack_with(tmp_path, rules.replace("IN: $excuses", "IN: $nobody"))
    assert "unknown list '$nobody'" in caught.value.problem
    assert caught.value.where.endswith("a.yaml:7:5")


@pytest.mark.parametrize(
    "text", ["lexicons: [a, b]\n", "lexicons:\n  Bad-Name: [a]\n", "lexicons:\n  x: a\n"]
)
def test_malformed_lexicons_are_refused(tmp_path, text):
    with pytest.raises(RuleError):
        pack_with(tmp_path, lexicons=text)


def alternatives(pattern: str) -> set[str]:
    """The words and phrases a regular expression lists: its alternatives, cut at its groups and
    quantifiers ("(?:need to|must)" gives "need to" and "must"; "we (?:also )?ask" gives "we",
    "also" and "ask"). A phrase counts as a whole, so a lead-in that reads "have to" or "would
    like" repeats no verb list, while a list of single words still does."""
    cleaned = re.sub(r"\\[a-zA-Z]|\(\?[:!=<]+", "|", pattern.lower())
    pieces = re.split(r"[|()\[\]{}?*+^$]", cleaned)
    return {" ".join(re.findall(r"[a-z'-]+", piece)) for piece in pieces} - {""}


def test_alternatives_are_phrases():
    assert alternatives(r"\b(?:please|send us|needs? to|ask(?:s)? (?:you )?(?:for|to))\b") == {
        "please",
        "send us",
        "needs",
        "to",
        "ask",
        "s",
        "you",
        "for",
    }
    assert alternatives(r"we (?:also )?(?:need|would like) you to|be sure to") == {
        "we",
        "also",
        "need",
        "would like",
        "you to",
        "be sure to",
    }


def test_a_word_list_in_an_alternation_is_still_found(pack):
    """What the guard below would report: the notice parser's request verbs written out again."""
    written_out = r"^(?:please\s+)?(?P<ask>(?:provide|explain|confirm|update|close|stop)\b.*)$"
    assert len(alternatives(written_out) & pack.lexicons.words("ask_verbs")) == 6


def test_no_word_list_of_a_lexicon_is_written_out_in_python(pack):
    """Words live in YAML: no collection literal (or regex alternation) in poalint/ repeats four
    words of a lexicon."""
    lists = {
        name: set(words)
        for name, words in pack.lexicons.lists.items()
        if len(words) >= 4 and name not in GRAMMAR
    }
    offenders = []
    for path in sorted((ROOT / "poalint").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
        for node in ast.walk(tree):
            words: set[str] = set()
            if id(node) in docstrings:
                continue
            if isinstance(node, ast.Set | ast.List | ast.Tuple):
                words = {
                    e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                }
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
                words = alternatives(node.value)
            for name, lexicon in lists.items():
                if len(words & lexicon) >= 4:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} repeats lexicon {name!r}")
    assert not offenders, offenders

"""Incremental re-linting (the editor server) reports what a fresh lint of the same text does.

The server keeps, between edits, the spaCy Docs of blocks, what the section splitter read in
each block, block-local rules' hits per block, issue cues per Doc, and the notice and previous
plan it read. Random edit sequences (fixed seeds) exercise all of them: words changed, sentences
added, paragraphs split, joined, duplicated and deleted, headings added and renamed (so section
kinds move), quotes, suppression comments, invisible characters, keystrokes that turn a line
into a list item or a heading, and undo. After every edit the server's report must equal a
fresh lint's; after the last one, `poalint.lint_text`'s.
"""

from __future__ import annotations

import random

import pytest

import poalint
from poalint.app.session import Session, SessionOptions
from poalint.read.text import read_text
from poalint.server.drafts import DraftLinter
from tests.conftest import CORPUS

DRAFTS = [
    CORPUS / "a13_safety_coin_battery_long.md",
    CORPUS / "a22_vtr_untracked_letters_paragraphs.txt",
    CORPUS / "a02_odr_setext_packaging.md",
    CORPUS / "notices" / "n26_resub_inauthentic_rehashed.md",  # with a notice and a previous plan beside it
]
EDITS = 24

SENTENCES = [
    "The carrier lost 12 parcels because their driver never scanned them.",
    "We will improve our processes soon.",
    "From 1 June the shift lead checks every order at 15:00.",
    "We did not check the handling time before the holiday.",
    "We will train the staff on the new checklist.",
    "On 3 May we refunded all 14 buyers and shipped the open orders.",
    "Please reinstate our account!!!",
    "Contact the buyer at jane.doe@example.com or TODO.",
    "Our supplier assured us the labels were correct, so we trusted them.",
    "Every Monday the manager reviews the late shipment rate; above 2% we add a second pickup.",
]
WORDS = ["will", "carrier", "lost", "we", "every day", "by 3 June", "soon", "buyer", "TODO", "never", "not"]
HEADINGS = [
    "## Root cause",
    "## Immediate actions",
    "## Preventive measures",
    "## Notes",
    "Root cause:",
    "# Plan",
]
KEYS = ["a", " ", ".", "-", "*", "#", ">", "1", ":", "\u200b"]


def _text_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip()] or [0]


def edit(rng: random.Random, text: str, history: list[str]) -> str:
    """One random edit of `text` (a whole new text)."""
    lines = text.split("\n")
    op = rng.choice(
        ["word", "append", "append", "insert", "delete", "split", "join", "heading", "rename", "duplicate"]
        + ["quote", "key", "key", "comment", "undo"]
    )
    index = rng.choice(_text_lines(lines))
    line = lines[index]
    if op == "word" and line.split():
        words = line.split(" ")
        words[rng.randrange(len(words))] = rng.choice(WORDS)
        lines[index] = " ".join(words)
    elif op == "append":
        lines[index] = " ".join([line.rstrip(), *rng.sample(SENTENCES, rng.randint(2, 4))])
    elif op == "insert":
        lines[index:index] = [rng.choice(SENTENCES), ""]
    elif op == "delete":
        del lines[index]
    elif op == "split" and " " in line.strip():
        cut = rng.choice([i for i, c in enumerate(line) if c == " "])
        lines[index : index + 1] = [line[:cut], "", line[cut + 1 :]]
    elif op == "join":
        blanks = [i for i in range(1, len(lines) - 1) if not lines[i].strip()]
        if blanks:
            del lines[rng.choice(blanks)]
    elif op == "heading":
        lines[index:index] = [rng.choice(HEADINGS), ""]
    elif op == "rename":
        headings = [i for i, x in enumerate(lines) if x.lstrip().startswith("#")]
        if headings:
            lines[rng.choice(headings)] = rng.choice(HEADINGS)
    elif op == "duplicate":
        lines[rng.randrange(len(lines) + 1) : 0] = ["", line, ""]
    elif op == "quote" and len(line.split()) >= 4:
        words = line.split(" ")
        start = rng.randrange(len(words) - 3)
        words[start] = '"' + words[start]
        words[start + 3] += '"'
        lines[index] = " ".join(words)
    elif op == "key":
        column = rng.randrange(len(line) + 1)
        lines[index] = line[:column] + rng.choice(KEYS) + line[column:]
    elif op == "comment":
        lines[index:index] = ["<!-- poalint-disable-next-line vague, blame-third-party -->"]
    elif op == "undo" and history:
        return rng.choice(history)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def fresh(nlp):
    return Session(SessionOptions(cache=False), nlp=nlp)


@pytest.mark.parametrize("seed", range(len(DRAFTS)))
def test_random_edits_relint_like_a_fresh_lint(nlp, fresh, seed):
    source = DRAFTS[seed]
    path = str(source)
    rng = random.Random(seed)
    drafts = DraftLinter(SessionOptions(), nlp=nlp)
    text = read_text(path)
    history = [text]
    for step in range(EDITS + 1):
        result = drafts.lint(text, path, version=step)
        assert result.error is None
        expected = fresh.lint_text(text, path)
        assert result.report is not None
        assert result.report.model_dump() == expected.model_dump(), f"{source.name}, edit {step}"
        history.append(text)
        text = edit(rng, text, history)
    assert drafts.lint(text, path).report == poalint.lint_text(text, path=path)


def test_the_edits_change_sections_and_findings(nlp, fresh):
    """The random edits reach what the memos key on: section kinds and findings change."""
    rng = random.Random(0)
    path = str(DRAFTS[0])
    text = read_text(path)
    kinds, rules = set(), set()
    for _ in range(EDITS):
        report = fresh.lint_text(text, path)
        kinds.add(tuple(s.kind for s in report.sections))
        rules.add(frozenset(f.rule for f in report.findings))
        text = edit(rng, text, [])
    assert len(kinds) > 2 and len(rules) > 2


def test_notice_and_previous_plan_are_read_once_per_text(nlp, monkeypatch):
    from poalint.checks import notice

    source = str(DRAFTS[3])
    drafts = DraftLinter(SessionOptions(), nlp=nlp)
    text = read_text(source)
    drafts.lint(text, source)
    reviewer = drafts.session.linter([drafts.session.config_for(source)])[0].reviewer
    calls: list[str] = []
    built, read = reviewer.build, notice.read_notice
    monkeypatch.setattr(reviewer, "build", lambda *a: (calls.append("previous"), built(*a))[1])
    monkeypatch.setattr(notice, "read_notice", lambda *a: (calls.append("notice"), read(*a))[1])
    for k in range(3):
        report = drafts.lint(text + f"\nWe checked it again on day {k}.\n", source).report
        assert report is not None and report.resubmission is not None and report.notice is not None
    assert calls == []


def test_a_kind_wrongly_declared_block_local_is_checked_over_the_whole_draft(
    nlp, fresh, monkeypatch, tmp_path
):
    """A hit outside the blocks a block-local checker was shown (here: a missing section, which
    lies in no block) makes the engine check that rule over the whole draft, as before."""
    from poalint.checks.kinds.section_present import SectionPresentChecker

    monkeypatch.setattr(SectionPresentChecker, "block_local", True)
    path = str(tmp_path / "poa.md")
    text = "# Plan of Action\n\n## Immediate actions\n- On 15 March we restored the 17:00 pickup.\n"
    drafts = DraftLinter(SessionOptions(), nlp=nlp)
    for version in (text, text + "- On 16 March we checked all 40 open orders.\n"):
        report = drafts.lint(version, path).report
        assert report is not None and "missing-root-cause" in {f.rule for f in report.findings}
        assert report == fresh.lint_text(version, path)


def test_a_promise_outside_the_preventive_section_is_relinted_when_one_appears(nlp, fresh, tmp_path):
    """A commitment rule checks promises outside the preventive section only while the draft has
    none; the block memo keeps their hits per that state, so adding or removing the section
    elsewhere re-checks the unchanged root cause block."""
    path = str(tmp_path / "poa.md")
    base = (
        "## Root cause\nOur packer used a 3 mm carton for the 40 cm mirrors after the 5 mm stock ran out. "
        "We will pack mirrors more carefully from now on.\n\n"
        "## Immediate actions\nOn 4 June we refunded the 11 buyers and bought 300 cartons of the 5 mm grade.\n\n"
        "{prevention}"
    )
    prevention = (
        "## Preventive measures\nFrom 6 June the packing lead checks the carton of every mirror parcel.\n"
    )
    drafts = DraftLinter(SessionOptions(), nlp=nlp)
    for version in (
        base.format(prevention=""),
        base.format(prevention=prevention),
        base.format(prevention=""),
    ):
        report = drafts.lint(version, path).report
        assert report is not None and report == fresh.lint_text(version, path)
    assert "missing-time-bound" in {f.rule for f in report.findings}

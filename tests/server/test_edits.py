"""Positions in the client's units and the suppression comments the code actions insert."""

from __future__ import annotations

import pytest

from poalint.app.linter import build_document
from poalint.app.session import Session, SessionOptions
from poalint.nlp.analysis import DocCache
from poalint.read.text import read_text
from poalint.server.edits import (
    UTF8,
    UTF16,
    UTF32,
    Insertion,
    file_suppression,
    from_units,
    line_suppression,
    normalise,
    to_units,
)
from tests.conftest import CORPUS

LINE = "Plan 😀 for 日本: improve"  # an emoji (outside the BMP) and two CJK characters (inside)


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [(UTF16, [5, 7, 8, 12, 14]), (UTF8, [5, 9, 10, 14, 20]), (UTF32, [5, 6, 7, 11, 13])],
)
def test_code_points_to_client_units_and_back(encoding, expected):
    columns = [5, 6, 7, 11, 13]  # before 😀, after it, after the space, before 日, after 本
    assert [to_units(LINE, c, encoding) for c in columns] == expected
    assert [from_units(LINE, u, encoding) for u in expected] == columns
    end = to_units(LINE, len(LINE), encoding)
    assert from_units(LINE, end, encoding) == len(LINE)
    assert from_units(LINE, end + 10, encoding) == len(LINE)  # past the end: clamped


def test_a_position_inside_a_surrogate_pair_moves_past_the_character():
    assert from_units(LINE, 6, UTF16) == 6  # the middle of 😀 (units 5-6) -> after it


def test_line_breaks_are_normalised_without_moving_columns():
    assert normalise("a\r\nb\rc\n") == "a\nb\nc\n"


def apply(text: str, edits: tuple[Insertion, ...]) -> str:
    """Apply insertions (positions in the original text), last first."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        start = offsets[edit.line] + edit.column
        end = offsets[edit.line] + (edit.end_column if edit.end_column is not None else edit.column)
        text = text[:start] + edit.text + text[end:]
    return text


@pytest.fixture(scope="module")
def parser(linter):
    return linter.parser


def doc(text: str, parser):
    return build_document("d.md", text, parser)


def test_a_line_that_starts_its_block_gets_a_next_line_comment(parser):
    text = "## Preventive measures\n\n  - We will improve our processes soon.\n"
    fix = line_suppression(doc(text, parser), "vague-action", 3)
    assert fix.title == "Disable vague-action for this line"
    assert apply(text, fix.edits) == (
        "## Preventive measures\n\n  <!-- poalint-disable-next-line vague-action -->\n"
        "  - We will improve our processes soon.\n"
    )


def test_an_existing_next_line_comment_is_extended(parser):
    text = "Intro.\n\n<!-- poalint-disable-next-line tone -->\n\nWe will improve it soon.\n"
    fix = line_suppression(doc(text, parser), "vague-action", 5)
    assert apply(text, fix.edits) == (
        "Intro.\n\n<!-- poalint-disable-next-line tone, vague-action -->\n\nWe will improve it soon.\n"
    )


def test_a_line_inside_a_paragraph_gets_comments_around_the_paragraph(parser):
    text = "Intro.\n\nWe looked at the orders and\nwe will improve our processes soon.\nThen we wrote."
    fix = line_suppression(doc(text, parser), "vague-action", 4)
    assert fix.title == "Disable vague-action for this paragraph"
    assert apply(text, fix.edits) == (
        "Intro.\n\n<!-- poalint-disable vague-action -->\nWe looked at the orders and\n"
        "we will improve our processes soon.\nThen we wrote.\n<!-- poalint-enable vague-action -->"
    )


def test_a_whole_draft_finding_gets_a_file_comment_or_extends_one(parser):
    text = "# Plan of Action\n\nWe are sorry.\n"
    fix = file_suppression(doc(text, parser), "missing-root-cause")
    assert fix.title == "Disable missing-root-cause for this file"
    assert apply(text, fix.edits) == "<!-- poalint-disable-file missing-root-cause -->\n" + text
    marked = "<!-- poalint-disable-file length -->\n" + text
    assert apply(marked, file_suppression(doc(marked, parser), "missing-root-cause").edits) == (
        "<!-- poalint-disable-file length, missing-root-cause -->\n" + text
    )


DRAFTS = sorted([*CORPUS.glob("*.md"), *CORPUS.glob("*.txt")])


@pytest.fixture(scope="module")
def session(nlp):
    return Session(SessionOptions(cache=False, isolated=True, doc_cache=DocCache()), nlp=nlp)


def _key(finding) -> tuple:
    return (finding.rule, finding.line, finding.column, finding.message)


def _moved(finding, edits: tuple[Insertion, ...]) -> tuple:
    """The finding's key once the comment lines in `edits` are inserted above or below it."""
    line = finding.line
    if line is not None:
        line += sum(1 for e in edits if e.end_column is None and e.column == 0 and e.line < line)
    return (finding.rule, line, finding.column, finding.message)


@pytest.mark.parametrize("path", DRAFTS[1::4], ids=lambda p: p.name)
def test_each_quick_fix_silences_its_finding_and_nothing_else(session, parser, path):
    """On real drafts: apply the comment a code action inserts for each finding and lint again;
    the finding is gone, and so is nothing else but the same rule's findings in the same line,
    paragraph or (for a file comment) draft."""
    text = normalise(read_text(str(path)))
    findings = session.lint_text(text, str(path)).findings
    for finding in findings:
        document = doc(text, parser)
        if finding.line is None:
            fix = file_suppression(document, finding.rule)
            covered = [f for f in findings if f.rule == finding.rule]
        else:
            fix = line_suppression(document, finding.rule, finding.line)
            block = next(b for b in document.blocks if b.start_line <= finding.line <= b.end_line)
            lines = (
                {finding.line} if len(fix.edits) == 1 else set(range(block.start_line, block.end_line + 1))
            )
            covered = [f for f in findings if f.rule == finding.rule and f.line in lines]
        after = {_key(f) for f in session.lint_text(apply(text, fix.edits), str(path)).findings}
        assert {_moved(f, fix.edits) for f in covered} & after == set(), (finding, fix)
        moved = {_moved(f, fix.edits) for f in findings if f not in covered}
        assert moved <= after, (finding, fix, moved - after)

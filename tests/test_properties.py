"""Property-based tests (hypothesis): whatever the text, linting does not crash, every
location is inside the document, sections do not overlap, and the output is deterministic.

`HYPOTHESIS_PROFILE=long` runs many more examples (see docs/reliability.md).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poalint.read.text import decode, normalise_newlines

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

WORDS = [
    "we",
    "will",
    "improve",
    "our",
    "processes",
    "the",
    "carrier",
    "lost",
    "parcels",
    "by",
    "15",
    "June",
    "daily",
    "root",
    "cause",
    "immediate",
    "actions",
    "preventive",
    "measures",
    "Amazon",
    "sorry",
    "NOT",
    "fault",
    "!!!",
    "[name]",
    "3%",
    "orders",
    "late",
    "kind",
    "of",
    "try",
    "to",
    "café",
    "“quoted”",
    "**",
    "_",
    "`",
    ":",
    "-",
    "#",
    ">",
    "|",
    "<!--",
    "-->",
    "1.",
    "a)",
    "Step",
    "1:",
    "ROOT",
    "CAUSE",
    "\t",
]
word = st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=12))
sentence = st.lists(word, min_size=0, max_size=14).map(" ".join)
PREFIXES = [
    "",
    "# ",
    "## ",
    "### ",
    "- ",
    "* ",
    "1. ",
    "2) ",
    "a) ",
    "> ",
    "  - ",
    "    ",
    "| ",
    "**",
    "Step 1: ",
    "Root cause: ",
    "PREVENTIVE MEASURES",
    "```",
    "<!-- ",
    "---",
    "===",
    "Subject: ",
    "\t",
]
SUFFIXES = ["", ".", ":", "**", " -->", "  "]
markdown_line = st.tuples(st.sampled_from(PREFIXES), sentence, st.sampled_from(SUFFIXES))
markdown = st.lists(markdown_line.map("".join), max_size=30).map("\n".join)
newline = st.sampled_from(["\n", "\r\n", "\r"])


def check_report(text: str, report) -> None:
    lines = text.split("\n")
    for f in report.findings:
        if f.line is None:  # a missing core element has no location
            assert f.column is None and f.end_line is None and f.end_column is None
            continue
        assert 1 <= f.line <= len(lines), f
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, f
        assert f.line <= f.end_line <= len(lines), f
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, f
        if f.end_line == f.line:
            assert f.end_column >= f.column, f
    previous_end = (0, 0)  # sections in order, never overlapping (two may share a line)
    for s in report.sections:
        assert 1 <= s.start_line <= s.end_line <= len(lines), s
        assert 1 <= s.start_column <= len(lines[s.start_line - 1]) + 1, s
        assert 1 <= s.end_column <= len(lines[s.end_line - 1]) + 1, s
        assert (s.start_line, s.start_column) >= previous_end, ("overlapping sections", report.sections)
        previous_end = (s.end_line, s.end_column)
    assert 0 <= report.score <= 100


@PROFILE
@given(st.text(max_size=400))
def test_arbitrary_unicode(linter, text):
    report = linter.lint_text(text)
    check_report(text, report)


@PROFILE
@given(markdown)
def test_random_markdown_structure(linter, text):
    report = linter.lint_text(text)
    check_report(text, report)
    again = linter.lint_text(text)
    assert again.model_dump_json() == report.model_dump_json()


@PROFILE
@given(st.lists(markdown_line.map("".join), max_size=12), newline)
def test_line_endings_do_not_move_findings(linter, lines, eol):
    lf = normalise_newlines("\n".join(lines))
    other = normalise_newlines(eol.join(lines))
    assert other == lf or "\r" in "".join(lines)  # a CR inside a generated word is a line break too
    if other == lf:
        assert linter.lint_text(other).model_dump_json() == linter.lint_text(lf).model_dump_json()


@PROFILE
@given(st.binary(max_size=600))
def test_arbitrary_bytes_decode_or_fail_cleanly(linter, data):
    from poalint.errors import InputError

    try:
        text = normalise_newlines(decode(data, "fuzz.md"))
    except InputError as exc:
        assert "\n" not in exc.line() and exc.line().startswith("fuzz.md: ")
        return
    check_report(text, linter.lint_text(text))

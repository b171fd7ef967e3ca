"""Pathological drafts finish, without an exception, in time proportional to their size.

The bounds are generous (CI machines are slow and spaCy dominates); what they catch is the
quadratic or exponential blow-up that turns a big draft into a hang. Each case once took
minutes or hours: `# a` + spaces (ATX regex, cubic), `**x**` + spaces (bold regexes),
`[[[[...` (caps-heading bracket strip), a sentence with no full stop (spaCy's
DependencyMatcher, quadratic in tree depth) and one long run of letters (spaCy's tokenizer).
"""

from __future__ import annotations

import textwrap
import time

import pytest

from poalint.app.linter import Linter, RunOptions

BOUND = 120  # seconds per case

SENTENCE = "We will check every order before it ships and the manager reviews the late rate "


@pytest.fixture(scope="module")
def big_linter(pack, nlp):
    return Linter(pack, nlp, RunOptions(max_bytes=2_000_000))


def _lint_file(linter, tmp_path, text: str):
    path = tmp_path / "draft.md"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    (report,) = list(linter.iter_reports([str(path)]))
    elapsed = time.monotonic() - started
    assert hasattr(report, "findings"), report
    lines = text.split("\n")
    for f in report.findings:
        if f.line is not None:
            assert 1 <= f.line <= len(lines) and 1 <= f.column <= len(lines[f.line - 1]) + 1
    return report, elapsed


def _one_mb_line() -> str:
    # prose between long runs of non-space: cheap for spaCy, hard on the regexes
    chunk = "x" * 4000 + " " + SENTENCE + "[INSERT DATE] “quoted words here” ** **" + " " * 2000
    return (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]


CASES = {
    "1 MB single line": _one_mb_line,
    "1 MB of one letter": lambda: "a" * 1_000_000,
    "heading then 500k spaces": lambda: "# a" + " " * 500_000 + "x",
    "bold then 200k spaces": lambda: "**Root cause**" + " " * 200_000 + "x",
    "numbered then 200k spaces": lambda: "1. Root cause" + " " * 200_000 + "x",
    "200k brackets": lambda: "[" * 200_000 + "ABC",
    "200k curly quotes": lambda: "“" * 200_000,
    "deeply nested lists": lambda: "".join(" " * (2 * (i % 400)) + f"- step {i}\n" for i in range(4_000)),
    "one long sentence": lambda: SENTENCE * 800,  # ~11,000 words, no full stop
    "every line a heading": lambda: "".join(f"# Root cause {i}\n" for i in range(20_000)),
    "every line a loose heading": lambda: "".join(f"ROOT CAUSE {i}:\n" for i in range(20_000)),
    "every line a quote": lambda: "".join(f'> "we said {i} things here"\n' for i in range(5_000)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_draft_finishes(big_linter, tmp_path, name):
    report, elapsed = _lint_file(big_linter, tmp_path, CASES[name]())
    assert elapsed < BOUND, f"{name}: {elapsed:.1f}s"
    assert 0 <= report.score <= 100


def test_50000_bullet_lines_scale_linearly(big_linter, tmp_path):
    """spaCy makes 50,000 list items slow on a loaded machine, so the bound is relative:
    ten times the lines may take at most thirty times as long as 5,000 lines (linear with slack)."""
    _, small = _lint_file(big_linter, tmp_path, "- Box ok\n" * 5_000)
    report, large = _lint_file(big_linter, tmp_path, "- Box ok\n" * 50_000)
    assert large < 30 * small + 10, f"5,000 lines {small:.1f}s, 50,000 lines {large:.1f}s"
    assert report.sections


def test_dependency_rules_skip_only_absurd_sentences(linter):
    """The long-sentence guard keeps normal findings: a blame sentence inside a long paragraph."""
    text = "Root cause: " + SENTENCE * 60 + ". The carrier lost our parcels and it is not our fault.\n"
    report = linter.lint_text(text)
    assert any(f.category == "blame" for f in report.findings), [f.rule for f in report.findings]


@pytest.mark.parametrize(
    "line",
    [
        "# a" + " " * 100_000 + "x",  # ATX: was cubic (3,000 spaces took 74 s)
        "1. Root cause" + " " * 100_000 + "x",
        "**Root cause**" + " " * 100_000 + "x",
        "**ab** " + " " * 100_000,
        "[" * 100_000 + "ABC",
    ],
)
def test_block_parser_is_linear_on_long_lines(pack, line):
    """The parser alone, with a tight bound: these lines once backtracked for minutes."""
    from poalint.parse.blocks import BlockParser

    parser = BlockParser(pack.lexicon.classify)
    started = time.monotonic()
    blocks = parser.parse([line, line], [0, len(line) + 1])
    assert time.monotonic() - started < 5
    # each line is one block, or (over MAX_BLOCK_CHARS, for NLP) consecutive pieces of one
    for start in (0, len(line) + 1):
        pieces = [b for b in blocks if start <= b.start < start + len(line)]
        assert pieces and pieces[0].start == start
        assert all(b.start == a.start + len(a.text) for a, b in zip(pieces, pieces[1:], strict=False))
        assert sum(len(b.text) for b in pieces) == len(line)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("## Root cause ##", "Root cause"),
        ("#\tRoot cause\t#  ", "Root cause"),
        ("# a # b #", "a # b"),
        ("# #x", "#x"),
    ],
)
def test_atx_titles_unchanged_by_the_linear_regex(pack, line, title):
    from poalint.parse.blocks import BlockParser

    (block,) = BlockParser(pack.lexicon.classify).parse([line], [0])
    assert block.type == "heading" and block.heading_text == title


# ---------------------------------------------------------------- bounded NLP (issue 14, item 11)


def test_long_blocks_are_cut_into_bounded_pieces(pack):
    """A block over MAX_BLOCK_CHARS becomes consecutive pieces of the same type, each at most
    that long, cut after a sentence end where there is one (else at a space, else anywhere), each
    naming its own lines; a heading's inline content goes on as paragraphs."""
    from poalint.parse.blocks import MAX_BLOCK_CHARS, BlockParser

    parser = BlockParser(pack.lexicon.classify)
    sentence = "On 3 May the packer scanned 40 boxes at the Leeds depot and logged them. "
    prose = textwrap.wrap(sentence * 1_000, 70)  # one paragraph of hard-wrapped lines
    cases = {
        "paragraph": prose,
        "bullet": ["- " + prose[0], *("  " + line for line in prose[1:])],
        "heading": ["Root cause: " + " ".join(prose)],
        "words": ["word " * 20_000],
        "letters": ["x" * 50_000],
    }
    for name, lines in cases.items():
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        text = "\n".join(lines)
        blocks = parser.parse(lines, starts)
        assert len(blocks) > 1, name
        assert blocks[0].start == 0 and sum(len(b.text) for b in blocks) == len(text), name
        for a, b in zip(blocks, blocks[1:], strict=False):
            assert b.start == a.start + len(a.text), name
        for block in blocks:
            assert len(block.text) <= MAX_BLOCK_CHARS, name
            first, last = block.start, block.start + len(block.text) - 1
            assert block.start_line == text.count("\n", 0, first) + 1, name
            assert block.end_line == text.count("\n", 0, last) + 1, name
            if name in ("paragraph", "bullet", "heading") and block is not blocks[-1]:
                assert text[block.start : block.start + len(block.text)].rstrip().endswith("."), name
        kinds = {b.type for b in blocks[1:]}
        assert kinds == {"paragraph" if name in ("heading", "words", "letters") else name}, name
    assert blocks[0].text == "x" * MAX_BLOCK_CHARS  # no space: cut at the limit


def test_findings_in_a_cut_block_point_at_their_line_and_column(linter):
    """A 68,000-character paragraph (hard-wrapped lines, no blank line) is analysed in pieces:
    each vague phrase in it is reported at its own line and column, whichever piece it is in."""
    filler = "On 3 May the packer scanned 40 boxes at the Leeds depot. "
    phrase = "Then we will improve our processes. "
    body = "".join(phrase if i % 150 == 77 else filler for i in range(1_200))
    text = "# Root cause\n\n" + "\n".join(textwrap.wrap(body, 70)) + "\n"
    document = linter.build("long.md", text, "line")
    assert len([b for b in document.blocks if b.type == "paragraph"]) >= 3
    expected = []
    at = text.find("improve")
    while at >= 0:
        expected.append((text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)))
        at = text.find("improve", at + 1)
    report = linter.lint_text(text, "long.md")
    found = [(f.line, f.column) for f in report.findings if f.rule == "vague-action"]
    assert found == expected and len(expected) == 8


def test_a_draft_too_long_to_analyse_in_full_stops_nlp_and_says_where(pack, nlp, tmp_path, monkeypatch):
    """Past MAX_ANALYSED_LINES non-blank lines (or MAX_ANALYSED_CHARS characters) no block gets a
    spaCy Doc: the sentence rules stop there, and the run warns, naming the line."""
    from poalint.nlp import analysis

    monkeypatch.setattr(analysis, "MAX_ANALYSED_LINES", 6)
    vague = "We will improve our processes.\n\n"
    text = "# Root cause\n\n" + vague * 10
    path = tmp_path / "long.md"
    path.write_text(text)
    linter = Linter(pack, nlp)
    (report,) = list(linter.iter_reports([str(path)]))
    lines = [f.line for f in report.findings if f.rule == "vague-action"]
    assert lines == [3, 5, 7, 9, 11], lines  # the 7th non-blank line (13) on are not analysed
    assert linter.warnings == [
        f"{path}:13:1: warning: too long to analyse in full ({len(text):,} characters): from here on "
        "only its structure is checked (poalint reads up to 200,000 characters, 30,000 words and "
        "marks, and 6 lines of text); shorten the draft"
    ]
    monkeypatch.setattr(analysis, "MAX_ANALYSED_LINES", 5_000)
    monkeypatch.setattr(analysis, "MAX_ANALYSED_CHARS", 40)
    assert analysis.analysis_end(text) == 40 and analysis.analysis_end(text[:40]) is None
    monkeypatch.setattr(analysis, "MAX_ANALYSED_CHARS", 200_000)
    monkeypatch.setattr(analysis, "MAX_ANALYSED_TOKENS", 4)
    assert analysis.analysis_end("> > > > > x") == 8  # the 5th word or mark
    assert (
        analysis.analysis_end("We ship, on time.") == 12 and analysis.analysis_end("We ship on time") is None
    )

"""Pathological drafts finish, without an exception, in time proportional to their size.

The bounds are generous (CI machines are slow and spaCy dominates); what they catch is the
quadratic or exponential blow-up that turns a big draft into a hang. Each case once took
minutes or hours: `# a` + spaces (ATX regex, cubic), `**x**` + spaces (bold regexes),
`[[[[...` (caps-heading bracket strip), a sentence with no full stop (spaCy's
DependencyMatcher, quadratic in tree depth) and one long run of letters (spaCy's tokenizer).
"""

from __future__ import annotations

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
    assert blocks and all(len(b.text) >= len(line) for b in blocks)


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

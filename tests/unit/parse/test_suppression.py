"""Inline `poalint-disable` comments: next line, ranges, categories, whole file, fenced code, typos.

Driven through the real CLI in-process (the `cli_run` fixture).
"""

from __future__ import annotations

import json

from tests.helpers import bad_draft, findings_of


def test_inline_suppression_next_line_range_category_and_file(tmp_path, cli_run):
    plain = tmp_path / "plain.md"
    plain.write_text(bad_draft())
    baseline = cli_run("check", "--format", "json", str(plain))
    base = findings_of(baseline.stdout)
    base_rules = {f["rule"] for f in base}
    assert {"blame-denial", "blame-third-party", "vague-timing"} <= base_rules
    base_score = json.loads(baseline.stdout)["files"][0]["score"]

    # next line, by category; and a disable ... enable range by rule id
    marked = tmp_path / "marked.md"
    marked.write_text(
        bad_draft(
            before_blame="<!-- poalint-disable-next-line blame -->",
            before_vague="<!-- poalint-disable vague-timing, excessive-punctuation -->",
        )
        + "<!-- poalint-enable -->\n"
    )
    hidden = cli_run("check", "--format", "json", str(marked))
    shown = cli_run("check", "--format", "json", "--show-suppressed", str(marked))
    hidden_rules = {f["rule"] for f in findings_of(hidden.stdout)}
    assert not hidden_rules & {"blame-denial", "blame-third-party", "vague-timing"}
    assert "excessive-punctuation" in hidden_rules  # the range starts after the blame line
    suppressed = {f["rule"] for f in findings_of(shown.stdout) if f["suppressed"]}
    assert suppressed == {"blame-denial", "blame-third-party", "vague-timing"}
    # suppressed findings do not count: the score rises and is the same with or without --show-suppressed
    score = json.loads(hidden.stdout)["files"][0]["score"]
    assert score > base_score
    assert json.loads(shown.stdout)["files"][0]["score"] == score
    assert json.loads(hidden.stdout)["summary"]["findings"] == len(findings_of(hidden.stdout))

    text = cli_run("check", "--show-suppressed", str(marked))
    assert "(suppressed)" in text.stdout and "[blame-denial]" in text.stdout
    assert "[blame-denial]" not in cli_run("check", str(marked)).stdout

    # a range without enable runs to the end; enable RULE ends only that rule
    partial = tmp_path / "partial.txt"  # .txt drafts honour the same comments
    partial.write_text(
        bad_draft(
            before_blame="<!-- poalint-disable blame-denial, vague -->",
            after_blame="<!-- poalint-enable vague -->",
        )
    )
    rules = {f["rule"] for f in findings_of(cli_run("check", "--format", "json", str(partial)).stdout)}
    assert "blame-denial" not in rules and "blame-third-party" in rules and "vague-timing" in rules

    # disable-file with no list: everything, including file-level findings; exit 0
    whole = tmp_path / "whole.md"
    whole.write_text(bad_draft(top="<!-- poalint-disable-file -->"))
    result = cli_run("check", "--format", "json", str(whole))
    assert result.exit_code == 0
    assert findings_of(result.stdout) == []
    assert json.loads(result.stdout)["files"][0]["score"] == 100
    # disable-file with a category keeps the others
    only_blame = tmp_path / "only.md"
    only_blame.write_text(bad_draft(top="<!-- poalint-disable-file blame -->"))
    rules = {f["rule"] for f in findings_of(cli_run("check", "--format", "json", str(only_blame)).stdout)}
    assert rules and not any(r.startswith("blame") for r in rules) and "vague-timing" in rules

    # a directive inside fenced code is text, not a directive
    fenced = tmp_path / "fenced.md"
    fenced.write_text("```\n<!-- poalint-disable-file -->\n```\n\n" + bad_draft())
    assert findings_of(cli_run("check", "--format", "json", str(fenced)).stdout)

    # a misspelt rule in a directive is reported (stderr), and suppresses nothing
    typo = tmp_path / "typo.md"
    typo.write_text(bad_draft(before_blame="<!-- poalint-disable-next-line blame-denail -->"))
    result = cli_run("check", "--format", "json", str(typo))
    assert f"{typo}:4: warning: unknown rule or category 'blame-denail'" in result.stderr
    assert "blame-denial" in {f["rule"] for f in findings_of(result.stdout)}

"""The editor server's linting without the protocol: DraftLinter (a Session with a doc cache)."""

from __future__ import annotations

import os

from poalint.app.session import SessionOptions
from poalint.server.drafts import DraftLinter
from tests.conftest import GOOD

VAGUE = GOOD + "- We will improve our processes soon.\n"


def test_unchanged_text_is_not_linted_again(nlp, tmp_path, monkeypatch):
    drafts = DraftLinter(SessionOptions(), nlp=nlp)
    path = str(tmp_path / "poa.md")
    first = drafts.lint(VAGUE, path, version=1)
    calls = []
    original = drafts.session.lint_text
    monkeypatch.setattr(drafts.session, "lint_text", lambda *a: (calls.append(a), original(*a))[1])
    again = drafts.lint(VAGUE, path, version=2)  # a save, or the draft opened again
    assert calls == []
    assert again.version == 2 and again.findings == first.findings
    drafts.lint(VAGUE.replace("soon", "by 30 June"), path, version=3)
    assert len(calls) == 1


def test_a_configuration_edited_on_disk_applies_to_the_next_lint(nlp, tmp_path):
    drafts = DraftLinter(SessionOptions(), nlp=nlp)
    path = str(tmp_path / "poa.md")
    assert "vague-timing" in {f.rule for f in drafts.lint(VAGUE, path).findings}
    config = tmp_path / ".poalint.yaml"
    config.write_text("ignore: [vague-timing]\n")
    assert "vague-timing" not in {f.rule for f in drafts.lint(VAGUE, path).findings}
    assert drafts.sessions_built == 2
    config.write_text("ignore: [vague-timing]\nseverity:\n  missing-time-bound: info\n")
    os.utime(config, ns=(1, 1))  # a different modification time even on a coarse clock
    findings = drafts.lint(VAGUE, path).findings
    assert {f.severity for f in findings if f.rule == "missing-time-bound"} == {"info"}
    assert drafts.sessions_built == 3
    # the pipeline and the doc cache were kept across the new sessions
    linter = drafts.session.linter([drafts.session.config_for(path)])[0]
    assert linter.nlp is nlp and len(drafts.doc_cache) > 0


def test_a_broken_configuration_is_reported_not_raised(nlp, tmp_path):
    (tmp_path / ".poalint.yaml").write_text("ignore: [vage]\n")
    result = DraftLinter(SessionOptions(), nlp=nlp).lint(VAGUE, str(tmp_path / "poa.md"))
    assert result.report is None and result.findings == []
    assert result.error.startswith(str(tmp_path / ".poalint.yaml") + ":1:")
    assert "did you mean 'vague'" in result.error


def test_quick_fix_comments_for_a_line_and_the_file(nlp, tmp_path):
    drafts = DraftLinter(SessionOptions(), nlp=nlp)
    path = str(tmp_path / "poa.md")
    line = VAGUE.split("\n").index("- We will improve our processes soon.") + 1
    (for_line, for_file), (only_file,) = drafts.suppressions(
        VAGUE, path, [("vague-timing", line), ("missing-root-cause", None)]
    )
    assert for_line.title == "Disable vague-timing for this line"
    assert for_line.edits[0].text == "<!-- poalint-disable-next-line vague-timing -->\n"
    assert for_file.title == "Disable vague-timing for this file"
    assert only_file.edits[0].text == "<!-- poalint-disable-file missing-root-cause -->\n"

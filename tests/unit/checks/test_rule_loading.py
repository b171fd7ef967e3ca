"""Broken rule packs fail with file:line:col, exit 2, no traceback."""

from __future__ import annotations

import re

import pytest

from tests.conftest import run_cli

VALID_RULE = """rules:
  - id: my-rule
    kind: phrase
    category: vague
    severity: warning
    penalty: 3
    message: 'vague "{match}"'
    why: Because reviewers want specifics.
    suggestion: Be specific.
    phrases: [kind of]
    examples:
      bad: ["It was kind of late."]
      good: ["It was 2 days late."]
"""


def rules_dir(tmp_path, text, name="custom.yaml"):
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)
    return folder


@pytest.mark.parametrize(
    ("text", "needle", "line"),
    [
        ("rules:\n  - id: x\n    kind: [unclosed\n", "invalid YAML", 4),
        (VALID_RULE.replace("kind: phrase", "kind: telepathy"), "unknown rule kind", 2),
        (VALID_RULE.replace("severity: warning", "severity: fatal"), "severity", 5),
        (VALID_RULE.replace("    penalty: 3\n", "    penalty: 3\n    colour: red\n"), "colour", 7),
        ("rules:\n  - !!python/object:os.system {}\n", "not allowed", 2),
        (VALID_RULE.replace("{match}", "{mach}"), "unknown placeholder {mach}; this kind fills {match}", 7),
        (VALID_RULE.replace("{match}", "{match"), "expected '}'", 7),
        (VALID_RULE.replace("kind: phrase", "kind: section\n    check: sideways"), "check", 3),
    ],
)
def test_broken_rule_file(tmp_path, text, needle, line):
    folder = rules_dir(tmp_path, text)
    draft = tmp_path / "d.md"
    draft.write_text("We will do our best.\n")
    result = run_cli("check", "--rules", str(folder), str(draft))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert needle in result.stderr
    match = re.search(r"custom\.yaml:(\d+):(\d+)", result.stderr)
    assert match, result.stderr
    assert int(match.group(1)) == line


def test_duplicate_rule_id(tmp_path):
    folder = rules_dir(tmp_path, VALID_RULE.replace("my-rule", "vague-action"))
    result = run_cli("rules", "--rules", str(folder))
    assert result.returncode == 2
    assert "duplicate rule id 'vague-action'" in result.stderr


def test_catastrophic_regex_refused_at_load(tmp_path):
    text = VALID_RULE.replace("kind: phrase", "kind: regex").replace(
        "phrases: [kind of]", "patterns: ['(a+)+$']"
    )
    folder = rules_dir(tmp_path, text)
    result = run_cli("rules", "--rules", str(folder))
    assert result.returncode == 2
    assert "backtrack" in result.stderr


def test_user_rule_pack_is_used(tmp_path):
    folder = rules_dir(tmp_path, VALID_RULE)
    draft = tmp_path / "d.md"
    draft.write_text("Root cause: It was kind of late because we had no backup packer on 3 May.\n")
    result = run_cli("check", "--rules", str(folder), str(draft))
    assert "[my-rule]" in result.stdout

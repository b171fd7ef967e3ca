"""CONTRIBUTING.md's examples, carried out: a rule kind added by writing one file, an output
format by one file, a category and a section kind by one vocabulary entry each.

The code blocks are taken from CONTRIBUTING.md as written (each follows a
`<!-- test: ... -->` marker saying where it goes) and applied to a copy of the package and its
rules; the copy is then run as `python -m poalint` like any checkout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

MARKER = re.compile(
    r'<!-- test: (?:write (?P<path>\S+)|insert after "(?P<after>[^"]+)" in (?P<target>\S+)) -->\n'
    r"```\w*\n(?P<code>.*?)```",
    re.S,
)

DRAFT = """# Plan of Action

## Root cause
Unfortunately our packer printed 40 labels after the 14:00 pickup on 2 May.

## Immediate actions
- On 3 May we refunded all 40 buyers.

## Preventive measures
- From 10 May our shift lead checks every label against the pickup list before 13:00.

## Annex
Sadly the label printer was also slow that week.
"""

IN_CATEGORY = """rules:
  - id: excuse-opening-counted
    kind: opening-word
    words: [unfortunately, sadly]
    category: openings
    severity: warning
    penalty: 2
    message: 'Opening with "{match}".'
    why: Reviewers want the facts first.
    suggestion: Start with what happened.
    examples:
      bad: ["Unfortunately the carrier came late on 2 May."]
      good: ["On 2 May the carrier came at 16:00."]
  - id: annex-opening
    kind: opening-word
    words: [unfortunately, sadly]
    scope: [annex]
    category: formatting  # a category of its own: one finding per category per sentence
    severity: info
    penalty: 1
    message: 'An annex opening with "{match}".'
    why: An annex holds evidence, not feelings.
    suggestion: State the fact.
    examples:
      bad: [{text: "Sadly the printer was slow.", section: annex}]
      good: [{text: "The printer printed 12 labels a minute.", section: annex}]
"""


def examples() -> list[re.Match[str]]:
    found = list(MARKER.finditer((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")))
    assert len(found) >= 5, "CONTRIBUTING.md lost its tested examples"
    return found


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A copy of the package, its rules, docs and tests, with CONTRIBUTING.md's examples applied."""
    root = tmp_path_factory.mktemp("contributing")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("poalint", "rules", "tests", "scripts", "docs"):
        shutil.copytree(ROOT / folder, root / folder, ignore=ignore)
    for match in examples():
        code = match["code"]
        if match["path"]:
            target = root / match["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(code, encoding="utf-8")
        else:
            target = root / match["target"]
            text = target.read_text(encoding="utf-8")
            anchor = re.search(rf"^ *{re.escape(match['after'])}.*\n", text, re.M)
            assert anchor, f"{match['target']} has no line {match['after']!r}"
            target.write_text(text[: anchor.end()] + code + text[anchor.end() :], encoding="utf-8")
    (root / "more-rules").mkdir()
    (root / "more-rules" / "openings.yaml").write_text(IN_CATEGORY)
    (root / "draft.md").write_text(DRAFT)
    return root


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, POALINT_CACHE_HOME=str(repo / ".cache"), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "poalint", *args],
        capture_output=True,
        text=True,
        cwd=repo,
        env=env,
        timeout=600,
    )


def findings(result: subprocess.CompletedProcess[str]) -> list[dict]:
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)["files"][0]["findings"]


def test_a_rule_kind_is_one_file(repo):
    result = run(repo, "check", "--no-cache", "--rules", "my-rules", "--format", "json", "draft.md")
    excuses = [f for f in findings(result) if f["rule"] == "excuse-opening"]
    assert [(f["line"], f["text"]) for f in excuses] == [(4, "Unfortunately"), (13, "Sadly")]
    tested = run(repo, "rules", "test", "my-rules")
    assert tested.returncode == 0 and "all passed" in tested.stdout, tested.stdout + tested.stderr
    assert "opening-word" in run(repo, "explain", "--rules", "my-rules", "excuse-opening").stdout


def test_the_new_kind_documents_itself_like_the_built_in_ones(repo):
    """In the copy: regenerate docs/rule-kinds.md, then the kind registry's own tests pass for the
    new kind too (docstring parts, fields, example rule run as a test)."""
    generated = subprocess.run(
        [sys.executable, "scripts/generate_docs.py"], capture_output=True, text=True, cwd=repo, timeout=300
    )
    assert generated.returncode == 0, generated.stderr
    assert "## opening-word" in (repo / "docs" / "rule-kinds.md").read_text(encoding="utf-8")
    env = dict(os.environ, POALINT_CACHE_HOME=str(repo / ".cache"))
    tests = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/unit/checks/test_kind_registry.py",
        ],
        capture_output=True,
        text=True,
        cwd=repo,
        env=env,
        timeout=900,
    )
    assert tests.returncode == 0 and "opening-word" not in tests.stdout.split("short test summary")[-1], (
        tests.stdout[-3000:]
    )


def test_an_output_format_is_one_file(repo):
    result = run(repo, "check", "--no-cache", "--rules", "my-rules", "--format", "csv", "draft.md")
    lines = result.stdout.splitlines()
    assert lines[0] == "path,line,column,severity,rule,message"
    assert (
        'draft.md,4,1,warning,excuse-opening,"Opening with ""Unfortunately"" sounds like an excuse."' in lines
    )
    assert "csv" in run(repo, "check", "--help").stdout


def test_a_category_is_one_vocabulary_entry(repo):
    result = run(
        repo,
        "check",
        "--no-cache",
        "--rules",
        "more-rules",
        "--select",
        "openings",
        "--format",
        "json",
        "draft.md",
    )
    found = findings(result)
    assert {f["category"] for f in found} == {"openings"} and len(found) == 2
    deductions = json.loads(result.stdout)["files"][0]["explanation"]["deductions"]
    assert [(d["category"], d["ceiling"], d["deduction"]) for d in deductions] == [("openings", 3.0, 3.0)]
    ignored = run(repo, "check", "--no-cache", "--rules", "more-rules", "--ignore", "openings", "draft.md")
    assert "excuse-opening-counted" not in ignored.stdout and ignored.returncode in (0, 1), ignored.stderr


def test_a_section_kind_is_one_vocabulary_entry(repo):
    args = (
        "check",
        "--no-cache",
        "--rules",
        "my-rules",
        "--rules",
        "more-rules",
        "--format",
        "json",
        "draft.md",
    )
    result = run(repo, *args)
    report = json.loads(result.stdout)["files"][0]
    assert [s["kind"] for s in report["sections"]][-1] == "annex"
    scoped = [f for f in findings(result) if f["rule"] == "annex-opening"]
    assert [(f["line"], f["section"]) for f in scoped] == [(13, "annex")]  # not the root cause's opening

"""Snapshots of every output format: the same drafts (a weak one with a suppressed finding, a
good one, a missing file) through `poalint check --format FORMAT`, compared with
`tests/snapshots/formats/<format>.snap` (regenerate with POALINT_UPDATE_SNAPSHOTS=1).

A format registered without a snapshot fails here, so a new renderer comes with its snapshot.
Paths are relative to the repository; absolute ones are normalised to <ROOT>. Only a few
categories are selected, and SARIF's rule descriptors are cut to the rules its results name, so
that rewording an unrelated rule does not change these snapshots.
"""

from __future__ import annotations

import json

import pytest

from poalint.render import formats
from tests.snapshots import ROOT, assert_snapshot, normalise

SELECT = "blame,placeholder,structure"
DRAFTS = (
    "tests/fixtures/formats/weak.md",
    "tests/fixtures/formats/good.md",
    "tests/fixtures/formats/missing.md",
)


@pytest.mark.parametrize("fmt", formats())
def test_format_matches_its_snapshot(fmt, cli_run, monkeypatch):
    monkeypatch.chdir(ROOT)
    options = ("--no-cache", "--isolated", "--show-suppressed", "--select", SELECT, "--format", fmt)
    result = cli_run("check", *options, *DRAFTS)
    assert result.exit_code == 2  # the missing file is an input error; the others are linted
    text = normalise(result.stdout)
    if fmt == "sarif":
        text = only_named_descriptors(text)
    command = f"poalint check {' '.join(options)} {' '.join(DRAFTS)}"
    assert_snapshot(f"formats/{fmt}", text, source=command)


def only_named_descriptors(text: str) -> str:
    """SARIF with `tool.driver.rules` cut to the rules the results name (indexes renumbered)."""
    sarif = json.loads(text)
    for run in sarif["runs"]:
        rules = run["tool"]["driver"]["rules"]
        named = sorted({r["ruleIndex"] for r in run["results"] if "ruleIndex" in r})
        renumber = {old: new for new, old in enumerate(named)}
        run["tool"]["driver"]["rules"] = [rules[i] for i in named]
        for result in run["results"]:
            if "ruleIndex" in result:
                result["ruleIndex"] = renumber[result["ruleIndex"]]
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"

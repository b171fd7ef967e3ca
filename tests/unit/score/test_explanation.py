"""Why this grade, end to end: text output explains the score, JSON carries each finding's
deduction and the explanation, and --fail-under names the file, its score and the threshold."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from tests.conftest import GOOD

WEAK = """# Plan of Action

## Root cause
The orders were late.

## Immediate actions
We will improve our processes and try harder. It was the carrier's fault!!! Amazon is unfair.

## Preventive measures
We will enhance our procedures soon and monitor things going forward.
"""


@pytest.fixture()
def cli_run(nlp, monkeypatch):
    """The real click CLI in-process, reusing the session's spaCy pipeline."""
    import poalint.nlp.pipeline
    from poalint.cli.app import cli

    monkeypatch.setattr(poalint.nlp.pipeline, "load_pipeline", lambda name=None, exclude=(): nlp)

    def run(*args: str):
        return CliRunner().invoke(cli, ["check", "--no-cache", *args], catch_exceptions=False)

    return run


def test_json_findings_carry_their_deduction_and_the_report_its_explanation(tmp_path, cli_run):
    draft = tmp_path / "weak.md"
    draft.write_text(WEAK)
    result = cli_run("--format", "json", str(draft))
    report = json.loads(result.stdout)
    from poalint.render.outputs.json import report_schema

    jsonschema.validate(report, report_schema())
    file = report["files"][0]
    explanation = file["explanation"]
    assert all("deduction" in f for f in file["findings"])
    by_category: dict[str, float] = {}
    for f in file["findings"]:
        by_category[f["category"]] = by_category.get(f["category"], 0) + f["deduction"]
    assert {d["category"]: d["deduction"] for d in explanation["deductions"]} == pytest.approx(by_category)
    expected = min([explanation["uncapped"], *(c["limit"] for c in explanation["caps"])])
    assert file["score"] == round(expected, 1)
    zero = [e for e in explanation["elements"] if e["score"] == 0]
    assert zero and all(e["zero_reason"] for e in zero)
    assert [e["score"] for e in explanation["elements"]] == list(file["element_scores"].values())


def test_the_schema_describes_the_new_fields(cli_run):
    from click.testing import CliRunner

    from poalint.cli.app import cli

    schema = json.loads(CliRunner().invoke(cli, ["schema"]).stdout)
    assert "deduction" in schema["$defs"]["FindingModel"]["properties"]
    assert "explanation" in schema["$defs"]["FileReport"]["properties"]
    assert {"deductions", "caps", "elements", "total", "uncapped"} <= set(
        schema["$defs"]["ScoreExplanation"]["properties"]
    )


def test_text_output_explains_the_score(tmp_path, cli_run):
    draft = tmp_path / "weak.md"
    draft.write_text(WEAK)
    text = cli_run(str(draft)).stdout
    report = json.loads(cli_run("--format", "json", str(draft)).stdout)["files"][0]
    lines = text.splitlines()
    score_line = next(i for i, line in enumerate(lines) if f"{draft}: score" in line)
    why = lines[score_line + 1]
    assert why.startswith("    why: ")
    for d in report["explanation"]["deductions"]:
        n = d["findings"]
        assert f"{d['category']} −{round(d['deduction'], 1):g} ({n} finding{'s' if n != 1 else ''}" in why
    assert why.endswith(f"= {round(report['explanation']['uncapped'], 1):g}")
    rest = "\n".join(lines[score_line + 2 :])
    for element in report["explanation"]["elements"]:
        if element["score"] == 0:
            label = element["element"].replace("_", " ")
            assert f"    {label} 0: {element['zero_reason']}" in rest
    for cap in report["explanation"]["caps"]:
        assert f"{round(cap['limit']):g}" in rest and cap["reason"] in rest


RULE = """rules:
  - id: no-kind-of
    kind: phrase
    category: vague
    severity: warning
    penalty: 10
    message: '"{match}" is vague'
    why: Reviewers want specifics.
    suggestion: Say exactly what happened.
    phrases: [kind of]
    examples:
      bad: ["The parcel was kind of late."]
      good: ["The parcel was 2 days late."]
"""


def test_a_ceiling_that_applied_is_shown(tmp_path, cli_run):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yaml").write_text(RULE)
    body = "\n".join(f"- Parcel {i} was kind of late on 3 May." for i in range(1, 6))
    draft = tmp_path / "vague.md"
    draft.write_text(GOOD.replace("## Immediate actions\n", "## Immediate actions\n" + body + "\n"))
    options = ("--rules", str(tmp_path / "rules"), "--select", "no-kind-of", "--isolated")
    report = json.loads(cli_run(*options, "--format", "json", str(draft)).stdout)["files"][0]
    (vague,) = report["explanation"]["deductions"]
    assert vague["findings"] == 5 and vague["raw"] == pytest.approx(10 + 6 + 3.6 + 2.16 + 1.3, abs=0.01)
    assert vague["deduction"] == vague["ceiling"] == 20.0
    assert [f["deduction"] for f in report["findings"]] == [10.0, 6.0, 3.6, 0.4, 0.0]
    assert report["score"] == 80.0
    text = cli_run(*options, str(draft)).stdout
    assert "    why: vague −20 (5 findings, capped at 20 from 23.1); 100 − 20 = 80" in text


def test_a_clean_draft_has_no_why_line(tmp_path, cli_run):
    draft = tmp_path / "good.md"
    draft.write_text(GOOD)
    report = json.loads(cli_run("--format", "json", str(draft)).stdout)["files"][0]
    text = cli_run(str(draft)).stdout
    assert ("    why: " in text) == bool(report["explanation"]["deductions"])


def test_fail_under_names_the_file_its_score_and_the_threshold(tmp_path, cli_run):
    weak, good = tmp_path / "weak.md", tmp_path / "good.md"
    weak.write_text(WEAK)
    good.write_text(GOOD)
    scores = {
        f["path"]: f["score"]
        for f in json.loads(cli_run("--format", "json", str(weak), str(good)).stdout)["files"]
    }
    threshold = (scores[str(weak)] + scores[str(good)]) / 2
    result = cli_run("--fail-level", "error", "--fail-under", f"{threshold}", "--exit-zero", str(weak))
    assert result.exit_code == 0 and "under --fail-under" not in result.stderr  # --exit-zero wins
    result = cli_run("--fail-under", f"{threshold}", "--format", "json", str(weak), str(good))
    assert result.exit_code == 1
    assert (
        f"{weak}: score {scores[str(weak)]:g} is under --fail-under {threshold:g}"
        in result.stderr.splitlines()
    )
    assert str(good) not in result.stderr
    # a file over the threshold with no finding at the fail level passes
    result = cli_run("--fail-under", f"{threshold}", "--fail-level", "error", str(good))
    assert "under --fail-under" not in result.stderr

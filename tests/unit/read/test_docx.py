"""Word drafts: paragraphs as locations, headings in Word's forms, broken files refused."""

from __future__ import annotations

import json

import jsonschema

from tests.conftest import run_cli
from tests.helpers import SARIF_SCHEMA, VAGUE, make_docx


def test_docx_drafts_map_to_paragraphs(tmp_path):
    draft = tmp_path / "poa.docx"
    paragraphs = make_docx(draft)
    blame_para = next(i for i, t in enumerate(paragraphs, 1) if "NOT our fault" in t)
    vague_para = next(i for i, t in enumerate(paragraphs, 1) if t == VAGUE)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = run_cli("check", "--format", "json", str(draft), str(broken))
    assert result.returncode == 2  # the broken file is an input error; the good one is still linted
    report = json.loads(result.stdout)
    file = report["files"][0]
    assert file["location_unit"] == "paragraph"
    kinds = {s["kind"]: s for s in file["sections"]}
    assert {"root_cause", "immediate_actions", "preventive_measures"} <= set(kinds)
    assert kinds["root_cause"]["start_line"] == 3  # paragraph 3 is the "Root cause" heading
    findings = {f["rule"]: f for f in file["findings"]}
    assert findings["blame-denial"]["line"] == blame_para
    snippet = paragraphs[blame_para - 1]
    col = findings["blame-denial"]["column"]
    assert snippet[col - 1 :].startswith("NOT our fault")  # column within the Word paragraph
    assert findings["vague-timing"]["line"] == vague_para
    assert not any(f["rule"].startswith("missing-") and f["line"] is None for f in file["findings"])
    assert "broken.docx" in report["errors"][0]["message"] and "Word" in report["errors"][0]["message"]
    assert "Traceback" not in result.stderr

    text = run_cli("check", str(draft))
    quote = '("On 19 February we moved the carrier…")'  # the paragraph's first words, to find it
    assert f"{draft}:¶{blame_para} {quote}: error [blame-denial]" in text.stdout
    assert "[locations are paragraph numbers]" in text.stdout
    sarif = json.loads(run_cli("check", "--format", "sarif", str(draft)).stdout)
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text()))
    messages = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert any(m.startswith(f"paragraph {blame_para} {quote}: ") for m in messages)

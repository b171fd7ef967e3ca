"""SARIF (validated against the official schema), GitHub annotations and --statistics."""

from __future__ import annotations

import json

import jsonschema

from tests.conftest import GOOD
from tests.helpers import SARIF_SCHEMA, bad_draft


def test_sarif_validates_against_official_schema(tmp_path, cli_run, pack):
    bad = tmp_path / "bad draft.md"
    bad.write_text(bad_draft(before_blame="<!-- poalint-disable-next-line blame-denial -->"))
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    result = cli_run("check", "--format", "sarif", "--show-suppressed", str(bad), str(good))
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.validate(sarif, schema)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    assert [d["id"] for d in descriptors] == [r.id for r in pack.rules]  # every loaded rule
    for d in descriptors:
        assert d["shortDescription"]["text"] and d["fullDescription"]["text"] and d["help"]["text"]
        assert d["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run["results"]
    assert results and all(descriptors[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    located = [r for r in results if "region" in r["locations"][0]["physicalLocation"]]
    region = located[0]["locations"][0]["physicalLocation"]["region"]
    assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
    file_level = [r for r in results if "region" not in r["locations"][0]["physicalLocation"]]
    assert file_level, "missing-element findings have a file-level location"
    assert any(r.get("suppressions") == [{"kind": "inSource"}] for r in results)
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "bad%20draft.md"
    )
    # an unreadable file is a tool notification, and the document still validates
    errors = cli_run("check", "--format", "sarif", str(good), str(tmp_path / "nope.md"))
    assert errors.exit_code == 2
    jsonschema.validate(json.loads(errors.stdout), schema)


def test_github_annotations_and_statistics(tmp_path, cli_run):
    bad = tmp_path / "bad,1.md"
    bad.write_text(bad_draft())
    result = cli_run("check", "--format", "github", "--statistics", str(bad))
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert any(
        line.startswith("::error file=") and ",line=" in line and ",col=" in line for line in annotations
    )
    assert any(line.startswith("::warning file=") for line in annotations)
    assert all("title=poalint " in line for line in annotations)
    assert all("bad%2C1.md" in line for line in annotations)  # property values are escaped
    blame = next(line for line in annotations if "blame-denial" in line)
    assert blame.startswith("::error file=") and ",line=5,col=" in blame
    # statistics go to stderr for machine formats, so stdout stays annotations
    assert "count  rule" in result.stderr and "count  rule" not in result.stdout
    text = cli_run("check", "--statistics", "--format", "concise", str(bad)).stdout
    table = text[text.index("count  rule") :].splitlines()
    counts = {row.split()[1]: int(row.split()[0]) for row in table[1:-1]}
    assert counts["blame-denial"] == 1 and sum(counts.values()) == int(table[-1].split()[0])

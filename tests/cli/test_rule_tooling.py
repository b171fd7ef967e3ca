"""Rule and project tooling: `poalint rules`, `rules test`, `init`, `clean`."""

from __future__ import annotations

import json

from tests.helpers import HOUSE_RULE


def test_rules_list_and_rules_test(tmp_path, cli_run):
    listing = cli_run("rules")
    assert listing.exit_code == 0 and "vague-timing" in listing.stdout
    rows = json.loads(cli_run("rules", "--format", "json").stdout)
    assert {"id", "category", "severity", "description"} <= set(rows[0])

    good_pack = tmp_path / "good"
    good_pack.mkdir()
    (good_pack / "house.yaml").write_text(HOUSE_RULE)
    passed = cli_run("rules", "test", str(good_pack))
    assert passed.exit_code == 0, passed.stdout
    assert "1 rules, 2 examples: all passed" in passed.stdout

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "house.yaml").write_text(
        HOUSE_RULE.replace(
            'good: ["The carrier lost orders 1 and 2."]', 'good: ["Fine.", "We lost our parcels."]'
        )
    )
    failed = cli_run("rules", "test", str(broken))
    assert failed.exit_code == 1
    assert f"{broken / 'house.yaml'}:13: house-parcels: good example flagged" in failed.stdout
    assert "We lost our parcels." in failed.stdout and "1 failed" in failed.stdout

    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli_run("rules", "test", str(empty)).exit_code == 2


def test_init_template_and_clean(tmp_path, cli_run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = cli_run("init", "--template")
    assert first.exit_code == 0
    config = tmp_path / ".poalint.yaml"
    assert config.read_text().startswith("#") and (tmp_path / "poa-template.md").is_file()
    config.write_text(config.read_text() + "\n# mine\n")
    again = cli_run("init")
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert config.read_text().endswith("# mine\n")  # not overwritten
    # the starter config loads and applies; the skeleton has the three core sections
    result = cli_run("check", "--format", "json", "poa-template.md")
    report = json.loads(result.stdout)["files"][0]
    kinds = {s["kind"] for s in report["sections"]}
    assert {"root_cause", "immediate_actions", "preventive_measures"} <= kinds
    assert not any(
        f["line"] is None and f["category"] == "structure" and f["rule"].startswith("missing")
        for f in report["findings"]
    )

    cache = tmp_path / ".poalint_cache"
    (cache / "x").mkdir(parents=True)
    assert "removed" in cli_run("clean").stdout and not cache.exists()
    assert "nothing to clean" in cli_run("clean").stdout

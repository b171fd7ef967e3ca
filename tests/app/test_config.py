"""Configuration files: pyproject.toml and .poalint.yaml found upward, overrides, per-file ignores,
rule folders, one-line errors; the README's configuration snippets load.
"""

from __future__ import annotations

import json

from tests.conftest import GOOD, ROOT, run_cli
from tests.helpers import HOUSE_RULE, bad_draft, findings_of, readme_block


def test_config_pyproject_yaml_overrides_and_per_file_ignores(tmp_path, cli_run, monkeypatch):
    project = tmp_path / "project"
    drafts = project / "drafts" / "2026"
    drafts.mkdir(parents=True)
    draft = drafts / "bad.md"
    draft.write_text(bad_draft())
    template = project / "drafts" / "template.md"
    template.write_text(bad_draft())
    (project / "pyproject.toml").write_text(
        '[project]\nname = "shop"\n\n'
        "[tool.poalint]\n"
        'ignore = ["tone", "vague-timing"]\n'
        'fail-level = "warning"\n'
        "\n[tool.poalint.severity]\n"
        'missing-time-bound = "info"\n'
        "\n[tool.poalint.per-file-ignores]\n"
        '"template.md" = ["blame"]\n'
    )
    monkeypatch.chdir(tmp_path)  # found by searching upward from the file, not from the cwd
    result = cli_run("check", "--format", "json", str(draft), str(template))
    files = json.loads(result.stdout)["files"]
    rules = {f["rule"]: f for f in files[0]["findings"]}
    assert "vague-timing" not in rules and "excessive-punctuation" not in rules  # ignore: rule and category
    assert rules["missing-time-bound"]["severity"] == "info"  # severity override
    assert "blame-denial" in rules
    assert not any(f["category"] == "blame" for f in files[1]["findings"])  # per-file-ignores by basename
    assert result.exit_code == 1

    # command-line options override the file: --select replaces, --fail-level replaces
    result = cli_run(
        "check", "--format", "json", "--select", "time-bound", "--fail-level", "error", str(draft)
    )
    assert {f["rule"] for f in findings_of(result.stdout)} == {"missing-time-bound"}
    assert result.exit_code == 0  # the only finding is info now, below --fail-level error
    assert cli_run("check", "--isolated", "--format", "json", str(draft)).stdout.count("vague-timing") >= 1

    # .poalint.yaml nearer the file wins; extra rules folder relative to the config file
    rules_dir = project / "drafts" / "house-rules"
    rules_dir.mkdir()
    (rules_dir / "house.yaml").write_text(HOUSE_RULE)
    (project / "drafts" / ".poalint.yaml").write_text(
        "select: [house-parcels]\nrules: [house-rules]\nfail-under: 99.5\n"
        "per-file-ignores:\n  '2026/*.md': []\n"
    )
    outside = tmp_path / "outside" / "bad.md"  # governed by no configuration
    outside.parent.mkdir()
    outside.write_text(bad_draft())
    result = cli_run("check", "--format", "json", str(draft), str(outside))
    assert {f["rule"] for f in findings_of(result.stdout)} == {"house-parcels"}
    outside_rules = {f["rule"] for f in findings_of(result.stdout, 1)}
    assert "blame-denial" in outside_rules and "house-parcels" not in outside_rules  # stays with its config
    result = cli_run("check", "--format", "json", str(draft))
    assert result.exit_code == 1  # fail-under 99.5 from the file (score 99)
    assert cli_run("check", "--fail-under", "0", "--exit-zero", str(draft)).exit_code == 0

    # --config names the file explicitly
    explicit = tmp_path / "strict.yaml"
    explicit.write_text("select: [blame]\n")
    result = cli_run("check", "--config", str(explicit), "--format", "json", str(draft))
    assert {f["category"] for f in findings_of(result.stdout)} == {"blame"}


def test_config_errors_are_one_line_exit_2(tmp_path):
    """Bad configuration: `file:line: problem`, exit 2, no traceback (real subprocess)."""
    draft = tmp_path / "d.md"
    draft.write_text(GOOD)
    cases = {
        "pyproject.toml": (
            '[tool.poalint]\nignore = ["tone"]\nfail_levl = "error"\n',
            ":3: unknown key 'fail_levl'",
        ),
        ".poalint.yaml": ("ignore: [tone]\nseverity:\n  vague-action: fatal\n", ":3: severity.vague-action"),
        "sub/.poalint.yaml": (
            "select:\n  - blame\n  - vage\n",
            ":3: select: unknown rule or category 'vage'",
        ),
        "t/pyproject.toml": ("[tool.poalint]\nfail-under = 200\n", ":2: fail-under"),
        "y/.poalint.yaml": ("select: [blame\n", ":2:1: invalid YAML"),
    }
    problems = []
    for name, (text, expected) in cases.items():
        folder = tmp_path / "cases" / name.replace("/", "_")
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        (target.parent / "d.md").write_text(GOOD)
        problems.append((target, expected))
    # one subprocess per case would load spaCy each time: errors happen before the pipeline loads
    for target, expected in problems:
        result = run_cli("check", str(target.parent / "d.md"))
        assert result.returncode == 2, (target, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
        assert lines[0].startswith(f"poalint: {target}") and expected in lines[0], lines[0]
    result = run_cli("check", "--config", str(tmp_path / "missing.toml"), str(draft))
    assert result.returncode == 2 and "config file not found" in result.stderr
    result = run_cli("check", "--select", "nonsense", str(draft))
    assert result.returncode == 2 and "unknown rule or category 'nonsense'" in result.stderr


def test_readme_config_snippets_are_valid(tmp_path, pack):
    """The README's [tool.poalint] and .poalint.yaml blocks load and name real rules."""
    import yaml  # pre-commit depends on PyYAML

    from poalint.app.config import check_names, load_toml_config, load_yaml_config

    known = {r.id for r in pack.rules}
    toml = tmp_path / "pyproject.toml"
    toml.write_text(readme_block("toml", "### Configuration"))
    config = load_toml_config(toml, required=True)
    config.settings.rules.clear()  # the example's folder does not exist here
    check_names(config, known)
    assert config.settings.severity["missing-measure"] == "error"
    assert config.settings.per_file_ignores["templates/*.md"] == ["placeholder"]
    assert config.settings.fail_under == 70
    yml = tmp_path / ".poalint.yaml"
    yml.write_text(readme_block("yaml", "The same keys in"))
    check_names(load_yaml_config(yml), known)
    from poalint.app.config import STARTER

    starter = tmp_path / "starter.yaml"
    starter.write_text(STARTER)
    check_names(load_yaml_config(starter), known)

    precommit = yaml.safe_load(readme_block("yaml", "### pre-commit"))
    assert precommit["repos"][0]["hooks"][0]["id"] == "poalint"
    workflow = yaml.safe_load(readme_block("yaml", "### GitHub Actions"))
    steps = workflow["jobs"]["lint-drafts"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["id"] == "poalint" and hooks[0]["entry"] == "poalint check --force-exclude"
    assert hooks[0]["require_serial"] is True and hooks[0]["language"] == "python"

"""Issue 4, fitting the linter ecosystem: inline suppressions, configuration, SARIF and GitHub
output, --statistics, rule tooling (`rules test`, `init`, `clean`), Word drafts, progress bar.

Most tests drive the real CLI in-process with click's CliRunner, sharing the session's spaCy
pipeline (loading it takes ~3 s); a few run `python -m poalint` as a subprocess where exit
codes, stderr and terminals matter. The pre-commit test lives in test_ecosystem_precommit.py.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.conftest import GOOD, ROOT, run_cli

SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


BLAME = "This is NOT our fault!!! The carrier lost our parcels."
VAGUE = "We will improve our processes soon."


def bad_draft(before_blame: str = "", before_vague: str = "", top: str = "", after_blame: str = "") -> str:
    parts = [top, "Dear team,", "", before_blame, BLAME, after_blame, "", before_vague, VAGUE, ""]
    return "\n".join(p for p in parts if p is not None)


@pytest.fixture()
def cli_run(nlp, monkeypatch):
    """Invoke the real click CLI in-process, reusing the session's spaCy pipeline."""
    import poalint.nlp.pipeline
    from poalint.cli.app import cli

    monkeypatch.setattr(poalint.nlp.pipeline, "load_pipeline", lambda name=None, exclude=(): nlp)
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return run


def findings_of(stdout: str, index: int = 0) -> list[dict]:
    return json.loads(stdout)["files"][index]["findings"]


# ----------------------------------------------------------------------------- suppression


def test_inline_suppression_next_line_range_category_and_file(tmp_path, cli_run):
    plain = tmp_path / "plain.md"
    plain.write_text(bad_draft())
    baseline = cli_run("check", "--format", "json", str(plain))
    base = findings_of(baseline.stdout)
    base_rules = {f["rule"] for f in base}
    assert {"blame-denial", "blame-third-party", "vague-timing"} <= base_rules
    base_score = json.loads(baseline.stdout)["files"][0]["score"]

    # next line, by category; and a disable ... enable range by rule id
    marked = tmp_path / "marked.md"
    marked.write_text(
        bad_draft(
            before_blame="<!-- poalint-disable-next-line blame -->",
            before_vague="<!-- poalint-disable vague-timing, excessive-punctuation -->",
        )
        + "<!-- poalint-enable -->\n"
    )
    hidden = cli_run("check", "--format", "json", str(marked))
    shown = cli_run("check", "--format", "json", "--show-suppressed", str(marked))
    hidden_rules = {f["rule"] for f in findings_of(hidden.stdout)}
    assert not hidden_rules & {"blame-denial", "blame-third-party", "vague-timing"}
    assert "excessive-punctuation" in hidden_rules  # the range starts after the blame line
    suppressed = {f["rule"] for f in findings_of(shown.stdout) if f["suppressed"]}
    assert suppressed == {"blame-denial", "blame-third-party", "vague-timing"}
    # suppressed findings do not count: the score rises and is the same with or without --show-suppressed
    score = json.loads(hidden.stdout)["files"][0]["score"]
    assert score > base_score
    assert json.loads(shown.stdout)["files"][0]["score"] == score
    assert json.loads(hidden.stdout)["summary"]["findings"] == len(findings_of(hidden.stdout))

    text = cli_run("check", "--show-suppressed", str(marked))
    assert "(suppressed)" in text.stdout and "[blame-denial]" in text.stdout
    assert "[blame-denial]" not in cli_run("check", str(marked)).stdout

    # a range without enable runs to the end; enable RULE ends only that rule
    partial = tmp_path / "partial.txt"  # .txt drafts honour the same comments
    partial.write_text(
        bad_draft(
            before_blame="<!-- poalint-disable blame-denial, vague -->",
            after_blame="<!-- poalint-enable vague -->",
        )
    )
    rules = {f["rule"] for f in findings_of(cli_run("check", "--format", "json", str(partial)).stdout)}
    assert "blame-denial" not in rules and "blame-third-party" in rules and "vague-timing" in rules

    # disable-file with no list: everything, including file-level findings; exit 0
    whole = tmp_path / "whole.md"
    whole.write_text(bad_draft(top="<!-- poalint-disable-file -->"))
    result = cli_run("check", "--format", "json", str(whole))
    assert result.exit_code == 0
    assert findings_of(result.stdout) == []
    assert json.loads(result.stdout)["files"][0]["score"] == 100
    # disable-file with a category keeps the others
    only_blame = tmp_path / "only.md"
    only_blame.write_text(bad_draft(top="<!-- poalint-disable-file blame -->"))
    rules = {f["rule"] for f in findings_of(cli_run("check", "--format", "json", str(only_blame)).stdout)}
    assert rules and not any(r.startswith("blame") for r in rules) and "vague-timing" in rules

    # a directive inside fenced code is text, not a directive
    fenced = tmp_path / "fenced.md"
    fenced.write_text("```\n<!-- poalint-disable-file -->\n```\n\n" + bad_draft())
    assert findings_of(cli_run("check", "--format", "json", str(fenced)).stdout)

    # a misspelt rule in a directive is reported (stderr), and suppresses nothing
    typo = tmp_path / "typo.md"
    typo.write_text(bad_draft(before_blame="<!-- poalint-disable-next-line blame-denail -->"))
    result = cli_run("check", "--format", "json", str(typo))
    assert f"{typo}:4: warning: unknown rule or category 'blame-denail'" in result.stderr
    assert "blame-denial" in {f["rule"] for f in findings_of(result.stdout)}


# ----------------------------------------------------------------------------- configuration


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


HOUSE_RULE = """\
rules:
  - id: house-parcels
    kind: phrase
    category: vague
    severity: warning
    penalty: 1
    message: '"{match}": say which parcels'
    why: Reviewers want order numbers.
    suggestion: Name the orders.
    phrases: [our parcels]
    examples:
      bad: ["The carrier lost our parcels."]
      good: ["The carrier lost orders 1 and 2."]
"""


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


# ----------------------------------------------------------------------------- formats


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


# ----------------------------------------------------------------------------- rule tooling


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


# ----------------------------------------------------------------------------- Word drafts


def make_docx(path: Path) -> list[str]:
    """A Word draft; returns its paragraphs' texts in order (paragraph k = index k-1)."""
    import docx

    doc = docx.Document()
    doc.add_heading("Plan of Action", 0)  # Title style
    doc.add_paragraph("Dear Seller Performance team,")
    doc.add_heading("Root cause", 1)
    doc.add_paragraph(
        "On 19 February we moved the carrier pickup to 14:00 but left the 1-day handling time, "
        "so 37 orders placed after 14:00 shipped a day late. " + BLAME
    )
    doc.add_paragraph("")  # empty paragraphs count, as in Word
    heading = doc.add_paragraph()
    heading.add_run("Immediate actions").bold = True  # a bold line used as a heading
    doc.add_paragraph("On 15 March we restored the 17:00 pickup.", style="List Bullet")
    doc.add_paragraph("On 15 March we set the handling time to 2 days for all 212 SKUs.", style="List Bullet")
    doc.add_heading("Preventive measures", 1)
    doc.add_paragraph("Every day at 15:00 the shift lead ships all orders due that day.", style="List Number")
    doc.add_paragraph(VAGUE, style="List Number")
    doc.save(str(path))
    return [p.text for p in doc.paragraphs]


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


# ----------------------------------------------------------------------------- progress bar


def test_progress_bar_only_on_a_terminal_with_many_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(20):
        (folder / f"d{i:02}.md").write_text(GOOD)
    env = dict(os.environ, COLUMNS="100")
    env.pop("NO_COLOR", None)
    env.pop("POALINT_NO_PROGRESS", None)
    primary, secondary = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:  # read while the child writes: a pty's buffer is small
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "poalint", "check", "--format", "concise", str(folder)],
            stdout=subprocess.PIPE,
            stderr=secondary,
            env=env,
            cwd=ROOT,
        )
        os.close(secondary)
        reader.start()
        stdout, _ = proc.communicate(timeout=300)
        reader.join(timeout=10)
    finally:
        os.close(primary)
    stderr = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "Linting" in stderr and "20/20" in stderr
    assert b"Linting" not in stdout
    # not a terminal: silent
    piped = run_cli("check", "--format", "concise", str(folder))
    assert piped.returncode == 0 and piped.stderr == ""


# ----------------------------------------------------------------------------- README examples


def _fenced(language: str, after: str) -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index(f"```{language}\n", text.index(after)) + len(language) + 4
    return text[start : text.index("```", start)]


def test_readme_config_snippets_are_valid(tmp_path, pack):
    """The README's [tool.poalint] and .poalint.yaml blocks load and name real rules."""
    import yaml  # pre-commit depends on PyYAML

    from poalint.app.config import check_names, load_toml_config, load_yaml_config

    known = {r.id for r in pack.rules}
    toml = tmp_path / "pyproject.toml"
    toml.write_text(_fenced("toml", "### Configuration"))
    config = load_toml_config(toml, required=True)
    config.settings.rules.clear()  # the example's folder does not exist here
    check_names(config, known)
    assert config.settings.severity["missing-measure"] == "error"
    assert config.settings.per_file_ignores["templates/*.md"] == ["placeholder"]
    assert config.settings.fail_under == 70
    yml = tmp_path / ".poalint.yaml"
    yml.write_text(_fenced("yaml", "The same keys in"))
    check_names(load_yaml_config(yml), known)
    from poalint.app.config import STARTER

    starter = tmp_path / "starter.yaml"
    starter.write_text(STARTER)
    check_names(load_yaml_config(starter), known)

    precommit = yaml.safe_load(_fenced("yaml", "### pre-commit"))
    assert precommit["repos"][0]["hooks"][0]["id"] == "poalint"
    workflow = yaml.safe_load(_fenced("yaml", "### GitHub Actions"))
    steps = workflow["jobs"]["lint-drafts"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["id"] == "poalint" and hooks[0]["entry"] == "poalint check --force-exclude"
    assert hooks[0]["require_serial"] is True and hooks[0]["language"] == "python"

"""Usability: the rough edges a new user hits.

Word tracked changes, formats poalint cannot read, HTML pages, Word's "save as text",
paragraph quotes in Word locations, `exclude` globs, `--show-settings`, `--quiet`,
`--stdin-filename`, `--color`, `--version`, `explain`, unused suppression comments, "did you
mean" for options, shell completion, and the README's pre-commit / pipx / CHANGELOG promises.

Most tests drive the click application in-process with the session's pipeline (like
tests/conftest.py's `cli_run`); those about terminals, environment variables or imports run
`python -m poalint` in a subprocess.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import GOOD, ROOT, run_cli

BLAME = "This is NOT our fault!!! The carrier lost our parcels."
VAGUE = "We will improve our processes soon."
ANSI = "\x1b["


@pytest.fixture()
def cli(nlp, monkeypatch):
    """The real click CLI in-process, reusing the session's spaCy pipeline."""
    import poalint.nlp.pipeline
    from poalint.cli.app import cli as app

    monkeypatch.setattr(poalint.nlp.pipeline, "load_pipeline", lambda name=None, exclude=(): nlp)
    runner = CliRunner()

    def run(*args: str, input: str | bytes | None = None, env: dict | None = None):
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return run


def report_of(result) -> dict:
    return json.loads(result.stdout)


def rules_in(result, index: int = 0) -> set[str]:
    return {f["rule"] for f in report_of(result)["files"][index]["findings"]}


# ----------------------------------------------------------------------------- Word tracked changes


def _tracked_docx(path: Path) -> None:
    """A Word draft whose root cause paragraph has a pending insertion (the blame sentence)
    and a pending deletion, as Word writes them with Track Changes on."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def change(tag: str, text: str, number: int):
        mark = OxmlElement(tag)
        mark.set(qn("w:id"), str(number))
        mark.set(qn("w:author"), "Account manager")
        mark.set(qn("w:date"), "2024-05-02T10:00:00Z")
        run = OxmlElement("w:r")
        body = OxmlElement("w:delText" if tag == "w:del" else "w:t")
        body.set(qn("xml:space"), "preserve")
        body.text = text
        run.append(body)
        mark.append(run)
        return mark

    doc = docx.Document()
    doc.add_heading("Root cause", 1)
    paragraph = doc.add_paragraph(
        "On 19 February we moved the carrier pickup to 14:00 but left the 1-day handling time, "
        "so 37 orders placed after 14:00 shipped a day late. "
    )
    paragraph._p.append(change("w:ins", BLAME, 1))
    paragraph._p.append(change("w:del", " Zanzibarian quokkas deleted this.", 2))
    doc.add_heading("Immediate actions", 1)
    doc.add_paragraph("On 15 March we restored the 17:00 pickup.", style="List Bullet")
    doc.add_heading("Preventive measures", 1)
    doc.add_paragraph("Every day at 15:00 the shift lead ships all orders due that day.", style="List Bullet")
    doc.save(str(path))
    assert BLAME not in doc.paragraphs[1].text  # python-docx's own text skips the insertion


def test_word_tracked_insertions_are_read_and_deletions_dropped_with_a_warning(tmp_path, cli):
    draft = tmp_path / "tracked.docx"
    _tracked_docx(draft)
    result = cli("check", "--no-cache", "--format", "json", str(draft))
    assert result.exit_code == 1
    findings = report_of(result)["files"][0]["findings"]
    blame = [f for f in findings if f["rule"] == "blame-denial"]
    assert blame and blame[0]["line"] == 2  # the inserted sentence, in paragraph 2
    assert blame[0]["text"] == "NOT our fault"
    assert not any("quokkas" in (f["excerpt"] or "") + f["text"] for f in findings)
    assert (
        f"{draft}: warning: 2 tracked changes not yet accepted (1 insertion, 1 deletion); "
        "linted as if accepted." in result.stderr
    )
    # a draft without tracked changes gets no warning
    from tests.helpers import make_docx

    plain = tmp_path / "plain.docx"
    make_docx(plain)
    assert "tracked change" not in cli("check", "--no-cache", str(plain)).stderr


# ----------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("poa.rtf", b"{\\rtf1\\ansi We will improve our processes soon.}"),
        ("poa.odt", b"PK\x03\x04mimetypeapplication/vnd.oasis.opendocument.text"),
        ("poa.pdf", b"%PDF-1.7\nWe will improve our processes soon."),
        ("poa.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64),
        ("rtf-saved-as.txt", b"{\\rtf1\\ansi We will improve our processes soon.}"),
        ("pdf-saved-as.md", b"%PDF-1.4 We will improve our processes soon."),
    ],
)
def test_other_document_formats_are_refused_not_linted_as_text(tmp_path, cli, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    result = cli("check", "--no-cache", "--format", "json", str(path), str(good))
    assert result.exit_code == 2
    report = report_of(result)
    assert [Path(f["path"]).name for f in report["files"]] == ["good.md"]  # never linted as text
    assert report["errors"][0]["message"] == f"{path}: unsupported format; save it as .docx, .md or .txt"
    text = cli("check", "--no-cache", str(path))
    assert text.exit_code == 2 and "unsupported format; save it as .docx, .md or .txt" in text.stdout


def test_a_folder_of_unsupported_files_says_so(tmp_path, cli):
    (tmp_path / "poa.pdf").write_bytes(b"%PDF-1.7")
    result = cli("check", "--no-cache", str(tmp_path))
    assert result.exit_code == 2
    assert "folder holds no drafts" in result.stdout and "poa.pdf" in result.stdout
    assert "unsupported format; save it as .docx, .md or .txt" in result.stdout


PAGE = """<!DOCTYPE html>
<html><head><title>Plan</title><style>p {{ color: red }}</style>
<script>document.write("It was the carrier's fault!!!")</script></head>
<body>
<h1>Plan of Action</h1>
<p>Dear Seller Performance team,</p>
<h2>Root cause</h2>
<p>On 19 February we moved the carrier pickup to 14:00 but left the 1-day handling time,
   so 37 orders placed after 14:00 shipped a day late. {blame}</p>
<h2>Immediate actions</h2>
<ul>
  <li>On 15 March we restored the 17:00 pickup &amp; rechecked all 37 orders.</li>
  <li><p>On 15 March we set the handling time to 2 days for all 212 SKUs.</p></li>
</ul>
<h2>Preventive measures</h2>
<!-- poalint-disable-next-line vague-timing -->
<p>From 18 March our operations manager checks every pickup change before it goes live.</p>
<table><tr><th>When</th><th>Who</th><th>What</th></tr>
<tr><td>Every day at 15:00</td><td>Shift lead</td><td>Ships all orders due that day.</td></tr></table>
<p>{vague}</p>
</body></html>
"""


def test_html_drafts_are_read_with_their_structure(tmp_path, cli):
    page = PAGE.format(blame=BLAME, vague=VAGUE)
    draft = tmp_path / "poa.html"
    draft.write_text(page)
    result = cli("check", "--no-cache", "--format", "json", str(draft))
    file = report_of(result)["files"][0]
    kinds = [s["kind"] for s in file["sections"]]
    assert {"root_cause", "immediate_actions", "preventive_measures"} <= set(kinds)
    assert not any(f["line"] is None for f in file["findings"])  # no element missing or empty
    lines = page.split("\n")
    by_rule = {f["rule"]: f for f in file["findings"]}
    for rule, text in (("blame-denial", "NOT our fault"), ("vague-timing", "soon")):
        finding = by_rule[rule]  # located in the page itself, at the page's line and column
        source_line = lines[finding["line"] - 1]
        assert source_line[finding["column"] - 1 :].startswith(text), (rule, source_line)
        assert finding["end_column"] - finding["column"] == len(text)
    # the script's text is not part of the draft; a disable comment in the page applies
    assert sum(f["rule"] == "excessive-punctuation" for f in file["findings"]) == 1
    hidden = cli("check", "--no-cache", "--format", "json", "--show-suppressed", str(draft))
    assert not any(
        f["suppressed"] for f in report_of(hidden)["files"][0]["findings"]
    )  # nothing to hide there
    # text given to the Python API under an .html name is read as a page too
    from poalint.app.session import Session, SessionOptions

    api = Session(SessionOptions(cache=False, isolated=True)).lint_text(page, path="poa.html")
    assert {(f.rule, f.line, f.column) for f in api.findings} == {
        (f["rule"], f["line"], f["column"]) for f in file["findings"]
    }


def test_html_extraction_keeps_blocks_and_maps_back():
    from poalint.read.html import extract_html

    page = (
        "<p>a<br>b &lt;c&gt; &#8220;x&#8221;</p>\n<blockquote><p>quoted</p></blockquote>"
        "<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>"
        "<table><tr><td>x</td><td>y</td></tr><tr><td>z</td><td>w</td></tr></table><p>end</p>"
    )
    html = extract_html(page)
    assert html.text == (
        "a\nb <c> “x”\n\n> quoted\n\n- one\n\n- two\n\n  - nested\n\n| x | y |\n| z | w |\n\nend"
    )
    for char in "abxyzw":
        where = html.text.index(char)
        line, column = html.source_position(where)
        assert page.split("\n")[line - 1][column - 1] == char


# ----------------------------------------------------------------------------- save as text


SAVED_AS_TEXT = """Plan of Action for Example Store
Dear Seller Performance team,
Thank you for the chance to explain the late shipments on our account.
Root Cause
On 19 February we moved the carrier pickup to 14:00 but left the 1-day handling time, so 37 orders placed after 14:00 shipped a day late.
Immediate Actions
On 15 March we restored the 17:00 pickup.
On 15 March we set the handling time to 2 days for all 212 SKUs.
Preventive Measures
From 18 March our operations manager checks every pickup change against the template before it goes live.
Every day at 15:00 the shift lead ships all orders due that day.
Thank you for reviewing our plan.
"""


def test_plain_text_without_blank_lines_keeps_its_headings(lint):
    assert "\n\n" not in SAVED_AS_TEXT  # Word's "save as text": one paragraph per line
    report = lint(SAVED_AS_TEXT)
    headed = {s.kind: (s.heading, s.start_line) for s in report.sections if s.heading}
    assert headed["root_cause"] == ("Root Cause", 4)
    assert headed["immediate_actions"] == ("Immediate Actions", 6)
    assert headed["preventive_measures"] == ("Preventive Measures", 9)
    assert not any(f.line is None for f in report.findings)  # no element missing or empty
    # the same draft with blank lines is read the same way
    spaced = lint(SAVED_AS_TEXT.replace("\n", "\n\n"))
    assert [s.kind for s in spaced.sections] == [s.kind for s in report.sections]
    # a hard-wrapped paragraph still does not turn a wrapped line into a heading
    wrapped = lint(
        "We checked every order placed that week and found that\nroot cause\nanalysis was skipped.\n"
    )
    assert not any(s.heading for s in wrapped.sections)


# ----------------------------------------------------------------------------- Word locations


def test_word_locations_quote_the_start_of_the_paragraph(tmp_path, cli):
    from tests.helpers import make_docx

    draft = tmp_path / "poa.docx"
    paragraphs = make_docx(draft)
    vague = next(i for i, t in enumerate(paragraphs, 1) if t == VAGUE)
    text = cli("check", "--no-cache", str(draft)).stdout
    assert f'{draft}:¶{vague} ("We will improve our processes soon."): warning [vague-timing]' in text
    blame = next(i for i, t in enumerate(paragraphs, 1) if BLAME in t)
    assert f'{draft}:¶{blame} ("On 19 February we moved the carrier…"): error [blame-denial]' in text
    data = report_of(cli("check", "--no-cache", "--format", "json", str(draft)))
    excerpts = {f["rule"]: f["excerpt"] for f in data["files"][0]["findings"]}
    assert excerpts["blame-denial"] == "On 19 February we moved the carrier…"
    github = cli("check", "--no-cache", "--format", "github", str(draft)).stdout
    assert f'paragraph {blame} ("On 19 February we moved the carrier…"): ' in github
    # Markdown findings have no excerpt: their line and column are enough
    md = tmp_path / "poa.md"
    md.write_text(f"{VAGUE}\n")
    assert all(
        f["excerpt"] is None
        for f in report_of(cli("check", "--format", "json", str(md)))["files"][0]["findings"]
    )


def test_paragraph_excerpts_drop_markup_and_cut_at_a_word():
    from poalint.read.docx import paragraph_excerpt

    assert paragraph_excerpt("## Root cause") == "Root cause"
    assert (
        paragraph_excerpt("  - On 15 March we restored the pickup.") == "On 15 March we restored the pickup."
    )
    assert paragraph_excerpt("**Immediate actions**") == "Immediate actions"
    assert paragraph_excerpt("| When | What |") == "When / What"
    long = paragraph_excerpt("We will ship all orders within 24 hours of purchase from now on.")
    assert long == "We will ship all orders within 24 hours…"


# ----------------------------------------------------------------------------- exclude


def _project(tmp_path: Path, config: str) -> Path:
    (tmp_path / ".poalint.yaml").write_text(config)
    drafts = tmp_path / "drafts"
    (drafts / "archive").mkdir(parents=True)
    for name in ("poa.md", "archive/old.md", "README.md", "CHANGELOG.md", "notes.txt"):
        (drafts / name).write_text(f"{VAGUE}\n")
    (tmp_path / "README.md").write_text("# Project\n\nWe will improve our processes soon.\n")
    (tmp_path / "requirements.txt").write_text("spacy>=3.7\n")
    (tmp_path / "LICENSE.txt").write_text("MIT License\n")
    return drafts


def linted(result) -> set[str]:
    return {Path(f["path"]).as_posix() for f in report_of(result)["files"]}


def test_exclude_globs_in_folder_walks_and_force_exclude(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, "extend-exclude: [archive, 'drafts/notes.*']\n")
    walked = cli("check", "--no-cache", "--format", "json", ".")
    # defaults leave out README, CHANGELOG, requirements and LICENSE; extend-exclude the rest
    assert linted(walked) == {"drafts/poa.md"}
    # a file named explicitly is linted anyway (as ruff does) ...
    named = cli("check", "--no-cache", "--format", "json", "README.md", "drafts/archive/old.md")
    assert linted(named) == {"README.md", "drafts/archive/old.md"}
    # ... unless --force-exclude, which pre-commit's hook passes
    forced = cli("check", "--no-cache", "--force-exclude", "--format", "json", "README.md", "drafts/poa.md")
    assert linted(forced) == {"drafts/poa.md"}
    nothing = cli("check", "--no-cache", "--force-exclude", "README.md", "requirements.txt")
    assert nothing.exit_code == 0 and nothing.stdout == ""
    # a folder named explicitly is walked even when a glob names it
    assert linted(cli("check", "--no-cache", "--format", "json", "drafts/archive")) == {
        "drafts/archive/old.md"
    }

    # `exclude` replaces the defaults
    (tmp_path / ".poalint.yaml").write_text("exclude: ['notes.txt']\n")
    replaced = linted(cli("check", "--no-cache", "--format", "json", "."))
    assert {"README.md", "drafts/README.md", "drafts/CHANGELOG.md", "drafts/archive/old.md"} <= replaced
    assert "drafts/notes.txt" not in replaced
    # a typo in the key gets the usual suggestion
    (tmp_path / ".poalint.yaml").write_text("extend_exclude: [x]\n")
    typo = cli("check", "--no-cache", ".")
    assert typo.exit_code == 2 and "did you mean 'extend-exclude'?" in typo.stderr


def test_exclude_glob_semantics(tmp_path):
    from poalint.app.config import Config, ConfigModel

    config = Config(
        tmp_path / ".poalint.yaml",
        ConfigModel.model_validate({"extend-exclude": ["drafts/old/*", "tmp/", "*.bak.md"]}),
    )
    root = tmp_path
    assert config.excluded_by(str(root / "readme.md")) == "README*"  # case-insensitive
    assert config.excluded_by(str(root / "requirements-dev.txt")) == "requirements*.txt"
    assert config.excluded_by(str(root / "drafts" / "old" / "a.md")) == "drafts/old/*"
    assert config.excluded_by(str(root / "x" / "tmp" / "a.md")) == "tmp/"  # a folder at any depth
    assert config.excluded_by(str(root / "a.bak.md")) == "*.bak.md"
    assert config.excluded_by(str(root / "drafts" / "poa.md")) is None
    # only the part below a walked folder counts
    assert config.excluded_by(str(root / "tmp" / "a.md"), below=str(root / "tmp")) is None
    assert config.excluded_by(str(root / "tmp" / "a.md"), below=str(root)) == "tmp/"


# ----------------------------------------------------------------------------- --show-settings


def test_show_settings_names_the_configuration_and_resolved_settings(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _project(
        tmp_path, "ignore: [readability]\nfail-under: 70\nper-file-ignores:\n  'drafts/*.md': [placeholder]\n"
    )
    result = cli("check", "--show-settings", "--ignore", "tone", "drafts/poa.md", "README.md")
    assert result.exit_code == 0, result.output
    first, second = result.stdout.split("\n\n")
    assert "draft:            drafts/poa.md" in first
    assert f"configuration:    {tmp_path.resolve() / '.poalint.yaml'}" in first
    assert "ignore:           [readability, tone]" in first
    assert "per-file-ignores: [placeholder]" in first
    assert "fail-under:       70" in first and "fail-level:       error" in first
    assert "excluded:         no" in first
    assert "excluded:         yes, by 'README*'" in second
    described = json.loads(
        cli("check", "--show-settings", "--format", "json", "--fail-under", "50", ".").stdout
    )
    assert described[0]["fail-under"] == 50 and described[0]["select"] == "all"
    isolated = json.loads(cli("check", "--show-settings", "--isolated", "--format", "json").stdout)[0]
    assert isolated["configuration"].startswith("none (--isolated)") and isolated["ignore"] == []


# ----------------------------------------------------------------------------- --quiet, --stdin-filename


def test_quiet_prints_findings_only(tmp_path, cli):
    bad = tmp_path / "bad.md"
    bad.write_text(f"Dear team,\n\n{BLAME}\n")
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    loud = cli("check", "--no-cache", str(bad), str(good)).stdout
    assert "hint:" in loud and "score" in loud
    quiet = cli("check", "--no-cache", "-q", str(bad), str(good))
    assert quiet.exit_code == 1
    lines = quiet.stdout.splitlines()
    assert lines and all(line.startswith(f"{bad}") for line in lines)  # nothing about the good draft
    assert "hint:" not in quiet.stdout and "score" not in quiet.stdout
    assert cli("check", "--no-cache", "--quiet", str(good)).stdout == ""


def test_stdin_filename_lints_stdin_as_that_file(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    (tmp_path / ".poalint.yaml").write_text("per-file-ignores:\n  'drafts/*.md': [tone]\n")
    draft = f"Dear team,\n\n{BLAME}\n\n{VAGUE}\n"
    as_draft = cli(
        "check", "--no-cache", "--format", "json", "--stdin-filename", "drafts/poa.md", input=draft
    )
    file = report_of(as_draft)["files"][0]
    assert file["path"] == "drafts/poa.md"
    assert "excessive-punctuation" not in rules_in(as_draft)  # tone ignored for drafts/*.md
    elsewhere = cli(
        "check", "--no-cache", "--format", "json", "--stdin-filename", "other.md", "-", input=draft
    )
    assert "excessive-punctuation" in rules_in(elsewhere)
    text = cli("check", "--no-cache", "--stdin-filename", "drafts/poa.md", input=draft).stdout
    assert "drafts/poa.md:3:" in text and "<stdin>" not in text
    # the name decides the format: a page, a Word file, or a refusal
    page = cli(
        "check",
        "--no-cache",
        "--format",
        "json",
        "--stdin-filename",
        "poa.html",
        input=PAGE.format(blame=BLAME, vague=VAGUE),
    )
    assert "blame-denial" in rules_in(page)
    from tests.helpers import make_docx

    make_docx(tmp_path / "poa.docx")
    word = cli(
        "check",
        "--no-cache",
        "--format",
        "json",
        "--stdin-filename",
        "sent.docx",
        input=(tmp_path / "poa.docx").read_bytes(),
    )
    assert report_of(word)["files"][0]["location_unit"] == "paragraph" and "blame-denial" in rules_in(word)
    refused = cli("check", "--no-cache", "--stdin-filename", "poa.rtf", input="{\\rtf1 hello}")
    assert refused.exit_code == 2 and "poa.rtf: unsupported format" in refused.stdout
    # --force-exclude skips an excluded name without reading stdin
    skipped = cli("check", "--no-cache", "--force-exclude", "--stdin-filename", "README.md", input=draft)
    assert skipped.exit_code == 0 and skipped.stdout == ""


# ----------------------------------------------------------------------------- --color


def test_colour_choice_honours_no_color_and_force_color():
    from poalint.render.colour import use_colour

    assert use_colour("auto", True, {}) and not use_colour("auto", False, {})
    assert not use_colour("auto", True, {"NO_COLOR": "1"})
    assert use_colour("auto", True, {"NO_COLOR": ""})  # empty NO_COLOR means unset
    assert use_colour("auto", False, {"FORCE_COLOR": "1"}) and use_colour(
        "auto", False, {"FORCE_COLOR": "yes"}
    )
    assert not use_colour("auto", False, {"FORCE_COLOR": ""}) and not use_colour(
        "auto", False, {"FORCE_COLOR": "0"}
    )
    assert not use_colour("auto", False, {"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert use_colour("always", False, {"NO_COLOR": "1"}) and not use_colour(
        "never", True, {"FORCE_COLOR": "1"}
    )


def test_color_option_and_environment_end_to_end(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(f"Dear team,\n\n{BLAME}\n")
    env = {"FORCE_COLOR": "", "NO_COLOR": ""}
    assert ANSI not in run_cli("check", str(bad), env=env).stdout  # piped: plain
    assert ANSI in run_cli("check", str(bad), env={**env, "FORCE_COLOR": "1"}).stdout
    assert ANSI not in run_cli("check", str(bad), env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert ANSI in run_cli("check", "--color", "always", str(bad), env={**env, "NO_COLOR": "1"}).stdout
    assert ANSI not in run_cli("check", "--color", "never", str(bad), env={**env, "FORCE_COLOR": "1"}).stdout
    # machine formats are never coloured
    forced = run_cli("check", "--color", "always", "--format", "json", str(bad), env=env)
    assert ANSI not in forced.stdout and json.loads(forced.stdout)


# ----------------------------------------------------------------------------- --version


def test_version_names_the_pipeline_without_loading_it():
    from poalint.nlp.pipeline import installed_pipeline_identity

    name, version = installed_pipeline_identity(None)
    result = run_cli("--version", env={"PYTHONVERBOSE": "1"})
    assert result.returncode == 0
    first, second = result.stdout.splitlines()
    assert first.startswith("poalint, version ")
    assert second.startswith(f"spaCy pipeline: {name} {version} (default")
    assert "import 'spacy'" not in result.stderr and "import 'click'" not in result.stderr


# ----------------------------------------------------------------------------- explain


def test_explain_spells_out_placeholders_and_keeps_example_indentation(tmp_path):
    from poalint.checks.catalog import load_catalog
    from poalint.render.ruledocs import readable_message

    explained = run_cli("explain", "vague-action").stdout
    assert "{match}" not in explained
    assert '"<flagged words>" promises nothing concrete' in explained
    assert readable_message("grade {value}; {element} {other}") == "grade <N>; <section> <other>"
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text(
        """rules:
  - id: no-kind-of
    kind: phrase
    category: vague
    severity: warning
    penalty: 3
    message: '"{match}" is vague'
    why: Reviewers want specifics.
    suggestion: Say exactly what happened.
    phrases: [kind of]
    examples:
      bad:
        - |
          Immediate actions
            - The parcel was kind of late.
      good: ["The parcel was 2 days late."]
"""
    )
    load_catalog([rules])
    mine = run_cli("explain", "--rules", str(rules), "no-kind-of").stdout
    assert "Bad\n  Immediate actions\n    - The parcel was kind of late.\nGood\n" in mine
    assert '"<flagged words>" is vague' in mine


def test_explain_gives_the_right_way_to_silence_whole_draft_rules():
    whole = run_cli("explain", "missing-root-cause").stdout
    assert "<!-- poalint-disable-file missing-root-cause -->" in whole
    assert "disable-next-line" not in whole
    line = run_cli("explain", "vague-action").stdout
    assert "<!-- poalint-disable-next-line vague-action -->" in line
    assert "ignore: [vague-action]" in line
    category = run_cli("explain", "blame")
    assert category.returncode == 0 and "blame is a category" in category.stdout
    assert "blame-denial" in category.stdout


# ----------------------------------------------------------------------------- unused suppressions


def test_a_suppression_comment_that_silences_nothing_is_reported(tmp_path, cli):
    draft = tmp_path / "poa.md"
    draft.write_text(
        "<!-- poalint-disable-file placeholder -->\n"
        f"{GOOD}\n"
        "<!-- poalint-disable-next-line blame, vague -->\n"
        "The carrier lost 12 of our parcels.\n"
    )
    result = cli("check", "--no-cache", "--format", "json", str(draft))
    unused = {
        (f["line"], f["message"])
        for f in report_of(result)["files"][0]["findings"]
        if f["rule"] == "unused-suppression"
    }
    line = GOOD.count("\n") + 3
    assert unused == {
        (1, '"poalint-disable-file placeholder" silences nothing here; remove it, or fix the rule it names.'),
        (
            line,
            '"poalint-disable-next-line vague" silences nothing here; remove it, or fix the rule it names.',
        ),
    }
    file = report_of(result)["files"][0]
    assert not any(f["rule"].startswith("blame") for f in file["findings"])  # `blame` did its job
    # reported, but it costs no points and does not fail the run at the default level
    clean = tmp_path / "clean.md"
    clean.write_text("<!-- poalint-disable-next-line blame -->\n" + GOOD)
    quiet = cli("check", "--no-cache", "--format", "json", str(clean))
    assert (
        quiet.exit_code == 0
        and report_of(quiet)["files"][0]["score"]
        == report_of(cli("check", "--no-cache", "--format", "json", "-", input=GOOD))["files"][0]["score"]
    )
    assert rules_in(quiet) == {"unused-suppression"}
    # like any rule it can be ignored
    assert (
        rules_in(cli("check", "--no-cache", "--format", "json", "--ignore", "unused-suppression", str(clean)))
        == set()
    )


# ----------------------------------------------------------------------------- did you mean


def test_select_ignore_and_explain_typos_get_a_suggestion(tmp_path, cli):
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    select = cli("check", "--no-cache", "--select", "vauge", str(good))
    assert select.exit_code == 2
    assert "poalint: --select: unknown rule or category 'vauge'; did you mean 'vague'?" in select.stderr
    ignore = cli("check", "--no-cache", "--ignore", "blame,blame-denail", str(good))
    assert "--ignore: unknown rule or category 'blame-denail'; did you mean 'blame-denial'?" in ignore.stderr
    explain = run_cli("explain", "vauge-action")
    assert explain.returncode == 2
    assert "unknown rule 'vauge-action'; did you mean 'vague-action'?" in explain.stderr
    far = run_cli("explain", "zzzz")
    assert "`poalint rules` lists them" in far.stderr


# ----------------------------------------------------------------------------- completion, README


def test_shell_completion_as_the_readme_documents():
    readme = (ROOT / "README.md").read_text()
    assert 'eval "$(_POALINT_COMPLETE=bash_source poalint)"' in readme
    env = dict(os.environ, _POALINT_COMPLETE="bash_source")
    script = subprocess.run(
        [sys.executable, "-m", "poalint"], env=env, capture_output=True, text=True, timeout=60
    )
    # `python -m poalint` names itself poalint, so the script registers that command
    assert (
        "_poalint_completion" in script.stdout
        and "complete -o nosort -F _poalint_completion poalint" in script.stdout
    )

    def complete(words: str) -> list[str]:
        env = dict(
            os.environ,
            _POALINT_COMPLETE="bash_complete",
            COMP_WORDS=words,
            COMP_CWORD=str(len(words.split()) - 1),
        )
        done = subprocess.run(
            [sys.executable, "-m", "poalint"], env=env, capture_output=True, text=True, timeout=60
        )
        return [line.split(",", 1)[1] for line in done.stdout.splitlines()]

    assert "check" in complete("poalint ch")
    assert complete("poalint explain missing-root") == ["missing-root-cause"]
    assert "blame,vague" in complete("poalint check --select blame,vag")


def test_readme_install_precommit_and_changelog():
    readme = (ROOT / "README.md").read_text()
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert "pipx install" in readme
    block = readme[readme.index("### pre-commit") :]
    rev = re.search(r"rev: (\S+)", block).group(1)
    assert rev == f"v{version}"  # the release tag of this version
    assert "git ls-remote --tags" in block  # and how to pick another tag or a commit
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert "keepachangelog.com" in changelog
    assert "## [Unreleased]" in changelog and f"## [{version}]" in changelog
    for heading in re.findall(r"^### (.+)$", changelog, re.M):
        assert heading in ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "entry: poalint check --force-exclude" in hooks

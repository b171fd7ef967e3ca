"""The Python API: one Session for every front end (CLI, HTML, editor server, scripts)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import poalint
from poalint.app.session import Session, SessionOptions
from tests.conftest import GOOD


@pytest.fixture(scope="module")
def session(nlp):
    return Session(SessionOptions(cache=False), nlp=nlp)


def test_lint_text_returns_the_report_model(session):
    report = session.lint_text(GOOD, path="poa.md")
    assert isinstance(report, poalint.FileReport)
    assert report.path == "poa.md"
    assert report.grade in ("A", "B")
    assert [
        s.kind
        for s in report.sections
        if s.kind in ("root_cause", "immediate_actions", "preventive_measures")
    ] == [
        "root_cause",
        "immediate_actions",
        "preventive_measures",
    ]


def test_session_reuses_the_pack_and_pipeline(session):
    session.lint_text(GOOD, path="a.md")
    linters = dict(session._linters)
    bad = session.lint_text("We will try harder. It was the carrier's fault!!!", path="b.md")
    assert session._linters == linters  # nothing rebuilt
    assert any(f.category == "tone" for f in bad.findings)
    assert bad.score < 50


def test_lint_text_applies_the_configuration_of_its_path(tmp_path, nlp):
    (tmp_path / ".poalint.yaml").write_text("ignore: [tone]\n")
    text = "It was the carrier's fault!!! We will try harder."
    session = Session(SessionOptions(cache=False), nlp=nlp)
    governed = session.lint_text(text, path=str(tmp_path / "poa.md"))
    assert not any(f.category == "tone" for f in governed.findings)
    elsewhere = Session(SessionOptions(cache=False, isolated=True), nlp=nlp).lint_text(text, path="poa.md")
    assert any(f.category == "tone" for f in elsewhere.findings)


def test_lint_paths_and_exit_status(tmp_path, nlp):
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "bad.md").write_text("# Plan\n\nWe will do better. Amazon is unfair!!!\n")
    result = Session(SessionOptions(cache=False, isolated=True), nlp=nlp).lint_paths([str(tmp_path)])
    scores = {Path(f.path).name: f.score for f in result.report.files}
    assert scores["good.md"] > scores["bad.md"]
    assert result.exit_status(None, None, exit_zero=False) == 1
    assert result.exit_status(None, None, exit_zero=True) == 0
    assert [Path(f.path).name for f in result.failing_files(60)] == ["bad.md"]


def test_every_configuration_a_session_meets_is_checked(tmp_path, nlp):
    """A long-lived session (the editor server) lints drafts under several configurations;
    a typo in one found after the first is still an error, not silently ignored."""
    (tmp_path / "ok").mkdir()
    (tmp_path / "typo").mkdir()
    (tmp_path / "typo" / ".poalint.yaml").write_text("ignore: [vage]\n")
    session = Session(SessionOptions(cache=False), nlp=nlp)
    session.lint_text(GOOD, path=str(tmp_path / "ok" / "poa.md"))
    with pytest.raises(poalint.UserError, match="did you mean 'vague'"):
        session.lint_text(GOOD, path=str(tmp_path / "typo" / "poa.md"))
    session.lint_text(GOOD, path=str(tmp_path / "ok" / "poa.md"))  # the others still lint


def test_unknown_select_is_a_user_error(nlp):
    session = Session(SessionOptions(cache=False, select=["blmae"]), nlp=nlp)
    with pytest.raises(poalint.UserError):
        session.lint_text(GOOD)


def test_import_poalint_is_light():
    code = "import sys, poalint; assert 'spacy' not in sys.modules and 'pydantic' not in sys.modules, sorted(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)

"""Issue types (rules/issues/*.yaml): loading, detection, checklists, the override."""

from __future__ import annotations

from pathlib import Path

import pytest

from poalint.checks.loader import load_pack
from poalint.errors import RuleError

PACK = load_pack()


@pytest.fixture(scope="module")
def session(nlp):
    from poalint.app.session import Session, SessionOptions

    return Session(SessionOptions(isolated=True, cache=False), nlp=nlp)


TOPICS = [(t.id, topic) for t in PACK.issues.values() for topic in t.checklist]


def test_at_least_twenty_types_with_three_to_six_topics():
    assert len(PACK.issues) >= 20
    for issue in PACK.issues.values():
        assert 3 <= len(issue.checklist) <= 6, issue.id


@pytest.mark.parametrize(("issue_id", "topic"), TOPICS, ids=[f"{i}/{t.id}" for i, t in TOPICS])
def test_topic_examples(linter, issue_id, topic):
    """Each topic documents itself: its bad example leaves it uncovered, its good one covers it."""
    from poalint.checks.examples import topic_covered

    for example in topic.examples.bad:
        assert not topic_covered(linter, issue_id, topic.id, example.text, example.section), example.text
    for example in topic.examples.good:
        assert topic_covered(linter, issue_id, topic.id, example.text, example.section), example.text
    assert topic.why and topic.suggestion and topic.title


def test_bad_issue_file_is_one_positioned_line(tmp_path: Path):
    folder = tmp_path / "rules"
    (folder / "issues").mkdir(parents=True)
    (folder / "issues" / "x.yaml").write_text(
        "issue:\n  id: my-issue\n  name: Mine\n  cues:\n    - weight: 0\n      phrases: [mine]\n  checklist: []\n"
    )
    with pytest.raises(RuleError) as caught:
        load_pack([folder])
    line = caught.value.line()
    assert "x.yaml:5:" in line and "weight" in line and "\n" not in line


def test_user_issue_type_extends_the_pack(tmp_path: Path):
    folder = tmp_path / "rules"
    (folder / "issues").mkdir(parents=True)
    topic = (
        "    - id: t{n}\n      title: Topic {n}\n      section: root_cause\n      phrases: [widget {n}]\n"
        "      why: Because.\n      suggestion: Say it.\n      examples:\n        bad: [nothing]\n        good: [widget {n}]\n"
    )
    (folder / "issues" / "widgets.yaml").write_text(
        "issue:\n  id: widget-recall\n  name: Widget recall\n  cues:\n    - weight: 9\n      phrases: [widget recall]\n"
        "  checklist:\n" + "".join(topic.format(n=n) for n in (1, 2, 3))
    )
    pack = load_pack([folder])
    assert "widget-recall" in pack.issues and "late-shipment-rate" in pack.issues


def test_duplicate_type_name_is_refused(tmp_path: Path):
    folder = tmp_path / "rules"
    folder.mkdir()
    source = Path(PACK.issue_sources["pricing"]).read_text(encoding="utf-8")
    (folder / "pricing-copy.yaml").write_text(source)
    with pytest.raises(RuleError, match="already used"):
        load_pack([folder])


LSR = """# Plan of Action – Late Shipment Rate

## Root cause
Our late shipment rate rose because orders doubled while one packer worked, and orders placed after the 13:00 carrier pickup missed it.

## Immediate actions
We shipped all late orders by 7 August.

## Preventive measures
We changed the handling time to 2 days on all SKUs on 15 August.
"""


def test_detects_type_and_reports_checklist(session):
    report = session.lint_text(LSR, "lsr.md")
    assert report.issue is not None and report.issue.type == "late-shipment-rate"
    assert report.issue.source == "draft" and "late shipment rate" in report.issue.cues
    checklist = {c.id: c.covered for c in report.checklist}
    assert checklist == {
        "handling-time": True,
        "carrier-pickup": True,
        "capacity": True,
        "shipment-confirmation": False,
    }
    missing = [f for f in report.findings if f.rule == "checklist-topic"]
    assert [f.text for f in missing] == ["Shipment confirmation timing"]
    assert missing[0].category == "coverage" and missing[0].section == "preventive_measures"


def test_ambiguous_draft_gets_no_type_and_no_checklist(session):
    text = "## Root cause\nWe made a mistake.\n\n## Actions\nWe fixed it.\n\n## Prevention\nWe will check it weekly.\n"
    report = session.lint_text(text, "vague.md")
    assert report.issue is not None and report.issue.type is None
    assert report.checklist == [] and not [f for f in report.findings if f.category == "coverage"]


def test_two_issues_in_balance_get_no_type(session):
    text = (
        "Our late shipment rate and our cancellation rate both went above target.\n"
        "Late shipments and cancellations came from the same inventory feed problem.\n"
    )
    report = session.lint_text(text, "both.md")
    assert report.issue.type is None
    assert {c.type for c in report.issue.candidates} >= {"late-shipment-rate", "cancellation-rate"}


def test_issue_option_and_config_override(tmp_path: Path):
    from poalint.app.session import Session, SessionOptions

    draft = tmp_path / "d.md"
    draft.write_text(LSR)
    report = Session(SessionOptions(isolated=True, cache=False, issue="otdr")).lint_paths([str(draft)]).report
    assert report.files[0].issue.type == "on-time-delivery" and report.files[0].issue.source == "option"
    (tmp_path / ".poalint.yaml").write_text("issue: pricing\n")
    report = Session(SessionOptions(cache=False)).lint_paths([str(draft)]).report
    assert report.files[0].issue.type == "pricing" and report.files[0].issue.source == "config"


def test_unknown_issue_in_config_is_one_line(tmp_path: Path):
    from poalint.app.session import Session, SessionOptions
    from poalint.errors import UserError

    draft = tmp_path / "d.md"
    draft.write_text(LSR)
    (tmp_path / ".poalint.yaml").write_text("ignore: []\nissue: late-shipments\n")
    with pytest.raises(UserError) as caught:
        Session(SessionOptions(cache=False)).lint_paths([str(draft)])
    assert ".poalint.yaml:2" in caught.value.line() and "late-shipments" in caught.value.line()


def test_quoted_notice_text_does_not_cover_a_topic(session):
    text = LSR.replace(
        "We changed the handling time to 2 days on all SKUs on 15 August.",
        "> Please check the handling time in your shipping template.\n\nWe will try harder.",
    )
    report = session.lint_text(text, "q.md")
    assert {c.id: c.covered for c in report.checklist}["handling-time"] is False


def test_pathological_notice_finishes(tmp_path: Path, nlp):
    import time

    from poalint.app.session import Session, SessionOptions

    draft = tmp_path / "d.md"
    draft.write_text(LSR)
    notice = tmp_path / "n.txt"
    notice.write_text(("Please Provide The Following " * 2000 + "\n- " + "[" * 50_000 + "\n\n") * 4)
    started = time.monotonic()
    session = Session(SessionOptions(isolated=True, cache=False, notice=str(notice)), nlp=nlp)
    report = session.lint_paths([str(draft)]).report
    assert time.monotonic() - started < 60
    assert report.files[0].notice is not None


def test_misplaced_promises(session):
    text = (
        "## Root cause\nOur late shipment rate rose because one packer worked alone.\n\n"
        "## Immediate actions\nWe will refund the buyers who complained.\n\n"
        "## Preventive measures\nWe refunded all buyers and removed the listing.\n"
    )
    rules = {f.rule: f.section for f in session.lint_text(text, "p.md").findings}
    assert rules.get("promise-in-actions") == "immediate_actions"
    assert rules.get("done-as-prevention") == "preventive_measures"


def test_rules_test_runs_the_checklist_topics_examples(tmp_path: Path):
    from click.testing import CliRunner

    from poalint.cli.app import cli

    folder = tmp_path / "rules"
    (folder / "issues").mkdir(parents=True)
    topic = (
        "    - id: t{n}\n      title: Topic {n}\n      section: root_cause\n      phrases: [widget {n}]\n"
        "      why: Because.\n      suggestion: Say it.\n      examples:\n        bad: ['{bad}']\n        good: [widget {n}]\n"
    )
    topics = [
        topic.format(n=1, bad="we checked widget 1"),
        *(topic.format(n=n, bad="nothing") for n in (2, 3)),
    ]
    source = folder / "issues" / "widgets.yaml"
    source.write_text(
        "issue:\n  id: widget-recall\n  name: Widget recall\n  cues:\n    - weight: 9\n      phrases: [widget recall]\n"
        "  checklist:\n" + "".join(topics)
    )
    result = CliRunner().invoke(cli, ["rules", "test", str(folder)])
    assert result.exit_code == 1, result.output
    # the bad example of t1 names the topic, so it covers it: reported at its line
    assert (
        f"{source}:15: widget-recall/t1: bad example covers the topic: 'we checked widget 1'" in result.output
    )
    assert "3 checklist topics, 6 examples: 1 failed" in result.output

"""Run rules' `examples`: every bad snippet must trigger its rule, every good one must not."""

from __future__ import annotations

from dataclasses import dataclass

from poalint.app.linter import Linter, build_document
from poalint.checks.models import Example, RuleBase
from poalint.model.document import Section


@dataclass
class ExampleResult:
    rule: str
    expectation: str  # "bad" or "good"
    text: str
    passed: bool
    found: list[str]


def lint_example(linter: Linter, example: Example, rule_id: str | None = None):
    """Findings for one example snippet; with `rule_id`, only that rule runs."""
    from poalint.nlp.analysis import analyse_many

    document = build_document("<example>", example.full_text, linter.parser)
    analysed = analyse_many([document], linter.nlp)[0]  # type: ignore[arg-type]
    if example.section:
        blocks = [b for b in document.blocks if b.type != "comment"]
        for block in blocks:
            block.kind = example.section
        document.sections = (
            [Section(example.section, None, blocks[0].start_line, blocks[-1].end_line, blocks)]
            if blocks
            else []
        )
    else:
        linter.splitter.split(analysed)
    review = None
    if example.issue or example.notice or example.previous:
        from poalint.read.companions import Companions

        companions = Companions(
            notice_path="<notice>" if example.notice else None,
            notice_text=example.notice,
            previous_path="<previous>" if example.previous else None,
            previous_text=example.previous,
            issue=example.issue,
            issue_source="option" if example.issue else None,
        )
        review = linter.reviewer.review(analysed, companions)
    return linter.engine.lint(analysed, only=rule_id, review=review)


def topic_covered(linter: Linter, issue_id: str, topic_id: str, text: str, section: str | None) -> bool:
    """Does `text`, linted as a draft answering `issue_id`, cover the checklist topic?"""
    from poalint.nlp.analysis import analyse_many
    from poalint.read.companions import Companions

    document = build_document("<example>", text, linter.parser)
    analysed = analyse_many([document], linter.nlp)[0]  # type: ignore[arg-type]
    linter.splitter.split(analysed)
    review = linter.reviewer.review(analysed, Companions(issue=issue_id, issue_source="option"))
    return next(item.covered for item in review.checklist if item.id == topic_id)


def run_rule_examples(linter: Linter, rule: RuleBase) -> list[ExampleResult]:
    results = []
    for expectation, examples in (("bad", rule.examples.bad), ("good", rule.examples.good)):
        for example in examples:
            findings = lint_example(linter, example, rule.id)
            fired = [f for f in findings if f.rule == rule.id]
            passed = bool(fired) if expectation == "bad" else not fired
            results.append(
                ExampleResult(
                    rule.id, expectation, example.text.strip()[:80], passed, [f.message for f in fired]
                )
            )
    return results


def run_topic_examples(linter: Linter, issue_id: str) -> list[ExampleResult]:
    """The examples of an issue type's checklist topics: a bad one must leave its topic
    uncovered, a good one must cover it (`rule` names the topic as TYPE/TOPIC)."""
    results = []
    issue = linter.pack.issues[issue_id]
    for topic in issue.checklist:
        for expectation, examples in (("bad", topic.examples.bad), ("good", topic.examples.good)):
            for example in examples:
                covered = topic_covered(linter, issue_id, topic.id, example.text, example.section)
                passed = not covered if expectation == "bad" else covered
                results.append(
                    ExampleResult(
                        f"{issue_id}/{topic.id}", expectation, example.text.strip()[:80], passed, []
                    )
                )
    return results

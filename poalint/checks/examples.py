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
    return linter.engine.lint(analysed, only=rule_id)


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

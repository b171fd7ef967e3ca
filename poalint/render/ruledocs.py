"""Text for `poalint rules` and `poalint explain RULE` (no click, pydantic or spaCy needed)."""

from __future__ import annotations

import json

from poalint.checks.catalog import RuleDoc


def render_rule_list(docs: list[RuleDoc], fmt: str) -> str:
    """The rule table (`text`) or a JSON array of id, kind, category, severity, description."""
    if fmt == "json":
        rows = [
            {
                "id": r.id,
                "kind": r.kind,
                "category": r.category,
                "severity": r.severity,
                "description": r.summary,
            }
            for r in docs
        ]
        return json.dumps(rows, indent=2) + "\n"
    width = max(len(r.id) for r in docs)
    lines = [f"{'id':{width}}  {'category':11}  {'severity':8}  description"]
    lines += [f"{r.id:{width}}  {r.category:11}  {r.severity:8}  {r.summary}" for r in docs]
    return "\n".join(lines) + "\n"


# what each message placeholder stands for, in `explain` (the finding shows the real value)
PLACEHOLDERS = {"match": "flagged words", "value": "N", "element": "section"}


def readable_message(message: str) -> str:
    """A rule's message with its `{match}`-style placeholders spelled out: `<flagged words>`."""
    import string

    out = []
    try:
        parts = list(string.Formatter().parse(message))
    except ValueError:  # a stray brace: show the message as written
        return message
    for literal, name, _spec, _conversion in parts:
        out.append(literal)
        if name is not None:
            out.append(f"<{PLACEHOLDERS.get(name, name or 'value')}>")
    return "".join(out)


def _example_lines(examples: list[str]) -> list[str]:
    """Each example indented under its heading, its own indentation kept; a blank line
    separates examples that span several lines."""
    import textwrap

    lines: list[str] = []
    multi = any("\n" in e.strip("\n") for e in examples)
    for index, example in enumerate(examples):
        if multi and index:
            lines.append("")
        body = textwrap.dedent(example.strip("\n")).rstrip()
        lines += [f"  {line}".rstrip() for line in body.split("\n")]
    return lines


def render_explanation(rule: RuleDoc) -> str:
    """What the rule flags, why reviewers care, what to do, its examples, how to suppress it."""
    lines = [
        f"{rule.id} ({rule.category}, {rule.severity}, kind: {rule.kind})",
        "",
        "What it flags",
        f"  {readable_message(rule.message)}",
        "",
        "Why reviewers care",
        f"  {rule.why.strip()}",
        "",
        "What to do",
        f"  {rule.suggestion}",
        "",
        "Bad",
        *_example_lines(rule.bad),
        "Good",
        *_example_lines(rule.good),
        "",
        "Suppress",
    ]
    if rule.whole_draft:
        lines += [
            "  This rule judges the draft as a whole, so a comment on one line cannot silence it:",
            f"  <!-- poalint-disable-file {rule.id} -->  anywhere in the draft (first line by convention)",
        ]
    else:
        lines += [
            f"  <!-- poalint-disable-next-line {rule.id} -->  before the line, in the draft",
            f"  <!-- poalint-disable {rule.id} --> ... <!-- poalint-enable -->  for a stretch",
            f"  <!-- poalint-disable-file {rule.id} -->  for the whole draft",
        ]
    lines += [
        f'  ignore = ["{rule.id}"]  under [tool.poalint] in pyproject.toml (or `ignore: [{rule.id}]`',
        "  in .poalint.yaml), for every draft it governs",
    ]
    return "\n".join(lines) + "\n"


def render_category(name: str, docs: list[RuleDoc]) -> str:
    """`poalint explain CATEGORY`: the rules in it."""
    rules = [r for r in docs if r.category == name]
    width = max((len(r.id) for r in rules), default=0)
    lines = [f"{name} is a category, not a rule; its rules:", ""]
    lines += [f"  {r.id:{width}}  {r.summary}" for r in rules]
    lines += ["", "`poalint explain RULE` explains one of them."]
    return "\n".join(lines) + "\n"


def explain(name: str, docs: list[RuleDoc]) -> str | None:
    """The text of `poalint explain NAME` for a rule id or a category, or None if unknown."""
    rule = next((r for r in docs if r.id == name), None)
    if rule is not None:
        return render_explanation(rule)
    if any(r.category == name for r in docs):
        return render_category(name, docs)
    return None

"""Human output: `path:line:col: severity [rule] message`, then a score line per file."""

from __future__ import annotations

import click

from poalint.model.document import ELEMENT_LABELS
from poalint.model.report import FileReport, FindingModel, Report, ScoreExplanation, printable, printable_path
from poalint.render import RenderContext, renderer
from poalint.vocabulary import SECTION_LABELS, VOCABULARY

COLOURS = {name: s.colour for name, s in VOCABULARY.severities.items()}
ELEMENT_NAMES = ELEMENT_LABELS


def _where(report: FileReport, finding: FindingModel) -> str:
    if finding.line is None:
        return report.path
    if report.location_unit == "paragraph":  # Word: the paragraph's number and first words
        quote = f' ("{finding.excerpt}")' if finding.excerpt else ""
        return f"{report.path}:¶{finding.line}{quote}"
    return f"{report.path}:{finding.line}:{finding.column}"


def _checklist(file: FileReport, colour: bool) -> list[str]:
    """The issue type and its checklist, ✓ / ✗ per topic (and the notice's open items)."""
    issue = file.issue
    if issue is None:
        return []
    if issue.type is None:
        return ["  issue: not clear from the draft (--issue TYPE names it)"]
    source = {
        "notice": "from the notice",
        "draft": "from the draft",
        "option": "--issue",
        "config": "configuration",
    }
    cues = f": {', '.join(repr(c) for c in issue.cues[:4])}" if issue.cues else ""
    out = [f"  issue: {issue.name} ({source.get(issue.source or '', issue.source)}{cues})"]
    for item in file.checklist:
        mark = "✓" if item.covered else "✗"
        if colour:
            mark = click.style(mark, fg="green" if item.covered else "red", bold=True)
        label = item.title if item.kind == "topic" else f"document: {item.title}"
        where = f" (line {item.line})" if item.covered and item.line else ""
        if not item.covered and item.section:
            where = f" — belongs in {SECTION_LABELS.get(item.section, item.section.replace('_', ' '))}"
        out.append(f"  {mark} {label}{where}")
    notice = file.notice
    if notice is not None:
        ids = notice.asins + notice.order_ids
        done = sum(1 for i in ids if i.addressed) + sum(1 for a in notice.asks if a.addressed)
        total = len(ids) + len(notice.asks)
        out.append(f"  notice {printable_path(notice.path)}: {done}/{total} items and requests answered")
        for text in notice.unaddressed:
            mark = click.style("✗", fg="red", bold=True) if colour else "✗"
            out.append(f"  {mark} notice: {printable(text)}")  # the notice's words: no terminal codes
    resub = file.resubmission
    if resub is not None:
        out.append(
            f"  resubmission of {printable_path(resub.previous)}: {resub.unchanged_share:.0%} of sentences unchanged"
        )
        if resub.rehashed:
            # the carried-over sentences, per section, so the writer sees what to rewrite
            by_section: dict[str, list[str]] = {}
            for sentence in resub.carried_over:
                name = (sentence.section or "other").replace("_", " ")
                text = printable(" ".join(sentence.text.split()))
                text = text if len(text) <= 100 else text[:99] + "…"
                by_section.setdefault(name, []).append(f"line {sentence.line}: {text}")
            for name, sentences in by_section.items():
                out.append(f"  carried over in {name}:")
                out.extend(f"    {line}" for line in sentences)
    return out


def render_text(report: Report, colour: bool, concise: bool = False, show_suppressed: bool = False) -> str:
    out: list[str] = []
    for file in report.files:
        for f in file.findings:
            if f.suppressed and not show_suppressed:
                continue
            severity = click.style(f.severity, fg=COLOURS[f.severity], bold=True) if colour else f.severity
            rule = click.style(f"[{f.rule}]", dim=True) if colour else f"[{f.rule}]"
            tag = " (suppressed)" if f.suppressed else ""
            out.append(f"{_where(file, f)}: {severity} {rule} {f.message}{tag}")
            if not concise and f.suggestion and not f.suppressed:
                out.append(f"    hint: {f.suggestion}")
        if not concise:
            parts = ", ".join(f"{SECTION_LABELS[k]} {v:g}" for k, v in file.element_scores.items())
            line = f"{file.path}: score {file.score:g}/100 ({file.grade}) — {parts}"
            if file.location_unit == "paragraph":
                line += " [locations are paragraph numbers]"
            out.append(click.style(line, bold=True) if colour else line)
            if file.explanation is not None:
                out.extend(f"    {why}" for why in explain_lines(file.explanation, file.score))
            out.extend(_checklist(file, colour))
    for error in report.errors:
        out.append(click.style(error.message, fg="red") if colour else error.message)
    if not concise and len(report.files) > 1:
        s = report.summary
        out.append(
            f"{s.files} files, {s.findings} findings "
            f"({s.by_severity.get('error', 0)} errors, {s.by_severity.get('warning', 0)} warnings, "
            f"{s.by_severity.get('info', 0)} info), average score {s.average_score}"
        )
    return "\n".join(out) + ("\n" if out else "")


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def _findings(count: int) -> str:
    return f"{count} finding{'s' if count != 1 else ''}"


def explain_lines(explanation: ScoreExplanation, score: float) -> list[str]:
    """Why the score: the deductions per category (with the ceilings that applied), the caps,
    and why a sub-score is 0. Empty for a draft nothing was deducted from."""
    lines = []
    if explanation.deductions:
        parts = []
        for d in explanation.deductions:
            detail = _findings(d.findings)
            if d.ceiling is not None and d.raw > d.ceiling:
                detail += f", capped at {_num(d.ceiling)} from {_num(d.raw)}"
            parts.append(f"{d.category} −{_num(d.deduction)} ({detail})")
        lines.append(
            f"why: {', '.join(parts)}; 100 − {_num(explanation.total)} = {_num(explanation.uncapped)}"
        )
    for cap in explanation.caps:
        head = (
            f"capped at {_num(cap.limit)}"
            if cap.limit < explanation.uncapped
            else f"cap {_num(cap.limit)} (already below)"
        )
        lines.append(f"{head}: {cap.reason} [{', '.join(cap.rules)}]")
    for element in explanation.elements:
        if element.zero_reason:
            rule = f" [{element.zero_rule}]" if element.zero_rule else ""
            lines.append(f"{ELEMENT_NAMES[element.element]} 0: {element.zero_reason}{rule}")
    return lines


@renderer("text", machine=False, description="findings with hints, then a score line per file")
def _text(report: Report, context: RenderContext) -> str:
    return render_text(report, context.colour, concise=False, show_suppressed=context.show_suppressed)

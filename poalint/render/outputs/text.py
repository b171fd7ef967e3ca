"""Human output: `path:line:col: severity [rule] message`, then a score line per file."""

from __future__ import annotations

import click

from poalint.model.document import ELEMENT_LABELS
from poalint.model.report import FileReport, FindingModel, Report, ScoreExplanation
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

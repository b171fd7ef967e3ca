"""Human output: `path:line:col: severity [rule] message`, then a score line per file."""

from __future__ import annotations

import click

from poalint.model.report import FileReport, FindingModel, Report
from poalint.render import RenderContext, renderer

COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}
ELEMENT_NAMES = {
    "root_cause": "root cause",
    "immediate_actions": "immediate actions",
    "preventive_measures": "preventive measures",
}


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
            parts = ", ".join(f"{ELEMENT_NAMES[k]} {v:g}" for k, v in file.element_scores.items())
            line = f"{file.path}: score {file.score:g}/100 ({file.grade}) — {parts}"
            if file.location_unit == "paragraph":
                line += " [locations are paragraph numbers]"
            out.append(click.style(line, bold=True) if colour else line)
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


@renderer("text", machine=False, description="findings with hints, then a score line per file")
def _text(report: Report, context: RenderContext) -> str:
    return render_text(report, context.colour, concise=False, show_suppressed=context.show_suppressed)


@renderer("concise", machine=False, description="one line per finding")
def _concise(report: Report, context: RenderContext) -> str:
    return render_text(report, context.colour, concise=True, show_suppressed=context.show_suppressed)

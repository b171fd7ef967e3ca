"""GitHub Actions workflow commands: one annotation per finding.

    ::error file=drafts/a.md,line=14,col=5,endLine=14,endColumn=26,title=poalint vague-action::message

Severities map to `error`, `warning` and `notice`. Findings without a line annotate the
file; in Word drafts the paragraph number goes into the message (lines would point into
the zipped XML).
"""

from __future__ import annotations

from poalint.model.report import Report
from poalint.render import RenderContext, paragraph_label, renderer
from poalint.vocabulary import VOCABULARY

COMMANDS = {name: s.github for name, s in VOCABULARY.severities.items()}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    out: list[str] = []
    for file in report.files:
        for f in file.findings:
            if f.suppressed:
                continue
            props = [f"file={_prop(file.path)}"]
            message = f.message
            if f.line is not None and file.location_unit == "line":
                props.append(f"line={f.line}")
                if f.column is not None:
                    props.append(f"col={f.column}")
                if f.end_line is not None:
                    props.append(f"endLine={f.end_line}")
                if f.end_column is not None and f.end_line == f.line:
                    props.append(f"endColumn={f.end_column}")
            elif f.line is not None:
                message = f"{paragraph_label(f)}: {message}"
            props.append(f"title={_prop(f'poalint {f.rule}')}")
            if f.suggestion:
                message = f"{message}\n{f.suggestion}"
            out.append(f"::{COMMANDS[f.severity]} {','.join(props)}::{_data(message)}")
        out.append(f"{file.path}: score {file.score:g}/100 ({file.grade})")  # a log line, not an annotation
    for error in report.errors:
        out.append(f"::error file={_prop(error.path)},title=poalint::{_data(error.message)}")
    return "\n".join(out) + ("\n" if out else "")


@renderer("github", machine=True, description="GitHub Actions workflow commands (annotations)")
def _github(report: Report, context: RenderContext) -> str:
    return render_github(report)

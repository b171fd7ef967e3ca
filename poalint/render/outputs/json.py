"""JSON output: the Report model, serialised deterministically."""

from __future__ import annotations

from poalint.model.report import Report
from poalint.render import RenderContext, renderer


def render_json(report: Report) -> str:
    """Indented UTF-8 JSON in field order (pydantic's serialiser: the same text as `json.dumps`
    with indent=2 and ensure_ascii=False, several times faster on big reports)."""
    return report.model_dump_json(indent=2) + "\n"


def report_schema() -> dict:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "poalint report"
    return schema


@renderer("json", machine=True, description="the report model as JSON (`poalint schema`)")
def _json(report: Report, context: RenderContext) -> str:
    return render_json(report)

"""JSON output: the Report model, serialised deterministically."""

from __future__ import annotations

import json

from poalint.report import Report


def render_json(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def report_schema() -> dict:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "poalint report"
    return schema

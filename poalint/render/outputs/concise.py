"""Concise output: one line per finding (`path:line:col: severity [rule] message`), without
hints or score lines."""

from __future__ import annotations

from poalint.model.report import Report
from poalint.render import RenderContext, renderer
from poalint.render.outputs.text import render_text


@renderer("concise", machine=False, description="one line per finding")
def _concise(report: Report, context: RenderContext) -> str:
    return render_text(report, context.colour, concise=True, show_suppressed=context.show_suppressed)

"""Fuzz the `check` pipeline on random bytes with atheris (see docs/reliability.md).

Each input is written to a draft file and run through what `poalint check` does: read
(size, binary and encoding checks), parse, spaCy, rules, scoring, the text and JSON
renderers. Any exception is a crash; the invariants below are asserted too:
every finding's line/column inside the document, sections in order and not
overlapping, and the JSON the same when the input is linted twice.

    .venv/bin/pip install atheris
    mkdir -p /tmp/poalint-fuzz && cp corpus/*.md corpus/*.txt /tmp/poalint-fuzz/
    .venv/bin/python tests/fuzz_check.py /tmp/poalint-fuzz -max_total_time=600 \
        -max_len=8192 -timeout=60 -rss_limit_mb=4096

Not collected by pytest (the name does not start with test_).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import atheris

with atheris.instrument_imports(include=["poalint"]):
    from poalint.app.linter import Linter, build_report
    from poalint.checks.loader import load_pack
    from poalint.nlp.pipeline import load_pipeline
    from poalint.read.text import normalise_newlines
    from poalint.render.outputs.json import render_json
    from poalint.render.outputs.text import render_text

LINTER = Linter(load_pack(), load_pipeline(None))
WORKDIR = tempfile.mkdtemp(prefix="poalint-fuzz-")
SUFFIXES = (".md", ".txt", ".markdown")


def check_invariants(text: str, report) -> None:
    lines = text.split("\n")
    for f in report.findings:
        if f.line is None:
            assert f.column is None and f.end_line is None, f
            continue
        assert 1 <= f.line <= len(lines), (f.line, len(lines))
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, (f.line, f.column)
        assert f.line <= f.end_line <= len(lines), (f.line, f.end_line)
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, (f.end_line, f.end_column)
    previous_end = (0, 0)  # in order, never overlapping (two sections may share a line)
    for s in report.sections:
        assert 1 <= s.start_line <= s.end_line <= len(lines), s
        assert (s.start_line, s.start_column) >= previous_end, (previous_end, s)
        previous_end = (s.end_line, s.end_column)


def lint_path(path: str):
    items = list(LINTER.iter_reports([path]))
    assert len(items) == 1
    return items[0]


def TestOneInput(data: bytes) -> None:  # the name atheris calls
    suffix = SUFFIXES[len(data) % len(SUFFIXES)]
    path = os.path.join(WORKDIR, f"draft{suffix}")
    with open(path, "wb") as handle:
        handle.write(data)
    item = lint_path(path)
    reports = [item] if hasattr(item, "findings") else []
    errors = [] if reports else [item]
    if reports:
        from poalint.read.text import decode

        check_invariants(normalise_newlines(decode(data, path)), item)
    report = build_report(LINTER.pipeline_info(), reports, errors)
    first = render_json(report)
    render_text(report, colour=False, concise=False)
    render_text(report, colour=True, concise=True)
    again = build_report(LINTER.pipeline_info(), [lint_path(path)] if reports else [], errors)
    assert render_json(again) == first, "same input, different JSON"


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

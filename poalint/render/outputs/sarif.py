"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

Every loaded rule is described in `tool.driver.rules`; each finding is a result located
by a region (1-based lines and columns). Findings without a line (a missing core element)
and findings in Word drafts (whose positions are paragraph numbers, not lines) get a
file-level location; a Word finding's message names its paragraph. Suppressed findings
(shown only with --show-suppressed) carry an `inSource` suppression.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from poalint import __version__
from poalint.model.report import FileReport, FindingModel, Report
from poalint.render import RenderContext, paragraph_label, renderer
from poalint.vocabulary import VOCABULARY

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {name: s.sarif for name, s in VOCABULARY.severities.items()}
INFORMATION_URI = "https://pypi.org/project/poalint/"


def _uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId) for a reported path: relative paths are relative to %SRCROOT%."""
    if path in ("<stdin>", "-"):
        return "stdin", None
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            return quote(candidate.resolve().relative_to(Path.cwd().resolve()).as_posix()), "%SRCROOT%"
        except (ValueError, OSError, RuntimeError):
            return candidate.as_uri(), None
    return quote(candidate.as_posix().removeprefix("./")), "%SRCROOT%"


def _rule_descriptor(rule, level: str) -> dict:
    bad = "\n".join(f"  - {e.text.strip()}" for e in rule.examples.bad)
    good = "\n".join(f"  - {e.text.strip()}" for e in rule.examples.good)
    help_text = (
        f"{rule.suggestion.strip()}\n\nBad:\n{bad}\n\nGood:\n{good}\n\n"
        f"Suppress with <!-- poalint-disable-next-line {rule.id} --> or ignore it in [tool.poalint]."
    )
    bad_md = "\n".join(f"- {e.text.strip()}" for e in rule.examples.bad)
    good_md = "\n".join(f"- {e.text.strip()}" for e in rule.examples.good)
    help_markdown = (
        f"{rule.suggestion.strip()}\n\n**Bad**\n\n{bad_md}\n\n**Good**\n\n{good_md}\n\n"
        f"Suppress with `<!-- poalint-disable-next-line {rule.id} -->` or `ignore` it in `[tool.poalint]`."
    )
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(rule.why.split())},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVELS[level]},
        "properties": {"category": rule.category, "kind": rule.kind, "tags": [rule.category, "poa"]},
    }


def _result(file: FileReport, finding: FindingModel, rule_index: dict[str, int]) -> dict:
    uri, base = _uri(file.path)
    artifact: dict = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    physical: dict = {"artifactLocation": artifact}
    message = finding.message
    if finding.line is not None and file.location_unit == "line":
        region: dict = {"startLine": finding.line}
        if finding.column is not None:
            region["startColumn"] = finding.column
        if finding.end_line is not None:
            region["endLine"] = max(finding.end_line, finding.line)
        if finding.end_column is not None:
            region["endColumn"] = finding.end_column
        if finding.text:
            region["snippet"] = {"text": finding.text}
        physical["region"] = region
    elif finding.line is not None:
        message = f"{paragraph_label(finding)}: {message}"
    result: dict = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": physical}],
        "properties": {"category": finding.category, "section": finding.section, "penalty": finding.penalty},
    }
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    if finding.suggestion:
        result["properties"]["suggestion"] = finding.suggestion
    if finding.suppressed:
        result["suppressions"] = [{"kind": "inSource"}]
    return result


def render_sarif(report: Report, rules: list, severity_overrides: dict[str, str] | None = None) -> str:
    overrides = severity_overrides or {}
    descriptors = [_rule_descriptor(r, overrides.get(r.id, r.severity)) for r in rules]
    rule_index = {r.id: i for i, r in enumerate(rules)}
    results = [_result(file, f, rule_index) for file in report.files for f in file.findings]
    artifacts = []
    for file in report.files:
        uri, base = _uri(file.path)
        location: dict = {"uri": uri}
        if base:
            location["uriBaseId"] = base
        artifacts.append({"location": location})
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(e.path)[0]}}}],
        }
        for e in report.errors
    ]
    run: dict = {
        "tool": {
            "driver": {
                "name": "poalint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "artifacts": artifacts,
        "results": results,
        "invocations": [
            {"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}
        ],
        "columnKind": "unicodeCodePoints",
        "properties": {
            "pipeline": {"name": report.pipeline.name, "version": report.pipeline.version},
            "scores": {f.path: f.score for f in report.files},
        },
    }
    sarif = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


@renderer("sarif", machine=True, description="SARIF 2.1.0 for code-scanning dashboards", needs_rules=True)
def _sarif(report: Report, context: RenderContext) -> str:
    return render_sarif(report, context.rules, context.severity_overrides)

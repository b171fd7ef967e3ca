"""Command-line interface. Heavy imports (spaCy) happen only inside `check`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from poalint import __version__
from poalint.errors import UserError

FORMATS = ("text", "concise", "json")
LEVELS = ("error", "warning", "info")


def _fail(message: str) -> None:
    click.echo(f"poalint: {message}", err=True)
    sys.exit(2)


def _load_pack(rules_dirs: tuple[str, ...]):  # noqa: ANN202
    from poalint.rulepack.loader import load_pack

    return load_pack([Path(d) for d in rules_dirs])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="poalint")
def cli() -> None:
    """poalint: lint Amazon Plan of Action drafts."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(), help="Extra rule folder (repeatable).")
@click.option("--model", default=None, help="spaCy pipeline to load (default: en_core_web_sm, else the pinned copy).")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, help="Fail when a file scores below N.")
@click.option("--fail-level", type=click.Choice(LEVELS), default="error", show_default=True)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option("--max-bytes", type=click.IntRange(1), default=1_000_000, show_default=True, help="Size limit per file.")
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    rules_dirs: tuple[str, ...],
    model: str | None,
    fail_under: float | None,
    fail_level: str,
    exit_zero: bool,
    max_bytes: int,
) -> None:
    """Lint POA drafts (files, folders, or - for stdin)."""
    from poalint.output.jsonout import render_json
    from poalint.output.text import render_text
    from poalint.rulepack.models import SEVERITY_RANK
    from poalint.runner import Linter, RunOptions, build_report, collect

    if not paths:
        _fail("no paths given; try `poalint check drafts/`")
    files, errors = collect(list(paths))
    if output and any(_same_file(output, f) for f in files):
        _fail(f"{output}: --output points at a draft being linted; choose another file")
    try:
        pack = _load_pack(rules_dirs)
        from poalint.nlp import load_pipeline

        nlp = load_pipeline(model)
        linter = Linter(pack, nlp, RunOptions(max_bytes=max_bytes))
    except UserError as exc:
        _fail(exc.line())
        return
    reports = []
    for item in linter.iter_reports(files):
        if hasattr(item, "findings"):
            reports.append(item)
        else:
            errors.append(item)  # type: ignore[arg-type]
    report = build_report(linter.pipeline_info(), reports, errors)

    colour = fmt in ("text", "concise") and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    if fmt == "json":
        rendered = render_json(report)
    else:
        rendered = render_text(report, colour=colour, concise=fmt == "concise")
    if output:
        _write_atomic(output, rendered)
    else:
        click.echo(rendered, nl=False)
    if fmt == "json" and errors:
        for error in errors:
            click.echo(error.message, err=True)

    if errors:
        sys.exit(2)
    if exit_zero:
        sys.exit(0)
    threshold = SEVERITY_RANK[fail_level]
    failing = any(SEVERITY_RANK[f.severity] >= threshold for r in reports for f in r.findings if not f.suppressed)
    if fail_under is not None and any(r.score < fail_under for r in reports):
        failing = True
    sys.exit(1 if failing else 0)


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _write_atomic(path: str, text: str) -> None:
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        _fail(f"{path}: cannot write report ({exc.strerror}); check the folder exists and is writable")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(), help="Extra rule folder (repeatable).")
def rules_cmd(fmt: str, rules_dirs: tuple[str, ...]) -> None:
    """List the loaded rules."""
    import json

    try:
        pack = _load_pack(rules_dirs)
    except UserError as exc:
        _fail(exc.line())
        return
    if fmt == "json":
        rows = [
            {"id": r.id, "kind": r.kind, "category": r.category, "severity": r.severity, "description": r.summary}  # type: ignore[attr-defined]
            for r in pack.rules
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(r.id) for r in pack.rules)
    click.echo(f"{'id':{width}}  {'category':11}  {'severity':8}  description")
    for r in pack.rules:
        click.echo(f"{r.id:{width}}  {r.category:11}  {r.severity:8}  {r.summary}")


@cli.command()
@click.argument("rule_id")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(), help="Extra rule folder (repeatable).")
def explain(rule_id: str, rules_dirs: tuple[str, ...]) -> None:
    """Explain one rule: what it flags, why, examples, how to suppress."""
    try:
        pack = _load_pack(rules_dirs)
    except UserError as exc:
        _fail(exc.line())
        return
    rule = pack.by_id(rule_id)
    if rule is None:
        _fail(f"unknown rule {rule_id!r}; `poalint rules` lists them")
        return
    click.echo(f"{rule.id} ({rule.category}, {rule.severity}, kind: {rule.kind})")  # type: ignore[attr-defined]
    click.echo("")
    click.echo("What it flags")
    click.echo(f"  {rule.message}")
    click.echo("")
    click.echo("Why reviewers care")
    click.echo(f"  {rule.why.strip()}")
    click.echo("")
    click.echo("What to do")
    click.echo(f"  {rule.suggestion}")
    click.echo("")
    click.echo("Bad")
    for example in rule.examples.bad:
        click.echo(f"  {example.text.strip()}")
    click.echo("Good")
    for example in rule.examples.good:
        click.echo(f"  {example.text.strip()}")
    click.echo("")
    click.echo("Suppress")
    click.echo(f"  <!-- poalint-disable-next-line {rule.id} -->   (or ignore = [\"{rule.id}\"] in config)")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the JSON report."""
    import json

    from poalint.output.jsonout import report_schema

    click.echo(json.dumps(report_schema(), indent=2))


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("poalint: interrupted", err=True)
        sys.exit(130)

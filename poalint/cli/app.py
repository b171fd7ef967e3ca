"""Command-line interface. Heavy imports (spaCy) happen only inside `check`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from poalint.cli.common import StdoutError, drop_stdout, finish, stdout_failed, version_text
from poalint.errors import UserError
from poalint.render import formats
from poalint.vocabulary import SEVERITIES

RULES_OPTION = click.option(
    "--rules", "rules_dirs", multiple=True, type=click.Path(), help="Extra rule folder (repeatable)."
)
LEVELS = SEVERITIES


def _fail(message: str) -> None:
    click.echo(f"poalint: {message}", err=True)
    sys.exit(2)


def _catalog(rules_dirs: tuple[str, ...]):
    """Rule documentation (cached JSON; the full loader runs only when the pack changed)."""
    from poalint.checks.catalog import load_catalog

    try:
        return load_catalog([Path(d) for d in rules_dirs])
    except UserError as exc:
        _fail(exc.line())
        raise


def _load_pack(rules_dirs: tuple[str, ...]):
    from poalint.checks.loader import load_pack

    return load_pack([Path(d) for d in rules_dirs])


def _complete_names(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list:
    """Shell completion of rule ids and categories (the last of a comma-separated list)."""
    from click.shell_completion import CompletionItem

    from poalint.checks.catalog import load_catalog

    try:
        docs = load_catalog([])
    except UserError:
        return []
    head, comma, last = incomplete.rpartition(",")
    names = sorted({r.id for r in docs} | {r.category for r in docs})
    return [CompletionItem(head + comma + n) for n in names if n.startswith(last)]


def _split_tokens(values: tuple[str, ...]) -> list[str]:
    return [t.strip() for v in values for t in v.split(",") if t.strip()]


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(version_text(), nl=False)
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show poalint's version and the spaCy pipeline it uses, and exit.",
)
def cli() -> None:
    """poalint: lint Amazon Plan of Action drafts."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(formats()), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (.poalint.yaml or pyproject.toml); default: search upward from each draft.",
)
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@RULES_OPTION
@click.option(
    "--select",
    multiple=True,
    shell_complete=_complete_names,
    help="Only these rules or categories (comma-separated).",
)
@click.option(
    "--ignore",
    multiple=True,
    shell_complete=_complete_names,
    help="Also ignore these rules or categories (comma-separated).",
)
@click.option("--model", default=None, help="spaCy pipeline (default: en_core_web_sm, else the pinned copy).")
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    default=None,
    help="Fail when a file scores under N.",
)
@click.option("--fail-level", type=click.Choice(LEVELS), default=None, help="Fail at this severity [error].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option(
    "--show-suppressed",
    is_flag=True,
    help="Also list findings silenced by poalint-disable comments.",
)
@click.option("--statistics", is_flag=True, help="Print how many findings each rule produced.")
@click.option(
    "--max-bytes",
    type=click.IntRange(1),
    default=1_000_000,
    show_default=True,
    help="Size limit per file.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes (default: 1 under 50 files, else one per core).",
)
@click.option(
    "--issue",
    "issue",
    default=None,
    help="Issue type the drafts answer (see rules/issues); default: detected.",
)
@click.option(
    "--notice",
    type=click.Path(dir_okay=False),
    default=None,
    help="The notification the draft answers (default: NAME.notice.txt|md beside it).",
)
@click.option(
    "--previous",
    type=click.Path(dir_okay=False),
    default=None,
    help="The plan that was rejected (default: NAME.previous.md|txt beside it).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Result cache folder [.poalint_cache].",
)
@click.option(
    "--stdin-filename",
    default=None,
    metavar="NAME",
    help="Lint stdin as if it were the file NAME (its format, configuration and report path).",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply `exclude` globs to files named on the command line too (for pre-commit).",
)
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the configuration file governing each path and the resolved settings; lint nothing.",
)
@click.option(
    "--quiet", "-q", is_flag=True, help="Print findings and errors only (no hints, scores, progress)."
)
@click.option(
    "--color",
    "color",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    show_default=True,
    help="Colour text output (auto: on a terminal, unless NO_COLOR; FORCE_COLOR forces it).",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    config_path: str | None,
    isolated: bool,
    rules_dirs: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    model: str | None,
    fail_under: float | None,
    fail_level: str | None,
    exit_zero: bool,
    show_suppressed: bool,
    statistics: bool,
    max_bytes: int,
    jobs: int | None,
    issue: str | None,
    notice: str | None,
    previous: str | None,
    no_cache: bool,
    cache_dir: str | None,
    stdin_filename: str | None,
    force_exclude: bool,
    show_settings: bool,
    quiet: bool,
    color: str,
) -> None:
    """Lint POA drafts (files, folders, or - for stdin)."""
    from poalint.app.session import Session, SessionOptions
    from poalint.cli.progress import track
    from poalint.cli.progress import wanted as progress_wanted
    from poalint.read.discovery import discover
    from poalint.render import get_renderer
    from poalint.render.colour import use_colour

    if not paths and (stdin_filename or show_settings):
        paths = ("-",) if stdin_filename else (".",)
    if not paths:
        _fail("no paths given; try `poalint check drafts/`")
    renderer = get_renderer(fmt)
    found, _ = discover(list(paths))
    if output and any(_same_file(output, f) for f in found):
        _fail(f"{output}: --output points at a draft being linted; choose another file")
    options = SessionOptions(
        config_path=config_path,
        isolated=isolated,
        rules_dirs=rules_dirs,
        select=_split_tokens(select) or None,
        ignore=_split_tokens(ignore),
        model=model,
        max_bytes=max_bytes,
        jobs=jobs,
        cache=not no_cache,
        cache_dir=cache_dir,
        show_suppressed=show_suppressed,
        stdin_filename=stdin_filename,
        force_exclude=force_exclude,
        keep_sources=renderer.needs_sources,
        issue=issue,
        notice=notice,
        previous=previous,
    )
    session = Session(options)
    if show_settings:
        _show_settings(session, paths, fmt, fail_under, fail_level)
        return
    if quiet and fmt == "text":
        fmt = "concise"  # findings and errors, one line each
    try:
        options.batch_files = 8 if progress_wanted(len(found)) and not quiet else None
        result = session.lint_paths(list(paths), track=None if quiet else track)
    except UserError as exc:
        _fail(exc.line())
        return
    report = result.report
    renderer = get_renderer(fmt)
    terminal = output is None and sys.stdout.isatty()
    colour = use_colour(color, terminal, os.environ) and not renderer.machine and output is None
    rendered = result.render(fmt, colour=colour, show_suppressed=show_suppressed)
    if statistics:
        from poalint.render.statistics import render_statistics

        table = render_statistics(report)
        if renderer.machine:
            click.echo(table, nl=False, err=True)
        else:
            rendered += table
    if output:
        _write_atomic(output, rendered)
    else:
        click.echo(rendered, nl=False, color=colour)
    if fmt in ("json", "sarif", "html") and report.errors:
        for error in report.errors:
            click.echo(error.message, err=True)
    for warning in result.warnings:
        click.echo(warning, err=True)
    status = result.exit_status(fail_level, fail_under, exit_zero)
    if status == 1 and not exit_zero:
        threshold = fail_under if fail_under is not None else result.settings.fail_under
        for file in result.failing_files(threshold):
            click.echo(f"{file.path}: score {file.score:g} is under --fail-under {threshold:g}", err=True)
    sys.exit(status)


def _show_settings(
    session, paths: tuple[str, ...], fmt: str, fail_under: float | None, fail_level: str | None
) -> None:  # a Session
    import json

    from poalint.render.settings import render_settings

    try:
        described = [session.settings_for(p, fail_under, fail_level) for p in paths]
    except UserError as exc:
        _fail(exc.line())
        return
    click.echo(
        json.dumps(described, indent=2) if fmt == "json" else render_settings(described), nl=fmt == "json"
    )


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return False


def _write_atomic(path: str, text: str) -> None:
    from poalint.util.atomicfile import OutputError, write_report

    try:
        write_report(path, text.encode("utf-8"))
    except OutputError as exc:
        _fail(f"{path}: --output is {exc.problem}; {exc.hint}")
    except OSError as exc:
        _fail(f"{path}: cannot write report ({exc.strerror or exc}); check the folder exists and is writable")


@cli.group("rules", invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@RULES_OPTION
@click.pass_context
def rules_cmd(ctx: click.Context, fmt: str, rules_dirs: tuple[str, ...]) -> None:
    """List the loaded rules (`poalint rules test DIR` runs a rule pack's examples)."""
    from poalint.render.ruledocs import render_rule_list

    if ctx.invoked_subcommand is not None:
        return
    click.echo(render_rule_list(_catalog(rules_dirs), fmt), nl=False)


@rules_cmd.command("test")
@click.argument("directory", type=click.Path())
@click.option("--model", default=None, help="spaCy pipeline to load.")
def rules_test(directory: str, model: str | None) -> None:
    """Run the bad/good examples of the rules and checklist topics in DIRECTORY; exit 1 if any fails."""
    from poalint.app.linter import Linter
    from poalint.checks.examples import run_rule_examples, run_topic_examples
    from poalint.nlp.pipeline import load_pipeline
    from poalint.util.yamlio import load_yaml_with_lines, position_of

    folder = Path(directory)
    try:
        from poalint.util.builtin import builtin_rules_dir

        builtin = folder.resolve() == builtin_rules_dir().resolve()
        pack = _load_pack(() if builtin else (directory,))  # the built-in pack is always loaded
        nlp = load_pipeline(model)
        linter = Linter(pack, nlp)
    except UserError as exc:
        _fail(exc.line())
        return
    mine = [r for r in pack.rules if Path(pack.sources[r.id]).resolve().parent == folder.resolve()]
    here = (folder.resolve(), (folder / "issues").resolve())
    issues = [i for i in pack.issues if Path(pack.issue_sources[i]).resolve().parent in here]
    if not mine and not issues:
        _fail(f"{directory}: no rules found (rule files are .yaml files with a `rules:` list)")
    failures = total = 0
    for rule in mine:
        source = Path(pack.sources[rule.id])
        data, _ = load_yaml_with_lines(source)
        index = next(i for i, r in enumerate(data["rules"]) if r.get("id") == rule.id)
        counters = {"bad": 0, "good": 0}
        for result in run_rule_examples(linter, rule):
            position = counters[result.expectation]
            counters[result.expectation] += 1
            total += 1
            if result.passed:
                continue
            failures += 1
            line, _col = position_of(data, "rules", index, "examples", result.expectation, position)
            what = "bad example not flagged" if result.expectation == "bad" else "good example flagged"
            detail = f" ({'; '.join(result.found)})" if result.found else ""
            click.echo(f"{source}:{line}: {rule.id}: {what}{detail}: {result.text!r}")
    topics = 0
    for issue_id in issues:  # each checklist topic's examples, like a rule's
        source = Path(pack.issue_sources[issue_id])
        data, _ = load_yaml_with_lines(source)
        topic_ids = [t.id for t in pack.issues[issue_id].checklist]
        topics += len(topic_ids)
        counters: dict[tuple[str, str], int] = {}
        for result in run_topic_examples(linter, issue_id):
            topic_id = result.rule.split("/", 1)[1]
            position = counters.get((topic_id, result.expectation), 0)
            counters[(topic_id, result.expectation)] = position + 1
            total += 1
            if result.passed:
                continue
            failures += 1
            where = (
                "issue",
                "checklist",
                topic_ids.index(topic_id),
                "examples",
                result.expectation,
                position,
            )
            line, _col = position_of(data, *where)
            what = "bad example covers the topic" if result.expectation == "bad" else "good example misses it"
            click.echo(f"{source}:{line}: {result.rule}: {what}: {result.text!r}")
    counted = f"{len(mine)} rules" + (f", {topics} checklist topics" if topics else "")
    click.echo(
        f"{counted}, {total} examples: {failures} failed"
        if failures
        else f"{counted}, {total} examples: all passed"
    )
    sys.exit(1 if failures else 0)


@cli.command()
@click.argument("rule_id", shell_complete=_complete_names)
@RULES_OPTION
def explain(rule_id: str, rules_dirs: tuple[str, ...]) -> None:
    """Explain one rule: what it flags, why, examples, how to suppress (a category: its rules)."""
    from poalint.render.ruledocs import explain as explain_text
    from poalint.util.suggest import did_you_mean

    docs = _catalog(rules_dirs)
    text = explain_text(rule_id, docs)
    if text is None:
        names = {r.id for r in docs} | {r.category for r in docs}
        _fail(f"unknown rule {rule_id!r}; {did_you_mean(rule_id, names, '`poalint rules` lists them')}")
        return
    click.echo(text, nl=False)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the JSON report."""
    import json

    from poalint.render.outputs.json import report_schema

    click.echo(json.dumps(report_schema(), indent=2))


TEMPLATE = """\
# Plan of Action for <store name> (Seller ID <seller id>)

Dear Seller Performance team,

<!-- One short paragraph: what was flagged (metric, ASIN or order IDs, dates). -->

## Root cause

<!-- What in your own process caused it: the step, the decision, who, when and how many
orders or items it affected. Name the mechanism, not the symptom; do not blame others. -->

## Immediate actions

<!-- What you have already done, each with a date: refunds, cancellations, listing
changes, stock checks. Use one bullet per action. -->
- On <date> we ...

## Preventive measures

<!-- What stops it happening again: each measure with an owner, a frequency or deadline
and a number (threshold, sample size, coverage). -->
- From <date> our <role> checks ... every <day> ...

## Supporting documents

<!-- Invoices, tracking numbers, screenshots. Remove this section if you attach none. -->

Thank you for reviewing our plan.

<name>, <role>
"""


@cli.command()
@click.option("--template", is_flag=True, help="Also write poa-template.md, a POA skeleton.")
def init(template: bool) -> None:
    """Write a commented starter .poalint.yaml in the current folder (never overwrites)."""
    from poalint.app.config import STARTER

    targets = [(Path(".poalint.yaml"), STARTER)]
    if template:
        targets.append((Path("poa-template.md"), TEMPLATE))
    existing = [str(p) for p, _ in targets if p.exists()]
    if existing:
        _fail(f"{existing[0]}: already exists; not overwriting (remove it first)")
    for path, text in targets:
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            _fail(f"{path}: cannot write ({exc.strerror})")
        click.echo(f"wrote {path}")


@cli.command()
def clean() -> None:
    """Remove the .poalint_cache folder in the current folder, if there is one."""
    import shutil

    cache = Path(".poalint_cache")
    if cache.is_symlink() or cache.is_file():
        cache.unlink()
    elif cache.is_dir():
        shutil.rmtree(cache)
    else:
        click.echo("nothing to clean")
        return
    click.echo(f"removed {cache}")


@cli.command()
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file; default: search upward from each draft, as `check` does.",
)
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@RULES_OPTION
@click.option("--select", multiple=True, help="Only these rules or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Also ignore these rules or categories (comma-separated).")
@click.option("--model", default=None, help="spaCy pipeline (default: en_core_web_sm, else the pinned copy).")
@click.option(
    "--debounce",
    type=click.IntRange(0, 10_000),
    default=150,
    show_default=True,
    help="Milliseconds of quiet after a burst of edits before re-linting.",
)
@click.option(
    "--stdio", is_flag=True, hidden=True, help="Accepted for clients that pass it; stdio is the transport."
)
def server(
    config_path: str | None,
    isolated: bool,
    rules_dirs: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    model: str | None,
    debounce: int,
    stdio: bool,
) -> None:
    """Run the editor server: the Language Server Protocol over stdio (needs poalint[server])."""
    from poalint.app.session import SessionOptions
    from poalint.server import run

    options = SessionOptions(
        config_path=config_path,
        isolated=isolated,
        rules_dirs=rules_dirs,
        select=_split_tokens(select) or None,
        ignore=_split_tokens(ignore),
        model=model,
    )
    try:
        status = run(options, debounce)
    except UserError as exc:
        _fail(exc.line())
        return
    sys.exit(status)


def main() -> None:
    """Entry point: Ctrl-C exits 130 and a closed pipe exits quietly, never with a traceback.

    Click's standalone mode would turn Ctrl-C into "Aborted!" and exit 1, so the group runs
    in non-standalone mode and the exits click would do are done here.
    """
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = cli.main(standalone_mode=False, prog_name="poalint")
    except SystemExit as exc:
        code = exc.code
    except Terminated:
        _interrupted("terminated", 128 + signal.SIGTERM)
    except KeyboardInterrupt:
        _interrupted()
    except click.exceptions.Abort as exc:
        if isinstance(exc.__context__, Terminated):
            _interrupted("terminated", 128 + signal.SIGTERM)
        if isinstance(exc.__context__, KeyboardInterrupt):
            _interrupted()
        click.echo("poalint: aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        drop_stdout()
        sys.exit(1)
    except StdoutError as exc:
        stdout_failed(exc)
    if isinstance(code, str):
        click.echo(code, err=True)
        code = 1
    finish(code if isinstance(code, int) else 0)


class Terminated(KeyboardInterrupt):
    """SIGTERM: unwound like Ctrl-C (temporary files removed, workers stopped)."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _interrupted(what: str = "interrupted", code: int = 130) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the clean exit
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        click.echo(f"poalint: {what}", err=True)
    finally:
        sys.exit(code)

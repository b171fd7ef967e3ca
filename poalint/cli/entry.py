"""The console entry point.

`poalint --version`, `poalint rules` and `poalint explain RULE` are answered here from the
cached rule catalog, without importing click: importing it is most of their run time. Any
other command line, including every variant of those three that this module does not
recognise exactly (help, unknown options, errors), goes to the click application in
`poalint.cli.app`, which prints the same text for the recognised forms (tests compare them).
"""

from __future__ import annotations

import contextlib
import os
import sys

QUICK_COMMANDS = ("rules", "explain")
VALUED_OPTIONS = ("--format", "--rules")


def main() -> None:
    answer = quick_answer(sys.argv[1:])
    if answer is None:
        from poalint.errors import UserError

        try:
            from poalint.cli.app import main as run_click
        except UserError as exc:  # the vocabulary is read on import: a broken one stops here
            sys.stderr.write(f"poalint: {exc.line()}\n")
            finish(2)
        run_click()
        return
    try:
        sys.stdout.write(answer)
    except BrokenPipeError:  # `poalint rules | head`
        drop_stdout()
        finish(1)
    finish(0)


def finish(code: int) -> None:
    """Exit once the output is flushed, skipping the interpreter's teardown.

    Everything a command writes (report, --output file, result cache) is complete and closed
    when it returns, and the worker pool is shut down; what remains is freeing spaCy's
    objects one by one, which takes as long as a third of loading the pipeline. Tests drive
    `cli` in-process and never reach this.
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        drop_stdout()
        code = code or 1
    with contextlib.suppress(BrokenPipeError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def drop_stdout() -> None:
    """`poalint check ... | head`: the reader went away; drop the rest quietly."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _split_options(args: list[str]) -> tuple[dict[str, list[str]], list[str]] | None:
    """`--format X`, `--format=X`, `--rules DIR` (repeatable) and positionals; None otherwise."""
    options: dict[str, list[str]] = {}
    positionals: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        name, equals, value = arg.partition("=")
        if name in VALUED_OPTIONS and equals:
            index += 1
        elif arg in VALUED_OPTIONS and index + 1 < len(args):
            name, value = arg, args[index + 1]
            index += 2
        elif arg.startswith("-"):
            return None
        else:
            positionals.append(arg)
            index += 1
            continue
        options.setdefault(name, []).append(value)
    return options, positionals


def version_text() -> str:
    """`poalint --version`: poalint's version and the spaCy pipeline a check would use."""
    from poalint import __version__
    from poalint.nlp.pipeline import default_pipeline_line

    return f"poalint, version {__version__}\n{default_pipeline_line()}\n"


def quick_answer(argv: list[str]) -> str | None:
    """The output of a light command line, or None when click must handle it."""
    if argv in (["--version"], ["-V"]):
        return version_text()
    if not argv or argv[0] not in QUICK_COMMANDS:
        return None
    parsed = _split_options(argv[1:])
    if parsed is None:
        return None
    options, positionals = parsed
    formats = options.pop("--format", [])
    rule_dirs = options.pop("--rules", [])
    from pathlib import Path

    from poalint.checks.catalog import load_catalog
    from poalint.errors import UserError
    from poalint.render.ruledocs import explain, render_rule_list

    try:
        docs = load_catalog([Path(d) for d in rule_dirs])
    except UserError:
        return None  # click reports it
    if argv[0] == "rules":
        fmt = formats[-1] if formats else "text"
        if positionals or fmt not in ("text", "json"):
            return None
        return render_rule_list(docs, fmt)
    if formats or len(positionals) != 1:
        return None
    return explain(positionals[0], docs)

"""The console entry point.

`poalint --version`, `poalint rules` and `poalint explain RULE` are answered here from the
cached rule catalog, without importing click: importing it is most of their run time. Any
other command line, including every variant of those three that this module does not
recognise exactly (help, unknown options, errors), goes to the click application in
`poalint.cli.app`, which prints the same text for the recognised forms (tests compare them).
"""

from __future__ import annotations

import sys

from poalint.cli.common import drop_stdout, finish, guard_streams, stdout_failed, version_text

QUICK_COMMANDS = ("rules", "explain")
VALUED_OPTIONS = ("--format", "--rules")


def main() -> None:
    if sys.argv[1:2] != ["server"]:  # the language server owns stdin/stdout (the protocol stream)
        guard_streams()
    else:  # no cyclic garbage collection while the server starts (poalint.server.run)
        import gc

        gc.disable()
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
    except OSError as exc:
        stdout_failed(exc)
    finish(0)


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

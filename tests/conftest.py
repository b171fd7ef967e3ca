"""Shared fixtures: one spaCy pipeline and one linter for the whole session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

# A complete, owned, SMART draft that every test treating "a good draft" shares.
GOOD = """# Plan of Action

## Root cause
On 19 February we moved the carrier pickup to 14:00 but left the 1-day handling time, so
37 orders placed after 14:00 shipped a day late.

## Immediate actions
- On 15 March we restored the 17:00 pickup.
- On 15 March we set the handling time to 2 days for all 212 SKUs.

## Preventive measures
- From 18 March our operations manager checks every pickup change against the template before it goes live.
- Every day at 15:00 the shift lead ships all orders due that day.
- Every Monday the manager reviews the late shipment rate; above 2% we add a second pickup that week.
"""


@pytest.fixture(scope="session")
def nlp(pack):
    """The pipeline as the CLI loads it (only the components the rules need)."""
    from poalint.checks.kinds import excluded_components
    from poalint.nlp.pipeline import load_pipeline

    return load_pipeline(None, exclude=excluded_components(pack.rules))


@pytest.fixture(scope="session")
def pack():
    from poalint.checks.loader import load_pack

    return load_pack()


@pytest.fixture(scope="session")
def linter(pack, nlp):
    from poalint.app.linter import Linter

    return Linter(pack, nlp)


@pytest.fixture()
def lint(linter):
    """Lint a text; returns the FileReport."""

    def run(text: str):
        return linter.lint_text(text)

    return run


def run_cli(*args: str, input: str | None = None, env: dict | None = None, cwd: Path | None = None):
    """Run `python -m poalint ...` as a user would; returns CompletedProcess."""
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "poalint", *args],
        capture_output=True,
        text=True,
        input=input,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=300,
    )


@pytest.fixture()
def cli_run(nlp, monkeypatch):
    """Invoke the real click CLI in-process, reusing the session's spaCy pipeline."""
    from click.testing import CliRunner

    import poalint.nlp.pipeline
    from poalint.cli.app import cli

    monkeypatch.setattr(poalint.nlp.pipeline, "load_pipeline", lambda name=None, exclude=(): nlp)
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return run

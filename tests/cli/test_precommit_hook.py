"""The pre-commit hook, run by the real pre-commit with the README's example configuration
(SLOW: ~1-2 minutes).

pre-commit installs the hook repository into a fresh virtualenv (pip install of poalint and
spaCy from the package index or pip's cache), then runs `poalint check --force-exclude` on the
staged files it names.

pre-commit only sees files git tracks, so a checkout with uncommitted new files would give a
hook that cannot import them. The test therefore copies the package's sources from this
checkout (found from this file's path) into a throwaway git repository, commits them and tags
the commit with the README example's `rev`; the drafts repository's `.pre-commit-config.yaml` is
the README's example as written, with only `repo:` pointed at that copy. What is tested is
exactly the working tree and the documented configuration. PRE_COMMIT_HOME is private to the
test, and every run shares it, so the environment is built once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOOD
from tests.helpers import BLAME, VAGUE, make_docx, readme_block

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "poalint", "rules")

pytestmark = pytest.mark.slow


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.email=test@example.com",
            "-c",
            "user.name=test",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def pre_commit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )


def test_pre_commit_hook_fails_bad_draft_and_passes_good_ones(tmp_path):
    if shutil.which("git") is None:
        pytest.fail("git is needed to run pre-commit")
    hook_repo = tmp_path / "hook-repo"
    hook_repo.mkdir()
    for name in PACKAGE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, hook_repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, hook_repo / name)
    git(hook_repo, "init", "-q")
    git(hook_repo, "add", "-A")
    git(hook_repo, "commit", "-q", "-m", "poalint hook under test")
    example = readme_block("yaml", "### pre-commit")
    rev = re.search(r"rev: (\S+)", example).group(1)
    git(hook_repo, "tag", "-a", rev, "-m", f"poalint {rev}")  # the release tag the example names

    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "good.md").write_text(GOOD)
    (drafts / "bad.md").write_text(f"Dear team,\n\n{BLAME}\n\n{VAGUE}\n")
    (drafts / "README.md").write_text(f"# Notes\n\n{BLAME}\n")  # not a draft: excluded by default
    make_docx(drafts / "poa.docx")
    (drafts / "notes.py").write_text("print('not a draft')\n")  # filtered out by the hook's files/types
    config = re.sub(r"repo: \S+", f"repo: {hook_repo}", example, count=1)
    assert config != example and f"rev: {rev}" in config
    (drafts / ".pre-commit-config.yaml").write_text(config)
    git(drafts, "init", "-q")
    git(drafts, "add", "-A")
    home = tmp_path / "pre-commit-home"

    failed = pre_commit(drafts, home, "run", "--files", "good.md", "bad.md", "README.md")
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "poalint (Plan of Action drafts)" in output and "Failed" in output
    assert "bad.md:3:" in output and "[blame-denial]" in output
    assert "good.md:" not in output.replace("good.md: score", "")  # the good draft has no findings
    assert "README.md" not in output  # --force-exclude: README* is not a draft

    passed = pre_commit(drafts, home, "run", "--files", "good.md", "notes.py", "README.md")
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "Passed" in output and "notes.py" not in output

    word = pre_commit(drafts, home, "run", "--files", "poa.docx")
    output = word.stdout + word.stderr
    assert word.returncode == 1, output  # the Word draft is linted too (it holds the blame sentence)
    assert "poa.docx:¶" in output and "[blame-denial]" in output

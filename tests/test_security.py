"""Attacks on poalint from a hostile repository (issue 14, items 1-5), each through the real CLI.

A consultant lints repositories that clients send, and CI lints whatever a pull request
holds: nothing in a linted tree or in the caches may run code, forge a result, write outside
the project, leak a file from outside the tree, inject workflow commands or hang the run.
"""

from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import GOOD, ROOT

# A rejected draft: no root cause, no preventive measures, blame and vague promises.
BAD = """# Appeal

The carrier lost the parcels, it is not our fault. We will improve our processes and
try to do better. Please reinstate our account asap!!!
"""


def poalint(*args: str, cwd: Path, home: Path, timeout: float = 240, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "XDG_CACHE_HOME")}
    env.update(POALINT_CACHE_HOME=str(home), POALINT_NO_PROGRESS="1")
    env.update(kwargs.pop("env", {}))
    return subprocess.run(
        [sys.executable, "-m", "poalint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
        **kwargs,
    )


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-3000:]


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / "bad.md").write_text(BAD)
    (folder / "good.md").write_text(GOOD)
    return folder


# ---------------------------------------------------------------- 1. code execution from caches


class Payload:
    """Unpickling this creates the marker file: code execution."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_poisoned_user_caches_never_execute_code(repo, tmp_path):
    home = tmp_path / "home"
    first = poalint("check", "bad.md", "good.md", "--no-cache", "--format", "json", cwd=repo, home=home)
    assert first.returncode == 1, first.stderr
    cached = files_under(home)
    assert cached, "the first run filled the per-user caches"
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Payload(marker), protocol=2)
    for path in cached:
        path.write_bytes(payload)
    second = poalint("check", "bad.md", "good.md", "--no-cache", "--format", "json", cwd=repo, home=home)
    rules = poalint("rules", cwd=repo, home=home)
    assert not marker.exists(), "a cache file ran code"
    no_traceback(second)
    no_traceback(rules)
    assert second.returncode == 1 and second.stdout == first.stdout
    assert rules.returncode == 0 and "vague" in rules.stdout


@pytest.mark.parametrize(
    "damage",
    [b"", b"\x80\x04K", b"[]", b'{"a": [1, 2]}', b"\xff" * 5000, b"null"],
    ids=["empty", "truncated", "list", "wrong-dict", "noise", "null"],
)
def test_damaged_user_cache_files_are_rebuilt(repo, tmp_path, damage):
    home = tmp_path / "home"
    first = poalint("check", "bad.md", "--no-cache", "--format", "json", cwd=repo, home=home)
    for path in files_under(home):
        path.write_bytes(damage)
    second = poalint("check", "bad.md", "--no-cache", "--format", "json", cwd=repo, home=home)
    no_traceback(second)
    assert second.returncode == first.returncode == 1
    assert second.stdout == first.stdout


def test_cache_folders_are_private_whatever_the_umask(repo, tmp_path):
    home = tmp_path / "home"
    result = poalint(
        "check", "bad.md", "--format", "json", cwd=repo, home=home, preexec_fn=lambda: os.umask(0)
    )
    assert result.returncode == 1, result.stderr
    folders = [home / "poalint", *(p for p in (home / "poalint").rglob("*") if p.is_dir())]
    for folder in folders:
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, (folder, oct(folder.stat().st_mode))
    for path in files_under(home):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, (path, oct(path.stat().st_mode))
    for path in files_under(repo / ".poalint_cache"):
        assert stat.S_IMODE(path.stat().st_mode) & 0o022 == 0, (path, oct(path.stat().st_mode))


def test_a_world_writable_cache_folder_is_made_private(repo, tmp_path):
    home = tmp_path / "home"
    (home / "poalint" / "packs").mkdir(parents=True)
    for folder in (home / "poalint", home / "poalint" / "packs"):
        folder.chmod(0o777)
    result = poalint("check", "bad.md", "--format", "json", cwd=repo, home=home)
    assert result.returncode == 1, result.stderr
    for folder in (home / "poalint", home / "poalint" / "packs"):
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, oct(folder.stat().st_mode)


# ---------------------------------------------------------------- 2. forged result cache


def _entries(cache: Path) -> list[Path]:
    return [p for p in files_under(cache) if p.name != ".gitignore"]


def test_result_cache_entry_copied_from_another_draft_is_not_trusted(repo, tmp_path):
    """The attacker lints a good draft, then commits its cache entry under the bad draft's key."""
    home = tmp_path / "home"
    honest = poalint("check", "bad.md", "--format", "json", "--no-cache", cwd=repo, home=home)
    assert honest.returncode == 1
    poalint("check", "bad.md", cwd=repo, home=home)
    bad_entries = _entries(repo / ".poalint_cache")
    assert len(bad_entries) == 1
    other = tmp_path / "other"
    other.mkdir()
    (other / "bad.md").write_text(GOOD)  # same name, good content
    poalint("check", "bad.md", cwd=other, home=home)
    good_entries = _entries(other / ".poalint_cache")
    bad_entries[0].write_bytes(good_entries[0].read_bytes())
    forged = poalint("check", "bad.md", "--format", "json", cwd=repo, home=home)
    no_traceback(forged)
    assert forged.returncode == 1, "a copied cache entry passed the gate"
    assert json.loads(forged.stdout)["files"] == json.loads(honest.stdout)["files"]


def _forged_entry(path: str) -> dict:
    finding = {
        "rule": "no-such-rule",
        "category": "vague",
        "severity": "info",
        "message": "fine\n::notice file=x::forged",
        "line": 999999,
        "column": -5,
        "end_line": 999999,
        "end_column": -4,
        "section": None,
        "text": "x",
        "suggestion": "",
        "penalty": 0.0,
        "suppressed": False,
    }
    report = {
        "path": path,
        "score": 100.0,
        "grade": "A",
        "element_scores": {"root_cause": 100.0, "immediate_actions": 100.0, "preventive_measures": 100.0},
        "location_unit": "line",
        "sections": [],
        "findings": [finding],
        "stats": {
            "words": 1,
            "sentences": 1,
            "flesch_reading_ease": None,
            "flesch_kincaid_grade": None,
            "average_sentence_words": 1.0,
        },
    }
    return {"report": report, "unknown_directives": []}


def test_forged_result_cache_entries_are_ignored(repo, tmp_path):
    """Entries written by hand (as a committed .poalint_cache/ would hold) never reach the report."""
    home = tmp_path / "home"
    poalint("check", "bad.md", cwd=repo, home=home)
    entries = _entries(repo / ".poalint_cache")
    assert entries
    forged = json.dumps(_forged_entry("bad.md")).encode()
    for entry in entries:
        entry.write_bytes(forged)
    result = poalint("check", "bad.md", "--format", "json", cwd=repo, home=home)
    no_traceback(result)
    assert result.returncode == 1, "a forged cache entry passed the gate"
    report = json.loads(result.stdout)
    assert report["files"][0]["score"] < 60
    rules = {f["rule"] for f in report["files"][0]["findings"]}
    assert "no-such-rule" not in rules
    github = poalint("check", "bad.md", "--format", "github", cwd=repo, home=home)
    assert "forged" not in github.stdout


def test_result_cache_of_another_user_is_not_trusted(repo, tmp_path):
    """A cache written by someone else's poalint (another key) is recomputed, not believed."""
    attacker, victim = tmp_path / "attacker", tmp_path / "victim"
    (repo / "bad.md").write_text(GOOD)
    poalint("check", "bad.md", cwd=repo, home=attacker)  # entries valid for the attacker
    (repo / "bad.md").write_text(BAD)
    poalint("check", "bad.md", cwd=repo, home=attacker)
    # the attacker now swaps the entries (both are signed with the attacker's key)
    entries = {p.stat().st_mtime_ns: p for p in _entries(repo / ".poalint_cache")}
    older, newer = (entries[k] for k in sorted(entries))
    newer.write_bytes(older.read_bytes())
    result = poalint("check", "bad.md", "--format", "json", cwd=repo, home=victim)
    no_traceback(result)
    assert result.returncode == 1
    assert json.loads(result.stdout)["files"][0]["score"] < 60


# ---------------------------------------------------------------- 3. writing outside the project


def test_dangling_gitignore_link_in_a_committed_cache_is_not_followed(repo, tmp_path):
    target = tmp_path / "global-gitignore"
    cache = repo / ".poalint_cache"
    cache.mkdir()
    os.symlink(target, cache / ".gitignore")
    result = poalint("check", "bad.md", cwd=repo, home=tmp_path / "home")
    no_traceback(result)
    assert result.returncode == 1
    assert not target.exists(), "poalint wrote through a committed symlink"


def test_symlinked_cache_folders_are_not_written_through(repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    cache = repo / ".poalint_cache"
    cache.mkdir()
    for value in range(256):
        os.symlink(outside, cache / f"{value:02x}")
    result = poalint("check", "bad.md", "good.md", cwd=repo, home=tmp_path / "home")
    no_traceback(result)
    assert result.returncode == 1
    assert list(outside.iterdir()) == []
    # and a cache folder that is itself a link out of the project
    os.rename(cache, repo / "old-cache")
    os.symlink(outside, cache)
    result = poalint("check", "bad.md", cwd=repo, home=tmp_path / "home")
    no_traceback(result)
    assert result.returncode == 1
    assert list(outside.iterdir()) == []


def test_cache_dir_from_a_configuration_cannot_leave_the_project(tmp_path):
    parent = tmp_path / "parent"
    repo = parent / "repo"
    repo.mkdir(parents=True)
    (repo / "bad.md").write_text(BAD)
    (repo / ".poalint.yaml").write_text('ignore: [readability]\ncache-dir: ".."\n')
    before = sorted(parent.rglob("*"))
    result = poalint("check", "bad.md", cwd=repo, home=tmp_path / "home")
    no_traceback(result)
    assert result.returncode == 2
    assert sorted(parent.rglob("*")) == before, "the configuration wrote outside the project"
    message = result.stderr.strip()
    assert "\n" not in message and ".poalint.yaml:2" in message and "cache-dir" in message, message
    assert "--cache-dir" in message  # what to do instead


def test_cache_dir_from_a_configuration_is_relative_to_the_configuration(tmp_path):
    repo = tmp_path / "repo"
    (repo / "drafts").mkdir(parents=True)
    (repo / "drafts" / "bad.md").write_text(BAD)
    (repo / ".poalint.yaml").write_text("cache-dir: build/poalint-cache\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = poalint("check", str(repo / "drafts" / "bad.md"), cwd=elsewhere, home=tmp_path / "home")
    assert result.returncode == 1, result.stderr
    assert _entries(repo / "build" / "poalint-cache")
    assert list(elsewhere.iterdir()) == []


# ---------------------------------------------------------------- 4. leaks and injection


SECRET = "AKIA-SECRET-TOKEN-31337"


def test_links_out_of_the_linted_tree_are_not_followed(tmp_path):
    outside = tmp_path / "home-of-user"
    outside.mkdir()
    (outside / "credentials.md").write_text(
        f"# Credentials\n\nContact {SECRET}@example.com about it. We will improve our processes.\n"
    )
    (outside / "more").mkdir()
    (outside / "more" / "notes.md").write_text(f"We will try to fix it. {SECRET}@example.com\n")
    repo = tmp_path / "repo"
    (repo / "drafts").mkdir(parents=True)
    (repo / "drafts" / "bad.md").write_text(BAD)
    (repo / "drafts" / "inside.md").write_text(GOOD)
    os.symlink(outside / "credentials.md", repo / "drafts" / "innocent.md")
    os.symlink(outside / "more", repo / "drafts" / "folder")
    os.symlink("inside.md", repo / "drafts" / "alias.md")  # a link inside the tree is fine
    for fmt in ("json", "sarif", "github", "text"):
        result = poalint("check", "drafts", "--format", fmt, cwd=repo, home=tmp_path / "home")
        no_traceback(result)
        assert SECRET not in result.stdout + result.stderr, fmt
        assert "credentials" not in result.stdout
        assert result.returncode == 1, (fmt, result.stderr)
    report = json.loads(
        poalint("check", "drafts", "--format", "json", cwd=repo, home=tmp_path / "home").stdout
    )
    assert {Path(f["path"]).name for f in report["files"]} == {"alias.md", "bad.md", "inside.md"}


def test_companion_links_out_of_the_draft_folder_are_not_followed(tmp_path):
    """A `NAME.notice.txt` or `NAME.previous.md` picked up beside a draft that links out of the
    draft's folder is not read: its words (order ids, requests) would be quoted in findings."""
    outside = tmp_path / "home-of-user"
    outside.mkdir()
    secret_notice = (
        "Your selling privileges have been removed due to a late shipment rate.\n"
        f"Please provide invoices for {SECRET} orders and explain the root cause of {SECRET}.\n"
        "Order 113-1234567-7654321 was late.\n"
    )
    (outside / "notice.txt").write_text(secret_notice)
    (outside / "plan.md").write_text(f"# Root cause\n\n{SECRET} was late.\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "bad.md").write_text(BAD)
    os.symlink(outside / "notice.txt", repo / "bad.notice.txt")
    os.symlink(outside / "plan.md", repo / "bad.previous.md")
    (repo / "good.md").write_text(GOOD)
    (repo / "good.notice.txt").write_text("Your account was deactivated for late shipment rate.\n")
    home = tmp_path / "home"
    for fmt in ("json", "sarif", "github", "text"):
        result = poalint("check", ".", "--format", fmt, cwd=repo, home=home)
        no_traceback(result)
        assert SECRET not in result.stdout + result.stderr, fmt
        assert result.returncode == 1, (fmt, result.stderr)
    report = json.loads(poalint("check", ".", "--format", "json", cwd=repo, home=home).stdout)
    files = {Path(f["path"]).name: f for f in report["files"]}
    assert files["bad.md"]["notice"] is None and files["bad.md"]["resubmission"] is None
    assert files["good.md"]["notice"] is not None  # a companion inside the folder is read
    # named on the command line, the same file is read
    named = poalint(
        "check", "bad.md", "--notice", str(outside / "notice.txt"), "--format", "json", cwd=repo, home=home
    )
    assert json.loads(named.stdout)["files"][0]["notice"] is not None


def test_notice_words_cannot_put_terminal_codes_in_text_output(tmp_path):
    """A notice's open requests are printed in text output: its control characters are escaped,
    as a file name's are, and GitHub annotations stay one command per line."""
    (tmp_path / "bad.md").write_text(BAD)
    (tmp_path / "bad.notice.txt").write_text(
        "Your account was deactivated for a late shipment rate.\n"
        "Please explain order 113-1234567-7654321 \x1b]0;pwned\x07 and \r::error file=x::forged\n"
    )
    home = tmp_path / "home"
    text = poalint("check", "bad.md", "--format", "text", cwd=tmp_path, home=home)
    no_traceback(text)
    assert "notice:" in text.stdout and "\x1b" not in text.stdout and "\x07" not in text.stdout
    github = poalint("check", "bad.md", "--format", "github", cwd=tmp_path, home=home)
    commands = [line for line in github.stdout.splitlines() if line.startswith("::")]
    assert commands and all(line.split(",")[0].endswith("file=bad.md") for line in commands), commands


def test_file_names_cannot_inject_workflow_commands_or_terminal_codes(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    names = [
        "a\n::error file=forged.md,line=1::forged annotation\n.md",
        "::warning file=forged.md::forged.md",
        "b\x1b[2J\x1b]0;pwned\x07.md",
        "c\r::notice::forged.md",
    ]
    for name in names:
        (repo / name).write_text(BAD)
    home = tmp_path / "home"
    github = poalint("check", ".", "--format", "github", cwd=repo, home=home)
    no_traceback(github)
    report = json.loads(poalint("check", ".", "--format", "json", cwd=repo, home=home).stdout)
    findings = sum(len(f["findings"]) for f in report["files"])
    commands = [line for line in github.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == findings, github.stdout
    for line in github.stdout.split("\n"):
        assert "\r" not in line and "\x1b" not in line
        if line.startswith("::"):
            command, rest = line.split(" ", 1)
            assert command in ("::error", "::warning", "::notice")
            properties = rest.split("::", 1)[0].split(",")
            keys = [p.split("=", 1)[0] for p in properties]
            assert keys[0] == "file" and set(keys) <= {"file", "line", "col", "endLine", "endColumn", "title"}
            assert not properties[0].startswith("file=forged"), line
    text = poalint("check", ".", cwd=repo, home=home)
    assert "\x1b" not in text.stdout and "\r" not in text.stdout and "\x07" not in text.stdout
    assert not any(line.startswith("::") for line in text.stdout.splitlines())
    # each finding is on its own line, naming its file
    lines = [line for line in text.stdout.splitlines() if "[" in line and "]" in line and ": " in line]
    assert len(lines) >= findings


# ---------------------------------------------------------------- 5. denial of service from configuration


ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.parametrize("where", ["config", "rules"])
def test_yaml_alias_bomb_is_refused_quickly(repo, tmp_path, where):
    assert len(ALIAS_BOMB) < 700
    args = ["check", "bad.md"]
    if where == "config":
        (repo / ".poalint.yaml").write_text(ALIAS_BOMB)
        name = ".poalint.yaml"
    else:
        (repo / "poa-rules").mkdir()
        (repo / "poa-rules" / "bomb.yaml").write_text(ALIAS_BOMB.replace("a: &a", "rules: []\na: &a"))
        args += ["--rules", "poa-rules"]
        name = "bomb.yaml"
    started = time.monotonic()
    result = poalint(*args, cwd=repo, home=tmp_path / "home", timeout=120)
    assert time.monotonic() - started < 60
    no_traceback(result)
    assert result.returncode == 2
    message = result.stderr.strip()
    assert "\n" not in message and name in message and "alias" in message.lower(), message


HOSTILE_PATTERNS = ["(a|a)*$", "((a+))+$", r"(.|\s)*\d{99}", "(a+){1,99}b", "(.*a){12}x"]
HOSTILE_DRAFT = (
    "# Plan of Action\n\n## Root cause\n\n"
    + "a" * 40
    + "!\n\n## Immediate actions\n\nx"
    + " " * 40
    + "y\n\n## Preventive measures\n\n"
    + "a" * 60
    + "\n"
)


@pytest.mark.parametrize("pattern", HOSTILE_PATTERNS)
def test_catastrophic_user_regex_is_stopped_and_reported(tmp_path, pattern):
    repo = tmp_path / "repo"
    (repo / "poa-rules").mkdir(parents=True)
    rule = {
        "rules": [
            {
                "id": "slow-rule",
                "kind": "regex",
                "category": "formatting",
                "severity": "warning",
                "penalty": 1,
                "message": "slow",
                "why": "A test.",
                "suggestion": "None.",
                "patterns": [pattern],
                "examples": {"bad": ["aaa"], "good": ["bbb"]},
            }
        ]
    }
    (repo / "poa-rules" / "slow.yaml").write_text(json.dumps(rule))  # JSON is YAML
    (repo / "draft.md").write_text(HOSTILE_DRAFT)
    (repo / "good.md").write_text(GOOD)
    started = time.monotonic()
    result = poalint(
        "check", "draft.md", "good.md", "--rules", "poa-rules", "--format", "json", cwd=repo,
        home=tmp_path / "home", timeout=180,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    no_traceback(result)
    assert elapsed < 90, elapsed
    report = json.loads(result.stdout)
    if result.returncode == 1:  # the engine matched it in linear time: nothing to report
        assert pattern != "(a|a)*$", "this shape backtracks in every engine"
        assert [Path(f["path"]).name for f in report["files"]] == ["draft.md", "good.md"]
        return
    assert result.returncode == 2, result.stderr
    assert "slow-rule" in result.stderr and "slow.yaml" in result.stderr, result.stderr
    # each draft is either linted or has one error naming the rule and its file
    names = [Path(f["path"]).name for f in report["files"]] + [e["path"] for e in report["errors"]]
    assert sorted(names) == ["draft.md", "good.md"]
    assert report["errors"]
    for error in report["errors"]:
        assert "\n" not in error["message"]
        assert "slow-rule" in error["message"] and "slow.yaml" in error["message"]


def test_builtin_rule_pack_still_loads_from_a_fresh_cache(tmp_path):
    """The packs cache round-trips: a second run reads it and gives the same report."""
    home = tmp_path / "home"
    draft = tmp_path / "bad.md"
    draft.write_text(BAD)
    first = poalint("check", str(draft), "--no-cache", "--format", "json", cwd=ROOT, home=home)
    second = poalint("check", str(draft), "--no-cache", "--format", "json", cwd=ROOT, home=home)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout

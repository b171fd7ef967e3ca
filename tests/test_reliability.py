"""Bad input through the real CLI: one-line errors naming the file, exit 2, the good files
still linted, JSON still valid, and poalint never writes to a draft.

Each CLI run loads spaCy (~3 s), so the cases share a few runs over one folder of bad files.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

GOOD = """# Plan of Action

## Root cause
On 19 February we moved the carrier pickup to 14:00 but left the 1-day handling time, so
37 orders placed after 14:00 shipped a day late.

## Immediate actions
- On 15 March we restored the 17:00 pickup.

## Preventive measures
- Every day at 15:00 the shift lead ships all orders due that day.
"""

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489") + b"\x00" * 64


def _bad_folder(root: Path) -> dict[str, Path]:
    """A folder of drafts holding one of every kind of bad file, plus two good ones."""
    drafts = root / "drafts"
    (drafts / "sub").mkdir(parents=True)
    paths = {
        "good": drafts / "good.md",
        "empty": drafts / "empty.md",
        "blank": drafts / "blank.txt",
        "nul": drafts / "nul.txt",
        "png": drafts / "image.md",
        "big": drafts / "big.md",
        "selfloop": drafts / "selfloop.md",
        "loop": drafts / "sub" / "loop",
    }
    paths["good"].write_text(GOOD)
    paths["empty"].write_bytes(b"")
    paths["blank"].write_bytes(b"  \n\n\t\r\n   \n")
    paths["nul"].write_bytes(b"Root cause: we\x00 were late.\n")
    paths["png"].write_bytes(PNG)
    paths["big"].write_bytes((b"We will ship on time. " * 50_000)[:1_000_001])
    os.symlink("selfloop.md", paths["selfloop"])
    os.symlink("..", paths["loop"])  # drafts/sub/loop -> drafts: a loop in the walk
    return paths


def _assert_one_line_errors(errors: list[dict], expected: dict[str, str]) -> None:
    """Each expected path has exactly one error, one line long, naming the file and the problem."""
    for name, needle in expected.items():
        mine = [e for e in errors if Path(e["path"]).name == name]
        assert len(mine) == 1, (name, errors)
        message = mine[0]["message"]
        assert "\n" not in message
        assert name in message, message
        assert needle in message, (needle, message)
        assert ";" in message, f"no advice in {message!r}"  # "<file>: <problem>; <what to do>"


def test_bad_inputs_are_reported_and_good_files_still_linted(tmp_path):
    paths = _bad_folder(tmp_path)
    empty_dir = tmp_path / "no-drafts"
    (empty_dir / "nested").mkdir(parents=True)
    (empty_dir / "notes.pdf").write_bytes(b"%PDF-1.4")
    missing = tmp_path / "missing.md"
    args = [str(paths["good"].parent), str(missing), str(empty_dir)]

    result = run_cli("check", "--format", "json", *args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)  # still one valid JSON document
    linted = sorted(Path(f["path"]).name for f in data["files"])
    assert linted == ["blank.txt", "empty.md", "good.md"]
    expected = {
        "missing.md": "no such file",
        "no-drafts": "no drafts",
        "nul.txt": "binary",
        "image.md": "binary",
        "big.md": "too large",
        "selfloop.md": "symlink loop",
        "loop": "symlink loop",
    }
    _assert_one_line_errors(data["errors"], expected)
    assert data["summary"]["errors"] == len(data["errors"]) == len(expected)
    # with --format json the errors are also one line each on stderr
    for error in data["errors"]:
        assert error["message"] in result.stderr.splitlines()

    # an empty or blank draft is a structure result (missing elements), not an error
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    for name in ("empty.md", "blank.txt"):
        report = by_name[name]
        assert report["findings"], name
        assert {f["category"] for f in report["findings"]} == {"structure"}
    assert by_name["good.md"]["score"] > 50

    # text output: same errors, one line each, on stdout beside the findings
    text = run_cli("check", *args)
    assert text.returncode == 2
    assert "Traceback" not in text.stderr
    for error in data["errors"]:
        assert error["message"] in text.stdout.splitlines()
    assert "good.md" in text.stdout


def test_size_limit_is_configurable(tmp_path):
    draft = tmp_path / "long.md"
    draft.write_text(GOOD)
    result = run_cli("check", "--max-bytes", "100", "--format", "json", str(draft), str(tmp_path / "nope.md"))
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert data["files"] == []
    messages = [e["message"] for e in data["errors"]]
    assert any("long.md" in m and "too large" in m and "limit 100" in m for m in messages), messages
    assert any("nope.md" in m and "no such file" in m for m in messages), messages


# As root, file permissions block nothing; dropping the two capabilities that let root bypass
# them (setpriv, util-linux) makes chmod 000 bite while keeping uid 0 (so the venv stays usable).
_NO_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def test_unreadable_file(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    locked = tmp_path / "locked.md"
    locked.write_text(GOOD)
    locked.chmod(0o000)
    args = ["check", "--format", "json", str(tmp_path)]
    if os.geteuid() != 0:
        result = run_cli(*args)
    else:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root (permissions do not block reads) and setpriv is not installed")
        probe = subprocess.run([*_NO_DAC, "cat", str(locked)], capture_output=True, timeout=60)
        if probe.returncode == 0:
            pytest.skip("running as root and dropping CAP_DAC_OVERRIDE did not make chmod 000 unreadable")
        result = subprocess.run(
            [*_NO_DAC, sys.executable, "-m", "poalint", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["good.md"]
    _assert_one_line_errors(data["errors"], {"locked.md": "permission denied"})


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_poalint_never_writes_to_drafts(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "good.md").write_text(GOOD)
    (drafts / "crlf.txt").write_bytes(GOOD.replace("\n", "\r\n").encode("utf-8-sig"))
    (drafts / "latin1.md").write_bytes("Root cause: the caf\xe9 \x93order\x94 was late.\n".encode("latin-1"))
    (drafts / "suppressed.md").write_text(
        "<!-- poalint-disable-next-line vague-action -->\nWe will do better.\n"
    )
    old = time.time_ns() - 10**10  # mtimes 10 s in the past, so a rewrite would show
    for path in drafts.iterdir():
        os.utime(path, ns=(old, old))
    before = _snapshot(tmp_path)
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    for fmt in ("text", "concise", "json"):
        result = run_cli("check", "--format", fmt, str(drafts))
        assert result.returncode in (0, 1), result.stderr
    result = run_cli("check", "--format", "json", "--output", str(report), str(drafts))
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(report.read_text())["files"]
    for args in (("rules",), ("rules", "--format", "json"), ("explain", "vague-action"), ("schema",)):
        assert run_cli(*args, cwd=drafts).returncode == 0
    after = _snapshot(tmp_path)
    after.pop(str(report))
    assert after == before
    assert sorted(p.name for p in report.parent.iterdir()) == ["report.json"]  # no temp file left


def test_sigint_exits_130_without_traceback_or_partial_output(tmp_path):
    """Ctrl-C at a terminal signals the whole process group (the parallel workers too)."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(400):
        (drafts / f"d{i:03}.md").write_text(GOOD * 20)
    out = tmp_path / "report.json"
    cache = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    command = [sys.executable, "-m", "poalint", "check", "--format", "json", "--output", str(out)]
    proc = subprocess.Popen(
        [*command, "--cache-dir", str(cache), str(drafts)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        time.sleep(10)  # spaCy loaded and linting under way
        assert proc.poll() is None, "the run finished before it could be interrupted; make the folder bigger"
        os.killpg(proc.pid, signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "interrupted" in stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) in (["drafts"], ["cache", "drafts"])  # no temp report
    # cache entries are written whole or not at all
    assert not [p for p in cache.rglob("*") if p.is_file() and p.name.startswith(".tmp")]


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
        "!!python/name:os.system",
        "!custom {{a: 1}}",
    ],
)
def test_yaml_tags_are_refused_and_never_executed(tmp_path, payload):
    marker = tmp_path / "pwned"
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "evil.yaml").write_text("rules:\n  - id: x\n    kind: " + payload.format(marker=marker) + "\n")
    result = run_cli("rules", "--rules", str(folder))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "evil.yaml:3:" in result.stderr and "not allowed" in result.stderr
    assert not marker.exists()

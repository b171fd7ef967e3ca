"""The progress bar: shown on a terminal with many files, silent when piped."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading

from tests.conftest import GOOD, ROOT, run_cli


def test_progress_bar_only_on_a_terminal_with_many_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(20):
        (folder / f"d{i:02}.md").write_text(GOOD)
    env = dict(os.environ, COLUMNS="100")
    env.pop("NO_COLOR", None)
    env.pop("POALINT_NO_PROGRESS", None)
    primary, secondary = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:  # read while the child writes: a pty's buffer is small
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "poalint", "check", "--format", "concise", str(folder)],
            stdout=subprocess.PIPE,
            stderr=secondary,
            env=env,
            cwd=ROOT,
        )
        os.close(secondary)
        reader.start()
        stdout, _ = proc.communicate(timeout=300)
        reader.join(timeout=10)
    finally:
        os.close(primary)
    stderr = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "Linting" in stderr and "20/20" in stderr
    assert b"Linting" not in stdout
    # not a terminal: silent
    piped = run_cli("check", "--format", "concise", str(folder))
    assert piped.returncode == 0 and piped.stderr == ""

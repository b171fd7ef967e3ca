"""poalint must work with no network at all, first run included."""

from __future__ import annotations

from tests.conftest import CORPUS, run_cli

BLOCKER = """
import socket

def _refuse(*args, **kwargs):
    raise OSError("network disabled by test")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


def test_whole_cli_runs_with_network_blocked(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(BLOCKER)
    result = run_cli(
        "check",
        "--format",
        "json",
        str(CORPUS),
        env={"PYTHONPATH": str(tmp_path), "NLTK_DATA": str(tmp_path / "empty")},
    )
    assert result.returncode in (0, 1), result.stderr
    assert "network disabled" not in result.stderr
    assert '"flesch_reading_ease"' in result.stdout

"""`poalint server` driven as an editor drives it: a real process speaking LSP over stdio,
a JSON-RPC client (poalint.server.client) on the other end.

One server process serves the whole module (loading spaCy takes a few seconds); each test
uses its own documents. Expected diagnostics come from the same text linted in-process
through a Session, converted to UTF-16 positions independently of the server's code.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the editor server is the optional 'server' extra")

from poalint.app.session import Session, SessionOptions
from poalint.checks.loader import load_pack
from poalint.server.client import LspClient, file_uri
from tests.conftest import ROOT

DRAFT = """# Plan of Action 🚀 for the 日本 store

## Root cause
On 19 February we moved the carrier pickup to 14:00 but left the 1-day handling time, so
37 orders placed after 14:00 shipped a day late.

## Immediate actions
- On 15 March we restored the 17:00 pickup.

## Preventive measures
- 📦 日本倉庫: we will improve our processes soon.
- Every day at 15:00 the shift lead ships all orders due that day.
"""
EMOJI_LINE = 10  # 0-based: the line with the emoji, the CJK text and the findings
NO_ROOT_CAUSE = "# Plan of Action\n\n## Immediate actions\n- On 15 March we restored the 17:00 pickup.\n"
SEVERITY = {"error": 1, "warning": 2, "info": 3}


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected(text: str, path: Path) -> list[tuple]:
    """(code, severity, start line, start char, end line, end char) as the server must publish
    them: the findings of an in-process lint, columns counted in UTF-16 code units."""
    lines = text.split("\n")
    report = Session(SessionOptions(cache=False)).lint_text(text, str(path))
    rows = []
    for f in report.findings:
        if f.line is None:
            first = next(i for i, line in enumerate(lines) if line.strip())
            rows.append((f.rule, SEVERITY[f.severity], first, 0, first, utf16(lines[first])))
            continue
        start, end = lines[f.line - 1], lines[f.end_line - 1]
        rows.append(
            (
                f.rule,
                SEVERITY[f.severity],
                f.line - 1,
                utf16(start[: f.column - 1]),
                f.end_line - 1,
                utf16(end[: f.end_column - 1]),
            )
        )
    return sorted(rows)


def published(diagnostics: list[dict]) -> list[tuple]:
    rows = []
    for d in diagnostics:
        r = d["range"]
        rows.append(
            (
                d["code"],
                d["severity"],
                r["start"]["line"],
                r["start"]["character"],
                r["end"]["line"],
                r["end"]["character"],
            )
        )
    return sorted(rows)


def covered_text(text: str, range_: dict) -> str:
    """The text a one-line range covers, slicing the line in UTF-16 as an editor does."""
    line = text.split("\n")[range_["start"]["line"]].encode("utf-16-le")
    return line[2 * range_["start"]["character"] : 2 * range_["end"]["character"]].decode("utf-16-le")


def apply_edits(text: str, edits: list[dict]) -> str:
    """Apply LSP TextEdits (UTF-16 positions) to text, as a client does."""
    lines = text.split("\n")

    def offset(position: dict) -> int:
        before = sum(len(line) + 1 for line in lines[: position["line"]])
        line = lines[position["line"]] if position["line"] < len(lines) else ""
        units = line.encode("utf-16-le")[: 2 * position["character"]]
        return before + len(units.decode("utf-16-le"))

    for edit in sorted(
        edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]), reverse=True
    ):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A folder with a configuration (warning for vague-timing raised to error) and one with a
    broken configuration."""
    root = tmp_path_factory.mktemp("lsp")
    (root / "drafts").mkdir()
    (root / "drafts" / ".poalint.yaml").write_text("severity:\n  vague-timing: error\n")
    (root / "broken").mkdir()
    (root / "broken" / ".poalint.yaml").write_text("ignore: [vage]\n")
    return root


@pytest.fixture(scope="module")
def client(workspace):
    with LspClient([sys.executable, "-m", "poalint", "server"], cwd=ROOT) as client:
        # a long debounce, so that the burst below is coalesced even on a busy machine
        client.initialize_result = client.initialize(workspace, debounce=400)
        yield client


def open_draft(client: LspClient, path: Path, text: str, language: str = "markdown") -> list[dict]:
    path.write_text(text, encoding="utf-8")
    uri = file_uri(path)
    mark = client.open(uri, text, language)
    return client.diagnostics(uri, mark, version=1)[1]


def test_initialize_advertises_what_the_server_does(client):
    capabilities = client.initialize_result["capabilities"]
    assert capabilities["positionEncoding"] == "utf-16"
    assert capabilities["textDocumentSync"]["change"] == 2  # incremental
    assert capabilities["textDocumentSync"]["openClose"] is True
    assert "save" in capabilities["textDocumentSync"]
    assert capabilities["hoverProvider"] is True
    assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
    assert client.initialize_result["serverInfo"]["name"] == "poalint"


def test_open_publishes_the_findings_with_utf16_ranges(client, workspace):
    path = workspace / "drafts" / "emoji.md"
    diagnostics = open_draft(client, path, DRAFT)
    assert published(diagnostics) == expected(DRAFT, path)
    assert all(d["source"] == "poalint" for d in diagnostics)
    on_line = [d for d in diagnostics if d["range"]["start"]["line"] == EMOJI_LINE]
    assert {d["code"] for d in on_line} >= {"vague-timing", "missing-time-bound"}
    vague = next(d for d in on_line if d["code"] == "vague-timing")
    # the emoji is two UTF-16 units: a code-point column would be one short
    line = DRAFT.split("\n")[EMOJI_LINE]
    assert vague["range"]["start"]["character"] == line.index("soon") + 1
    assert covered_text(DRAFT, vague["range"]) == "soon"
    whole = next(d for d in on_line if d["code"] == "missing-time-bound")
    assert covered_text(DRAFT, whole["range"]) == "📦 日本倉庫: we will improve our processes soon."
    # the configuration next to the draft applies: vague-timing is an error there
    assert vague["severity"] == 1


def test_plain_text_drafts_are_linted_too(client, workspace):
    path = workspace / "drafts" / "plain.txt"
    text = DRAFT.replace("# ", "").replace("## ", "")
    diagnostics = open_draft(client, path, text, language="plaintext")
    assert published(diagnostics) == expected(text, path)
    assert any(d["code"] == "vague-timing" for d in diagnostics)


def test_a_change_updates_the_diagnostics(client, workspace):
    path = workspace / "drafts" / "change.md"
    uri = file_uri(path)
    before = open_draft(client, path, DRAFT)
    assert any(d["code"] == "vague-timing" for d in before)
    line = DRAFT.split("\n")[EMOJI_LINE]
    start = utf16(line[: line.index("soon")])
    mark = client.change(
        uri,
        [
            {
                "range": {
                    "start": {"line": EMOJI_LINE, "character": start},
                    "end": {"line": EMOJI_LINE, "character": start + 4},
                },
                "text": "by 30 June",
            }
        ],
    )
    after = client.diagnostics(uri, mark, version=client.version(uri))[1]
    edited = DRAFT.replace("processes soon.", "processes by 30 June.")
    assert published(after) == expected(edited, path)
    assert not any(d["code"] == "vague-timing" for d in after)


def test_a_burst_of_changes_is_linted_once_it_stops(client, workspace):
    path = workspace / "drafts" / "burst.md"
    uri = file_uri(path)
    open_draft(client, path, DRAFT)
    mark = client.mark()
    for word in ("a", "b", "c", "d", "e"):
        client.change(uri, [{"text": DRAFT + f"\nNote {word}.\n"}])
    last = client.version(uri)
    client.diagnostics(uri, mark, version=last)
    versions = [
        m["params"]["version"]
        for _t, m in client.notifications[mark:]
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
    ]
    assert versions[-1] == last
    assert set(versions) <= {2, last}  # the first change at once, the rest coalesced


def test_save_relints_and_picks_up_a_changed_configuration(client, workspace):
    folder = workspace / "saved"
    folder.mkdir()
    path = folder / "draft.md"
    uri = file_uri(path)
    before = open_draft(client, path, DRAFT)
    assert any(d["code"] == "vague-timing" for d in before)
    (folder / ".poalint.yaml").write_text("ignore: [vague-timing]\n")
    mark = client.mark()
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    after = client.diagnostics(uri, mark)[1]
    assert not any(d["code"] == "vague-timing" for d in after)
    assert published(after) == expected(DRAFT, path)


def test_a_broken_configuration_is_one_diagnostic_naming_it(client, workspace):
    diagnostics = open_draft(client, workspace / "broken" / "draft.md", DRAFT)
    assert len(diagnostics) == 1
    (problem,) = diagnostics
    assert problem["code"] == "configuration" and problem["severity"] == 1
    assert ".poalint.yaml:1:" in problem["message"] and "did you mean 'vague'" in problem["message"]


def test_hover_shows_why_and_the_suggestion(client, workspace):
    path = workspace / "drafts" / "hover.md"
    uri = file_uri(path)
    diagnostics = open_draft(client, path, DRAFT)
    vague = next(d for d in diagnostics if d["code"] == "vague-timing")
    position = {"line": EMOJI_LINE, "character": vague["range"]["start"]["character"] + 1}
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
    rule = next(r for r in load_pack().rules if r.id == "vague-timing")
    value = hover["contents"]["value"]
    assert hover["contents"]["kind"] == "markdown"
    assert "`vague-timing`" in value
    assert " ".join(rule.why.split()) in value
    assert " ".join(rule.suggestion.split()) in value
    assert hover["range"] == vague["range"] or "`missing-time-bound`" in value
    nowhere = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 2}}
    )
    assert nowhere is None


def quick_fix(client: LspClient, uri: str, diagnostic: dict, title_end: str) -> dict:
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]},
        },
    )
    return next(a for a in actions if a["title"].endswith(title_end))


def test_a_line_quick_fix_silences_its_finding(client, workspace):
    path = workspace / "drafts" / "fix.md"
    uri = file_uri(path)
    diagnostics = open_draft(client, path, DRAFT)
    vague = next(d for d in diagnostics if d["code"] == "vague-timing")
    action = quick_fix(client, uri, vague, "for this line")
    assert action["kind"] == "quickfix" and action["isPreferred"] is True
    assert action["title"] == "Disable vague-timing for this line"
    fixed = apply_edits(DRAFT, action["edit"]["changes"][uri])
    assert "<!-- poalint-disable-next-line vague-timing -->\n- 📦" in fixed
    mark = client.change(uri, [{"text": fixed}])
    after = client.diagnostics(uri, mark, version=client.version(uri))[1]
    assert not any(d["code"] == "vague-timing" for d in after)
    # everything else is still there, one line further down
    moved = [
        (c, s, a + 1 if a >= EMOJI_LINE else a, b, e + 1 if e >= EMOJI_LINE else e, f)
        for c, s, a, b, e, f in published(diagnostics)
    ]
    assert published(after) == sorted(r for r in moved if r[0] != "vague-timing")


def test_a_whole_draft_finding_gets_a_file_comment(client, workspace):
    path = workspace / "drafts" / "whole.md"
    uri = file_uri(path)
    diagnostics = open_draft(client, path, NO_ROOT_CAUSE)
    missing = [d for d in diagnostics if d.get("data") == {"scope": "file"}]
    assert missing, diagnostics
    target = missing[0]
    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": target["range"], "context": {"diagnostics": [target]}},
    )
    assert [a["title"] for a in actions] == [f"Disable {target['code']} for this file"]
    fixed = apply_edits(NO_ROOT_CAUSE, actions[0]["edit"]["changes"][uri])
    assert fixed.startswith(f"<!-- poalint-disable-file {target['code']} -->\n")
    mark = client.change(uri, [{"text": fixed}])
    after = client.diagnostics(uri, mark, version=client.version(uri))[1]
    assert target["code"] not in {d["code"] for d in after}


def test_close_clears_the_diagnostics(client, workspace):
    path = workspace / "drafts" / "close.md"
    uri = file_uri(path)
    assert open_draft(client, path, DRAFT)
    mark = client.mark()
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri, mark)[1] == []


def test_other_languages_are_left_alone(client, workspace):
    path = workspace / "drafts" / "script.py"
    uri = file_uri(path)
    path.write_text("x = 1  # improve our processes soon\n")
    client.open(uri, path.read_text(), language="python")
    marker = workspace / "drafts" / "after.md"
    open_draft(client, marker, DRAFT)  # answered after the .py file was seen
    assert not [
        m
        for _t, m in client.notifications
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
    ]


def test_the_server_logged_no_error(client):
    assert "Traceback" not in client.stderr() and "rror" not in client.stderr(), client.stderr()


def test_shutdown_and_exit(workspace):
    with LspClient([sys.executable, "-m", "poalint", "server"], cwd=ROOT) as client:
        client.initialize(workspace)
        started = time.monotonic()
        assert client.close() == 0
        assert time.monotonic() - started < 30
        assert "Traceback" not in client.stderr()


def test_without_pygls_the_command_says_what_to_install():
    code = (
        "import sys; sys.modules['pygls'] = None; sys.argv = ['poalint', 'server'];"
        "from poalint.cli.entry import main; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr == (
        "poalint: the editor server needs pygls, which is not installed; pip install 'poalint[server]'\n"
    )
    assert result.stdout == ""


def test_readme_editor_snippets_start_the_server():
    import json
    import tomllib

    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Editor server (LSP)") : readme.index("### Rule tooling")]

    def fenced(language: str, after: str) -> str:
        start = section.index(f"```{language}\n", section.index(after)) + len(language) + 4
        return section[start : section.index("```", start)]

    vscode = json.loads(fenced("json", "**VS Code**"))
    assert [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]] == ["poalint", "server"]
    helix = tomllib.loads(fenced("toml", "**Helix**"))
    assert helix["language-server"]["poalint"] == {"command": "poalint", "args": ["server"]}
    assert all("poalint" in lang["language-servers"] for lang in helix["language"])
    for snippet in (fenced("lua", "**Neovim**"), fenced("lua", "vim.lsp.config")):
        assert 'cmd = { "poalint", "server" }' in snippet


def test_utf8_positions_when_the_client_asks_and_a_killed_worker_is_replaced(workspace):
    """A second server: a client offering UTF-8 gets byte offsets; and the server lints in a
    child process which, killed, is replaced by the next lint."""
    if not Path("/proc/self/task").is_dir():
        pytest.skip("finds the worker through Linux /proc")
    with LspClient([sys.executable, "-m", "poalint", "server"], cwd=ROOT) as client:
        result = client.initialize(workspace, encodings=["utf-8", "utf-16"])
        assert result["capabilities"]["positionEncoding"] == "utf-8"
        path = workspace / "drafts" / "utf8.md"
        before = open_draft(client, path, DRAFT)
        vague = next(d for d in before if d["code"] == "vague-timing")
        line = DRAFT.split("\n")[EMOJI_LINE]
        start = len(line[: line.index("soon")].encode("utf-8"))
        assert vague["range"]["start"] == {"line": EMOJI_LINE, "character": start}
        assert vague["range"]["end"] == {"line": EMOJI_LINE, "character": start + 4}

        server = client.process.pid
        children = [
            int(c)
            for task in Path(f"/proc/{server}/task").iterdir()
            for c in (task / "children").read_text().split()
        ]
        assert len(children) == 1
        os.kill(children[0], signal.SIGKILL)
        uri = file_uri(path)
        mark = client.change(uri, [{"text": DRAFT}])
        after = client.diagnostics(uri, mark, version=client.version(uri))[1]
        assert after == before
        assert client.close() == 0


def test_the_prelude_hands_over_to_pygls(workspace):
    """A fresh server: `initialize` and the first draft are answered before pygls is imported;
    pygls then knows everything it was sent (the documents, the client's options) and carries
    on, without a second answer to `initialize` or a second lint of the draft published."""
    with LspClient([sys.executable, "-m", "poalint", "server"], cwd=ROOT) as client:
        client.initialize(workspace, debounce=5_000)
        script = workspace / "drafts" / "opened-first.py"
        client.open(file_uri(script), "x = 1  # improve our processes soon\n", language="python")
        path = workspace / "drafts" / "first.md"
        uri = file_uri(path)
        diagnostics = open_draft(client, path, DRAFT)
        assert published(diagnostics) == expected(DRAFT, path)
        # the lint the prelude published is the one hover reads
        vague = next(d for d in diagnostics if d["code"] == "vague-timing")
        position = {"line": EMOJI_LINE, "character": vague["range"]["start"]["character"] + 1}
        hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
        assert "`vague-timing`" in hover["contents"]["value"]
        # pygls has the document: an incremental change applies to the text the prelude read
        line = DRAFT.split("\n")[EMOJI_LINE]
        start = utf16(line[: line.index("soon")])
        change = {
            "range": {
                "start": {"line": EMOJI_LINE, "character": start},
                "end": {"line": EMOJI_LINE, "character": start + 4},
            },
            "text": "by 30 June",
        }
        mark = client.change(uri, [change])
        client.change(uri, [{"text": DRAFT}])  # within the client's debounce of 5 s: coalesced
        time.sleep(1)
        assert not [
            m
            for _t, m in client.notifications[mark:]
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["version"] == 3
        ]
        mark = client.change(uri, [{"text": DRAFT.replace("processes soon.", "processes by 30 June.")}])
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})  # at once
        after = client.diagnostics(uri, mark, version=client.version(uri))[1]
        assert published(after) == expected(DRAFT.replace("processes soon.", "processes by 30 June."), path)
        versions = [
            m["params"]["version"]
            for _t, m in client.notifications
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        ]
        assert versions.count(1) == 1
        assert not [
            m
            for _t, m in client.notifications
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == file_uri(script)
        ]
        assert client._responses == {}  # no second answer to initialize
        assert client.close() == 0
        assert "Traceback" not in client.stderr() and "rror" not in client.stderr(), client.stderr()

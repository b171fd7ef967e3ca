"""A generative fuzzer for `poalint check`: POA-like drafts, hostile and damaged, through the CLI.

Each round writes a folder of drafts built from real POA sentences and headings (taken from
`corpus/`) mixed with hostile material (zero-width and control characters, bidi overrides,
CJK text, runaway list markers, huge words, comments and fences, broken tables), saved as
.md / .txt / .markdown in assorted encodings (UTF-8 with and without BOM, UTF-16, Windows-1252,
Shift-JIS, GB18030, UTF-8 with a stray byte) or as a Word .docx (headings, list styles, bold
runs, tables, an occasional XXE entity), with byte-level damage now and then and hostile file
names (newlines, `::error`, non-UTF-8 bytes), plus a symlink to a secret outside the folder.
It then runs `poalint check` in-process (click's runner; the spaCy pipeline is loaded once)
in every format and checks the invariants:

- no exception, exit status 0, 1 or 2, and 2 exactly when there are errors;
- JSON and SARIF valid (SARIF against the official 2.1.0 schema);
- every finding's line and column inside its document; sections ordered, not overlapping;
- scores within 0-100, grades matching scores;
- GitHub output: one workflow command per finding and error, nothing else starting with `::`;
- the secret behind the symlink never appears in any output;
- the same output linted again, from the result cache, and with `--jobs 2`.

A failing round is saved (drafts + what failed) under the artifact folder and the run goes on.

    .venv/bin/python tests/fuzz_poa.py --minutes 25 --seed 1 --artifacts /tmp/poalint-fuzz-art

Not collected by pytest (the name does not start with test_).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECRET = "TOP-SECRET-7f3a9c"
GRADES = [(90, "A"), (80, "B"), (70, "C"), (60, "D"), (0, "F")]


def _patch_pipeline_loading() -> None:
    """Load each spaCy pipeline once per process (the CLI loads it per command)."""
    import importlib

    for name in ("poalint.nlp.pipeline", "poalint.nlp"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        original = getattr(module, "load_pipeline", None)
        if original is None:
            continue
        memo: dict = {}

        def load(requested=None, exclude=(), _original=original, _memo=memo):  # ANN202
            key = (requested, tuple(exclude))
            if key not in _memo:
                _memo[key] = _original(requested, exclude=exclude)
            return _memo[key]

        module.load_pipeline = load
        return


def _cli():
    try:
        from poalint.cli.app import cli
    except ImportError:
        from poalint.cli import cli
    return cli


# ------------------------------------------------------------------ generating drafts

HEADINGS = {
    "root_cause": ["Root cause", "Root Cause of the Issue", "Why it happened", "ROOT CAUSE"],
    "immediate_actions": ["Immediate actions", "Actions taken", "What we have already done"],
    "preventive_measures": ["Preventive measures", "Steps to prevent recurrence", "PREVENTIVE MEASURES"],
    "other": ["Introduction", "Supporting documents", "Closing", "Plan of Action", "Dear Seller Performance"],
}
HOSTILE = [
    "im\u200bprove our pro\u200dcesses",
    "\u202egnipmal\u202c we will ship",
    "\ufeffBOM inside",
    "ctrl\x07\x1b[31mred\x1b[0m text",
    "我们将在三天内改进我们的流程。",
    "当社は配送プロセスを改善します。",
    "Nous allons améliorer nos processus dès que possible.",
    "- - - - - - - - - - - - - - - - - - - - - - - - -",
    "> > > > > > quoted deep",
    "<!-- poalint-disable -->",
    "<!-- poalint-enable -->",
    "<!-- poalint-disable-next-line vague, nope -->",
    "<!-- poalint-disable-file -->",
    "```",
    "| a | b |\n|---|---|\n| c |",
    "**bold heading**",
    "1. Step 1",
    "Step 2:",
    "[name] [date] XXX TBD",
    "call us at +1 555 123 4567 or mail seller@example.com",
    "!!!!!!!!!!!!!!",
    "“quoted “nested” text”",
    "\t\t\ttabbed",
    "\f\v form feed",
    "a\u0301\u0301\u0301\u0301 combining",
    "😀😀😀 emoji 👍",
    "\u2028line separator\u2029para separator",
    "\\ backslash % percent : colon , comma",
    "::error file=x.md,line=1::forged annotation",
]


def corpus_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted((ROOT / "corpus").glob("*")):
        if path.suffix in (".md", ".txt"):
            lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


def make_lines(rng: random.Random, sentences: list[str]) -> list[str]:
    lines: list[str] = []
    for kind in rng.sample(list(HEADINGS), k=rng.randint(0, 4)):
        style = rng.choice(["# ", "## ", "**", "", "1. ", "setext"])
        title = rng.choice(HEADINGS[kind])
        if style == "**":
            lines.append(f"**{title}**")
        elif style == "setext":
            lines += [title, rng.choice(["===", "---"])]
        else:
            lines.append(f"{style}{title}")
        for _ in range(rng.randint(0, 6)):
            line = rng.choice(sentences)
            roll = rng.random()
            if roll < 0.15:
                line = rng.choice(HOSTILE)
            elif roll < 0.25:
                line = f"{'  ' * rng.randint(0, 12)}{rng.choice(['-', '*', '+', '1.'])} {line}"
            elif roll < 0.3:
                cut = rng.randint(0, len(line))
                line = line[:cut] + rng.choice(HOSTILE) + line[cut:]
            elif roll < 0.33:
                line = rng.choice(["x", "a ", "- ", "# ", "[", "“"]) * rng.randint(50, 3000)
            lines.append(line)
            if rng.random() < 0.4:
                lines.append("")
    if not lines or rng.random() < 0.05:
        lines.append(rng.choice(HOSTILE))
    return lines


def encode(rng: random.Random, text: str) -> tuple[bytes, str]:
    newline = rng.choice(["\n", "\n", "\r\n", "\r"])
    text = text.replace("\n", newline)
    encoding = rng.choice(
        ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "shift_jis", "gb18030", "stray"]
    )
    if encoding == "stray":
        data = text.encode("utf-8")
        cut = rng.randint(0, len(data))
        data = data[:cut] + bytes([rng.choice([0x92, 0xE9, 0x96, 0xFF])]) + data[cut:]
    else:
        data = text.encode(encoding, errors="replace")
    if rng.random() < 0.08:  # byte-level damage
        data = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        data = bytes(data)
    if rng.random() < 0.03:
        data = data[: rng.randint(0, len(data))]
    return data, encoding


XXE_DOCTYPE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
)


def make_docx(rng: random.Random, lines: list[str], path: Path) -> None:
    import docx

    document = docx.Document()
    for line in lines:
        clean = "".join(c for c in line if c in "\t\n" or (ord(c) >= 32 and not 0xD800 <= ord(c) <= 0xDFFF))
        clean = clean.replace("\ufffe", "").replace("\uffff", "")
        if line.startswith("#"):
            document.add_heading(clean.lstrip("# "), level=rng.randint(0, 3))
        elif line.lstrip().startswith(("- ", "* ")):
            document.add_paragraph(clean.lstrip(" -*"), style=rng.choice(["List Bullet", "List Number"]))
        elif line.startswith("**"):
            document.add_paragraph().add_run(clean.strip("*")).bold = True
        elif line.startswith("|") and rng.random() < 0.5:
            table = document.add_table(rows=2, cols=2)
            table.cell(0, 0).text = clean
            table.cell(1, 1).text = rng.choice(HOSTILE).replace("\x07", "").replace("\x1b", "")
        else:
            document.add_paragraph(clean)
    document.save(str(path))
    if rng.random() < 0.1:  # an XXE entity in the body
        import zipfile

        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        body = parts["word/document.xml"]
        body = XXE_DOCTYPE + body.split(b"?>", 1)[1]
        parts["word/document.xml"] = body.replace(b"<w:t>", b"<w:t>&xxe;", 1)
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)


NAMES = ["draft", "poa", "Plan of Action", "new\nline", "::error file=a::x", "ctrl\x1b[2J", "tab\tname"]


def make_round(rng: random.Random, folder: Path, sentences: list[str]) -> dict[str, dict]:
    """Write 4-8 drafts; returns name -> what was written (for the invariants)."""
    written: dict[str, dict] = {}
    for index in range(rng.randint(4, 8)):
        lines = make_lines(rng, sentences)
        stem = f"{index:02d}-{rng.choice(NAMES)}"
        if rng.random() < 0.2:
            suffix = ".docx"
            path = folder / f"{stem}{suffix}"
            make_docx(rng, lines, path)
            written[path.name] = {"docx": True}
        else:
            suffix = rng.choice([".md", ".md", ".txt", ".markdown"])
            data, encoding = encode(rng, "\n".join(lines) + rng.choice(["", "\n"]))
            name = f"{stem}{suffix}"
            if rng.random() < 0.05:
                path = Path(
                    os.fsdecode(os.fsencode(str(folder)) + b"/" + f"{index:02d}-caf".encode() + b"\xe9.md")
                )
            else:
                path = folder / name
            path.write_bytes(data)
            written[path.name] = {"docx": False, "encoding": encoding}
    if rng.random() < 0.3:
        os.symlink(folder.parent / "secret.md", folder / "zz-link.md")
    return written


# ------------------------------------------------------------------ checking


class Failure(Exception):
    pass


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise Failure(what)


def run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    from click.testing import CliRunner

    runner = CliRunner()
    with contextlib.chdir(cwd):
        result = runner.invoke(_cli(), args, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        tb = "".join(traceback.format_exception(result.exception))
        raise Failure(f"exception for {args}:\n{tb}")
    stderr = result.stderr if result.stderr_bytes is not None else ""
    expect("Traceback" not in result.output + stderr, f"traceback in output of {args}")
    expect(result.exit_code in (0, 1, 2), f"exit status {result.exit_code} for {args}")
    expect(SECRET not in result.output + stderr, f"secret leaked by {args}")
    return result.exit_code, result.stdout, stderr


def document_lines(folder: Path, path: str, report: dict) -> list[str] | None:
    """The lines (or paragraphs) findings must fall into; None when the file cannot be matched."""
    candidates = [p for p in folder.iterdir() if os.fsdecode(os.fsencode(p.name)) in path]
    if report["location_unit"] == "paragraph":
        return None  # paragraph bounds are checked against the sections below
    for candidate in candidates:
        if candidate.is_symlink():
            continue
        with contextlib.suppress(Exception):
            from poalint import reading as old_reading

            return old_reading.read_text(str(candidate)).split("\n")
        with contextlib.suppress(Exception):
            from poalint.read import text as new_reading

            return new_reading.read_text(str(candidate)).split("\n")
    return None


def check_report(report: dict, folder: Path) -> None:
    for file in report["files"]:
        score = file["score"]
        expect(0 <= score <= 100, f"score {score}")
        expect(file["grade"] == next(g for floor, g in GRADES if score >= floor), f"grade of {score}")
        lines = document_lines(folder, file["path"], file)
        previous_end = (0, 0)  # in order, never overlapping (two sections may share a line)
        for section in file["sections"]:
            expect(1 <= section["start_line"] <= section["end_line"], f"section {section}")
            start = (section["start_line"], section["start_column"])
            expect(start >= previous_end, f"sections overlap: {file['sections']}")
            previous_end = (section["end_line"], section["end_column"])
            if lines is not None:
                expect(section["end_line"] <= len(lines), f"section past the end: {section}")
        for f in file["findings"]:
            if f["line"] is None:
                expect(f["column"] is None and f["end_line"] is None, f"lineless finding {f}")
                continue
            expect(1 <= f["line"] <= f["end_line"], f"finding lines {f}")
            expect(f["column"] is not None and f["column"] >= 1, f"finding column {f}")
            expect("\n" not in f["message"] and "\r" not in f["message"], f"newline in message {f}")
            if lines is not None:
                expect(f["end_line"] <= len(lines), f"finding past the end {f} ({len(lines)} lines)")
                expect(f["column"] <= len(lines[f["line"] - 1]) + 1, f"column past the line end {f}")
                expect(f["end_column"] <= len(lines[f["end_line"] - 1]) + 1, f"end column past the end {f}")
    for error in report["errors"]:
        expect("\n" not in error["message"], f"newline in error {error}")


def check_github(text: str, report: dict) -> None:
    commands = [line for line in text.split("\n") if line.startswith("::")]
    findings = sum(len(f["findings"]) for f in report["files"])
    expect(len(commands) == findings + len(report["errors"]), "GitHub output: injected or missing commands")
    for line in commands:
        expect(line.split(" ", 1)[0] in ("::error", "::warning", "::notice"), f"odd command {line!r}")


def one_round(rng: random.Random, work: Path, sentences: list[str], schema: dict) -> None:
    import jsonschema

    folder = work / "drafts"
    folder.mkdir()
    make_round(rng, folder, sentences)
    cache = str(work / "cache")
    code, out, _ = run(["check", "drafts", "--format", "json", "--no-cache"], work)
    report = json.loads(out)
    check_report(report, folder)
    expect((code == 2) == bool(report["errors"]), f"exit {code} with {len(report['errors'])} errors")
    code2, sarif, _ = run(["check", "drafts", "--format", "sarif", "--cache-dir", cache], work)
    jsonschema.validate(json.loads(sarif), schema)
    expect(code2 == code, "SARIF run exit status differs")
    code3, again, _ = run(["check", "drafts", "--format", "json", "--cache-dir", cache], work)
    expect(again == out and code3 == code, "JSON differs when read from the cache")
    _, github, _ = run(["check", "drafts", "--format", "github", "--cache-dir", cache], work)
    check_github(github, report)
    _, text, _ = run(["check", "drafts", "--cache-dir", cache], work)
    expect("\x1b" not in text, "escape sequence reached the terminal output")
    if rng.random() < 0.15:
        code4, parallel, _ = run(["check", "drafts", "--format", "json", "--no-cache", "--jobs", "2"], work)
        expect(parallel == out and code4 == code, "JSON differs with --jobs 2")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--artifacts", default="/tmp/poalint-fuzz-art")
    parser.add_argument("--max-failures", type=int, default=200)
    parser.add_argument("--round", type=int, default=None, help="replay one round by its seed")
    args = parser.parse_args()
    os.environ.setdefault("POALINT_CACHE_HOME", tempfile.mkdtemp(prefix="poalint-fuzz-home-"))
    os.environ["POALINT_NO_PROGRESS"] = "1"
    _patch_pipeline_loading()
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    artifacts = Path(args.artifacts)
    artifacts.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    sentences = corpus_lines()
    if args.round is not None:  # replay: the drafts stay in the printed folder
        work = Path(tempfile.mkdtemp(prefix="poalint-fuzz-replay-"))
        (work / "secret.md").write_text(f"# Secret\n\nThe password is {SECRET}.\n")
        print(work)
        one_round(random.Random(args.round), work, sentences, schema)
        print("round passed")
        return
    deadline = time.monotonic() + args.minutes * 60
    rounds = failures = 0
    signatures: dict[str, int] = {}
    started = time.monotonic()
    while time.monotonic() < deadline and failures < args.max_failures:
        seed = rng.randrange(2**32)
        work = Path(tempfile.mkdtemp(prefix="poalint-fuzz-"))
        (work / "secret.md").write_text(f"# Secret\n\nThe password is {SECRET}.\n")
        try:
            one_round(random.Random(seed), work, sentences, schema)
        except Exception as exc:  # every failure is recorded and the run goes on
            failures += 1
            what = str(exc) if isinstance(exc, Failure) else "".join(traceback.format_exception(exc))
            signature = what.strip().split("\n")[-1][:120]
            signatures[signature] = signatures.get(signature, 0) + 1
            if signatures[signature] <= 3:
                target = artifacts / f"round-{seed}"
                shutil.copytree(work, target, symlinks=True, dirs_exist_ok=True)
                (target / "FAILURE.txt").write_text(what)
            print(f"[{time.monotonic() - started:7.0f}s] round seed={seed}: FAIL {signature}", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        rounds += 1
        if rounds % 10 == 0:
            print(f"[{time.monotonic() - started:7.0f}s] {rounds} rounds, {failures} failures", flush=True)
    print(f"done: {rounds} rounds in {time.monotonic() - started:.0f} s, {failures} failures")
    for signature, count in sorted(signatures.items(), key=lambda kv: -kv[1]):
        print(f"{count:5d}  {signature}")
    with contextlib.suppress(Exception):
        sys.stdout.flush()


if __name__ == "__main__":
    main()

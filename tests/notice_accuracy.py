"""Notice cross-check figures on corpus/notices (NAME.notice.* + draft + NAME.expected.json).

    python -m tests.notice_accuracy [corpus/notices] [--verbose]

- extraction: recall and precision of the ASINs, order ids and asks found in each notice;
- unaddressed: precision and recall of the items and asks reported as not answered, against
  the `addressed: false` labels (an ask matches a label when one text contains the other);
- issue type of the notice and the draft, the copied-plan mismatch, and for resubmissions the
  rehashed verdict and which rejection reasons' sections changed.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def same_ask(a: str, b: str) -> bool:
    x, y = _norm(a), _norm(b)
    return bool(x) and bool(y) and (x in y or y in x)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0


def cases(folder: Path) -> list[tuple[Path, Path, dict]]:
    out = []
    for expected in sorted(folder.glob("*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        drafts = [
            p
            for p in folder.glob(stem + ".*")
            if p.suffix in (".md", ".txt") and ".notice." not in p.name and ".previous." not in p.name
        ]
        notices = list(folder.glob(stem + ".notice.*"))
        out.append((drafts[0], notices[0], json.loads(expected.read_text(encoding="utf-8"))))
    return out


def measure(folder: Path) -> dict[str, Counts]:
    from poalint.app.session import Session, SessionOptions

    session = Session(SessionOptions(isolated=True, cache=False))
    result = {
        k: Counts()
        for k in (
            "ids",
            "asks",
            "unaddressed_ids",
            "unaddressed_asks",
            "types",
            "mismatch",
            "rehashed",
            "reasons",
        )
    }
    for draft, _notice, expected in cases(folder):
        report = session.lint_paths([str(draft)]).report.files[0]
        notice = report.notice
        assert notice is not None, f"{draft}: notice not picked up"
        name = draft.name
        # ids: extraction and unaddressed
        got_ids = {i.id: i.addressed for i in notice.asins + notice.order_ids}
        want_ids = {i["id"]: i["addressed"] for i in expected["asins"] + expected["order_ids"]}
        _score(result["ids"], set(got_ids), set(want_ids), name)
        _score(
            result["unaddressed_ids"],
            {i for i, a in got_ids.items() if not a},
            {i for i, a in want_ids.items() if not a},
            name,
        )
        # asks: extraction (text containment) and unaddressed
        pairs = _pair([a.text for a in notice.asks], [a["text"] for a in expected["asks"]])
        ext = result["asks"]
        ext.tp += len(pairs)
        ext.fp += len(notice.asks) - len(pairs)
        ext.fn += len(expected["asks"]) - len(pairs)
        ext.misses += [
            f"{name}: not extracted: {a['text']}"
            for j, a in enumerate(expected["asks"])
            if j not in pairs.values()
        ]
        ext.misses += [f"{name}: extra: {a.text}" for i, a in enumerate(notice.asks) if i not in pairs]
        un = result["unaddressed_asks"]
        for i, ask in enumerate(notice.asks):
            label = expected["asks"][pairs[i]]["addressed"] if i in pairs else None
            if not ask.addressed:
                if label is False:
                    un.tp += 1
                else:
                    un.fp += 1
                    un.misses.append(f"{name}: reported unanswered, labelled {label}: {ask.text}")
            elif label is False:
                un.fn += 1
                un.misses.append(f"{name}: labelled unanswered, reported answered: {ask.text}")
        un.fn += sum(
            1 for j, a in enumerate(expected["asks"]) if not a["addressed"] and j not in pairs.values()
        )
        # issue type, mismatch
        types = result["types"]
        if notice.type == expected["notice_type"]:
            types.tp += 1
        else:
            types.fn += 1
            types.misses.append(f"{name}: notice type {notice.type}, labelled {expected['notice_type']}")
        mismatch = any(f.rule == "notice-mismatch" for f in report.findings)
        _flag(result["mismatch"], mismatch, expected["mismatch"], name)
        # resubmission
        if expected.get("previous"):
            resub = report.resubmission
            assert resub is not None, f"{draft}: previous plan not picked up"
            _flag(result["rehashed"], resub.rehashed, bool(expected["rehashed"]), name)
            for reason in expected.get("changed_reasons") or []:
                got = next((r for r in resub.reasons if same_ask(r.reason, reason["reason"])), None)
                counts = result["reasons"]
                if got is not None and got.changed == reason["changed"] and got.section == reason["section"]:
                    counts.tp += 1
                else:
                    counts.fn += 1
                    counts.misses.append(f"{name}: reason {reason['reason']!r}: got {got}")
    return result


def _pair(got: list[str], want: list[str]) -> dict[int, int]:
    pairs: dict[int, int] = {}
    for j, w in enumerate(want):
        for i, g in enumerate(got):
            if i not in pairs and same_ask(g, w):
                pairs[i] = j
                break
    return pairs


def _score(counts: Counts, got: set[str], want: set[str], name: str) -> None:
    counts.tp += len(got & want)
    counts.fp += len(got - want)
    counts.fn += len(want - got)
    counts.misses += [f"{name}: missed {x}" for x in sorted(want - got)] + [
        f"{name}: extra {x}" for x in sorted(got - want)
    ]


def _flag(counts: Counts, got: bool, want: bool, name: str) -> None:
    if got and want:
        counts.tp += 1
    elif got:
        counts.fp += 1
        counts.misses.append(f"{name}: reported, not labelled")
    elif want:
        counts.fn += 1
        counts.misses.append(f"{name}: labelled, not reported")


def main(argv: list[str]) -> int:
    folder = Path(next((a for a in argv if not a.startswith("--")), "corpus/notices"))
    result = measure(folder)
    for key, counts in result.items():
        print(
            f"{key:17} recall {counts.recall():.3f} precision {counts.precision():.3f}  (tp {counts.tp} fp {counts.fp} fn {counts.fn})"
        )
        if "--verbose" in argv:
            for miss in counts.misses:
                print(f"    {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

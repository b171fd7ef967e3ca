"""Issue-type accuracy on labelled drafts (`issue_type` in NAME.labels.json).

    python scripts/issue_accuracy.py corpus ../shared/eval/dev ../shared/eval/dev2 [--verbose]

The labels are free text; LABEL_MAP below maps the label vocabulary to poalint's type ids
(here, in the measurement, never in the product). A label maps to the set of answers that are
right for it; an empty set means no type of poalint's fits, so the right answer is none.
`accuracy` counts right answers over all drafts; `wrong` counts drafts given a type that is not
right (the target is none: a draft that cannot be classified must get no type).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

IP = {"trademark", "copyright", "patent"}
ANY = "*"  # an umbrella label (any specific type, or none, is acceptable)
LABEL_MAP: dict[str, set[str] | str] = {
    "late-shipment-rate": {"late-shipment-rate"},
    "cancellation-rate": {"cancellation-rate"},
    "valid-tracking-rate": {"valid-tracking-rate"},
    "on-time-delivery": {"on-time-delivery"},
    "on-time-delivery-rate": {"on-time-delivery"},
    "order-defect-rate": {"order-defect-rate"},
    "a-to-z-claims": {"order-defect-rate"},
    "chargebacks": {"order-defect-rate"},
    "negative-feedback": {"order-defect-rate"},
    "item-not-as-described": {"order-defect-rate", "listing-policy", "used-sold-as-new"},
    "inauthentic": {"inauthentic"},
    "counterfeit": {"inauthentic", "trademark"},
    # Amazon lists its Anti-Counterfeiting policy among its intellectual-property policies
    "intellectual-property": IP | {"inauthentic"},
    "trademark": {"trademark"},
    "copyright": {"copyright"},
    "patent": {"patent"},
    "product-safety": {"product-safety"},
    "expired-product": {"expired-product"},
    "expired-products": {"expired-product"},
    "expiry-dated-products": {"expired-product"},
    # pesticides and hazardous / dangerous items are categories of Amazon's restricted products
    "restricted-product": {"restricted-product", "pesticide-claims", "hazmat"},
    "pesticide-claims": {"pesticide-claims"},
    "hazmat": {"hazmat"},
    "dangerous-goods": {"hazmat"},
    "listing-policy": {"listing-policy"},
    "used-sold-as-new": {"used-sold-as-new"},
    "review-manipulation": {"review-manipulation"},
    "buyer-seller-messaging": {"buyer-seller-messaging"},
    "related-accounts": {"related-accounts"},
    "identity-verification": {"identity-verification"},
    "kyc-verification": {"identity-verification"},
    "dropshipping": {"dropshipping"},
    "drop-shipping": {"dropshipping"},
    "dropshipping-policy": {"dropshipping"},
    "pricing": {"pricing"},
    "pricing-error": {"pricing"},
    "fair-pricing": {"pricing"},
    "account-health-rating": ANY,
    # metrics poalint has no type for: the right answer is none
    "customer-service-dissatisfaction": set(),
    "late-response": set(),
}


def right_answers(label: str) -> set[str | None] | str:
    mapped = LABEL_MAP.get(label)
    if mapped is None:
        raise SystemExit(f"issue_accuracy: no mapping for label {label!r}; add it to LABEL_MAP")
    if mapped == ANY:
        return ANY
    return set(mapped) or {None}


def cases(folder: Path) -> list[tuple[Path, str]]:
    out = []
    for labels in sorted(folder.rglob("*.labels.json")):
        stem = labels.name[: -len(".labels.json")]
        drafts = [p for p in labels.parent.glob(stem + ".*") if p.suffix in (".md", ".txt", ".docx")]
        issue = json.loads(labels.read_text(encoding="utf-8")).get("issue_type")
        if drafts and issue:
            out.append((drafts[0], issue))
    return out


def measure(folder: Path, verbose: bool = False) -> dict[str, float | int]:
    from poalint.app.session import Session, SessionOptions

    session = Session(SessionOptions(isolated=True, cache=False))
    found = cases(folder)
    right = wrong = none = 0
    for draft, label in found:
        report = session.lint_text(draft.read_text(encoding="utf-8"), str(draft))
        got = report.issue.type if report.issue else None
        answers = right_answers(label)
        ok = answers == ANY or got in answers
        if ok:
            right += 1
        elif got is None:
            none += 1
        else:
            wrong += 1
        if verbose and not ok:
            tag = "NONE " if got is None else "WRONG"
            cands = report.issue.candidates if report.issue else []
            print(f"  {tag} {draft.name}: label {label}, got {got} {cands}")
    total = len(found)
    return {
        "cases": total,
        "right": right,
        "none": none,
        "wrong": wrong,
        "accuracy": right / total if total else 0.0,
    }


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    for folder in [a for a in argv if not a.startswith("--")]:
        result = measure(Path(folder), verbose)
        print(
            f"{folder}: {result['cases']} drafts, accuracy {result['accuracy']:.3f} "
            f"({result['right']} right, {result['none']} none, {result['wrong']} wrong)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

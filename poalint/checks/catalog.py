"""Rule documentation for `poalint rules` and `poalint explain`, without loading the engine.

The first run validates the pack (rulepack.loader) and stores each rule's documentation as
JSON keyed by the pack digest; later runs read that JSON, so listing or explaining rules
imports neither pydantic nor ruamel.yaml nor spaCy.
"""

from __future__ import annotations

import json
from pathlib import Path

from poalint.checks.files import compiled_cache_dir, pack_digest, pack_files
from poalint.util.usercache import read_cache_file, write_cache_file

RULE_DOC_FIELDS = (
    "id",
    "kind",
    "category",
    "severity",
    "summary",
    "message",
    "why",
    "suggestion",
    "bad",
    "good",
    "whole_draft",
)


class RuleDoc:
    """One rule's documentation. A plain slotted class: `dataclasses` would import `inspect`,
    a fifth of the run time of `poalint rules`."""

    __slots__ = RULE_DOC_FIELDS
    id: str
    kind: str
    category: str
    severity: str
    summary: str
    message: str
    why: str
    suggestion: str
    bad: list[str]
    good: list[str]
    whole_draft: bool

    def __init__(self, **values: str | list[str] | bool) -> None:
        if set(values) != set(RULE_DOC_FIELDS):
            raise TypeError(f"RuleDoc needs exactly the fields {RULE_DOC_FIELDS}")
        for name in RULE_DOC_FIELDS:
            setattr(self, name, values[name])

    def as_dict(self) -> dict[str, str | list[str] | bool]:
        return {name: getattr(self, name) for name in RULE_DOC_FIELDS}


def load_catalog(extra_dirs: list[Path] | None = None) -> list[RuleDoc]:
    files = pack_files(extra_dirs)
    key = pack_digest(files)
    target = compiled_cache_dir() / f"{key}.rules.json"
    try:
        data = read_cache_file(target)
        if data is not None:
            return [RuleDoc(**row) for row in json.loads(data)]
    except (ValueError, TypeError, AttributeError):
        pass
    from poalint.checks.loader import load_pack

    pack = load_pack(extra_dirs)
    docs = [
        RuleDoc(
            id=r.id,
            kind=r.kind,  # type: ignore[attr-defined]
            category=r.category,
            severity=r.severity,
            summary=r.summary,
            message=r.message,
            why=r.why,
            suggestion=r.suggestion,
            bad=[e.text for e in r.examples.bad],
            good=[e.text for e in r.examples.good],
            whole_draft=r.whole_draft,
        )
        for r in pack.rules
    ]
    write_cache_file(target, json.dumps([d.as_dict() for d in docs]).encode())
    return docs

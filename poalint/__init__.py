"""poalint: a rule-based linter for Amazon sellers' Plan of Action drafts.

The Python API (the same engine the CLI, the HTML report and the editor server use)::

    import poalint

    report = poalint.lint_text(draft, path="poa.md")          # a FileReport
    session = poalint.Session(poalint.SessionOptions(select=["blame"]))
    for path in ("a.md", "b.md"):
        print(session.lint_text(open(path).read(), path).score)  # pack and pipeline loaded once
    result = session.lint_paths(["drafts/"])                   # RunResult: .report, .exit_status()

Names are imported lazily, so `import poalint` stays cheap until one is used.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs light commands ~10 ms

__version__ = "0.1.0"
# what a cached result or compiled pack was made with: bump it when their contents change meaning
CACHE_FORMAT = "8"  # 3: Word findings carry the paragraph excerpt; 4: findings their deduction, reports the score explanation; 5: kinds from the registry; 6: sealed (HMAC) cache entries; 7: the issue-aware review (issue types, report fields); 8: sections carry their columns (a paragraph may be cut between elements)

_API = {
    "Session": "poalint.app.session",
    "SessionOptions": "poalint.app.session",
    "RunResult": "poalint.app.session",
    "lint_text": "poalint.app.session",
    "lint_paths": "poalint.app.session",
    "Report": "poalint.model.report",
    "FileReport": "poalint.model.report",
    "FindingModel": "poalint.model.report",
    "UserError": "poalint.errors",
}

__all__ = [
    "FileReport",
    "FindingModel",
    "Report",
    "RunResult",
    "Session",
    "SessionOptions",
    "UserError",
    "__version__",
    "lint_paths",
    "lint_text",
]

if TYPE_CHECKING:
    from typing import Any

    from poalint.app.session import RunResult, Session, SessionOptions, lint_paths, lint_text
    from poalint.errors import UserError
    from poalint.model.report import FileReport, FindingModel, Report


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        value = getattr(importlib.import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'poalint' has no attribute {name!r}")

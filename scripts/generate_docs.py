#!/usr/bin/env python3
"""Regenerate the documentation built from the code: docs/rule-kinds.md.

.venv/bin/python scripts/generate_docs.py           # write it
.venv/bin/python scripts/generate_docs.py --check   # exit 1 when it is stale (as the tests do)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from poalint.checks import kinddocs  # noqa: E402 - after the path is set

GENERATED = {ROOT / "docs" / "rule-kinds.md": kinddocs.render}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the files are up to date")
    args = parser.parse_args()
    stale = []
    for path, render in GENERATED.items():
        text = render()
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if args.check and stale:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is stale; run: python scripts/generate_docs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

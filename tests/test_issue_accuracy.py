"""Measured figures of the issue-aware review, run in CI.

- issue type on the corpus's labelled drafts (corpus/**/*.labels.json `issue_type`): accuracy
  at least 0.90 and no wrong type (an unclear draft must get none);
- the same on the evaluation sets beside the repository (../shared/eval/dev, dev2) when present;
- the notification cross-check on corpus/notices.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def _script():
    spec = importlib.util.spec_from_file_location("issue_accuracy", ROOT / "scripts" / "issue_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_issue_type_accuracy_on_corpus():
    result = _script().measure(ROOT / "corpus")
    assert result["cases"] >= 90
    assert result["accuracy"] >= 0.90, result
    assert result["wrong"] == 0, result


@pytest.mark.parametrize("name", ["dev", "dev2"])
def test_issue_type_accuracy_on_eval_sets(name):
    folder = EVAL / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is not present")
    result = _script().measure(folder)
    assert result["accuracy"] >= 0.90, result
    assert result["wrong"] == 0, result  # a draft that cannot be classified gets none


def test_notice_cross_check_on_corpus():
    from tests.notice_accuracy import measure

    result = measure(ROOT / "corpus" / "notices")
    ids, asks = result["ids"], result["asks"]
    assert ids.recall() >= 0.95 and ids.precision() >= 0.90, ids.misses
    assert asks.recall() >= 0.85 and asks.precision() >= 0.90, asks.misses
    unaddressed_ids = result["unaddressed_ids"]
    assert unaddressed_ids.recall() >= 0.95 and unaddressed_ids.precision() >= 0.90, unaddressed_ids.misses
    unaddressed_asks = result["unaddressed_asks"]
    assert unaddressed_asks.recall() >= 0.85 and unaddressed_asks.precision() >= 0.90, unaddressed_asks.misses
    assert result["types"].recall() >= 0.95, result["types"].misses
    for key in ("mismatch", "rehashed", "reasons"):
        assert result[key].recall() == 1.0 and result[key].precision() == 1.0, result[key].misses

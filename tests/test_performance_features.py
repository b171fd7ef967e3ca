"""Result cache, parallel jobs and pipeline pruning, through the real CLI."""

from __future__ import annotations

import json
import shutil

from tests.conftest import CORPUS, run_cli


def corpus_copy(tmp_path, count: int):
    folder = tmp_path / "drafts"
    folder.mkdir()
    drafts = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt"))[:count]
    for draft in drafts:
        shutil.copy(draft, folder / draft.name)
    return folder


def test_cache_warm_run_is_identical_and_skips_spacy(tmp_path):
    drafts = corpus_copy(tmp_path, 6)
    cache = tmp_path / "cache"
    cold = run_cli("check", "--format", "json", "--cache-dir", str(cache), str(drafts))
    assert cold.returncode in (0, 1), cold.stderr
    assert any(cache.rglob("*.json"))
    # a warm run must not import spaCy at all
    warm = run_cli(
        "check", "--format", "json", "--cache-dir", str(cache), str(drafts), env={"PYTHONVERBOSE": "1"}
    )
    assert warm.stdout == cold.stdout
    assert "import 'spacy'" not in warm.stderr and "spacy/__init__" not in warm.stderr


def test_corrupt_cache_entries_are_rebuilt(tmp_path):
    drafts = corpus_copy(tmp_path, 3)
    cache = tmp_path / "cache"
    first = run_cli("check", "--format", "json", "--cache-dir", str(cache), str(drafts))
    for entry in cache.rglob("*.json"):
        entry.write_text("{not json")
    second = run_cli("check", "--format", "json", "--cache-dir", str(cache), str(drafts))
    assert second.stdout == first.stdout
    assert all(json.loads(e.read_text()) for e in cache.rglob("*.json"))


def test_no_cache_writes_nothing_and_clean_removes(tmp_path):
    drafts = corpus_copy(tmp_path, 2)
    result = run_cli("check", "--no-cache", str(drafts), cwd=tmp_path)
    assert result.returncode in (0, 1)
    assert not (tmp_path / ".poalint_cache").exists()
    run_cli("check", str(drafts), cwd=tmp_path)
    assert (tmp_path / ".poalint_cache").is_dir()
    assert run_cli("clean", cwd=tmp_path).returncode == 0
    assert not (tmp_path / ".poalint_cache").exists()


def test_jobs_give_the_same_report_in_the_same_order(tmp_path):
    drafts = corpus_copy(tmp_path, 12)
    one = run_cli("check", "--format", "json", "--no-cache", "--jobs", "1", str(drafts))
    two = run_cli("check", "--format", "json", "--no-cache", "--jobs", "2", str(drafts))
    assert one.returncode in (0, 1), one.stderr
    assert two.stdout == one.stdout


def test_pipeline_runs_only_needed_components(pack):
    from poalint.runner import Linter

    linter = Linter(pack)
    assert linter.nlp is None  # nothing is loaded until a draft needs it
    linter.prepare()
    assert "ner" not in linter.nlp.pipe_names
    assert "parser" in linter.nlp.pipe_names

"""Result cache, parallel jobs and pipeline pruning, through the real CLI."""

from __future__ import annotations

import json
import shutil

from tests.conftest import CORPUS, GOOD, run_cli


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


def test_warm_run_loads_the_rule_pack_only_for_what_needs_it(tmp_path):
    """A run from the cache reads the pack's index, not the pack: no rule kind, no loader. SARIF
    (which describes every rule) and a draft that changed load it, with the same output."""
    drafts = corpus_copy(tmp_path, 4)
    cache = tmp_path / "cache"
    home = {"POALINT_CACHE_HOME": str(tmp_path / "home")}
    check = ("check", "--cache-dir", str(cache), str(drafts))
    cold = run_cli(*check, "--format", "json", env=home)
    cold_sarif = run_cli(*check, "--format", "sarif", env=home)
    assert cold.returncode == cold_sarif.returncode == 1, cold.stderr
    warm = run_cli(*check, "--format", "json", env={**home, "PYTHONVERBOSE": "1"})
    assert warm.stdout == cold.stdout
    for module in ("poalint.checks.loader", "poalint.checks.kinds", "poalint.checks.engine", "spacy"):
        assert f"import '{module}'" not in warm.stderr, module
    assert run_cli(*check, "--format", "sarif", env=home).stdout == cold_sarif.stdout
    draft = sorted(drafts.iterdir())[1]
    draft.write_text(draft.read_text() + "\nWe will check every order daily from 1 June.\n")
    assert (
        run_cli(*check, "--format", "json", env=home).stdout
        == run_cli("check", "--format", "json", "--no-cache", str(drafts), env=home).stdout
    )


def test_a_damaged_pack_index_is_rebuilt(tmp_path):
    drafts = corpus_copy(tmp_path, 2)
    home = tmp_path / "home"
    check = ("check", "--format", "json", "--cache-dir", str(tmp_path / "cache"), str(drafts))
    first = run_cli(*check, env={"POALINT_CACHE_HOME": str(home)})
    indexes = list(home.rglob("*.index.json"))
    assert len(indexes) == 1
    sealed = indexes[0].read_bytes()
    header = len(b"POALINT-SEALED-1\n") + 32
    assert json.loads(sealed[header:])["rule_ids"]
    indexes[0].write_bytes(sealed[:header] + sealed[header:].replace(b'"rule_ids": [', b'"rule_ids": ["x", '))
    second = run_cli(*check, env={"POALINT_CACHE_HOME": str(home)})  # the seal fails: rebuilt
    assert second.stdout == first.stdout
    assert indexes[0].read_bytes() == sealed


def test_corrupt_cache_entries_are_rebuilt(tmp_path):
    drafts = corpus_copy(tmp_path, 3)
    cache = tmp_path / "cache"
    first = run_cli("check", "--format", "json", "--cache-dir", str(cache), str(drafts))
    for entry in cache.rglob("*.json"):
        entry.write_text("{not json")
    second = run_cli("check", "--format", "json", "--cache-dir", str(cache), str(drafts))
    assert second.stdout == first.stdout
    # rebuilt entries are sealed (a header and an HMAC before the JSON; see run/cache.py)
    header = len(b"POALINT-SEALED-1\n") + 32
    assert all(json.loads(e.read_bytes()[header:]) for e in cache.rglob("*.json"))


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
    from poalint.app.linter import Linter

    linter = Linter(pack)
    assert linter.nlp is None  # nothing is loaded until a draft needs it
    linter.prepare()
    assert "ner" not in linter.nlp.pipe_names
    assert "parser" in linter.nlp.pipe_names


def test_directive_warnings_survive_a_warm_cache(tmp_path):
    draft = tmp_path / "typo.md"
    draft.write_text(GOOD + "\n<!-- poalint-disable-next-line vauge -->\nWe check every order.\n")
    cache = tmp_path / "cache"
    for _run in ("cold", "warm"):
        result = run_cli("check", "--format", "json", "--cache-dir", str(cache), str(draft))
        assert "unknown rule or category 'vauge'" in result.stderr, _run


# ----------------------------------------------------------------------------- start-up caches


def test_syllable_table_gives_textstat_its_own_scores(tmp_path):
    """Readability through poalint's cached syllable table and pyphen patterns equals plain
    textstat (run in a separate interpreter, where nothing is patched)."""
    import subprocess
    import sys

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.glob("*.md"))[:12]]
    texts.append("Our 3PL partner shipped 1,250 SKUs to the FBA warehouse; ASINs B07XYZ were re-listed.")
    script = (
        "import json, sys\n"
        "texts = json.load(sys.stdin)\n"
        "if sys.argv[1] == 'poalint':\n"
        "    from poalint.nlp.readability import readability_module\n"
        "    textstat = readability_module()\n"
        "else:\n"
        "    import textstat\n"
        "print(json.dumps([[textstat.syllable_count(t), textstat.flesch_reading_ease(t),"
        " textstat.flesch_kincaid_grade(t)] for t in texts]))\n"
    )
    env = {**__import__("os").environ, "POALINT_CACHE_HOME": str(tmp_path / "home")}

    def scores(mode: str) -> list:
        done = subprocess.run(
            [sys.executable, "-c", script, mode],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    plain = scores("plain")
    assert scores("poalint") == plain  # builds the caches
    assert list((tmp_path / "home" / "poalint" / "syllables").iterdir())
    assert scores("poalint") == plain  # reads them
    for cached in (tmp_path / "home" / "poalint" / "syllables").iterdir():
        cached.write_bytes(b"\x00garbage")
    assert scores("poalint") == plain  # corrupt caches are rebuilt


def test_cached_pattern_docs_match_the_pipeline(nlp, tmp_path, monkeypatch):
    from poalint.nlp import patterndocs

    monkeypatch.setenv("POALINT_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(patterndocs, "_loaded", {})
    phrases = ["do our best", "were shipped late", "carriers delayed", "re-trained staff"]
    fresh = patterndocs.pattern_docs(nlp, phrases, lemmas=True)
    assert list((tmp_path / "poalint" / "patterns").iterdir())
    monkeypatch.setattr(patterndocs, "_loaded", {})  # a new process: read from the file
    cached = patterndocs.pattern_docs(nlp, phrases, lemmas=True)
    expected = [[t.lemma_ for t in doc] for doc in nlp.pipe(phrases)]
    assert [[t.lemma_ for t in d] for d in fresh] == expected
    assert [[t.lemma_ for t in d] for d in cached] == expected
    assert [d.text for d in cached] == phrases
    tokens = patterndocs.pattern_docs(nlp, phrases, lemmas=False)
    assert [[t.text for t in d] for d in tokens] == [[t.text for t in nlp.make_doc(p)] for p in phrases]


# ----------------------------------------------------------------------------- light commands


def test_light_commands_answer_without_click_and_match_it(tmp_path):
    from click.testing import CliRunner

    from poalint.cli.app import cli
    from poalint.cli.entry import quick_answer
    from tests.unit.checks.test_rule_loading import VALID_RULE
    from tests.unit.checks.test_rule_loading import rules_dir as make_rules_dir

    runner = CliRunner()
    rules_dir = str(make_rules_dir(tmp_path, VALID_RULE))
    for argv in (
        ["--version"],
        ["-V"],
        ["rules"],
        ["rules", "--format", "json"],
        ["rules", "--format=json", "--rules", rules_dir],
        ["explain", "vague-action"],
        ["explain", "--rules", rules_dir, "my-rule"],
    ):
        quick = quick_answer(argv)
        assert quick is not None, argv
        assert quick == runner.invoke(cli, argv).output, argv
    for argv in (
        [],
        ["--help"],
        ["rules", "--help"],
        ["rules", "test", rules_dir],
        ["rules", "--format", "yaml"],
        ["explain"],
        ["explain", "no-such-rule"],
        ["explain", "vague-action", "--format", "json"],
        ["check", "x.md"],
        ["rules", "--rules", "/no/such/folder"],
    ):
        assert quick_answer(argv) is None, argv


def test_light_commands_do_not_import_click_or_spacy():
    result = run_cli("rules", env={"PYTHONVERBOSE": "1"})
    assert result.returncode == 0
    assert "vague-action" in result.stdout
    imported = result.stderr
    assert "import 'click'" not in imported and "import 'spacy'" not in imported
    assert "import 'pydantic'" not in imported


def test_parallel_batches_cover_every_file_and_shrink_toward_the_end():
    from poalint.run.pool import batch_bounds

    for count in (0, 1, 3, 31, 64, 300, 1001):
        for jobs, largest in ((1, 32), (2, 32), (4, 8)):
            bounds = batch_bounds(count, largest, jobs)
            assert [s for s, _ in bounds] == [0, *(e for _, e in bounds[:-1])][: len(bounds)]  # contiguous
            assert (bounds[-1][1] if bounds else 0) == count
            sizes = [e - s for s, e in bounds]
            assert all(0 < size <= largest for size in sizes)
            if jobs == 1:
                assert all(size == largest for size in sizes[:-1])
            else:
                assert sizes == sorted(sizes, reverse=True)
                assert count < 100 or sizes[-1] <= 2  # the last batches are small

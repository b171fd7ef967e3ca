"""The spaCy doc cache behind incremental re-linting (the editor server's session)."""

from __future__ import annotations

import pytest

from poalint.app.linter import build_document
from poalint.app.session import Session, SessionOptions
from poalint.nlp.analysis import DocCache, analyse_many, nlp_inputs
from poalint.read.text import read_text
from tests.conftest import CORPUS, GOOD


class CountingPipeline:
    """Delegates to the real pipeline and records the texts it is asked to analyse."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.seen: list[str] = []

    def pipe(self, texts, batch_size: int = 64):
        texts = list(texts)
        self.seen += texts
        return self.nlp.pipe(texts, batch_size=batch_size)


def test_an_edit_reanalyses_only_the_changed_block(linter, nlp):
    counting = CountingPipeline(nlp)
    cache = DocCache()
    first = build_document("d.md", GOOD, linter.parser)
    analyse_many([first], counting, cache=cache)
    blocks = len(nlp_inputs(first))
    assert len(counting.seen) == blocks > 4 and len(cache) == blocks

    counting.seen.clear()
    edited = GOOD.replace("restored the 17:00 pickup", "restored the 17:30 pickup")
    second = build_document("d.md", edited, linter.parser)
    analysed = analyse_many([second], counting, cache=cache)[0]
    assert counting.seen == ["  On 15 March we restored the 17:30 pickup."]
    assert len(analysed.block_docs) == blocks  # every block has its Doc, cached or fresh
    assert cache.hits == blocks - 1


def test_the_same_text_twice_in_one_run_is_analysed_once(linter, nlp):
    counting = CountingPipeline(nlp)
    text = "## Preventive measures\n- We check it.\n- We check it.\n"
    document = build_document("d.md", text, linter.parser)
    analysed = analyse_many([document], counting, cache=DocCache())[0]
    assert counting.seen == ["  We check it."]
    docs = [analysed.doc_of(b) for b in document.blocks if b.type == "bullet"]
    assert len(docs) == 2 and docs[0] is docs[1]


def test_least_recently_used_docs_are_dropped(nlp):
    cache = DocCache(maxsize=2)
    for text in ("one", "two"):
        cache.put(nlp, text, nlp(text))
    assert cache.get(nlp, "one") is not None  # "two" is now the oldest
    cache.put(nlp, "three", nlp("three"))
    assert len(cache) == 2
    assert cache.get(nlp, "two") is None
    assert cache.get(nlp, "one") is not None and cache.get(nlp, "three") is not None


def test_docs_of_another_pipeline_are_not_reused(nlp):
    cache = DocCache()
    cache.put(nlp, "text", nlp("text"))
    assert cache.get(object(), "text") is None  # type: ignore[arg-type]


DRAFTS = sorted([*CORPUS.glob("*.md"), *CORPUS.glob("*.txt")])


@pytest.fixture(scope="module")
def sessions(nlp):
    plain = Session(SessionOptions(cache=False), nlp=nlp)
    cached = Session(SessionOptions(cache=False, doc_cache=DocCache()), nlp=nlp)
    return plain, cached


@pytest.mark.parametrize("path", DRAFTS[::6], ids=lambda p: p.name)
def test_cached_reports_equal_fresh_ones(sessions, path):
    """Through edits and back, a session with the cache reports what a fresh lint reports."""
    plain, cached = sessions
    text = read_text(str(path))
    edited = text.replace(" the ", " a ", 1).replace("\n\n", "\n\nWe checked it on 3 May.\n\n", 1)
    for version in (text, edited, text):
        assert cached.lint_text(version, str(path)) == plain.lint_text(version, str(path))

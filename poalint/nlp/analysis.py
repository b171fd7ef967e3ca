"""NLP over a parsed draft: one spaCy Doc per block, sentences mapped back to the file.

An optional `DocCache` keeps the Docs between calls, keyed by the pipeline and the text
spaCy sees, so re-linting an edited draft (the editor server) runs spaCy only over the
blocks that changed. A Doc is a function of its text and the pipeline alone, and no later
stage modifies it, so a cached Doc stands in for a fresh one.
"""

from __future__ import annotations

import itertools
import re
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from poalint.model.document import Block, Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

NLP_BLOCK_TYPES = ("paragraph", "bullet", "quote", "heading", "meta", "table")
MAX_TOKEN_CHARS = 500
MAX_BATCH_CHARS = 100_000  # characters in one batch of nlp.pipe (see `_pipe`)
# how much of one draft is analysed (see `analysis_end`): over ten times the longest real draft
MAX_ANALYSED_CHARS = 200_000
MAX_ANALYSED_TOKENS = 30_000  # words and punctuation marks (`_TOKEN`)
MAX_ANALYSED_LINES = 5_000
_TOKEN = re.compile(r"\w+|[^\w\s]")
_NON_BLANK_LINE = re.compile(r"^[ \t]*\S", re.MULTILINE)
_LONG_RUN = re.compile(r"\S{" + str(MAX_TOKEN_CHARS + 1) + ",}")


@dataclass(slots=True)
class Sentence:
    """One sentence of one block, with its offsets in the document text."""

    span: Span
    block: Block
    start: int
    end: int
    text: str  # span.text, computed once per Doc (rules read it many times)

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def quoted(self) -> bool:
        return self.block.quoted


@dataclass
class AnalysedDocument:
    document: Document
    block_docs: dict[int, Doc] = field(default_factory=dict)  # id(block) -> Doc

    def doc_of(self, block: Block) -> Doc | None:
        return self.block_docs.get(id(block))

    def sentences(self, blocks: Iterable[Block] | None = None) -> Iterator[Sentence]:
        for block in self.document.blocks if blocks is None else blocks:
            doc = self.block_docs.get(id(block))
            if doc is None:
                continue
            for sent, text in doc_sentences(doc):
                yield Sentence(sent, block, block.start + sent.start_char, block.start + sent.end_char, text)


_SENTENCES: weakref.WeakKeyDictionary[Doc, list[tuple[Span, str]]] = weakref.WeakKeyDictionary()


def doc_sentences(doc: Doc) -> list[tuple[Span, str]]:
    """The Doc's sentences that are not blank, with their text (once per Doc: a cached Doc
    is read again at every re-lint)."""
    found = _SENTENCES.get(doc)
    if found is None:
        found = _SENTENCES[doc] = [(sent, sent.text) for sent in doc.sents if sent.text.strip()]
    return found


def nlp_text(block: Block) -> str:
    """The text spaCy sees for a block: masked markup, newlines as spaces, inline headings blanked."""
    text = block.text
    if block.type == "heading":
        if block.inline_body_start < 0:
            return ""
        cut = block.inline_body_start
        text = " " * cut + text[cut:]
    text = text.replace("\n", " ")
    if len(text) > MAX_TOKEN_CHARS:
        # spaCy's tokenizer is quadratic in the length of one run of non-space characters;
        # a run that long is never language, so spaCy sees blanks (offsets are unchanged)
        text = _LONG_RUN.sub(lambda m: " " * len(m.group(0)), text)
    return text


def analysis_end(text: str) -> int | None:
    """Where NLP stops in a draft too long to analyse in full: at its `MAX_ANALYSED_CHARS`-th
    character, its `MAX_ANALYSED_TOKENS + 1`-th word or punctuation mark (what spaCy's time and
    memory follow: `> > > >` is a token every two characters) or its `MAX_ANALYSED_LINES + 1`-th
    non-blank line, whichever comes first; None when the whole draft is analysed. (A plan of
    action is a few thousand characters; without a bound, spaCy and the rules would take
    minutes and gigabytes over a megabyte of text.)"""
    head = text[:MAX_ANALYSED_CHARS]
    ends = [MAX_ANALYSED_CHARS] if len(text) > MAX_ANALYSED_CHARS else []
    # a line past the bound needs that many newlines before it, a token that many characters:
    # the usual draft has neither and is not scanned
    bounds = (
        (_NON_BLANK_LINE, MAX_ANALYSED_LINES, head.count("\n")),
        (_TOKEN, MAX_ANALYSED_TOKENS, len(head) - 1),
    )
    for pattern, most, room in bounds:
        if room >= most:
            match = next(itertools.islice(pattern.finditer(head), most, None), None)
            if match is not None:
                ends.append(match.start())
    return min(ends) if ends else None


def nlp_inputs(document: Document) -> list[tuple[Block, str]]:
    """The blocks spaCy analyses, each with the text it sees (computed once); in a draft too
    long to analyse in full, those that start before `document.analysis_end`."""
    end = document.analysis_end
    pairs = [
        (b, nlp_text(b))
        for b in document.blocks
        if b.type in NLP_BLOCK_TYPES and (end is None or b.start < end)
    ]
    return [(b, text) for b, text in pairs if text.strip()]


class DocCache:
    """A least-recently-used store of spaCy Docs keyed by (pipeline, text).

    Keys hold the pipeline object itself (not its id, which a later pipeline could reuse);
    `maxsize` counts Docs (a paragraph's Doc is a few kilobytes)."""

    def __init__(self, maxsize: int = 4096) -> None:
        self.maxsize = maxsize
        self._docs: OrderedDict[tuple[object, str], Doc] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._docs)

    def get(self, nlp: Language, text: str) -> Doc | None:
        doc = self._docs.get((nlp, text))
        if doc is None:
            self.misses += 1
            return None
        self._docs.move_to_end((nlp, text))
        self.hits += 1
        return doc

    def put(self, nlp: Language, text: str, doc: Doc) -> None:
        self._docs[(nlp, text)] = doc
        self._docs.move_to_end((nlp, text))
        while len(self._docs) > self.maxsize:
            self._docs.popitem(last=False)


def analyse_many(
    documents: list[Document], nlp: Language, batch_size: int = 64, cache: DocCache | None = None
) -> list[AnalysedDocument]:
    """Run the pipeline once over the blocks of many documents (one nlp.pipe stream); with a
    cache, only over the texts it does not hold (each text once)."""
    results = [AnalysedDocument(d) for d in documents]
    waiting: dict[str, list[tuple[AnalysedDocument, Block]]] = {}  # with a cache: text -> blocks
    jobs: list[tuple[AnalysedDocument, Block]] = []
    texts: list[str] = []
    for analysed in results:
        for block, text in nlp_inputs(analysed.document):
            if cache is None:
                jobs.append((analysed, block))
                texts.append(text)
            elif (doc := cache.get(nlp, text)) is not None:
                analysed.block_docs[id(block)] = doc
            else:
                waiting.setdefault(text, []).append((analysed, block))
    if cache is None:
        for (analysed, block), doc in zip(jobs, _pipe(nlp, texts, batch_size), strict=True):
            analysed.block_docs[id(block)] = doc
        return results
    for text, doc in zip(waiting, _pipe(nlp, list(waiting), batch_size), strict=True):
        cache.put(nlp, text, doc)
        for analysed, block in waiting[text]:
            analysed.block_docs[id(block)] = doc
    return results


def pipe_texts(nlp: Language, texts: list[str], cache: DocCache | None = None) -> list[Doc]:
    """Docs of `texts`, in order; with a cache, only the texts it does not hold are analysed."""
    if cache is None:
        return list(nlp.pipe(texts))
    found: dict[str, Doc | None] = {text: cache.get(nlp, text) for text in dict.fromkeys(texts)}
    missing = [text for text, doc in found.items() if doc is None]
    for text, doc in zip(missing, nlp.pipe(missing), strict=True):
        cache.put(nlp, text, doc)
        found[text] = doc
    return [found[text] for text in texts]  # type: ignore[misc]


def _pipe(nlp: Language, texts: list[str], batch_size: int) -> Iterator[Doc]:
    """`nlp.pipe` over `texts` in batches of `batch_size` texts that also hold at most
    `MAX_BATCH_CHARS` characters (spaCy's memory grows with a batch's length; drafts of
    ordinary paragraphs fill their batches of `batch_size` long before that)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) == batch_size or size + len(text) > MAX_BATCH_CHARS):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))

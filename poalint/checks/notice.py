"""The notification cross-check: is each ASIN and order id of the notice in the draft, and is
each of its requests answered in substance?

- An id counts as mentioned when it appears in the draft ignoring case, spaces, hyphens and
  table bars ("B0B 7H2 KQ9P", "| b0b7h2kq9p |").
- A request about a part of the plan ("explain the root cause", "the steps you will take to
  prevent ...") is answered when that section has at least one sentence of substance: not
  flagged vague, blame or tone by the rules, and, for a request for what was done, not only
  promised.
- A specific request ("invoices from your supplier dated within the last 365 days", "confirm
  that you have removed ...") is answered when one sentence of substance in the draft carries
  most of its content words (and, when it asks for something done, does not only promise it).
- With a previous plan, a request for "greater detail" on a part that did not change is not
  answered, whatever that part says.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from poalint.model.issue import NoticeAsk, NoticeItem, NoticeModel
from poalint.parse.notice import Notice, ask_section, parse_notice

if TYPE_CHECKING:
    from spacy.language import Language

    from poalint.checks.kinds.base import CheckContext
    from poalint.nlp.analysis import AnalysedDocument, Sentence

# words of a request that say how to answer, not what about (the notice-ask rule's `request`
# list adds to these; its `same` list gives groups of words that answer for each other)
REQUEST_WORDS = set(
    """provide explain explanation confirm confirmation describe description tell list send submit
    include detail great greater more step take have do make sure plan action information future
    issue please also any all each every that this these those whether which what how why when
    above below following listed affected product products item items amazon your you we us our
    show state let know note can will would should must need""".split()
)
SUBSTANCE_FLAGS = {"vague", "blame", "tone"}
DONE_ASK = re.compile(
    r"\b(confirm|have (been )?(removed|deleted|corrected|stopped|turned|closed|updated|done|taken|made))\b",
    re.I,
)
FUTURE = {"will", "'ll", "shall"}
GREATER_DETAIL = re.compile(
    r"\b(greater|more|further|additional) detail|\bin more detail\b|did not address", re.I
)
ASK_SHARE = 0.4  # a sentence answers a specific request when it has this share of its content words
STEM = 5  # words compared on their first letters: remove / removal / removed


MAX_PARAGRAPHS = 200  # a notice is a page or two; a pathological one costs no more than that
MAX_CHARS = 3000  # per paragraph or request analysed
_LONG_RUN = re.compile(r"\S{200,}")


def _bounded(text: str) -> str:
    """What spaCy sees of a notice's paragraph: bounded, with absurd runs blanked (as for drafts)."""
    text = text[:MAX_CHARS]
    return _LONG_RUN.sub(lambda m: " " * len(m.group(0)), text)


def read_notice(path: str, text: str, nlp: Language, calendar_names: frozenset[str] = frozenset()) -> Notice:
    notice = parse_notice(path, text, calendar_names)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()][:MAX_PARAGRAPHS]
    notice.docs = list(nlp.pipe(_bounded(p) for p in paragraphs))
    notice.asks = notice.asks[:MAX_PARAGRAPHS]
    notice.ask_docs = list(nlp.pipe(_bounded(a.text) for a in notice.asks))  # type: ignore[attr-defined]
    return notice


def _compact(text: str) -> str:
    return re.sub(r"[\s\-–—|*_`.]", "", text).upper()


def _stem(word: str) -> str:
    word = word.lower()
    return word[:STEM] if len(word) > STEM else word


class Vocabulary:
    """Request words to ignore and groups of words that stand for each other, from YAML."""

    def __init__(self, lists: dict[str, list[str]] | None = None) -> None:
        lists = lists or {}
        self.request = REQUEST_WORDS | {w.lower() for w in lists.get("request", [])}
        self.canonical: dict[str, str] = {}
        for group in lists.get("same", []):
            stems = [_stem(w) for w in group.split()]
            for stem in stems:
                self.canonical.setdefault(stem, stems[0])

    def key(self, word: str) -> str:
        stem = _stem(word)
        return self.canonical.get(stem, stem)

    def content(self, doc) -> list[str]:
        words = []
        for token in doc:
            lemma = token.lemma_.lower()
            if token.is_punct or token.is_space or lemma in self.request or token.lower_ in self.request:
                continue
            if token.is_stop and not token.like_num:
                continue
            if token.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM", "X") or token.like_num:
                words.append(self.key(lemma))
        return list(dict.fromkeys(words))

    def words_of(self, tokens) -> set[str]:
        out = set()
        for token in tokens:
            out.add(self.key(token.lemma_.lower()))
            out.add(self.key(token.lower_))
        return out


def _content(doc) -> list[str]:
    return Vocabulary().content(doc)


def _promised_only(sentence: Sentence) -> bool:
    """'We are going to review ...', 'we will remove ...': a promise, not a thing done."""
    words = [t.lower_ for t in sentence.span]
    future = any(w in FUTURE for w in words) or "going to" in " ".join(words)
    done = any(t.tag_ in ("VBD", "VBN") and t.dep_ != "amod" for t in sentence.span)
    return future and not done


class NoticeCheck:
    """One draft against one notice; asks are judged once, with the rules' flags when given."""

    def __init__(self, notice: Notice, analysed: AnalysedDocument) -> None:
        self.notice = notice
        self.analysed = analysed
        compact = _compact(analysed.document.text)
        digits = re.sub(r"\D", "", analysed.document.text)
        self._items = {
            "asins": [NoticeItem(id=a, addressed=_compact(a) in compact) for a, _ in notice.asins],
            "order_ids": [
                NoticeItem(id=o, addressed=o.replace("-", "") in digits) for o, _ in notice.order_ids
            ],
            "skus": [NoticeItem(id=s, addressed=_compact(s) in compact) for s, _ in notice.skus],
        }
        self._asks: list[NoticeAsk] | None = None
        self.unchanged_sections: set[str] = set()  # set by the resubmission comparison
        self.off_topic = False  # the draft answers another issue (set by the review)

    def items(self, field: str) -> list[NoticeItem]:
        return self._items[field]

    def asks(
        self, ctx: CheckContext | None = None, lists: dict[str, list[str]] | None = None
    ) -> list[NoticeAsk]:
        if self._asks is None:
            vocabulary = Vocabulary(lists)
            pairs = zip(self.notice.asks, self.notice.ask_docs, strict=True)  # type: ignore[attr-defined]
            self._asks = [self._judge(ask, doc, ctx, vocabulary) for ask, doc in pairs]
        return self._asks

    def _sentences(self, ctx: CheckContext | None) -> list[tuple[Sentence, bool]]:
        """The draft's own sentences, each with whether it has substance."""
        sentences = ctx.all_sentences() if ctx is not None else list(self.analysed.sentences())
        out = []
        for sentence in sentences:
            if sentence.quoted or sentence.block.type == "heading" and sentence.block.inline_body_start < 0:
                continue
            if ctx is not None and ctx.in_quotes(sentence.start, sentence.end):
                continue
            flags = ctx.flagged.get(sentence.start, set()) if ctx is not None else set()
            out.append((sentence, not (flags & SUBSTANCE_FLAGS)))
        return out

    def _blocks(
        self, ctx: CheckContext | None, vocabulary: Vocabulary
    ) -> list[tuple[str, set[str], bool, bool]]:
        """Per paragraph, bullet or table of the draft: its section kind, its words, whether it
        has a sentence of substance, and whether it only promises."""
        by_block: dict[int, list[tuple[Sentence, bool]]] = {}
        for sentence, ok in self._sentences(ctx):
            by_block.setdefault(id(sentence.block), []).append((sentence, ok))
        out = []
        for sentences in by_block.values():
            words = set().union(*(vocabulary.words_of(s.span) for s, _ in sentences))
            substance = any(ok for _, ok in sentences)
            promised = all(_promised_only(s) for s, ok in sentences if ok)
            out.append((sentences[0][0].kind, words, substance, promised))
        for block in self.analysed.document.blocks:
            if block.type == "table" and not block.quoted:
                words = {vocabulary.key(w) for w in re.findall(r"[A-Za-z]+", block.text)}
                out.append((block.kind, words, True, False))
        return out

    def _judge(self, ask, doc, ctx: CheckContext | None, vocabulary: Vocabulary) -> NoticeAsk:
        section = ask_section(ask.text)
        wanted = vocabulary.content(doc)
        done = bool(DONE_ASK.search(ask.text))
        blocks = self._blocks(ctx, vocabulary)
        addressed = False
        if self.off_topic:
            addressed = False  # a plan for another issue answers none of this notice's requests
        elif section is not None and section in self.unchanged_sections and GREATER_DETAIL.search(ask.text):
            addressed = False
        elif section is not None:
            addressed = any(k == section and ok and not (done and promised) for k, _, ok, promised in blocks)
        else:
            need = max(1, math.ceil(ASK_SHARE * len(wanted)))
            for _kind, have, ok, promised in blocks:
                if ok and sum(1 for w in wanted if w in have) >= need and not (done and promised):
                    addressed = True
                    break
        return NoticeAsk(text=ask.text, line=ask.line, addressed=addressed, section=section)

    def model(self) -> NoticeModel:
        asks = self.asks()
        unaddressed = [i.id for f in ("asins", "order_ids") for i in self._items[f] if not i.addressed]
        unaddressed += [a.text for a in asks if not a.addressed]
        review = getattr(self, "detection", None)
        return NoticeModel(
            path=self.notice.path,
            type=review,
            policy=self.notice.policy,
            dates=self.notice.dates,
            asins=self._items["asins"],
            order_ids=self._items["order_ids"],
            skus=self._items["skus"],
            asks=asks,
            unaddressed=unaddressed,
        )

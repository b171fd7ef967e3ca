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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from poalint.model.issue import NoticeAsk, NoticeItem, NoticeModel
from poalint.parse.notice import Notice, NoticeWords, ask_section, parse_notice

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
# verbs of a request that ask for information (the notice-ask rule's `inform` list adds to these)
INFORM_VERBS = set(
    """provide explain confirm describe tell list send submit upload include detail outline attach
    share show identify give state specify let answer clarify summarise summarize indicate""".split()
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


def read_notice(path: str, text: str, nlp: Language, words: NoticeWords | None = None) -> Notice:
    notice = parse_notice(path, text, words)
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
        # verbs that ask for information; any other leading verb asks for something to be done
        self.inform = INFORM_VERBS | {w.lower() for w in lists.get("inform", [])}
        self.canonical: dict[str, str] = {}
        for group in lists.get("same", []):
            stems = [_stem(w) for w in group.split()]
            for stem in stems:
                self.canonical.setdefault(stem, stems[0])

    def key(self, word: str) -> str:
        stem = _stem(word)
        return self.canonical.get(stem, stem)

    def content_tokens(self, doc) -> list[tuple[int, str]]:
        """(token index, key) of the words that say what a request is about."""
        out = []
        for token in doc:
            lemma = token.lemma_.lower()
            if token.is_punct or token.is_space or lemma in self.request or token.lower_ in self.request:
                continue
            if token.is_stop and not token.like_num:
                continue
            if token.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM", "X") or token.like_num:
                out.append((token.i, self.key(lemma)))
        return out

    def content(self, doc) -> list[str]:
        return list(dict.fromkeys(key for _, key in self.content_tokens(doc)))

    def words_of(self, tokens) -> set[str]:
        out = set()
        for token in tokens:
            out.add(self.key(token.lemma_.lower()))
            out.add(self.key(token.lower_))
        return out

    @property
    def request_keys(self) -> set[str]:
        return {self.key(w) for w in self.request}

    @property
    def significant(self) -> set[str]:
        """Any key but stop words' (filled lazily from spaCy's list)."""
        return _Significant(self)


class _Significant(set):
    """A set-like filter: `words & significant` keeps the words that are not stop words."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__()
        self.vocabulary = vocabulary

    def __rand__(self, other: set[str]) -> set[str]:  # type: ignore[override]
        from spacy.lang.en.stop_words import STOP_WORDS

        stops = {self.vocabulary.key(w) for w in STOP_WORDS}
        return {w for w in other if w not in stops and w.isalpha() and len(w) > 1}


def _content(doc) -> list[str]:
    return Vocabulary().content(doc)


def _promised_only(sentence: Sentence) -> bool:
    """'We are going to review ...', 'we will remove ...', 'a supplier must send ...': a promise
    or a rule, not a thing done (unless the sentence also reports something done: a past tense
    or a perfect)."""
    span = sentence.span
    words = [t.lower_ for t in span]
    modal = any(t.tag_ == "MD" for t in span) or "going to" in " ".join(words)
    done = any(
        t.tag_ == "VBD" or (t.tag_ == "VBN" and any(c.lemma_ == "have" for c in t.children)) for t in span
    )
    return modal and not done


def _alternatives(doc) -> dict[int, int]:
    """Token index -> the index of the first of the alternatives it belongs to: 'turned off or
    deleted', 'a letter or an agreement' ask for one thing, not two."""
    group: dict[int, int] = {}
    for token in doc:
        if token.dep_ == "conj" and any(
            c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in token.head.children
        ):
            root = token.head.i
            while root in group and group[root] != root:
                root = group[root]
            group[token.i] = root
            group.setdefault(root, root)
    return group


@dataclass
class Wanted:
    """What an ask is about: its content words, alternatives counting once, and for a request
    to do something ("remove ...", "confirm that you have deleted ...") the verbs that must be
    reported done (or, for "confirm that you will ...", promised)."""

    groups: list[set[str]]
    words: set[str]
    verbs: set[str]
    promise_ok: bool

    def count(self, have: set[str]) -> int:
        return sum(1 for g in self.groups if g & have)


def wanted(ask_text: str, doc, vocabulary: Vocabulary) -> Wanted:
    keep = {i for i, _ in vocabulary.content_tokens(doc)}
    alternatives = _alternatives(doc)
    by_group: dict[int, set[str]] = {}
    for i, key in vocabulary.content_tokens(doc):
        by_group.setdefault(alternatives.get(i, i), set()).add(key)
    groups = list({frozenset(g): g for g in by_group.values()}.values())
    verbs: set[str] = set()
    promise_ok = False
    first = next((t for t in doc if not t.is_punct and t.lower_ not in ("please", "also", "kindly")), None)
    if (
        first is not None
        and first.pos_ == "VERB"
        and first.lemma_.lower() not in vocabulary.inform
        and first.i in keep
    ):
        # an imperative that asks for an action ("Remove the listings", "Update your address")
        verbs = {vocabulary.key(first.lemma_.lower())}
        verbs |= {vocabulary.key(doc[j].lemma_.lower()) for j, g in alternatives.items() if g == first.i}
    elif CONFIRM.match(ask_text):
        # "confirm that you have removed / will not send ...": the verb of the clause confirmed
        clause = [
            t
            for t in doc
            if t.pos_ == "VERB"
            and t.i in keep
            and t.dep_ in ("ccomp", "conj", "xcomp")
            and any(c.lemma_ == "have" or c.tag_ == "MD" for c in t.children)
        ]
        if clause:
            head = clause[0]
            verbs = {vocabulary.key(head.lemma_.lower())}
            verbs |= {vocabulary.key(doc[j].lemma_.lower()) for j, g in alternatives.items() if g == head.i}
            promise_ok = any(c.tag_ == "MD" for c in head.children)
    return Wanted(groups, set().union(*groups) if groups else set(), verbs, promise_ok)


CONFIRM = re.compile(r"^(?:please\s+)?(?:also\s+)?confirm\b", re.I)
# "for each order listed above", "all ASINs below": the request covers every id of that kind
EACH_LISTED = re.compile(
    r"\b(?:each|every|all(?: of)?(?: the| these)?)\s+(?:of the\s+)?"
    r"(?P<what>orders?|asins?|products?|items?|listings?)\s+(?:(?:that are |that were |we )?(?:listed|named|mentioned|shown)|above|below)\b",
    re.I,
)


@dataclass
class Said:
    """One sentence of the draft as the cross-check sees it."""

    sentence: Sentence
    block: int
    words: set[str]
    substance: bool
    promised: bool


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
            said = self._said(ctx, vocabulary)
            tables = self._tables(vocabulary)
            pairs = zip(self.notice.asks, self.notice.ask_docs, strict=True)  # type: ignore[attr-defined]
            self._asks = [self._judge(ask, doc, said, tables, vocabulary) for ask, doc in pairs]
        return self._asks

    def _said(self, ctx: CheckContext | None, vocabulary: Vocabulary) -> list[Said]:
        """The draft's own sentences: their words, whether they have substance (not flagged
        vague, blame or tone by the rules) and whether they only promise."""
        sentences = ctx.all_sentences() if ctx is not None else list(self.analysed.sentences())
        out = []
        for sentence in sentences:
            if sentence.quoted or sentence.block.type == "heading" and sentence.block.inline_body_start < 0:
                continue
            if ctx is not None and ctx.in_quotes(sentence.start, sentence.end):
                continue
            flags = ctx.flagged.get(sentence.start, set()) if ctx is not None else set()
            out.append(
                Said(
                    sentence,
                    id(sentence.block),
                    vocabulary.words_of(sentence.span),
                    not (flags & SUBSTANCE_FLAGS),
                    _promised_only(sentence),
                )
            )
        return out

    def _tables(self, vocabulary: Vocabulary) -> list[tuple[str, set[str]]]:
        out = []
        for block in self.analysed.document.blocks:
            if block.type == "table" and not block.quoted:
                out.append((block.kind, {vocabulary.key(w) for w in re.findall(r"[A-Za-z]+", block.text)}))
        return out

    def _each_listed_missing(self, text: str) -> bool:
        """'... for each order listed above' while an order of the notice is never mentioned."""
        for match in EACH_LISTED.finditer(text):
            what = match.group("what").lower()
            field = "order_ids" if what.startswith("order") else "asins"
            items = self._items[field]
            if items and not all(i.addressed for i in items):
                return True
        return False

    def _judge(self, ask, doc, said: list[Said], tables, vocabulary: Vocabulary) -> NoticeAsk:
        want = wanted(ask.text, doc, vocabulary)
        # a request to confirm something specific is answered by its own words, not by a section
        section = None if want.verbs and CONFIRM.match(ask.text) else ask_section(ask.text)
        done = bool(DONE_ASK.search(ask.text)) and not want.promise_ok
        if self.off_topic or self._each_listed_missing(ask.text):
            # a plan for another issue answers none of this notice's requests; a request about
            # each listed order or ASIN is not answered while one of them is never mentioned
            addressed = False
        elif section is not None and section in self.unchanged_sections and GREATER_DETAIL.search(ask.text):
            addressed = False
        elif section is not None:
            # a sentence of substance in that section, one that says more than the request did
            addressed = any(
                s.sentence.kind == section
                and s.substance
                and not (done and s.promised)
                and not (s.words & vocabulary.significant) <= (want.words | vocabulary.request_keys)
                for s in said
            )
        else:
            addressed = self._specific(want, said, tables, done or bool(want.verbs) and not want.promise_ok)
        return NoticeAsk(text=ask.text, line=ask.line, addressed=addressed, section=section)

    def _specific(self, want: Wanted, said: list[Said], tables, done: bool) -> bool:
        """A paragraph, bullet or table carrying enough of the request's words; a request to do
        something needs its verb in a sentence of substance that reports it done."""
        need = max(1, math.ceil(ASK_SHARE * len(want.groups)))
        by_block: dict[int, list[Said]] = {}
        for s in said:
            by_block.setdefault(s.block, []).append(s)
        for sentences in by_block.values():
            good = [s for s in sentences if s.substance]
            if not good:
                continue
            have = set().union(*(s.words for s in sentences))
            if want.count(have) < need:
                continue
            if want.verbs:
                if any(s.words & want.verbs and not (done and s.promised) for s in good):
                    return True
                continue
            if not (done and all(s.promised for s in good)):
                return True
        if want.verbs:
            return False
        return any(want.count(words) >= need for _kind, words in tables)

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

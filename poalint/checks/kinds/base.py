"""What every rule kind shares: the check context, hits, and sentence filtering."""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from poalint.checks.models import RuleBase
from poalint.model.document import ELEMENT_LABELS, Section
from poalint.model.lexicons import Lexicons
from poalint.nlp.analysis import AnalysedDocument, Sentence
from poalint.nlp.concreteness import Concreteness

if TYPE_CHECKING:
    from spacy.language import Language


def owns(span, lexicons: Lexicons) -> bool:  # spaCy Span
    """True when the seller is the grammatical actor of a verb that does something ("we chose...")."""
    subjects = lexicons.words("first_person_subjects")
    unowned = lexicons.words("unowned_verbs")
    for token in span:
        if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ in subjects:
            head = token.head
            if head.lemma_ not in unowned:
                return True
    return False


def _names_agent(token, manner: frozenset[str]) -> bool:  # spaCy Token
    """A passive's by-phrase that names an actor ("by our packer"), not a manner ("by mistake")."""
    return token.dep_ == "agent" and any(
        c.dep_ == "pobj" and c.lemma_.lower() not in manner for c in token.children
    )


def _names_seller(token, first_person: frozenset[str]) -> bool:  # spaCy Token
    """A first-person word in the sentence's own clauses; inside a relative clause ("nothing
    we shipped") it is background, not the actor."""
    if token.lower_ not in first_person:
        return False
    return not any(a.dep_ in ("relcl", "acl") for a in token.ancestors)


def has_lexicon_word(sentence: Sentence, words: frozenset[str]) -> bool:
    """A token (its lower-case form or lemma) or a several-word entry of `words` in the sentence."""
    if any(t.lower_ in words or t.lemma_.lower() in words for t in sentence.span):
        return True
    phrases = [w for w in words if " " in w]
    text = sentence.text.lower()
    return any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text) for p in phrases)


@dataclass(slots=True)
class Hit:
    """A raw match: document offsets (or none, for a missing section) and context."""

    start: int | None
    end: int | None
    section: str | None = None
    sentence: Sentence | None = None
    values: dict[str, Any] = field(default_factory=dict)  # for message formatting


@dataclass
class CheckContext:
    analysed: AnalysedDocument
    concrete: Concreteness
    lexicons: Lexicons = field(default_factory=Lexicons)
    _sentences: list[Sentence] | None = None
    _starts: list[int] | None = None
    flagged: dict[int, set[str]] = field(default_factory=dict)
    _concrete_memo: dict[tuple[str, int], bool] = field(
        default_factory=dict
    )  # sentence start -> categories found
    # the findings so far (every rule's, in the engine's order) and the names a poalint
    # comment may use: what the `suppression` kind checks comments against
    findings: list[Any] = field(default_factory=list)
    known: frozenset[str] = frozenset()

    @property
    def document(self):
        return self.analysed.document

    def all_sentences(self) -> list[Sentence]:
        if self._sentences is None:
            self._sentences = list(self.analysed.sentences())
        return self._sentences

    def time_bound(self, sentence: Sentence) -> bool:
        """Does the sentence say when? (memoised: many rules ask about the same sentence)"""
        key = ("time", sentence.start)
        if key not in self._concrete_memo:
            self._concrete_memo[key] = self.concrete.has_time(sentence.text, sentence.span)
        return self._concrete_memo[key]

    def measurable(self, sentence: Sentence) -> bool:
        """Does the sentence say how much? (memoised like time_bound)"""
        key = ("quantity", sentence.start)
        if key not in self._concrete_memo:
            self._concrete_memo[key] = self.concrete.has_quantity(sentence.text, sentence.span)
        return self._concrete_memo[key]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing a document offset (binary search over sentence starts)."""
        sentences = self.all_sentences()
        if self._starts is None:
            self._starts = [s.start for s in sentences]
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and sentences[index].start <= offset < sentences[index].end:
            return sentences[index]
        return None

    def sentences_for(self, rule: RuleBase) -> Iterator[Sentence]:
        for sentence in self.all_sentences():
            if self.eligible(rule, sentence):
                yield sentence

    def eligible(self, rule: RuleBase, sentence: Sentence) -> bool:
        if not rule.in_scope(sentence.kind):
            return False
        if rule.skip_headings and sentence.block.type == "heading" and sentence.block.inline_body_start < 0:
            return False
        return not (rule.skip_quoted and sentence.quoted)

    def in_quotes(self, start: int, end: int) -> bool:
        return self.document.in_quote(start, end)

    def excepted(self, rule: RuleBase, sentence: Sentence) -> bool:
        """True when one of the rule's `unless` conditions holds for the sentence."""
        for condition in rule.unless:
            if condition == "time-bound" and self.time_bound(sentence):
                return True
            if condition == "measurable" and self.measurable(sentence):
                return True
            if condition == "concrete" and self.time_bound(sentence) and self.measurable(sentence):
                return True
            if condition == "agent":
                manner = self.lexicons.words("manner_nouns")
                if any(_names_agent(t, manner) for t in sentence.span):
                    return True
            if condition == "first-person":
                first_person = self.lexicons.words("first_person")
                if any(_names_seller(t, first_person) for t in sentence.span):
                    return True
            if condition == "first-person-block":
                first_person = self.lexicons.words("first_person")
                if any(t.lower_ in first_person for t in sentence.span.doc):
                    return True
            if condition == "owned" and owns(sentence.span, self.lexicons):
                return True
            if condition.startswith("$") and has_lexicon_word(sentence, self.lexicons.words(condition[1:])):
                return True
        return False


class Checker:
    """Base class: subclasses compile their rule in __init__ and implement check()."""

    def __init__(self, rule: Any, nlp: Language | None) -> None:
        self.rule = rule
        self._per_doc: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()

    def per_doc(self, doc: Any, compute: Callable[[Any], Any]) -> Any:
        """`compute(doc)`, once per Doc: a matcher's result depends on the Doc alone, and the
        editor server reuses the Docs of unchanged blocks between edits (see DocCache)."""
        try:
            return self._per_doc[doc]
        except KeyError:
            value = self._per_doc[doc] = compute(doc)
            return value

    def check(self, ctx: CheckContext) -> Iterable[Hit]:
        raise NotImplementedError

    def doc_matches(self, ctx: CheckContext, matcher: Any) -> Iterator[Hit]:
        """Run a spaCy matcher once per block Doc; yield the first kept hit per eligible sentence."""
        by_doc: dict[int, list[Sentence]] = {}
        for sentence in ctx.sentences_for(self.rule):
            by_doc.setdefault(id(sentence.span.doc), []).append(sentence)
        for sentences in by_doc.values():
            doc = sentences[0].span.doc
            spans, span_starts = self.per_doc(doc, lambda d: _sorted_spans(matcher(d)))
            for sentence in sentences:
                first, last = sentence.span.start, sentence.span.end
                # only the matches starting inside the sentence (keeps long one-block drafts linear)
                lo, hi = bisect.bisect_left(span_starts, first), bisect.bisect_left(span_starts, last)
                for index in range(lo, hi):
                    start, end = spans[index]
                    if end > last:
                        continue
                    match = doc[start:end]
                    base = sentence.block.start
                    hit = self.sentence_hit(
                        ctx, sentence, base + match.start_char, base + match.end_char, match=match.text
                    )
                    if hit:
                        yield hit
                        break

    def sentence_hit(
        self, ctx: CheckContext, sentence: Sentence, start: int, end: int, **values: Any
    ) -> Hit | None:
        """A hit inside a sentence, unless quoted or excepted."""
        if self.rule.skip_quoted and ctx.in_quotes(start, end):
            return None
        if ctx.excepted(self.rule, sentence):
            return None
        return Hit(start, end, sentence=sentence, values=values)


def _sorted_spans(matches: list[tuple[int, int, int]]) -> tuple[list[tuple[int, int]], list[int]]:
    """Matcher output as (start, end) token spans, by start then longest first, and the starts."""
    spans = sorted(((start, end) for _, start, end in matches), key=lambda m: (m[0], -m[1]))
    return spans, [start for start, _ in spans]


# -- helpers for the kinds that look at whole core elements --------------------------------


def sections_by_kind(ctx: CheckContext) -> dict[str, list[Section]]:
    by_kind: dict[str, list[Section]] = {}
    for section in ctx.document.sections:
        by_kind.setdefault(section.kind, []).append(section)
    return by_kind


def element_hit(sections: list[Section], element: str) -> Hit:
    """A finding about a whole element (no span; the element's first line as a value)."""
    return Hit(
        None,
        None,
        section=element,
        values={"element": ELEMENT_LABELS[element], "line": sections[0].start_line},
    )


def element_sentences(ctx: CheckContext, sections: list[Section]) -> list[Sentence]:
    """The unquoted sentences of these sections."""
    blocks = {id(b) for s in sections for b in s.blocks}
    return [s for s in ctx.all_sentences() if id(s.block) in blocks and not s.quoted]


# -- helpers for the kinds that measure the whole draft --------------------------------------


def prose_text(ctx: CheckContext) -> str:
    """The draft's unquoted sentences, joined."""
    return " ".join(s.text.strip() for s in ctx.all_sentences() if not s.quoted)


def first_content_offset(ctx: CheckContext) -> tuple[int, int]:
    """Where a finding about the whole draft points: the first line of its first paragraph or item."""
    for block in ctx.document.blocks:
        if block.type in ("paragraph", "bullet"):
            return block.start, block.start + len(block.text.split("\n")[0])
    return 0, 0


def readability(ctx: CheckContext, formula: str, min_words: int) -> float | None:
    """A textstat formula ("flesch_kincaid_grade", "flesch_reading_ease") over the draft's
    prose, or None when it has fewer than `min_words` words."""
    text = prose_text(ctx)
    if len(text.split()) < min_words:
        return None
    from poalint.nlp.readability import readability_module

    return getattr(readability_module(), formula)(text)

"""What every rule kind shares: the check context, hits, and sentence filtering."""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar

from poalint.checks.models import RuleBase
from poalint.model.document import ELEMENT_LABELS, Block, Section
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


# A list item's lead-in label: "**Daily check.**", "**Buffer time:**", "Supplier audit:" (up to
# six title-case words before a colon), after any list marker.
_LABEL = re.compile(
    r"[ \t]*(?:[-*+•◦▪]|\d{1,3}[.)])?[ \t]*"
    r"(?:(?:\*\*|__)[^*_\n]{1,80}?(?:\*\*|__)[ \t]*[:.]?"
    r"|(?:[A-Z][\w'’&/-]*[ \t]+){0,5}[A-Z][\w'’&/-]*[ \t]*:)"
)


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
    # sentence start -> (start, end, rule id) of every rule's match in it, deduplicated or not
    flagged_spans: dict[int, list[tuple[int | None, int | None, str]]] = field(default_factory=dict)
    _concrete_memo: dict[tuple[str, str, int], bool | int] = field(
        default_factory=dict
    )  # sentence start -> categories found
    # the findings so far (every rule's, in the engine's order) and the names a poalint
    # comment may use: what the `suppression` kind checks comments against
    findings: list[Any] = field(default_factory=list)
    _cores: dict[tuple[int, bool], tuple[str, list[tuple[int, int]]]] = field(default_factory=dict)
    _labels: dict[int, int] = field(default_factory=dict)
    known: frozenset[str] = frozenset()
    review: Any = None  # poalint.checks.review.Review: the issue-aware review, for coverage rules
    issue_names: dict[str, str] = field(default_factory=dict)  # issue type id -> name
    _blocks: list[Block] | None = None  # a view's blocks (see `view`); None: the whole draft

    @property
    def document(self):
        return self.analysed.document

    def blocks(self) -> list[Block]:
        """The blocks a checker looks at: the draft's, or a view's."""
        return self.document.blocks if self._blocks is None else self._blocks

    def view(self, blocks: list[Block]) -> CheckContext:
        """This context restricted to `blocks` and their sentences, for a block-local checker
        (see `Checker.block_local`); it shares this context's memos and flags."""
        wanted = {id(b) for b in blocks}
        sentences = [s for s in self.all_sentences() if id(s.block) in wanted]
        return replace(self, _sentences=sentences, _starts=None, _blocks=blocks)

    def all_sentences(self) -> list[Sentence]:
        if self._sentences is None:
            self._sentences = list(self.analysed.sentences())
        return self._sentences

    def core(self, sentence: Sentence, results: bool = True) -> tuple[str, list[tuple[int, int]]]:
        """The sentence without its goal clauses ("...to ensure all orders ship on time" and,
        with `results`, "...so that stock sells before it expires"), and their character
        ranges in the sentence (memoised)."""
        key = (sentence.start, results)
        if key not in self._cores:
            self._cores[key] = self.concrete.core(sentence.span, results)
        return self._cores[key]

    def _text(self, sentence: Sentence, part: str) -> str:
        """ "sentence": all of it; "action": without goal infinitives; "commitment": without
        goal infinitives and so-clauses."""
        if part == "sentence":
            return sentence.text
        return self.core(sentence, results=part == "commitment")[0]

    def time_bound(self, sentence: Sentence, part: str = "sentence") -> bool:
        """Does the sentence (or only its action, see `_text`) say when? A commitment's date
        is the action's, not its goal's ("...to ensure all orders ship before the cut-off").
        (memoised: many rules ask about the same sentence)"""
        key = ("time", part, sentence.start)
        if key not in self._concrete_memo:
            self._concrete_memo[key] = self.concrete.has_time(self._text(sentence, part), sentence.span)
        return self._concrete_memo[key]

    def measurable(self, sentence: Sentence, part: str = "sentence") -> bool:
        """Does the sentence (or only its action) say how much? For a commitment a goal's
        threshold counts: "...to keep the rate under 2%" names how much. (memoised)"""
        key = ("quantity", part, sentence.start)
        if key not in self._concrete_memo:
            self._concrete_memo[key] = self.concrete.has_quantity(self._text(sentence, part), sentence.span)
        return self._concrete_memo[key]

    def dimensions(self, sentence: Sentence) -> int:
        """How many of when, how many, who and what the sentence's action names (goals aside):
        "formal" words (ensure, implement, optimise) are vague only where it names fewer than two."""
        key = ("dimensions", "action", sentence.start)
        if key not in self._concrete_memo:
            found = int(self.time_bound(sentence, "action")) + int(self.measurable(sentence, "action"))
            who, what = self._who_what(sentence)
            self._concrete_memo[key] = found + int(who) + int(what)
        return int(self._concrete_memo[key])

    def label_end(self, block: Block) -> int:
        """Where a list item's lead-in label ends (document offset), or -1: "**Daily check.**",
        "**Increased buffer time:**", "Supplier audit: ..." (a short title before a colon)."""
        if id(block) not in self._labels:
            source = self.document.text[block.start : block.end]
            match = _LABEL.match(source)
            end = block.start + match.end() if match and source[match.end() :].strip() else -1
            self._labels[id(block)] = end
        return self._labels[id(block)]

    def is_label(self, sentence: Sentence) -> bool:
        """The sentence is nothing but a list item's lead-in label."""
        end = self.label_end(sentence.block)
        return end >= 0 and sentence.start < end and sentence.end <= end + 1

    def carries_statement(self, sentence: Sentence, start: int, end: int) -> bool:
        """Whether a match is in a part of the sentence that states something (see the rule
        field `statements_only`)."""
        text = sentence.text.rstrip()
        if text.endswith("?") or text.endswith(":"):
            return False  # a question, a lead-in to a list
        if start < self.label_end(sentence.block):
            return False  # the label of a list item
        core, goals = self.core(sentence)
        offset = start - sentence.start
        if any(a <= offset < b for a, b in goals):
            # a goal after a concrete action ("we re-synced X on 2 May to ensure...") is what
            # the action is for; after a vague one ("we will do more to ensure...") it is the promise
            return not self.specific_action(sentence)
        return True

    def specific_action(self, sentence: Sentence) -> bool:
        """The sentence's action, goal clauses aside, names when, how many, who or what."""
        return self.dimensions(sentence) >= 1

    def _who_what(self, sentence: Sentence) -> tuple[bool, bool]:
        """Whether the action (goal infinitives aside) names who does it (a role, not "we" or
        "our team": "the shift lead", "our listing staff") and what it acts on by name (a proper
        name, an identifier or quoted words: "ShipStation", "ASIN B0...", "the 'Other' option")."""
        _, goals = self.core(sentence, results=False)
        base = sentence.span.start_char
        label = self.label_end(sentence.block) - sentence.start  # a list item's label names no thing
        words = self.lexicons.words
        generic = words("generic_nouns") | words("first_person") | words("calendar_names")
        who = what = False
        for token in sentence.span:
            if token.idx - base < label or any(a <= token.idx - base < b for a, b in goals):
                continue
            if any(
                a.dep_ in ("advcl", "conj", "parataxis") and a.pos_ in ("VERB", "AUX")
                for a in token.ancestors
            ):
                continue  # in another clause: "...before we switch Canada back on"
            if token.pos_ == "PROPN" and token.i > sentence.span.start and token.lower_ not in generic:
                what = True
            elif (
                token.like_num is False and any(ch.isdigit() for ch in token.text) and token.is_alpha is False
            ):
                what = what or self.concrete.is_identifier(token.text)
            if (
                token.dep_ in ("nsubj", "nsubjpass", "pobj")
                and (token.dep_ != "pobj" or token.head.dep_ == "agent")
                and token.pos_ == "NOUN"
                and token.lemma_ not in generic
                and token.dep_ != "nsubjpass"
                and any(c.dep_ in ("compound", "amod", "nummod") for c in token.children)
            ):
                who = True
        return who, what

    def block_core(self, block: Block) -> str:
        """A list item's sentences without their goal clauses, joined: one measure's text."""
        return " ".join(self.core(s)[0] for s in self.all_sentences() if s.block is block)

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

    def eligible(self, rule: RuleBase, sentence: Sentence, scoped: bool = True) -> bool:
        if scoped and not rule.in_scope(sentence.kind):
            return False
        if rule.skip_headings and sentence.block.type == "heading" and sentence.block.inline_body_start < 0:
            return False
        return not (rule.skip_quoted and sentence.quoted)

    def in_quotes(self, start: int, end: int) -> bool:
        return self.document.in_quote(start, end)

    def excepted(self, rule: RuleBase, sentence: Sentence) -> bool:
        """True when one of the rule's `unless` conditions holds for the sentence."""
        for condition in rule.unless:
            # a rule that looks at what a sentence states judges its action, goals aside
            part = "action" if rule.statements_only else "sentence"
            if condition == "time-bound" and self.time_bound(sentence, part):
                return True
            if condition == "measurable" and self.measurable(sentence, part):
                return True
            if condition == "concrete" and self.dimensions(sentence) >= 2:
                return True
            if condition == "named" and self._who_what(sentence)[1]:
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

    # True when the checker's hits in a block depend on that block alone: its source and
    # masked text, type, Doc, inline quotes and section kind, never on other blocks, sections
    # or other rules' findings. It must then look only at `ctx.blocks()` and
    # `ctx.all_sentences()` (or `sentences_for`), and every hit must lie in one of those blocks:
    # the engine's block memo (the editor server) re-checks only the blocks an edit changed.
    block_local: ClassVar[bool] = False

    def memo_context(self, ctx: CheckContext) -> Hashable:
        """What a block-local checker's hits depend on besides the block, for the whole draft
        (None: nothing): the engine's block memo keeps a block's hits per value."""
        return None

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
        """A hit inside a sentence, unless quoted, excepted or (for `statements_only` rules)
        outside what the sentence states."""
        if self.rule.skip_quoted and ctx.in_quotes(start, end):
            return None
        if self.rule.statements_only and not ctx.carries_statement(sentence, start, end):
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

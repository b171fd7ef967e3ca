"""`commitment` rules: every commitment in scope must say when (time) or how much (quantity).

A sentence is a commitment when it looks forward (will, shall, going forward, "be going
to", a plan in the present passive: "a refresher is planned"), states an ongoing practice in
the present tense ("the shift lead checks every parcel", "we are reviewing our vendor"), is a
headline infinitive as in minutes ("Carrier performance to be monitored."), or is a nominal
bullet under the preventive heading ("Weekly audit of all listings"). A sentence whose subject
is the reader or the marketplace ("Amazon should make its list clearer") is no commitment of
the seller's. Completed
actions (past tense without a modal) are not commitments. Time and quantity are found by
`Concreteness` (YAML patterns plus spaCy entities, identifiers excluded).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Literal

from pydantic import Field

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import RuleBase, ScopeKind
from poalint.checks.registry import Phase, kind
from poalint.model.document import Block
from poalint.nlp.analysis import Sentence


def is_commitment(ctx: CheckContext, sentence: Sentence) -> bool:
    """Does the sentence commit to a future or standing action?"""
    text = sentence.text
    span = sentence.span
    words = [t for t in span if t.is_alpha]
    if len(words) < 3:
        return False
    root = span.root
    words_of = ctx.lexicons.words
    if not statement(ctx, sentence):
        return False
    if _bracketed(text) or _bracketed(sentence.block.text):
        return False  # "[Describe the steps you will take...]": a template's note to the writer
    if _request(span, words_of):
        return False  # "Kindly review our plan", "We beg you to reactivate the account"
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(s.lower_ in words_of("reader_subjects") for s in subjects):
        return False  # "you will not regret it", "Amazon should make the list clearer": not ours to do
    ours = _ours(subjects, words_of)
    going = _going_to(root) if ours else None
    if going is not None:
        root = going  # "we are going to tighten things up": the plan is the verb after "going to"
    if root.lemma_ in words_of("event_verbs"):
        return False  # "we will lose everything", "it is going to happen again": nobody's action
    opinion = words_of("opinion_verbs")
    confident = root.lemma_ == "be" and any(
        c.dep_ == "acomp" and c.lemma_ in words_of("confidence_adjectives") for c in root.children
    )
    if root.lemma_ in opinion or confident:
        return False  # "We understand that reviews must...", "We are confident this will..."
    modals = words_of("future_modals") | words_of("negated_future_modals")
    future = going is not None or any(t.tag_ == "MD" and t.lower_ in modals for t in span)
    negated = any(c.dep_ == "neg" for c in root.children)
    if future:
        return True
    if negated:
        return False  # "we cannot control...", "we do not sell..."
    if ctx.concrete.is_commitment(text):
        return True
    if _planned(root, words_of):
        return True  # "a refresher for the team is planned", "an audit is scheduled"
    if _headline_infinitive(root):
        return True  # "Carrier performance to be monitored.", "3PL to improve pickup times."
    if root.tag_ in ("VBD", "VBN"):
        return False
    if (
        ours
        and _progressive(root)
        and root.lemma_ not in opinion
        and root.lemma_ not in words_of("stative_verbs")
    ):
        return True  # "we are reviewing whether to change vendor": an action under way
    if not any(t.pos_ in ("VERB", "AUX") for t in span):
        # a verbless line is a commitment only as a whole bullet ("Weekly audit of all listings"),
        # not as the bold label in front of one ("**Daily check.** Every day at 15:00 ...")
        whole_block = sentence.block.text.strip() == text.strip()
        return sentence.block.type == "bullet" and whole_block and len(words) >= 4
    stative = root.lemma_ in opinion or root.lemma_ in words_of("stative_verbs")
    return root.tag_ in ("VBZ", "VBP", "VB") and not stative


_BRACKETS = {"[": "]", "<": ">", "{": "}", "(": ")", "‹": "›", "⟨": "⟩", "【": "】"}


def _bracketed(text: str) -> bool:
    """The whole text sits inside one pair of brackets (a template's instruction, an aside)."""
    text = text.strip().rstrip(".")
    return len(text) > 2 and _BRACKETS.get(text[0]) == text[-1]


def _ours(subjects: list, words_of) -> bool:
    """The seller is the subject: "we", "I", or something of ours ("our team")."""
    first_person = words_of("first_person")
    return any(
        s.lower_ in words_of("first_person_subjects") or any(c.lower_ in first_person for c in s.children)
        for s in subjects
    )


def _going_to(root):  # spaCy Token
    """The verb after "be going to" when the sentence's main verb is that "going"; else None."""
    if root.lemma_ != "go" or root.tag_ != "VBG" or not any(c.dep_ == "aux" for c in root.children):
        return None
    for child in root.children:
        if (
            child.dep_ == "xcomp"
            and child.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        ):
            return child
    return None


def _planned(root, words_of) -> bool:  # spaCy Token
    """A present passive of planning: "a second check is planned", "training is scheduled"."""
    return (
        root.tag_ == "VBN"
        and root.lemma_ in words_of("planning_verbs")
        and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in root.children)
    )


def _progressive(root) -> bool:  # spaCy Token
    """A present progressive: "we are reviewing", "the team is introducing"."""
    return root.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in root.children)


def _headline_infinitive(root) -> bool:  # spaCy Token
    """A verbless head with an infinitive that says what it is to do, as in minutes and memos:
    "Supplier to send the certificate.", "Stock levels to be checked." (the infinitive hangs
    off the head noun)."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children)
    if root.tag_ in ("VB", "VBN") and infinitive:
        # "Stock levels to be checked.": the infinitive is the main verb, with a subject
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children) and not any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBZ", "VBP", "VBD") for c in root.children
        )
    if root.pos_ not in ("NOUN", "PROPN", "NUM"):
        return False
    return any(
        child.dep_ in ("relcl", "acl", "advcl")
        and child.tag_ in ("VB", "VBN")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        for child in root.children
    )


def _promise(ctx: CheckContext, sentence: Sentence) -> bool:
    """Outside the preventive section only an explicit promise commits: a main verb with a
    future modal whose subject is the seller ("we will be more careful"), not a description in
    the present tense ("the other account belongs to ...") nor an event ("we will lose everything")."""
    words_of = ctx.lexicons.words
    modals = words_of("future_modals") | words_of("negated_future_modals")
    sellers = words_of("first_person_subjects")
    events = words_of("event_verbs")
    for token in sentence.span:
        node = token
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if token.pos_ not in ("VERB", "AUX") or node.dep_ != "ROOT" or token.lemma_ in events:
            continue
        children = list(token.children)
        subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")] or [
            c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")
        ]
        if any(c.tag_ == "MD" and c.lower_ in modals for c in children) and any(
            c.lower_ in sellers for c in subjects
        ):
            return True
    return False


def statement(ctx: CheckContext, sentence: Sentence) -> bool:
    """A sentence that states something: not a question, not a lead-in to a list ("we will
    take the following measures:"), not a list item's label ("**Daily check:**")."""
    text = sentence.text.rstrip()
    if text.endswith("?") or text.endswith(":"):
        return False
    return not ctx.is_label(sentence)


def _request(span, words_of) -> bool:  # spaCy Span
    """The sentence asks the reader to act: an imperative with please / kindly, or a verb of
    asking addressed to "you"."""
    root = span.root
    if root.lemma_ in words_of("request_verbs") and any(
        c.dep_ in ("dobj", "dative", "nsubj") and c.lower_ == "you" for c in root.children
    ):
        return True
    imperative = root.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in root.children)
    markers = words_of("request_markers")
    return imperative and any(t.lower_ in markers for t in span)


class CommitmentRule(RuleBase):
    kind: Literal["commitment"]
    require: Literal["time", "quantity"]
    # where the plan's commitments are when no section of `scope` holds them: a draft with no
    # preventive section still promises ("We will be more careful in future." before the sign-off)
    orphan_scope: list[ScopeKind] = Field(default_factory=list)


@kind("commitment", model=CommitmentRule, phase=Phase.MATCH)
class CommitmentChecker(Checker):
    """Commitments that do not say when, or how much.

    What it matches:
        A sentence that commits to something (it looks forward with will / shall / must,
        states a standing practice in the present tense, or is a verbless bullet such as
        "Weekly audit of all listings") but has no time (a date, deadline or frequency) or
        no quantity (a number, threshold or full coverage), as `require` says. A list item
        is judged as a whole: a bullet whose other sentence gives the date is fine. When no
        section of the draft is in `scope`, the commitments in `orphan_scope` sections are
        checked instead, if they promise outright: a main verb with a future modal and the
        seller as subject (a draft without preventive measures still promises). Opinions
        ("we hope", "we are confident") and completed actions are not commitments. What
        counts as time and quantity comes from the pack's `time:` / `quantity:` patterns.

    Fields:
        require: what every commitment must state: time or quantity.
        orphan_scope: section kinds whose commitments are checked when the draft has no
            section in `scope` (default: none).

    Example YAML:
        - id: example-undated-measure
          kind: commitment
          require: time
          category: time-bound
          severity: error
          penalty: 5
          scope: [preventive_measures]
          message: This measure has no date or frequency.
          why: A commitment without a date cannot be checked.
          suggestion: Say when it starts or how often it happens.
          examples:
            bad:
              - text: We will train our packers on the new checklist.
                section: preventive_measures
            good:
              - text: From 1 June we train every new packer on the checklist in their first week.
                section: preventive_measures
    """

    rule: CommitmentRule
    block_local = True

    def satisfied(self, ctx: CheckContext, block: Block) -> bool:
        """Whether a whole list item says when (its goal clauses aside) or how much."""
        if self.rule.require == "time":
            return ctx.concrete.has_time(ctx.block_core(block))
        return ctx.concrete.has_quantity(block.text.replace("\n", " "))

    def _orphaned(self, ctx: CheckContext) -> bool:
        """No section of the draft is in scope, and the rule looks elsewhere then."""
        return bool(self.rule.orphan_scope) and not any(
            self.rule.in_scope(s.kind) for s in ctx.document.sections
        )

    def memo_context(self, ctx: CheckContext) -> Hashable:
        """A block's hits depend on whether the draft has a section in scope at all."""
        return self._orphaned(ctx) if self.rule.orphan_scope else None

    def _sentences(self, ctx: CheckContext) -> Iterator[Sentence]:
        """The sentences in scope; when no section is in scope, those in `orphan_scope`."""
        orphans = self.rule.orphan_scope
        if not self._orphaned(ctx):
            yield from ctx.sentences_for(self.rule)
            return
        for sentence in ctx.all_sentences():
            if (
                sentence.kind in orphans
                and ctx.eligible(self.rule, sentence, scoped=False)
                and _promise(ctx, sentence)
            ):
                yield sentence

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        # The unit of a commitment is a list item (one bullet = one measure) or a sentence.
        bullet_ok: dict[int, bool] = {}
        for sentence in self._sentences(ctx):
            if not is_commitment(ctx, sentence):
                continue
            block = sentence.block
            if block.type == "bullet":
                if id(block) not in bullet_ok:
                    bullet_ok[id(block)] = self.satisfied(ctx, block)
                if bullet_ok[id(block)]:
                    continue
            if (
                ctx.time_bound(sentence, "commitment")
                if self.rule.require == "time"
                else ctx.measurable(sentence, "sentence")
            ):
                continue
            start = sentence.start + (len(sentence.text) - len(sentence.text.lstrip()))
            hit = self.sentence_hit(ctx, sentence, start, sentence.end, match=sentence.text.strip())
            if hit:
                yield hit

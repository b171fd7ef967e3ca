"""Does a root cause explain anything? Judged by its content, not by its connectives.

A root cause explains when it names something of the seller's beyond the symptom's own
vocabulary (a step, system, setting, document, role, supplier, decision) together with what
went wrong with it or what it led to: "a misconfiguration in our order software delayed the
order feed to the warehouse" explains without "because"; "our late shipment rate was high
because many orders shipped late" does not, however it is connected.

Not counted, whatever their words:
- ignorance of the rules: the content of a negated knowing verb ("we did not know that links
  are not allowed", "we were not aware of the policy") and of "lack of understanding";
- sentences another rule flagged as blame or tone, and sentences whose actor is a buyer, a
  customer or the marketplace (that is an accusation, not a cause);
- the symptom itself (the metric, orders, claims, complaints...), generic nouns (issue,
  situation, practice...), the rules' own words (policy, guidelines...), dates and numbers.

The words live in the rule's YAML; this module holds the logic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass
class CauseVocabulary:
    symptom: set[str] = field(default_factory=set)  # lemmas that only describe the problem
    generic: set[str] = field(default_factory=set)  # lemmas too general to name a mechanism
    rules: set[str] = field(default_factory=set)  # the marketplace's rules: knowing them is no cause
    knowing: set[str] = field(default_factory=set)  # verbs and adjectives of knowing (know, aware)
    ignorance: set[str] = field(default_factory=set)  # nouns of not knowing: ignorance
    deficiency: set[str] = field(default_factory=set)  # "lack of" / "no" knowledge: lack, no
    third_parties: set[str] = field(default_factory=set)  # actors whose fault is an accusation
    persons: set[str] = field(default_factory=set)  # people blamed in a flagged sentence: employee, she
    pronouns: set[str] = field(default_factory=set)  # after such a sentence, its person: he, she, they
    reporting: set[str] = field(default_factory=set)  # what a third party says or claims: say, claim
    faults: list[re.Pattern[str]] = field(default_factory=list)  # something went wrong / led to
    restrictions: set[str] = field(default_factory=set)  # no, never, only, without: a gap
    not_decisions: set[str] = field(default_factory=set)  # past verbs that decide nothing (knew, felt)
    rule_markers: list[re.Pattern[str]] = field(default_factory=list)  # "allowed", "required"
    min_mechanisms: int = 2  # distinct mechanism nouns a root cause needs in all

    @classmethod
    def build(cls, min_mechanisms: int = 2, **words: Iterable[str]) -> CauseVocabulary:
        """From the rule's YAML word lists (lemmas, lower case) and patterns."""

        def low(key: str) -> set[str]:
            return {str(w).lower() for w in words.get(key, ())}

        def patterns(key: str) -> list[re.Pattern[str]]:
            return [re.compile(rf"\b(?:{p})\b", re.I) for p in words.get(key, ())]

        return cls(
            symptom=low("symptom"),
            generic=low("generic"),
            rules=low("rules"),
            knowing=low("knowing"),
            ignorance=low("ignorance"),
            deficiency=low("deficiency"),
            third_parties=low("third_parties"),
            persons=low("persons"),
            pronouns=low("pronouns"),
            reporting=low("reporting"),
            faults=patterns("faults"),
            restrictions=low("restrictions"),
            not_decisions=low("not_decisions"),
            rule_markers=patterns("rule_markers"),
            min_mechanisms=min_mechanisms,
        )


@dataclass
class CauseJudgement:
    explains: bool
    mechanisms: list[str]  # the nouns that name something beyond the symptom
    reason: str  # why it does not explain (for messages and tests)


def judge(
    sentences: list[Span], vocabulary: CauseVocabulary, accusing: set[int] | None = None
) -> CauseJudgement:
    """Does this root cause (its unquoted sentences) explain? `accusing` holds the ids of the
    sentences another rule flagged as blame. Such a sentence about what buyers or the
    marketplace did is an accusation as a whole; in one about a person or a provider (an
    employee, a carrier, "she", "your system"), what they did counts for nothing, and once a
    person has been blamed, what "he", "she", "they" or the people named did in the other
    sentences is about that person too."""
    accusing = accusing or set()
    flagged = [s for s in sentences if id(s) in accusing]
    accusations = {id(s) for s in flagged if _accused_clauses(s, vocabulary)}
    scapegoat = any(_accused_clauses(s, vocabulary, persons=True) for s in flagged)
    mechanisms: list[str] = []
    fault = ignorant = False
    for sent in sentences:
        if id(sent) in accusations:
            continue
        excluded = _ignorance_tokens(sent, vocabulary)
        ignorant = ignorant or bool(excluded)
        excluded |= _accused_clauses(sent, vocabulary, persons=id(sent) in accusing, pronouns=scapegoat)
        for token in sent:
            if token.i not in excluded and _mechanism(token, vocabulary):
                lemma = token.lemma_.lower()
                if lemma not in mechanisms:
                    mechanisms.append(lemma)
        fault = fault or _has_fault(sent, excluded, vocabulary)
    if len(mechanisms) >= vocabulary.min_mechanisms and fault:
        return CauseJudgement(True, mechanisms, "")
    if ignorant and len(mechanisms) < vocabulary.min_mechanisms:
        return CauseJudgement(False, mechanisms, "ignorance of the rules")
    if len(mechanisms) >= vocabulary.min_mechanisms:
        return CauseJudgement(False, mechanisms, "no failure named")
    return CauseJudgement(False, mechanisms, "symptom only")


def _mechanism(token: Token, vocabulary: CauseVocabulary) -> bool:
    """A noun naming a thing of the seller's world beyond the symptom: software, carrier, checklist."""
    if token.pos_ not in ("NOUN", "PROPN") or not token.is_alpha or len(token.text) < 3:
        return False
    words = {token.lemma_.lower(), token.lower_}
    if words & (vocabulary.symptom | vocabulary.generic | vocabulary.rules | vocabulary.third_parties):
        return False
    return not (token.pos_ == "PROPN" and token.is_upper and len(token.text) <= 4)  # ASIN, ODR


def _ignorance_tokens(sent: Span, vocabulary: CauseVocabulary) -> set[int]:
    """Token indexes of "we did not know that links are not allowed", "we were not aware of the
    policy", "a lack of understanding of the guidelines": not knowing the rules is no mechanism."""
    excluded: set[int] = set()
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma in vocabulary.ignorance:
            excluded.update(t.i for t in token.subtree)
            continue
        if lemma not in vocabulary.knowing:
            continue
        if token.pos_ == "NOUN":  # "a lack of understanding of ...", "no knowledge of ..."
            head = token.head.head if token.head.dep_ == "prep" else token.head
            if head.lemma_.lower() in vocabulary.deficiency:
                excluded.update(t.i for t in head.subtree)
            elif any(c.lower_ in vocabulary.deficiency for c in token.children):
                excluded.update(t.i for t in token.subtree)
            continue
        anchor = token.head if token.dep_ in ("acomp", "attr") else token  # "were not aware"
        negated = lemma.startswith("un") or any(c.dep_ == "neg" for c in anchor.children)
        if not negated:
            continue
        clause = {t.i for t in anchor.subtree}
        known = [t for t in anchor.subtree if t.i not in (anchor.i, token.i)]
        if not known or any(_rule_word(t, vocabulary) for t in known):
            excluded |= clause
    return excluded


def _rule_word(token: Token, vocabulary: CauseVocabulary) -> bool:
    return token.lemma_.lower() in vocabulary.rules or any(
        p.search(token.text) for p in vocabulary.rule_markers
    )


def _clause_verb(token: Token) -> Token:
    """The verb heading the clause a token belongs to (the token itself for a verb)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _accused_clauses(
    sent: Span, vocabulary: CauseVocabulary, persons: bool = False, pronouns: bool = False
) -> set[int]:
    """Tokens of the clauses whose actor is a buyer, a customer or the marketplace (always), a
    person or a provider (`persons`: in a sentence flagged as blame; also by a possessive:
    "your system", "her mistake") or a pronoun or person named (`pronouns`: after someone was
    blamed). What they did is their business, not the seller's mechanism: "3 buyers received
    the wrong colour" - but not "because our pick list showed only the SKU", a reason with a
    subject of its own. What hangs on an accused clause goes with it: a relative clause ("an
    employee, who joined a group where ..."), what they said ("said the unit was used"), and
    a verb without a subject of its own ("and returned it", "without asking for proof")."""
    actors = []
    for token in sent:
        actor = token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "pobj" and token.head.dep_ == "agent")
        if not actor:
            continue
        words = {token.lemma_.lower(), token.lower_}
        owners = {c.lower_ for c in token.children if c.dep_ == "poss"}
        if (
            words & vocabulary.third_parties
            or (persons and (words | owners) & vocabulary.persons)
            or (pronouns and (token.lower_ in vocabulary.pronouns or words & vocabulary.persons))
        ):
            actors.append(token)
    if persons:
        actors += [t.head for t in sent if t.dep_ == "poss" and t.lower_ in vocabulary.persons]
    if not actors:
        return set()
    accused = {_clause_verb(a.head.head if a.dep_ == "pobj" else a).i for a in actors}
    people = {a.i for a in actors} | {c.i for a in actors for c in a.children if c.dep_ == "appos"}
    for token in sent:  # in document order, so chains of "and", "who" and "to ..." are followed
        if token.pos_ not in ("VERB", "AUX") or token.i in accused or token.head.i == token.i:
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if any(c.lower_ in ("we", "i") for c in subjects):
            continue  # the seller's own clause, wherever the parse hangs it
        head = _clause_verb(token.head)
        within = head.i in accused
        reason = token.dep_ == "advcl" and any(c.dep_ == "mark" for c in token.children)
        if (
            (token.dep_ == "relcl" and (token.head.i in people or within))
            or (token.dep_ == "ccomp" and within and head.lemma_.lower() in vocabulary.reporting)
            or (within and not subjects and not reason)
        ):
            accused.add(token.i)
    return {t.i for t in sent if _clause_verb(t).i in accused}


def _has_fault(sent: Span, excluded: set[int], vocabulary: CauseVocabulary) -> bool:
    """Something went wrong or led to the problem, outside the excluded clauses: a negation, a
    restriction ("only"), a fault word, a causal link, or a decision the seller made ("we chose",
    "I asked them to")."""
    for token in sent:
        if token.i in excluded:
            continue
        if token.dep_ == "neg" or token.lower_ in vocabulary.restrictions:
            return True
        if (
            token.tag_ == "VBD"
            and token.lemma_.lower() not in vocabulary.not_decisions
            and any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in token.children)
        ):
            return True  # an owned decision or action before the notice
    text = " ".join(t.text for t in sent if t.i not in excluded)
    return any(p.search(text) for p in vocabulary.faults)

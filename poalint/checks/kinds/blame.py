"""`blame` rules: a third party in a blaming role, found through the parse.

Blame is a relation between a party other than the seller (the marketplace and its team,
systems and bots; buyers; carriers; suppliers; competitors; the seller's own staff used as a
scapegoat) and a role that makes it the cause of the problem:

- **subject** of an accusing or failing predicate: "the courier lost...", "the buyer did not
  read...", "your team removed it without looking...", "they should have told us";
- **possessor** of a fault: "their error", "the carrier's mistake", "a warehouse error",
  "the fault of the courier";
- **agent** of a failure passive: "was caused by our assistant", "were damaged by the carrier";
- **cause**: "due to the courier", "because of their warehouse", "the problem is the post office";
- **evaluation**: "the buyer was dishonest", "a careless contractor", "the complaint is false";
- **reliance**: the party as the seller's excuse, "we trusted our supplier".

Opinion verbs do not soften it ("we believe the buyer may have misunderstood" is still blame).
A relation the seller owns stays clean: the party is a participant in the seller's own action
("we chose a carrier that..."), the seller's action is the reason for the party's
("the courier missed the pickup because we booked it late"), or the sentence (or the next
one) admits the seller's fault ("our mistake", "we did not check", "we had no checklist",
"...without testing it"). A requirement the seller sets in its preventive measures ("every
supplier must send...") is no reproach. The words live in the rule's `lexicon`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import RuleBase
from poalint.checks.registry import Phase, kind


class BlameLexicon(BaseModel):
    """The words of a `blame` rule; its logic (roles found through the parse) is the kind's.

    Every list holds lower-case words, matched against a token's lemma or its text.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    # who can be blamed
    parties: list[str] = Field(min_length=1)  # marketplace, buyers, banks...
    providers: list[str] = Field(default_factory=list)  # carriers, suppliers: their word is an excuse
    rivals: list[str] = Field(default_factory=list)  # whatever a competitor does to the seller accuses
    staff: list[str] = Field(default_factory=list)  # the seller's people: blamed only when scapegoated
    groups: list[str] = Field(default_factory=list)  # "the warehouse team": named after a party
    ownable: list[str] = Field(default_factory=list)  # "the system" is a party, "our system" is not
    persons: list[str] = Field(default_factory=list)  # nobody, someone
    # the writer's defined name for the seller, capitalised after "the": "the Company", "the Seller"
    self_terms: list[str] = Field(default_factory=list)
    addressee: list[str] = Field(default_factory=list)  # the reader: you, your
    # what blames them
    accusing: list[str] = Field(default_factory=list)  # predicates that accuse their subject
    shifting: list[str] = Field(default_factory=list)  # predicates that shift blame onto a party
    neutral: list[str] = Field(default_factory=list)  # predicates whose negation is a plain fact
    wrongly: list[str] = Field(default_factory=list)  # words judging an action: wrong, late
    faults: list[str] = Field(default_factory=list)  # mistake, error
    causes: list[str] = Field(default_factory=list)  # verbs whose every effect is trouble: cause
    producing: list[str] = Field(default_factory=list)  # verbs that cause trouble with a trouble object
    troubles: list[str] = Field(default_factory=list)  # problem, delay
    causal: list[str] = Field(default_factory=list)  # two-word causal prepositions: "due to"
    evaluative: list[str] = Field(default_factory=list)  # adjectives judging a party: dishonest
    accusations: list[str] = Field(default_factory=list)  # nouns judging a party: scammer
    artefacts: list[str] = Field(default_factory=list)  # what a party files: complaint, claim
    telling: list[str] = Field(default_factory=list)  # a provider's word as the excuse: assure
    reliance: list[str] = Field(default_factory=list)  # "we trusted the supplier"
    # what the seller says without acting
    opinion: list[str] = Field(default_factory=list)  # think, believe
    reporting: list[str] = Field(default_factory=list)  # ask, tell: not the seller's cause


BlameRole = Literal["subject", "possessor", "agent", "cause", "evaluation", "reliance"]


class BlameRule(RuleBase):
    kind: Literal["blame"]
    roles: list[BlameRole] = Field(
        default_factory=lambda: ["subject", "possessor", "agent", "cause", "evaluation", "reliance"]
    )
    lexicon: BlameLexicon


SELF_SUBJECTS = frozenset({"we", "i"})
SELF_WORDS = frozenset({"we", "i", "us", "me", "our", "my", "ourselves", "myself"})
SELF_POSSESSIVES = frozenset({"our", "my"})
OTHER_POSSESSIVES = frozenset({"their", "his", "her", "your"})
PRONOUNS = frozenset({"they", "he", "she", "them", "him"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# auxiliaries under which a negated predicate reports what a party did not do
# ("can"/"could" report inability, not a failure)
FAILURE_AUX = frozenset(
    {"did", "does", "do", "had", "has", "have", "was", "were", "is", "are", "may", "might"}
)
COUNTERFACTUAL_MODALS = frozenset({"could", "might", "would"})
REASON_MARKS = frozenset({"because", "since", "as", "so"})
NEGATIVE_SUBJECTS = frozenset({"nobody", "noone"})
PAST_AUX = frozenset({"did", "had", "was", "were", "never"})


@dataclass(frozen=True, slots=True)
class Found:
    """A party in a blaming role: the tokens to report and the predicate that carries it."""

    first: int
    last: int
    anchor: int  # the token whose clause must be the seller's for the relation to be owned
    role: str


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


@kind("blame", model=BlameRule, phase=Phase.MATCH)
class BlameChecker(Checker):
    """A party other than the seller in a role that makes it the cause of the problem.

    What it matches:
        A sentence where a party from the rule's lexicon (the marketplace, buyers, carriers,
        suppliers, competitors, the seller's own staff used as a scapegoat) stands in one of
        the rule's `roles`, found through the parse: the subject of an accusing or failing
        predicate, the possessor of a fault, the agent of a failure passive, a cause, the
        target of an evaluation, or the seller's excuse (reliance). A relation the seller owns
        is not reported (the party takes part in the seller's own action, the seller's action
        is the reason, or the sentence or the next one admits the seller's fault), nor is a
        requirement the seller sets in its preventive measures. See the module docstring.

    Fields:
        roles: the roles that count (default: all six).
        lexicon: the words, by list: parties, providers, rivals, staff, groups, ownable,
            persons, addressee (who can be blamed), self_terms (a capitalised "the Company":
            the seller itself); accusing, shifting, neutral, wrongly,
            faults, causes, producing, troubles, causal, evaluative, accusations, artefacts,
            telling, reliance (what blames them); opinion, reporting (what the seller says
            without acting).

    Example YAML:
        - id: example-blame
          kind: blame
          category: blame
          severity: error
          penalty: 8
          lexicon:
            parties: [carrier, courier, buyer]
            providers: [carrier, courier]
            accusing: [lose, damage]
            faults: [mistake, error]
          message: '"{match}" blames someone else.'
          why: Reviewers want your own failure, not a third party's.
          suggestion: Say what you did not check.
          examples:
            bad: ["The carrier lost 12 of our parcels in May."]
            good: ["We did not scan 12 parcels before the pickup in May."]
    """

    rule: BlameRule
    block_local = True

    def __init__(self, rule: BlameRule, nlp) -> None:
        super().__init__(rule, nlp)
        lex = rule.lexicon
        self.parties = _words(lex.parties)
        self.providers = _words(lex.providers)
        self.staff = _words(lex.staff)
        self.rivals = _words(lex.rivals)
        self.groups = _words(lex.groups)
        self.wrongly = _words(lex.wrongly)
        self.ownable = _words(lex.ownable)
        self.persons = _words(lex.persons)
        self.self_terms = _words(lex.self_terms)
        self.addressee = _words(lex.addressee)
        self.accusing = _words(lex.accusing)
        self.shifting = _words(lex.shifting)
        self.neutral = _words(lex.neutral)
        self.faults = _words(lex.faults)
        self.causes = _words(lex.causes)
        self.troubles = _words(lex.troubles)
        self.producing = _words(lex.producing)
        self.causal = {tuple(c.lower().split()) for c in lex.causal}
        self.evaluative = _words(lex.evaluative)
        self.accusations = _words(lex.accusations)
        self.artefacts = _words(lex.artefacts)
        self.telling = _words(lex.telling)
        self.opinion = _words(lex.opinion)
        self.reliance = _words(lex.reliance)
        self.reporting = _words(lex.reporting)
        self.roles = frozenset(rule.roles)
        self._in_plan = False  # the sentence being checked is a preventive measure

    # ------------------------------------------------------------------ parties

    def party(self, token) -> str | None:  # spaCy Token
        """What kind of party a token names: 'third', 'provider', 'staff', 'addressee', 'person'."""
        lower, lemma = token.lower_, token.lemma_.lower()
        if lower in self.addressee:
            return "addressee"
        if token.pos_ not in ("NOUN", "PROPN", "PRON") and not (token.pos_ == "NUM" and not token.is_digit):
            return None  # a name with digits may be tagged a number: "3PL", "4PX"
        if self._self_term(token):
            return None  # "the Company did not know": a formal plan's name for the seller itself
        possessors = {c.lower_ for c in token.children if c.dep_ == "poss"}
        if (lemma in self.ownable or lower in self.ownable) and possessors & SELF_POSSESSIVES:
            return None  # "the system" / "Amazon's system" is a party; "our system" is the seller's own
        if possessors & self.addressee:
            return "addressee"
        if (
            lemma in self.rivals
            or lower in self.rivals
            or any(c.dep_ == "amod" and c.lower_ in self.rivals for c in token.children)
        ):
            return "rival"  # "a competitor", "a competing brand"
        if lemma in self.staff or lower in self.staff:
            return "staff"
        if lemma in self.providers or lower in self.providers:
            return "provider"
        if lemma in self.parties or lower in self.parties:
            return "third"
        if lemma in self.persons or lower in self.persons:
            return "person"
        if lower in PRONOUNS:
            return self._antecedent(token)
        for child in token.children:
            # "the warehouse team", "the courier's driver": a group named after a party
            if child.dep_ == "compound" and (lemma in self.groups or lower in self.groups):
                kind = self.party(child)
                if kind and kind != "addressee":
                    return "staff" if possessors & SELF_POSSESSIVES else kind
        return None

    def _self_term(self, token) -> bool:
        """'the Company', 'the Seller' capitalised inside a sentence: a defined term for the
        seller (a lower-case 'the company' or 'the seller' is someone else)."""
        return (
            (token.lemma_.lower() in self.self_terms or token.lower_ in self.self_terms)
            and token.text[:1].isupper()
            and not token.is_sent_start
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        )

    def _antecedent(self, pronoun) -> str | None:
        """A third-person pronoun refers to the nearest subject before it in the sentence that
        agrees in number ("he" never to a name or a brand: those are left unresolved)."""
        plural = pronoun.lower_ in ("they", "them")
        for token in reversed(list(pronoun.sent[: pronoun.i - pronoun.sent.start])):
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ not in ("NOUN", "PROPN"):
                continue
            if plural != (token.tag_ in ("NNS", "NNPS")):
                continue
            if token.pos_ == "PROPN" and not plural:
                return None
            return self.party(token)
        return "person"  # someone other than the seller, unnamed

    def _party_in(self, noun) -> tuple[object, str] | None:
        """The party a noun phrase names or is owned by: "the courier", "their error", "carrier delays"."""
        kind = self.party(noun)
        if kind:
            return noun, kind
        for child in noun.children:
            if child.dep_ == "poss":
                if child.lower_ in OTHER_POSSESSIVES:
                    return child, "addressee" if child.lower_ in self.addressee else "third"
                kind = self.party(child)
                if kind:
                    return child, kind
            if child.dep_ == "compound":
                kind = self.party(child)
                if kind and kind != "addressee":
                    return child, kind
        return None

    # -------------------------------------------------------------- predicates

    @staticmethod
    def _negated(pred) -> bool:
        children = list(pred.children)
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in children):
            aux = [c.lower_ for c in children if c.dep_ in ("aux", "auxpass")]
            return not aux or aux[0] in FAILURE_AUX or aux[0] in ("never",)
        return False

    @staticmethod
    def _failing_modifier(pred) -> bool:
        """ "...without reading our page", "...instead of contacting us", "...rather than asking"."""
        for child in pred.children:
            if child.lower_ == "without" and any(g.tag_ == "VBG" for g in child.children):
                return True
            if child.lower_ in ("of", "than") and any(
                g.lower_ in ("instead", "rather") for g in child.children
            ):
                return True
            if child.lower_ in ("instead", "rather") and any(
                g.lower_ in ("of", "than") for g in child.children
            ):
                return True
        return False

    def _mis(self, pred) -> bool:
        """Verbs of doing something wrongly: misread, misuse, mishandle, misunderstand..."""
        lower = pred.lower_
        verbal = pred.pos_ in ("VERB", "AUX") or any(c.dep_ in ("aux", "auxpass") for c in pred.children)
        return (
            verbal
            and lower.startswith("mis")
            and len(lower) > 5
            and lower not in ("missed", "missing", "misses")
        )

    def _fault_object(self, pred) -> bool:
        """ "made a mistake", "caused the delay", "created the problem"."""
        lemma = pred.lemma_.lower()
        for child in pred.children:
            if child.dep_ not in ("dobj", "attr"):
                continue
            noun = child.lemma_.lower()
            if noun in self.faults and lemma not in self.neutral and lemma not in self.opinion:
                return True
            if noun in self.troubles and lemma in self.causes | self.producing:
                return True
        return False

    def _reproach(self, pred, subject, kind: str) -> bool:
        """ "Amazon should check...", "the supplier should have told us", "could have contacted us".

        Not a question or an inverted conditional ("Should you need..."), and not a requirement
        the seller sets in its own plan ("every supplier must send...": preventive measures).
        """
        modals = [c for c in pred.children if c.tag_ == "MD"]
        if not modals or modals[0].i < subject.i:
            return False
        perfect = any(c.lower_ == "have" and c.dep_ == "aux" for c in pred.children)
        modal = modals[0].lower_
        if perfect:
            return modal in ("should", "must", "could", "might", "would")
        if modal == "should" or (modal == "must" and kind == "addressee"):
            return not self._in_plan
        return False

    def _tells_us(self, pred) -> bool:
        return pred.lemma_.lower() in self.telling and any(
            c.dep_ in ("dative", "dobj", "iobj") and c.lower_ in ("us", "me") for c in pred.children
        )

    def _done_wrongly(self, pred) -> bool:
        """An action judged as wrong: "sent the wrong colours", "delivered it late", "packed it badly"."""
        if pred.lemma_.lower() in self.neutral:
            return False  # "3 buyers received the wrong colour": they suffered it
        for child in pred.children:
            if child.dep_ in ("advmod", "acomp") and child.lower_ in self.wrongly:
                return True
            if child.dep_ in ("dobj", "prep", "dative"):
                nouns = [child] if child.dep_ == "dobj" else [g for g in child.children if g.dep_ == "pobj"]
                for noun in nouns:
                    if any(m.dep_ == "amod" and m.lower_ in self.wrongly for m in noun.children):
                        return True
        return False

    @staticmethod
    def _toward_seller(pred, subject, possessive: bool = False) -> bool:
        """The predicate is done to the seller ("told us", "read what we sent"), by someone who is
        not the seller's own ("nobody on our team checked" is the seller's process)."""
        if any(t.lower_ in SELF_WORDS for t in subject.subtree):
            return False
        for child in pred.children:
            wh_clause = child.dep_ == "ccomp" and child.left_edge.tag_ in ("WP", "WDT")
            if child.dep_ not in ("dobj", "dative", "iobj", "prep", "xcomp") and not wh_clause:
                continue  # "one of us typed it; nobody counted": a clause beside, not an object
            for t in child.subtree:
                if t.lower_ in ("us", "me") or (t.lower_ in SELF_SUBJECTS and t.dep_ in SUBJECT_DEPS):
                    return True
                if possessive and child.dep_ in ("dobj", "dative") and t.lower_ in SELF_POSSESSIVES:
                    return True
        return False

    def blaming_predicate(self, pred, subject, kind: str) -> bool:
        """Does this predicate, with a party of this kind as its subject, blame the party?"""
        lemma = pred.lemma_.lower()
        if lemma in self.accusing or self._mis(pred) or self._fault_object(pred):
            return True
        if kind == "staff":
            return False
        if self._done_wrongly(pred):
            return True  # "the courier left the parcels at the wrong depot"
        if kind == "rival" and self._toward_seller(pred, subject, possessive=True):
            return True  # "a competitor keeps reporting our listing"
        if self._reproach(pred, subject, kind):
            return True
        if self._failing_modifier(pred):
            return True
        if subject.lower_ in NEGATIVE_SUBJECTS:
            # "nobody checked the stock" describes the seller's own process, "nobody answered our emails" blames
            return self._toward_seller(pred, subject, possessive=True)
        if self._negated(pred) and lemma not in self.neutral:
            return kind != "person" or self._toward_seller(pred, subject)
        if kind in ("third", "provider", "addressee") and lemma in self.shifting:
            return True
        return kind == "provider" and self._tells_us(pred)

    def _evaluative(self, token) -> bool:
        return token.lemma_.lower() in self.evaluative or token.lower_ in self.evaluative

    # ------------------------------------------------------------------- roles

    def find(self, span, section: str = "other") -> Found | None:  # spaCy Span
        """The first unowned blaming relation in a sentence, if any."""
        self._in_plan = section == "preventive_measures"
        found: list[Found] = []
        for token in span:
            hit = self._role(token)
            if hit is not None:
                found.append(hit)
        owned = [f for f in found if not self.owned(span, f)]
        return min(owned, key=lambda f: f.first) if owned else None

    def _role(self, token) -> Found | None:
        kind = self.party(token)
        roles = self.roles
        if kind is not None and "subject" in roles:
            hit = self._subject_role(token, kind)
            if hit:
                return hit
        if kind is not None and "agent" in roles and token.dep_ == "pobj" and token.head.dep_ == "agent":
            hit = self._agent_role(token, kind)
            if hit:
                return hit
        if kind is not None and "reliance" in roles:
            hit = self._reliance_role(token)
            if hit:
                return hit
        if kind is not None and "evaluation" in roles:
            hit = self._evaluation_role(token, kind)
            if hit:
                return hit
        lemma = token.lemma_.lower()
        if "possessor" in roles and lemma in self.faults:
            hit = self._possessor_role(token)
            if hit:
                return hit
        if "cause" in roles and lemma in self.troubles and token.dep_ == "attr" and token.head.lemma_ == "be":
            # "this is a problem of the carrier", "the issue was with the courier"
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "with"):
                    for obj in child.children:
                        owner = self._party_in(obj) if obj.dep_ == "pobj" else None
                        if owner and not any(c.dep_ == "neg" for c in token.head.children):
                            return Found(token.i, obj.i, token.head.i, "cause")
        if "cause" in roles and token.dep_ == "pobj":
            hit = self._cause_role(token)
            if hit:
                return hit
        if "cause" in roles and kind is not None and token.dep_ == "attr":
            head = token.head
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            if (
                head.lemma_ == "be"
                and subjects
                and subjects[0].lemma_.lower() in self.faults | self.troubles | {"cause", "reason"}
                and not any(c.dep_ == "neg" for c in head.children)
            ):
                return Found(subjects[0].i, token.i, head.i, "cause")  # "the problem is the courier"
        if "evaluation" in roles and lemma in self.artefacts:
            hit = self._artefact_role(token)
            if hit:
                return hit
        return None

    def _predicates_of_subject(self, token) -> list:
        """The predicates a party token is the (active) subject of, conjoined ones included."""
        if token.dep_ in SUBJECT_DEPS:
            pred = token.head
            while pred.dep_ in ("aux", "auxpass") and pred.head.i != pred.i:
                pred = pred.head  # "the buyers may have misread": the tagger made "have" the head
        elif token.dep_ == "conj" and token.head.dep_ in SUBJECT_DEPS:
            pred = token.head.head
        elif any(c.dep_ == "relcl" for c in token.children):
            # "buyers who misuse the item": the relative clause's subject is the party
            preds = []
            for c in token.children:
                if c.dep_ == "relcl" and any(
                    g.dep_ in SUBJECT_DEPS and g.tag_ in ("WP", "WDT") for g in c.children
                ):
                    preds.append(c)
            return preds
        else:
            return []
        preds = [pred]
        for conj in pred.children:
            if (
                conj.dep_ == "conj"
                and conj.pos_ in ("VERB", "AUX")
                and not any(g.dep_ in SUBJECT_DEPS | {"nsubjpass"} for g in conj.children)
            ):
                preds.append(conj)
        # "the buyer tried to trick us": the open complement shares the subject
        for pred_ in list(preds):
            preds.extend(c for c in pred_.children if c.dep_ == "xcomp")
        return preds

    def _subject_role(self, token, kind: str) -> Found | None:
        for pred in self._predicates_of_subject(token):
            if pred.lemma_ == "be" and pred.dep_ != "xcomp":
                continue  # copular: judged as an evaluation
            if self.blaming_predicate(pred, token, kind):
                first, last = min(token.i, pred.i), max(token.i, pred.i)
                return Found(first, last, pred.i, "subject")
        return None

    def _agent_role(self, token, kind: str) -> Found | None:
        pred = token.head.head
        lemma = pred.lemma_.lower()
        patients = [c for c in pred.children if c.dep_ == "nsubjpass"]
        patient_fault = any(p.lemma_.lower() in self.faults for p in patients)
        fault_head = pred.dep_ in ("acl", "relcl") and pred.head.lemma_.lower() in self.faults
        troubled = any(p.lemma_.lower() in self.troubles for p in patients)
        harmful = lemma in self.accusing or lemma in self.causes or self._mis(pred)
        if lemma in self.producing and troubled:
            harmful = True  # "the delay was created by the courier", not "filters made by another brand"
        if kind == "rival":
            harmful = True  # "the complaint was filed by a rival"
        if harmful or patient_fault or fault_head or any(self._evaluative(c) for c in token.children):
            return Found(min(pred.i, token.i), max(pred.i, token.i), pred.i, "agent")
        return None

    def _reliance_role(self, token) -> Found | None:
        """The seller relied on a party as the excuse: "we trusted our supplier", "we relied on the agency"."""
        verb = token.head
        if token.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
        elif token.dep_ != "dobj":
            return None
        if verb.lemma_.lower() not in self.reliance:
            return None
        if not any(c.dep_ in SUBJECT_DEPS and c.lower_ in SELF_SUBJECTS for c in verb.children):
            return None
        subject = next(c for c in verb.children if c.dep_ in SUBJECT_DEPS)
        return Found(min(subject.i, token.i), max(subject.i, token.i), verb.i, "reliance")

    def _evaluation_role(self, token, kind: str) -> Found | None:
        # "a dishonest contractor", "careless couriers"
        for child in token.children:
            if child.dep_ == "amod" and self._evaluative(child):
                return Found(min(child.i, token.i), max(child.i, token.i), token.i, "evaluation")
        # "the buyer was dishonest", "the buyers may have been mistaken", "they are scammers"
        if token.dep_ in ("nsubj",) and token.head.lemma_ in ("be", "seem", "appear", "become", "look"):
            head = token.head
            if any(c.dep_ == "neg" for c in head.children):
                return None
            for comp in head.children:
                if comp.dep_ == "acomp" and self._evaluative(comp):
                    return Found(min(token.i, comp.i), max(token.i, comp.i), head.i, "evaluation")
                if comp.dep_ == "attr" and comp.lemma_.lower() in self.accusations:
                    return Found(min(token.i, comp.i), max(token.i, comp.i), head.i, "evaluation")
        # "... by the competitor" on a judged noun: "fake orders by the competitor"
        if token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.head.pos_ == "NOUN":
            noun = token.head.head
            if noun.lemma_.lower() in self.faults or any(
                c.dep_ == "amod" and self._evaluative(c) for c in noun.children
            ):
                return Found(min(noun.i, token.i), max(noun.i, token.i), noun.i, "evaluation")
        return None

    def _possessor_role(self, fault) -> Found | None:
        """ "their mistake", "the courier's error", "a warehouse error", "the fault of the carrier",
        and a fault placed on a party by its verb: "the responsibility rests with the designer",
        "the fault lies with the courier"."""
        owner = self._party_in(fault)
        if owner is None:
            for child in fault.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "by"):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            owner = self._party_in(obj)
        if owner is None and fault.dep_ == "nsubj" and fault.head.pos_ in ("VERB", "AUX"):
            for child in fault.head.children:
                if child.dep_ == "prep" and child.lower_ in ("with", "on"):
                    for obj in child.children:
                        if obj.dep_ == "pobj" and owner is None:
                            owner = self._party_in(obj)
        if owner is None:
            return None
        party, _ = owner
        head = fault.head
        if fault.dep_ in ("attr", "nsubj") and any(c.dep_ == "neg" for c in head.children):
            return None  # "it was not the courier's fault"
        return Found(
            min(party.i, fault.i),
            max(party.i, fault.i),
            head.i if fault.dep_ != "ROOT" else fault.i,
            "possessor",
        )

    def _cause_role(self, noun) -> Found | None:
        """ "due to the courier", "because of their warehouse error", "thanks to the carrier"."""
        prep = noun.head
        doc = noun.doc
        pairs = [(prep.head, prep)]
        if prep.i > 0:
            pairs.append((doc[prep.i - 1], prep))
        if prep.i + 1 < len(doc):
            pairs.append((prep, doc[prep.i + 1]))
        marker = next((a for a, b in pairs if (a.lower_, b.lower_) in self.causal), None)
        if marker is None:
            return None
        before = marker
        owner = self._party_in(noun)
        if owner is None:
            return None
        party, _ = owner
        return Found(min(before.i, party.i), max(noun.i, party.i), prep.head.i, "cause")

    def _artefact_role(self, artefact) -> Found | None:
        """A complaint judged as false: "the complaint is false", "a bogus claim"."""
        for child in artefact.children:
            if child.dep_ == "amod" and self._evaluative(child):
                return Found(min(child.i, artefact.i), max(child.i, artefact.i), artefact.i, "evaluation")
        head = artefact.head
        if (
            artefact.dep_ == "nsubj"
            and head.lemma_ == "be"
            and not any(c.dep_ == "neg" for c in head.children)
        ):
            for comp in head.children:
                if comp.dep_ == "acomp" and self._evaluative(comp):
                    return Found(artefact.i, comp.i, head.i, "evaluation")
        return None

    # --------------------------------------------------------------- ownership

    def _self_actor(self, pred) -> bool:
        """The seller is the active subject of this predicate, and it is not an opinion."""
        lemma = pred.lemma_.lower()
        if lemma in self.opinion or lemma in self.reporting or lemma == "be":
            return False
        return any(c.dep_ in SUBJECT_DEPS and c.lower_ in SELF_SUBJECTS for c in pred.children)

    def _admits(self, pred) -> bool:
        """The seller says what it did not do: "we did not ask for it", "we never checked"
        (past: "we don't know why" is no admission; "we did not receive" is no action)."""
        lemma = pred.lemma_.lower()
        if lemma == "be" or lemma in self.opinion:
            return False
        self_subject = any(c.dep_ in SUBJECT_DEPS and c.lower_ in SELF_SUBJECTS for c in pred.children)
        if self_subject and (self._failing_modifier(pred) or self._lacks(pred)):
            return True  # "we trusted the label without testing it", "we had no checklist"
        if lemma in self.neutral or not self._negated(pred):
            return False
        aux = [c.lower_ for c in pred.children if c.dep_ == "aux"]
        if aux and aux[0] not in PAST_AUX:
            return False
        return lemma != "do" and any(
            c.dep_ in SUBJECT_DEPS and c.lower_ in SELF_SUBJECTS for c in pred.children
        )

    @staticmethod
    def _lacks(pred) -> bool:
        """ "we had no written checklist", "we kept no record": the seller names a missing control."""
        return pred.lemma_ in ("have", "keep", "use", "run") and any(
            c.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
            for c in pred.children
        )

    def owned(self, span, found: Found) -> bool:
        doc = span.doc
        anchor = doc[found.anchor]
        if found.role == "reliance":
            return self._admitted(span, anchor)
        # 1. the party takes part in the seller's own action: "we chose a carrier that..."
        token = anchor
        while token.head.i != token.i:
            if token.dep_ == "advcl" and any(c.lower_ in REASON_MARKS for c in token.children):
                break  # "we used it because the supplier told us": the party is the reason
            if token.dep_ in ("ccomp",) and token.head.lemma_.lower() in self.opinion:
                break
            if token.dep_ in ("conj", "parataxis") and any(
                c.dep_ in SUBJECT_DEPS | {"nsubjpass"} for c in token.children
            ):
                break  # a clause with its own subject: "we sent the invoices and your team did not read them"
            token = token.head
            if self._self_actor(token):
                return True
        # 2. the seller's action is the reason: "...missed the pickup because we booked it late"
        for child in anchor.children:
            if (
                child.dep_ == "advcl"
                and any(c.lower_ in REASON_MARKS for c in child.children)
                and self._self_actor(child)
            ):
                return True
        return self._admitted(span, anchor)

    def _admitted(self, span, anchor) -> bool:
        """The sentence, or the next one, admits the seller's own fault: "our mistake", "we did not check"."""
        doc = span.doc
        for token in span:
            if (
                token.lemma_.lower() in self.faults
                and any(c.dep_ == "poss" and c.lower_ in SELF_POSSESSIVES for c in token.children)
                and not any(c.dep_ == "neg" for c in token.head.children)
            ):
                return True
            if token.i != anchor.i and self._admits(token):
                return True
        # 4. ... or the next sentence does: "The supplier told us it was safe. We did not test it."
        if span.end < len(doc):
            following = doc[span.end].sent
            if any(self._admits(token) for token in following):
                return True
        return False

    # ------------------------------------------------------------------- check

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        for sentence in ctx.sentences_for(self.rule):
            span = sentence.span
            found = self.find(span, sentence.kind)
            if found is None:
                continue
            doc = span.doc
            start = sentence.block.start + doc[found.first].idx
            last = doc[found.last]
            end = sentence.block.start + last.idx + len(last.text)
            hit = self.sentence_hit(ctx, sentence, start, end, match=doc[found.first : found.last + 1].text)
            if hit:
                yield hit

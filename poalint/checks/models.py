"""Pydantic models for rules. Every rule kind has its own model; `kind` discriminates."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CATEGORIES = (
    "structure",
    "vague",
    "blame",
    "time-bound",
    "measurable",
    "tone",
    "placeholder",
    "privacy",
    "readability",
    "length",
    "formatting",
)
Category = Literal[
    "structure",
    "vague",
    "blame",
    "time-bound",
    "measurable",
    "tone",
    "placeholder",
    "privacy",
    "readability",
    "length",
    "formatting",
]
Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
ScopeKind = Literal[
    "all",
    "subject",
    "greeting",
    "introduction",
    "root_cause",
    "immediate_actions",
    "preventive_measures",
    "supporting_documents",
    "closing",
    "other",
]
Element = Literal["root_cause", "immediate_actions", "preventive_measures"]
# Conditions under which a matched sentence is *not* reported.
Unless = Literal[
    "time-bound", "measurable", "concrete", "first-person", "first-person-block", "owned", "agent"
]


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    text: str
    section: ScopeKind | None = None  # lint the snippet as if it were this section
    repeat: int = Field(default=1, ge=1, le=1000)  # for length rules: the text repeated N times

    @property
    def full_text(self) -> str:
        return self.text * self.repeat

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    bad: list[Example] = Field(min_length=1)
    good: list[Example] = Field(min_length=1)


class RuleBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    category: Category
    severity: Severity
    message: str = Field(min_length=1)
    why: str = Field(min_length=1)
    suggestion: str = Field(min_length=1)
    scope: list[ScopeKind] = Field(default_factory=lambda: ["all"])
    penalty: float = Field(ge=0, le=100)
    examples: Examples
    skip_quoted: bool = True
    skip_headings: bool = True
    unless: list[Unless] = Field(default_factory=list)
    # a finding of this rule means its core element is missing or has no real content: it caps
    # the score and zeroes the element's sub-score (see poalint.score.scoring)
    marks_missing: bool = False

    def in_scope(self, kind: str) -> bool:
        return "all" in self.scope or kind in self.scope

    @property
    def summary(self) -> str:
        return self.why.strip().split(". ")[0].rstrip(".") + "."

    @property
    def whole_draft(self) -> bool:
        """True when the rule judges the draft as a whole rather than a line of it, so only
        `poalint-disable-file` (or the configuration) can silence it."""
        return False


class PhraseRule(RuleBase):
    kind: Literal["phrase"]
    phrases: list[str] = Field(min_length=1)
    attr: Literal["LOWER", "LEMMA", "ORTH"] = "LOWER"


class PatternRule(RuleBase):
    kind: Literal["pattern"]
    patterns: list[list[dict[str, Any]]] = Field(min_length=1)


class DependencyRule(RuleBase):
    kind: Literal["dependency"]
    patterns: list[list[dict[str, Any]]] = Field(min_length=1)
    # Lexicon lists that patterns can refer to as "$name" inside IN/NOT_IN
    lists: dict[str, list[str]] = Field(default_factory=dict)


class RegexRule(RuleBase):
    kind: Literal["regex"]
    patterns: list[str] = Field(min_length=1)
    exclude: list[str] = Field(default_factory=list)
    ignore_case: bool = True

    @field_validator("patterns", "exclude")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
                regex.compile(pattern, regex.VERSION0)  # the engine that runs it (with a time limit)
            except (re.error, regex.error) as exc:
                raise ValueError(f"bad regular expression {pattern!r}: {exc}") from None
            _refuse_nested_quantifiers(pattern)
        return value


_NESTED = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\})")


def _refuse_nested_quantifiers(pattern: str) -> None:
    """Refuse the classic catastrophic-backtracking shape `(a+)+` at load time."""
    if _NESTED.search(pattern):
        raise ValueError(
            f"pattern {pattern!r} nests a repeated group inside a repetition, which can backtrack "
            "catastrophically; rewrite it without the nested quantifier"
        )


class SectionRule(RuleBase):
    kind: Literal["section"]
    check: Literal["present", "content", "longest", "restates-symptom"]
    elements: list[Element] = Field(
        default_factory=lambda: ["root_cause", "immediate_actions", "preventive_measures"]
    )
    min_words: int = 8
    symptom_words: list[str] = Field(default_factory=list)
    cause_words: list[str] = Field(default_factory=list)
    connectives: list[str] = Field(default_factory=list)
    generic_words: list[str] = Field(default_factory=list)
    # sentences already flagged in these categories do not count as content
    discount: list[Category] = Field(default_factory=list)

    @property
    def whole_draft(self) -> bool:
        return True  # a missing or empty element has no line of its own


class CommitmentRule(RuleBase):
    kind: Literal["commitment"]
    require: Literal["time", "quantity"]


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


class MetricRule(RuleBase):
    kind: Literal["metric"]
    metric: Literal["grade-level", "sentence-words", "document-words", "section-bullets", "reading-ease"]
    max: float | None = None
    min: float | None = None

    @property
    def whole_draft(self) -> bool:
        # document-level figures are reported at the first paragraph, but describe the whole draft
        return self.metric in ("document-words", "grade-level", "reading-ease")


class SuppressionRule(RuleBase):
    """Checks the draft's `poalint-disable` comments against the other rules' findings."""

    kind: Literal["suppression"]


Rule = Annotated[
    PhraseRule
    | PatternRule
    | DependencyRule
    | RegexRule
    | SectionRule
    | CommitmentRule
    | MetricRule
    | SuppressionRule
    | BlameRule,
    Field(discriminator="kind"),
]


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    rules: list[Rule] = Field(default_factory=list)

"""What every rule shares: the common fields, examples, and the bases some kinds build on.

Each kind's own model lives with its checker in `poalint/checks/kinds/`; the union of
them that a rule file is validated against comes from `poalint.checks.registry`.
"""

from __future__ import annotations

import re
import string
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from poalint.model.lexicons import Lexicons
from poalint.vocabulary import (  # noqa: F401 - re-exported for the kinds
    CATEGORIES,
    CORE_ELEMENTS,
    SEVERITY_RANK,
    Category,
    ScopeKind,
    Severity,
)
from poalint.vocabulary import CoreElement as Element

# Conditions under which a matched sentence is *not* reported (or "$name": it has a word of a lexicon).
UNLESS_CONDITIONS = (
    "time-bound",
    "measurable",
    "concrete",
    "named",
    "first-person",
    "first-person-block",
    "owned",
    "agent",
)


def pack_lexicons(info: ValidationInfo) -> Lexicons:
    """The pack's lexicons, passed by the loader in the validation context."""
    context = info.context if isinstance(info.context, dict) else {}
    return context.get("lexicons") or Lexicons()


def _expand_words(value: Any, info: ValidationInfo) -> Any:
    return pack_lexicons(info).expand(value) if isinstance(value, list) else value


def _unless_condition(value: str, info: ValidationInfo) -> str:
    if value.startswith("$"):
        if value[1:] not in pack_lexicons(info):
            raise ValueError(f"unknown lexicon {value!r}; define it under `lexicons:`")
    elif value not in UNLESS_CONDITIONS:
        raise ValueError(f"unknown condition {value!r}; use {', '.join(UNLESS_CONDITIONS)} or $lexicon")
    return value


# A list of words in which an item `$name` stands for the words of the pack lexicon `name`.
WordList = Annotated[list[str], BeforeValidator(_expand_words)]
Unless = Annotated[str, AfterValidator(_unless_condition)]


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    text: str
    section: ScopeKind | None = None  # lint the snippet as if it were this section
    repeat: int = Field(default=1, ge=1, le=1000)  # for length rules: the text repeated N times
    # for coverage rules: lint the snippet as a draft answering this issue type, this notice
    # (text) and as a resubmission of this previous plan (text)
    issue: str | None = None
    notice: str | None = None
    previous: str | None = None

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
    """What every rule has, whatever its kind.

    Fields:
        id: the rule's name (lower case, digits and hyphens), unique across the loaded packs.
        kind: which kind of check it is (one of the kinds below); chooses the other fields.
        category: what the finding is about; the score caps the deductions of some categories.
        severity: error, warning or info (configuration may override it per rule).
        message: one line shown with each finding; may name the placeholders its kind fills,
            such as {match} (write {{ and }} for literal braces).
        why: why reviewers care; its first sentence is the rule's summary in `poalint rules`.
        suggestion: what to do instead (shown as the hint).
        scope: the section kinds the rule looks at (default: all).
        penalty: points one finding deducts from the score (repeats deduct less).
        examples: `bad` snippets that must trigger the rule and `good` ones that must not; each
            is a string or {text, section, repeat}; they run as tests.
        skip_quoted: ignore text inside quotation marks and quote blocks (default true).
        skip_headings: ignore headings without inline content (default true).
        statements_only: look only at words that carry a statement: not at a list item's
            label ("**Increased buffer time:** ..."), a lead-in to a list ("...the following
            measures:"), a question, or a goal clause after a concrete action ("...on 2 May to
            ensure all orders were processed") (default false).
        unless: conditions under which a matched sentence is not reported: time-bound,
            measurable, concrete (it names at least two of when, how many, who and what),
            named (it names what it acts on: a proper name, an identifier), first-person (the seller in the sentence's own clauses),
            first-person-block (anywhere in its paragraph or list item), owned, agent (a
            by-phrase naming an actor), or `$name`: the sentence has a word (or phrase) of that
            lexicon.
        marks_missing: a finding means a core element is missing or has no real content; it
            caps the score and zeroes that element's sub-score.
        caps_score: a finding means reviewers reject the plan whatever its prose (it answers
            another issue than the notice, or repeats the rejected plan): the score is at most
            this value.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    # the names a message may use in braces; each kind sets the values its checker fills
    placeholders: ClassVar[tuple[str, ...]] = ("match",)

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
    statements_only: bool = False
    unless: list[Unless] = Field(default_factory=list)
    # a finding of this rule means its core element is missing or has no real content: it caps
    # the score and zeroes the element's sub-score (see poalint.score.scoring)
    marks_missing: bool = False
    # a finding of this rule means the plan is rejected as it stands: the score is at most this
    caps_score: float | None = Field(default=None, ge=0, le=100)

    @field_validator("message")
    @classmethod
    def _known_placeholders(cls, value: str) -> str:
        for name in message_placeholders(value):
            if name not in cls.placeholders:
                known = ", ".join(f"{{{p}}}" for p in cls.placeholders) or "none"
                raise ValueError(
                    f"unknown placeholder {{{name}}}; this kind fills {known} "
                    "(write {{ and }} for literal braces)"
                )
        return value

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


def message_placeholders(message: str) -> list[str]:
    """The names a message uses in braces ("{match}" -> "match"); ValueError on stray braces."""
    try:
        parsed = list(string.Formatter().parse(message))
    except ValueError as exc:
        raise ValueError(f"{exc} (write {{{{ and }}}} for literal braces)") from None
    return [re.split(r"[.\[]", name, maxsplit=1)[0] for _, name, _, _ in parsed if name is not None]


class ElementRule(RuleBase):
    """Shared by the kinds that check whole core elements."""

    placeholders: ClassVar[tuple[str, ...]] = ("element", "line")
    elements: list[Element] = Field(default_factory=lambda: list(CORE_ELEMENTS))

    @property
    def whole_draft(self) -> bool:
        return True  # a missing or empty element has no line of its own


class RangeRule(RuleBase):
    """Shared by the kinds that measure a number and report it outside [min, max]."""

    placeholders: ClassVar[tuple[str, ...]] = ("value", "match")
    max: float | None = None
    min: float | None = None

    def out_of_range(self, value: float) -> bool:
        return (self.max is not None and value > self.max) or (self.min is not None and value < self.min)

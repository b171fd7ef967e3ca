"""Report models of the issue-aware review: the issue type, its checklist, the notice
cross-check and the resubmission comparison (part of the JSON contract, see report.py)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class IssueCandidate(_Model):
    type: str
    score: float


class IssueModel(_Model):
    type: str | None = Field(description="issue type id (rules/issues/*.yaml), or null when undecided")
    name: str | None = None
    source: Literal["notice", "draft", "option", "config"] | None = Field(
        description="what decided the type: the notification, the draft's own words, --issue or the configuration"
    )
    cues: list[str] = Field(default_factory=list, description="the words that decided it")
    candidates: list[IssueCandidate] = Field(
        default_factory=list, description="the best-scoring types, for an undecided draft too"
    )


class ChecklistItem(_Model):
    id: str
    kind: Literal["topic", "document"]
    title: str
    section: str | None = Field(description="the section kind where the topic belongs")
    covered: bool
    line: int | None = Field(default=None, description="where the draft covers it (first place)")
    text: str = Field(default="", description="the words that cover it")


class NoticeItem(_Model):
    id: str = Field(description="the item as written in the notice (ASIN, order id, SKU)")
    addressed: bool


class NoticeAsk(_Model):
    text: str = Field(description="the request as written in the notice")
    line: int = Field(description="line of the notice")
    addressed: bool
    section: str | None = Field(default=None, description="the section kind that answers it, when known")


class NoticeModel(_Model):
    path: str
    type: str | None = Field(description="issue type the notice names, when clear")
    policy: str | None = None
    dates: list[str] = Field(default_factory=list)
    asins: list[NoticeItem] = Field(default_factory=list)
    order_ids: list[NoticeItem] = Field(default_factory=list)
    skus: list[NoticeItem] = Field(default_factory=list)
    asks: list[NoticeAsk] = Field(default_factory=list)
    unaddressed: list[str] = Field(
        default_factory=list, description="items and asks the draft does not answer"
    )


class CarriedSentence(_Model):
    section: str | None
    line: int
    text: str


class ChangedReason(_Model):
    reason: str
    section: str
    changed: bool


class ResubmissionModel(_Model):
    previous: str = Field(description="path of the rejected plan")
    unchanged_share: float = Field(
        description="share of the draft's sentences carried over (nearly) unchanged"
    )
    rehashed: bool
    carried_over: list[CarriedSentence] = Field(default_factory=list)
    reasons: list[ChangedReason] = Field(
        default_factory=list,
        description="rejection reasons named by the notice and whether their section changed",
    )

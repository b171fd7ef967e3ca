"""Pydantic models of the JSON report: the contract CI jobs and score.py read."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from poalint.checks.models import Category, Severity


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class ToolInfo(_Model):
    name: str = "poalint"
    version: str


class PipelineInfo(_Model):
    name: str = Field(description="spaCy pipeline used, e.g. en_core_web_sm")
    version: str


class FindingModel(_Model):
    rule: str
    category: Category
    severity: Severity
    message: str
    line: int | None = Field(description="1-based; null for a missing core element")
    column: int | None
    end_line: int | None
    end_column: int | None
    section: str | None = Field(description="section kind the finding is in, or the missing element")
    text: str
    suggestion: str
    penalty: float
    suppressed: bool = False
    excerpt: str | None = Field(
        default=None,
        description="Word drafts: the start of the paragraph the finding is in, to find it in the document",
    )


class SectionModel(_Model):
    kind: str
    heading: str | None
    start_line: int
    end_line: int


class StatsModel(_Model):
    words: int
    sentences: int
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    average_sentence_words: float


class FileReport(_Model):
    path: str
    score: float
    grade: Literal["A", "B", "C", "D", "F"]
    element_scores: dict[str, float]
    location_unit: Literal["line", "paragraph"] = "line"
    sections: list[SectionModel]
    findings: list[FindingModel]
    stats: StatsModel


class ErrorModel(_Model):
    path: str
    message: str


class Summary(_Model):
    files: int
    errors: int
    findings: int
    by_severity: dict[str, int]
    by_category: dict[str, int]
    average_score: float | None
    lowest_score: float | None


class Report(_Model):
    tool: ToolInfo
    pipeline: PipelineInfo
    files: list[FileReport]
    errors: list[ErrorModel] = Field(default_factory=list)
    summary: Summary

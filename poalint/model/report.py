"""Pydantic models of the JSON report: the contract CI jobs and score.py read."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from poalint.model.issue import ChecklistItem, IssueModel, NoticeModel, ResubmissionModel
from poalint.vocabulary import Category, Severity

# control characters, lone surrogates (file names that are not UTF-8, decoded with
# surrogateescape), bidirectional overrides, line and paragraph separators
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if char in _ESCAPES:
        return _ESCAPES[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with control characters, undecodable bytes and bidi overrides escaped
    (`\\n`, `\\xe9`, `\\u202e`): a file name can then neither break a line of output, nor
    inject a workflow command or a terminal code, nor fail UTF-8 serialisation."""
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


def printable_path(text: str) -> str:
    """`printable`, and never starting with `::` (a GitHub Actions workflow command when a
    line of any log starts so): a relative name that starts with a colon gets `./`."""
    text = printable(text)
    return f"./{text}" if text.startswith(":") else text


PrintablePath = Annotated[str, AfterValidator(printable_path)]


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
    deduction: float = Field(
        default=0.0,
        description="what this finding actually took off the score: its penalty after the per-rule "
        "decay and its category's ceiling (0 when suppressed or past the ceiling)",
    )
    suppressed: bool = False
    excerpt: str | None = Field(
        default=None,
        description="Word drafts: the start of the paragraph the finding is in, to find it in the document",
    )


class SectionModel(_Model):
    """One section: from `start_line`:`start_column` through `end_line`:`end_column` (1-based,
    the end column one past the section's last character, as for findings). Sections never
    overlap; two share a line where a paragraph is cut between elements."""

    kind: str
    heading: str | None
    start_line: int
    end_line: int
    start_column: int = 1
    end_column: int = 1


class StatsModel(_Model):
    words: int
    sentences: int
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    average_sentence_words: float


class CategoryDeduction(_Model):
    category: Category
    findings: int = Field(description="findings of this category that count (suppressed ones do not)")
    raw: float = Field(description="sum of their penalties after the per-rule decay")
    ceiling: float | None = Field(description="the most this category may deduct, if it has a ceiling")
    deduction: float = Field(description="what the category takes off 100: `raw`, or `ceiling` if lower")


class ScoreCap(_Model):
    kind: str = Field(
        description="`missing-element`, the category whose `cap` applied (e.g. `blame`), or the rule declared `caps_score`"
    )
    limit: float = Field(description="the score is at most this")
    reason: str
    rules: list[str] = Field(description="the rules whose findings triggered the cap")


class ElementDeduction(_Model):
    rule: str
    line: int | None
    deduction: float


class ElementExplanation(_Model):
    element: str
    score: float
    deductions: list[ElementDeduction] = Field(description="the findings in this element and what each cost")
    zero_reason: str | None = Field(
        default=None, description="why the sub-score is 0: the element is missing or empty, or deductions"
    )
    zero_rule: str | None = Field(
        default=None, description="the rule that marked the element missing or empty"
    )


class ScoreExplanation(_Model):
    """Why the score is what it is: 100 minus the category deductions, then any caps."""

    deductions: list[CategoryDeduction] = Field(description="per category, largest first")
    total: float = Field(description="sum of the category deductions")
    uncapped: float = Field(description="100 - total, clamped to 0..100, before the caps")
    caps: list[ScoreCap] = Field(description="caps that apply (lowest first)")
    elements: list[ElementExplanation]


class FileReport(_Model):
    path: PrintablePath
    score: float
    grade: Literal["A", "B", "C", "D", "F"]
    element_scores: dict[str, float]
    location_unit: Literal["line", "paragraph"] = "line"
    sections: list[SectionModel]
    findings: list[FindingModel]
    stats: StatsModel
    explanation: ScoreExplanation | None = Field(default=None, description="why this score and grade")
    issue: IssueModel | None = Field(default=None, description="the issue the draft answers")
    checklist: list[ChecklistItem] = Field(default_factory=list, description="the issue type's checklist")
    notice: NoticeModel | None = Field(default=None, description="the notification cross-check")
    resubmission: ResubmissionModel | None = Field(default=None, description="comparison with --previous")


class ErrorModel(_Model):
    path: PrintablePath
    message: PrintablePath  # starts with the path


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

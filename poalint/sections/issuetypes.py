"""Issue types: what a plan of action answers (late shipment, inauthentic, ...), from YAML.

Each file under `rules/issues/` (or any rules folder, or its `issues/` subfolder) holds one
`issue:` mapping: the type's id and name, the weighted cues that identify it in a draft or a
notice, the documents a reviewer expects for it, and its checklist — the topics a reviewer
looks for, each with the section where it belongs and any-of patterns matched by the same
machinery as `phrase`, `pattern` and `dependency` rules. Validated with pydantic; errors name
the file, line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from poalint.checks.models import Examples, ScopeKind
from poalint.errors import RuleError

TYPE_ID = r"^[a-z0-9][a-z0-9-]*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Matchers(_Model):
    """Any-of patterns: phrases (case-insensitive text), lemmas, token or dependency patterns."""

    phrases: list[str] = Field(default_factory=list)
    lemmas: list[str] = Field(default_factory=list)
    patterns: list[list[dict[str, Any]]] = Field(default_factory=list)
    dependencies: list[list[dict[str, Any]]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _something(self) -> Matchers:
        if not (self.phrases or self.lemmas or self.patterns or self.dependencies):
            raise ValueError("give at least one of phrases, lemmas, patterns or dependencies")
        return self


class Cue(Matchers):
    """Words that point to the type; each match adds `weight` to the type's score."""

    weight: float = Field(gt=0, le=20)


class Topic(Matchers):
    """One item of a type's checklist: what a reviewer expects to read, and where."""

    id: str = Field(pattern=TYPE_ID)
    title: str = Field(min_length=1)
    section: ScopeKind
    why: str = Field(min_length=1)
    suggestion: str = Field(min_length=1)
    examples: Examples


class Document(Matchers):
    """A document a reviewer expects for the type (invoices, a test report, ...)."""

    id: str = Field(pattern=TYPE_ID)
    name: str = Field(min_length=1)


class IssueType(_Model):
    id: str = Field(pattern=TYPE_ID)
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)  # other names accepted by --issue
    cues: list[Cue] = Field(min_length=1)
    documents: list[Document] = Field(default_factory=list)
    checklist: list[Topic] = Field(min_length=3, max_length=6)

    @model_validator(mode="after")
    def _unique_topics(self) -> IssueType:
        ids = [t.id for t in self.checklist] + [d.id for d in self.documents]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"topic and document ids must be unique within a type: {dupes[0]!r}")
        return self


class IssueFile(_Model):
    issue: IssueType


def load_issue_file(path: Path, data: Any) -> IssueType:
    """Validate one `issue:` file; a problem is one line naming file:line:col."""
    from poalint.util.yamlio import plain, position_of

    try:
        return IssueFile.model_validate(plain(data)).issue
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = [k for k in error["loc"] if not (isinstance(k, str) and k.startswith("function-"))]
        line, col = position_of(data, *loc)
        field = ".".join(str(k) for k in loc[1:]) or "issue"
        type_id = _type_id(data)
        what = f"issue type {type_id!r}: " if type_id else ""
        message = error["msg"].replace("Value error, ", "")
        raise RuleError(f"{path}:{line}:{col}", f"{what}{field}: {message}", "fix the issue type") from None


def _type_id(data: Any) -> str | None:
    try:
        value = data["issue"]["id"]
    except (KeyError, TypeError, IndexError):
        return None
    return str(value) if value else None

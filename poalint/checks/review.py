"""The issue-aware review of one draft: its issue type and that type's checklist, the
notification cross-check and the comparison with a rejected plan.

`Reviewer.review` runs before the rules: it detects the issue type (poalint.sections.issues),
evaluates the type's checklist topics and expected documents with the rule kinds' matchers,
and reads the notice and the previous plan. The `coverage` rule kind turns what is missing
into findings; `Review.models()` gives the report's `issue`, `checklist`, `notice` and
`resubmission` records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from poalint.model.issue import ChecklistItem, IssueCandidate, IssueModel
from poalint.read.companions import Companions
from poalint.sections.issues import CompiledMatchers, Detection, IssueDetector, compile_matchers, run_matchers
from poalint.sections.issuetypes import IssueType
from poalint.util.lru import Lru

if TYPE_CHECKING:
    from spacy.language import Language

    from poalint.checks.loader import RulePack
    from poalint.nlp.analysis import AnalysedDocument, DocCache


@dataclass
class Review:
    detection: Detection
    issue: IssueType | None
    checklist: list[ChecklistItem] = field(default_factory=list)
    companions: Companions = field(default_factory=Companions)
    notice: object | None = None  # poalint.checks.notice.NoticeCheck when a notice was read
    resubmission: object | None = None  # poalint.checks.resubmission.Resubmission with --previous

    def issue_model(self) -> IssueModel:
        detection = self.detection
        return IssueModel(
            type=self.issue.id if self.issue else None,
            name=self.issue.name if self.issue else None,
            source=detection.source if self.issue else None,  # type: ignore[arg-type]
            cues=detection.cues,
            candidates=[IssueCandidate(type=t, score=s) for t, s in detection.candidates()],
        )

    def missing(self, kind: str) -> list[ChecklistItem]:
        return [item for item in self.checklist if item.kind == kind and not item.covered]


class Reviewer:
    """Built once per linter: the issue detector and the checklists' compiled matchers."""

    def __init__(self, pack: RulePack, nlp: Language, build=None, splitter=None) -> None:
        self.pack = pack
        self.nlp = nlp
        # build(path, text) -> Document, and a SectionSplitter: the previous plan is read like a draft
        self.build = build
        self.splitter = splitter
        self.detector = IssueDetector(pack.issues, nlp)
        self._compiled: dict[str, CompiledMatchers] = {}
        self.memo: Lru | None = None  # the notices and previous plans read, see `remember`

    def remember(self, maxsize: int, doc_cache: DocCache | None) -> None:
        """Keep the notices and previous plans read, and the headings' Docs, between calls
        (the editor server): they are functions of their text."""
        self.memo = Lru(maxsize)
        self.detector.doc_cache = doc_cache

    def _kept(self, key: tuple, compute):  # -> compute()
        if self.memo is None:
            return compute()
        found = self.memo.get(key)
        return found if found is not None else self.memo.put(key, compute())

    def resolve(self, name: str) -> str | None:
        return self.detector.resolve(name)

    def review(self, analysed: AnalysedDocument, companions: Companions | None = None) -> Review:
        companions = companions or Companions()
        notice = None
        notice_docs = None
        if companions.notice_text is not None:
            from poalint.checks.notice import read_notice
            from poalint.parse.notice import NoticeWords

            path, text = companions.notice_path or "<notice>", companions.notice_text
            words = NoticeWords.of(self.pack.lexicons)
            notice = self._kept(("notice", path, text), lambda: read_notice(path, text, self.nlp, words))
            notice_docs = notice.docs
        override = None
        if companions.issue:
            type_id = self.resolve(companions.issue)
            if type_id is not None:
                override = (type_id, companions.issue_source or "option")
        detection = self.detector.detect(analysed, notice_docs, override)
        issue = self.pack.issues.get(detection.type) if detection.type else None
        review = Review(detection, issue, companions=companions)
        if issue is not None:
            review.checklist = self.checklist(analysed, issue)
        if notice is not None:
            from poalint.checks.notice import NoticeCheck

            review.notice = NoticeCheck(notice, analysed)
            review.notice.detection = detection.notice_type  # type: ignore[attr-defined]
            review.notice.off_topic = detection.off_topic()  # type: ignore[attr-defined]
        if companions.previous_text is not None:
            review.resubmission = self.resubmission(analysed, companions)
            if review.notice is not None:
                review.notice.unchanged_sections = review.resubmission.unchanged_sections()  # type: ignore[attr-defined]
                review.resubmission.reasons_from(review.notice)  # type: ignore[attr-defined]
        return review

    def resubmission(self, analysed: AnalysedDocument, companions: Companions):
        from poalint.checks.resubmission import compare
        from poalint.nlp.analysis import analyse_many

        path, text = companions.previous_path or "<previous>", companions.previous_text or ""

        def read() -> AnalysedDocument:
            previous = self.build(path, text)  # type: ignore[misc]
            previous_analysed = analyse_many([previous], self.nlp)[0]
            self.splitter.split(previous_analysed)  # type: ignore[union-attr]
            return previous_analysed

        return compare(analysed, path, self._kept(("previous", path, text), read))

    def _matchers(self, issue: IssueType) -> CompiledMatchers:
        if issue.id not in self._compiled:
            items = [(f"topic\0{t.id}", t) for t in issue.checklist]
            items += [(f"document\0{d.id}", d) for d in issue.documents]
            try:
                self._compiled[issue.id] = compile_matchers(self.nlp, items)
            except ValueError as exc:
                from poalint.errors import RuleError

                raise RuleError(
                    self.pack.issue_sources.get(issue.id, ""),
                    f"issue type {issue.id!r}: {exc}",
                    "fix the pattern",
                ) from None
        return self._compiled[issue.id]

    def checklist(self, analysed: AnalysedDocument, issue: IssueType) -> list[ChecklistItem]:
        """Each topic and document: covered when any of its patterns matches outside quotes."""
        found = find_matches(analysed, self._matchers(issue))
        items = []
        for topic in issue.checklist:
            where = found.get(f"topic\0{topic.id}")
            items.append(
                ChecklistItem(
                    id=topic.id,
                    kind="topic",
                    title=topic.title,
                    section=topic.section,
                    covered=where is not None,
                    line=where[0] if where else None,
                    text=where[1] if where else "",
                )
            )
        for document in issue.documents:
            where = found.get(f"document\0{document.id}")
            items.append(
                ChecklistItem(
                    id=document.id,
                    kind="document",
                    title=document.name,
                    section="supporting_documents",
                    covered=where is not None,
                    line=where[0] if where else None,
                    text=where[1] if where else "",
                )
            )
        return items


def find_matches(analysed: AnalysedDocument, compiled: CompiledMatchers) -> dict[str, tuple[int, str]]:
    """First (line, text) per key, over the draft's own words (not quoted notice or buyer text)."""
    document = analysed.document
    found: dict[str, tuple[int, str]] = {}
    for block in document.blocks:
        doc = analysed.doc_of(block)
        if doc is None or block.quoted:
            continue
        for key, start, end in sorted(run_matchers(compiled, doc), key=lambda m: m[1]):
            if key in found:
                continue
            span = doc[start:end]
            offset = block.start + span.start_char
            if document.in_quote(offset, block.start + span.end_char):
                continue
            found[key] = (document.position(offset)[0], span.text)
    return found

"""`coverage` rules: what the issue-aware review (poalint.checks.review) found missing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import Field

from poalint.checks.kinds.base import CheckContext, Checker, Hit
from poalint.checks.models import RuleBase
from poalint.checks.registry import Phase, kind

ELEMENT_NAMES = {
    "root_cause": "root cause",
    "immediate_actions": "immediate actions",
    "preventive_measures": "preventive measures",
    "supporting_documents": "supporting documents",
}


def _section_name(kind: str | None) -> str:
    return ELEMENT_NAMES.get(kind or "", (kind or "the plan").replace("_", " "))


class CoverageRule(RuleBase):
    kind: Literal["coverage"]
    check: Literal[
        "checklist",
        "documents",
        "attachments",
        "notice-asins",
        "notice-orders",
        "notice-asks",
        "notice-mismatch",
        "rehashed",
        "unchanged-reasons",
    ]
    # word lists the check reads (e.g. attachments: `attach` verbs and `documents` nouns)
    lists: dict[str, list[str]] = Field(default_factory=dict)
    # what the checks fill (each check its own): the topic or document and its section, the
    # notice's item or request, the two issues of a mismatch, the share carried over, a reason
    placeholders: ClassVar[tuple[str, ...]] = (
        "match",
        "item",
        "title",
        "issue",
        "where",
        "why",
        "text",
        "label",
        "ask",
        "notice_issue",
        "draft_issue",
        "share",
        "reason",
    )


@kind("coverage", model=CoverageRule, phase=Phase.REVIEW)
class CoverageChecker(Checker):
    """What the issue type, the notice or the rejected plan call for and the draft leaves out.

    What it matches:
        One `check` per rule, over the issue-aware review of the draft (its issue type from
        rules/issues/*.yaml, the notice, the previous plan). Findings without a place in the
        draft carry the missing item in `text` and the section where it belongs in `section`.
        checklist: a topic of the type's checklist never covered; documents: a document the
        type expects never mentioned; attachments: "documents attached" while none is named
        (lists `attach`, `generic`, `documents`); notice-asins / notice-orders: an ASIN or
        order id of the notice never mentioned; notice-asks: a request of the notice not
        answered in substance (lists `request`, `same`); notice-mismatch: the draft answers
        another issue than the notice; rehashed: most sentences carried over from the
        rejected plan; unchanged-reasons: a reason the rejection named whose section did not
        change.

    Fields:
        check: which of the checks above the rule reports.
        lists: word lists the check reads (named above).

    Example YAML:
        - id: example-missing-topic
          kind: coverage
          check: checklist
          category: coverage
          severity: warning
          penalty: 3
          message: 'Nothing on "{title}" (belongs in the {where} section).'
          why: Reviewers judge a plan against what that kind of issue needs.
          suggestion: Cover the topic in the section named.
          examples:
            bad:
              - text: We shipped all late orders.
                issue: late-shipment-rate
            good:
              - text: |
                  Orders doubled while one packer worked, and orders after the 13:00 carrier
                  pickup missed it. We changed the handling time to 2 days and now confirm
                  shipment as soon as a label is printed.
                issue: late-shipment-rate
    """

    rule: CoverageRule

    def check(self, ctx: CheckContext) -> Iterator[Hit]:
        review = ctx.review
        if review is None and self.rule.check != "attachments":
            return
        yield from getattr(self, "_" + self.rule.check.replace("-", "_"))(ctx, review)

    # -- checklist and evidence ------------------------------------------------------------
    def _checklist(self, ctx: CheckContext, review) -> Iterator[Hit]:
        if review.issue is None:
            return
        topics = {t.id: t for t in review.issue.checklist}
        for item in review.missing("topic"):
            topic = topics[item.id]
            yield Hit(
                None,
                None,
                section=topic.section,
                values={
                    "item": topic.id,
                    "title": topic.title,
                    "issue": review.issue.name,
                    "where": _section_name(topic.section),
                    "why": " ".join(topic.why.split()),
                    "suggestion": topic.suggestion,
                    "text": topic.title,
                },
            )

    def _documents(self, ctx: CheckContext, review) -> Iterator[Hit]:
        if review.issue is None:
            return
        for item in review.missing("document"):
            yield Hit(
                None,
                None,
                section="supporting_documents",
                values={"item": item.id, "title": item.title, "issue": review.issue.name, "text": item.title},
            )

    def _attachments(self, ctx: CheckContext, review) -> Iterator[Hit]:
        """'We have attached the documents' with no document named anywhere in the draft."""
        verbs = {w.lower() for w in self.rule.lists.get("attach", [])}
        nouns = {w.lower() for w in self.rule.lists.get("documents", [])}
        generic = {w.lower() for w in self.rule.lists.get("generic", [])}
        sentences = [s for s in ctx.all_sentences() if not s.quoted and s.block.type != "heading"]
        named = any(t.lemma_.lower() in nouns for s in sentences for t in s.span)
        covered = review is not None and any(
            item.covered for item in review.checklist if item.kind == "document"
        )
        if named or covered:
            return
        for sentence in sentences:
            lemmas = {t.lemma_.lower() for t in sentence.span}
            if lemmas & verbs and lemmas & generic:
                hit = self.sentence_hit(ctx, sentence, sentence.start, sentence.end)
                if hit:
                    yield hit
                    return

    # -- the notification ------------------------------------------------------------------
    def _notice_asins(self, ctx: CheckContext, review) -> Iterator[Hit]:
        yield from self._notice_items(ctx, review, "asins", "ASIN")

    def _notice_orders(self, ctx: CheckContext, review) -> Iterator[Hit]:
        yield from self._notice_items(ctx, review, "order_ids", "order")

    def _notice_items(self, ctx: CheckContext, review, field: str, label: str) -> Iterator[Hit]:
        if review.notice is None:
            return
        for item in review.notice.items(field):
            if not item.addressed:
                yield Hit(None, None, section=None, values={"item": item.id, "text": item.id, "label": label})

    def _notice_asks(self, ctx: CheckContext, review) -> Iterator[Hit]:
        if review.notice is None:
            return
        for ask in review.notice.asks(ctx, self.rule.lists):
            if not ask.addressed:
                yield Hit(
                    None,
                    None,
                    section=ask.section,
                    values={"item": f"ask:{ask.line}", "text": ask.text, "ask": ask.text},
                )

    def _notice_mismatch(self, ctx: CheckContext, review) -> Iterator[Hit]:
        if review.notice is None or not review.detection.off_topic():
            return
        issues = ctx.issue_names
        notice_type = review.detection.notice_type
        draft_type = review.detection.draft_type
        yield Hit(
            None,
            None,
            section=None,
            values={
                "item": "mismatch",
                "notice_issue": issues.get(notice_type, notice_type),
                "draft_issue": issues.get(draft_type, draft_type),
                "text": "",
            },
        )

    # -- resubmission ----------------------------------------------------------------------
    def _rehashed(self, ctx: CheckContext, review) -> Iterator[Hit]:
        resub = review.resubmission
        if resub is None or not resub.rehashed:
            return
        yield Hit(
            None,
            None,
            section=None,
            values={
                "item": "rehashed",
                "share": f"{resub.unchanged_share:.0%}",
                "text": resub.summary(),
            },
        )

    def _unchanged_reasons(self, ctx: CheckContext, review) -> Iterator[Hit]:
        resub = review.resubmission
        if resub is None or review.notice is None:
            return
        for reason in resub.reasons_from(review.notice):
            if not reason.changed:
                yield Hit(
                    None,
                    None,
                    section=reason.section,
                    values={
                        "item": f"reason:{reason.reason}",
                        "reason": reason.reason,
                        "where": _section_name(reason.section),
                        "text": reason.reason,
                    },
                )

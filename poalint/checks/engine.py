"""Run compiled rules over analysed drafts and turn hits into findings."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from poalint.checks.kinds import CheckContext, Checker, Hit
from poalint.checks.kinds.regex import TIME_LIMIT, RegexTimeout
from poalint.checks.loader import RulePack
from poalint.checks.models import CATEGORIES, RuleBase
from poalint.checks.registry import get_kind, phase_of
from poalint.errors import RuleError
from poalint.model.report import FindingModel, printable_path
from poalint.nlp.analysis import AnalysedDocument

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]+")

if TYPE_CHECKING:
    from spacy.language import Language

MAX_TEXT = 200


class Engine:
    def __init__(self, pack: RulePack, nlp: Language) -> None:
        self.pack = pack
        self.checkers: list[Checker] = []
        # phase by phase (element requirements after the sentence checks: they may discount
        # sentences other rules flagged; the issue-aware review after them: a notice's request is
        # answered only by sentences of substance; suppression checks last: they look at every
        # other rule's findings), in the order of the pack within a phase
        self.known = frozenset({r.id for r in pack.rules} | set(CATEGORIES))
        for rule in sorted(pack.rules, key=phase_of):
            try:
                self.checkers.append(get_kind(rule.kind).checker(rule, nlp))  # type: ignore[attr-defined]
            except ValueError as exc:
                raise RuleError(
                    pack.sources.get(rule.id, ""), f"rule {rule.id!r}: {exc}", "fix the rule"
                ) from None

    def lint(
        self, analysed: AnalysedDocument, only: str | None = None, review: object | None = None
    ) -> list[FindingModel]:
        ctx = CheckContext(analysed, self.pack.concrete, self.pack.lexicons, known=self.known, review=review)
        ctx.issue_names = {t.id: t.name for t in self.pack.issues.values()}
        findings: list[FindingModel] = []
        seen: set[tuple] = set()
        for checker in self.checkers:
            rule: RuleBase = checker.rule
            if only is not None and rule.id != only:
                # still run it: section requirements discount sentences other rules flag, and
                # suppression checks look at every finding
                for hit in checker.check(ctx):
                    if hit.sentence is not None:
                        ctx.flagged.setdefault(hit.sentence.start, set()).add(rule.category)
                        ctx.flagged_spans.setdefault(hit.sentence.start, []).append(
                            (hit.start, hit.end, rule.id)
                        )
                    ctx.findings.append(self._finding(analysed, rule, hit))
                continue
            try:
                for hit in checker.check(ctx):
                    if hit.sentence is not None:  # every rule that matched, even when deduplicated below
                        ctx.flagged_spans.setdefault(hit.sentence.start, []).append(
                            (hit.start, hit.end, rule.id)
                        )
                    key = _dedupe_key(rule, hit)
                    if key in seen:
                        continue
                    seen.add(key)
                    if hit.sentence is not None:
                        ctx.flagged.setdefault(hit.sentence.start, set()).add(rule.category)
                    finding = self._finding(analysed, rule, hit)
                    findings.append(finding)
                    ctx.findings.append(finding)
            except RegexTimeout as exc:
                raise self._timeout_error(analysed, rule, exc) from None
        findings.sort(key=lambda f: (f.line or 0, f.column or 0, f.rule))
        return findings

    def _timeout_error(self, analysed: AnalysedDocument, rule: RuleBase, exc: RegexTimeout) -> RuleError:
        document = analysed.document
        line, _ = document.position(exc.offset)
        unit = "paragraph" if document.location_unit == "paragraph" else "line"
        where = (line + 1) // 2 if unit == "paragraph" else line
        source = self.pack.sources.get(rule.id, "rules")
        return RuleError(
            source,
            f"rule {rule.id!r}: pattern {exc.pattern!r} ran over {TIME_LIMIT:g} s on "
            f"{printable_path(document.path)} ({unit} {where}) and was stopped",
            "rewrite it so that it cannot backtrack (no alternatives or repeats that match the same text)",
        )

    @staticmethod
    def _finding(analysed: AnalysedDocument, rule: RuleBase, hit: Hit) -> FindingModel:
        document = analysed.document
        values = dict(hit.values)
        if hit.start is None or hit.end is None:
            line = column = end_line = end_column = None
            section = hit.section
            text = str(values.get("text", ""))  # the missing item, for coverage findings
        else:
            start, end = _trim(document.text, hit.start, hit.end)
            line, column = document.position(start)
            end_line, end_column = document.position(max(start, end - 1))
            end_column += 1
            owner = document.section_at(line)
            section = hit.section or (owner.kind if owner else None)
            text = document.text[start:end].strip()
            if len(text) > MAX_TEXT:
                text = text[: MAX_TEXT - 1] + "…"
            values.setdefault("match", text)
        try:
            message = rule.message.format(**values)
        except (KeyError, IndexError, ValueError):
            message = rule.message
        if _CONTROL.search(message):  # one line, whatever the draft or the rule holds
            message = _CONTROL.sub(" ", message).strip()
        return FindingModel(
            rule=rule.id,
            category=rule.category,
            severity=rule.severity,
            message=message,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            section=section,
            text=text,
            suggestion=str(values.get("suggestion") or rule.suggestion),
            penalty=rule.penalty,
        )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the whitespace at its ends (a sentence can end in the newline after it,
    which would put its end one column past the end of its line)."""
    while end - 1 > start and text[end - 1].isspace():
        end -= 1
    while start < end - 1 and text[start].isspace():
        start += 1
    return start, end


def _dedupe_key(rule: RuleBase, hit: Hit) -> tuple:
    """One finding per category per sentence (or per exact span when there is none)."""
    if hit.sentence is not None:
        return (rule.category, "sentence", hit.sentence.start)
    if hit.start is None:
        return (rule.category, "section", hit.section, rule.id, hit.values.get("item"))
    return (rule.category, "span", hit.start, hit.end)

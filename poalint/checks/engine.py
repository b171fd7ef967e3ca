"""Run compiled rules over analysed drafts and turn hits into findings."""

from __future__ import annotations

import bisect
import re
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING

from poalint.checks.kinds import CheckContext, Checker, Hit
from poalint.checks.kinds.regex import TIME_LIMIT, RegexTimeout
from poalint.checks.loader import RulePack
from poalint.checks.models import CATEGORIES, RuleBase
from poalint.checks.registry import get_kind, phase_of
from poalint.errors import RuleError
from poalint.model.document import Block, Document
from poalint.model.report import FindingModel, printable_path
from poalint.nlp.analysis import AnalysedDocument, Sentence
from poalint.util.lru import Lru

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
        self.memo: Lru | None = None  # block key -> {checker index: its hits there}, see `remember`
        self._not_local: set[int] = set()  # checkers whose hits strayed out of a view (a bug)

    def remember(self, maxsize: int) -> None:
        """Keep the hits of block-local checkers per block between calls (the editor server):
        linting an edited draft re-checks only the blocks whose content or section changed."""
        self.memo = Lru(maxsize)

    def _hits(
        self, index: int, checker: Checker, ctx: CheckContext, local: _LocalRun | None
    ) -> Iterable[Hit]:
        """The checker's hits, in block order; a block-local checker's from the memo for the
        blocks it has seen before, unchanged."""
        if local is None or self.memo is None or not checker.block_local or index in self._not_local:
            return checker.check(ctx)
        memo = self.memo
        entries = local.entries(memo)
        context = checker.memo_context(ctx)  # what else the hits depend on: kept per value
        slot: Hashable = index if context is None else (index, context)
        dirty = [
            b for b, entry in zip(local.blocks, entries, strict=True) if entry is None or slot not in entry
        ]
        fresh: dict[int, list[Hit]] = {id(b): [] for b in dirty}
        if dirty:
            for hit in checker.check(local.view(ctx, dirty)):
                owner = local.owner(hit)
                if owner is None or id(owner) not in fresh:
                    self._not_local.add(index)  # not block-local after all: check the whole draft
                    return checker.check(ctx)
                fresh[id(owner)].append(hit)
        hits: list[Hit] = []
        for position, block in enumerate(local.blocks):
            entry = entries[position]
            if entry is not None and slot in entry:  # seen before: its hits from the memo
                kept = entry[slot]
                if kept:
                    hits.extend([local.absolute(block, k) for k in kept])
                continue
            found = fresh[id(block)]
            if entry is None:
                entry = entries[position] = memo.put(local.keys[position], {})
            entry[slot] = [local.relative(block, hit) for hit in found]
            hits.extend(found)
        return hits

    def lint(
        self, analysed: AnalysedDocument, only: str | None = None, review: object | None = None
    ) -> list[FindingModel]:
        ctx = CheckContext(analysed, self.pack.concrete, self.pack.lexicons, known=self.known, review=review)
        ctx.issue_names = {t.id: t.name for t in self.pack.issues.values()}
        findings: list[FindingModel] = []
        seen: set[tuple] = set()
        local = _LocalRun(ctx) if self.memo is not None and only is None else None
        for index, checker in enumerate(self.checkers):
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
                for hit in self._hits(index, checker, ctx, local):
                    if hit.sentence is not None:  # every rule that matched, even when deduplicated below
                        ctx.flagged_spans.setdefault(hit.sentence.start, []).append(
                            (hit.start, hit.end, rule.id)
                        )
                    key = _dedupe_key(rule, hit, ctx.document.text)
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


# a hit relative to its block: (start, end, section, index of its sentence in the block or -1, values)
RelativeHit = tuple[int | None, int | None, str | None, int, dict]


class _LocalRun:
    """One lint's blocks, their memo keys, and hits moved between offsets in the draft and in
    their block."""

    def __init__(self, ctx: CheckContext) -> None:
        document = ctx.document
        self.blocks = list(document.blocks)
        self.starts = [b.start for b in self.blocks]
        quotes = sorted(document.quoted_ranges)
        self.keys = [block_key(document, b, quotes) for b in self.blocks]
        self._entries: list[dict[int, list[RelativeHit]] | None] | None = None
        self._view: tuple[tuple[int, ...], CheckContext] | None = None
        self.sentences: dict[int, list[Sentence]] = {}
        for sentence in ctx.all_sentences():  # the context's own Sentence objects
            self.sentences.setdefault(id(sentence.block), []).append(sentence)

    def entries(self, memo: Lru) -> list[dict[int, list[RelativeHit]] | None]:
        """Each block's memo entry (checker index -> its hits there), looked up once per lint."""
        if self._entries is None:
            self._entries = [memo.get(key) for key in self.keys]
        return self._entries

    def view(self, ctx: CheckContext, dirty: list[Block]) -> CheckContext:
        """The context restricted to `dirty` (one view for the checkers that share the list)."""
        key = tuple(id(b) for b in dirty)
        if self._view is None or self._view[0] != key:
            self._view = (key, ctx.view(dirty))
        return self._view[1]

    def owner(self, hit: Hit) -> Block | None:
        """The block a hit lies in (None when it is about no one block)."""
        if hit.sentence is not None:
            block, start = hit.sentence.block, hit.sentence.start
            return block if any(s.start == start for s in self.sentences.get(id(block), ())) else None
        if hit.start is None:
            return None
        index = bisect.bisect_right(self.starts, hit.start) - 1
        if index < 0:
            return None
        block = self.blocks[index]
        end = hit.end if hit.end is not None else hit.start
        return block if hit.start < block.end and end <= block.end else None

    def relative(self, block: Block, hit: Hit) -> RelativeHit:
        position = -1
        if hit.sentence is not None:
            start = hit.sentence.start
            position = next(i for i, s in enumerate(self.sentences[id(block)]) if s.start == start)
        return (
            None if hit.start is None else hit.start - block.start,
            None if hit.end is None else hit.end - block.start,
            hit.section,
            position,
            dict(hit.values),
        )

    def absolute(self, block: Block, kept: RelativeHit) -> Hit:
        start, end, section, position, values = kept
        return Hit(
            None if start is None else block.start + start,
            None if end is None else block.start + end,
            section=section,
            sentence=self.sentences[id(block)][position] if position >= 0 else None,
            values=dict(values),
        )


def block_key(document: Document, block: Block, quotes: list[tuple[int, int]]) -> tuple:
    """Everything a block-local checker may read of a block, positions relative to it: equal
    keys, equal hits (its Doc is a function of its type and masked text)."""
    first = bisect.bisect_left(quotes, (block.start, -1))
    inside = []
    for start, end in quotes[max(0, first - 1) :]:
        if start >= block.end:
            break
        if end > block.start:
            inside.append((start - block.start, end - block.start))
    return (
        block.type,
        block.kind,
        block.quoted,
        block.level,
        block.numbered,
        block.inline_body_start,
        block.heading_text,
        block.text,
        document.text[block.start : block.end],
        tuple(inside),
        document.analysis_end is None or block.start < document.analysis_end,  # analysed at all
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the whitespace at its ends (a sentence can end in the newline after it,
    which would put its end one column past the end of its line)."""
    while end - 1 > start and text[end - 1].isspace():
        end -= 1
    while start < end - 1 and text[start].isspace():
        start += 1
    return start, end


def _dedupe_key(rule: RuleBase, hit: Hit, text: str) -> tuple:
    """One finding per category per sentence (or per exact span when there is none). A literal
    string matched as written (a `regex` rule: a placeholder, an address) is a finding per line of
    its sentence: a signature block without full stops ("[Name]" / "[Title]") is one sentence,
    and each of its lines has its own unfilled field."""
    if hit.sentence is not None:
        if rule.kind == "regex" and hit.start is not None:
            return (
                rule.category,
                "sentence",
                hit.sentence.start,
                text.count("\n", hit.sentence.start, hit.start),
            )
        return (rule.category, "sentence", hit.sentence.start)
    if hit.start is None:
        return (rule.category, "section", hit.section, rule.id, hit.values.get("item"))
    return (rule.category, "span", hit.start, hit.end)

"""A resubmission against the plan that was rejected (`--previous`): which sentences were
carried over unchanged or nearly so, the share they make of the new draft, and which sections
did not change.

Sentences are compared on their lower-cased words; two sentences are "nearly" the same when
difflib's ratio over their words is at least NEAR (a changed date or a word added). A draft is
rehashed when at least REHASHED of its sentences are carried over; a section is unchanged
when at least UNCHANGED_SECTION of its sentences are (or it has no new sentence at all).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from poalint.model.issue import CarriedSentence, ChangedReason, ResubmissionModel
from poalint.parse.notice import ask_section

if TYPE_CHECKING:
    from poalint.nlp.analysis import AnalysedDocument, Sentence

NEAR = 0.85
REHASHED = 0.6
UNCHANGED_SECTION = 0.8
REASON = re.compile(
    r"\b(greater|more|further|additional) detail|\bin more detail\b|did not address|not explain", re.I
)
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


FRAME = {"subject", "greeting", "closing"}  # the same in every letter: not counted


def own_sentences(analysed: AnalysedDocument) -> list[Sentence]:
    out = []
    for sentence in analysed.sentences():
        block = sentence.block
        if sentence.quoted or (block.type == "heading" and block.inline_body_start < 0):
            continue
        if sentence.kind in FRAME:
            continue
        if len(words(sentence.text)) >= 3:
            out.append(sentence)
    return out


@dataclass
class Resubmission:
    previous: str
    unchanged_share: float
    carried: list[tuple[Sentence, str]]  # (sentence, section kind)
    by_section: dict[str, tuple[int, int]]  # kind -> (carried, total)
    reasons: list[ChangedReason] = field(default_factory=list)
    line_of: Callable[[Sentence], int] = lambda sentence: sentence.block.start_line

    @property
    def rehashed(self) -> bool:
        return self.unchanged_share >= REHASHED

    def unchanged(self, kind: str) -> bool:
        carried, total = self.by_section.get(kind, (0, 0))
        return total == 0 or carried / total >= UNCHANGED_SECTION or total - carried == 0

    def unchanged_sections(self) -> set[str]:
        return {k for k in ("root_cause", "immediate_actions", "preventive_measures") if self.unchanged(k)}

    def reasons_from(self, notice_check) -> list[ChangedReason]:
        """The rejection's reasons (requests for more detail on a part of the plan)."""
        if not self.reasons:
            for ask in notice_check.notice.asks:
                section = ask_section(ask.text)
                if section is not None and REASON.search(ask.text):
                    self.reasons.append(
                        ChangedReason(reason=ask.text, section=section, changed=not self.unchanged(section))
                    )
        return self.reasons

    def summary(self, limit: int = 6) -> str:
        """The carried-over sentences per section, for the finding's text."""
        parts = []
        for sentence, kind in self.carried[:limit]:
            line = self.line_of(sentence)
            parts.append(f"[{kind.replace('_', ' ')}] line {line}: {sentence.text.strip()[:90]}")
        more = len(self.carried) - limit
        if more > 0:
            parts.append(f"... and {more} more")
        return "\n".join(parts)

    def model(self) -> ResubmissionModel:
        carried = [
            CarriedSentence(section=kind, line=self.line_of(sentence), text=sentence.text.strip())
            for sentence, kind in self.carried
        ]
        return ResubmissionModel(
            previous=self.previous,
            unchanged_share=round(self.unchanged_share, 3),
            rehashed=self.rehashed,
            carried_over=carried,
            reasons=self.reasons,
        )


def compare(analysed: AnalysedDocument, previous_path: str, previous: AnalysedDocument) -> Resubmission:
    old = [words(s.text) for s in own_sentences(previous)]
    exact = {" ".join(w) for w in old}
    carried: list[tuple[Sentence, str]] = []
    by_section: dict[str, list[int]] = {}
    sentences = own_sentences(analysed)
    for sentence in sentences:
        new = words(sentence.text)
        same = " ".join(new) in exact or any(_near(new, o) for o in old)
        counts = by_section.setdefault(sentence.kind, [0, 0])
        counts[1] += 1
        if same:
            counts[0] += 1
            carried.append((sentence, sentence.kind))
    share = len(carried) / len(sentences) if sentences else 0.0
    return Resubmission(
        previous=previous_path,
        unchanged_share=share,
        carried=carried,
        by_section={k: (v[0], v[1]) for k, v in by_section.items()},
        line_of=lambda sentence: analysed.document.position(sentence.start)[0],
    )


def _near(new: list[str], old: list[str]) -> bool:
    """Nearly the same sentence: a word or two changed, or the old one with a clause added."""
    if not new or not old or len(new) > 1.7 * len(old) or len(old) > 1.7 * len(new):
        return False
    matcher = SequenceMatcher(None, new, old, autojunk=False)
    if matcher.ratio() >= NEAR:
        return True
    kept = sum(block.size for block in matcher.get_matching_blocks())
    return kept >= 0.9 * len(old) and len(old) >= 6

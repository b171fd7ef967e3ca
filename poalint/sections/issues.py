"""Which issue a draft answers: weighted cues from `rules/issues/*.yaml`, with a margin.

Every cue of every type (phrases on lower-cased text, lemmas, token and dependency patterns)
is matched over the draft's blocks and headings and, when given, over the notification. A
type's score is the sum of its cues' weights; a cue found again adds half its weight, twice
at most (a draft that says "late shipment" ten times is not ten times more about it), and a
cue in a heading counts double (titles name the issue). The best type wins only when it
scores at least MIN_SCORE and RATIO times the runner-up: an ambiguous draft gets no type
rather than a wrong one. The notice, when there is one and it is clear, decides; otherwise
the draft does. `--issue` or the configuration key `issue` override both.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from poalint.nlp.analysis import pipe_texts
from poalint.sections.issuetypes import IssueType, Matchers

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from poalint.nlp.analysis import AnalysedDocument, DocCache

MIN_SCORE = 7.0  # the best type needs at least this much evidence
RATIO = 1.6  # ... and this many times the runner-up's score
REPEAT_BONUS = 0.5  # a cue found again adds this share of its weight
MAX_REPEATS = 2  # ... at most this many times
HEADING_FACTOR = 2.0  # a cue in a heading counts this many times
MAX_HEADINGS = 40  # headings analysed for cues (the first ones)
MAX_HEADING_CHARS = 160  # longer "headings" are not titles
MISMATCH_SHARE = 0.25  # a draft giving the notice's type under this share of its best is off-topic


@dataclass
class Scores:
    """Per type: the score and the cues (matched text) that made it."""

    totals: dict[str, float] = field(default_factory=dict)
    cues: dict[str, list[str]] = field(default_factory=dict)

    def ranked(self) -> list[tuple[str, float]]:
        return sorted(self.totals.items(), key=lambda kv: (-kv[1], kv[0]))

    def decide(self) -> str | None:
        """The best type when it clears the margin, else None."""
        ranked = self.ranked()
        if not ranked or ranked[0][1] < MIN_SCORE:
            return None
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        return ranked[0][0] if ranked[0][1] >= RATIO * runner_up else None


@dataclass
class Detection:
    type: str | None
    source: str | None  # "notice", "draft", "option", "config"; None when undecided
    cues: list[str]
    draft: Scores
    notice: Scores | None = None

    @property
    def draft_type(self) -> str | None:
        return self.draft.decide()

    @property
    def notice_type(self) -> str | None:
        return self.notice.decide() if self.notice is not None else None

    def candidates(self, limit: int = 3) -> list[tuple[str, float]]:
        scores = self.notice if self.source == "notice" and self.notice is not None else self.draft
        return [(t, round(s, 1)) for t, s in scores.ranked()[:limit]]

    def off_topic(self) -> bool:
        """The notice names one issue and the draft plainly answers another (a copied plan)."""
        notice_type, draft_type = self.notice_type, self.draft_type
        if notice_type is None or draft_type is None or notice_type == draft_type:
            return False
        best = self.draft.totals.get(draft_type, 0.0)
        return self.draft.totals.get(notice_type, 0.0) < MISMATCH_SHARE * best


class IssueDetector:
    """Compiles every type's cues once per pipeline; scores drafts and notices."""

    def __init__(self, issues: dict[str, IssueType], nlp: Language) -> None:
        self.issues = issues
        self.nlp = nlp
        self.weights: dict[str, tuple[str, float]] = {}  # match key -> (type id, weight)
        self.matchers = compile_matchers(
            nlp, ((f"{t.id}\0{i}", cue) for t in issues.values() for i, cue in enumerate(t.cues))
        )
        for issue in issues.values():
            for i, cue in enumerate(issue.cues):
                self.weights[f"{issue.id}\0{i}"] = (issue.id, cue.weight)
        self._per_doc: weakref.WeakKeyDictionary[Doc, list[tuple[str, str]]] = weakref.WeakKeyDictionary()
        self.doc_cache: DocCache | None = None  # headings' Docs kept between calls (editor server)

    def resolve(self, name: str) -> str | None:
        return resolve_issue(self.issues, name)

    def score(self, docs: Iterable[tuple[Doc, float]]) -> Scores:
        counts: dict[str, dict[str, list[float]]] = defaultdict(dict)  # type -> cue text -> weights
        for doc, factor in docs:
            for key, text in self._matches(doc):
                type_id, weight = self.weights[key]
                counts[type_id].setdefault(text, []).append(weight * factor)
        scores = Scores()
        for type_id, by_text in counts.items():
            total = 0.0
            for found in by_text.values():
                found.sort(reverse=True)
                total += found[0] + REPEAT_BONUS * sum(found[1 : 1 + MAX_REPEATS])
            scores.totals[type_id] = total
            scores.cues[type_id] = sorted(by_text, key=lambda t: (-max(by_text[t]), t))
        return scores

    def _matches(self, doc: Doc) -> list[tuple[str, str]]:
        """(match key, matched text) per type, overlapping matches of one type reduced to the
        longest (once per Doc: the editor server reuses the Docs of unchanged blocks)."""
        found = self._per_doc.get(doc)
        if found is None:
            found = self._per_doc[doc] = self._find(doc)
        return found

    def _find(self, doc: Doc) -> list[tuple[str, str]]:
        from spacy.util import filter_spans

        spans = run_matchers(self.matchers, doc)
        by_type: dict[str, list] = defaultdict(list)
        for key, start, end in spans:
            span = doc[start:end]
            span.label_ = key
            by_type[self.weights[key][0]].append(span)
        out = []
        for kept in by_type.values():
            for span in filter_spans(kept):
                out.append((span.label_, span.text.lower()))
        return out

    def draft_docs(self, analysed: AnalysedDocument) -> list[tuple[Doc, float]]:
        docs: list[tuple[Doc, float]] = []
        headings = []
        for block in analysed.document.blocks:
            if block.quoted:
                continue  # quoted notice text says what Amazon wrote, not what the draft answers
            doc = analysed.doc_of(block)
            if doc is not None:
                docs.append((doc, 1.0))
            elif block.type == "heading" and 0 < len(block.heading_text.strip()) <= MAX_HEADING_CHARS:
                headings.append(block.heading_text.strip())
        # titles name the issue: the first headings are analysed too (a bounded few, so that a
        # pathological draft of 20,000 headings costs no more than a normal one)
        docs.extend(
            (doc, HEADING_FACTOR) for doc in pipe_texts(self.nlp, headings[:MAX_HEADINGS], self.doc_cache)
        )
        return docs

    def detect(
        self,
        analysed: AnalysedDocument,
        notice_docs: list[Doc] | None = None,
        override: tuple[str, str] | None = None,
    ) -> Detection:
        """`override` is (type id, "option" or "config")."""
        draft = self.score(self.draft_docs(analysed))
        notice = self.score((d, 1.0) for d in notice_docs) if notice_docs is not None else None
        if override is not None:
            return Detection(override[0], override[1], [], draft, notice)
        if notice is not None:
            chosen = notice.decide()
            if chosen is not None:
                return Detection(chosen, "notice", notice.cues[chosen][:8], draft, notice)
        chosen = draft.decide()
        if chosen is not None:
            return Detection(chosen, "draft", draft.cues[chosen][:8], draft, notice)
        return Detection(None, None, [], draft, notice)


class IssueNames(Protocol):
    """An issue type's id and aliases: an `IssueType`, or its names in a pack's index."""

    id: str
    aliases: Sequence[str]


def resolve_issue(issues: Mapping[str, IssueNames], name: str) -> str | None:
    """The type id for a name given on the command line or in configuration (id or alias)."""
    wanted = name.strip().lower()
    for issue in issues.values():
        if wanted == issue.id or wanted in (a.lower() for a in issue.aliases):
            return issue.id
    return None


# -- matching machinery shared with checklist topics -------------------------------------------


@dataclass
class CompiledMatchers:
    phrase: object | None = None  # PhraseMatcher on LOWER
    lemma: object | None = None  # PhraseMatcher on LEMMA
    token: object | None = None  # Matcher
    dependency: object | None = None  # DependencyMatcher
    # run_matchers' result per Doc (the editor server reuses the Docs of unchanged blocks)
    per_doc: weakref.WeakKeyDictionary = field(default_factory=weakref.WeakKeyDictionary, repr=False)


def compile_matchers(nlp: Language, items: Iterable[tuple[str, Matchers]]) -> CompiledMatchers:
    """spaCy matchers for many any-of pattern sets, each under its key (the same matchers and
    pattern docs as `phrase`, `pattern` and `dependency` rules)."""
    from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher

    from poalint.nlp.patterndocs import pattern_docs

    compiled = CompiledMatchers()
    for key, m in items:
        # a lemma entry matches its own words too: a phrase's lemmas depend on its context
        # ("handling time" is lemmatised "handle time" alone, "handling time" in a sentence)
        words = list(dict.fromkeys([*m.phrases, *m.lemmas]))
        if words:
            if compiled.phrase is None:
                compiled.phrase = PhraseMatcher(nlp.vocab, attr="LOWER")
            compiled.phrase.add(key, pattern_docs(nlp, words, lemmas=False))  # type: ignore[attr-defined]
        if m.lemmas:
            if compiled.lemma is None:
                compiled.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
            compiled.lemma.add(key, pattern_docs(nlp, m.lemmas, lemmas=True))  # type: ignore[attr-defined]
        if m.patterns:
            if compiled.token is None:
                compiled.token = Matcher(nlp.vocab, validate=True)
            try:
                compiled.token.add(key, m.patterns)  # type: ignore[attr-defined]
            except (ValueError, KeyError) as exc:
                raise ValueError(f"{key.split(chr(0))[0]}: invalid token pattern: {exc}") from None
        if m.dependencies:
            if compiled.dependency is None:
                compiled.dependency = DependencyMatcher(nlp.vocab, validate=True)
            try:
                compiled.dependency.add(key, m.dependencies)  # type: ignore[attr-defined]
            except (ValueError, KeyError) as exc:
                raise ValueError(f"{key.split(chr(0))[0]}: invalid dependency pattern: {exc}") from None
    return compiled


def run_matchers(compiled: CompiledMatchers, doc: Doc) -> list[tuple[str, int, int]]:
    """(key, start token, end token) of every match in `doc` (once per Doc)."""
    found = compiled.per_doc.get(doc)
    if found is None:
        found = compiled.per_doc[doc] = _run_matchers(compiled, doc)
    return found


def _run_matchers(compiled: CompiledMatchers, doc: Doc) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    strings = doc.vocab.strings
    for matcher in (compiled.phrase, compiled.lemma, compiled.token):
        if matcher is not None:
            out.extend((strings[m], s, e) for m, s, e in matcher(doc))  # type: ignore[operator]
    if compiled.dependency is not None:
        for m, ids in compiled.dependency(doc):  # type: ignore[operator]
            out.append((strings[m], min(ids), max(ids) + 1))
    return out

"""Split a parsed, NLP-annotated draft into sections of known kinds.

Two mechanisms, combined:
- headings, mapped to kinds through the YAML heading lexicon;
- for blocks a heading does not settle (headless drafts, text before the first heading,
  sections under unknown headings), a content classifier: YAML cue patterns plus
  grammatical evidence from spaCy (future modals, completed first-person actions, negated
  past verbs), decoded with an order-aware Viterbi pass over the blocks, since drafts
  follow the greeting -> introduction -> cause -> actions -> prevention -> closing order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from poalint.errors import RuleError
from poalint.model.document import Block, Document, Section
from poalint.model.lexicons import Lexicons
from poalint.nlp.analysis import AnalysedDocument, doc_sentences, nlp_text
from poalint.sections.lexicon import HeadingLexicon
from poalint.util.lru import Lru
from poalint.vocabulary import CORE_ELEMENTS, ORDERED_SECTION_KINDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from poalint.util.yamlio import LineLookup

ORDER = ORDERED_SECTION_KINDS  # the order plans follow (from the vocabulary)
BACKWARD_COST = 3.0
CONTINUES = "_continues"  # marker in a score row: the block continues the one before
CONTINUATION_BONUS = 2.5
TRAILING_MARGIN = 2.5  # a sign-off may still mention the future ("we are confident this will...")
NOT_NESTED = (*CORE_ELEMENTS, "closing", "greeting", "subject")  # never a sub-heading of an element
STAY_BONUS = 1.0  # inside a core section, each block leans to the heading's element
SWITCH_COST = 2.0  # moving on to a later element needs this much more evidence
COMBINED_SWITCH_COST = 1.0  # under "Actions" both elements are named: tense alone decides
TRAILING_BONUS = 99.0  # a block with a documents or closing cue ends the core element there
# A paragraph may hold an element the draft has nowhere else ("We removed the link on 3 May.
# From now on ..."): its sentences are decoded one by one (see `SectionSplitter._refine`)
UNIT_SWITCH_COST = 1.0  # moving on to another element between two sentences of one paragraph
UNIT_CLEAR = 1.2  # a sentence that opens an element of its own has this much evidence for it, and most
RUN_ON_TOKENS = 40  # a sentence this long is read clause by clause where comma-spliced clauses meet


def _main_verbs(sent):  # spaCy Span -> Token iterator
    """The verbs of a sentence's main clauses: its root and the roots coordinated with it (in
    one clause of a run-on sentence, see `SectionSplitter.units`: the verbs whose head lies
    outside the clause, and those coordinated with them)."""
    first, last = sent.start, sent.end
    for token in sent:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        node = token
        while node.dep_ == "conj" and node.head.i != node.i and first <= node.head.i < last:
            node = node.head
        if node.dep_ == "ROOT" or not first <= node.head.i < last:
            yield token


def _lead(sent) -> int:
    """Index (within the sentence) of the first non-space token."""
    for k, token in enumerate(sent):
        if not token.is_space:
            return k
    return 0


@dataclass
class ContentCues:
    weights: dict[str, float] = field(default_factory=dict)
    patterns: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    continuation: list[re.Pattern[str]] = field(default_factory=list)

    def extend(self, path: Path, data: Any, lines: LineLookup) -> None:
        """Add the entries of one parsed YAML file (`lines` gives positions for errors)."""
        for k, pattern in enumerate(data.get("continuation") or []):
            try:
                self.continuation.append(re.compile(str(pattern), re.I))
            except re.error as exc:
                raise RuleError(f"{path}:{lines('continuation', k)}", f"bad pattern: {exc}") from None
        for kind, spec in (data.get("cues") or {}).items():
            if kind not in ORDER:
                raise RuleError(f"{path}:{lines('cues', kind)}", f"unknown section kind {kind!r} in cues")
            self.weights[kind] = float(spec.get("weight", 1.0))
            for k, pattern in enumerate(spec.get("patterns") or []):
                try:
                    self.patterns.setdefault(kind, []).append(re.compile(str(pattern), re.I))
                except re.error as exc:
                    raise RuleError(
                        f"{path}:{lines('cues', kind, 'patterns', k)}", f"bad pattern: {exc}"
                    ) from None

    def hits(self, kind: str, text: str) -> int:
        return sum(1 for p in self.patterns.get(kind, ()) if p.search(text))


class SectionSplitter:
    def __init__(
        self,
        lexicon: HeadingLexicon,
        cues: ContentCues,
        lexicons: Lexicons,
        classify: Callable[[str], str | None] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.classify = classify or lexicon.classify  # a heading title's kind (memoised by the linter)
        self.cues = cues
        # word lists from the pack's `lexicons:` (rules/lexicons.yaml)
        self.first_person = lexicons.words("first_person_subjects")
        self.future_modals = lexicons.words("future_modals") | lexicons.words("negated_future_modals")
        self.past_modals = lexicons.words("past_modals")
        self.perfect = lexicons.words("perfect_auxiliaries")
        self.completed_adverbs = lexicons.words("completed_aspect_adverbs")
        self.remedial = lexicons.words("remedial_verbs")
        self.event_verbs = lexicons.words("event_verbs")
        self.present_auxiliaries = lexicons.words("present_passive_auxiliaries")
        self.stative_past = lexicons.words("stative_past_verbs")
        self.stative_present = (
            lexicons.words("stative_verbs") | lexicons.words("state_verbs") | lexicons.words("opinion_verbs")
        )
        self.sign_off = sign_off_pattern(lexicons.words("sign_off_words"))
        self.legal_form_end = legal_form_pattern(lexicons.words("company_suffixes"))
        self._position: dict[int, int] = {}  # id(block) -> index among the draft's blocks
        # what blocks' texts say (content_scores, cue hits), kept between calls by the editor
        # server (see `remember`): an edit re-scores only the blocks it changed
        self.memo: Lru | None = None
        # the pipeline over a list of texts (set by the linter once spaCy is loaded): the Docs of
        # the pieces a paragraph is split into (see `_refine`); None: paragraphs are never split
        self.parse: Callable[[list[str]], list[Doc]] | None = None

    def remember(self, maxsize: int) -> None:
        """Keep what each block's text says between calls (keyed by the text itself)."""
        self.memo = Lru(maxsize)

    # -- content scoring ----------------------------------------------------------------

    def block_scores(
        self, analysed: AnalysedDocument, block: Block, index: int, total: int
    ) -> dict[str, float]:
        """The block's evidence for each kind: what its own text says (`content_scores`), then
        where it stands (`index` among `total` blocks)."""
        content, words, continues = self.content_scores(analysed, block)
        scores = dict(content)
        if words <= 5 and not any(scores[k] for k in CORE_ELEMENTS):
            # short lines: titles at the top, names and signatures at the bottom
            scores["subject"] += 1.5 if index == 0 else -1
            scores["closing"] += 1.0 if index > total / 2 else 0.0
        if index > 1:
            scores["subject"] -= 5
            scores["greeting"] -= 2
        if block.type == "meta":
            scores["subject"] += 1.0 if index < total / 2 else 0.0
            scores["closing"] += 1.0 if index >= total / 2 else 0.0
        scores["introduction"] += 0.3 if index <= 2 else -0.5
        if continues:
            scores[CONTINUES] = 1.0
        return scores

    def content_scores(self, analysed: AnalysedDocument, block: Block) -> tuple[dict[str, float], int, bool]:
        """What the block's text alone says: per kind, the cue and grammar evidence of its
        sentences; its word count; whether it continues the block before. A function of the
        block's type and masked text (its Doc is one too), kept in `memo` when there is one."""
        key = (block.type, block.text, block.inline_body_start)
        if self.memo is not None and (found := self.memo.get(key)) is not None:
            return found
        text = block.text.replace("\n", " ")
        if block.type == "heading" and block.inline_body_start >= 0:
            text = text[block.inline_body_start :]
        scores = {kind: 0.0 for kind in ORDER}
        doc = analysed.doc_of(block)
        sentences = [s for s in doc.sents if s.text.strip()] if doc is not None else []
        n = max(1, len(sentences))
        for sent in sentences or [None]:
            s_text = sent.text if sent is not None else text
            for kind in ORDER:
                hits = self.cues.hits(kind, s_text)
                if hits:
                    scores[kind] += self.cues.weights.get(kind, 1.0) * min(hits, 2)
            if sent is not None:
                self._grammar(sent, scores)
        for kind in scores:
            scores[kind] /= n**0.5
        continues = any(p.search(text) for p in self.cues.continuation)
        found = (scores, len(text.split()), continues)
        if self.memo is not None:
            self.memo.put(key, found)
        return found

    def _grammar(self, sent, scores: dict[str, float], fixes: bool = False) -> None:  # spaCy Span
        """Tense, modality and negation of the main clauses: completed actions, commitments,
        failures. Verbs inside reported or embedded clauses ("I do not know how I will pay")
        say nothing about what the paragraph does. With `fixes` (one sentence against the others
        of its paragraph, see `unit_scores`), a first-person past verb that undoes harm ("we
        refunded", "... and replaced") is a completed action; over a whole paragraph it stays weak
        evidence, as the story of a cause tells such steps too ("we apologised and refunded her")."""
        future = completed = negated_past = 0.0
        lead = sent[_lead(sent)] if len(sent) else None
        if (
            lead is not None
            and lead.tag_ in ("VBD", "VBN")
            and lead.pos_ == "VERB"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in lead.children)
        ):
            completed += 0.8  # a bullet opening with a past verb: "- Updated the template on 4 June"
        for token in _main_verbs(sent):
            if token is lead:
                continue
            children = list(token.children)
            modals = {c.lower_ for c in children if c.tag_ == "MD"}
            has_neg = any(c.dep_ == "neg" for c in children)
            subj = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
            if (
                fixes and not subj and token.dep_ == "conj"
            ):  # "we shipped ... and refunded ...": the subject is shared
                subj = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            first_person = any(c.lower_ in self.first_person for c in subj)
            auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
            if modals & self.future_modals:
                if fixes and token.lemma_ in self.event_verbs and not first_person:
                    continue  # "it won't happen again" promises no measure
                future += 1
            elif modals & self.past_modals and has_neg:
                negated_past += 1  # "so I could not ship everything on time"
            elif modals:
                continue
            elif (
                token.tag_ in ("VBP", "VBZ", "VB")
                and not has_neg
                and any(c.dep_ == "advmod" and c.lower_ in self.completed_adverbs for c in children)
            ):
                completed += 1  # "we already remove the listing": done, whatever the tense
            elif "had" in auxes and token.tag_ == "VBN":
                negated_past += 1 if has_neg else 0.4  # past perfect: the story before the notice
            elif token.tag_ == "VBD" and has_neg:
                negated_past += 1
            elif token.tag_ == "VBN" and auxes & self.perfect and not has_neg:
                completed += 1  # present perfect: "we have removed", "refunds have been issued"
            elif token.tag_ == "VBN" and auxes & self.present_auxiliaries and not has_neg:
                future += 0.6  # a standing rule in the present passive: "every parcel is weighed"
            elif fixes and token.tag_ == "VBD" and first_person and token.lemma_ in self.remedial:
                completed += 1  # "we refunded the buyers": a fix, not the story of the cause
            elif token.tag_ == "VBD" and first_person and token.lemma_ not in self.stative_past:
                completed += 0.3  # past narrative also fills root causes; weak evidence
            elif token.tag_ in ("VBZ", "VBP") and token.lemma_ not in self.stative_present and not has_neg:
                future += 0.6  # a standing practice in the present: "the lead checks every parcel"
        if negated_past:
            scores["root_cause"] += 1.6 * negated_past
        if completed:
            scores["immediate_actions"] += min(completed, 3.0)
        if future:
            scores["preventive_measures"] += 1.2 * min(future, 3.0)

    # -- decoding -----------------------------------------------------------------------

    def decode(self, score_rows: list[dict[str, float]]) -> list[str]:
        """Best kind sequence, preferring the canonical order (backward steps cost)."""
        if not score_rows:
            return []
        kinds = ORDER
        best = [dict.fromkeys(kinds, 0.0)]
        back: list[dict[str, str]] = [{}]
        for kind in kinds:
            best[0][kind] = score_rows[0][kind]
        position = {kind: index for index, kind in enumerate(kinds)}
        for row in score_rows[1:]:
            scores: dict[str, float] = {}
            pointers: dict[str, str] = {}
            continues = row.get(CONTINUES)
            previous = [(prev, value, position[prev]) for prev, value in best[-1].items()]
            for k_index, kind in enumerate(kinds):
                candidates = []
                for prev, value, p_index in previous:
                    cost = BACKWARD_COST if p_index > k_index else 0.0
                    if continues and prev != kind:
                        cost += CONTINUATION_BONUS
                    candidates.append((value - cost, prev))
                value, prev = max(candidates)
                scores[kind] = value + row[kind]
                pointers[kind] = prev
            best.append(scores)
            back.append(pointers)
        kind = max(best[-1], key=lambda k: (best[-1][k], -kinds.index(k)))
        path = [kind]
        for pointers in reversed(back[1:]):
            kind = pointers[kind]
            path.append(kind)
        return list(reversed(path))

    # -- splitting ------------------------------------------------------------------------

    def split(self, analysed: AnalysedDocument) -> list[Section]:
        document = analysed.document
        blocks = [b for b in document.blocks if b.type != "comment"]
        if not blocks:
            document.sections = []
            return []
        self._position = {id(b): i for i, b in enumerate(blocks)}
        headings = [b for b in blocks if b.type == "heading"]
        heading_kinds = {id(b): self.classify(b.heading_text) for b in headings}
        if any(heading_kinds[id(b)] in CORE_ELEMENTS for b in headings):
            sections = self._split_by_headings(analysed, blocks, heading_kinds)
        else:
            sections = self._split_by_content(analysed, blocks)
        sections = _peel_breaks(
            _merge_adjacent(
                _move_signature_to_closing(
                    sections, blocks, self.sign_off, self.legal_form_end, self.first_person
                )
            )
        )
        sections = self._refine(analysed, sections)
        for section in sections:
            for block in section.blocks:
                block.kind = section.kind
        document.sections = sections
        return sections

    def _split_by_content(self, analysed: AnalysedDocument, blocks: list[Block]) -> list[Section]:
        rows = [self.block_scores(analysed, b, i, len(blocks)) for i, b in enumerate(blocks)]
        _lead_ins(blocks, rows)
        kinds = self.decode(rows)
        return _group(blocks, kinds)

    def _split_by_headings(
        self, analysed: AnalysedDocument, blocks: list[Block], heading_kinds: dict[int, str | None]
    ) -> list[Section]:
        groups: list[tuple[Block | None, str | None, list[Block]]] = []
        current: list[Block] = []
        current_heading: Block | None = None
        current_kind: str | None = None
        for block in blocks:
            if block.type == "heading":
                kind = heading_kinds[id(block)]
                # a sub-heading inside a core element stays in it ("### 4.3 Documentation" under
                # "## 4. Preventive measures"), unless it names a core element or the sign-off,
                # or labels a paragraph of its own ("Attached: the new template")
                nested = (
                    current_heading is not None
                    and (kind is None or (kind not in NOT_NESTED and block.inline_body_start < 0))
                    and block.level > current_heading.level
                    and current_kind in CORE_ELEMENTS
                )
                if not nested:
                    groups.append((current_heading, current_kind, current))
                    current, current_heading, current_kind = [], block, kind
            current.append(block)
        groups.append((current_heading, current_kind, current))

        # the core kinds before and after each group, computed once (drafts can have thousands of headings)
        core = [k if k in CORE_ELEMENTS else None for _, k, _ in groups]
        next_core: list[str | None] = [None] * (len(groups) + 1)
        for position in range(len(groups) - 1, -1, -1):
            next_core[position] = core[position + 1] if position + 1 < len(groups) else None
            if next_core[position] is None:
                next_core[position] = next_core[position + 1]
        previous_core: str | None = None
        sections: list[Section] = []
        for position, (heading, kind, members) in enumerate(groups):
            if position > 0 and core[position - 1] is not None:
                previous_core = core[position - 1]
            if not members:
                continue
            if kind in CORE_ELEMENTS or kind in ("closing", "supporting_documents"):
                if kind in CORE_ELEMENTS:
                    combined = heading is not None and self.lexicon.is_combined(heading.heading_text)
                    sections.extend(self._split_core(analysed, kind, members, blocks, combined))
                else:
                    sections.append(_section(kind, members))
                continue
            # text before the first heading, or under a front-matter or unknown heading:
            # decode by content, allowing only kinds that can come before the next core heading
            limit = ORDER.index(next_core[position]) if next_core[position] else len(ORDER)
            floor = ORDER.index(previous_core) if previous_core else 0
            allowed = {k for i, k in enumerate(ORDER) if floor <= i < limit} or {"other"}
            resolved = self._classify_run(analysed, members, heading, kind, blocks, allowed)
            sections.extend(_group(members, resolved))
        return _merge_adjacent(sections)

    def _classify_run(
        self,
        analysed: AnalysedDocument,
        members: list[Block],
        heading: Block | None,
        kind: str | None,
        all_blocks: list[Block],
        allowed: set[str],
    ) -> list[str]:
        first_index = self._position[id(members[0])]
        rows = [
            self.block_scores(analysed, b, first_index + i, len(all_blocks)) for i, b in enumerate(members)
        ]
        _lead_ins(members, rows)
        for row in rows:
            for k in ORDER:
                if k not in allowed:
                    row[k] = -99.0
        if heading is not None and kind in ORDER:
            rows[0] = {k: (50.0 if k == kind else -99.0) for k in ORDER}  # the heading keeps its own kind
        kinds = self.decode(rows)
        body = set(kinds[1:])
        if heading is not None and len(body) == 1 and kind in (None, "introduction", "other"):
            only = next(iter(body))
            if kind is None or only in CORE_ELEMENTS:
                kinds[0] = only  # the heading belongs with what it introduces
        return kinds

    def _cue_hit(self, analysed: AnalysedDocument, block: Block, kind: str) -> bool:
        """Does a cue of `kind` match one of the block's sentences (cues may anchor at a start)?"""
        key = ("cue", kind, block.type, block.text, block.inline_body_start)
        if self.memo is not None and (found := self.memo.get(key)) is not None:
            return found
        doc = analysed.doc_of(block)
        texts = [s.text for s in doc.sents] if doc is not None else [block.text.replace("\n", " ")]
        hit = any(self.cues.hits(kind, text) for text in texts)
        if self.memo is not None:
            self.memo.put(key, hit)
        return hit

    def _split_core(
        self,
        analysed: AnalysedDocument,
        kind: str,
        members: list[Block],
        all_blocks: list[Block],
        combined: bool = False,
    ) -> list[Section]:
        """A core section, split where its blocks move on to a later element, documents or the
        closing: a monotone decode over its blocks in which staying costs nothing and each move
        costs SWITCH_COST, so only a run of blocks that clearly belongs later moves ("Actions"
        mixing what was done and what will be done; a sign-off after the last measure).
        Under a combined heading ("Corrective and preventive actions") the section may open
        with either action element."""
        start = ORDER.index("immediate_actions") if combined else ORDER.index(kind)
        states = [k for k in ORDER[start:] if k != "supporting_documents" or not combined]
        rows = [self.block_scores(analysed, b, self._position[id(b)], len(all_blocks)) for b in members]
        _lead_ins(members, rows)
        for index in range(len(members) - 2, -1, -1):
            if members[index].type == "heading" and not _has_content(members[index]):
                rows[index] = dict(rows[index + 1])  # a sub-heading goes with what it introduces
        forced = 1 if _has_content(members[0]) else min(2, len(members))
        # a documents note ends the element only where nothing but documents and the sign-off
        # follow it: "..., the bank's letter is attached" between two done actions is an action
        trailing = [True] * len(members)
        for index in range(len(members) - 2, -1, -1):
            after = members[index + 1]
            if after.type in ("paragraph", "meta") and self._cue_hit(analysed, after, "closing"):
                continue  # the sign-off: what follows it is no longer the element
            trailing[index] = trailing[index + 1] and (
                after.type not in ("paragraph", "meta")
                or self._cue_hit(analysed, after, "supporting_documents")
                or _is_signature_block(after, self.sign_off, self.legal_form_end, self.first_person)
            )
        emissions: list[dict[str, float]] = []
        for index, (block, row) in enumerate(zip(members, rows, strict=True)):
            emission = {}
            for state in states:
                if index < forced and not combined:
                    emission[state] = 0.0 if state == kind else -99.0
                elif state in ("supporting_documents", "closing"):
                    # a documents list or a sign-off ends the element: its cue is enough, unless the
                    # block is clearly still part of the element ("we are confident this will ...")
                    hit = (
                        block.type in ("paragraph", "meta")
                        and self._cue_hit(analysed, block, state)
                        and row[state] + TRAILING_MARGIN >= row[kind]
                        and (state == "closing" or trailing[index])
                    )
                    if block.type not in ("paragraph", "meta"):
                        emission[state] = -99.0  # a list item or a table row is never the sign-off
                    else:
                        emission[state] = row[state] + (TRAILING_BONUS if hit else 0.0)
                elif state in CORE_ELEMENTS:
                    emission[state] = row[state] + (STAY_BONUS if state == kind and not combined else 0.0)
                else:
                    emission[state] = -99.0
            emissions.append(emission)
        path = _monotone(emissions, states, COMBINED_SWITCH_COST if combined else SWITCH_COST)
        if combined and members[0].type == "heading" and not _has_content(members[0]) and len(path) > 1:
            path[0] = path[1]
        return _group_with_headings(members, path)

    # -- sentences of one paragraph -------------------------------------------------------

    def units(self, doc: Doc) -> list[Span]:
        """The sentences of a Doc; a run-on sentence (`RUN_ON_TOKENS` or more) is cut where a
        comma or semicolon is followed by a clause with a first-person subject of its own
        ("..., we refunded every buyer, from now on we will ...")."""
        found: list[Span] = []
        for sent, _ in doc_sentences(doc):
            if len(sent) < RUN_ON_TOKENS:
                found.append(sent)
                continue
            cuts = [sent.start]
            for token in sent[1:]:
                if doc[token.i - 1].text not in (",", ";") or token.i - cuts[-1] < 3:
                    continue
                for following in doc[token.i : min(token.i + 4, sent.end)]:
                    if following.is_punct:
                        break
                    if (
                        following.lower_ in self.first_person
                        and following.dep_ in ("nsubj", "nsubjpass")
                        and following.head.i > following.i
                        and following.head.pos_ in ("VERB", "AUX")
                    ):
                        cuts.append(token.i)
                        break
            found.extend(doc[a:b] for a, b in zip(cuts, [*cuts[1:], sent.end], strict=True))
        return found

    def unit_scores(self, analysed: AnalysedDocument, block: Block) -> list[tuple[int, dict[str, float]]]:
        """Per sentence (see `units`) of the block: where it starts in the block's text and its
        cue and grammar evidence for each kind. A function of the block's type and masked text
        (its Doc is one too), kept in `memo` when there is one."""
        key = ("units", block.type, block.text, block.inline_body_start)
        if self.memo is not None and (found := self.memo.get(key)) is not None:
            return found
        doc = analysed.doc_of(block)
        rows: list[tuple[int, dict[str, float]]] = []
        for unit in self.units(doc) if doc is not None else []:
            scores = dict.fromkeys(ORDER, 0.0)
            for kind in ORDER:
                hits = self.cues.hits(kind, unit.text)
                if hits:
                    scores[kind] += self.cues.weights.get(kind, 1.0) * min(hits, 2)
            self._grammar(unit, scores, fixes=True)
            rows.append((unit.start_char, scores))
        if self.memo is not None:
            self.memo.put(key, rows)
        return rows

    def _refine(self, analysed: AnalysedDocument, sections: list[Section]) -> list[Section]:
        """A core element the draft has in no section of its own may sit inside a paragraph of
        another ("We did not know the rule. We removed the link on 3 May. From now on ..."): the
        paragraphs of the core elements and the introduction are decoded sentence by sentence
        (`units`), in order, over their own kind and the missing elements, and a paragraph whose
        sentences clearly move on to a missing element is cut there into pieces, each a block of
        its own with its own Doc. Every character stays in exactly one block and one section."""
        present = {s.kind for s in sections}
        missing = [k for k in CORE_ELEMENTS if k not in present]
        if not missing or self.parse is None:
            return sections
        document = analysed.document
        end = document.analysis_end
        pieces: dict[int, list[tuple[int, str]]] = {}  # id(block) -> (offset in its text, kind)
        for section in sections:
            if section.kind not in (*CORE_ELEMENTS, "introduction"):
                continue
            states = [k for k in ORDER if k == section.kind or k in missing]
            for block in section.blocks:
                if block.type != "paragraph" or (end is not None and block.end > end):
                    continue
                rows = self.unit_scores(analysed, block)
                if len(rows) < 2:
                    continue
                cuts = _unit_cuts(rows, section.kind, states)
                if len(cuts) > 1:
                    pieces[id(block)] = cuts
        if not pieces:
            return sections
        split_blocks: dict[int, list[Block]] = {}
        made: list[Block] = []
        for block in document.blocks:
            if id(block) in pieces:
                split_blocks[id(block)] = _cut_block(document, block, pieces[id(block)])
                made.extend(split_blocks[id(block)])
        docs = self.parse([nlp_text(b) for b in made])
        for piece, doc in zip(made, docs, strict=True):
            analysed.block_docs[id(piece)] = doc
        for block_id in split_blocks:
            analysed.block_docs.pop(block_id, None)
        document.blocks = [p for b in document.blocks for p in split_blocks.get(id(b), [b])]
        refined: list[Section] = []
        for section in sections:
            if not any(id(b) in split_blocks for b in section.blocks):
                refined.append(section)
                continue
            members: list[Block] = []
            kinds: list[str] = []
            for block in section.blocks:
                for piece in split_blocks.get(id(block), [block]):
                    members.append(piece)
                    kinds.append(piece.kind if id(block) in split_blocks else section.kind)
            first = len(refined)
            refined.extend(_group_with_headings(members, kinds))
            refined[first].heading = section.heading
        return _merge_adjacent(refined)


def _unit_cuts(
    rows: list[tuple[int, dict[str, float]]], kind: str, states: list[str]
) -> list[tuple[int, str]]:
    """Where a paragraph of `kind` changes element between its sentences: a monotone decode over
    `states` in which each move costs UNIT_SWITCH_COST; a run given a missing element stays only
    if one of its sentences is clearly that element (UNIT_CLEAR, and more than for any other)."""
    states = list(states)
    while True:
        emissions = [{state: scores[state] for state in states} for _, scores in rows]
        path = _monotone(emissions, states, UNIT_SWITCH_COST)
        unclear = [
            state
            for state in set(path) - {kind}
            if not any(
                state == p
                and scores[state] >= UNIT_CLEAR
                and all(scores[state] > scores[o] for o in states if o != state)
                for p, (_, scores) in zip(path, rows, strict=True)
            )
        ]
        if not unclear:
            break
        states = [s for s in states if s not in unclear]
    cuts: list[tuple[int, str]] = []
    for state, (offset, _) in zip(path, rows, strict=True):
        if not cuts or cuts[-1][1] != state:
            cuts.append((0 if not cuts else offset, state))
    return cuts


def _cut_block(document: Document, block: Block, cuts: list[tuple[int, str]]) -> list[Block]:
    """The block cut at `cuts` (offsets in its text, the first 0) into blocks of the given kinds;
    the space between two sentences stays with the first."""
    out = []
    for index, (at, kind) in enumerate(cuts):
        stop = cuts[index + 1][0] if index + 1 < len(cuts) else len(block.text)
        text = block.text[at:stop]
        start = block.start + at
        last = start + max(0, len(document.text[start : start + len(text)].rstrip()) - 1)
        out.append(
            Block(
                type=block.type,
                start_line=document.position(start)[0],
                end_line=document.position(last)[0],
                start=start,
                text=text,
                level=block.level,
                quoted=block.quoted,
                kind=kind,
                numbered=block.numbered,
            )
        )
    return out


def _monotone(emissions: list[dict[str, float]], states: list[str], switch_cost: float) -> list[str]:
    """Best state sequence that never moves back in `states` order (each move costs switch_cost)."""
    best = {state: emissions[0][state] for state in states}
    back: list[dict[str, str]] = []
    for emission in emissions[1:]:
        scores: dict[str, float] = {}
        pointers: dict[str, str] = {}
        for position, state in enumerate(states):
            value, previous = max(
                (best[p] - (0.0 if p == state else switch_cost), p) for p in states[: position + 1]
            )
            scores[state] = value + emission[state]
            pointers[state] = previous
        best = scores
        back.append(pointers)
    state = max(states, key=lambda k: (best[k], -states.index(k)))
    path = [state]
    for pointers in reversed(back):
        state = pointers[state]
        path.append(state)
    return list(reversed(path))


def _group_with_headings(blocks: list[Block], kinds: list[str]) -> list[Section]:
    """Consecutive blocks of one kind form a section (a heading starts a new one)."""
    sections: list[Section] = []
    for block, kind in zip(blocks, kinds, strict=True):
        if sections and sections[-1].kind == kind:
            sections[-1].blocks.append(block)
            sections[-1].end_line = block.end_line
        else:
            sections.append(_section(kind, [block]))
    return sections


def _lead_ins(blocks: list[Block], rows: list[dict[str, float]]) -> None:
    """A paragraph ending in ':' before a list ("We have done the following:") goes with the list."""
    for index in range(len(blocks) - 1):
        block, following = blocks[index], blocks[index + 1]
        if (
            block.type in ("paragraph", "meta")
            and block.text.rstrip().endswith(":")
            and following.type == "bullet"
        ):
            end = index + 1
            while end + 1 < len(blocks) and blocks[end + 1].type == "bullet":
                end += 1
            for kind in ORDER:
                rows[index][kind] += sum(rows[k][kind] for k in range(index + 1, end + 1))


def sign_off_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """A line opening with a sign-off word, or holding an e-mail address or a phone number."""
    opening = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(rf"^\s*(?:{opening})\b|@|\+?\d[\d ()./-]{{7,}}\d", re.I)


def legal_form_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """A line ending in a company's legal form and its full stop ("Tidewater Candle Co.")."""
    forms = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(rf"\b(?:{forms})\.\s*$", re.I)


SIGNATURE_MAX_WORDS = 12  # "2200 Harbor Blvd, Suite 14, Costa Mesa, CA 92626" is one line of a signature


def _is_signature_block(
    block: Block, sign_off: re.Pattern[str], legal_form_end: re.Pattern[str], first_person: frozenset[str]
) -> bool:
    if block.type not in ("paragraph", "meta", "heading"):
        return False
    for line in block.text.split("\n"):
        words = line.split()
        if len(words) > SIGNATURE_MAX_WORDS:
            return False
        if len(words) >= 3 and words[0].lower() in first_person:  # "we will check stock weekly": a sentence
            return False
        ended = line.rstrip().endswith((".", "!", "?")) and not legal_form_end.search(line)
        if ended and not sign_off.search(line):
            return False
    return True


def _move_signature_to_closing(
    sections: list[Section],
    blocks: list[Block],
    sign_off: re.Pattern[str],
    legal_form_end: re.Pattern[str],
    first_person: frozenset[str],
) -> list[Section]:
    """Short trailing lines (names, titles, contact details, sign-offs) form the closing; a
    core element's heading is never part of a signature (its content stays under it)."""
    heading_kinds = {
        id(b): section.kind for section in sections for b in section.blocks if b.type == "heading"
    }
    tail: list[Block] = []
    for block in reversed(blocks):
        if not _is_signature_block(block, sign_off, legal_form_end, first_person):
            break
        if tail and heading_kinds.get(id(block)) in CORE_ELEMENTS:
            tail = []  # what follows the heading is its content, not a signature
            break
        tail.append(block)
    if not tail or len(tail) == len(blocks):
        return sections
    tail_ids = {id(b) for b in tail}
    kept: list[Section] = []
    for section in sections:
        members = [b for b in section.blocks if id(b) not in tail_ids]
        if members == section.blocks:
            kept.append(section)
        elif members and any(_has_content(b) for b in members):
            kept.append(_section(section.kind, members))
    tail.reverse()
    if kept and kept[-1].kind == "closing":
        closing = kept.pop()
        return [*kept, _section("closing", closing.blocks + tail)]
    return [*kept, _section("closing", tail)]


def _section(kind: str, blocks: list[Block]) -> Section:
    heading = next((b.heading_text for b in blocks[:1] if b.type == "heading"), None)
    return Section(
        kind=kind,
        heading=heading,
        start_line=blocks[0].start_line,
        end_line=blocks[-1].end_line,
        blocks=blocks,
    )


def _group(blocks: list[Block], kinds: list[str]) -> list[Section]:
    sections: list[Section] = []
    for block, kind in zip(blocks, kinds, strict=True):
        if sections and sections[-1].kind == kind and sections[-1].heading is None:
            sections[-1].blocks.append(block)
            sections[-1].end_line = block.end_line
        else:
            sections.append(_section(kind, [block]))
    return sections


def _peel_breaks(sections: list[Section]) -> list[Section]:
    """A thematic break ("---") before or after an element belongs to no element: it becomes a
    section of kind `other` of its own, so every line still has exactly one section."""
    peeled: list[Section] = []
    for section in sections:
        blocks = section.blocks
        start, end = 0, len(blocks)
        if section.kind in CORE_ELEMENTS:
            while start < end and blocks[start].type == "rule":
                start += 1
            while end > start and blocks[end - 1].type == "rule":
                end -= 1
        if start == 0 and end == len(blocks) or start == end:
            peeled.append(section)
            continue
        if start:
            peeled.append(_section("other", blocks[:start]))
        core = _section(section.kind, blocks[start:end])
        core.heading = section.heading
        peeled.append(core)
        if end < len(blocks):
            peeled.append(_section("other", blocks[end:]))
    return peeled


def _has_content(block: Block) -> bool:
    """A block with text of its own: not a bare heading ("Root cause: We ..." has content)."""
    return block.type != "heading" or block.inline_body_start >= 0


def _merge_adjacent(sections: list[Section]) -> list[Section]:
    """One section per run of the same kind: a core element under several headings
    ("Root cause" / "Why our checks missed it") is one element."""
    merged: list[Section] = []
    for section in sections:
        if (
            merged
            and merged[-1].kind == section.kind
            and (section.heading is None or section.kind in CORE_ELEMENTS)
        ):
            merged[-1].blocks.extend(section.blocks)
            merged[-1].end_line = section.end_line
        else:
            merged.append(section)
    return merged

"""The document model: what the parser produces and every later stage reads.

A draft is a list of lines. The parser groups lines into blocks (headings, paragraphs,
list items, quotes, tables...) and blocks into sections. Each block carries a *masked*
text of exactly the same length as its source span, with markup (list markers, `>`,
`**`, `#`) blanked out, so that character offsets found by NLP map straight back to
line and column in the file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Literal

# the section kinds come from the vocabulary (re-exported for the stages that read documents)
from poalint.vocabulary import CORE_ELEMENTS, SECTION_KINDS, SECTION_LABELS, SectionKind

ELEMENT_LABELS: dict[str, str] = {kind: SECTION_LABELS[kind] for kind in CORE_ELEMENTS}

__all__ = [
    "CORE_ELEMENTS",
    "ELEMENT_LABELS",
    "SECTION_KINDS",
    "Block",
    "BlockType",
    "Document",
    "Section",
    "SectionKind",
]

BlockType = Literal["heading", "paragraph", "bullet", "quote", "table", "rule", "meta", "comment"]


@dataclass(slots=True)
class Block:
    """A run of lines that plays one role in the draft."""

    type: BlockType
    start_line: int  # 1-based, inclusive
    end_line: int  # 1-based, inclusive
    start: int  # offset of the first character in Document.text
    text: str  # masked text, same length as Document.text[start:start+len(text)]
    level: int = 0  # heading level (1 = top) or list depth
    heading_text: str = ""  # for headings: the cleaned title
    inline_body_start: int = -1  # "Heading: content" -> offset in text where content starts
    quoted: bool = False
    kind: str = "other"  # section kind assigned by the section splitter
    numbered: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(slots=True)
class Section:
    kind: str
    heading: str | None
    start_line: int
    end_line: int
    blocks: list[Block] = field(default_factory=list)

    def content_blocks(self) -> list[Block]:
        return [
            b
            for b in self.blocks
            if b.type not in ("heading", "rule", "comment")
            or (b.type == "heading" and b.inline_body_start >= 0)
        ]

    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.content_blocks())


@dataclass(slots=True)
class Document:
    path: str
    text: str  # newline-normalised text of the whole file
    lines: list[str]
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    quoted_ranges: list[tuple[int, int]] = field(default_factory=list)  # inline "..." spans
    location_unit: Literal["line", "paragraph"] = "line"
    # HTML drafts: the page's text was extracted; this maps text offsets back to the page
    # (an `HtmlText`, whose `source_position(offset)` is the page's line and column)
    source_map: object | None = None
    _line_starts: list[int] = field(default_factory=list)
    # invisible characters removed from `text` (see `strip_invisible`): line index -> the
    # columns (0-based, in the cleaned line) before which one was removed, sorted
    removed: dict[int, list[int]] = field(default_factory=dict)
    # where NLP stops in a draft too long to analyse in full (see `nlp.analysis.analysis_end`):
    # blocks starting at or after this offset get no spaCy Doc; None: the whole draft
    analysis_end: int | None = None

    def __post_init__(self) -> None:
        starts = [0]
        for line in self.lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        self._line_starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in `text`."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        index = max(0, index)
        column = offset - self._line_starts[index]
        gaps = self.removed.get(index)
        if gaps:  # count the invisible characters before it, as an editor does
            column += bisect.bisect_right(gaps, column)
        return index + 1, column + 1

    def line_start(self, line: int) -> int:
        return self._line_starts[line - 1]

    def section_at(self, line: int) -> Section | None:
        for section in self.sections:
            if section.start_line <= line <= section.end_line:
                return section
        return None

    def in_quote(self, start: int, end: int) -> bool:
        return any(qs <= start and end <= qe for qs, qe in self.quoted_ranges)

    def has_section(self, kind: str) -> bool:
        return any(s.kind == kind for s in self.sections)


# Unicode format characters that are invisible in a draft and split words for spaCy and the
# matchers: soft hyphen, zero-width space/joiners, direction marks and overrides, word
# joiner and invisible operators, and a byte-order mark inside the text.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def strip_invisible(text: str) -> tuple[str, dict[int, list[int]]]:
    """`text` without invisible format characters, and where they were (per line, the
    column in the cleaned line before which each one stood) so positions can be mapped back."""
    if not _INVISIBLE.search(text):
        return text, {}
    removed: dict[int, list[int]] = {}
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not _INVISIBLE.search(line):
            continue
        gaps = []
        kept = 0
        pieces = []
        last = 0
        for match in _INVISIBLE.finditer(line):
            pieces.append(line[last : match.start()])
            kept += match.start() - last
            gaps.append(kept)
            last = match.end()
        pieces.append(line[last:])
        lines[index] = "".join(pieces)
        removed[index] = gaps
    return "\n".join(lines), removed

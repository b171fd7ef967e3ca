"""Split a draft's lines into blocks: headings, paragraphs, list items, quotes, tables.

Sellers mark headings in many ways: `#` headings, setext underlines, `1.` / `1)` /
`Step 1` numbering, `**bold**` lines, ALL-CAPS lines, `Heading:` alone on a line, or
`Heading: content` on one line. Numbered, colon and inline forms are ambiguous with
ordinary list items and "Key: value" lines, so they count as headings only when the
heading lexicon recognises the title (or the line is short and title-like).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from poalint.model.document import CORE_ELEMENTS, Block

# Possessive quantifiers (`*+`, `++`) keep these linear on long lines of spaces (no backtracking).
ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]++(.*)$")  # title: group 2 minus a closing `###`, see _atx_title
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
BULLET = re.compile(r"^([ \t]*)([-*+•●▪◦‣]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\d{1,3}\)|\([a-z]\))[ \t]+(?=\S)")
NAMED_TITLE_MAX_WORDS = 4  # a heading ended by a full stop is a name ("Actions taken."), not a clause
# "R. Kowalczyk" on a line of its own is an initial and a surname (a signature), not item R
INITIAL_AND_NAME = re.compile(r"^[ \t]*[A-Z]\.[ \t]+[A-Z][\w'’]+(?:[- ][A-Z][\w'’]+)?[ \t]*$")
NUMBERED_HEADING = re.compile(
    r"^[ \t]*(?:(?:step|part|section)[ \t]+\d+[ \t]*[:.)\-–—]?|\d{1,2}(?:\.\d{1,2})*[.)]?|[IVX]{1,4}[.)]|[A-H][.)])"
    r"[ \t]++(.*[^ \t])[ \t]*$",
    re.IGNORECASE,
)
BOLD_LINE = re.compile(r"^[ \t]*(\*\*|__)(.+?)\1[ \t]*+:?[ \t]*$")
BOLD_INLINE = re.compile(r"^[ \t]*(\*\*|__)([^*_]{2,60}?)[ \t]*:?[ \t]*\1(?:[ \t]*+:)?[ \t]++(\S.*)$")
COLON_LINE = re.compile(r"^[ \t]*([^\s:][^:]{0,70}?)[ \t]*:[ \t]*$")
COLON_INLINE = re.compile(
    r"^[ \t]*([A-Za-z][A-Za-z0-9 '’/&()\-–]{1,60}?)(?:[ \t]*[:–—]|[ \t]+-)[ \t]+(\S.*)$"
)  # "Root cause: ...", "Root cause – ...", "Root cause - ..." (a spaced hyphen)
# Q&A forms: "Q: What caused ...?" is a heading (the question is its title); "A: ..." opens its answer
QUESTION = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?:Q|Question)[ \t]*\d{0,2}[ \t]*[:.)\-–—][ \t]*(\S.*?)(?:\*\*|__)?[ \t]*$"
)
ANSWER = re.compile(r"^[ \t]*(?:A|Answer)[ \t]*\d{0,2}[ \t]*[:.)\-–—][ \t]*")
QUOTE = re.compile(r"^[ \t]*>[ \t]?")
TABLE = re.compile(r"^[ \t]*\|")
TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
COMMENT_LINE = re.compile(r"^[ \t]*<!--.*-->[ \t]*$")
INLINE_MARKUP = re.compile(r"\*\*|__|`|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
META_KEY = re.compile(r"^[ \t]*(?:\*\*)?[A-Za-z][A-Za-z0-9 ./#'’()-]{0,30}(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]+\S")

HeadingClassifier = Callable[[str], "str | None"]


def _mask(line: str, prefix_len: int) -> str:
    """Blank out a markup prefix and inline emphasis, keeping the length."""
    body = line[prefix_len:]
    body = INLINE_MARKUP.sub(lambda m: " " * len(m.group(0)), body)
    return " " * prefix_len + body


def _table_cells(text: str) -> str:
    """`| a | b |` -> `  a , b  `: the outer pipes blanked, the inner ones read as commas."""
    stripped = text.rstrip()
    inner = stripped.strip()
    lead = len(text) - len(text.lstrip())
    body = list(text)
    if inner.startswith("|"):
        body[lead] = " "
    if inner.endswith("|") and len(inner) > 1:
        body[len(stripped) - 1] = " "
    return "".join(body).replace("|", ",")


def _words(text: str) -> int:
    return len(text.split())


def _clean_title(title: str) -> str:
    title = INLINE_MARKUP.sub("", title)
    return title.strip().strip(":").strip()


def _is_caps_heading(line: str) -> bool:
    stripped = line.strip().strip("*#_").strip()
    if _words(stripped) > 12:  # before counting letters: most lines are long paragraphs
        return False
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) < 3:
        return False
    if stripped.endswith((".", "?", "!", ",")) and not stripped.endswith("..."):
        return False
    outside_brackets = re.sub(r"\[[^\][]*\]|<[^<>]*>", "", stripped)  # no nested openers: linear
    return any(c.isalpha() for c in outside_brackets) and not any(c.islower() for c in outside_brackets)


def _atx_title(rest: str) -> str:
    """`## Title ##` -> `Title`: drop trailing blanks, a closing run of `#` and blanks before it."""
    return rest.rstrip(" \t").rstrip("#").rstrip(" \t")


def _title_like(title: str, max_words: int = 10) -> bool:
    title = title.strip()
    return 0 < _words(title) <= max_words and not title.endswith((".", ",", ";", "?", "!"))


class BlockParser:
    """Turns the lines of one draft into a list of blocks."""

    def __init__(self, classify_heading: HeadingClassifier, sign_off: re.Pattern[str] | None = None) -> None:
        self.classify_heading = classify_heading
        self.sign_off = sign_off  # a line opening with a sign-off word ends a list item

    def parse(self, lines: list[str], line_starts: list[int]) -> list[Block]:
        self._heading_style: str | None = None
        per_line = _one_paragraph_per_line(lines)  # Word's "save as text"
        blocks: list[Block] = []
        n = len(lines)
        i = 0
        self._qa = False  # a "Q:" line was seen: "A:" lines open answers
        paragraph: list[int] = []  # line indexes of the open paragraph
        answer_cut = [0]  # markup before the open paragraph's text on its first line ("A: ")

        def flush_paragraph() -> None:
            if paragraph:
                first, cut = paragraph[0], answer_cut[0]
                if _one_sentence_per_line([lines[k][cut:] if k == first else lines[k] for k in paragraph]):
                    # "one sentence per line" drafts: each line is its own unit
                    blocks.extend(
                        self._block("paragraph", [k], lines, line_starts, prefix_len=cut if k == first else 0)
                        for k in paragraph
                    )
                else:
                    blocks.append(self._block("paragraph", paragraph, lines, line_starts, prefix_len=cut))
                paragraph.clear()
                answer_cut[0] = 0

        while i < n:
            line = lines[i]
            stripped = line.strip()
            if not stripped:
                flush_paragraph()
                i += 1
                continue
            if FENCE.match(line):
                flush_paragraph()
                j = i + 1
                while j < n and not FENCE.match(lines[j]):
                    j += 1
                end = min(j, n - 1)
                block = self._block("quote", list(range(i, end + 1)), lines, line_starts, mask_all=True)
                block.quoted = True
                blocks.append(block)
                i = end + 1
                continue
            if stripped.startswith("<!--"):
                flush_paragraph()
                j = i
                while j < n and "-->" not in lines[j]:
                    j += 1
                end = min(j, n - 1)
                blocks.append(
                    self._block("comment", list(range(i, end + 1)), lines, line_starts, mask_all=True)
                )
                i = end + 1
                continue
            atx = ATX.match(line)
            if atx:
                flush_paragraph()
                prefix = len(line) - len(line.lstrip()) + len(atx.group(1))
                title = _clean_title(_atx_title(atx.group(2)))
                blocks.append(self._heading([i], lines, line_starts, title, len(atx.group(1)), prefix))
                i += 1
                continue
            if (
                not paragraph
                and i + 1 < n
                and SETEXT_UNDERLINE.match(lines[i + 1])
                and not BULLET.match(line)
                and _title_like(stripped, 14)
            ):
                level = 1 if lines[i + 1].strip().startswith("=") else 2
                blocks.append(self._heading([i, i + 1], lines, line_starts, _clean_title(stripped), level, 0))
                i += 2
                continue
            if THEMATIC_BREAK.match(line):
                flush_paragraph()
                blocks.append(self._block("rule", [i], lines, line_starts, mask_all=True))
                i += 1
                continue
            if QUOTE.match(line):
                flush_paragraph()
                j = i
                while j < n and QUOTE.match(lines[j]):
                    j += 1
                block = self._block("quote", list(range(i, j)), lines, line_starts, prefix_re=QUOTE)
                block.quoted = True
                blocks.append(block)
                i = j
                continue
            if TABLE.match(line):
                flush_paragraph()
                j = i
                while j < n and TABLE.match(lines[j]):
                    j += 1
                blocks.extend(self._table(list(range(i, j)), lines, line_starts))
                i = j
                continue
            question = QUESTION.match(line)
            if question:
                flush_paragraph()
                self._qa = True
                blocks.append(self._heading([i], lines, line_starts, _clean_title(question.group(1)), 3, 0))
                i += 1
                continue
            answer = ANSWER.match(line) if self._qa else None
            if answer:
                flush_paragraph()
                rest = line[answer.end() :]
                if not rest.strip():  # a bare "A:" marker: its answer follows on the next lines
                    blocks.append(self._block("rule", [i], lines, line_starts, mask_all=True))
                    i += 1
                    continue
                bullet = BULLET.match(rest)
                if bullet:
                    i = self._bullet(
                        i, lines, line_starts, blocks, answer.end() + bullet.end(), bullet, per_line
                    )
                    continue
                answer_cut[0] = answer.end()
                paragraph.append(i)
                if per_line:
                    flush_paragraph()
                i += 1
                continue
            # Word's "save as text" writes one paragraph per line with no blank lines between:
            # a line after a finished sentence starts afresh, so it may be a heading
            in_paragraph = bool(paragraph) and not _ends_sentence(lines[paragraph[-1]])
            heading = self._loose_heading(line, lines[i + 1] if i + 1 < n else "", in_paragraph)
            if (
                heading is not None
                and heading[2]
                and not paragraph
                and self._opens_list(blocks, line)
                and self.classify_heading(heading[0]) not in CORE_ELEMENTS
            ):
                # "1. Brand invoices" right under "Supporting documents" is the first item of its
                # list, unless it names a core element itself
                heading = None
            if heading is not None:
                flush_paragraph()
                title, inline_at, numbered = heading
                block = self._heading([i], lines, line_starts, title, 3, 0)
                block.numbered = numbered
                if inline_at >= 0:
                    block.inline_body_start = inline_at
                blocks.append(block)
                i += 1
                continue
            bullet = BULLET.match(line)
            if bullet and not INITIAL_AND_NAME.match(line):
                flush_paragraph()
                i = self._bullet(i, lines, line_starts, blocks, bullet.end(), bullet, per_line)
                continue
            if META_KEY.match(line) and (not paragraph or all(META_KEY.match(lines[k]) for k in paragraph)):
                flush_paragraph()
                blocks.append(self._block("meta", [i], lines, line_starts))
                i += 1
                continue
            paragraph.append(i)
            if per_line:
                flush_paragraph()
            i += 1
        flush_paragraph()
        return split_long_blocks(blocks)

    def _bullet(
        self,
        i: int,
        lines: list[str],
        starts: list[int],
        blocks: list[Block],
        prefix_len: int,
        bullet: re.Match[str],
        per_line: bool,
    ) -> int:
        """Add the list item opening on line i (its marker ends at prefix_len); return the next line.
        In a one-paragraph-per-line draft (Word's "save as text") an item is one line."""
        n = len(lines)
        j = i + 1
        while (
            not per_line
            and j < n
            and lines[j].strip()
            and not BULLET.match(lines[j])
            and not QUOTE.match(lines[j])
        ):
            if not lines[j].startswith((" ", "\t")) and (
                self._loose_heading(lines[j], "", False)
                or QUESTION.match(lines[j])
                or (self._qa and ANSWER.match(lines[j]))
                or _new_paragraph(lines[j - 1], lines[j], self.sign_off)
            ):
                break
            if lines[j].lstrip().startswith("<!--"):  # a comment ends the item (and is read)
                break
            if self.sign_off is not None and self.sign_off.match(lines[j]):
                break  # "    Sincerely," ends the item however it is indented
            j += 1
        block = self._block("bullet", list(range(i, j)), lines, starts, prefix_len=prefix_len)
        block.level = len(bullet.group(1).expandtabs(4)) // 2
        block.numbered = bullet.group(2)[0].isdigit()
        blocks.append(block)
        return j

    def _opens_list(self, blocks: list[Block], line: str) -> bool:
        """A numbered line directly under a section heading that owns lists (not "Step 2: ...")."""
        if not blocks or blocks[-1].type != "heading" or STEP_NUMBERING.match(line):
            return False
        return self.classify_heading(blocks[-1].heading_text) in LIST_OWNERS

    # -- heading forms other than ATX and setext ---------------------------------------

    def _loose_heading(self, line: str, next_line: str, in_paragraph: bool) -> tuple[str, int, bool] | None:
        """Return (title, inline content offset or -1, numbered) when `line` is a heading."""
        stripped = line.strip()
        if _words(stripped) == 0:
            return None
        bold = BOLD_LINE.match(line)
        if bold and _title_like(_clean_title(bold.group(2)), 14):
            return _clean_title(bold.group(2)), -1, False
        bold_inline = BOLD_INLINE.match(line)
        if bold_inline and self.classify_heading(_clean_title(bold_inline.group(2))):
            return _clean_title(bold_inline.group(2)), bold_inline.start(3), False
        numbered = NUMBERED_HEADING.match(line)
        if numbered and not BOLD_INLINE.match(line[numbered.start(1) :]):
            title = self._named_title(_clean_title(numbered.group(1)))
            style = _numbering_style(line)
            known = self.classify_heading(title) or _is_caps_heading(title)
            # "2) What we do now" is a heading when "1) Reason of problem" was one in the same style
            sibling = style is not None and style == self._heading_style and not in_paragraph
            if _title_like(title.rstrip("?"), 8 if sibling and not known else 10) and (known or sibling):
                self._heading_style = style
                return title, -1, True
        if not in_paragraph and not BULLET.match(line):
            named = self._named_title(stripped)
            if _is_caps_heading(named) or (named != stripped and _title_like(named, 8)):
                return _clean_title(named), -1, False
        colon = COLON_LINE.match(line)
        if colon and _title_like(colon.group(1), 8) and not BULLET.match(line):
            title = _clean_title(colon.group(1))
            if self.classify_heading(title) or not in_paragraph:
                return title, -1, False
        inline = COLON_INLINE.match(line)
        if inline and _words(inline.group(1)) <= 7:
            title = _clean_title(inline.group(1))
            kind = self.classify_heading(title)
            # a spaced hyphen also joins a title and its subject ("Plan of Action - Late shipments"):
            # it labels a paragraph only when the label names a core element
            hyphen = line[inline.end(1) : inline.start(2)].strip() == "-"
            if kind and not _is_prose_prefix(title) and (kind in CORE_ELEMENTS or not hyphen):
                return title, inline.start(2), False
        if (
            not in_paragraph
            and stripped[0].isupper()
            and (_title_like(stripped, 8) or (stripped.endswith("?") and _title_like(stripped[:-1], 12)))
            and not BULLET.match(line)
            and self.classify_heading(stripped)
        ):  # a plain title line: "What we have already done", "Why did this happen?"
            return _clean_title(stripped), -1, False
        return None

    def _named_title(self, title: str) -> str:
        """`title` without one closing full stop when what is left is a short name of a section
        ("2. ACTIONS TAKEN.", "Root cause."); otherwise `title` unchanged: a sentence ("We keep
        all documents." names documents, but it is a statement)."""
        if not title.endswith(".") or title.endswith(".."):
            return title
        named = title[:-1].rstrip()
        if _words(named) <= NAMED_TITLE_MAX_WORDS and self.classify_heading(named):
            return named
        return title

    # -- block construction ------------------------------------------------------------

    def _table(self, rows: list[int], lines: list[str], starts: list[int]) -> list[Block]:
        """One block per table row, so each row is read as one statement ("Weekly audit |
        QC lead | every Monday | 10 units"): cells joined by commas, the pipes and the header
        and separator rows masked (they are markup)."""
        blocks = []
        header = len(rows) > 1 and TABLE_SEPARATOR.match(lines[rows[1]]) is not None
        for position, k in enumerate(rows):
            if TABLE_SEPARATOR.match(lines[k]) or (header and position == 0):
                blocks.append(self._block("table", [k], lines, starts, mask_all=True))  # markup: no text
                continue
            block = self._block("table", [k], lines, starts)
            block.text = _table_cells(block.text)
            blocks.append(block)
        return blocks

    def _heading(
        self, idx: list[int], lines: list[str], starts: list[int], title: str, level: int, prefix: int
    ) -> Block:
        block = self._block("heading", idx, lines, starts, prefix_len=prefix)
        block.heading_text = title
        block.level = level
        if len(idx) == 2:  # setext underline is markup
            first, _, second = block.text.partition("\n")
            block.text = first + "\n" + " " * len(second)
        return block

    @staticmethod
    def _block(
        type_: str,
        idx: list[int],
        lines: list[str],
        starts: list[int],
        prefix_len: int = 0,
        prefix_re: re.Pattern[str] | None = None,
        mask_all: bool = False,
    ) -> Block:
        masked = []
        for k, line_index in enumerate(idx):
            line = lines[line_index]
            if mask_all:
                masked.append(" " * len(line))
                continue
            if prefix_re is not None:
                m = prefix_re.match(line)
                cut = m.end() if m else 0
                inner = BULLET.match(line, cut)
                if inner:
                    cut = inner.end()
            elif k == 0:
                cut = prefix_len
            else:
                cut = 0
            masked.append(_mask(line, cut))
        return Block(
            type=type_,  # type: ignore[arg-type]
            start_line=idx[0] + 1,
            end_line=idx[-1] + 1,
            start=starts[idx[0]],
            text="\n".join(masked),
        )


# A block longer than this is cut into pieces of at most this many characters (at sentence
# ends where it can be) before NLP: spaCy's memory grows with a Doc's length, and the rules
# look at a block's Doc as a whole. A real paragraph is under 2,000 characters.
MAX_BLOCK_CHARS = 20_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


def split_long_blocks(blocks: list[Block], limit: int = MAX_BLOCK_CHARS) -> list[Block]:
    """Blocks over `limit` characters cut into consecutive pieces of at most `limit`
    characters, each a block of the same type over its own lines (the continuation of a
    heading's inline content is a paragraph), so offsets, lines and columns stay exact."""
    if all(len(b.text) <= limit for b in blocks):
        return blocks
    result: list[Block] = []
    for block in blocks:
        if (
            len(block.text) <= limit
            or block.type in ("comment", "rule")
            or (block.type == "heading" and block.inline_body_start < 0)
        ):  # masked, or no content for NLP: nothing to bound
            result.append(block)
            continue
        result.extend(_pieces(block, limit))
    return result


def _pieces(block: Block, limit: int) -> list[Block]:
    text = block.text
    pieces: list[Block] = []
    start, line = 0, block.start_line
    while start < len(text):
        end = _cut(text, start, limit)
        piece = replace(
            block, start=block.start + start, text=text[start:end], start_line=line,
            end_line=line + text.count("\n", start, max(start, end - 1)),
        )  # fmt: skip
        if pieces and block.type == "heading":
            piece.type, piece.heading_text, piece.inline_body_start, piece.level = "paragraph", "", -1, 0
        pieces.append(piece)
        line += text.count("\n", start, end)
        start = end
    return pieces


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece starting at `start` ends: after the last sentence end in its second
    half, else after its last space there, else at `limit` characters."""
    end = start + limit
    if end >= len(text):
        return len(text)
    half = start + limit // 2
    window = text[half:end]
    ends = [match.end() for match in _SENTENCE_END.finditer(window)]
    if ends:
        return half + ends[-1]
    space = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
    return half + space + 1 if space >= 0 else end


_STYLE = re.compile(r"^\s*(step|part|section)?\s*(\d+|[IVX]+|[A-H])\s*([.):\-–—]?)", re.I)


def _numbering_style(line: str) -> str | None:
    """'1)' and '2)' share a style; '1.' differs; 'Step 1:' and 'Step 2:' share one."""
    match = _STYLE.match(line)
    if not match:
        return None
    word = (match.group(1) or "").lower()
    kind = "digit" if match.group(2).isdigit() else "letter"
    return f"{word}{kind}{match.group(3)}"


def _one_paragraph_per_line(lines: list[str]) -> bool:
    """Word's "save as text" layout: several lines, no blank line between them, and no line
    that continues the one before (a hard-wrapped paragraph's next line starts in lower case)."""
    content = [line.strip() for line in lines]
    while content and not content[-1]:
        content.pop()
    while content and not content[0]:
        content.pop(0)
    if len(content) < 3 or not all(content):
        return False
    return not any(line[0].islower() for line in content[1:])


def _ends_sentence(line: str) -> bool:
    """The line ends a sentence ("." "!" "?", closing quotes and brackets allowed)."""
    return line.rstrip().rstrip("\"'”’)]").endswith((".", "!", "?"))


def _one_sentence_per_line(paragraph_lines: list[str]) -> bool:
    if len(paragraph_lines) < 2:
        return False
    ends = sum(1 for line in paragraph_lines if line.rstrip().endswith((".", "!", "?", ":")))
    capitalised = all(line.strip() and line.lstrip()[0].isupper() for line in paragraph_lines)
    return capitalised and ends >= len(paragraph_lines) - 1 and ends >= 2


LIST_OWNERS = (*CORE_ELEMENTS, "supporting_documents", "closing")
STEP_NUMBERING = re.compile(r"^\s*(step|part|section)\b", re.I)


def sign_off_opening(words: frozenset[str] | set[str]) -> re.Pattern[str]:
    """A line opening with a sign-off word ("Kind regards,", "Thank you")."""
    opening = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(rf"^\s*(?:{opening})\b", re.I)


def _new_paragraph(previous: str, line: str, sign_off: re.Pattern[str] | None) -> bool:
    """An unindented line after a list item starts a paragraph of its own (not a lazy
    continuation) when the item's line ended a sentence and this one opens a new one, or signs off."""
    if sign_off is not None and sign_off.match(line):
        return True
    text = line.lstrip()
    return _ends_sentence(previous) and bool(text) and (text[0].isupper() or text[0].isdigit())


_PROSE_START = re.compile(r"^(we|i|our|the|this|it|they|as|in|on|for|after|when|if)\b", re.IGNORECASE)


def _is_prose_prefix(title: str) -> bool:
    """'We found the cause: ...' is a sentence, not a heading."""
    return bool(_PROSE_START.match(title)) and _words(title) > 3

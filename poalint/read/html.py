"""HTML drafts (.html, .htm): text extracted with the standard library's html.parser.

The page becomes the same Markdown-ish lines as a Word draft: `<h1>`-`<h6>` are `#`
headings, `<li>` items are `- ` list items, `<blockquote>` lines are `> ` quotes, a table row
is `| a | b |`, and every other block element (`<p>`, `<div>`, ...) is a paragraph; blocks
are separated by blank lines, `<br>` breaks a line inside its block, and white space is
collapsed as a browser collapses it (except in `<pre>`). `<script>`, `<style>`, `<head>` and
other content a reader never sees is dropped; `<!-- poalint-... -->` comments are kept on a
line of their own, so inline suppressions work as in Markdown.

Every character of the extracted text remembers where it came from in the page, so findings
are reported at the page's own line and column (`HtmlText.source_position`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from poalint.model.document import Document
    from poalint.model.report import FindingModel

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre "
    "section summary table tbody td tfoot th thead tr ul".split()
)
HIDDEN_TAGS = frozenset("head script style template noscript svg math object iframe select option".split())
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
HEADING = re.compile(r"^h([1-6])$")
_SPACE = re.compile(r"[ \t\n\r\f]+")


@dataclass
class _Line:
    prefix: str = ""
    chars: list[str] = field(default_factory=list)
    origins: list[int] = field(default_factory=list)  # source offset of each character
    prefix_origin: int = 0

    def text(self) -> str:
        return "".join(self.chars)


@dataclass
class HtmlText:
    """The extracted text and, per character, its offset in the page."""

    text: str
    origins: list[int]
    source: str

    def __post_init__(self) -> None:
        self._source_starts = [0] + [m.end() for m in re.finditer("\n", self.source)]

    def source_offset(self, offset: int) -> int:
        if not self.origins:
            return 0
        return self.origins[max(0, min(offset, len(self.origins) - 1))]

    def source_position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the page of the extracted text's character `offset`."""
        source = self.source_offset(offset)
        index = bisect.bisect_right(self._source_starts, source) - 1
        return index + 1, source - self._source_starts[index] + 1


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self._starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.blocks: list[list[_Line]] = []
        self.current: list[_Line] = []
        self.line = _Line()
        self.hidden = 0
        self.pre = 0
        self.quote = 0
        self.lists: list[int] = []  # depth of open <ul>/<ol>
        self.cells = 0  # cells written in the open table row
        self.in_row = False

    # -- positions -------------------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self._starts[line - 1] + column

    # -- building lines and blocks --------------------------------------------------------
    def _end_line(self) -> None:
        if self.line.chars and "".join(self.line.chars).strip():
            while self.line.chars and self.line.chars[-1] == " ":
                self.line.chars.pop()
                self.line.origins.pop()
            self.current.append(self.line)
        self.line = _Line(prefix=self._quote_prefix(), prefix_origin=self._offset())

    def _end_block(self) -> None:
        self._end_line()
        if self.current:
            self.blocks.append(self.current)
        self.current = []

    def _quote_prefix(self) -> str:
        return "> " * self.quote

    def _put(self, text: str, origin: int, step: bool = True) -> None:
        """Append text whose i-th character came from `origin + i` (or all from `origin`)."""
        for index, char in enumerate(text):
            where = origin + index if step else origin
            if not self.pre:
                if char in " \t\n\r\f":
                    if not self.line.chars or self.line.chars[-1] == " ":
                        continue
                    char = " "
            elif char == "\n":
                self._end_line()
                continue
            self.line.chars.append(char)
            self.line.origins.append(where)

    # -- parser callbacks -----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in HIDDEN_TAGS:
            if tag not in VOID_TAGS:
                self.hidden += 1
            return
        if self.hidden:
            return
        if tag == "br":
            self._end_line()
            self.line.prefix = self._quote_prefix()
            return
        if tag in ("ul", "ol"):
            self._end_block()
            self.lists.append(len(self.lists))
            return
        if tag == "tr":  # rows are consecutive lines of one table block
            self._end_line()
            self.in_row, self.cells = True, 0
            self.line.prefix, self.line.prefix_origin = "| ", self._offset()
            return
        if tag in ("td", "th") and self.in_row:
            if self.cells:
                self._put(" | ", self._offset(), step=False)
            self.cells += 1
            return
        if tag in BLOCK_TAGS:
            if self.in_row and tag != "table":
                return  # a block inside a table cell stays in the row's line
            # `<li><p>text</p></li>`: the paragraph keeps the item's marker
            pending = self.line.prefix if not self.line.chars and not self.current else ""
            origin = self.line.prefix_origin
            self._end_block()
            if tag == "blockquote":
                self.quote += 1
            prefix = self._quote_prefix()
            heading = HEADING.match(tag)
            if heading:
                prefix += "#" * int(heading.group(1)) + " "
            elif tag == "li":
                prefix += "  " * max(0, len(self.lists) - 1) + "- "
                origin = self._offset()
            elif pending.rstrip().endswith("-"):
                prefix = pending
            else:
                origin = self._offset()
            if tag == "pre":
                self.pre += 1
            self.line.prefix, self.line.prefix_origin = prefix, origin

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
            return
        if self.hidden:
            return
        if tag in ("ul", "ol"):
            self._end_block()
            if self.lists:
                self.lists.pop()
            return
        if tag == "tr":
            if self.line.chars:
                self._put(" |", self._offset(), step=False)
            self.in_row = False
            self._end_line()
            return
        if tag in ("td", "th"):
            return
        if tag in BLOCK_TAGS:
            if self.in_row and tag not in ("table",):
                return
            self._end_block()
            if tag == "blockquote":
                self.quote = max(0, self.quote - 1)
            elif tag == "pre":
                self.pre = max(0, self.pre - 1)
            self.line.prefix = self._quote_prefix()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self._put(data, self._offset())

    def handle_entityref(self, name: str) -> None:
        if not self.hidden:
            self._put(unescape(f"&{name};"), self._offset(), step=False)

    def handle_charref(self, name: str) -> None:
        if not self.hidden:
            self._put(unescape(f"&#{name};"), self._offset(), step=False)

    def handle_comment(self, data: str) -> None:
        if self.hidden or not data.strip().lower().startswith("poalint-"):
            return
        self._end_block()
        origin = self._offset()
        comment = _Line(prefix="", prefix_origin=origin)
        text = f"<!-- {' '.join(data.split())} -->"
        comment.chars, comment.origins = list(text), [origin] * len(text)
        self.blocks.append([comment])
        self.line = _Line(prefix=self._quote_prefix(), prefix_origin=origin)

    def finish(self) -> HtmlText:
        self.close()
        self._end_block()
        chars: list[str] = []
        origins: list[int] = []
        for index, block in enumerate(self.blocks):
            if index:
                chars += ["\n", "\n"]
                origins += [origins[-1]] * 2
            for number, line in enumerate(block):
                if number:
                    chars.append("\n")
                    origins.append(origins[-1])
                prefix = line.prefix
                chars += list(prefix)
                origins += [line.prefix_origin] * len(prefix)
                chars += line.chars
                origins += line.origins
        return HtmlText("".join(chars), origins, self.source)


def extract_html(source: str) -> HtmlText:
    """The readable text of an HTML page, block structure kept, with its position map."""
    parser = _Extractor(source)
    parser.feed(source)
    return parser.finish()


def source_line(document: Document, line: int) -> int:
    """The page's line for a line of the extracted text."""
    html = document.source_map
    assert isinstance(html, HtmlText)
    if not 1 <= line <= len(document.lines):
        return line
    return html.source_position(document.line_start(line))[0]


def to_source(document: Document, findings: list[FindingModel]) -> list[FindingModel]:
    """Move findings from the extracted text's lines and columns to the page's."""
    html = document.source_map
    assert isinstance(html, HtmlText)
    out = []
    for finding in findings:
        if finding.line is None or not 1 <= finding.line <= len(document.lines):
            out.append(finding)
            continue
        start = document.line_start(finding.line) + (finding.column or 1) - 1
        line, column = html.source_position(start)
        update: dict[str, int | None] = {"line": line, "column": column}
        if finding.end_line is not None and 1 <= finding.end_line <= len(document.lines):
            last = document.line_start(finding.end_line) + max(1, (finding.end_column or 2) - 1) - 1
            end_line, end_column = html.source_position(last)
            update["end_line"], update["end_column"] = max(end_line, line), end_column + 1
        out.append(finding.model_copy(update=update))
    return out

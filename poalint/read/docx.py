"""Word drafts (.docx): paragraphs mapped to the same document model as Markdown.

Each body paragraph becomes one Markdown-ish line: `# ` headings for the Title and
Heading N styles, `**...**` for a paragraph set all in bold (sellers' usual home-made
heading), `- ` for list items (List Bullet / List Number styles or Word numbering),
`| a | b |` for a table row, and the text otherwise. Lines are separated by blank
lines so the block parser sees one block per paragraph; paragraph k is therefore line
2k-1, and `to_paragraphs` turns findings' lines back into paragraph numbers (the
document's `location_unit` is "paragraph"). Empty paragraphs count, as in Word.

Tracked changes (Review > Track Changes) that are not yet accepted are read as the reviewer
will see the draft once they are: pending insertions are text, deletions are dropped, and
`DocxText.tracked_changes` counts them so the run can warn that the draft has unaccepted
changes. (python-docx's own `Paragraph.text` skips inserted runs, which let an inserted
sentence pass unlinted.)
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from poalint.errors import InputError

if TYPE_CHECKING:
    from poalint.model.document import Document
    from poalint.model.report import FindingModel

HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
PREFIX = re.compile(r"^(#{1,6} |\s*- |\| |\*\*)")
_SPACES = re.compile(r" {2,}")
UNZIPPED_FACTOR = 20  # uncompressed XML may be this many times --max-bytes (zip-bomb guard)


def _clean(text: str) -> str:
    text = text.replace("\r", " ").replace("\n", " ").replace("\v", " ").replace("\t", " ")
    return _SPACES.sub(" ", text).strip()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
# containers whose runs are not part of the paragraph's visible, accepted text
_HIDDEN = {f"{_W}del", f"{_W}moveFrom", f"{_W}p", f"{_W}txbxContent"}
_INSERTED = (f"{_W}ins", f"{_W}moveTo")
_DELETED = (f"{_W}del", f"{_W}moveFrom")
_RPR = f"{_W}rPr"
_R = f"{_W}r"
_P = f"{_W}p"
_TBL = f"{_W}tbl"
# the run children that hold text (python-docx's `CT_R.text`: br, cr, noBreakHyphen, ptab, t, tab)
_RUN_TEXT = frozenset(f"{_W}{tag}" for tag in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))
MAX_GRID_SPAN = 63  # Word's most columns: a cell "spanning" a billion would be repeated a billion times


@dataclass
class DocxText:
    text: str  # one paragraph per line, blank lines between
    insertions: int = 0  # pending tracked insertions (w:ins, w:moveTo)
    deletions: int = 0  # pending tracked deletions (w:del, w:moveFrom)

    @property
    def tracked_changes(self) -> int:
        return self.insertions + self.deletions

    def warning(self, where: str) -> str | None:
        """The run's warning about unaccepted changes, or None when there are none."""
        if not self.tracked_changes:
            return None
        parts = []
        if self.insertions:
            parts.append(f"{self.insertions} insertion{'s' * (self.insertions != 1)}")
        if self.deletions:
            parts.append(f"{self.deletions} deletion{'s' * (self.deletions != 1)}")
        count = self.tracked_changes
        return (
            f"{where}: warning: {count} tracked change{'s' * (count != 1)} not yet accepted "
            f"({', '.join(parts)}); linted as if accepted. Accept or reject them in Word "
            "(Review > Accept / Reject) so the text you send is the text poalint checked"
        )


def visible_runs(paragraph):  # an lxml w:p element -> list of w:r elements
    """The paragraph's runs as the accepted draft shows them: inside hyperlinks, fields,
    content controls and pending insertions included, pending deletions left out."""
    runs = []
    for run in paragraph.iter(_R):
        parent = run.getparent()
        while parent is not None and parent is not paragraph and parent.tag not in _HIDDEN:
            parent = parent.getparent()
        if parent is paragraph:
            runs.append(run)
    return runs


def run_text(run) -> str:  # a w:r element
    """A run's text as python-docx's `Run.text` gives it (tabs, breaks, no-break hyphens),
    read from its children in one pass instead of an XPath query per run."""
    return "".join(str(child) for child in run if child.tag in _RUN_TEXT)


def _run_bold(run) -> bool | None:
    """python-docx's `Run.bold`: the run's own `w:b`, or None when it sets none."""
    rpr = run.rPr
    if rpr is None or rpr.b is None:
        return None
    return rpr.b.val


def paragraph_text(paragraph) -> str:  # an lxml w:p element
    return "".join(run_text(run) for run in visible_runs(paragraph))


def count_changes(element) -> tuple[int, int]:  # an lxml element of the body
    """(insertions, deletions) pending in a part of the document."""

    def changes(tags: tuple[str, ...]) -> int:
        # a w:ins / w:del inside run properties marks a paragraph mark, not text: not counted
        return sum(1 for tag in tags for mark in element.iter(tag) if mark.getparent().tag != _RPR)

    return changes(_INSERTED), changes(_DELETED)


class _Styles:
    """Paragraph style names and boldness by style id, read once per document: python-docx's
    `paragraph.style` searches every style of the document (converting each one's type) on
    each call, which made reading a long draft quadratic (10,000 paragraphs: a minute)."""

    def __init__(self, doc) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.styles import BabelFish

        self.names: dict[str | None, str] = {}
        self.bold: dict[str | None, bool] = {}
        for style in doc.styles.element.style_lst:
            if style.type != WD_STYLE_TYPE.PARAGRAPH:
                continue
            name = BabelFish.internal2ui(style.name_val or "")
            rpr = style.rPr
            bold = bool(rpr is not None and rpr.b is not None and rpr.b.val is not False)
            self.names[style.styleId] = name
            self.bold[style.styleId] = bold
            if style.default:
                self.names[None], self.bold[None] = name, bold

    @staticmethod
    def style_id(paragraph) -> str | None:  # an lxml w:p element
        ppr = paragraph.pPr
        return ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None

    def name(self, sid: str | None) -> str:
        return self.names.get(sid, self.names.get(None, "")) or ""

    def is_bold(self, sid: str | None) -> bool:
        return self.bold.get(sid, self.bold.get(None, False))


def _list_level(paragraph, style: str) -> int | None:  # an lxml w:p element
    """List depth (0-based) if the paragraph is a list item, else None."""
    ppr = paragraph.pPr
    numpr = ppr.numPr if ppr is not None else None
    if numpr is not None and numpr.numId is not None and numpr.numId.val != 0:
        ilvl = numpr.ilvl.val if numpr.ilvl is not None else 0
        return int(ilvl)
    lowered = style.lower()
    if lowered.startswith(("list bullet", "list number", "list paragraph")):
        match = re.search(r"(\d)$", style)
        return int(match.group(1)) - 1 if match else 0
    return None


def _all_bold(runs: list, style_bold: bool) -> bool:  # (w:r element, its text) pairs
    runs = [run for run, text in runs if text.strip()]
    if not runs:
        return False
    return all(bold or (bold is None and style_bold) for bold in map(_run_bold, runs))


def paragraph_line(paragraph, styles: _Styles) -> str:  # an lxml w:p element
    runs = [(run, run_text(run)) for run in visible_runs(paragraph)]
    text = _clean("".join(text for _, text in runs))
    if not text:
        return ""
    sid = styles.style_id(paragraph)
    style = styles.name(sid)
    if style.lower() == "title":
        return f"# {text}"
    heading = HEADING_STYLE.match(style)
    if heading:
        return f"{'#' * min(6, max(1, int(heading.group(1))))} {text}"
    level = _list_level(paragraph, style)
    if level is not None:
        return f"{'  ' * min(level, 8)}- {text}"
    if len(text.split()) <= 12 and _all_bold(runs, styles.is_bold(sid)):
        return f"**{text}**"
    return text


def table_rows(table) -> list[str]:  # an lxml w:tbl element
    """One `| a | b |` line per row, cells as python-docx's `_Row.cells` gives them (a cell
    spanning columns repeated, a vertically merged cell read from the row where it starts),
    each merged cell resolved from the row above in one step (python-docx walks up the
    whole merge for every row: quadratic in a long merged column)."""
    lines: list[str] = []
    above: dict[int, object] | None = None  # the row above: grid offset -> the cell's own w:tc
    texts: dict[object, str] = {}  # w:tc -> its cleaned text (the key keeps lxml's proxy, and its id, alive)
    for tr in table.tr_lst:
        row: dict[int, object] = {}
        cells: list[str] = []
        offset = tr.grid_before
        for tc in tr.tc_lst:
            own = tc
            if tc.vMerge == "continue":
                own = above.get(offset) if above is not None else None
                if own is None:  # as python-docx: no cell above at this offset
                    raise ValueError("a merged table cell has no cell above it")
            row.setdefault(offset, own)
            offset += tc.grid_span
            if own not in texts:
                text = " ".join(paragraph_text(p) for p in own.p_lst)  # type: ignore[attr-defined]
                texts[own] = _clean(text).replace("|", "/")
            cells.extend([texts[own]] * max(0, min(own.grid_span, MAX_GRID_SPAN)))  # type: ignore[attr-defined]
        lines.append("| " + " | ".join(cells) + " |")
        above = row
    return lines


class _TextTooLarge(Exception):
    """The paragraphs read so far already make more text than --max-bytes allows."""


def docx_lines(doc, max_bytes: int | None = None) -> list[str]:
    """One line per body paragraph or table row, in document order: one pass over the body's
    XML (python-docx's objects and XPath queries per run made 100,000 paragraphs take minutes).
    With `max_bytes`, stops with `_TextTooLarge` as soon as the text (lines joined by blank
    lines) is over it."""
    styles = _Styles(doc)
    lines: list[str] = []
    size = -2  # the separators: two newlines between lines
    for item in doc.element.body:
        if item.tag == _P:
            new = [paragraph_line(item, styles)]
        elif item.tag == _TBL:
            new = table_rows(item)
        else:
            continue
        lines.extend(new)
        if max_bytes is not None:
            size += sum(len(line.encode("utf-8")) + 2 for line in new)
            if size > max_bytes:
                raise _TextTooLarge
    return lines


def read_docx_text(path: str, max_bytes: int) -> str:
    """The draft's paragraphs, one per line with blank lines between (paragraph n is line 2n-1)."""
    return read_docx(path, max_bytes).text


def read_docx(path: str, max_bytes: int, data: bytes | None = None) -> DocxText:
    """Read a Word draft from `path` (or from `data`, its bytes, e.g. stdin; `path` then
    only names it in messages)."""
    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError

    file = Path(path)
    if data is None:
        try:
            info = file.stat()
            size = info.st_size
        except FileNotFoundError:
            raise InputError(path, "no such file", "check the path") from None
        except OSError as exc:
            raise InputError(
                path, f"cannot read ({exc.strerror})", "check the path and permissions"
            ) from None
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block the zip reader forever
            raise InputError(path, "not a regular file (a pipe, socket or device)", "pass a draft file")
    else:
        size = len(data)
    if size > max_bytes:
        raise InputError(
            path, f"too large ({size} bytes, limit {max_bytes})", "split the draft or raise --max-bytes"
        )
    source = file if data is None else io.BytesIO(data)
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > max_bytes * UNZIPPED_FACTOR:
                raise InputError(
                    path,
                    f"unpacks to {unpacked} bytes, over the limit",
                    "split the draft or raise --max-bytes",
                )
            _refuse_doctype(archive, path)
        if data is None:
            doc = open_docx(str(file))
        else:
            source.seek(0)  # type: ignore[union-attr]
            doc = open_docx(source)
        lines = docx_lines(doc, max_bytes)
        insertions, deletions = count_changes(doc.element.body)
    except InputError:
        raise
    except _TextTooLarge:
        lines = None
    except PermissionError:
        raise InputError(path, "permission denied", "make the file readable") from None
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(
            path, f"not a readable Word .docx file ({type(exc).__name__})", "re-save it from Word as .docx"
        ) from None
    except Exception as exc:  # python-docx raises assorted errors on damaged packages
        detail = " ".join(str(exc).split())  # one line
        problem = f"cannot read Word file ({type(exc).__name__}: {detail})"
        raise InputError(path, problem, "re-save it as .docx") from None
    text = "\n\n".join(lines) if lines is not None else ""
    if lines is None or len(text.encode("utf-8")) > max_bytes:
        raise InputError(
            path, f"too large (over {max_bytes} bytes of text)", "split the draft or raise --max-bytes"
        )
    return DocxText(text, insertions, deletions)


def _refuse_doctype(archive: zipfile.ZipFile, path: str) -> None:
    """Word never writes a DTD. One in a part declares entities: lxml (as python-docx sets it
    up) does not resolve them, so an XXE entity (`<!ENTITY x SYSTEM "file:///etc/passwd">`)
    would silently empty its paragraph. Such a file is reported instead."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(info) as part:
            data = part.read()  # the unpacked size is already bounded
            if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                raise InputError(
                    path,
                    f"{info.filename} declares XML entities (a DTD, which Word never writes; an XXE attack?)",
                    "re-save the draft from Word",
                )


def to_paragraphs(document: Document, findings: list[FindingModel]) -> list[FindingModel]:
    """Turn line/column positions of a Word draft into paragraph numbers and columns in the paragraph."""
    out = []
    excerpts: dict[int, str] = {}  # line -> its excerpt, made once (a paragraph can be a megabyte long)
    for finding in findings:
        if finding.line is None:
            out.append(finding)
            continue
        update: dict[str, int | str | None] = {"line": (finding.line + 1) // 2}
        if 1 <= finding.line <= len(document.lines):
            if finding.line not in excerpts:
                excerpts[finding.line] = paragraph_excerpt(document.lines[finding.line - 1])
            update["excerpt"] = excerpts[finding.line]
        prefix = _prefix_len(document, finding.line)
        if finding.column is not None:
            update["column"] = max(1, finding.column - prefix)
        if finding.end_line is not None:
            update["end_line"] = (finding.end_line + 1) // 2
            if finding.end_column is not None:
                end_prefix = _prefix_len(document, finding.end_line)
                update["end_column"] = max(1, finding.end_column - end_prefix)
        out.append(finding.model_copy(update=update))
    return out


def paragraphs(text: str) -> list[tuple[str, int, str]]:
    """The paragraphs of a text `read_docx_text` made, as a person sees them in Word:
    (style, level, text) with style `heading` (level 1-6), `bullet` (level = depth), `bold`,
    `table` (cells joined by " | ") or `plain`. Findings' paragraph columns count in `text`."""
    out = []
    for line in text.split("\n")[::2]:
        match = PREFIX.match(line)
        prefix = match.group(0) if match else ""
        body = line[len(prefix) :]
        if prefix.startswith("#"):
            out.append(("heading", prefix.count("#"), body))
        elif prefix.strip() == "-":
            out.append(("bullet", (len(prefix) - 2) // 2, body))
        elif prefix == "**":
            out.append(("bold", 0, body[:-2] if body.endswith("**") else body))
        elif prefix == "| ":
            out.append(("table", 0, body[:-2] if body.endswith(" |") else body))
        else:
            out.append(("plain", 0, body))
    return out


def _prefix_len(document: Document, line: int) -> int:
    if not 1 <= line <= len(document.lines):
        return 0
    match = PREFIX.match(document.lines[line - 1])
    return len(match.group(0)) if match else 0


EXCERPT_CHARS = 40


def paragraph_excerpt(line: str) -> str:
    """The first words of a paragraph's line, markup removed: `We will ship all orders…`."""
    match = PREFIX.match(line)
    text = line[match.end() :] if match else line
    text = text.replace("**", "").strip().strip("|").strip()
    text = re.sub(r"\s*\|\s*", " / ", text)  # table cells
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text.rfind(" ", 0, EXCERPT_CHARS + 1)
    return text[: cut if cut > EXCERPT_CHARS // 2 else EXCERPT_CHARS].rstrip(" ,;:-") + "…"

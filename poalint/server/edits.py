"""What the editor server computes without the protocol library: positions in the client's
units, and the text edits that insert a suppression comment.

Findings locate text by 1-based line and code-point column. LSP positions are 0-based, and
their `character` counts code units of the encoding agreed at initialisation: UTF-16 unless
the client offers another (an emoji is one code point, two UTF-16 units, four UTF-8 bytes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from poalint.model.document import Block, Document
from poalint.parse.suppress import directives

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def to_units(line: str, column: int, encoding: str = UTF16) -> int:
    """Code-point `column` (0-based) in `line` -> code units of `encoding`."""
    prefix = line[:column]
    if encoding == UTF32:
        return len(prefix)
    if encoding == UTF8:
        return len(prefix.encode("utf-8", "surrogatepass"))
    return len(prefix) + sum(1 for c in prefix if ord(c) > 0xFFFF)


def from_units(line: str, units: int, encoding: str = UTF16) -> int:
    """Code units of `encoding` (0-based) -> code-point column in `line`; a position inside a
    character (half a surrogate pair) or past the end of the line is clamped."""
    if encoding == UTF32:
        return min(units, len(line))
    count = 0
    for index, char in enumerate(line):
        if count >= units:
            return index
        if encoding == UTF8:
            count += len(char.encode("utf-8", "surrogatepass"))
        else:
            count += 2 if ord(char) > 0xFFFF else 1
    return len(line)


def normalise(text: str) -> str:
    """The editor's text with the line breaks LSP counts (\\r\\n, \\r, \\n) as \\n, so that
    line numbers are the editor's and columns are unchanged."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Insertion:
    """Insert `text` at 0-based (line, column in code points), or replace up to end_column."""

    line: int
    column: int
    text: str
    end_column: int | None = None  # replace [column, end_column) of the line


@dataclass(frozen=True)
class Suppression:
    title: str
    edits: tuple[Insertion, ...]


_SINGLE_COMMENT = re.compile(r"^([ \t]*)<!--.*-->[ \t]*$")


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _block_at(document: Document, line: int) -> Block | None:
    for block in document.blocks:
        if block.start_line <= line <= block.end_line:
            return block
    return None


def _comment(indent: str, action: str, tokens: list[str]) -> str:
    return f"{indent}<!-- poalint-{action} {', '.join(tokens)} -->"


def _extend(document: Document, action: str, rule: str, target: int | None) -> Insertion | None:
    """Add `rule` to an existing one-line `action` directive (for disable-next-line, the one
    aimed at `target`) instead of writing a second comment."""
    lines = document.lines
    for directive in directives(document):
        if directive.action != action or directive.line != directive.end_line or not directive.tokens:
            continue
        if target is not None:
            aim = directive.end_line + 1
            while aim <= len(lines) and not lines[aim - 1].strip():
                aim += 1
            if aim != target:
                continue
        text = lines[directive.line - 1]
        match = _SINGLE_COMMENT.match(text)
        if match is None:
            continue
        inner = text.strip()[4:-3].strip()
        listed = inner.split(None, 1)[1] if " " in inner else ""
        tokens = [t for t in re.split(r"[\s,]+", listed) if t]
        if rule.lower() in (t.lower() for t in tokens):
            return None  # already there: nothing to add
        new = _comment(match.group(1), action, [*tokens, rule])
        return Insertion(directive.line - 1, 0, new, end_column=len(text))
    return None


def line_suppression(document: Document, rule: str, line: int) -> Suppression:
    """Silence `rule` at 1-based `line`: a `disable-next-line` comment above it when the line
    starts its paragraph (or list item, heading...), else `disable` / `enable` comments around
    the paragraph, since a comment line in the middle would split it."""
    lines = document.lines
    block = _block_at(document, line)
    first, last = (block.start_line, block.end_line) if block else (line, line)
    indent = _indent(lines[first - 1]) if first <= len(lines) else ""
    if first == line:
        extended = _extend(document, "disable-next-line", rule, line)
        if extended is not None:
            return Suppression(f"Disable {rule} for this line", (extended,))
        comment = _comment(indent, "disable-next-line", [rule])
        return Suppression(f"Disable {rule} for this line", (Insertion(line - 1, 0, comment + "\n"),))
    before = Insertion(first - 1, 0, _comment(indent, "disable", [rule]) + "\n")
    enable = _comment(indent, "enable", [rule])
    if last < len(lines):
        after = Insertion(last, 0, enable + "\n")
    else:  # the paragraph ends the file without a line break
        after = Insertion(last - 1, len(lines[last - 1]), "\n" + enable)
    return Suppression(f"Disable {rule} for this paragraph", (before, after))


def file_suppression(document: Document, rule: str) -> Suppression:
    """Silence `rule` in the whole draft: add it to a `disable-file` comment, or write one on
    the first line (where the README's convention puts it)."""
    title = f"Disable {rule} for this file"
    extended = _extend(document, "disable-file", rule, None)
    if extended is not None:
        return Suppression(title, (extended,))
    return Suppression(title, (Insertion(0, 0, _comment("", "disable-file", [rule]) + "\n"),))

"""Reading drafts from disk or stdin: encodings, binary files, size limits, line endings."""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import sys

from poalint.errors import InputError

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
WORD_SUFFIXES = (".docx",)
DRAFT_SUFFIXES = TEXT_SUFFIXES + WORD_SUFFIXES  # what folder walks collect
HTML_SUFFIXES = (".html", ".htm", ".xhtml")  # read when named explicitly (or --stdin-filename)
# Document formats poalint cannot read: refused, never linted as plain text.
UNSUPPORTED_SUFFIXES = (
    ".rtf",
    ".odt",
    ".ott",
    ".fodt",
    ".pdf",
    ".doc",
    ".dot",
    ".docm",
    ".dotx",
    ".dotm",
    ".pages",
    ".wpd",
    ".wps",
    ".xps",
    ".epub",
)
UNSUPPORTED = "unsupported format"
SAVE_AS = "save it as .docx, .md or .txt"
# Signatures of those formats, for files whose name does not say (`poa.txt` saved as RTF)
_OTHER_FORMAT_MAGIC = (
    b"{\\rtf",
    b"%PDF-",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE compound file: Word 97-2003 .doc
)


def draft_format(name: str) -> str:
    """The draft's format from its file name ("text", "docx" or "html"); other document
    formats are refused."""
    lowered = name.lower()
    if lowered.endswith(WORD_SUFFIXES):
        return "docx"
    if lowered.endswith(HTML_SUFFIXES):
        return "html"
    if lowered.endswith(UNSUPPORTED_SUFFIXES):
        raise InputError(name, UNSUPPORTED, SAVE_AS)
    return "text"


def refuse_other_formats(data: bytes, where: str) -> None:
    """RTF, PDF, Word 97-2003 and OpenDocument files under a text name are refused too."""
    head = data[:256].lstrip()
    if head.startswith(_OTHER_FORMAT_MAGIC) or (
        data.startswith(b"PK\x03\x04") and b"mimetypeapplication/vnd.oasis.opendocument" in data[:100]
    ):
        raise InputError(where, UNSUPPORTED, SAVE_AS)


DEFAULT_MAX_BYTES = 1_000_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, where: str) -> str:
    """Decode a draft's bytes: BOMs first, then strict UTF-8, then Windows-1252/Latin-1."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                problem = f"not valid {encoding} text ({exc.reason})"
                raise InputError(where, problem, "re-save it as UTF-8") from None
    refuse_other_formats(data, where)
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data:
        raise InputError(where, "binary file, not a text draft", _BINARY_HINT)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 is what Word and Notepad wrote for years. Decode as Latin-1 (which never
        # fails), then map the 0x80-0x9F range to Windows-1252 wherever that code page defines it.
        text = data.decode("latin-1").translate(_CP1252_C1)
    if _mostly_control(text):
        raise InputError(where, "binary file, not a text draft (mostly control characters)", _BINARY_HINT)
    return text


_BINARY_HINT = "lint .md, .markdown, .txt or .docx files"
# C0 and C1 control codes other than tab, line feed, vertical tab, form feed and carriage return
_CONTROL_CODES = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _mostly_control(text: str, sample: int = 8192) -> bool:
    """True when over 10% of the first characters are C0/C1 control codes: not a text draft."""
    head = text[:sample]
    if not head:
        return False
    return len(_CONTROL_CODES.findall(head)) * 10 > len(head)


def _cp1252_c1_table() -> dict[int, str]:
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_CP1252_C1 = _cp1252_c1_table()


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a draft, refusing what is not a regular file or is over `max_bytes`.

    The file is opened once, non-blocking, and checked through its descriptor: a FIFO or a
    device (`/dev/zero`) named on the command line is refused instead of hanging the run.
    Nothing is ever opened for writing.
    """
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(path, flags)
        except OSError as exc:
            raise _open_error(path, exc) from None
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise InputError(path, "is a directory", "pass a file or a folder of drafts")
            if not stat.S_ISREG(info.st_mode):
                raise InputError(path, "not a regular file (a pipe, socket or device)", "pass a draft file")
            if info.st_size > max_bytes:
                problem = f"too large ({info.st_size} bytes, limit {max_bytes})"
                raise InputError(path, problem, "split the draft or raise --max-bytes")
            with os.fdopen(os.dup(fd), "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(path, f"cannot read ({exc.strerror or exc})", "check the file") from None
        finally:
            os.close(fd)
    if len(data) > max_bytes:
        raise InputError(path, f"too large (over {max_bytes} bytes)", "split the draft or raise --max-bytes")
    return data


def _open_error(path: str, exc: OSError) -> InputError:
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return InputError(path, "broken symlink", "fix or remove the link")
        return InputError(path, "no such file", "check the path")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(path, "permission denied", "make the file readable")
    if exc.errno == errno.ELOOP:
        return InputError(path, "symlink loop", "fix the link so it points at a draft")
    if exc.errno == errno.EISDIR:
        return InputError(path, "is a directory", "pass a file or a folder of drafts")
    return InputError(path, f"cannot read ({exc.strerror or exc})", "check the path and permissions")


def read_text(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the newline-normalised text of a text draft."""
    where = "<stdin>" if path == "-" else path
    return normalise_newlines(decode(read_bytes(path, max_bytes), where))

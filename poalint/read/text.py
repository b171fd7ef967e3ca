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
    except UnicodeDecodeError as exc:
        text = _decode_other(data, where, exc)
    if _mostly_control(text):
        raise InputError(where, "binary file, not a text draft (mostly control characters)", _BINARY_HINT)
    return text


class Decoded(str):
    """Decoded text that carries a note about how it was decoded (a warning for the user)."""

    note: str = ""
    encoding: str = "utf-8"


def _decode_other(data: bytes, where: str, first: UnicodeDecodeError) -> str:
    """Text that is not valid UTF-8.

    Mostly UTF-8 (valid multi-byte sequences, a few bad bytes): UTF-8 with the bad bytes
    replaced by U+FFFD and a warning naming the first bad line; re-decoding the whole file
    as Windows-1252 would turn every other accent into mojibake. Otherwise the encoding is
    detected (charset-normalizer): Windows-1252/Latin-1 as Word and Notepad wrote for years,
    or another code page (Shift-JIS, GB18030...), whose drafts the language check then reports.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for char in text if char > "\x7f") - text.count("\ufffd")
    if good and bad <= 2 * good + 2:  # Windows-1252 text almost never forms valid UTF-8 pairs
        line = data[: first.start].count(b"\n") + 1
        result = Decoded(text)
        result.note = (
            f"{where}:{line}: warning: not valid UTF-8 ({bad} byte{'s' if bad > 1 else ''} replaced, "
            f"the first 0x{data[first.start]:02x}); re-save the draft as UTF-8"
        )
        return result
    encoding = _detect(data)
    if encoding is not None and not _mostly_other_script(data.decode(encoding, errors="replace")):
        encoding = None  # a Latin-script code page: read as Windows-1252, as Word wrote it
    if encoding is None:
        # Decode as Latin-1 (which never fails), then map 0x80-0x9F to Windows-1252
        return data.decode("latin-1").translate(_CP1252_C1)
    result = Decoded(data.decode(encoding, errors="replace"))
    result.encoding = encoding
    return result


_WESTERN = {"ascii", "utf_8", "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "cp850"}


def _detect(data: bytes) -> str | None:
    """A non-Western code page the bytes are written in, or None (read them as Windows-1252)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    encoding = codecs.lookup(best.encoding).name.replace("-", "_")
    return None if encoding in _WESTERN else encoding


def _mostly_other_script(text: str) -> bool:
    letters = [c for c in text[:20_000] if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if c >= "\u0250") * 2 > len(letters)


ENCODING_NAMES = {
    "cp932": "Shift-JIS",
    "shift_jis": "Shift-JIS",
    "shift_jisx0213": "Shift-JIS",
    "euc_jp": "EUC-JP",
    "gb18030": "GB18030",
    "gbk": "GB18030 (GBK)",
    "gb2312": "GB18030 (GB2312)",
    "big5": "Big5",
    "cp949": "EUC-KR",
    "euc_kr": "EUC-KR",
}


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
    decoded = decode(read_bytes(path, max_bytes), where)
    text = normalise_newlines(decoded)
    if isinstance(decoded, Decoded):  # keep the note and the encoding
        result = Decoded(text)
        result.note, result.encoding = decoded.note, decoded.encoding
        return result
    return text


_ENGLISH = set(
    "the a an and or of to in on for with we our us is are was were be been this that it its by from at as "
    "will would have has had not no all each every they their them you your i my which who so but if after "
    "before than these those any can could should also into out up about when what how more".split()
)
_WORD = re.compile(r"[^\W\d_]+")
_BEYOND_LATIN = re.compile("[^\u0000-\u024f]")  # a letter from U+0250 on: IPA, Greek, Cyrillic, CJK...


def language_problem(text: str, encoding: str = "utf-8") -> str | None:
    """Why `text` is not an English draft (poalint's rules are English), or None.

    Judged on the first 20,000 characters: mostly letters outside the Latin script (Chinese,
    Japanese, Cyrillic...), or at least 40 words (30 different ones) of which under 8% are
    common English function words (an English draft has over 30%). Short texts and lists of
    labels are not judged."""
    sample = text[:20_000]
    words = _WORD.findall(sample)
    letters = sum(map(len, words))
    if letters < 40:
        return None
    latin = letters if sample.isascii() else letters - len(_BEYOND_LATIN.findall("".join(words)))
    named = ENCODING_NAMES.get(encoding, encoding.replace("_", "-").upper())
    written = f"written in {named}, " if encoding != "utf-8" else ""
    if latin * 2 < letters:
        return f"{written}not English (mostly {_script(words)} letters)"
    lowered = list(map(str.lower, words)) if len(words) >= 40 else []
    if lowered and len(set(lowered)) >= 30:  # prose, not a list of labels
        english = sum(map(_ENGLISH.__contains__, lowered))
        if english * 100 < len(words) * 8:
            return f"{written}not English (few English words)"
    return None


def _script(words: list[str]) -> str:
    import unicodedata

    names = [unicodedata.name(c, "OTHER").split()[0] for w in words[:200] for c in w if c >= "\u0250"]
    if not names:
        return "non-Latin"
    top = max(set(names), key=names.count)
    return {
        "CJK": "Chinese or Japanese",
        "HIRAGANA": "Japanese",
        "KATAKANA": "Japanese",
        "HANGUL": "Korean",
    }.get(top, top.title())

"""Reading drafts from disk or stdin: encodings, binary files, size limits, line endings."""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

from poalint.errors import InputError

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
WORD_SUFFIXES = (".docx",)
DRAFT_SUFFIXES = TEXT_SUFFIXES + WORD_SUFFIXES
DEFAULT_MAX_BYTES = 1_000_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"BM")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, where: str) -> str:
    """Decode a draft's bytes: BOMs first, then strict UTF-8, then Windows-1252/Latin-1."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(where, f"not valid {encoding} text ({exc.reason})", "re-save it as UTF-8") from None
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data:
        raise InputError(where, "binary file, not a text draft", "lint .md, .markdown, .txt or .docx files")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1252 is what Word and Notepad wrote for years. Decode as Latin-1 (which never
    # fails), then map the 0x80-0x9F range to Windows-1252 wherever that code page defines it.
    return data.decode("latin-1").translate(_CP1252_C1)


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
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            size = os.stat(path).st_size
        except FileNotFoundError:
            raise InputError(path, "no such file", "check the path") from None
        except OSError as exc:
            raise InputError(path, f"cannot read ({exc.strerror})", "check the path and permissions") from None
        if size > max_bytes:
            raise InputError(
                path, f"too large ({size} bytes, limit {max_bytes})", "split the draft or raise --max-bytes"
            )
        try:
            data = Path(path).read_bytes()
        except PermissionError:
            raise InputError(path, "permission denied", "make the file readable") from None
        except IsADirectoryError:
            raise InputError(path, "is a directory", "pass a file or a folder of drafts") from None
        except OSError as exc:
            raise InputError(path, f"cannot read ({exc.strerror})", "check the file") from None
    if len(data) > max_bytes:
        raise InputError(path, f"too large (over {max_bytes} bytes)", "split the draft or raise --max-bytes")
    return data


def read_text(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the newline-normalised text of a text draft."""
    where = "<stdin>" if path == "-" else path
    return normalise_newlines(decode(read_bytes(path, max_bytes), where))

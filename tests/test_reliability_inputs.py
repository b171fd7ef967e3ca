"""Reading drafts in-process: encodings, line endings, odd files, folder walks."""

from __future__ import annotations

import os
import time

import pytest

from poalint.errors import InputError
from poalint.read.discovery import discover
from poalint.read.text import read_text

TEXT = "Root cause: the café’s “weekend” shift – 3 × late – was unstaffed.\nWe hire 2 packers by 1 June.\n"

DRAFT = """# Plan of Action

## Root cause
Our café team was kind of late because we had no backup packer.

## Immediate actions
- We will improve our processes soon.

## Preventive measures
- We will try to do better going forward.
"""


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf-8", TEXT.encode("utf-8")),
        ("utf-8 with BOM", TEXT.encode("utf-8-sig")),
        ("utf-16 LE with BOM", TEXT.encode("utf-16")),  # Python writes the native (LE) BOM
        ("utf-16 BE with BOM", b"\xfe\xff" + TEXT.encode("utf-16-be")),
        ("utf-32 with BOM", TEXT.encode("utf-32")),
    ],
)
def test_unicode_encodings_are_detected(tmp_path, name, data):
    path = tmp_path / "draft.md"
    path.write_bytes(data)
    assert read_text(str(path)) == TEXT


def test_latin1_and_windows_1252(tmp_path):
    path = tmp_path / "draft.txt"
    # Latin-1: é is 0xE9; Windows-1252 curly quotes are 0x93/0x94, the apostrophe 0x92, the dash 0x96
    path.write_bytes(b"Root cause: the caf\xe9 \x93weekend\x94 shift \x96 it wasn\x92t staffed.\n")
    assert read_text(str(path)) == "Root cause: the café “weekend” shift – it wasn’t staffed.\n"
    path.write_bytes("Notre café était fermé.".encode("latin-1"))
    assert read_text(str(path)) == "Notre café était fermé."


def test_valid_utf8_is_never_read_as_cp1252(tmp_path):
    path = tmp_path / "draft.md"
    path.write_bytes("naïve “quotes” — €5".encode())
    assert read_text(str(path)) == "naïve “quotes” — €5"


def test_invalid_utf16_after_bom_is_an_error(tmp_path):
    path = tmp_path / "draft.md"
    path.write_bytes(b"\xff\xfeR\x00o\x00\x00\xd8")  # a lone surrogate
    with pytest.raises(InputError, match="not valid utf-16-le"):
        read_text(str(path))


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr_give_the_same_lines_as_lf(tmp_path, linter, newline):
    lf = tmp_path / "lf.md"
    lf.write_bytes(DRAFT.encode())
    other = tmp_path / "other.md"
    other.write_bytes(DRAFT.replace("\n", newline).encode())
    assert read_text(str(other)) == read_text(str(lf))
    reports = list(linter.iter_reports([str(lf), str(other)]))

    def locations(report):
        return [(f.rule, f.line, f.column, f.end_line, f.end_column) for f in report.findings]

    assert locations(reports[0])
    assert locations(reports[0]) == locations(reports[1])
    assert [s.model_dump() for s in reports[0].sections] == [s.model_dump() for s in reports[1].sections]


def test_mixed_line_endings(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"one\r\ntwo\rthree\nfour\r\r\nfive")
    assert read_text(str(path)).split("\n") == ["one", "two", "three", "four", "", "five"]


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "binary"),
        (b"GIF89a\x01\x00", "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary"),
        (b"PK\x03\x04\x14\x00", "binary"),
        (b"plain text with a \x00 NUL", "binary"),
        (bytes(range(1, 32)) * 20, "mostly control characters"),
    ],
)
def test_binary_files_are_refused(tmp_path, data, needle):
    path = tmp_path / "file.md"
    path.write_bytes(data)
    with pytest.raises(InputError, match=needle) as info:
        read_text(str(path))
    assert str(path) in info.value.line() and "\n" not in info.value.line()


def test_text_that_starts_like_a_magic_number_is_still_text(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text("BMW parts were shipped late.\n")  # "BM" is the BMP signature
    assert read_text(str(path)) == "BMW parts were shipped late.\n"


def test_size_limit(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"a" * 101)
    with pytest.raises(InputError, match=r"too large \(101 bytes, limit 100\)"):
        read_text(str(path), max_bytes=100)
    assert read_text(str(path), max_bytes=101) == "a" * 101


def test_directory_fifo_and_device_are_refused_without_hanging(tmp_path):
    folder = tmp_path / "folder.md"
    folder.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        read_text(str(folder))
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)  # opening a FIFO for reading would block forever without a writer
    started = time.monotonic()
    with pytest.raises(InputError, match="not a regular file"):
        read_text(str(fifo))
    assert time.monotonic() - started < 5
    if os.path.exists("/dev/zero"):  # an endless file
        with pytest.raises(InputError, match="not a regular file"):
            read_text("/dev/zero")


def test_missing_broken_link_and_loop(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(str(tmp_path / "nope.md"))
    os.symlink(tmp_path / "gone.md", tmp_path / "broken.md")
    with pytest.raises(InputError, match="broken symlink"):
        read_text(str(tmp_path / "broken.md"))
    os.symlink("self.md", tmp_path / "self.md")
    with pytest.raises(InputError, match="symlink loop"):
        read_text(str(tmp_path / "self.md"))


def test_walk_reports_loops_but_not_second_links(tmp_path):
    root = tmp_path / "drafts"
    (root / "a").mkdir(parents=True)
    (root / "a" / "one.md").write_text("x")
    os.symlink("../a", root / "a-again")  # a second way into a/: not a loop, listed once
    os.symlink("..", root / "a" / "up")  # back to drafts/: a loop
    (root / ".hidden.md").write_text("x")  # editor and hidden files are skipped
    (root / "~$draft.docx").write_text("x")
    files, errors = discover([str(root)])
    assert [os.path.relpath(f, root) for f in files] == ["a/one.md"]
    assert len(errors) == 1
    assert "symlink loop" in errors[0].line() and errors[0].line().startswith(str(root / "a" / "up"))


def test_empty_folder_and_missing_path(tmp_path):
    files, errors = discover([str(tmp_path), str(tmp_path / "nope")])
    assert files == []
    assert [e.problem for e in errors] == [
        "folder holds no drafts (.md, .markdown, .txt, .docx)",
        "no such file or folder",
    ]


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", " \t\n \n", "\ufeff"])
def test_empty_and_blank_drafts_are_a_structure_result(linter, text):
    report = linter.lint_text(text)
    assert report.findings
    assert {f.category for f in report.findings} == {"structure"}
    assert report.score <= 45


def test_broken_and_odd_word_files(tmp_path, linter):
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"not a zip at all \x00\x01")
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    started = time.monotonic()
    errors = list(linter.iter_reports([str(fake), str(pipe)]))
    assert time.monotonic() - started < 10
    assert "not a readable Word .docx file" in errors[0].message
    assert "not a regular file" in errors[1].message
    assert all("\n" not in e.message for e in errors)

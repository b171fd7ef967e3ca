"""Word drafts: paragraphs as locations, headings in Word's forms, broken files refused."""

from __future__ import annotations

import contextlib
import json

import jsonschema

from tests.conftest import run_cli
from tests.helpers import SARIF_SCHEMA, VAGUE, make_docx


def test_docx_drafts_map_to_paragraphs(tmp_path):
    draft = tmp_path / "poa.docx"
    paragraphs = make_docx(draft)
    blame_para = next(i for i, t in enumerate(paragraphs, 1) if "NOT our fault" in t)
    vague_para = next(i for i, t in enumerate(paragraphs, 1) if t == VAGUE)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = run_cli("check", "--format", "json", str(draft), str(broken))
    assert result.returncode == 2  # the broken file is an input error; the good one is still linted
    report = json.loads(result.stdout)
    file = report["files"][0]
    assert file["location_unit"] == "paragraph"
    kinds = {s["kind"]: s for s in file["sections"]}
    assert {"root_cause", "immediate_actions", "preventive_measures"} <= set(kinds)
    assert kinds["root_cause"]["start_line"] == 3  # paragraph 3 is the "Root cause" heading
    findings = {f["rule"]: f for f in file["findings"]}
    assert findings["blame-denial"]["line"] == blame_para
    snippet = paragraphs[blame_para - 1]
    col = findings["blame-denial"]["column"]
    assert snippet[col - 1 :].startswith("NOT our fault")  # column within the Word paragraph
    assert findings["vague-timing"]["line"] == vague_para
    assert not any(f["rule"].startswith("missing-") and f["line"] is None for f in file["findings"])
    assert "broken.docx" in report["errors"][0]["message"] and "Word" in report["errors"][0]["message"]
    assert "Traceback" not in result.stderr

    text = run_cli("check", str(draft))
    quote = '("On 19 February we moved the carrier…")'  # the paragraph's first words, to find it
    assert f"{draft}:¶{blame_para} {quote}: error [blame-denial]" in text.stdout
    assert "[locations are paragraph numbers]" in text.stdout
    sarif = json.loads(run_cli("check", "--format", "sarif", str(draft)).stdout)
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text()))
    messages = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert any(m.startswith(f"paragraph {blame_para} {quote}: ") for m in messages)


def _python_docx_lines(path) -> list[str]:
    """The lines read through python-docx's own objects (`Run.text`, `Run.bold`, `_Row.cells`):
    what `docx_lines` reads in one pass over the XML, and must give unchanged."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    from poalint.read.docx import HEADING_STYLE, _clean, _list_level, _Styles, visible_runs

    document = docx.Document(str(path))
    styles = _Styles(document)
    lines = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells = [
                    " ".join("".join(Run(r, p).text for r in visible_runs(p._p)) for p in cell.paragraphs)
                    for cell in row.cells
                ]
                lines.append("| " + " | ".join(_clean(c).replace("|", "/") for c in cells) + " |")
            continue
        runs = [Run(r, item) for r in visible_runs(item._p)]
        text = _clean("".join(r.text for r in runs))
        sid = styles.style_id(item._p)
        style = styles.name(sid)
        level = _list_level(item._p, style)
        bold = styles.is_bold(sid)
        shown = [r for r in runs if r.text.strip()]
        if not text:
            lines.append("")
        elif style.lower() == "title":
            lines.append(f"# {text}")
        elif heading := HEADING_STYLE.match(style):
            lines.append(f"{'#' * min(6, max(1, int(heading.group(1))))} {text}")
        elif level is not None:
            lines.append(f"{'  ' * min(level, 8)}- {text}")
        elif len(text.split()) <= 12 and shown and all(r.bold or (r.bold is None and bold) for r in shown):
            lines.append(f"**{text}**")
        else:
            lines.append(text)
        assert isinstance(item, Paragraph)
    return lines


def test_one_pass_reading_matches_python_docx(tmp_path):
    """Issue 14, item 11: `docx_lines` reads the XML in one pass (python-docx's objects made
    100,000 paragraphs take minutes) and gives what python-docx's objects give: runs with tabs,
    breaks and no-break hyphens, bold runs, hyperlinks and tracked changes, list and heading
    styles, and tables with cells merged across and down."""
    import random

    import docx
    from docx.enum.text import WD_BREAK
    from docx.exceptions import InvalidSpanError
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from poalint.read.docx import docx_lines

    words = "we ship late orders root cause the packer | daily by 15 June improve our processes".split()
    for seed in range(30):
        rng = random.Random(seed)
        document = docx.Document()
        for _ in range(rng.randint(5, 20)):
            roll = rng.random()
            if roll < 0.15:
                document.add_heading(
                    " ".join(rng.choices(words, k=rng.randint(1, 6))), level=rng.randint(0, 4)
                )
            elif roll < 0.3:
                style = rng.choice(["List Bullet", "List Number", "List Bullet 2"])
                document.add_paragraph(" ".join(rng.choices(words, k=5)), style=style)
            elif roll < 0.55:
                paragraph = document.add_paragraph()
                for _ in range(rng.randint(1, 4)):
                    run = paragraph.add_run(" ".join(rng.choices(words, k=rng.randint(0, 3))))
                    run.bold = rng.choice([True, False, None])
                    if rng.random() < 0.3:
                        run.add_tab()
                    if rng.random() < 0.3:
                        run.add_break(rng.choice([WD_BREAK.LINE, WD_BREAK.PAGE]))
                w = nsdecls("w")
                extras = [
                    f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t>inserted words</w:t></w:r></w:ins>',
                    f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>gone</w:delText></w:r></w:del>',
                    f"<w:hyperlink {w}><w:r><w:t>link text</w:t><w:noBreakHyphen/></w:r></w:hyperlink>",
                ]
                for xml in extras:
                    if rng.random() < 0.3:
                        paragraph._p.append(parse_xml(xml))
            elif roll < 0.8:
                rows, cols = rng.randint(1, 6), rng.randint(1, 5)
                table = document.add_table(rows=rows, cols=cols)
                for i in range(rows):
                    for j in range(cols):
                        table.cell(i, j).text = " ".join(rng.choices(words, k=rng.randint(0, 3)))
                for _ in range(rng.randint(0, 3)):
                    a = (rng.randrange(rows), rng.randrange(cols))
                    b = (rng.randrange(rows), rng.randrange(cols))
                    with contextlib.suppress(InvalidSpanError):  # not a rectangle
                        table.cell(*a).merge(table.cell(*b))
            else:
                document.add_paragraph(" ".join(rng.choices(words, k=rng.randint(0, 12))))
        path = tmp_path / f"d{seed}.docx"
        document.save(str(path))
        assert docx_lines(docx.Document(str(path))) == _python_docx_lines(path), seed

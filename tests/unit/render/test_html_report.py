"""The HTML report: one self-contained page, everything from the draft escaped, findings
highlighted at their text; checked statically here and in a real headless Chromium."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.browser import Browser, find_chromium
from tests.conftest import CORPUS, GOOD, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"

# a draft that tries every way in: tags, handlers, closing a textarea, a javascript: link
HOSTILE = """# Plan of Action <script>window.__pwned = "script"; alert("script")</script>

## Root cause
Our packer printed labels late <img src=x onerror="window.__pwned='img';alert('img')">.
We will try harder. It was the carrier's fault!!!

## Immediate actions
</textarea><script>window.__pwned = "textarea"</script> We refunded all 14 buyers on 3 May.
<svg onload="window.__pwned='svg'"></svg> [click](javascript:window.__pwned='link') &amp; &lt;b&gt;

## Preventive measures
We will improve our processes soon. <iframe src="javascript:parent.__pwned='iframe'"></iframe>
"""
# an HTML draft: shown as the text a reader sees, findings mapped back from the page's source
PAGE = """<html><head><title>POA</title><script>window.__pwned = "page"</script></head><body>
<h1>Plan of Action</h1>
<h2>Root cause</h2>
<p>The orders were late. We will <b>try harder</b> &amp; it was the carrier's fault!!!</p>
<h2>Preventive measures</h2>
<ul><li>We will improve our processes soon.</li><li>On 3 May we refunded all 14 buyers.</li></ul>
</body></html>
"""
HOSTILE_NAME = "<img src=x onerror=alert(1)>.md"

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "main", "nav",
    "table", "thead", "tbody", "tr", "th", "td", "a", "span", "div", "section", "article", "q", "mark",
    "ol", "ul", "li", "code", "b", "br", "small", "details", "summary", "script",
}  # fmt: skip


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Plan of Action", 1)
    document.add_heading("Root cause", 2)
    document.add_paragraph("The orders shipped late. We will try harder and it was the carrier's fault!!!")
    document.add_heading("Immediate actions", 2)
    document.add_paragraph("On 3 May we refunded all 14 affected buyers.", style="List Bullet")
    run = document.add_paragraph().add_run("Preventive measures")
    run.bold = True
    document.add_paragraph(
        "We will improve our processes <script>window.__pwned='docx'</script> soon.", style="List Bullet"
    )
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Owner"
    table.cell(0, 1).text = "Shift lead"
    document.save(str(path))


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("html")
    hostile = folder / HOSTILE_NAME
    hostile.write_text(HOSTILE)
    word = folder / "word.docx"
    make_docx(word)
    good = folder / "good.md"
    good.write_text((CORPUS / "a01_lsr_weekend_backlog.md").read_text())
    page = folder / "page.html"
    page.write_text(PAGE)
    return [hostile, word, good, page]


@pytest.fixture(scope="module")
def cli(nlp):
    import poalint.nlp.pipeline
    from poalint.cli.app import cli

    patch = pytest.MonkeyPatch()
    patch.setattr(poalint.nlp.pipeline, "load_pipeline", lambda name=None, exclude=(): nlp)

    def run(*args: str):
        return CliRunner().invoke(cli, ["check", "--no-cache", *args], catch_exceptions=False)

    yield run
    patch.undo()


@pytest.fixture(scope="module")
def built(drafts, cli, tmp_path_factory) -> tuple[Path, dict]:
    """The HTML report of the three drafts and the JSON report of the same run."""
    out = tmp_path_factory.mktemp("out") / "report.html"
    paths = [str(p) for p in drafts]
    result = cli("--format", "html", "--output", str(out), *paths)
    assert result.exit_code == 1, result.output  # the drafts have errors
    report = json.loads(cli("--format", "json", *paths).stdout)
    return out, report


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


# -- static checks ---------------------------------------------------------------------------


def test_the_page_is_self_contained_and_only_its_own_script_may_run(built):
    html = built[0].read_text()
    tags = parse(html)
    assert {t for t, _ in tags.tags} <= ALLOWED_TAGS
    assert [t for t, _ in tags.tags].count("script") == 1
    for tag, attrs in tags.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs
        if tag == "a":
            assert attrs["href"].startswith("#"), attrs  # links stay in the page
    (csp,) = [
        a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    digest = base64.b64encode(hashlib.sha256(tags.scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert "http://" not in html and "https://" not in html  # no network, no external assets


def test_everything_from_the_draft_is_escaped(built):
    html = built[0].read_text()
    assert "<img" not in html and "<svg" not in html and "<iframe" not in html
    assert "</textarea>" not in html and "<textarea" not in html
    # ...and every line of the draft shows as typed: the page's text has it verbatim

    draft = html.split('<article class="file" id="file-1"', 1)[1].split('class="draft"', 1)[1]
    draft = draft.split("<h3>Findings in the text</h3>", 1)[0]
    shown = [
        unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r'<span class="tx">(.*?)</span></div>', draft)
    ]
    assert shown == HOSTILE.rstrip("\n").split("\n")
    assert "&lt;img src=x onerror=alert(1)&gt;.md" in html  # the hostile file name too
    assert "&amp;amp; &amp;lt;b&amp;gt;" in html  # entities in the draft show as typed


def test_every_finding_is_highlighted_at_its_text(built):
    html, report = built[0].read_text(), built[1]
    for k, file in enumerate(report["files"], 1):
        article = html.split(f'<article class="file" id="file-{k}"', 1)[1].split("</article>", 1)[0]
        for i, finding in enumerate(file["findings"]):
            if finding["line"] is None:
                assert f'<li data-f="{i}">' in article.split('class="whole"', 1)[1]
                continue
            marked = _marked_text(article, i)
            assert _same(marked, finding["text"]), (file["path"], finding["rule"], marked, finding["text"])


def _marked_text(article: str, index: int) -> str:

    parts = []
    for line in re.finditer(r'<div class="ln[^"]*" data-line="(\d+)">(.*?)</div>', article):
        pieces = [
            unescape(m.group(2))
            for m in re.finditer(r'<mark [^>]*data-f="([^"]*)"[^>]*>(.*?)</mark>', line.group(2))
            if str(index) in m.group(1).split()
        ]
        if pieces:
            parts.append("".join(pieces))
    return "\n".join(parts)


def _same(marked: str, quoted: str) -> bool:
    """The highlighted text is the finding's quoted text (which is stripped, and cut at 200
    characters with an ellipsis)."""
    marked, quoted = " ".join(marked.split()), " ".join(quoted.split())
    if quoted.endswith("…"):
        return marked.startswith(quoted[:-1])
    return marked == quoted


def test_word_drafts_show_their_paragraphs(built):
    html = built[0].read_text()
    article = html.split('<article class="file" id="file-2"', 1)[1].split("</article>", 1)[0]
    lines = re.findall(
        r'<div class="ln p-(\w+)" data-line="(\d+)"><span class="no" aria-hidden="true">(.*?)</span>', article
    )
    assert [(style, int(n)) for style, n, _ in lines] == [
        ("heading", 1), ("heading", 2), ("plain", 3), ("heading", 4), ("bullet", 5), ("bold", 6), ("bullet", 7), ("table", 8),
    ]  # fmt: skip
    assert all(gutter == f"¶{n}" for _, n, gutter in lines)
    assert "Owner | Shift lead" in article and "**" not in article and "| Owner" not in article


def test_html_drafts_show_the_text_a_reader_sees(built):
    html = built[0].read_text()
    article = html.split('<article class="file" id="file-4"', 1)[1].split("</article>", 1)[0]
    assert "We will <mark" in article and "try harder</mark> &amp; it was the" in article
    assert (
        "&lt;b&gt;" not in article and "__pwned" not in article
    )  # the page's markup and script are not shown


def test_sections_are_outlined_and_named_and_several_drafts_get_an_index(built):
    html, report = built[0].read_text(), built[1]
    for k, file in enumerate(report["files"], 1):
        assert f'<a href="#file-{k}">' in html.split("</nav>", 1)[0]
        article = html.split(f'<article class="file" id="file-{k}"', 1)[1].split("</article>", 1)[0]
        for kind in {s["kind"] for s in file["sections"]}:
            assert f'<section class="sec k-{kind}"' in article
        assert f">{file['score']:g}<small>/100</small>" in article


def test_the_score_card_explains_the_score(built):
    html, report = built[0].read_text(), built[1]
    for k, file in enumerate(report["files"], 1):
        article = html.split(f'<article class="file" id="file-{k}"', 1)[1].split("</article>", 1)[0]
        card = article.split('class="scorecard"', 1)[1].split('<p class="note">', 1)[0]
        explanation = file["explanation"]
        for d in explanation["deductions"]:
            assert f'aria-label="{d["category"]} deducts {round(d["deduction"], 1):g}"' in card
        for element in explanation["elements"]:
            label = element["element"].replace("_", " ")
            assert f'aria-label="{label} {round(element["score"], 1):g} of 100"' in article
            if element["zero_reason"]:
                assert f"0: {element['zero_reason']}" in article
        for cap in explanation["caps"]:
            assert cap["reason"] in article


def test_the_same_report_gives_the_same_page(drafts, cli, tmp_path):
    pages = []
    for name in ("a.html", "b.html"):
        cli("--format", "html", "--output", str(tmp_path / name), *map(str, drafts))
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1]


def test_the_python_api_renders_html(nlp, tmp_path):
    import poalint

    (tmp_path / "poa.md").write_text(GOOD)
    session = poalint.Session(poalint.SessionOptions(cache=False, isolated=True, keep_sources=True), nlp=nlp)
    result = session.lint_paths([str(tmp_path)])
    page = result.render("html")
    assert 'class="draft"' in page and "On 15 March we restored the 17:00 pickup." in page
    without = poalint.Session(poalint.SessionOptions(cache=False, isolated=True), nlp=nlp).lint_paths(
        [str(tmp_path)]
    )
    assert "text was not kept" in without.render("html")


# -- in a real browser -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        pytest.skip("no chromium: install Debian's chromium (scripts/test.sh does when it runs as root)")
    chromium = Browser(executable)
    yield chromium
    chromium.close()


HIGHLIGHTS = """(() => {
  const out = {};
  document.querySelectorAll("article.file").forEach((article, k) => {
    const found = {};
    article.querySelectorAll(".ln").forEach(line => {
      const byFinding = {};
      line.querySelectorAll("mark.hl").forEach(mark => {
        for (const i of mark.dataset.f.split(" ")) {
          byFinding[i] = (byFinding[i] || "") + mark.textContent;
        }
      });
      for (const [i, text] of Object.entries(byFinding)) {
        (found[i] = found[i] || []).push({line: Number(line.dataset.line), text});
      }
    });
    out[k + 1] = found;
  });
  return out;
})()"""


def test_in_chromium_no_draft_script_runs_and_highlights_sit_at_the_findings(browser, built):
    page, report = built
    session = browser.open_page(1280, 1000)
    browser.navigate(session, page.as_uri())
    assert browser.problems(session) == []  # no console errors, exceptions or dialogs
    assert browser.evaluate(session, "typeof window.__pwned") == "undefined"
    counts = browser.evaluate(
        session,
        "[document.scripts.length, document.images.length, "
        "document.querySelectorAll('iframe,svg,textarea').length, document.querySelectorAll('article.file').length]",
    )
    assert counts == [1, 0, 0, len(report["files"])]

    highlights = browser.evaluate(session, HIGHLIGHTS)
    checked = 0
    for k, file in enumerate(report["files"], 1):
        for i, finding in enumerate(file["findings"]):
            pieces = highlights[str(k)].get(str(i), [])
            if finding["line"] is None:
                assert pieces == []
                continue
            lines = [p["line"] for p in pieces]
            assert (
                lines
                and lines[0] == finding["line"]
                and lines[-1] == (finding["end_line"] or finding["line"])
            )
            text = "\n".join(p["text"] for p in pieces)
            assert _same(text, finding["text"]), (file["path"], finding["rule"], text, finding["text"])
            checked += 1
    assert checked >= 10


def test_in_chromium_findings_open_on_hover_focus_and_keys(browser, built):
    page, report = built
    session = browser.open_page(1280, 1000)
    browser.navigate(session, page.as_uri())
    first = next(i for i, f in enumerate(report["files"][0]["findings"]) if f["line"] is not None)
    finding = report["files"][0]["findings"][first]
    popup = "document.getElementById('pop')"

    # keyboard: Tab from the start of the draft reaches the first highlight and opens it
    browser.evaluate(
        session,
        "(() => { const d = document.querySelector('#file-1 .draft'); d.tabIndex = -1; d.focus(); })()",
    )
    browser.key(session, "Tab", "Tab", 9)
    assert browser.evaluate(session, "document.activeElement.id") == f"f1-m-{first}"
    assert browser.evaluate(session, f"{popup}.hidden") is False
    text = browser.evaluate(session, f"{popup}.textContent")
    assert finding["message"] in text and finding["suggestion"] in text and "Why:" in text
    browser.key(session, "Enter", "Enter", 13)  # pins it
    browser.key(session, "Escape", "Escape", 27)
    assert browser.evaluate(session, f"{popup}.hidden") is True

    # mouse: hovering a highlight opens its finding; the list links to the highlight
    box = browser.evaluate(
        session,
        f"(() => {{ const m = document.getElementById('f1-m-{first}'); m.scrollIntoView({{block: 'center'}}); "
        "const r = m.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()",
    )
    browser.hover(session, *box)
    assert browser.evaluate(session, f"{popup}.hidden") is False
    assert finding["message"] in browser.evaluate(session, f"{popup}.textContent")
    jump = browser.evaluate(session, "document.querySelector('#file-1 a.jump').getAttribute('href')")
    assert browser.evaluate(session, f"!!document.getElementById('{jump[1:]}')") is True

    # the artifacts a person looks at: the first draft with a finding open, and the whole page
    browser.evaluate(session, f"document.getElementById('f1-m-{first}').scrollIntoView({{block: 'center'}})")
    browser.evaluate(session, f"document.getElementById('f1-m-{first}').focus()")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.screenshot(session, ARTIFACTS / "html-report.png", full_page=False)
    browser.evaluate(session, "window.scrollTo(0, 0)")
    browser.screenshot(session, ARTIFACTS / "html-report-full.png")
    for shot in ("html-report.png", "html-report-full.png"):
        data = (ARTIFACTS / shot).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert browser.problems(session) == []


def test_the_report_file_gets_ordinary_permissions(drafts, cli, tmp_path):
    import os

    out = tmp_path / "report.html"
    old = os.umask(0o022)
    try:
        cli("--format", "html", "--output", str(out), str(drafts[2]))
        assert out.stat().st_mode & 0o777 == 0o644  # readable like any saved file, not 0600
        out.chmod(0o640)
        cli("--format", "html", "--output", str(out), str(drafts[2]))
        assert out.stat().st_mode & 0o777 == 0o640  # a replaced report keeps its permissions
    finally:
        os.umask(old)

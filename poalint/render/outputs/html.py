"""HTML report: one self-contained page (inline CSS and JS, no network, no external assets).

Each draft is shown as it was linted (its lines, or a Word draft's paragraphs) with every
finding highlighted in place in its severity's colour; hovering, focusing (Tab) or clicking a
highlight shows the finding's rule, message, why and suggestion, and the list under the draft
has them all. Sections are outlined and named. The score card shows the score and grade, the
deductions per category as bars (with the ceilings and caps that applied) and each element's
sub-score as a bar with the deductions that produced it. Several drafts get an index.

Everything that comes from a draft or its path is escaped, and a Content-Security-Policy lets
only this page's own script run (by its hash), so a draft containing `<script>` or
`<img onerror=...>` shows as text. The page is deterministic: the same report gives the same bytes.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from poalint import __version__
from poalint.model.document import ELEMENT_LABELS
from poalint.model.report import FileReport, FindingModel, Report, ScoreExplanation
from poalint.render import RenderContext, renderer
from poalint.vocabulary import SECTION_LABELS, SEVERITIES

SEVERITY_ORDER = {name: index for index, name in enumerate(SEVERITIES)}  # most severe first
SECTION_NAMES = {kind: label[:1].upper() + label[1:] for kind, label in SECTION_LABELS.items()}

CSS = """
:root{--err:#b3261e;--err-bg:#fde7e5;--warn:#8a5a00;--warn-bg:#fff1c7;--info:#1f5fae;--info-bg:#e3eefc;
--ink:#1d1d1f;--muted:#5f6368;--line:#e2e4e8;--card:#fff;--page:#f6f7f9;
--root_cause:#7b3fb0;--immediate_actions:#00796b;--preventive_measures:#2e7d32;--other:#9aa0a6}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--page)}
header.top{padding:16px 24px;background:#fff;border-bottom:1px solid var(--line)}
header.top h1{margin:0;font-size:20px}
header.top p{margin:2px 0 0;color:var(--muted)}
main{max-width:1100px;margin:0 auto;padding:16px 24px 48px}
a{color:#1a56b3}
a:focus-visible,mark.hl:focus-visible,summary:focus-visible{outline:3px solid #1a56b3;outline-offset:2px}
table.index{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line);border-radius:8px}
table.index th,table.index td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left}
table.index td.num{text-align:right;font-variant-numeric:tabular-nums}
.meter{display:inline-block;width:120px;height:10px;background:#e8eaed;border-radius:5px;vertical-align:middle;overflow:hidden}
.meter>span{display:block;height:100%;border-radius:5px}
.g-A,.g-B{background:#2e7d32}.g-C{background:#9e9d24}.g-D{background:#ef6c00}.g-F{background:#c62828}
.grade{display:inline-block;min-width:1.8em;text-align:center;border-radius:4px;color:#fff;font-weight:700}
article.file{background:#fff;border:1px solid var(--line);border-radius:10px;margin:20px 0;padding:18px 20px}
article.file>h2{margin:0 0 12px;font-size:18px;word-break:break-all}
.scorecard{display:grid;grid-template-columns:150px 1fr 1fr;gap:20px;align-items:start;margin-bottom:16px}
.big{font-size:44px;font-weight:700;line-height:1}.big small{font-size:16px;color:var(--muted);font-weight:400}
.big .grade{font-size:22px;padding:2px 8px;margin-top:8px}
.scorecard h3{font-size:14px;margin:0 0 6px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
ul.bars{list-style:none;margin:0;padding:0}
ul.bars li{margin:0 0 8px}
.bar{position:relative;height:12px;background:#eef0f3;border-radius:6px;overflow:hidden;margin:2px 0}
.bar>.fill{position:absolute;left:0;top:0;bottom:0;border-radius:6px}
.bar>.ghost{position:absolute;left:0;top:0;bottom:0;border-radius:6px;background:repeating-linear-gradient(45deg,#f3b7b2 0 4px,#fbe3e1 4px 8px)}
.fill.ded{background:#d9534f}
.fill.el{background:#2e7d32}.fill.el.low{background:#ef6c00}.fill.el.zero{background:#c62828}
.barlabel{display:flex;justify-content:space-between;gap:8px;font-size:13px}
.barlabel .v{font-variant-numeric:tabular-nums;white-space:nowrap}
.note{font-size:13px;color:var(--muted);margin:4px 0}
.cap{font-size:13px;margin:6px 0;padding:4px 8px;border-left:3px solid var(--err);background:var(--err-bg)}
.cap.idle{border-color:var(--other);background:#f1f3f4}
.zero{font-size:13px;color:var(--err)}
ul.ded{list-style:none;margin:2px 0 0;padding:0 0 0 10px;font-size:12.5px;color:var(--muted)}
.whole{margin:8px 0 12px;padding:8px 12px;border:1px dashed var(--line);border-radius:8px}
.whole h3{margin:0 0 4px;font-size:14px}
.draft{font-family:ui-serif,Georgia,"Noto Serif",serif;font-size:15.5px;border:1px solid var(--line);border-radius:8px;padding:8px 0}
.sec.k-none{border-color:transparent}
.sec{margin:6px 10px 10px 8px;padding:0 0 2px 10px;border-left:4px solid var(--other)}
.sec>.seclabel{font:600 12px/1.6 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.05em;color:var(--other)}
.sec>.seclabel q{text-transform:none;font-weight:400;letter-spacing:0}
.sec.k-root_cause{border-color:var(--root_cause)}.sec.k-root_cause>.seclabel{color:var(--root_cause)}
.sec.k-immediate_actions{border-color:var(--immediate_actions)}.sec.k-immediate_actions>.seclabel{color:var(--immediate_actions)}
.sec.k-preventive_measures{border-color:var(--preventive_measures)}.sec.k-preventive_measures>.seclabel{color:var(--preventive_measures)}
.ln{display:grid;grid-template-columns:3.2em 1fr;gap:8px;min-height:1.5em}
.ln>.no{font:12px/2 ui-monospace,monospace;color:#9aa0a6;text-align:right;user-select:none}
.ln>.tx{white-space:pre-wrap;word-break:break-word}
.ln.p-heading>.tx{font-family:system-ui,sans-serif;font-weight:700}
.ln.p-bold>.tx{font-weight:700}
.ln.p-table>.tx{font-family:ui-monospace,monospace;font-size:13.5px}
.ln.p-bullet>.tx::before{content:"\\2022\\00a0\\00a0"}
mark.hl{color:inherit;border-radius:2px;cursor:pointer;padding:0;border-bottom:2px solid}
mark.sev-error{background:var(--err-bg);border-color:var(--err)}
mark.sev-warning{background:var(--warn-bg);border-color:#d4a000}
mark.sev-info{background:var(--info-bg);border-color:var(--info)}
mark.multi{border-bottom-width:3px;border-bottom-style:double}
.badge{display:inline-block;font:700 11px/1.6 system-ui,sans-serif;text-transform:uppercase;padding:0 6px;border-radius:4px;color:#fff}
.badge.sev-error{background:var(--err)}.badge.sev-warning{background:#a86b00}.badge.sev-info{background:var(--info)}
code.rule{font-size:12.5px}
.card{font:13.5px/1.45 system-ui,sans-serif}
.card+.card{border-top:1px solid var(--line);margin-top:8px;padding-top:8px}
.card p{margin:4px 0}.card .quote{color:var(--muted);font-style:italic}
#pop{position:absolute;z-index:10;background:var(--card);border:1px solid #c4c7cc;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.18);padding:10px 12px;max-width:calc(100vw - 16px)}
ol.findings{padding-left:1.6em;font-size:14px}
ol.findings li{margin:0 0 8px}
ol.findings details{color:var(--muted)}
.errors{color:var(--err)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:800px){.scorecard{grid-template-columns:1fr}}
@media print{#pop{display:none}}
"""

SCRIPT = """(function(){"use strict";
var pop=document.getElementById("pop"),pinned=null;
function markOf(t){return t instanceof Element?t.closest("mark.hl"):null;}
function show(m){var nodes=[];(m.getAttribute("aria-describedby")||"").split(" ").forEach(function(id){
var c=id&&document.getElementById(id);if(c){var k=c.cloneNode(true);k.removeAttribute("id");k.hidden=false;nodes.push(k);}});
pop.replaceChildren.apply(pop,nodes);pop.hidden=false;var d=document.documentElement,r=m.getBoundingClientRect();
var w=Math.min(460,d.clientWidth-16),left=Math.max(8,Math.min(window.scrollX+r.left,window.scrollX+d.clientWidth-w-8));
pop.style.width=w+"px";pop.style.left=left+"px";pop.style.top=(window.scrollY+r.bottom+6)+"px";}
function hide(){pinned=null;pop.hidden=true;}
function toggle(m){if(pinned===m){hide();}else{pinned=m;show(m);}}
document.addEventListener("mouseover",function(e){var m=markOf(e.target);if(m&&!pinned)show(m);});
document.addEventListener("mouseout",function(e){var m=markOf(e.target);if(m&&!pinned&&markOf(e.relatedTarget)!==m)hide();});
document.addEventListener("focusin",function(e){var m=markOf(e.target);if(m){pinned=null;show(m);}});
document.addEventListener("focusout",function(e){var m=markOf(e.target);if(m&&(!pinned||pinned===m)&&!pop.contains(e.relatedTarget))hide();});
document.addEventListener("click",function(e){var m=markOf(e.target);if(m){toggle(m);return;}
var j=e.target instanceof Element?e.target.closest("a.jump"):null;
if(j){var t=document.getElementById(j.getAttribute("href").slice(1));if(t){e.preventDefault();t.scrollIntoView({block:"center"});t.focus({preventScroll:true});pinned=t;show(t);}return;}
if(!pop.contains(e.target))hide();});
document.addEventListener("keydown",function(e){if(e.key==="Escape"){hide();return;}
var m=markOf(e.target);if(m&&(e.key==="Enter"||e.key===" ")){e.preventDefault();toggle(m);}});
})();"""

SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; "
    f"script-src 'sha256-{SCRIPT_HASH}'; img-src 'none'; base-uri 'none'; form-action 'none'"
)


@dataclass
class _Line:
    number: int  # shown in the margin: the line (an HTML draft: its source line) or paragraph number
    text: str
    style: str = "line"  # line, or a Word paragraph's style (heading, bullet, bold, table, plain)


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


Place = tuple[int, int, int, int]  # display line index and column (0-based) of a span's start and end


def _view(source: tuple[str, str] | None) -> tuple[list[_Line], Callable[[FindingModel], Place | None]]:
    """The lines a person sees, and where a finding's report location falls in them.

    Text drafts show their lines; Word drafts their paragraphs (findings count paragraphs);
    HTML drafts the page's text as extracted for linting (findings point into the page's
    source, so they are mapped back through the extraction), numbered by source line."""
    if source is None:
        return [], lambda f: None
    text, unit = source
    if unit == "html":
        return _html_view(text)
    if unit == "paragraph":
        from poalint.read.docx import paragraphs

        lines = [_Line(n, body, style) for n, (style, _level, body) in enumerate(paragraphs(text), 1)]
    else:
        raw = text.split("\n")
        if len(raw) > 1 and raw[-1] == "":
            raw.pop()
        lines = [_Line(n, line) for n, line in enumerate(raw, 1)]
    index = {line.number: i for i, line in enumerate(lines)}

    def place(f: FindingModel) -> Place | None:
        if f.line is None or f.line not in index:
            return None
        last = f.end_line if f.end_line is not None and f.end_line in index else f.line
        first, end = index[f.line], index[last]
        return first, (f.column or 1) - 1, end, (f.end_column or len(lines[end].text) + 1) - 1

    return lines, place


def _html_view(source: str) -> tuple[list[_Line], Callable[[FindingModel], Place | None]]:
    from poalint.read.html import extract_html

    page = extract_html(source)
    raw = page.text.split("\n")
    if len(raw) > 1 and raw[-1] == "":
        raw.pop()
    starts = [0]
    for line in raw[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    lines = [_Line(page.source_position(start)[0], line) for start, line in zip(starts, raw, strict=True)]
    offsets: dict[tuple[int, int], int] = {}  # page (line, column) -> offset in the extracted text
    for offset in range(len(page.text)):
        offsets.setdefault(page.source_position(offset), offset)

    def at(offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, offset) - 1
        return i, offset - starts[i]

    def place(f: FindingModel) -> Place | None:
        if f.line is None or f.column is None:
            return None
        start = offsets.get((f.line, f.column))
        last = offsets.get((f.end_line or f.line, (f.end_column or f.column + 1) - 1))
        if start is None or last is None or last < start:
            return None
        return (*at(start), *at(last + 1))

    return lines, place


def _spans(
    findings: list[FindingModel], lines: list[_Line], place: Callable
) -> dict[int, list[tuple[int, int, int]]]:
    """display line index -> (start, end, finding index) character ranges in that line's text."""
    out: dict[int, list[tuple[int, int, int]]] = {}
    for index, f in enumerate(findings):
        where = place(f)
        if where is None:
            continue
        first, start_col, last, end_col = where
        for i in range(first, max(first, last) + 1):
            text = lines[i].text
            start = start_col if i == first else 0
            end = end_col if i == last else len(text)
            start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
            if start < end:
                out.setdefault(i, []).append((start, end, index))
    return out


class _FileView:
    """The HTML of one draft: ids are `f{k}-...` so several drafts share one page."""

    def __init__(self, k: int, file: FileReport, source: tuple[str, str] | None, rules: Mapping[str, Any]):
        self.k = k
        self.file = file
        self.findings = list(file.findings)
        self.lines, place = _view(source)
        self.has_source = source is not None
        self.rules = rules
        self.spans = _spans(self.findings, self.lines, place)
        self.anchor: dict[int, str] = {}  # finding index -> id of the highlight where it starts

    def where(self, f: FindingModel) -> str:
        if f.line is None:
            return "whole draft"
        if self.file.location_unit == "paragraph":
            return f"¶{f.line}"
        return f"line {f.line}:{f.column}"

    # -- the draft text ------------------------------------------------------------------
    def line_html(self, index: int, line: _Line) -> str:
        spans = self.spans.get(index, [])
        text = line.text
        if not spans:
            body = _e(text)
        else:
            cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
            parts = []
            for a, b in zip(cuts, cuts[1:], strict=False):
                covering = [i for s, e, i in spans if s <= a and b <= e]
                piece = _e(text[a:b])
                if not covering:
                    parts.append(piece)
                    continue
                severity = min((self.findings[i].severity for i in covering), key=SEVERITY_ORDER.__getitem__)
                starting = [i for s, _, i in spans if s == a and i in covering and i not in self.anchor]
                attrs = [
                    f'class="hl sev-{severity}{" multi" if len(covering) > 1 else ""}"',
                    f'data-f="{" ".join(map(str, covering))}"',
                    f'aria-describedby="{" ".join(f"f{self.k}-c-{i}" for i in covering)}"',
                ]
                if starting:
                    mark_id = f"f{self.k}-m-{starting[0]}"
                    for i in starting:
                        self.anchor[i] = mark_id
                    names = ", ".join(
                        f"{self.findings[i].severity} {self.findings[i].rule}" for i in covering
                    )
                    attrs += [f'id="{mark_id}"', 'tabindex="0"', 'role="button"', f'aria-label="{_e(names)}"']
                parts.append(f"<mark {' '.join(attrs)}>{piece}</mark>")
            body = "".join(parts)
        gutter = f"¶{line.number}" if self.file.location_unit == "paragraph" else str(line.number)
        return (
            f'<div class="ln p-{line.style}" data-line="{line.number}">'
            f'<span class="no" aria-hidden="true">{gutter}</span><span class="tx">{body}</span></div>'
        )

    def draft_html(self) -> str:
        if not self.has_source:
            return '<p class="note">The draft\'s text was not kept for this report.</p>'
        sections = sorted(self.file.sections, key=lambda s: (s.start_line, s.end_line))
        wanted = {line.number for line in self.lines}
        owners: dict[int, int] = {}  # line number -> index of the (first) section holding it
        for index, section in enumerate(sections):
            for number in range(section.start_line, section.end_line + 1):
                if number in wanted:
                    owners.setdefault(number, index)
        groups: list[tuple[int | None, list[tuple[int, _Line]]]] = []
        for index, line in enumerate(self.lines):
            owner = owners.get(line.number)
            if groups and groups[-1][0] == owner:
                groups[-1][1].append((index, line))
            else:
                groups.append((owner, [(index, line)]))
        out = []
        for owner, lines in groups:
            rows = "".join(self.line_html(index, line) for index, line in lines)
            if owner is None:
                out.append(f'<div class="sec k-none">{rows}</div>')
                continue
            section = sections[owner]
            name = SECTION_NAMES.get(section.kind, section.kind)
            heading = f" <q>{_e(section.heading)}</q>" if section.heading else ""
            label = f'<div class="seclabel">{_e(name)}{heading}</div>'
            out.append(
                f'<section class="sec k-{_e(section.kind)}" aria-label="{_e(name)} section">{label}{rows}</section>'
            )
        return f'<div class="draft" lang="en">{"".join(out)}</div>'

    # -- findings ------------------------------------------------------------------------
    def card_html(self, i: int, f: FindingModel) -> str:
        rule = self.rules.get(f.rule)
        why = f"<p><b>Why:</b> {_e(' '.join(rule.why.split()))}</p>" if rule is not None else ""
        quote = f'<p class="quote">“{_e(f.text)}”</p>' if f.text else ""
        cost = f"−{_num(f.deduction)}" if f.deduction else "0"
        return (
            f'<div class="card" id="f{self.k}-c-{i}" hidden>'
            f'<p><span class="badge sev-{f.severity}">{f.severity}</span> <code class="rule">{_e(f.rule)}</code> '
            f"· {_e(f.category)} · {_e(self.where(f))} · deducts {cost}</p>"
            f"{quote}<p>{_e(f.message)}</p>{why}<p><b>Suggestion:</b> {_e(f.suggestion)}</p></div>"
        )

    def list_item(self, i: int, f: FindingModel) -> str:
        rule = self.rules.get(f.rule)
        where = _e(self.where(f))
        if i in self.anchor:
            where = f'<a class="jump" href="#{self.anchor[i]}">{where}</a>'
        why = ""  # a highlighted finding's card has the why; the others show it here
        if rule is not None and i not in self.anchor:
            why = f"<details><summary>why</summary>{_e(' '.join(rule.why.split()))}</details>"
        suppressed = " (suppressed)" if f.suppressed else ""
        return (
            f'<li data-f="{i}"><span class="badge sev-{f.severity}">{f.severity}</span> {where} '
            f'<code class="rule">{_e(f.rule)}</code>{suppressed}: {_e(f.message)} '
            f'<span class="note">Suggestion: {_e(f.suggestion)}</span>{why}</li>'
        )

    # -- the score card ------------------------------------------------------------------
    def scorecard_html(self) -> str:
        file = self.file
        big = (
            f'<div class="big">{_num(file.score)}<small>/100</small><br>'
            f'<span class="grade g-{file.grade}" aria-label="grade {file.grade}">{file.grade}</span></div>'
        )
        explanation = file.explanation
        if explanation is None:
            return f'<div class="scorecard">{big}</div>'
        return (
            f'<div class="scorecard">{big}<div class="why"><h3>Why this score</h3>'
            f"{self.deductions_html(explanation)}</div>"
            f'<div class="elements"><h3>Elements</h3>{self.elements_html(explanation)}</div></div>'
        )

    def deductions_html(self, explanation: ScoreExplanation) -> str:
        if not explanation.deductions and not explanation.caps:
            return '<p class="note">Nothing deducted.</p>'
        items = []
        for d in explanation.deductions:
            detail = _plural(d.findings, "finding")
            if d.ceiling is not None:
                detail += (
                    f", capped at {_num(d.ceiling)} from {_num(d.raw)}"
                    if d.raw > d.ceiling
                    else f", ceiling {_num(d.ceiling)}"
                )
            ghost = (
                f'<span class="ghost" style="width:{min(100.0, d.raw):.1f}%"></span>'
                if d.raw > d.deduction
                else ""
            )
            items.append(
                f'<li><div class="barlabel"><span>{_e(d.category)}</span><span class="v">−{_num(d.deduction)}'
                f' <span class="note">({_e(detail)})</span></span></div>'
                f'<div class="bar" role="img" aria-label="{_e(d.category)} deducts {_num(d.deduction)}">{ghost}'
                f'<span class="fill ded" style="width:{min(100.0, d.deduction):.1f}%"></span></div></li>'
            )
        out = [f'<ul class="bars">{"".join(items)}</ul>']
        out.append(f'<p class="note">100 − {_num(explanation.total)} = {_num(explanation.uncapped)}</p>')
        for cap in explanation.caps:
            binding = cap.limit < explanation.uncapped
            head = f"Capped at {_num(cap.limit)}" if binding else f"Cap {_num(cap.limit)} (already below)"
            rules = ", ".join(cap.rules)
            out.append(
                f'<p class="cap{"" if binding else " idle"}">{head}: {_e(cap.reason)} <code class="rule">{_e(rules)}</code></p>'
            )
        return "".join(out)

    def elements_html(self, explanation: ScoreExplanation) -> str:
        items = []
        for element in explanation.elements:
            level = "zero" if element.score == 0 else "low" if element.score < 70 else ""
            deductions = []
            for d in element.deductions:
                place = f" line {d.line}" if d.line is not None and self.file.location_unit == "line" else ""
                if d.line is not None and self.file.location_unit == "paragraph":
                    place = f" ¶{d.line}"
                deductions.append(
                    f'<li><code class="rule">{_e(d.rule)}</code>{place} −{_num(d.deduction)}</li>'
                )
            zero = ""
            if element.zero_reason:
                rule = f' <code class="rule">{_e(element.zero_rule)}</code>' if element.zero_rule else ""
                zero = f'<p class="zero">0: {_e(element.zero_reason)}{rule}</p>'
            label = ELEMENT_LABELS.get(element.element, element.element)
            items.append(
                f'<li><div class="barlabel"><span>{_e(label)}</span><span class="v">{_num(element.score)}</span></div>'
                f'<div class="bar" role="img" aria-label="{_e(label)} {_num(element.score)} of 100">'
                f'<span class="fill el {level}" style="width:{element.score:.1f}%"></span></div>'
                f'{zero}<ul class="ded">{"".join(deductions)}</ul></li>'
            )
        return f'<ul class="bars">{"".join(items)}</ul>'

    def html(self) -> str:
        file = self.file
        draft = self.draft_html()  # first: it assigns the highlights' ids the list links to
        whole = [(i, f) for i, f in enumerate(self.findings) if f.line is None]
        whole_html = ""
        if whole:
            items = "".join(self.list_item(i, f) for i, f in whole)
            whole_html = (
                f'<div class="whole"><h3>About the whole draft</h3><ol class="findings">{items}</ol></div>'
            )
        listed = "".join(self.list_item(i, f) for i, f in enumerate(self.findings) if f.line is not None)
        cards = "".join(self.card_html(i, f) for i, f in enumerate(self.findings))
        unit = " Locations are paragraph numbers." if file.location_unit == "paragraph" else ""
        stats = file.stats
        ease = (
            f", reading ease {stats.flesch_reading_ease:g}" if stats.flesch_reading_ease is not None else ""
        )
        return (
            f'<article class="file" id="file-{self.k}" aria-labelledby="file-{self.k}-h">'
            f'<h2 id="file-{self.k}-h">{_e(file.path)}</h2>{self.scorecard_html()}'
            f'<p class="note">{_plural(len(self.findings), "finding")}; {stats.words} words, '
            f"{stats.sentences} sentences{ease}.{unit}</p>"
            f'{whole_html}<h3 class="sr">The draft</h3>{draft}'
            f'<h3>Findings in the text</h3><ol class="findings">{listed}</ol>'
            f'<div hidden class="cards">{cards}</div></article>'
        )


def _index_html(report: Report) -> str:
    rows = []
    for k, file in enumerate(report.files, 1):
        counts = {s: 0 for s in SEVERITY_ORDER}
        for f in file.findings:
            counts[f.severity] += 1
        rows.append(
            f'<tr><td><a href="#file-{k}">{_e(file.path)}</a></td>'
            f'<td class="num">{_num(file.score)}</td>'
            f'<td><span class="meter"><span class="g-{file.grade}" style="width:{file.score:.1f}%"></span></span></td>'
            f'<td><span class="grade g-{file.grade}">{file.grade}</span></td>'
            + "".join(f'<td class="num">{counts[s]}</td>' for s in SEVERITY_ORDER)
            + "</tr>"
        )
    head = "<tr><th>draft</th><th>score</th><th></th><th>grade</th><th>errors</th><th>warnings</th><th>info</th></tr>"
    return f'<nav aria-label="Drafts"><table class="index"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></nav>'


def render_html(
    report: Report, sources: Mapping[str, tuple[str, str]] | None = None, rules: Iterable[Any] = ()
) -> str:
    """The page for `report`; `sources` maps a report path to (text, location unit) as linted,
    `rules` gives each finding's `why`."""
    sources = sources or {}
    by_id = {r.id: r for r in rules}
    s = report.summary
    summary = _plural(s.files, "draft")
    if s.average_score is not None:
        summary += f", average score {_num(s.average_score)}"
    summary += f", {_plural(s.findings, 'finding')}"
    parts = []
    if len(report.files) > 1:
        parts.append(_index_html(report))
    if report.errors:
        items = "".join(f"<li>{_e(e.message)}</li>" for e in report.errors)
        parts.append(
            f'<section class="errors" aria-label="Errors"><h2>Not linted</h2><ul>{items}</ul></section>'
        )
    for k, file in enumerate(report.files, 1):
        parts.append(_FileView(k, file, sources.get(file.path), by_id).html())
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>poalint report</title>"
        f"<style>{CSS}</style></head><body>"
        f'<header class="top"><h1>poalint report</h1><p>{_e(summary)} · poalint {_e(__version__)} · '
        f"spaCy pipeline {_e(report.pipeline.name)} {_e(report.pipeline.version)}</p></header>"
        f"<main>{''.join(parts)}</main>"
        '<div id="pop" role="tooltip" hidden></div>'
        f"<script>{SCRIPT}</script></body></html>\n"
    )


@renderer(
    "html",
    machine=True,
    description="one self-contained page: drafts with findings highlighted, score explained",
    needs_sources=True,
    needs_rules=True,
)
def _html(report: Report, context: RenderContext) -> str:
    return render_html(report, context.sources, context.rules)

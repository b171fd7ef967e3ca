"""Helpers several test modules share: sample drafts, a Word draft builder, README blocks."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"

BLAME = "This is NOT our fault!!! The carrier lost our parcels."
VAGUE = "We will improve our processes soon."


def bad_draft(before_blame: str = "", before_vague: str = "", top: str = "", after_blame: str = "") -> str:
    parts = [top, "Dear team,", "", before_blame, BLAME, after_blame, "", before_vague, VAGUE, ""]
    return "\n".join(p for p in parts if p is not None)


def findings_of(stdout: str, index: int = 0) -> list[dict]:
    return json.loads(stdout)["files"][index]["findings"]


HOUSE_RULE = """\
rules:
  - id: house-parcels
    kind: phrase
    category: vague
    severity: warning
    penalty: 1
    message: '"{match}": say which parcels'
    why: Reviewers want order numbers.
    suggestion: Name the orders.
    phrases: [our parcels]
    examples:
      bad: ["The carrier lost our parcels."]
      good: ["The carrier lost orders 1 and 2."]
"""


def make_docx(path: Path) -> list[str]:
    """A Word draft; returns its paragraphs' texts in order (paragraph k = index k-1)."""
    import docx

    doc = docx.Document()
    doc.add_heading("Plan of Action", 0)  # Title style
    doc.add_paragraph("Dear Seller Performance team,")
    doc.add_heading("Root cause", 1)
    doc.add_paragraph(
        "On 19 February we moved the carrier pickup to 14:00 but left the 1-day handling time, "
        "so 37 orders placed after 14:00 shipped a day late. " + BLAME
    )
    doc.add_paragraph("")  # empty paragraphs count, as in Word
    heading = doc.add_paragraph()
    heading.add_run("Immediate actions").bold = True  # a bold line used as a heading
    doc.add_paragraph("On 15 March we restored the 17:00 pickup.", style="List Bullet")
    doc.add_paragraph("On 15 March we set the handling time to 2 days for all 212 SKUs.", style="List Bullet")
    doc.add_heading("Preventive measures", 1)
    doc.add_paragraph("Every day at 15:00 the shift lead ships all orders due that day.", style="List Number")
    doc.add_paragraph(VAGUE, style="List Number")
    doc.save(str(path))
    return [p.text for p in doc.paragraphs]


def readme_block(language: str, after: str) -> str:
    """The first ```language block of README.md after the text `after`."""
    text = (ROOT / "README.md").read_text()
    start = text.index(f"```{language}\n", text.index(after)) + len(language) + 4
    return text[start : text.index("```", start)]

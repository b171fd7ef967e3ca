"""Parsing drafts into blocks and sections, in every heading form sellers use."""

from __future__ import annotations

import pytest


def kinds(report):
    return [(s.kind, s.start_line, s.end_line) for s in report.sections]


BODY_RC = "We printed labels after the 14:00 pickup because our packer started late."
BODY_IA = "We refunded all 14 affected buyers on 3 May."
BODY_PM = "From 10 May our lead checks every label before the 17:00 pickup."


@pytest.mark.parametrize(
    "template",
    [
        "# Root cause\n{rc}\n\n# Immediate actions\n{ia}\n\n# Preventive measures\n{pm}\n",
        "Root Cause\n==========\n{rc}\n\nCorrective actions\n------------------\n{ia}\n\nGoing forward\n-------------\n{pm}\n",
        "1. Root cause\n{rc}\n\n2. Actions taken\n{ia}\n\n3. Steps to prevent recurrence\n{pm}\n",
        "Step 1: Why it happened\n{rc}\n\nStep 2: What we did right away\n{ia}\n\nStep 3: Going forward\n{pm}\n",
        "**Root cause**\n{rc}\n\n**Immediate actions**\n{ia}\n\n**Preventive measures**\n{pm}\n",
        "ROOT CAUSE\n{rc}\n\nIMMEDIATE ACTIONS\n{ia}\n\nPREVENTIVE MEASURES\n{pm}\n",
        "Root cause:\n{rc}\n\nImmediate actions:\n{ia}\n\nPreventive measures:\n{pm}\n",
        "Root cause: {rc}\nImmediate actions: {ia}\nPreventive measures: {pm}\n",
    ],
    ids=["atx", "setext", "numbered", "step", "bold", "caps", "colon", "inline"],
)
def test_heading_forms(lint, template):
    report = lint(template.format(rc=BODY_RC, ia=BODY_IA, pm=BODY_PM))
    found = [s.kind for s in report.sections]
    assert found.index("root_cause") < found.index("immediate_actions") < found.index("preventive_measures")
    assert not [f for f in report.findings if f.category == "structure" and f.line is None]


def test_headless_paragraphs_are_classified(lint):
    text = (
        "Dear Seller Performance,\n\n"
        "We received a notification that our account was deactivated for late shipments.\n\n"
        "The orders were late because we did not change the handling time when we moved the pickup to 14:00.\n\n"
        "We have already restored the 17:00 pickup and shipped all 9 open orders on 15 March.\n\n"
        "From 18 March our manager will check every pickup change before it goes live, and every Monday "
        "we will review the late shipment rate.\n\n"
        "Thank you for your time.\n\nDaniel\n"
    )
    report = lint(text)
    spans = {s.kind: (s.start_line, s.end_line) for s in report.sections}
    assert spans["root_cause"] == (5, 5)
    assert spans["immediate_actions"] == (7, 7)
    assert spans["preventive_measures"] == (9, 9)
    assert spans["closing"][0] == 11


def test_quoted_notification_is_marked_and_skipped(lint):
    text = (
        "Root cause:\nWe received this message:\n\n"
        "> This is ridiculous!!! Your seller is lying and we will improve nothing soon.\n\n"
        "We shipped 12 orders late because our pickup moved to 14:00.\n\n"
        "Immediate actions:\nWe restored the 17:00 pickup on 3 May.\n\n"
        "Preventive measures:\nFrom 4 May the shift lead checks all orders daily at 15:00.\n"
    )
    report = lint(text)
    assert not [f for f in report.findings if f.line == 4 and f.category in ("tone", "vague", "blame")]


def test_inline_quotes_are_skipped(lint):
    text = (
        'Root cause: The buyer wrote "this seller is ridiculous and unfair" after we shipped 2 days late.\n'
    )
    report = lint(text)
    assert not [f for f in report.findings if f.category == "tone"]


def test_signature_contact_is_not_privacy(lint):
    text = (
        "Root cause: We printed labels late because our packer started at 15:00 on 3 May.\n"
        "Immediate actions: We shipped all 9 open orders on 4 May.\n"
        "Preventive measures: From 5 May our lead prints every label by 13:00 daily.\n\n"
        "Regards,\nAnna Lee\nanna@ourshop.example.com\n+1 555 201 3344\n"
    )
    report = lint(text)
    assert not [f for f in report.findings if f.category == "privacy"]


def test_empty_file_is_a_structure_result(lint):
    report = lint("   \n\n")
    assert {f.section for f in report.findings if f.category == "structure"} >= {
        "root_cause",
        "immediate_actions",
        "preventive_measures",
    }


def test_a_comment_line_ends_a_list_item_and_is_read(lint):
    """`<!-- poalint-disable-next-line ... -->` right under a list item is a directive for the
    next item, not a continuation line of the one above (where it used to be swallowed)."""
    from poalint.app.linter import build_document
    from poalint.checks.loader import load_pack
    from poalint.parse.blocks import BlockParser

    text = (
        "## Preventive measures\n"
        "- From 1 May our lead checks every label before the 17:00 pickup.\n"
        "<!-- poalint-disable-next-line vague -->\n"
        "- We will improve our processes soon.\n"
    )
    blocks = build_document("d.md", text, BlockParser(load_pack().lexicon.classify)).blocks
    assert [(b.type, b.start_line, b.end_line) for b in blocks] == [
        ("heading", 1, 1),
        ("bullet", 2, 2),
        ("comment", 3, 3),
        ("bullet", 4, 4),
    ]
    unmarked = lint(text.replace("<!-- poalint-disable-next-line vague -->\n", ""))
    assert any(f.category == "vague" and f.line == 3 for f in unmarked.findings)
    marked = lint(text)
    assert [f for f in marked.findings if f.category == "vague" and not f.suppressed] == []
    assert any(f.category == "vague" and f.line == 4 and f.suppressed for f in marked.findings)

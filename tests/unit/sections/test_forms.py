"""Sections in the forms sellers write: every line of a draft belongs to the element its
heading or its content names (drafts written for these tests, not taken from any eval set)."""

from __future__ import annotations


def spans(report) -> dict[str, tuple[int, int]]:
    """kind -> (first line, last line); fails if an element is split in two."""
    found: dict[str, tuple[int, int]] = {}
    for section in report.sections:
        assert section.kind not in found or section.kind not in (
            "root_cause",
            "immediate_actions",
            "preventive_measures",
        ), report.sections
        found[section.kind] = (section.start_line, section.end_line)
    return found


def structure(report) -> set[str]:
    return {f.rule for f in report.findings if f.category == "structure"}


QA = """Plan of Action - Late deliveries of garden hoses

Q: What went wrong?
A: In April we moved 30 hose SKUs to a new carrier account but kept the old 2-day transit
setting in our shipping template, so 44 orders were promised a day too early.

Q: What have you done about it so far?
A: - On 3 May we set the transit time of all 30 SKUs to 3 days.
- On 4 May we messaged the 44 buyers with their tracking numbers.

Q: How will you keep this from happening again?
A:
- From 6 May our shipping lead compares the template with the carrier's transit table every Monday.
- Any carrier change needs the template updated on the same day, signed off by the owner.

Regards,
Tomasz Wrona
"""


def test_question_and_answer_form(lint):
    report = lint(QA)
    got = spans(report)
    assert got["root_cause"] == (3, 5)
    assert got["immediate_actions"] == (7, 9)
    assert got["preventive_measures"] == (11, 14)
    assert not structure(report) & {"missing-root-cause", "missing-immediate-actions"}


QUESTION_HEADINGS = """# Plan of Action: damaged lamp shades

## Why did this happen?

Our packer used 2 mm cartons for the 40 cm shades after our usual 4 mm cartons ran out on 2 June.

## What have we done so far?

- On 9 June we refunded the 17 buyers whose shades arrived crushed.
- On 10 June we bought 600 cartons of the 4 mm grade.

## How will we stop it recurring?

- From 12 June the packer uses only 4 mm cartons for shades; the shift lead checks 5 parcels a day.
- Every Friday the owner counts carton stock and reorders below 150 units.
"""


def test_question_headings(lint):
    got = spans(lint(QUESTION_HEADINGS))
    assert got["root_cause"] == (3, 5)
    assert got["immediate_actions"] == (7, 10)
    assert got["preventive_measures"] == (12, 15)


NARRATIVE_HEADINGS = """Plan of Action - listing merged with the wrong variation

How the two listings got merged

Our assistant added the 12-cup kettle as a size of the 8-cup kettle listing on 3 March.
She copied the parent ASIN from an old spreadsheet that nobody had updated since 2022.

What we fixed right away

- On 5 March we split the two kettles back into separate listings.
- On 6 March we deleted the old spreadsheet from our shared drive.

Going forward

- From 8 March only the catalogue manager can change variations, after comparing both ASINs' weights.
"""


def test_narrative_headings(lint):
    got = spans(lint(NARRATIVE_HEADINGS))
    assert got["root_cause"] == (3, 6)
    assert got["immediate_actions"] == (8, 11)
    assert got["preventive_measures"] == (13, 15)


INLINE_LABELS = """Hello,

Root cause - our label printer skipped every 10th label for 3 weeks in May and the packer did not count labels against orders.
Actions taken - on 2 June we replaced the printer and shipped the 21 waiting orders the same day.
Prevention - from 3 June the packer counts labels against the order list before each pickup at 16:00.

Maria Lind
"""


def test_inline_labels_with_spaced_hyphens_and_a_short_signature(lint):
    report = lint(INLINE_LABELS)
    got = spans(report)
    assert got["root_cause"] == (3, 3)
    assert got["immediate_actions"] == (4, 4)
    assert got["preventive_measures"] == (5, 5)  # not swallowed by the signature below it
    assert "missing-preventive-measures" not in structure(report)


COMBINED_ACTIONS = """# Plan of Action - cancelled orders

## Root cause
Our stock sync with the web shop ran every 6 hours, so 19 items sold out there were still offered here.

## Actions
1. On 2 July we changed the sync interval to 15 minutes for all 140 SKUs.
2. On 2 July we refunded the 19 buyers and apologised to each of them.
3. From 8 July a buffer of 2 units is held back on every SKU that sells more than 5 a week.
4. Every Monday the stock manager will compare both channels' counts for the 30 fastest SKUs.

Thank you for reading our plan.
"""


def test_one_actions_section_is_split_by_tense(lint):
    report = lint(COMBINED_ACTIONS)
    got = spans(report)
    assert got["immediate_actions"] == (6, 8)
    assert got["preventive_measures"] == (9, 10)
    assert got["closing"][0] == 12
    assert not structure(report) & {"missing-immediate-actions", "missing-preventive-measures"}


SPLIT_ROOT_CAUSE = """## Root cause

### What was wrong
The strap buckle of our dog harness opened under 20 kg of pull.

### Why our checks missed it
Our incoming inspection tested buckles by hand, without a pull gauge, on 2 units per lot.

## Immediate actions
We removed all 310 harnesses from sale on 4 April.

## Preventive measures
From 10 April we pull-test 10 buckles per lot at 40 kg before a lot is released.
"""


def test_one_element_under_several_headings_is_one_section(lint):
    got = spans(lint(SPLIT_ROOT_CAUSE))
    assert got["root_cause"] == (1, 7)


DOCUMENT_LIST = """## Root cause
We sold 40 returned blenders as new because our returns shelf had no label.

## Immediate actions
We relisted all 40 units as Used - Very Good on 2 May.

## Preventive measures
From 3 May every return gets a red label and goes to a separate shelf checked daily by our lead.

## Supporting documents

1. Photo of the labelled returns shelf
2. Returns procedure, version 2
3. Updated training record for all 4 packers
"""


def test_numbered_list_under_a_heading_is_a_list(lint):
    got = spans(lint(DOCUMENT_LIST))
    assert got["preventive_measures"] == (7, 8)
    assert got["supporting_documents"] == (10, 14)


LAZY_LIST_END = """1. Root cause:
Our courier changed its pickup to 13:00 on 2 March and we kept the 15:00 cut-off in our template.
2. Immediate actions:
We moved the cut-off to 12:00 on 9 March and shipped the 12 waiting orders that day.
3. Preventive measures:
  • From 10 March the shift lead confirms the pickup time with the courier every Monday.
  • Any pickup change is entered in the template on the same day by the shift lead.
We are committed to shipping every order on time.
Sincerely,
Ana Ruiz, Ruiz Ceramics
"""


def test_a_list_item_does_not_swallow_the_closing(lint):
    got = spans(lint(LAZY_LIST_END))
    assert got["preventive_measures"] == (5, 7)
    assert got["closing"] == (8, 10)


EMBEDDED_FUTURE = """Dear Seller Performance,

Our account was suspended on 2 May and I do not know how we will pay our two employees this month.

In April our only packer was ill for 9 days and I could not pack 60 orders on time alone.

We have shipped all open orders and refunded the 8 buyers who cancelled.

From 10 May a second packer works every afternoon, and I will check the unshipped orders at 14:00 daily.

Kind regards,
Leo
"""


def test_a_future_verb_inside_a_reported_clause_is_not_a_commitment(lint):
    got = spans(lint(EMBEDDED_FUTURE))
    assert got["root_cause"] == (5, 5)
    assert got["immediate_actions"] == (7, 7)
    assert got["preventive_measures"] == (9, 9)


BOLD_QA = """**Q1: What caused the late shipments?**
A: Our courier pickup moved from 17:00 to 14:00 on 3 March and we kept the 1-day handling time,
so 26 orders placed after 14:00 left a day late.

**Q2: What did you do already?**
A: On 11 March we set the handling time of all 48 SKUs to 2 days.

**Q3: What will you do going forward?**
A: From 14 March the warehouse lead checks the handling time against the pickup time every Monday.
"""


def test_bold_questions_are_headings(lint):
    got = spans(lint(BOLD_QA))
    assert got["root_cause"] == (1, 3)
    assert got["immediate_actions"] == (5, 6)
    assert got["preventive_measures"] == (8, 9)


NESTED = """# Plan of Action

## 1. Root cause
Our label printer template kept the old return address after we moved on 2 May, so 31 returns were lost.

## 2. Immediate actions
On 9 May we corrected the template and refunded the 31 buyers.

## 3. Preventive measures

### 3.1 Templates
From 12 May the office manager checks both label templates every Monday.

### 3.2 Training
By 20 May all 4 packers finish a 30-minute course on the address change checklist.

---

Thank you for reviewing our plan.
"""


def test_sub_headings_stay_in_their_element_and_breaks_belong_to_none(lint):
    report = lint(NESTED)
    got = spans(report)
    assert got["preventive_measures"] == (9, 15)
    kinds = {line: s.kind for s in report.sections for line in range(s.start_line, s.end_line + 1)}
    assert kinds[17] not in ("preventive_measures", "root_cause", "immediate_actions")


TABLE = """Root cause
Our supplier switched the battery cell in March and our intake check only read the label.

Immediate actions

| Date | Action |
| --- | --- |
| 4 April | Removed all 212 units of the batch from sale |
| 5 April | Refunded the 9 buyers |

Preventive measures
From 8 April our QA lead tests 10 cells from every batch before it is listed.
"""


def test_table_separator_rows_stay_in_the_table(lint):
    """A table's header and separator rows are part of the table (markup without text), so the
    element runs through them: the section holds the whole table."""
    from poalint.app.linter import build_document
    from poalint.checks.loader import load_pack
    from poalint.parse.blocks import BlockParser

    blocks = build_document("d.md", TABLE, BlockParser(load_pack().lexicon.classify)).blocks
    assert [b.type for b in blocks if 6 <= b.start_line <= 9] == ["table"] * 4
    assert spans(lint(TABLE))["immediate_actions"] == (4, 9)


SIGNED = """Root cause
Our packer used the old 2 kg box for the 5 kg kettlebells after the new boxes ran out on 3 June.

Immediate actions
On 6 June we refunded the 12 buyers and bought 400 boxes rated for 10 kg.

Preventive measures
From 8 June the packing lead counts box stock every Friday and reorders below 100 boxes.

Maya Lindqvist, Operations Manager
Northfield Fitness Supply, 14 Garnet Road, Unit 3, Leeds LS11 5QP
"""


def test_a_long_address_line_of_the_signature_is_closing(lint):
    report = lint(SIGNED)
    assert spans(report)["preventive_measures"] == (7, 8)
    assert report.sections[-1].kind == "closing" and report.sections[-1].start_line == 10
    assert not [f for f in report.findings if f.category == "privacy"]

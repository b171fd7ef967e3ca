"""Is an action element there at all? A table of measures is content; an answer that says
"N/A" is not; a vague action leaves nothing, a concrete action with a vague word stays.
Drafts written for these tests."""

from __future__ import annotations

HEAD = """## Root cause
Our returns shelf stood beside new stock, and the packer restocked returns after looking only at the box.

"""


def empty(report) -> set[str]:
    return {f.section for f in report.findings if f.rule == "empty-action-section"}


def test_a_table_of_measures_is_content(lint):
    text = (
        HEAD
        + """## Immediate actions
- On 2 May we moved all 64 returned units to a locked cage.

## Preventive measures

| Measure | Owner | Start | How often |
|---|---|---|---|
| Returns checked against a 6-point list before restocking | Returns lead | 6 May | Every return |
| Audit of 10 units on the new-stock shelf | Owner | 13 May | Every Monday |
"""
    )
    report = lint(text)
    assert "preventive_measures" not in empty(report)
    table = [s for s in report.sections if s.kind == "preventive_measures"][0]
    assert (table.start_line, table.end_line) == (7, 12)


def test_a_table_row_without_a_date_is_a_commitment_without_a_date(lint):
    text = (
        HEAD
        + """## Immediate actions
- On 2 May we moved all 64 returned units to a locked cage.

## Preventive measures

| Measure | Owner | When |
|---|---|---|
| Returns checked against a 6-point list before restocking | Returns lead | Every return |
| Improve our packing | Packing team | TBD |
"""
    )
    report = lint(text)
    lines = {f.line for f in report.findings if f.rule == "missing-time-bound"}
    assert 12 in lines and 11 not in lines
    assert not {f.line for f in report.findings if f.line in (9, 10)}  # header and separator are markup


def test_an_answer_that_says_not_applicable_is_empty(lint):
    text = (
        HEAD
        + """## Immediate actions
N/A - the marketplace refunded the three buyers through its own claim process last week.

## Preventive measures
From 6 May the returns lead checks every return against a 6-point list before it is restocked.
"""
    )
    assert "immediate_actions" in empty(lint(text))


def test_a_vague_action_is_no_content_but_a_vague_time_is(lint):
    vague_action = (
        HEAD
        + """## Immediate actions
On 2 May we moved all 64 returned units to a locked cage.

## Preventive measures
We will be more careful with returned items and will pay more attention to our shelves.
"""
    )
    vague_time = (
        HEAD
        + """## Immediate actions
On 2 May we moved all 64 returned units to a locked cage.

## Preventive measures
If the returns lead is away, the warehouse manager will check the returns cage and relabel units quickly.
"""
    )
    assert "preventive_measures" in empty(lint(vague_action))
    assert "preventive_measures" not in empty(lint(vague_time))


def test_a_concrete_action_with_a_vague_object_stays(lint):
    text = (
        HEAD
        + """## Immediate actions
We hired more packers and shipped all waiting orders.

## Preventive measures
From 6 May the returns lead checks every return against a 6-point list before it is restocked.
"""
    )
    assert "immediate_actions" not in empty(lint(text))


ACTIONS = """## Immediate actions
- On 2 May we moved all 64 returned units to a locked cage.

## Preventive measures
"""


def test_keeping_up_a_routine_is_no_content(lint):
    """Without a time or a quantity, "keep watching" and "re-check" promise the old routine."""
    text = (
        HEAD
        + ACTIONS
        + (
            "We will keep watching our returns closely and will re-check the shelves. "
            "We will also continue to review our stock to make sure nothing is mixed up.\n"
        )
    )
    assert "preventive_measures" in empty(lint(text))


def test_a_new_control_beside_a_routine_is_content(lint):
    """A clause that changes something (a new person, a new tool) stays content, and a routine
    with a time or a quantity is a control."""
    hired = HEAD + ACTIONS + "We will hire a returns clerk for the cage and keep monitoring the shelves.\n"
    assert "preventive_measures" not in empty(lint(hired))
    dated = (
        HEAD
        + ACTIONS
        + "From 6 May the returns lead checks every returned unit against the order before restocking.\n"
    )
    assert "preventive_measures" not in empty(lint(dated))


def test_a_routine_report_is_an_action(lint):
    """In the immediate actions a check is something done, not a promise."""
    text = HEAD + (
        "## Immediate actions\nWe reviewed the returned kettles and checked the shelf labels.\n\n"
        "## Preventive measures\nFrom 6 May the returns lead checks every returned unit before restocking.\n"
    )
    assert "immediate_actions" not in empty(lint(text))

"""A note that a document is attached ends the element only where nothing but documents and
the sign-off follow it (drafts written for these tests, not taken from any eval set)."""

from __future__ import annotations

from tests.unit.sections.test_forms import spans

NOTE_BETWEEN_ACTIONS = """Root cause
Our label template still printed the old warehouse address after we moved on 1 March, so 26 returns went to the old unit.

Actions taken
We collected the 26 returns from the old unit on 9 March and refunded every buyer the same day.
The landlord of the old unit signed a forwarding agreement on 10 March, a copy is enclosed.
We changed the return address in the template and in Seller Central on 10 March.

Preventive measures
From 15 March the owner checks the return address on the first label printed every Monday.
"""

NOTE_AT_THE_END = """Root cause
Our label template still printed the old warehouse address after we moved on 1 March, so 26 returns went to the old unit.

Actions taken
We collected the 26 returns from the old unit on 9 March and refunded every buyer the same day.
We changed the return address in the template and in Seller Central on 10 March.
The forwarding agreement with the landlord is attached.

Preventive measures
From 15 March the owner checks the return address on the first label printed every Monday.
"""

NOTE_BEFORE_SIGN_OFF = """Root cause
Our label template still printed the old warehouse address after we moved on 1 March, so 26 returns went to the old unit.

Preventive measures
From 15 March the owner checks the return address on the first label printed every Monday.

Immediate actions
We collected the 26 returns from the old unit on 9 March and refunded every buyer the same day.
Copies of the 26 refund confirmations are attached.
Thank you for reviewing our plan.
"""


def test_a_note_between_actions_stays_in_them(lint):
    assert spans(lint(NOTE_BETWEEN_ACTIONS))["immediate_actions"] == (4, 7)


def test_a_note_after_the_last_action_ends_them(lint):
    got = spans(lint(NOTE_AT_THE_END))
    assert got["immediate_actions"] == (4, 6)
    assert got["supporting_documents"] == (7, 7)


def test_a_note_before_the_sign_off_ends_them(lint):
    got = spans(lint(NOTE_BEFORE_SIGN_OFF))
    assert got["immediate_actions"] == (7, 8)
    assert got["supporting_documents"] == (9, 9)

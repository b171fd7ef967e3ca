"""Headings sellers end with a full stop or phrase as a narrative, and the signature and
closing lines after the last element (drafts written for these tests, not from any eval set)."""

from __future__ import annotations

import pytest

from tests.unit.sections.test_forms import spans

MEMO = """SUBJECT: Plan of Action, valid tracking rate 91% (March)

1. CAUSE.
a. Our courier integration stopped sending tracking numbers for the 2-day service on 4 March.
b. Nobody compared uploaded tracking with shipped orders, so 64 orders went without tracking.

2. ACTIONS TAKEN.
a. 9 March: integration reconnected and the 64 tracking numbers uploaded by hand.
b. 10 March: every affected buyer messaged with the tracking link.

3. PREVENTION.
a. From 15 March a report at 16:00 lists shipped orders without tracking; the dispatch lead clears it the same day.
b. The integration's error e-mails go to two people from 15 March, checked every morning.

T. Okonkwo
Dispatch Lead
"""

NARRATIVE = """## Plan of Action: valid tracking

### What we did wrong and why
We kept the 2-day service on a courier whose tracking we never tested with our integration, so 64 orders shipped without tracking in March.

### What we have done
We reconnected the integration on 9 March and uploaded all 64 tracking numbers by hand.

### What will stop it happening again
From 15 March the dispatch lead checks a 16:00 report of shipped orders without tracking every working day.

Signed,
Ada Okonkwo, Owner, Okonkwo Parcel Supplies Ltd.
"""

CLOSING_AFTER_LIST = """Root cause
Our courier integration stopped sending tracking numbers on 4 March and nobody compared uploads with shipments.

Immediate actions
- We uploaded the 64 missing tracking numbers by hand on 9 March.

Preventive measures
- From 15 March the dispatch lead clears a 16:00 report of orders without tracking every working day.

We value our selling privileges and remain committed to shipping every order with tracking.

Regards,
Ada
"""

NUMBERED_SENTENCES = """Root cause
We did not test the new courier's tracking upload before using it for 2-day orders in March.

Immediate actions
1) We uploaded the 64 missing tracking numbers by hand on 9 March.
2) We will keep all documents of the courier in one folder.
3) We messaged every buyer on 10 March.

Preventive measures
From 15 March the dispatch lead clears a 16:00 report of orders without tracking every working day.
"""


@pytest.fixture(scope="module")
def lint(linter):
    return lambda text, path="draft.txt": linter.lint_text(text, path=path)


def test_numbered_capital_headings_ended_by_a_full_stop(lint) -> None:
    found = spans(lint(MEMO))
    assert found["root_cause"] == (3, 5)
    assert found["immediate_actions"] == (7, 9)
    assert found["preventive_measures"] == (11, 13)
    assert found["closing"] == (15, 16)  # "T. Okonkwo" is an initial and a surname, not item T


def test_narrative_headings_and_a_company_signature(lint) -> None:
    found = spans(lint(NARRATIVE, "draft.md"))
    assert found["root_cause"] == (3, 4)  # what we did wrong is the cause, not the actions
    assert found["immediate_actions"] == (6, 7)
    assert found["preventive_measures"] == (9, 10)  # "What will stop it happening again"
    assert found["closing"] == (12, 13)  # "... Supplies Ltd." ends a signature, not a sentence


def test_commitment_after_the_last_list_is_the_closing(lint) -> None:
    found = spans(lint(CLOSING_AFTER_LIST))
    assert found["preventive_measures"] == (7, 8)
    assert found["closing"][0] == 10


def test_a_numbered_sentence_ended_by_a_full_stop_is_no_heading(lint) -> None:
    report = lint(NUMBERED_SENTENCES)
    assert [s.kind for s in report.sections].count("supporting_documents") == 0
    assert spans(report)["immediate_actions"] == (4, 7)


UNPUNCTUATED_LAST_SECTION = """## Root cause
Our courier integration stopped sending tracking numbers on 4 March and nobody compared uploads with shipments.

## Immediate actions
We uploaded the 64 missing tracking numbers by hand on 9 March.

## Preventive measures
We will check the tracking report every morning from 15 March
"""


def test_an_unpunctuated_last_line_under_a_heading_is_no_signature(lint) -> None:
    report = lint(UNPUNCTUATED_LAST_SECTION, "draft.md")
    assert spans(report)["preventive_measures"] == (7, 8)
    assert "closing" not in spans(report)

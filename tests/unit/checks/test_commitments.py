"""What a commitment is and what makes it concrete, by role in the sentence: a goal clause
says what an action is for, not when it runs; labels, lead-ins, questions and requests to the
reader commit to nothing; "any" is coverage in a trigger or a rule, not in a reaction.
Sentences written for these tests."""

from __future__ import annotations

import pytest


def categories(lint, text: str, section: str = "Preventive measures") -> set[str]:
    return {f.category for f in lint(f"## {section}\n\n{text}\n").findings}


def test_a_time_inside_a_goal_clause_does_not_date_the_action(lint):
    assert "time-bound" in categories(
        lint, "We will send smaller cartons more often so that stock sells before it expires."
    )
    assert "time-bound" in categories(
        lint, "We will add a packing check to make sure every parcel leaves before the carrier's cut-off."
    )
    assert "time-bound" not in categories(
        lint, "From 3 June we add a packing check to make sure every parcel leaves before the cut-off."
    )


def test_a_threshold_in_a_goal_still_says_how_much(lint):
    assert "measurable" not in categories(
        lint, "By 1 July we will retrain the packers to keep damage claims under 1%."
    )


@pytest.mark.parametrize(
    ("text", "measurable"),
    [
        ("We will answer any buyer message promptly from 1 June.", False),
        ("From 1 June we photograph the contents before accepting any return.", True),
        ("From 1 June any change of supplier needs the owner's written approval.", True),
        ("From 1 June we never mention reviews in any message to a buyer.", True),
        ("From 1 June, whenever a repricing rule changes, a second person checks it.", True),
    ],
)
def test_any_is_coverage_in_a_trigger_a_rule_or_a_negation_not_in_a_reaction(lint, text, measurable):
    assert ("measurable" not in categories(lint, text)) is measurable


def test_a_lead_in_to_a_list_is_no_commitment_and_no_vague_promise(lint):
    text = (
        "To make sure this never happens again, we have put these controls in place:\n\n"
        "- From 3 June the shift lead weighs every parcel before the 16:00 pickup.\n"
    )
    found = categories(lint, text)
    assert not found & {"time-bound", "measurable", "vague"}


@pytest.mark.parametrize(
    "text",
    [
        "What will we do to stop this from happening again?",
        "Kindly review our plan and reinstate the listing.",
        "We beg you to give our shop another chance.",
        "Without this account we will lose everything.",
        "You will not regret giving us another chance.",
    ],
)
def test_questions_requests_and_events_are_no_commitments(lint, text):
    assert not categories(lint, text) & {"time-bound", "measurable"}


def test_a_list_items_label_is_a_name_not_a_promise(lint):
    text = "- **Increased buffer time:** From 3 June we add one day of handling time to all 40 SKUs."
    assert "vague" not in categories(lint, text)


def test_a_goal_after_a_concrete_action_is_not_vague_but_after_a_vague_one_it_is(lint):
    done = "On 2 May we re-synced the order software to ensure every open order reached the warehouse."
    assert "vague" not in categories(lint, done, "Immediate actions")
    assert "vague" in categories(lint, "We will do more to ensure this problem is solved.")


NO_PREVENTION = """Root cause
Our packer used a 3 mm carton for the 40 cm mirrors after the 5 mm cartons ran out on 2 June.

Immediate actions
On 4 June we refunded the 11 buyers and bought 300 cartons of the 5 mm grade.

{tail}

Regards,
Ines Duarte
"""


def _lines(report, category: str) -> set[int]:
    return {f.line for f in report.findings if f.category == category}


def test_a_promise_outside_any_preventive_section_is_still_a_commitment(lint):
    """No preventive section: the promise made before the sign-off is the plan's commitment."""
    report = lint(NO_PREVENTION.format(tail="We will pack mirrors more carefully from now on."))
    assert not any(s.kind == "preventive_measures" for s in report.sections)
    assert 7 in _lines(report, "time-bound") and 7 in _lines(report, "measurable")


def test_outside_the_preventive_section_only_an_outright_promise_commits(lint):
    """Descriptions in the present tense and events are no promise; nor is anything outside a
    draft that has a preventive section (it holds the commitments)."""
    for tail in (
        "The mirror line belongs to our second store.",
        "We will lose our main income if the listing stays closed.",
    ):
        report = lint(NO_PREVENTION.format(tail=tail))
        assert 7 not in _lines(report, "time-bound") | _lines(report, "measurable"), tail
    with_section = (
        NO_PREVENTION.format(
            tail="Preventive measures\nFrom 6 June the packing lead checks the carton grade of every mirror parcel."
        )
        + "\nWe will also look at other products.\n"
    )
    assert 13 not in _lines(lint(with_section), "time-bound")


@pytest.mark.parametrize(
    "sentence",
    [
        "Any parcel with a torn seal is set aside the same day and reported to the owner.",
        "The receiving clerk logs the serial numbers of every pallet at receipt.",
        "Each new packer completes the packing course within their first 3 working days.",
        "The whole team repeats the listing course every March.",
    ],
)
def test_relative_days_recurring_months_and_moments_of_receipt_say_when(lint, sentence):
    assert "time-bound" not in categories(lint, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Only sealed units will be sent to the warehouse from 2 June.",
        "From 2 June no packer may ship a parcel without weighing it.",
        "From 2 June we will no longer buy stock from clearance auctions.",
    ],
)
def test_a_rule_for_every_case_or_for_none_is_full_coverage(lint, sentence):
    assert "measurable" not in categories(lint, sentence)


def test_an_exclusive_word_inside_a_sentence_is_no_coverage(lint):
    assert "measurable" in categories(
        lint, "From 2 June we will pack the mugs in thicker boxes, not only in bubble wrap."
    )


COMMITMENT_FORMS = {
    "going to": "We are going to look harder at supplier paperwork.",
    "contracted going to": "We're going to tidy up the returns area.",
    "present progressive": "We are rethinking how the returns shelf is organised.",
    "planned in the passive": "An extra check on outgoing pallets is planned.",
    "headline infinitive": "Shift lead to inspect heavy parcels.",
    "headline passive infinitive": "Courier scan rates to be looked at.",
}


@pytest.mark.parametrize("text", COMMITMENT_FORMS.values(), ids=COMMITMENT_FORMS.keys())
def test_other_forms_of_a_commitment_still_need_a_time(lint, text):
    assert "time-bound" in categories(lint, text)


def test_the_same_forms_with_a_date_and_a_count_are_fine(lint):
    text = "From 4 June we are going to weigh all 30 outgoing pallets."
    assert not {"time-bound", "measurable"} & categories(lint, text)
    text = "Courier scan rates to be compared with our manifest every Friday for all 40 routes."
    assert not {"time-bound", "measurable"} & categories(lint, text)


def test_a_demand_on_the_marketplace_is_no_commitment_of_ours(lint):
    text = "Amazon should publish the battery document list on the listing page."
    assert not {"time-bound", "measurable"} & categories(lint, text)


def test_something_going_to_happen_is_no_commitment(lint):
    assert "time-bound" not in categories(lint, "Prices are going to rise for everyone in the category.")
    assert "time-bound" not in categories(lint, "Freight costs are rising across the whole category.")


def test_a_templates_bracketed_instruction_is_no_commitment(lint):
    text = "[Explain what you will change to stop this recurring. You must include dates.]"
    assert not {"time-bound", "measurable"} & categories(lint, text)
    assert "placeholder" in categories(lint, text)

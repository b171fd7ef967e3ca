"""Vague only in the role where a word carries the commitment: a list item's label, a lead-in,
a question or a goal after a concrete action is not the promise; a formal verb inside a
statement that names two of when, how many, who and what is not vague. Sentences written for
these tests."""

from __future__ import annotations

import pytest


def vague(lint, text: str, section: str = "Preventive measures") -> list[str]:
    return [f.rule for f in lint(f"## {section}\n\n{text}\n").findings if f.category == "vague"]


VAGUE = [
    "We will put in place a comprehensive inspection procedure.",
    "We will take appropriate corrective measures.",
    "We will stay informed about policy changes.",
    "Our staff will keep the records current.",
    "We will conduct routine checks of our listings.",
    "We will make our warehouse team aware of the rule.",
    "We will continuously review our processes.",
    "We will follow the marketplace's Listing Guidelines going forward.",
    "We will enhance our procedures to ensure compliance.",
    "Consider switching to a faster courier.",
    "We will do everything necessary to ensure this never happens again.",
]


@pytest.mark.parametrize("text", VAGUE)
def test_a_promise_without_content_is_vague(lint, text):
    assert vague(lint, text)


NOT_VAGUE = {
    "label": "- **Improved labelling:** From 4 June every carton carries a barcode printed at the packing station.",
    "label with a comparative": "- **Stricter supplier checks:** Since 2 May the buyer asks every new supplier for 3 invoices.",
    "goal after a dated action": "On 2 May we re-synced the stock feed to ensure all 212 SKUs showed the right quantity.",
    "goal after a named actor": "Our stock controller counted the shelves to make sure the feed matched them.",
    "participle as adjective": "The increased return rate came from 18 kettles of lot 24-07.",
    "ensure with what and how many": "We will ensure that the Kestrel storefront is opened only from the two office laptops.",
    "training named and owned": "Our listing editor will receive training on the Brand Registry Guidelines by 30 June.",
    "lead-in": "We have implemented the following controls to ensure compliance:",
    "question": "What will we change to stop this from happening again?",
}


@pytest.mark.parametrize("text", NOT_VAGUE.values(), ids=NOT_VAGUE.keys())
def test_a_vague_looking_word_outside_the_commitment_is_not_vague(lint, text):
    assert not vague(lint, text)


def test_a_reviewed_item_named_with_its_result_is_a_report(lint):
    named = "We reviewed the listing for ASIN B0C9QK2LMX and replaced the two images with our own photos."
    assert not vague(lint, named, "Immediate actions")
    assert vague(lint, "We reviewed our listings.", "Immediate actions")


def test_an_unmeasured_extent_in_a_root_cause_is_vague(lint):
    assert vague(lint, "In December our order volume was far higher than normal.", "Root cause")
    assert not vague(lint, "In December our order volume rose from 40 to 95 orders a day.", "Root cause")


def test_a_past_belief_about_the_buyer_is_not_a_hoped_outcome(lint):
    assert "hedged-outcome" not in vague(
        lint, "We believe the buyer may have misread the chart.", "Root cause"
    )
    assert "hedged-outcome" in vague(lint, "We hope the new boxes will stop the damage.")


@pytest.mark.parametrize(
    "text",
    [
        "We will devote more attention to the ingredient lists.",
        "Our team is going to keep a closer eye on returned goods.",
        "We will place greater focus on carton quality.",
    ],
)
def test_more_attention_is_a_promise_to_try_harder(lint, text):
    assert "vague-attention" in vague(lint, text)


def test_attention_with_a_check_a_time_and_a_count_is_concrete(lint):
    text = (
        "From 2 June our packing lead gives extra care to all 40 fragile orders a day by weighing each one."
    )
    assert "vague-attention" not in vague(lint, text)

"""Blame as a relation found through the parse: a party other than the seller in a blaming role
(subject of an accusing or failing predicate, owner of a fault, agent of a failure, cause,
judged party), unless the seller owns the relation. Sentences and drafts written for these tests."""

from __future__ import annotations

import pytest


def blame_rules(lint, text: str, section: str = "Root cause") -> list[str]:
    report = lint(f"## {section}\n\n{text}\n")
    return [f.rule for f in report.findings if f.category == "blame"]


ROLES = {
    # subject of an accusing or failing predicate
    "accusing verb": "The courier dumped our parcels at the wrong depot for a week.",
    "mis- verb": "Royal Mail mislaid six of the boxes.",
    "negated duty": "Customers did not measure their window before ordering the blinds.",
    "without": "Your investigators took our listing down without checking the certificate.",
    "instead of": "Buyers keep opening claims instead of messaging us.",
    "reproach": "The supplier should have warned us about the new formula.",
    "provider's word": "The factory assured us the batteries were certified.",
    "nobody, toward us": "Nobody from Seller Support ever answered our emails.",
    "rival": "A competing brand keeps reporting our listing to knock us off the offer.",
    "done wrongly": "Seller Support gave us the wrong information about the category approval.",
    "staff, accusing": "The warehouse team forgot to attach the inserts.",
    # polite blame: an opinion verb does not soften it
    "polite, hedged": "We think a few shoppers may have mixed up the two sizes.",
    "polite, negated": "We suspect the customer did not follow the assembly guide.",
    # owner of a fault
    "possessive fault": "It was the wholesaler's error, not ours.",
    "fault of": "This happened due to the carelessness of the packing agency.",
    "fault by": "The shortfall happened because of a mistake by the prep centre.",
    # agent of a failure passive
    "agent of cause": "The delay was caused by the freight forwarder.",
    "agent, misled": "We were misled by the manufacturer about the certification.",
    "agent, rival": "The complaint was clearly filed by a rival trying to take over the listing.",
    # cause
    "due to": "Two orders were late due to the driver's holiday.",
    "problem of": "This is a problem of the carrier.",
    # evaluation
    "copular judgement": "The buyer was clearly dishonest about the contents of the box.",
    "attributive judgement": "The freelancer we hired was simply careless with the listings.",
    "judged complaint": "The rights holder's claim is completely baseless.",
    # reliance as the excuse
    "reliance": "We trusted our wholesaler and listed what they sent.",
}


@pytest.mark.parametrize("text", ROLES.values(), ids=ROLES.keys())
def test_a_party_in_a_blaming_role_is_blame(lint, text):
    assert blame_rules(lint, text)


OWNED = {
    "party inside our action": "We chose a courier with no weekend service and did not check its collection times.",
    "our action is the reason": "Because we booked the collection after 16:00, the courier missed 3 pickups.",
    "reason clause of ours": "The courier returned 5 parcels because we wrote incomplete addresses on the labels.",
    "admission beside": "The supplier did not include a safety data sheet, and we had no step that asked for one.",
    "admission next": "The factory assured us the cells were certified. We did not ask for the test report.",
    "our mistake": "The mistake was ours: we uploaded the old inventory file.",
    "not their fault": "It was not the courier's fault; we printed the labels with the wrong postcode.",
    "reliance admitted": "We trusted the label on the box and did not test the output ourselves.",
    "reliance without": "We relied on the supplier's certificate without testing a single unit.",
    "our own team": "Nobody on our team compared the listing with the packaging.",
    "victims": "3 buyers received the wrong colour because our pick list showed only the SKU.",
    "plain fact": "6 customers reported that the lid cracked after a week of use.",
    "fact about a rule": "The marketplace requires a safety data sheet for every battery product.",
    "fact about others' stock": "Our repricer raised the price to $90 while the other sellers were out of stock.",
    "made by, neutral": "Our filters fit vacuum cleaners made by other manufacturers.",
    "created by staff, neutral": "Our listing assistant created 7 new ASINs in March.",
    "they, about parcels": "We shipped the parcels on 3 May and they arrived on 5 May.",
    "defined name for us": "The Company did not read the category rules before listing; the error is the Company's.",
    "formal seller name": "As the Seller had no device register, the Seller cannot show which laptop was used.",
}


def test_a_fault_placed_on_a_party_by_its_verb_is_blame(lint):
    assert blame_rules(lint, "Any responsibility for the wrong labels lies with the printer we used.")
    assert not blame_rules(
        lint, "The responsibility for the wrong labels lies with us: we approved the proof."
    )


def test_a_company_in_lower_case_is_still_a_party(lint):
    assert blame_rules(lint, "The shipping company lost 9 of our pallets in the depot.")


def test_a_corrective_passive_beside_an_error_is_not_evasion(lint):
    text = "The listing was deleted at 10:00, two hours after the error had been reported to us."
    assert "agentless-passive" not in blame_rules(lint, text, "Immediate actions")
    assert "agentless-passive" in blame_rules(lint, "The old labels were used in error on 40 parcels.")


@pytest.mark.parametrize("text", OWNED.values(), ids=OWNED.keys())
def test_a_relation_the_seller_owns_is_clean(lint, text):
    assert not blame_rules(lint, text)


def test_a_requirement_the_seller_sets_is_not_a_reproach(lint):
    text = "Every new supplier must send 3 invoices before the first order, and the carrier should scan each pallet."
    assert not blame_rules(lint, text, "Preventive measures")
    assert blame_rules(lint, "The carrier should scan each pallet instead of guessing.", "Root cause")


def test_an_inverted_conditional_is_not_a_reproach(lint):
    assert not blame_rules(lint, "Should you need the invoices, we can send them within 24 hours.", "Closing")


AGENTLESS = {
    "fault event": "An error crept into the price feed over the weekend.",
    "get-passive": "Somewhere in the prep centre the two colours got mixed up.",
    "by mistake is no agent": "The warning was dropped from the listing by mistake.",
}


@pytest.mark.parametrize("text", AGENTLESS.values(), ids=AGENTLESS.keys())
def test_an_agentless_failure_is_blame(lint, text):
    assert "agentless-passive" in blame_rules(lint, text)


def test_an_agentless_failure_in_a_relative_clause_of_ours_is_still_agentless(lint):
    text = "The two colours got mixed up at the hub, and nothing we shipped that week was scanned."
    assert "agentless-passive" in blame_rules(lint, text)


OMISSION_DRAFT = """## Root cause

A customer found a loose wheel on the toy truck.
The new batch was not tested for loose parts before it went out.

## Immediate actions

- On 3 May we removed all 240 units from sale.
"""

OWNED_OMISSION_DRAFT = """## Root cause

- Our inbound checklist dates from 2021 and has no question about batteries, so the products
  were not sent for hazmat review before they were shipped to the warehouse.

## Immediate actions

- On 3 May we removed all 240 units from sale.
"""


def test_a_missing_step_is_evasion_only_in_a_passage_that_never_names_the_seller(lint):
    evasive = [f.rule for f in lint(OMISSION_DRAFT).findings if f.category == "blame"]
    owned = [f.rule for f in lint(OWNED_OMISSION_DRAFT).findings if f.category == "blame"]
    assert "agentless-omission" in evasive
    assert "agentless-omission" not in owned

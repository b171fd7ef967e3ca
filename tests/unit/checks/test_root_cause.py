"""The root cause is judged by its content: does it name something of the seller's beyond the
symptom (a step, system, setting, document, role, supplier, decision) and what went wrong with
it? Connectives do not decide, ignorance of the rules and accusations are no cause.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from poalint.nlp.causes import CauseVocabulary, judge


@pytest.fixture(scope="module")
def vocabulary(pack) -> CauseVocabulary:
    return CauseVocabulary.build(**pack.by_id("root-cause-restates-symptom").cause.model_dump())


def verdict(nlp, vocabulary, text: str):
    return judge(list(nlp(text).sents), vocabulary)


@pytest.mark.parametrize(
    "text",
    [
        # no connective at all: a setting, a system and what it did
        "A wrong setting in our order software held new orders for 6 hours before passing them to the packing team.",
        # a decision of the seller's, with the gap it left
        "In March we switched to a cheaper courier and kept the 2-day transit time in our shipping template.",
        # a restriction: the check covered only part of the risk
        "Our packer restocked returns after looking only at the outer box, and the returns shelf stood beside new stock.",
        # a supplier and a document, connected by "so"
        "The factory changed the glue in batch 7, so the pegs came loose; our contract did not require notice of changes.",
        # ignorance of a fact about one's own stock is still a mechanism when the gap is named
        "We did not know that the supplier had swapped the thermostat, because our inspection never measured temperature.",
    ],
)
def test_a_mechanism_explains(nlp, vocabulary, text):
    result = verdict(nlp, vocabulary, text)
    assert result.explains, (result.reason, result.mechanisms)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Our cancellation rate rose to 4% because too many orders were cancelled.", "symptom only"),
        (
            "The late shipment rate went over the limit as several orders shipped after the ship date.",
            "symptom only",
        ),
        (
            "We did not know that the policy does not allow gift cards in exchange for reviews.",
            "ignorance of the rules",
        ),
        (
            "The root cause was a lack of understanding of the guidelines on product reviews.",
            "ignorance of the rules",
        ),
        ("We were not aware of this rule.", "ignorance of the rules"),
    ],
)
def test_symptom_and_ignorance_do_not_explain(nlp, vocabulary, text, reason):
    result = verdict(nlp, vocabulary, text)
    assert not result.explains and result.reason == reason, (result.reason, result.mechanisms)


def test_what_buyers_did_is_not_the_sellers_mechanism(nlp, vocabulary):
    text = "The buyers opened the blenders, used them for weeks and then returned them with the jars missing."
    assert not verdict(nlp, vocabulary, text).explains


def test_a_report_that_nothing_went_wrong_names_no_failure(nlp, vocabulary):
    text = "Our shipping records show that every parcel left the warehouse on time with a carrier scan."
    result = verdict(nlp, vocabulary, text)
    assert not result.explains and result.reason == "no failure named"


def test_a_subordinate_cause_inside_a_buyers_clause_still_counts(nlp, vocabulary):
    text = (
        "Four buyers received the wrong size because our pick list showed only the SKU and not the size name."
    )
    assert verdict(nlp, vocabulary, text).explains


def test_an_accusation_flagged_as_blame_counts_for_nothing(nlp, vocabulary):
    sents = list(nlp("The competitor filed false reports against our listing with made-up test buys.").sents)
    assert not judge(sents, vocabulary, accusing={id(s) for s in sents}).explains


def test_an_agentless_passive_still_names_its_mechanism(nlp, vocabulary):
    # evasive wording is the blame rules' business; the mechanism is still named
    sents = list(
        nlp(
            "The heating element was not fixed correctly at the factory and the thermostat was skipped."
        ).sents
    )
    assert judge(sents, vocabulary, accusing={id(s) for s in sents}).explains


def test_a_verbless_root_cause_is_judged(nlp, vocabulary):
    # no verb at all: the clause search must stop at the sentence's root
    result = verdict(nlp, vocabulary, "Wrong labels from the old printer, no second check by the packer.")
    assert result.explains, (result.reason, result.mechanisms)


def test_not_knowing_a_product_was_restricted_is_ignorance(nlp, vocabulary):
    result = verdict(
        nlp, vocabulary, "We did not realise that laser pointers were restricted in this category."
    )
    assert not result.explains and result.reason == "ignorance of the rules"


def test_what_a_flagged_system_or_3pl_did_is_no_mechanism_of_ours(nlp, vocabulary):
    sents = list(nlp("The system should have stopped the upload at the first step.").sents)
    assert not judge(sents, vocabulary, accusing={id(s) for s in sents}).explains
    sents = list(nlp("Our 3PL failed to book the courier collections for the whole week.").sents)
    assert not judge(sents, vocabulary, accusing={id(s) for s in sents}).explains
    # unflagged, our own system's failure is a mechanism
    assert verdict(
        nlp, vocabulary, "Our order system did not send the new address to the label printer."
    ).explains


def test_a_provider_named_with_digits_is_a_party(lint):
    report = lint("## Root cause\n\nThe 3PL failed to collect 40 parcels on Friday.\n")
    assert any(f.category == "blame" for f in report.findings)

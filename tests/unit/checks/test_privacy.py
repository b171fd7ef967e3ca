"""Privacy by whose data it is: a buyer named without an article ("buyer X Y"), a buyer in the
sign-off paragraph, a mobile number grouped 5-3-3; a titled name with a role in the seller's
business (director, photographer) is no buyer. Sentences written for these tests."""

from __future__ import annotations

import pytest


def privacy_rules(lint, text: str) -> list[str]:
    return [f.rule for f in lint(text).findings if f.category == "privacy"]


BUYER_DATA = {
    "buyer without article": "## Root cause\n\nThe return was opened by customer Ingrid Halvorsen on 3 May.\n",
    "mobile number": "## Immediate actions\n\nWe phoned the buyer on 07911 123 456 to apologise.\n",
    "in the sign-off": (
        "## Preventive measures\n\nEvery parcel is scanned from 3 May.\n\n"
        "Thank you. The claim was from buyer Rosa Delgado.\n\nRegards,\nOwner\n"
    ),
    "titled buyer": "## Immediate actions\n\nWe refunded Mr. Kofi Mensah in full on 4 May.\n",
}


@pytest.mark.parametrize("text", BUYER_DATA.values(), ids=BUYER_DATA.keys())
def test_a_buyers_data_is_flagged(lint, text):
    assert privacy_rules(lint, text)


NOT_BUYERS = {
    "our director": "## Root cause\n\nOur director, Mr. Anton Weiss, reused a laptop from his old company.\n",
    "a photographer": "## Root cause\n\nThe photos were taken by Ms. Carla Ruiz, a photographer we found online.\n",
    "an order number": "## Root cause\n\nThe buyer of order 112-4839201-5567213 opened the box.\n",
}


@pytest.mark.parametrize("text", NOT_BUYERS.values(), ids=NOT_BUYERS.keys())
def test_people_of_the_business_and_order_numbers_are_not_buyer_data(lint, text):
    assert not privacy_rules(lint, text)

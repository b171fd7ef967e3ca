"""Placeholders by the shape of the slot, not by a list of stock fields: other bracket styles
({field}, %%FIELD%%, ‹field›, ⟨field⟩), number slots (XX units, ☐☐ days, ___ units), a named slot
in capitals in round brackets, and one finding per line when a signature block of unfilled fields
is one sentence. Sentences written for these tests."""

from __future__ import annotations

import pytest


def placeholder_lines(lint, text: str) -> list[int]:
    report = lint(text)
    return sorted(f.line for f in report.findings if f.category == "placeholder")


UNFILLED = {
    "single braces": "We refunded the buyer on {refund_date} and closed the claim.",
    "percent signs": "Our warehouse manager, %%MANAGER%%, checks every parcel.",
    "single guillemets": "The supplier ‹supplier name› confirmed the batch on 3 May.",
    "angle brackets": "Removal order ⟨removal order number⟩ was created on 3 May.",
    "a count slot": "We destroyed XX units of the affected batch on 3 May.",
    "boxes for digits": "Each claim is answered within □□ hours.",
    "an underscore slot": "We contacted ___ buyers on 3 May.",
    "a named slot": "The listing was created in (YEAR) by our catalogue team.",
}


@pytest.mark.parametrize("text", UNFILLED.values(), ids=UNFILLED.keys())
def test_unfilled_slots_are_placeholders(lint, text):
    assert placeholder_lines(lint, f"## Root cause\n\n{text}\n") == [3]


FILLED = {
    "an acronym in brackets": "Our late shipment rate (LSR) was 5.1% in May.",
    "a roman numeral": "The XX edition of the catalogue was printed on 3 May.",
    "a thematic break": "We refunded 12 buyers.\n\n___\n\nWe retrained 4 packers.",
    "a code block": "The feed rule was `if qty < 2 then 0` until 3 May.",
}


@pytest.mark.parametrize("text", FILLED.values(), ids=FILLED.keys())
def test_real_values_are_not_placeholders(lint, text):
    assert placeholder_lines(lint, f"## Root cause\n\n{text}\n") == []


def test_each_unfilled_line_of_a_signature_block_is_a_finding(lint):
    text = "## Preventive measures\n\nEvery parcel is weighed from 3 May.\n\nRegards,\n[Owner name]\n<Job title>\n"
    assert placeholder_lines(lint, text) == [6, 7]

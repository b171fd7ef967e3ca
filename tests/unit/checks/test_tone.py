"""Tone by mechanism: capitals for emphasis inside calm text (not acronyms, not headings), a
sentence in capitals on its own line, sarcasm, hardship and pleading, threats that take the
dispute to lawyers or the public. Sentences written for these tests."""

from __future__ import annotations

import pytest


def tone_rules(lint, text: str, section: str = "Root cause") -> list[str]:
    report = lint(f"## {section}\n\n{text}\n")
    return [f.rule for f in report.findings if f.category == "tone"]


EMOTIONAL = {
    "one word in capitals": ("We have already explained this FOUR times.", "shouting"),
    "a pronoun in capitals": ("The photos are OURS and always have been.", "shouting"),
    "an adverb in capitals": ("This is COMPLETELY unreasonable.", "shouting"),
    "mock praise": ("Well done, Amazon, another good seller gone.", "sarcasm"),
    "mock thanks": ("Thanks a lot for reading nothing we sent.", "emotional-language"),
    "thanks for nothing": ("We sent the licence again, so thanks for nothing.", "sarcasm"),
    "imputed motive": ("It seems your team would rather believe the complainant.", "sarcasm"),
    "dependants": ("My three children depend on this store.", "hardship"),
    "cannot feed": ("Without this account I cannot feed my kids.", "hardship"),
    "rent": ("I do not know how we will pay our rent in July.", "hardship"),
    "heart": ("I write to you with a heavy heart.", "pleading"),
    "publicity": (
        "Should the suspension continue, we will contact the newspapers about it.",
        "threat-publicity",
    ),
    "ultimatum to a lawyer": (
        "We will have no choice but to pass the case to our solicitor.",
        "threat-publicity",
    ),
    "conditional forum": (
        "If nothing changes, I am going to tell every seller forum what happened.",
        "threat-publicity",
    ),
    "rights reserved": ("Our client reserves all its rights regarding the blocked inventory.", "threat"),
    "veiled alternative": (
        "We trust this is settled by Friday, as we would otherwise have to seek counsel on the matter.",
        "threat-publicity",
    ),
    "ironic new rule": ("Apparently selling a sealed box is now forbidden.", "sarcasm"),
    "so much for": ("So much for the partnership you advertise.", "sarcasm"),
}


@pytest.mark.parametrize(("text", "rule"), EMOTIONAL.values(), ids=EMOTIONAL.keys())
def test_emotional_wording_is_tone(lint, text, rule):
    assert rule in tone_rules(lint, text)


CALM = {
    "acronyms and times": "We shipped 3 orders from our FBA stock with USPS at 10 AM; the ASIN and SKU are attached.",
    "codes and company forms": "Our IT manager updated the EAN and GTIN codes for our LLC on 4 May.",
    "a condition name": "The condition was listed as NEW although the units had been opened.",
    "a fact about social media": "The agency recruited 12 testers through social media groups.",
    "an attorney's opinion": "Our attorney reviewed the design patent on 3 May; his written opinion is attached.",
    "an attorney as a control": "From June an IP attorney checks every new brand name before we list it.",
    "forums as a control": "We will read the seller forums every Monday for policy updates.",
    "a family business": "We are a family business with 6 employees, and we take this warning seriously.",
    "thanks": "We thank the reviewer for the clear notice and have attached all 6 invoices.",
    "a plain preference": "We would rather send the full invoice than a summary, so it is attached.",
    "paying a supplier": "We paid the supplier's invoice on 3 May and received the test report on 6 May.",
    "warm thanks": "Thanks so much for your patience; every invoice is attached.",
    "counsel as a control": "If a new logo resembles a registered mark, we will ask our counsel for advice first.",
    "apparently as a report": "Apparently the courier had changed depots, so we moved pickups to 2 PM on 4 May.",
}


@pytest.mark.parametrize("text", CALM.values(), ids=CALM.keys())
def test_calm_wording_is_not_tone(lint, text):
    assert not tone_rules(lint, text, "Preventive measures")


def test_a_sentence_in_capitals_on_its_own_line_shouts_but_a_heading_does_not(lint):
    shouting = lint(
        "## Root cause\n\nWe removed the listing on 3 May.\n\nGIVE US OUR ACCOUNT BACK TODAY.\n\nKind regards\n"
    )
    heading = lint("ROOT CAUSE ANALYSIS\n\nWe removed the listing on 3 May.\n")
    label = lint("SELLER: ACME TOOLS CO.\n\n## Root cause\n\nWe removed the listing on 3 May.\n")
    assert [f for f in shouting.findings if f.category == "tone"]
    assert not [f for f in heading.findings if f.category == "tone"]
    assert not [f for f in label.findings if f.category == "tone"]


def test_a_sentence_start_test_does_not_load_the_entity_recogniser():
    from poalint.checks.kinds import excluded_components
    from poalint.checks.kinds.pattern import PatternRule

    def rule(pattern: list) -> PatternRule:
        return PatternRule.model_validate(
            {
                "id": "x",
                "kind": "pattern",
                "category": "tone",
                "severity": "info",
                "message": "m",
                "why": "w",
                "suggestion": "s",
                "penalty": 1,
                "patterns": [pattern],
                "examples": {"bad": ["a"], "good": ["b"]},
            }
        )

    assert excluded_components([rule([{"IS_SENT_START": True, "LOWER": "bravo"}])]) == ("ner",)
    assert excluded_components([rule([{"ENT_TYPE": "ORG"}])]) == ()

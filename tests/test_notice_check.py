"""The notification cross-check and the resubmission, on notices and drafts of our own: how
a notice pasted from an e-mail is read (tables, ids in odd case or spacing, requests in list
items written in the third person), when a request counts as answered, and what the CLI says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from poalint.parse.notice import NoticeWords, ask_section, parse_notice

EMAIL = """From: Seller Performance <seller-performance@example.com>
Sent: Tuesday, March 3, 2026 9:14 AM
Subject: Your selling privileges have been removed

Hello,

Your Late Shipment Rate is 9.2%, above our target of 4%.

| Order ID            | Expected ship date | Confirmed ship date |
|---------------------|--------------------|---------------------|
| 111-2223334-4445556 | Feb 10, 2026       | Feb 13, 2026        |
| 111-9998887-7776665 | Feb 11, 2026       | Feb 14, 2026        |

Affected ASINs: b07xyz1234, B08ABC5678

To reactivate your account, please submit a plan of action that:
* Explains the root cause of the late shipments
* Describes the steps you have taken to resolve the issue
* Lists the measures you will take to prevent late shipments in the future

Was this email helpful? Rate your experience.
"""

DRAFT = """# Plan of Action: Late Shipment Rate

## Root cause
In February our order volume doubled during a promotion while our only packer was on sick
leave, so orders 111 2223334 4445556 and 111-999888-77776665 were confirmed three days late.
Both were for ASIN B07XYZ 1234 and ASIN b08abc5678.

## Immediate actions
- On 15 February we hired a second packer who works 08:00-16:00 every weekday.
- On 16 February we shipped and confirmed all 41 open orders.

## Preventive measures
- From 20 February the handling time in all 120 shipping templates is 2 days instead of 1.
- We booked a second UPS pickup at 16:30 every weekday.
"""


def test_email_notice_with_table_and_lower_case_asin():
    from poalint.checks.loader import load_pack

    notice = parse_notice("n.txt", EMAIL, NoticeWords.of(load_pack().lexicons))
    assert [a for a, _ in notice.asins] == ["b07xyz1234", "B08ABC5678"]
    assert [o for o, _ in notice.order_ids] == ["111-2223334-4445556", "111-9998887-7776665"]
    assert "Feb 10, 2026" in notice.dates and "March 3, 2026" in notice.dates
    asks = [a.text for a in notice.asks]
    assert asks == [
        "Explains the root cause of the late shipments",
        "Describes the steps you have taken to resolve the issue",
        "Lists the measures you will take to prevent late shipments in the future",
    ]


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("Describe the steps you have taken to resolve the issue", "immediate_actions"),
        ("Tell us what actions you took for the affected buyers", "immediate_actions"),
        ("List the measures you will take to prevent this in the future", "preventive_measures"),
        ("Explain why the orders shipped late", "root_cause"),
        ("Invoices from your supplier dated within the last 365 days", None),
    ],
)
def test_which_part_of_the_plan_answers_a_request(text, section):
    assert ask_section(text) == section


def _check(tmp_path: Path, notice: str, draft: str, *args: str) -> dict:
    from poalint.cli.app import cli as main

    (tmp_path / "poa.notice.txt").write_text(notice, encoding="utf-8")
    (tmp_path / "poa.md").write_text(draft, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--no-cache", "--format", "json", *args, str(tmp_path / "poa.md")]
    )
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["files"][0]


def _asks(record: dict) -> dict[str, bool]:
    return {a["text"]: a["addressed"] for a in record["notice"]["asks"]}


def test_ids_in_odd_spacing_and_case_count_as_mentioned(tmp_path):
    record = _check(tmp_path, EMAIL, DRAFT)
    assert all(i["addressed"] for i in record["notice"]["asins"] + record["notice"]["order_ids"])
    assert all(_asks(record).values()), record["notice"]
    assert record["issue"]["source"] == "notice"
    assert not any(f["rule"].startswith("notice-") for f in record["findings"])


def test_missing_asin_is_a_finding_with_the_id_as_written(tmp_path):
    record = _check(tmp_path, EMAIL, DRAFT.replace(" and ASIN b08abc5678", ""))
    found = [f for f in record["findings"] if f["rule"] == "notice-asin"]
    assert [f["text"] for f in found] == ["B08ABC5678"]
    assert record["notice"]["unaddressed"] == ["B08ABC5678"]


NOTICE_ACTIONS = """We removed your listing because messages you sent to buyers broke the Communication Guidelines.

Please:
- Confirm that you have turned off or deleted the automated message templates that asked for reviews.
- Explain how you will make sure that all future messages follow the Communication Guidelines.
- Remove the link to your website from the order confirmation e-mail.
"""

MESSAGES_DRAFT = """# Plan of Action: Buyer-Seller Messaging

## Root cause
Our assistant added two automated message templates in July that offered buyers a gift for a review.

## Immediate actions
- On 3 August we deleted both templates in our messaging tool.

## Preventive measures
- {prevention}
- We will remove the website link from the order confirmation e-mail.
"""


def test_alternatives_count_once_and_a_done_request_is_not_answered_by_a_promise(tmp_path):
    draft = MESSAGES_DRAFT.format(
        prevention="From 4 August the owner approves every new template in writing before it is sent."
    )
    asks = _asks(_check(tmp_path, NOTICE_ACTIONS, draft))
    # "turned off or deleted" asks for one thing: "we deleted both templates" answers it
    assert asks[
        "Confirm that you have turned off or deleted the automated message templates that asked for reviews"
    ]
    assert asks["Explain how you will make sure that all future messages follow the Communication Guidelines"]
    # "Remove the link ..." asks for something done; "we will remove it" only promises it
    assert not asks["Remove the link to your website from the order confirmation e-mail"]


def test_a_sentence_that_echoes_the_request_does_not_answer_it(tmp_path):
    draft = MESSAGES_DRAFT.format(
        prevention="We will make sure that all future messages follow the Communication Guidelines."
    )
    draft = draft.replace("- We will remove the website link from the order confirmation e-mail.\n", "")
    asks = _asks(_check(tmp_path, NOTICE_ACTIONS, draft))
    assert not asks[
        "Explain how you will make sure that all future messages follow the Communication Guidelines"
    ]


NOTICE_EACH = """Your Valid Tracking Rate is below 95%.

Orders without valid tracking: 112-1111111-2222222, 112-3333333-4444444

Please provide the carrier name and tracking number for each order listed above.
"""


def test_a_request_about_each_listed_order_needs_every_order(tmp_path):
    one = "# Plan of Action\n\n## Immediate actions\nOrder 112-1111111-2222222 went with UPS, tracking number 1Z999AA10123456784; we corrected it on 2 May.\n"
    both = (
        one
        + "Order 112-3333333-4444444 went with USPS, tracking number 9400111202555842332669; we corrected it on 2 May.\n"
    )
    ask = "Please provide the carrier name and tracking number for each order listed above"
    assert not next(iter(_asks(_check(tmp_path, NOTICE_EACH, one)).values())), ask
    assert next(iter(_asks(_check(tmp_path, NOTICE_EACH, both)).values())), ask


def test_notice_for_another_issue_is_a_mismatch_error(tmp_path):
    notice = (
        "We received customer complaints that items you sold were inauthentic.\n\n"
        "ASIN: B07RWNQ5CZ\n\nPlease provide invoices from your supplier for the last 365 days.\n"
    )
    record = _check(tmp_path, notice, DRAFT)
    mismatch = [f for f in record["findings"] if f["rule"] == "notice-mismatch"]
    assert mismatch and mismatch[0]["severity"] == "error"
    assert record["notice"]["type"] == "inauthentic"


def test_companions_named_on_the_command_line_are_not_linted(tmp_path):
    from poalint.cli.app import cli as main

    (tmp_path / "poa.notice.txt").write_text(EMAIL, encoding="utf-8")
    (tmp_path / "poa.previous.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "poa.md").write_text(DRAFT, encoding="utf-8")
    runner = CliRunner()
    named = runner.invoke(main, ["check", "--isolated", "--no-cache", str(tmp_path / "poa.notice.txt")])
    assert named.exit_code == 0 and "poa.notice.txt" not in named.stdout
    assert "a notice is never linted" in named.stderr
    walked = runner.invoke(main, ["check", "--isolated", "--no-cache", "--format", "json", str(tmp_path)])
    assert [Path(f["path"]).name for f in json.loads(walked.stdout)["files"]] == ["poa.md"]


def test_unchanged_resubmission_lists_carried_sentences_per_section(tmp_path):
    from poalint.cli.app import cli as main

    (tmp_path / "poa.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "poa.previous.md").write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", str(tmp_path / "poa.md")])
    out = result.stdout
    assert "[rehashed-plan] 100% of the draft repeats the rejected plan" in out
    assert "carried over in root cause:" in out and "carried over in preventive measures:" in out
    assert "line 6: Both were for ASIN B07XYZ 1234" in out  # the sentence's own line
    assert out.rstrip().splitlines()[-1].startswith("    line ")  # the checklist closes the file


@pytest.mark.parametrize(
    ("notice", "asks"),
    [
        (  # an inline list after a colon, "you must", "we need you to"
            "Your account is at risk because of an Order Defect Rate above 1%. Your plan of action should include:"
            " the root cause of the negative feedback, the actions you have taken to resolve it, and the steps"
            " you will take to prevent it.\nYou must also provide a list of the affected orders. We need you to"
            " explain why order 205-1234567-7654321 was delivered damaged.\n",
            [
                "the root cause of the negative feedback",
                "the actions you have taken to resolve it",
                "the steps you will take to prevent it",
                "provide a list of the affected orders",
                "explain why order 205-1234567-7654321 was delivered damaged",
            ],
        ),
        (  # lettered items after "we need the following"
            "We need the following information to reinstate ASIN B0C123ABCD:\n"
            "a. A copy of the safety test report from an accredited laboratory.\n"
            "b. Images of the product packaging showing the warning labels.\n",
            [
                "A copy of the safety test report from an accredited laboratory",
                "Images of the product packaging showing the warning labels",
            ],
        ),
        (  # a lead-in before the request; how to file is no request
            "In order to reactivate your listing, you will need to submit a plan of action. In it, tell us what"
            " caused the complaints. Please include copies of your invoices. You should also confirm that you"
            " have removed the remaining units.\n\nSubmit your appeal through Account Health.\n",
            [
                "tell us what caused the complaints",
                "include copies of your invoices",
                "confirm that you have removed the remaining units",
            ],
        ),
        (  # a question to the seller is a request; help-page questions and field labels are not
            "Action required: We could not confirm your tracking\nSent: 6 May 2026 Shipment: FBA15XYZ\n\n"
            "What steps will you take to make sure every shipment has a valid tracking number?\n\n"
            "How do I reactivate my account?\nGo to Account Health.\n\nPlease note: repeated problems may"
            " result in the deactivation of your account.\n",
            ["What steps will you take to make sure every shipment has a valid tracking number?"],
        ),
    ],
    ids=["inline-list", "lettered", "lead-in", "question"],
)
def test_requests_in_the_forms_notices_use(notice, asks, pack):
    assert [a.text for a in parse_notice("n.txt", notice, NoticeWords.of(pack.lexicons)).asks] == asks

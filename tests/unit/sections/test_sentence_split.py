"""A paragraph that holds an element the draft has nowhere else is cut between its sentences
(drafts written for these tests, not taken from any eval set): the pieces are sections of
their own, sections never overlap, and together they cover the paragraph exactly."""

from __future__ import annotations

from poalint.app.session import Session, SessionOptions
from poalint.server.drafts import DraftLinter

CORE = ("root_cause", "immediate_actions", "preventive_measures")


def section_texts(report, text: str) -> list[tuple[str, str]]:
    """(kind, exact text) of each section, cut out of `text` by its lines and columns."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out = []
    for s in report.sections:
        start = starts[s.start_line - 1] + s.start_column - 1
        end = starts[s.end_line - 1] + s.end_column - 1
        out.append((s.kind, text[start:end]))
    return out


def in_order(report) -> None:
    previous = (0, 0)
    for s in report.sections:
        assert (s.start_line, s.start_column) >= previous, report.sections
        previous = (s.end_line, s.end_column)


def kind_of(pieces: list[tuple[str, str]], words: str) -> str:
    return next(kind for kind, piece in pieces if words in piece)


ONE_PARAGRAPH = """Hello,

Our late shipment rate reached 6% in May because our packer left on 2 May and nobody printed the labels for two days. We shipped all 58 open orders on 6 May and refunded the postage of the 21 late buyers. From 10 June our second packer covers every absence, and the owner checks the label queue at 14:00 each working day.

Thanks,
Ilse
"""


def test_one_paragraph_is_cut_into_its_elements(lint):
    report = lint(ONE_PARAGRAPH)
    in_order(report)
    pieces = section_texts(report, ONE_PARAGRAPH)
    assert kind_of(pieces, "We shipped all 58 open orders") == "immediate_actions"
    assert kind_of(pieces, "From 10 June our second packer") == "preventive_measures"
    assert kind_of(pieces, "because our packer left") == "root_cause"
    # the three pieces are the paragraph, character for character
    paragraph = ONE_PARAGRAPH.split("\n")[2]
    assert "".join(p for k, p in pieces if k in CORE).replace(" ", "") == paragraph.replace(" ", "")
    assert not {f.rule for f in report.findings} & {
        "missing-root-cause",
        "missing-immediate-actions",
        "missing-preventive-measures",
    }


PRESENT_TENSE_DONE = """Dear team,

I sell phone cases since 2021 and I am sorry for the complaint about the red case.

I already delete the listing and I send the supplier invoice with this letter. I will open 3 cases from every new carton before listing it, starting 1 July.

Best regards,
Omar
"""


def test_already_with_a_present_verb_is_a_done_action(lint):
    """Limited English: "I already delete" reports a done action, not a standing practice."""
    report = lint(PRESENT_TENSE_DONE)
    in_order(report)
    pieces = section_texts(report, PRESENT_TENSE_DONE)
    assert kind_of(pieces, "I already delete the listing") == "immediate_actions"
    assert kind_of(pieces, "I will open 3 cases") == "preventive_measures"
    timed = [f for f in report.findings if f.category == "time-bound"]
    assert all("already delete" not in (f.text or "") for f in timed)


RUN_ON = (
    "Hi, we got the message about the high cancellation rate of 4.1% on our shop, the reason is that our "
    "stock file was not uploaded for one week so we sold 19 kettles we did not have, we cancelled these 19 "
    "orders on 8 April and gave every buyer a 5 dollar coupon, from 15 April we will upload the stock file "
    "every morning at 9:00 and the manager will compare it with the shelf count every Friday, thank you.\n"
)


def test_a_run_on_sentence_is_read_clause_by_clause(lint):
    report = lint(RUN_ON)
    in_order(report)
    pieces = section_texts(report, RUN_ON)
    assert kind_of(pieces, "we cancelled these 19 orders") == "immediate_actions"
    assert kind_of(pieces, "from 15 April we will upload") == "preventive_measures"
    # every section is on the one line, and they cover it without a gap or an overlap
    assert all(s.start_line == s.end_line == 1 for s in report.sections)
    assert "".join(p for _, p in pieces).replace(" ", "") == RUN_ON.strip().replace(" ", "")


WRAPPED = """Plan of action for the listing warning on our garden hose

We did not know that the word "antibacterial" is a pesticide claim, so it stayed in the
bullet points of 4 hose listings. On 12 March we deleted the word from all 4 listings and
checked our other 37 listings for the same claim. Going forward our listing editor reads
the restricted-claims list before each new listing goes live, starting this week.
"""


def test_a_wrapped_paragraph_is_cut_mid_line(lint):
    report = lint(WRAPPED)
    in_order(report)
    pieces = section_texts(report, WRAPPED)
    kinds = [k for k, _ in pieces]
    assert kinds.index("root_cause") < kinds.index("immediate_actions") < kinds.index("preventive_measures")
    actions = next(s for s in report.sections if s.kind == "immediate_actions")
    assert actions.start_line == 4 and actions.start_column > 1  # shares line 4 with the root cause
    assert kind_of(pieces, "On 12 March we deleted") == "immediate_actions"


HEADED = """## Root cause
Our label printer ran out of ribbon on 3 May and nobody had a spare, so 30 orders shipped late.
We will keep two spare ribbons from now on.

## Immediate actions
On 4 May we bought 10 ribbons and shipped the 30 orders.

## Preventive measures
From 6 May the shift lead counts the ribbons every Monday and reorders below 4.
"""


def test_a_draft_with_every_element_is_not_cut(lint):
    """A stray promise in the root cause is not an element of its own when the draft has one."""
    report = lint(HEADED)
    assert [s.kind for s in report.sections if s.kind in CORE] == list(CORE)
    assert next(s for s in report.sections if s.kind == "root_cause").end_line == 3


def test_cut_paragraphs_relint_like_a_fresh_lint(nlp):
    """The editor server's memos (Docs, sentence evidence, block hits) after edits that cut a
    paragraph, make one of its pieces a paragraph of its own, and join them again."""
    fresh = Session(SessionOptions(cache=False), nlp=nlp)
    drafts = DraftLinter(SessionOptions(), nlp=nlp)
    apart = ONE_PARAGRAPH.replace(" We shipped all", "\n\nWe shipped all")
    versions = [ONE_PARAGRAPH, apart, ONE_PARAGRAPH, RUN_ON, apart, ONE_PARAGRAPH]
    for step, text in enumerate(versions):
        result = drafts.lint(text, "draft.txt", version=step)
        assert result.report is not None
        assert result.report.model_dump() == fresh.lint_text(text, "draft.txt").model_dump(), step


INVERTED_QUESTIONS = """Appeal for the suspended account of Hollow Pine Candles

Why did the complaints happen?
Our wick supplier changed the wick size in the March batch and we did not test the new batch, so 23 candles burned with a high flame.

What actions have you taken to resolve the issue?
On 2 April we pulled all 310 March candles from sale and refunded the 23 buyers.

Which steps have been taken to stop this recurring?
From 5 April we burn-test 3 candles of every new batch for 4 hours before it is listed.
"""

INVERTED_QUESTIONS_2 = """Plan of action: late deliveries

What went wrong?
We booked the carrier pickup for 18:00 but the depot closes at 17:00, so 40 parcels waited a day.

What steps did you take?
- We moved the pickup to 15:00 on 9 May.
- We refunded the shipping of the 40 late orders.

What changes have you made for the future?
- From 12 May the shift lead confirms the pickup time with the depot every Monday.
"""


def test_inverted_question_headings_name_the_done_actions(lint):
    """ "What actions have you taken ...?", "What steps did you take?": the immediate actions,
    unless the question asks about the future or about preventing a repeat."""
    from tests.unit.sections.test_forms import spans

    first = spans(lint(INVERTED_QUESTIONS))
    assert first["immediate_actions"] == (6, 7)
    assert first["preventive_measures"] == (9, 10)
    second = spans(lint(INVERTED_QUESTIONS_2))
    assert second["immediate_actions"] == (6, 8)
    assert second["preventive_measures"] == (10, 11)

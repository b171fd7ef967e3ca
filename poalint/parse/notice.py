"""A notification from the marketplace (pasted from Seller Central or an e-mail, text or
Markdown): the ASINs, order ids and SKUs it names, the policy, the dates, and its requests.

Requests ("asks") are found two ways:
- list items after a line that asks for something ("please provide the following:", "In your
  plan, please:", "Your plan did not address the following:"), or list items that start with
  a request verb themselves ("Confirm that ...", "Explain how ...");
- sentences that start with a request verb, bare or after "please", "also", "we also ask that
  you" or a leading "To ..., please" clause.
A sentence asking two things ("tell us what caused X and what you have changed") gives two
asks. Feedback-survey lines ("rate your experience") are not asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from poalint.model.lexicons import Lexicons

# ASINs as Amazon prints them, or retyped in lower case ("b07xyz1234"); compared upper-cased
ASIN = re.compile(r"(?<![A-Za-z0-9])([Bb]0[0-9A-Za-z]{8})(?![A-Za-z0-9])")
ORDER_ID = re.compile(r"(?<!\d)(\d{3}-\d{7}-\d{7})(?!\d)")
SKU = re.compile(r"\bSKUs?\b\s*[:#]?\s*([A-Za-z0-9][A-Za-z0-9._/-]{2,39})")


@lru_cache(maxsize=4)
def date_pattern(calendar_names: frozenset[str]) -> re.Pattern[str]:
    """Dates as a notice writes them ("3 June 2025", "June 3, 2025", "2025-06-03", "6/3/2025"),
    with the month names of the pack's `calendar_names` lexicon and their short forms."""
    names = sorted(calendar_names, key=len, reverse=True)
    short = sorted(
        {n[:3] for n in names if len(n) > 4} | {n[:4] for n in names if len(n) > 5}, key=len, reverse=True
    )
    month = "|".join(re.escape(n) for n in [*names, *short])
    return re.compile(
        rf"\b(\d{{1,2}} (?:{month})\.? \d{{4}}|(?:{month}) \d{{1,2}}, \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})\b",
        re.IGNORECASE,
    )


POLICY = re.compile(r"\b((?:[A-Z][\w&'’-]*|&|and|of|on)(?: (?:[A-Z][\w&'’-]*|&|and|of|on)){0,7}) [Pp]olicy\b")

LIST_ITEM = re.compile(r"^\s*(?:[-*•·‣▪–—]{1,2}|\d{1,2}[.)]|\(?[a-zA-Z]\)|[a-hA-H]\.)\s+(?P<body>\S.*)$")
MARKUP = re.compile(r"\*\*|__|^#+\s*|^>\s*|`")
# how a notice tells the seller to do something besides the imperative: "you must provide",
# "we need you to explain", "be sure to include", after a short lead-in ("In your plan, ...")
_LEAD_IN = r"(?:(?:to|in order to) [^,]{3,80},\s*|(?:[A-Za-z]+ ){0,4}[A-Za-z]+,\s*)?(?:please\s+)?(?:also\s+)?(?:either\s+)?"
_YOU_MUST = r"you (?:also )?(?:must|should|need to|will need to|are required to|have to|may need to)"
_WE_ASK = r"we (?:also )?(?:need|require|ask|would like) you to|be sure to|make sure (?:to|that you)|we (?:also )?ask that you"
ASK_LEAD = rf"{_LEAD_IN}(?:(?:{_YOU_MUST}|{_WE_ASK})\s+(?:also\s+)?)?"


@dataclass(frozen=True)
class NoticeWords:
    """The pack's lexicons the parser reads (rules/lexicons.yaml); an empty list matches nothing."""

    calendar_names: frozenset[str] = frozenset()
    ask_verbs: frozenset[str] = frozenset()
    filing_verbs: frozenset[str] = frozenset()
    ask_list_triggers: frozenset[str] = frozenset()
    inline_list_triggers: frozenset[str] = frozenset()
    second_ask_verbs: frozenset[str] = frozenset()

    @classmethod
    def of(cls, lexicons: Lexicons) -> NoticeWords:
        return cls(
            **{f.name: lexicons.words(f.name) if f.name in lexicons else frozenset() for f in fields(cls)}
        )


def _alternatives(words: frozenset[str]) -> str:
    """A regular expression's alternatives for a list of words (longest first; none: never matches)."""
    return "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))) if words else "(?!)"


@dataclass(frozen=True)
class AskPatterns:
    """The sentence forms of a request, built from the words of a `NoticeWords`."""

    start: re.Pattern[str]  # "Provide ...", "In your plan, please explain ...", "You must confirm ..."
    please_inside: re.Pattern[str]  # "... , please send ..."
    ask_that_you: re.Pattern[str]  # "... we ask that you remove ..."
    filing: re.Pattern[
        str
    ]  # what tells the seller how to file: "submit your appeal", "send a plan of action"
    inline_trigger: re.Pattern[str]  # "Your plan should include: A, B, and C"
    trigger: re.Pattern[str]  # "Please provide the following:" before list items
    second_ask: re.Pattern[str]  # "tell us what caused X, and what you have changed"


@lru_cache(maxsize=4)
def ask_patterns(words: NoticeWords) -> AskPatterns:
    verbs = _alternatives(words.ask_verbs)
    return AskPatterns(
        start=re.compile(rf"^{ASK_LEAD}(?P<ask>(?:{verbs})\b.*)$", re.IGNORECASE),
        please_inside=re.compile(
            rf"\bplease\s+(?:also\s+)?(?:either\s+)?(?P<ask>(?:{verbs})\b.*)$", re.IGNORECASE
        ),
        ask_that_you=re.compile(rf"\bask that you\s+(?P<ask>(?:{verbs})\b.*)$", re.IGNORECASE),
        filing=re.compile(
            rf"^(?:{_alternatives(words.filing_verbs)})\s+(?:it\s+|them\s+)?(?:a |an |your |the |this )?"
            r"(?:appeal|plan(?: of action)?|poa|reinstatement request|request|form)\b(?! (?:that|which|with|explaining|describing|to)\b)"
            r"(?:\s+(?:through|via|in|on|using|from|with)\b.*)?[.!]?$",
            re.IGNORECASE,
        ),
        inline_trigger=re.compile(
            rf"\b(?:{_alternatives(words.inline_list_triggers)})\b[^.]{{0,40}}$", re.IGNORECASE
        ),
        trigger=re.compile(rf"\b({_alternatives(words.ask_list_triggers)})\b", re.IGNORECASE),
        second_ask=re.compile(
            rf"\s*,?\s+and\s+(?=(?:what|how|why|which|when|{_alternatives(words.second_ask_verbs)})\b)",
            re.IGNORECASE,
        ),
    )


# an inline list after a colon: "Your plan should include: the root cause, the actions ..., and ..."
INLINE_LIST = re.compile(r"^(?P<lead>[^:]{8,160}):\s+(?P<items>\S.*)$")
INLINE_SPLIT = re.compile(
    r"\s*;\s*(?:and\s+|or\s+)?|,\s*(?:and\s+|or\s+)?(?=(?:the|a|an|any|your|all|how|what|why|which|when|"
    r"whether|copies|evidence|details?|proof|information|confirmation|an explanation)\b)",
    re.IGNORECASE,
)
# a question that asks the seller something ("What steps will you take to prevent this?"),
# not a help-page heading ("What can I do?", "How do I reactivate my account?")
QUESTION_ASK = re.compile(
    r"^(?:what|how|why|which|when|who|where)\b(?=.*\byou(?:r)?\b)(?!.*\b(?:I|me|my)\b)", re.I
)
HELP_QUESTION = re.compile(r"^(?:what|how) (?:can|should|do|could) you (?:do|appeal|reactivate)\b", re.I)
SURVEY = re.compile(
    r"\b(survey|your experience|helpful|how did we do|in \d+ minutes?|rate (?:your|this|us))\b", re.I
)
# what part of a plan answers an ask (None: a specific request, answered by its own words)
ASK_SECTIONS = (
    (
        "preventive_measures",
        re.compile(
            r"\b(prevent\w*|in (the )?future|again|going forward|you will|will you|"
            r"keep your [\w -]+ (below|under)|every future|from now on)\b",
            re.I,
        ),
    ),
    (
        "root_cause",
        re.compile(
            r"\b(root cause|what caused|caused|why|what led to|how (the|this|it|these) [\w -]+ "
            r"(happened|came|occurred|were set|was set)|how you obtained|where you (bought|buy))\b",
            re.I,
        ),
    ),
    (
        "immediate_actions",
        re.compile(
            r"\b(actions? (that )?you have taken|you have done|what you did|"
            r"changes you have made|what you have changed|for (the )?customers who|"
            r"you(?: have|'ve)? (?:already )?(?:taken|took|made|done|did|implemented|completed|put in place)|"
            r"(?:steps|actions|measures) (?:that )?you took)\b",
            re.I,
        ),
    ),
)


def ask_section(text: str) -> str | None:
    for kind, pattern in ASK_SECTIONS:
        if pattern.search(text):
            return kind
    return None


ITEM_LINE = re.compile(r"^(?:ASIN\s*:?\s*)?(?:B0[0-9A-Z]{8}|\d{3}-\d{7}-\d{7})\b")  # "B0... – Title"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


@dataclass
class Ask:
    text: str
    line: int


@dataclass
class Notice:
    path: str
    text: str
    asins: list[tuple[str, int]] = field(default_factory=list)
    order_ids: list[tuple[str, int]] = field(default_factory=list)
    skus: list[tuple[str, int]] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    policy: str | None = None
    asks: list[Ask] = field(default_factory=list)
    docs: list = field(default_factory=list)  # spaCy Docs of its paragraphs (issue cues)


def _unique(found: list[tuple[str, int]]) -> list[tuple[str, int]]:
    seen: set[str] = set()
    out = []
    for value, line in found:
        if value.upper() not in seen:
            seen.add(value.upper())
            out.append((value, line))
    return out


def _clean(line: str) -> str:
    return MARKUP.sub("", line).strip()


def parse_notice(path: str, text: str, words: NoticeWords | None = None) -> Notice:
    """What a notice names and asks, with the words of the pack's lexicons."""
    words = words or NoticeWords()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    notice = Notice(path=path, text=text)
    asins: list[tuple[str, int]] = []
    orders: list[tuple[str, int]] = []
    skus: list[tuple[str, int]] = []
    for number, line in enumerate(lines, 1):
        asins += [(m.group(1), number) for m in ASIN.finditer(line)]
        orders += [(m.group(1), number) for m in ORDER_ID.finditer(line)]
        skus += [(m.group(1), number) for m in SKU.finditer(line)]
    skus += _table_column(lines, "sku")
    notice.asins, notice.order_ids, notice.skus = _unique(asins), _unique(orders), _unique(skus)
    notice.dates = list(dict.fromkeys(m.group(1) for m in date_pattern(words.calendar_names).finditer(text)))
    policy = POLICY.search(text)
    notice.policy = f"{policy.group(1)} policy" if policy else None
    notice.asks = find_asks(lines, ask_patterns(words))
    return notice


def _table_column(lines: list[str], header: str) -> list[tuple[str, int]]:
    """Values of the column named `header` in Markdown tables."""
    out: list[tuple[str, int]] = []
    column = None
    for number, line in enumerate(lines, 1):
        if not line.strip().startswith("|"):
            column = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if column is None:
            lowered = [c.lower() for c in cells]
            column = lowered.index(header) if header in lowered else None
            continue
        value = cells[column] if column < len(cells) else ""
        if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/-]{2,39}", value) and not set(value) <= set("-:"):
            out.append((value, number))
    return out


def _without_ids(text: str) -> str:
    return ORDER_ID.sub("", ASIN.sub("", text))


def _trim(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?:,|;)?\s*(?:and|or)?\s*$", "", text).strip()
    return text.rstrip(" .,;:")


def _first_sentence(text: str) -> str:
    return SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def _split_two(ask: str, patterns: AskPatterns) -> list[str]:
    """'tell us what caused X and what you have changed' -> two asks, when the two halves ask
    about different parts of a plan ('where you bought them and what condition they were in'
    stays one)."""
    parts = patterns.second_ask.split(ask, maxsplit=3)
    out = [parts[0]]
    for part in parts[1:]:
        first, second = ask_section(out[-1]), ask_section(part)
        if len(part.split()) < 3 or first is None or second is None or first == second:
            out[-1] = f"{out[-1]} and {part}"
        else:
            out.append(part)
    return out


def _sentence_ask(sentence: str, patterns: AskPatterns) -> str | None:
    sentence = sentence.strip()
    if SURVEY.search(sentence):
        return None
    for pattern in (patterns.start, patterns.please_inside, patterns.ask_that_you):
        match = pattern.match(sentence) if pattern is patterns.start else pattern.search(sentence)
        if match:
            ask = match.group("ask")
            return None if patterns.filing.match(ask.strip()) else ask
    return None


def _inline_items(sentence: str, patterns: AskPatterns) -> list[str]:
    """'Your plan should include: A, B, and C.' -> [A, B, C] when the lead-in asks for them."""
    match = INLINE_LIST.match(sentence.strip())
    if not match or not patterns.inline_trigger.search(match.group("lead")) or ":" in match.group("items"):
        return []  # "Please note: ...", "Action required: ...", "Sent: 6 May Shipment: ..."
    parts = [p for p in INLINE_SPLIT.split(match.group("items")) if p and p.strip()]
    if len(parts) < 2 or any(len(p.split()) < 3 for p in parts):
        return [match.group("items")]
    return parts


def _question(line: str) -> bool:
    words = line.split()
    return len(words) >= 6 and bool(QUESTION_ASK.match(line)) and not HELP_QUESTION.match(line)


def find_asks(lines: list[str], patterns: AskPatterns) -> list[Ask]:
    asks: list[Ask] = []
    triggered = False  # the last non-list line asked for what follows
    paragraph: list[tuple[int, str]] = []

    def flush() -> None:
        if not paragraph:
            return
        start = paragraph[0][0]
        text = " ".join(t for _, t in paragraph)
        for sentence in SENTENCE_END.split(text):
            line = next((n for n, t in paragraph if sentence[:25] in t), start)
            items = _inline_items(sentence, patterns)
            if items:
                for item in items:
                    _add(asks, item, line)
                continue
            found = _sentence_ask(sentence, patterns)
            if found:
                for part in _split_two(found, patterns):
                    _add(asks, part, line)
            elif sentence.rstrip().endswith("?") and _question(sentence.strip()):
                _add(asks, sentence, line)
        paragraph.clear()

    for number, raw in enumerate(lines, 1):
        line = _clean(raw)
        if not line:
            flush()
            continue
        item = LIST_ITEM.match(line)
        if item:
            flush()
            body = item.group("body").strip()
            if len(_without_ids(body).split()) < 3 or SURVEY.search(body) or ITEM_LINE.match(body):
                continue
            sentences = SENTENCE_END.split(body)
            if len(sentences) > 1 and len(sentences[0].split()) <= 4:
                sentences = sentences[1:]  # a label: "Root cause. Provide greater detail on ..."
            own = [a for a in (_sentence_ask(s, patterns) for s in sentences) if a]
            for found in own:
                for part in _split_two(found, patterns):
                    _add(asks, part, number)
            if not own and triggered and not patterns.filing.match(sentences[0].strip()):
                _add(asks, sentences[0], number)
            continue
        if line.endswith((":", "?")):
            flush()
            triggered = bool(patterns.trigger.search(line))
            # "To continue, please:" asks nothing itself; "... please explain:" is a trigger too;
            # a question to the seller not followed by a list is an ask of its own
            following = next((_clean(x) for x in lines[number:] if _clean(x)), "")
            if line.endswith("?") and _question(line) and not LIST_ITEM.match(following):
                _add(asks, line, number)
            continue
        triggered = False
        paragraph.append((number, line))
    flush()
    return asks


def _add(asks: list[Ask], text: str, line: int) -> None:
    text = _trim(text)
    if len(text.split()) < 3:
        return
    if any(a.text.lower() == text.lower() for a in asks):
        return
    asks.append(Ask(text, line))

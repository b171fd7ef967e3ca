"""A cheap test before a spaCy matcher runs on a Doc.

A token or dependency pattern can match only if the Doc holds, for each token the pattern
requires (no OP, or OP "1" / "+") and describes by its words (LOWER, LEMMA, ORTH, TEXT or NORM,
as a string or an IN list), one of those words; and a word in capitals where it requires
IS_UPPER. Most blocks of a draft hold none of a rule's rare words (a lawyer, a sarcastic
"congratulations"), so the matcher, whose cost grows with the patterns and the tokens, is
skipped for them. The test never skips a Doc the matcher would match.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from operator import attrgetter
from typing import Any

LEXICAL = {"LOWER": "lower_", "LEMMA": "lemma_", "ORTH": "text", "TEXT": "text", "NORM": "norm_"}
REQUIRED_OPS = (None, "1", "+")

Requirement = tuple[str, frozenset[str]]

_INDEX: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def requirements(specs: Iterable[dict[str, Any]]) -> list[Requirement]:
    """What one pattern (its token descriptions) needs the Doc to hold."""
    needs: list[Requirement] = []
    for spec in specs:
        if spec.get("OP") not in REQUIRED_OPS:
            continue
        for key in LEXICAL:
            value = spec.get(key)
            if isinstance(value, str):
                needs.append((key, frozenset([value])))
            elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
                needs.append((key, frozenset(str(v) for v in value["IN"])))
        if spec.get("IS_UPPER") is True:
            needs.append(("IS_UPPER", frozenset()))
    return needs


def _index(doc: Any) -> dict[str, Any]:
    """The Doc's words by attribute (computed once per Doc, shared by every rule)."""
    try:
        return _INDEX[doc]
    except KeyError:
        found: dict[str, set[str]] = {attr: set() for attr in dict.fromkeys(LEXICAL.values())}
        readers = [(words.add, attrgetter(attr)) for attr, words in found.items()]
        upper = False
        for token in doc:  # one pass: each Token object is made once, not once per attribute
            for add, read in readers:
                add(read(token))
            upper = upper or token.is_upper
        index: dict[str, Any] = {key: found[attr] for key, attr in LEXICAL.items()}
        index["IS_UPPER"] = upper
        _INDEX[doc] = index
        return index


class Prefilter:
    """Whether any of a rule's patterns could match a Doc."""

    def __init__(self, patterns: Iterable[Iterable[dict[str, Any]]]) -> None:
        self.options = [requirements(pattern) for pattern in patterns]
        self.always = not self.options or any(not needs for needs in self.options)

    def possible(self, doc: Any) -> bool:
        if self.always:
            return True
        index = _index(doc)
        return any(
            all(index[key] if key == "IS_UPPER" else not index[key].isdisjoint(words) for key, words in needs)
            for needs in self.options
        )

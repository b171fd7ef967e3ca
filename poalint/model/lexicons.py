"""Named word lists: the `lexicons:` of the rule pack's YAML files.

Rules name a list as `$name` (in the fields of their kind that take words, in dependency
patterns' IN / NOT_IN, and as an `unless` condition); poalint's own checks and the section
decoder look theirs up by name. A later rules folder adds words to a list of the same name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from poalint.errors import RuleError

if TYPE_CHECKING:
    from poalint.util.yamlio import LineLookup

NAME = re.compile(r"^[a-z][a-z0-9_]*$")
REFERENCE = re.compile(r"^\$([a-z][a-z0-9_]*)$")


@dataclass
class Lexicons:
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _sets: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def extend(self, path: Path, data: Any, lines: LineLookup) -> None:
        """Add the `lexicons:` of one parsed YAML file (`lines` gives positions for errors)."""
        entries = data.get("lexicons")
        if not isinstance(entries, dict):
            raise RuleError(f"{path}:{lines('lexicons')}", "`lexicons` must map names to lists of words")
        for name, words in entries.items():
            where = f"{path}:{lines('lexicons', name)}"
            if not isinstance(name, str) or not NAME.match(name):
                raise RuleError(where, f"bad lexicon name {name!r}", "use lower case, digits and underscores")
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise RuleError(
                    where, f"lexicon {name!r} must be a list of words", "write [word, other word]"
                )
            self.lists[name] = tuple(dict.fromkeys([*self.lists.get(name, ()), *words]))
            self._sets.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self.lists

    def words(self, name: str) -> frozenset[str]:
        """The words of a list the code relies on; a pack without it is an error."""
        found = self._sets.get(name)
        if found is None:
            if name not in self.lists:
                raise RuleError(
                    "rule pack",
                    f"no lexicon {name!r}",
                    "poalint's built-in rules/lexicons.yaml defines it; do not leave the built-in folder out",
                )
            found = self._sets[name] = frozenset(self.lists[name])
        return found

    def expand(self, items: Iterable[Any]) -> list[Any]:
        """A list with each `$name` item replaced by that lexicon's words (ValueError if unknown)."""
        out: list[Any] = []
        for item in items:
            match = REFERENCE.match(item) if isinstance(item, str) else None
            if match is None:
                out.append(item)
            elif match.group(1) in self.lists:
                out.extend(self.lists[match.group(1)])
            else:
                raise ValueError(f"unknown lexicon {item!r}; define it under `lexicons:`")
        return out


def references(value: Any) -> set[str]:
    """The lexicon names a (nested) value refers to as `$name`."""
    if isinstance(value, str):
        match = REFERENCE.match(value)
        return {match.group(1)} if match else set()
    if isinstance(value, dict):
        return set().union(*(references(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(references(v) for v in value)) if value else set()
    return set()

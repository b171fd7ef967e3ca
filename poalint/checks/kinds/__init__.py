"""Rule kinds: one module each, holding the kind's model, its checker and its documentation.

Every module here is imported by `poalint.checks.registry` the first time it is asked for
the kinds; each registers its kinds with `@kind(...)`. Adding a kind is adding a module.
"""

from __future__ import annotations

from poalint.checks.kinds.base import CheckContext, Checker, Hit

# Optional spaCy components: a pipeline component is excluded when no loaded rule needs it.
# Sections always need the tagger, parser and lemmatizer; only token patterns that test
# ENT_TYPE / ENT_IOB need the named-entity recogniser (commitment checks use it when present).
OPTIONAL_COMPONENTS = ("ner",)


ENTITY_ATTRS = frozenset({"ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID"})


def _tests_entities(value: object) -> bool:
    """Whether a token pattern (nested lists and dicts) tests an entity attribute as a key
    (IS_SENT_START is no entity test)."""
    if isinstance(value, dict):
        return any(key in ENTITY_ATTRS or _tests_entities(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_tests_entities(item) for item in value)
    return False


def excluded_components(rules: list) -> tuple[str, ...]:
    """The optional pipeline components that none of `rules` needs."""
    needs_ner = any(
        isinstance(getattr(rule, "patterns", None), list) and _tests_entities(rule.patterns) for rule in rules
    )
    return () if needs_ner else OPTIONAL_COMPONENTS


__all__ = ["OPTIONAL_COMPONENTS", "CheckContext", "Checker", "Hit", "excluded_components"]

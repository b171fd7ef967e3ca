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


def excluded_components(rules: list) -> tuple[str, ...]:
    """The optional pipeline components that none of `rules` needs."""
    needs_ner = False
    for rule in rules:
        patterns = getattr(rule, "patterns", None)
        if isinstance(patterns, list) and "ENT_" in repr(patterns):
            needs_ner = True
    return () if needs_ner else OPTIONAL_COMPONENTS


__all__ = ["OPTIONAL_COMPONENTS", "CheckContext", "Checker", "Hit", "excluded_components"]

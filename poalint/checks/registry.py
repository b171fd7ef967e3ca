"""The rule-kind registry: every kind registers itself here, and the rest is derived from it.

A kind is one module in `poalint/checks/kinds/`: its pydantic model (a `RuleBase` subclass
with `kind: Literal["name"]`), its checker (a `Checker` subclass) and the checker's
docstring, whose three parts `What it matches:`, `Fields:` and `Example YAML:` become
docs/rule-kinds.md. The checker is registered with a decorator that names the model and the
phase the kind runs in::

    @kind("phrase", model=PhraseRule, phase=Phase.MATCH)
    class PhraseChecker(Checker):
        ...

From the registry come the discriminated union a rule file is validated against
(`rule_file_model`), the loader's list of kind names and the legacy spellings it rewrites
(`rewrite_legacy`), and the run order (`Phase`, then the order of the pack). Every module in
`poalint/checks/kinds/` is imported the first time the registry is asked, so adding a kind
is adding a file.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

if TYPE_CHECKING:
    from pydantic import BaseModel

    from poalint.checks.kinds.base import Checker
    from poalint.checks.models import RuleBase

KINDS_PACKAGE = "poalint.checks.kinds"
DOC_PARTS = ("What it matches", "Fields", "Example YAML")


class Phase(IntEnum):
    """When a kind's checkers run: phase by phase, and in the order of the pack within one."""

    MATCH = 1  # words, patterns and measures in sentences or the whole draft; hits flag sentences
    ELEMENT = 2  # requirements on whole core elements; may discount sentences flagged in MATCH
    FINDINGS = 3  # checks on the other rules' findings (e.g. comments that silence nothing)


@dataclass(frozen=True)
class Legacy:
    """An older spelling of a kind: `kind: <kind>` with `<switch>: <value>` (e.g. `kind: section`
    with `check: present`), rewritten at load; `rename` maps old field names to new ones."""

    kind: str
    switch: str
    value: str
    rename: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class KindSpec:
    name: str
    model: type[RuleBase]
    checker: type[Checker]
    phase: Phase
    legacy: Legacy | None = None

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.checker.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n")[0].replace("\n", " ").strip()

    def part(self, title: str) -> str:
        """One titled part of the checker's docstring (dedented), or "" when it has none."""
        return docstring_part(self.doc, title)

    def own_fields(self) -> list[str]:
        """The fields the kind's model adds to every rule's common fields."""
        from poalint.checks.models import RuleBase

        return [
            name for name in self.model.model_fields if name not in RuleBase.model_fields and name != "kind"
        ]


_KINDS: dict[str, KindSpec] = {}
_discovered = False


def kind(
    name: str, *, model: type[RuleBase], phase: Phase, legacy: Legacy | None = None
) -> Callable[[type[Checker]], type[Checker]]:
    """Register the decorated checker class as the checker of rule kind `name`."""

    def register(checker: type[Checker]) -> type[Checker]:
        tag = model.model_fields.get("kind")
        declared = (
            get_args(tag.annotation) if tag is not None and get_origin(tag.annotation) is Literal else ()
        )
        if declared != (name,):
            raise TypeError(f"{model.__name__} must declare kind: Literal[{name!r}] to be rule kind {name!r}")
        existing = _KINDS.get(name)
        if existing is not None and existing.checker.__qualname__ != checker.__qualname__:
            raise TypeError(f"rule kind {name!r} is already registered by {existing.checker.__module__}")
        _KINDS[name] = KindSpec(name, model, checker, phase, legacy)
        _rule_file_models.clear()
        return checker

    return register


def unregister(name: str) -> None:
    """Remove a kind (one a test or a plugin registered)."""
    _KINDS.pop(name, None)
    _rule_file_models.clear()


def discover() -> None:
    """Import every module of the kinds package once (each registers its kinds)."""
    global _discovered
    if _discovered:
        return
    package = importlib.import_module(KINDS_PACKAGE)
    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"{KINDS_PACKAGE}.{module.name}")
    _discovered = True


def kinds() -> dict[str, KindSpec]:
    """Every registered kind, by name (built-in kinds in file-name order, then later ones)."""
    discover()
    return dict(_KINDS)


def get_kind(name: str) -> KindSpec:
    discover()
    return _KINDS[name]


def get_kind_or_none(name: object) -> KindSpec | None:
    discover()
    return _KINDS.get(name) if isinstance(name, str) else None


def phase_of(rule: RuleBase) -> Phase:
    return get_kind(rule.kind).phase  # type: ignore[attr-defined]


# -- what the loader derives -------------------------------------------------------------

_rule_file_models: dict[tuple[str, ...], type[BaseModel]] = {}


def rule_file_model() -> type[BaseModel]:
    """The model of a rule file: `rules:` a list of rules, discriminated by `kind`."""
    specs = kinds()
    key = tuple(specs)
    if key not in _rule_file_models:
        from pydantic import ConfigDict, Field, create_model

        models = tuple(spec.model for spec in specs.values())
        rule = Annotated[Union[models], Field(discriminator="kind")]  # noqa: UP007 - a runtime tuple
        _rule_file_models[key] = create_model(
            "RuleFile",
            __config__=ConfigDict(extra="forbid", defer_build=True),
            rules=(list[rule], Field(default_factory=list)),  # type: ignore[valid-type]
        )
    return _rule_file_models[key]


def kind_tags() -> set[str]:
    """Every name a rule's `kind:` may hold: the registered kinds and their legacy spellings."""
    specs = kinds()
    return set(specs) | {s.legacy.kind for s in specs.values() if s.legacy}


def rewrite_legacy(rule: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """A rule in a legacy spelling rewritten to its kind; else the rule unchanged.

    Returns (rule, problem): `problem` names what is wrong when the legacy switch is missing
    or holds an unknown value (and the rule is returned unchanged)."""
    old = rule.get("kind")
    legacies = [s for s in kinds().values() if s.legacy and s.legacy.kind == old]
    if not legacies or old in _KINDS:
        return rule, None
    switch = legacies[0].legacy.switch  # type: ignore[union-attr]
    value = rule.get(switch)
    for spec in legacies:
        legacy = spec.legacy
        assert legacy is not None
        if value == legacy.value:
            new = {legacy.rename.get(k, k): v for k, v in rule.items() if k != switch}
            new["kind"] = spec.name
            return new, None
    names = ", ".join(s.name for s in legacies)
    return rule, f"unknown {switch} {value!r} for kind {old!r}; use one of the kinds {names}"


# -- docstrings ----------------------------------------------------------------------------

_PART = re.compile(r"^(?P<title>[A-Z][A-Za-z ]+):\s*$")


def docstring_part(doc: str, title: str) -> str:
    """The indented block under a `Title:` line of a cleaned docstring, dedented."""
    lines = doc.splitlines()
    for index, line in enumerate(lines):
        if line.strip() == f"{title}:" and not line.startswith(" "):
            body: list[str] = []
            for following in lines[index + 1 :]:
                if following and not following.startswith(" "):
                    break
                body.append(following)
            return textwrap.dedent("\n".join(body)).strip("\n")
    return ""


def field_docs(part: str) -> dict[str, str]:
    """`name: description` entries of a `Fields:` part (continuation lines indented)."""
    entries: dict[str, str] = {}
    current = None
    for line in part.splitlines():
        match = re.match(r"^(\w+):\s*(.*)$", line)
        if match and not line.startswith(" "):
            current = match.group(1)
            entries[current] = match.group(2).strip()
        elif current is not None and line.strip():
            entries[current] += " " + line.strip()
    return entries

"""Renderers: one module per output format in `poalint/render/outputs/`, registered by name.

A renderer turns a `Report` into text. Every renderer has the same signature,
`render(report, context) -> str`; `RenderContext` carries what some formats need (colour,
the loaded rules for SARIF's rule descriptors and HTML's explanations, for a renderer
registered with `needs_rules=True`, severity overrides, and the drafts' text for a renderer
registered with `needs_sources=True`). Adding a format means
writing one module, `poalint/render/outputs/NAME.py`, with a function decorated
`@renderer("NAME", ...)`: the format's name is its module's name, so the list of formats comes
from the folder and a format's module is imported only when it is used (`--format text` never
imports the SARIF code).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from poalint.model.report import Report


@dataclass(frozen=True)
class RenderContext:
    colour: bool = False
    show_suppressed: bool = False
    rules: list[Any] = field(default_factory=list)  # the loaded rules, for a renderer that needs_rules
    severity_overrides: dict[str, str] = field(default_factory=dict)
    sources: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # path -> (text, unit)


@dataclass(frozen=True)
class Renderer:
    name: str
    render: Callable[[Report, RenderContext], str]
    machine: bool  # not terminal text: no colour, statistics go to stderr, errors are echoed on stderr
    description: str
    needs_sources: bool = False  # shows the drafts' text: lint with SessionOptions(keep_sources=True)
    needs_rules: bool = False  # reads the rules (loading the pack: a run from the cache may not have)


_REGISTRY: dict[str, Renderer] = {}


def paragraph_label(finding: Any) -> str:
    """`paragraph 13 ("We will ship all orders…")`: where a Word draft's finding is, in words
    a person can search for (for formats without a text location)."""
    if finding.excerpt:
        return f'paragraph {finding.line} ("{finding.excerpt}")'
    return f"paragraph {finding.line}"


FORMATS_PACKAGE = "poalint.render.outputs"
DEFAULT_FORMAT = "text"


def renderer(
    name: str, *, machine: bool, description: str, needs_sources: bool = False, needs_rules: bool = False
) -> Callable:
    """Register `func(report, context) -> str` as the renderer of format `name`, which must be
    the name of the module in `poalint/render/outputs/` that defines it."""

    def register(func: Callable[[Report, RenderContext], str]) -> Callable[[Report, RenderContext], str]:
        module = func.__module__
        if module.startswith(f"{FORMATS_PACKAGE}.") and module.rpartition(".")[2] != name:
            raise TypeError(f"{module} registers format {name!r}; name the module after its format")
        _REGISTRY[name] = Renderer(name, func, machine, description, needs_sources, needs_rules)
        return func

    return register


def formats() -> tuple[str, ...]:
    """Every format: the default first, then the others in alphabetical order."""
    folder = os.path.join(os.path.dirname(__file__), "outputs")  # no import: listing is enough
    names = {f[:-3] for f in os.listdir(folder) if f.endswith(".py") and not f.startswith("_")}
    names |= set(_REGISTRY)  # formats registered from elsewhere (a plugin, a test)
    return tuple(sorted(names, key=lambda n: (n != DEFAULT_FORMAT, n)))


def get_renderer(name: str) -> Renderer:
    if name not in _REGISTRY:
        importlib.import_module(f"{FORMATS_PACKAGE}.{name}")
    return _REGISTRY[name]


def unregister(name: str) -> None:
    """Remove a format (one a test or a plugin registered)."""
    _REGISTRY.pop(name, None)

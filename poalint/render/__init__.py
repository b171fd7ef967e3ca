"""Renderers: one module per output format, each registered here by name.

A renderer turns a `Report` into text. Every renderer has the same signature,
`render(report, context) -> str`; `RenderContext` carries what some formats need (colour,
the rule pack for SARIF's rule descriptors and HTML's explanations, severity overrides, and
the drafts' text for a renderer registered with `needs_sources=True`). Adding a format means writing
one module with a function decorated `@renderer("name")` and listing the module in
`_MODULES` (imports stay lazy, so `--format text` never imports the SARIF code).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from poalint.model.report import Report


@dataclass(frozen=True)
class RenderContext:
    colour: bool = False
    show_suppressed: bool = False
    rules: list[Any] = field(default_factory=list)  # the loaded rules (SARIF's descriptors)
    severity_overrides: dict[str, str] = field(default_factory=dict)
    sources: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # path -> (text, unit)


@dataclass(frozen=True)
class Renderer:
    name: str
    render: Callable[[Report, RenderContext], str]
    machine: bool  # not terminal text: no colour, statistics go to stderr, errors are echoed on stderr
    description: str
    needs_sources: bool = False  # shows the drafts' text: lint with SessionOptions(keep_sources=True)


_REGISTRY: dict[str, Renderer] = {}


def paragraph_label(finding: Any) -> str:
    """`paragraph 13 ("We will ship all orders…")`: where a Word draft's finding is, in words
    a person can search for (for formats without a text location)."""
    if finding.excerpt:
        return f'paragraph {finding.line} ("{finding.excerpt}")'
    return f"paragraph {finding.line}"


# format name -> module that registers it (imported on first use)
_MODULES: dict[str, str] = {
    "text": "poalint.render.text",
    "concise": "poalint.render.text",
    "json": "poalint.render.json",
    "sarif": "poalint.render.sarif",
    "github": "poalint.render.github",
    "html": "poalint.render.html",
}


def renderer(name: str, *, machine: bool, description: str, needs_sources: bool = False) -> Callable:
    """Register `func(report, context) -> str` as the renderer of format `name`."""

    def register(func: Callable[[Report, RenderContext], str]) -> Callable[[Report, RenderContext], str]:
        _REGISTRY[name] = Renderer(name, func, machine, description, needs_sources)
        return func

    return register


def formats() -> tuple[str, ...]:
    return tuple(_MODULES)


def get_renderer(name: str) -> Renderer:
    if name not in _REGISTRY:
        importlib.import_module(_MODULES[name])
    return _REGISTRY[name]

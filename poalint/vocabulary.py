"""The vocabulary: section kinds, categories and severities, defined once in `rules/vocabulary.yaml`.

Everything else derives from the names here: the rule and report models' literal types, the
scoring's ceilings and caps, the renderers' labels and levels, the section decoder's order and
the configuration checks. Adding a section kind or a category is one entry in the YAML file.

The file is read when this module is imported. Parsing YAML needs ruamel.yaml, slow to import,
so the parsed vocabulary is kept as JSON in the user's cache folder, keyed by the file's bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from poalint import CACHE_FORMAT
from poalint.errors import RuleError
from poalint.util.builtin import builtin_rules_dir
from poalint.util.usercache import read_cache_file, user_cache_root, write_cache_file

VOCABULARY_FILE = "vocabulary.yaml"
TOP_KEYS = ("section_kinds", "categories", "severities", "scoring")
_SECTION_KEYS = {"label", "core", "ordered"}
_CATEGORY_KEYS = {"description", "ceiling", "cap"}
_SEVERITY_KEYS = {"sarif", "github", "lsp", "colour"}
_SCORING_KEYS = {"repeat_decay", "missing_element_cap"}


@dataclass(frozen=True)
class SectionKindInfo:
    name: str
    label: str
    core: bool = False
    ordered: bool = True


@dataclass(frozen=True)
class CategoryInfo:
    name: str
    description: str
    ceiling: float | None = None  # the most the category's findings deduct together
    cap_deduction: float | None = None  # deducting this much or more ...
    cap_score: float | None = None  # ... caps the score here


@dataclass(frozen=True)
class SeverityInfo:
    name: str
    rank: int  # higher is more severe
    sarif: str  # SARIF result level
    github: str  # GitHub Actions workflow command
    lsp: str  # the Language Server Protocol's DiagnosticSeverity member
    colour: str  # click's colour name for the terminal


@dataclass(frozen=True)
class Vocabulary:
    section_kinds: dict[str, SectionKindInfo]
    categories: dict[str, CategoryInfo]
    severities: dict[str, SeverityInfo]  # highest first
    repeat_decay: float
    missing_element_cap: float


def vocabulary_path() -> Path:
    return builtin_rules_dir() / VOCABULARY_FILE


def load(path: Path | None = None) -> Vocabulary:
    """The vocabulary in `path` (default: the built-in one), through the JSON cache."""
    path = path or vocabulary_path()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleError(
            str(path), f"cannot read the vocabulary ({exc.strerror})", "reinstall poalint"
        ) from None
    key = hashlib.sha256(CACHE_FORMAT.encode() + b"\0" + raw).hexdigest()
    cached = user_cache_root() / "vocabulary" / f"{key}.json"
    sealed = read_cache_file(cached)  # verified with the user's key: a planted file is ignored
    if sealed is not None:
        try:
            return _build(json.loads(sealed.decode("utf-8")))
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
    data = _parse(path)
    write_cache_file(cached, json.dumps(data).encode())
    return _build(data)


def _parse(path: Path) -> dict[str, Any]:
    """Read and check the YAML file; errors name file:line:col."""
    from poalint.util.yamlio import load_yaml_with_lines, plain

    node, lines = load_yaml_with_lines(path)

    def fail(keys: tuple, problem: str, hint: str = "fix the vocabulary") -> RuleError:
        return RuleError(f"{path}:{lines(*keys)}", problem, hint)

    if not isinstance(node, dict):
        raise fail((), f"the vocabulary must be a mapping with the keys {', '.join(TOP_KEYS)}")
    for key in node:
        if key not in TOP_KEYS:
            raise fail((key,), f"unknown key {key!r}", f"use {', '.join(TOP_KEYS)}")
    for key in TOP_KEYS:
        if not isinstance(node.get(key), dict) or not node[key]:
            raise fail((key,) if key in node else (), f"`{key}` must be a non-empty mapping")
    allowed = {"section_kinds": _SECTION_KEYS, "categories": _CATEGORY_KEYS, "severities": _SEVERITY_KEYS}
    for section, keys in allowed.items():
        for name, entry in node[section].items():
            if entry is None:
                continue
            if not isinstance(entry, dict):
                raise fail((section, name), f"{section}: {name!r} must be a mapping")
            for key, value in entry.items():
                if key not in keys:
                    raise fail(
                        (section, name, key),
                        f"{section}.{name}: unknown key {key!r}",
                        f"use {', '.join(sorted(keys))}",
                    )
                if key in ("ceiling", "cap") and not _numbers(value, key):
                    raise fail((section, name, key), f"{section}.{name}.{key}: expected {_SHAPES[key]}")
                if key in ("core", "ordered") and not isinstance(value, bool):
                    raise fail((section, name, key), f"{section}.{name}.{key}: expected true or false")
    for key, value in node["scoring"].items():
        if key not in _SCORING_KEYS:
            raise fail(
                ("scoring", key), f"scoring: unknown key {key!r}", f"use {', '.join(sorted(_SCORING_KEYS))}"
            )
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise fail(("scoring", key), f"scoring.{key}: expected a number")
    missing = _SCORING_KEYS - set(node["scoring"])
    if missing:
        raise fail(("scoring",), f"scoring: missing {', '.join(sorted(missing))}")
    for name, entry in node["severities"].items():
        if set(entry or {}) != _SEVERITY_KEYS:
            raise fail(
                ("severities", name), f"severities.{name}: give each of {', '.join(sorted(_SEVERITY_KEYS))}"
            )
    if not any((entry or {}).get("core") for entry in node["section_kinds"].values()):
        raise fail(("section_kinds",), "no section kind is marked `core: true`")
    return plain(node)


_SHAPES = {"ceiling": "a number", "cap": "{deduction: N, score: N}"}


def _numbers(value: Any, key: str) -> bool:
    def number(v: Any) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool)

    if key == "ceiling":
        return number(value)
    return (
        isinstance(value, dict) and set(value) == {"deduction", "score"} and all(map(number, value.values()))
    )


def _build(data: dict[str, Any]) -> Vocabulary:
    sections = {
        name: SectionKindInfo(
            name,
            str((entry or {}).get("label", name.replace("_", " "))),
            bool((entry or {}).get("core", False)),
            bool((entry or {}).get("ordered", True)),
        )
        for name, entry in data["section_kinds"].items()
    }
    categories = {}
    for name, entry in data["categories"].items():
        entry = entry or {}
        cap = entry.get("cap") or {}
        categories[name] = CategoryInfo(
            name,
            str(entry.get("description", "")),
            _float(entry.get("ceiling")),
            _float(cap.get("deduction")),
            _float(cap.get("score")),
        )
    names = list(data["severities"])
    severities = {
        name: SeverityInfo(
            name, len(names) - index, **{k: str(v) for k, v in data["severities"][name].items()}
        )
        for index, name in enumerate(names)
    }
    scoring = data["scoring"]
    return Vocabulary(
        sections,
        categories,
        severities,
        float(scoring["repeat_decay"]),
        float(scoring["missing_element_cap"]),
    )


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


VOCABULARY = load()

# -- what the rest of poalint uses ------------------------------------------------------------

SECTION_KINDS: tuple[str, ...] = tuple(VOCABULARY.section_kinds)
CORE_ELEMENTS: tuple[str, ...] = tuple(k for k, v in VOCABULARY.section_kinds.items() if v.core)
ORDERED_SECTION_KINDS: tuple[str, ...] = tuple(k for k, v in VOCABULARY.section_kinds.items() if v.ordered)
SECTION_LABELS: dict[str, str] = {k: v.label for k, v in VOCABULARY.section_kinds.items()}
CATEGORIES: tuple[str, ...] = tuple(VOCABULARY.categories)
SEVERITIES: tuple[str, ...] = tuple(VOCABULARY.severities)  # highest first
SEVERITY_RANK: dict[str, int] = {k: v.rank for k, v in VOCABULARY.severities.items()}

# literal types for the pydantic models (a Literal over a tuple of names)
SectionKind = Literal[SECTION_KINDS]  # type: ignore[valid-type]
CoreElement = Literal[CORE_ELEMENTS]  # type: ignore[valid-type]
ScopeKind = Literal[("all", *SECTION_KINDS)]  # type: ignore[valid-type]
Category = Literal[CATEGORIES]  # type: ignore[valid-type]
Severity = Literal[SEVERITIES]  # type: ignore[valid-type]

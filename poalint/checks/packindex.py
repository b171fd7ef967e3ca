"""A rule pack's index, and a pack loaded only when more than its index is needed.

A run whose drafts all come from the result cache needs from the pack only what keys and checks
the cache and scores the cached reports (`PackIndex`). The index is stored as JSON beside the
compiled pack (`checks.loader`), sealed like it; this module imports neither the loader nor
pydantic, so such a run never unpickles the pack (its regular expressions, the matchers' words)
nor imports the rule kinds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from poalint.checks.files import compiled_cache_dir, pack_digest, pack_files
from poalint.errors import RuleError
from poalint.util.usercache import read_cache_file, write_cache_file

if TYPE_CHECKING:
    from poalint.checks.loader import RulePack


@dataclass(frozen=True)
class IssueName:
    """An issue type's id and the other names `--issue` accepts (see `resolve_issue`)."""

    id: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PackIndex:
    """What a run needs from a pack before it lints anything: its digest (part of the result
    cache's key), its rule ids (configuration names, cached results, suppression comments), the
    file of each rule, the rules that mark an element missing or cap the score (scoring a cached
    report after the configuration's filters) and the issue types' names (`--issue`). Stored as
    JSON beside the compiled pack, so that a run whose drafts are all cached never unpickles the
    pack (regular expressions, matchers' words) nor imports the rule kinds."""

    digest: str
    rule_ids: tuple[str, ...]
    sources: dict[str, str]  # rule id -> file
    marks_missing: frozenset[str]
    caps: dict[str, float]  # rule id -> score cap
    issues: dict[str, IssueName]  # issue type id -> its names

    @classmethod
    def of(cls, pack: RulePack) -> PackIndex:
        return cls(
            digest=pack.digest,
            rule_ids=tuple(r.id for r in pack.rules),
            sources=dict(pack.sources),
            marks_missing=frozenset(r.id for r in pack.rules if r.marks_missing),
            caps={r.id: r.caps_score for r in pack.rules if r.caps_score is not None},
            issues={k: IssueName(t.id, tuple(t.aliases)) for k, t in pack.issues.items()},
        )

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "digest": self.digest,
                "rule_ids": list(self.rule_ids),
                "sources": self.sources,
                "marks_missing": sorted(self.marks_missing),
                "caps": self.caps,
                "issues": {k: [n.id, list(n.aliases)] for k, n in self.issues.items()},
            }
        ).encode()

    @classmethod
    def from_json(cls, data: bytes) -> PackIndex | None:
        """The index stored by `to_json`, or None for anything of another shape."""
        try:
            raw = json.loads(data)
            ids, sources, missing, caps = raw["rule_ids"], raw["sources"], raw["marks_missing"], raw["caps"]
            issues = raw["issues"]
            if not (
                isinstance(raw["digest"], str)
                and _strings(ids)
                and isinstance(sources, dict)
                and _strings([*sources, *sources.values()])
                and _strings(missing)
                and isinstance(caps, dict)
                and _strings(caps)
                and all(type(v) in (int, float) for v in caps.values())
                and isinstance(issues, dict)
                and all(
                    isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and _strings(v[1])
                    for v in issues.values()
                )
            ):
                return None
            return cls(
                digest=raw["digest"],
                rule_ids=tuple(ids),
                sources=dict(sources),
                marks_missing=frozenset(missing),
                caps={k: float(v) for k, v in caps.items()},
                issues={k: IssueName(v[0], tuple(v[1])) for k, v in issues.items()},
            )
        except (ValueError, TypeError, KeyError):
            return None


def _strings(values: object) -> bool:
    return isinstance(values, list | dict) and all(isinstance(v, str) for v in values)


class LazyPack:
    """A rule pack known by its index and loaded (unpickled, or built from its files) on first
    use of anything else: `pack.index`, `pack.digest` and `pack.sources` come from the index;
    any other attribute loads the pack, the one of the digest the run began with."""

    def __init__(self, index: PackIndex, load: Callable[[], RulePack], pack: RulePack | None = None) -> None:
        self._index = index
        self._load = load
        self._pack = pack

    @property
    def index(self) -> PackIndex:
        return self._index

    @property
    def digest(self) -> str:
        return self._index.digest

    @property
    def sources(self) -> dict[str, str]:
        return self._index.sources

    @property
    def loaded(self) -> bool:
        return self._pack is not None

    def full(self) -> RulePack:
        if self._pack is None:
            self._pack = self._load()
        return self._pack

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_index", "_load", "_pack"):  # copy, pickle: no loading
            raise AttributeError(name)
        return getattr(self.full(), name)


def open_pack(extra_dirs: list[Path] | None = None, include_builtin: bool = True) -> LazyPack:
    """The pack of these rule folders, loaded only when something beyond its index is used
    (see `PackIndex`). Without a stored index the pack is loaded now, and its index stored."""
    files = pack_files(extra_dirs, include_builtin)
    key = pack_digest(files)
    index = _read_index(key)

    def load() -> RulePack:
        from poalint.checks.loader import build_pack, read_compiled

        cached = read_compiled(key)
        if cached is not None:
            return cached
        if pack_digest(files) != key:  # the pack must be the one the run began with
            raise RuleError(str(files[0].parent), "rule files changed during the run", "run poalint again")
        return build_pack(files, key)

    if index is None:
        pack = load()
        index = PackIndex.of(pack)
        write_index(index)
        return LazyPack(index, load, pack)
    return LazyPack(index, load)


def index_of(pack: RulePack | LazyPack) -> PackIndex:
    """A pack's index: stored with a lazy pack, computed for a loaded one."""
    return pack.index if isinstance(pack, LazyPack) else PackIndex.of(pack)


def _read_index(key: str) -> PackIndex | None:
    """The index stored beside the compiled pack `key` (sealed like it), or None."""
    data = read_cache_file(compiled_cache_dir() / f"{key}.index.json")
    index = PackIndex.from_json(data) if data is not None else None
    return index if index is not None and index.digest == key else None


def write_index(index: PackIndex) -> None:
    write_cache_file(compiled_cache_dir() / f"{index.digest}.index.json", index.to_json())

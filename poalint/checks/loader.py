"""Load rule packs: the built-in pack plus users' folders, with positioned errors.

A folder holds YAML files of three sorts, told apart by their top-level keys:
`rules:` (rule definitions), `headings:` / `cues:` / `metadata:` (the section
lexicon) and `time:` / `quantity:` / ... (what makes a commitment concrete).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from poalint.checks.files import compiled_cache_dir, pack_digest, pack_files
from poalint.checks.models import RuleBase, RuleFile
from poalint.errors import RuleError
from poalint.nlp.concreteness import Concreteness
from poalint.sections.decoder import ContentCues
from poalint.sections.lexicon import HeadingLexicon
from poalint.util.usercache import read_cache_file, write_cache_file

LEXICON_KEYS = {"headings", "cues", "metadata", "continuation"}
CONCRETE_KEYS = {"time", "quantity", "identifiers", "calendar", "commitment"}


@dataclass
class RulePack:
    rules: list[RuleBase] = field(default_factory=list)
    lexicon: HeadingLexicon = field(default_factory=HeadingLexicon)
    cues: ContentCues = field(default_factory=ContentCues)
    concrete: Concreteness = field(default_factory=Concreteness)
    sources: dict[str, str] = field(default_factory=dict)  # rule id -> file
    digest: str = ""

    def by_id(self, rule_id: str) -> RuleBase | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def load_rule_file(path: Path, data: object = None) -> list[RuleBase]:
    from poalint.util.yamlio import load_yaml_with_lines, plain, position_of  # only when rebuilding

    if data is None:
        data, _ = load_yaml_with_lines(path)
    try:
        parsed = RuleFile.model_validate(plain(data))
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = list(error["loc"])
        # drop pydantic's discriminator tags ('phrase', ...) from the location
        keys = [k for k in loc if not (isinstance(k, str) and k in _KIND_TAGS and loc.index(k) == 2)]
        line, col = position_of(data, *keys)
        field_name = ".".join(str(k) for k in loc[2:] if k not in _KIND_TAGS) or "rule"
        rule_id = _rule_id(data, loc)
        what = f"rule {rule_id!r}: " if rule_id else ""
        message = error["msg"].replace("Value error, ", "")
        if error["type"] == "union_tag_invalid":
            message = f"unknown rule kind; use one of {', '.join(sorted(_KIND_TAGS))}"
        raise RuleError(f"{path}:{line}:{col}", f"{what}{field_name}: {message}", "fix the rule") from None
    return list(parsed.rules)


_KIND_TAGS = {
    "phrase",
    "pattern",
    "dependency",
    "regex",
    "section",
    "commitment",
    "metric",
    "suppression",
    "blame",
}


def _rule_id(data: object, loc: list) -> str | None:
    try:
        rule = data["rules"][loc[1]]  # type: ignore[index]
        return str(rule.get("id")) if rule.get("id") else None
    except (KeyError, IndexError, TypeError, AttributeError):
        return None


def load_pack(extra_dirs: list[Path] | None = None, include_builtin: bool = True) -> RulePack:
    """Load and validate rule folders; a compiled copy is cached by the files' contents."""
    files = pack_files(extra_dirs, include_builtin)
    key = pack_digest(files)
    cached = _read_compiled(key)
    if cached is not None:
        return cached
    pack = RulePack()
    for path in files:
        _load_file(pack, path)
    pack.digest = key
    _write_compiled(key, pack)
    return pack


def _read_compiled(key: str) -> RulePack | None:
    """A pack compiled by an earlier run. The pickle is loaded only when its seal (an HMAC with
    the user's own key) verifies, so a planted or altered file never runs code."""
    data = read_cache_file(compiled_cache_dir() / f"{key}.pickle")
    if data is None:
        return None
    try:
        pack = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a stale or damaged cache is rebuilt
        return None
    return pack if isinstance(pack, RulePack) and pack.digest == key else None


def _write_compiled(key: str, pack: RulePack) -> None:
    try:
        data = pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - caching is an optimisation only
        return
    write_cache_file(compiled_cache_dir() / f"{key}.pickle", data)  # read-only home: slower only


def _load_file(pack: RulePack, path: Path) -> None:
    from poalint.util.yamlio import load_yaml_with_lines

    data, lines = load_yaml_with_lines(path)
    if data is None:
        return
    if not hasattr(data, "keys"):
        raise RuleError(f"{path}:1:1", "a rule file must be a mapping with a `rules:` list", "see README")
    keys = set(data.keys())
    if keys & LEXICON_KEYS:
        pack.lexicon.extend(path, data, lines)
        pack.cues.extend(path, data, lines)
    if keys & CONCRETE_KEYS:
        pack.concrete.extend(path, data, lines)
    if "rules" in keys:
        for index, rule in enumerate(load_rule_file(path, data)):
            if pack.by_id(rule.id) is not None:
                raise RuleError(
                    f"{path}:{lines('rules', index)}",
                    f"duplicate rule id {rule.id!r} (first defined in {pack.sources[rule.id]})",
                    "rename one of them",
                )
            pack.rules.append(rule)
            pack.sources[rule.id] = str(path)
    unknown = keys - LEXICON_KEYS - CONCRETE_KEYS - {"rules"}
    if unknown:
        key = sorted(unknown)[0]
        raise RuleError(
            f"{path}:{lines(key)}",
            f"unknown top-level key {key!r}",
            "use rules, headings, cues, metadata or time/quantity",
        )

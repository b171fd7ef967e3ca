"""Load rule packs: the built-in pack plus users' folders, with positioned errors.

A folder holds YAML files of four sorts, told apart by their top-level keys:
`rules:` (rule definitions), `lexicons:` (named word lists the rules and the checks use),
`headings:` / `cues:` / `metadata:` (the section lexicon) and `time:` / `quantity:` / ...
(what makes a commitment concrete), and `issue:` (an issue type with its detection cues and
checklist; usually in the folder's `issues/`). The built-in folder also holds the vocabulary
(`poalint.vocabulary`).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from poalint.checks.files import compiled_cache_dir, pack_digest, pack_files
from poalint.checks.models import RuleBase
from poalint.checks.registry import get_kind_or_none, kind_tags, rewrite_legacy, rule_file_model
from poalint.errors import RuleError
from poalint.model.lexicons import Lexicons
from poalint.nlp.concreteness import Concreteness
from poalint.sections.decoder import ContentCues
from poalint.sections.issuetypes import IssueType
from poalint.sections.lexicon import HeadingLexicon
from poalint.util.builtin import builtin_rules_dir
from poalint.util.usercache import read_cache_file, write_cache_file
from poalint.vocabulary import TOP_KEYS as VOCABULARY_KEYS
from poalint.vocabulary import VOCABULARY_FILE

if TYPE_CHECKING:
    from poalint.util.yamlio import LineLookup

LEXICON_KEYS = {"headings", "combined", "cues", "metadata", "continuation"}
CONCRETE_KEYS = {"time", "quantity", "identifiers", "calendar", "commitment", "goals"}
LEXICONS_KEY = "lexicons"  # named word lists (poalint.model.lexicons)


@dataclass
class RulePack:
    rules: list[RuleBase] = field(default_factory=list)
    lexicon: HeadingLexicon = field(default_factory=HeadingLexicon)
    lexicons: Lexicons = field(default_factory=Lexicons)  # named word lists
    cues: ContentCues = field(default_factory=ContentCues)
    concrete: Concreteness = field(default_factory=Concreteness)
    sources: dict[str, str] = field(default_factory=dict)  # rule id -> file
    issues: dict[str, IssueType] = field(default_factory=dict)  # issue type id -> type
    issue_sources: dict[str, str] = field(default_factory=dict)  # issue type id -> file
    digest: str = ""

    def by_id(self, rule_id: str) -> RuleBase | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def load_rule_file(path: Path, data: object = None, lexicons: Lexicons | None = None) -> list[RuleBase]:
    """The rules of one file; `$name` items refer to `lexicons` (the pack's)."""
    from poalint.util.yamlio import load_yaml_with_lines, plain, position_of  # only when rebuilding

    if data is None:
        data, _ = load_yaml_with_lines(path)
    values = plain(data)
    tags = kind_tags()
    if isinstance(values, dict) and isinstance(values.get("rules"), list):
        for index, rule in enumerate(values["rules"]):
            if isinstance(rule, dict):
                values["rules"][index], problem = rewrite_legacy(rule)
                if problem:
                    line, col = position_of(data, "rules", index, "kind")
                    raise RuleError(
                        f"{path}:{line}:{col}", f"{_what(rule.get('id'))}{problem}", "fix the rule"
                    )
    try:
        parsed = rule_file_model().model_validate(values, context={"lexicons": lexicons or Lexicons()})
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = list(error["loc"])
        # drop pydantic's discriminator tags ('phrase', ...) from the location
        keys = [k for k in loc if not (isinstance(k, str) and k in tags and loc.index(k) == 2)]
        keys = _legacy_keys(data, values, keys)
        line, col = position_of(data, *keys)
        field_name = ".".join(str(k) for k in loc[2:] if k not in tags) or "rule"
        what = _what(_rule_id(data, loc))
        message = error["msg"].replace("Value error, ", "")
        if error["type"] == "union_tag_invalid":
            message = f"unknown rule kind; use one of {', '.join(sorted(tags))}"
        raise RuleError(f"{path}:{line}:{col}", f"{what}{field_name}: {message}", "fix the rule") from None
    return list(parsed.rules)


def _what(rule_id: object) -> str:
    return f"rule {rule_id!r}: " if rule_id else ""


def _legacy_keys(data: Any, values: dict, keys: list) -> list:
    """Error locations name new field names; a rule in a legacy spelling has the old ones."""
    if len(keys) < 3 or not isinstance(keys[1], int):
        return keys
    spec = get_kind_or_none(values["rules"][keys[1]].get("kind"))
    written = data["rules"][keys[1]].get("kind")
    if spec is None or spec.legacy is None or written != spec.legacy.kind:
        return keys
    old = {new: old for old, new in spec.legacy.rename.items()}
    return [*keys[:2], old.get(keys[2], keys[2]), *keys[3:]]


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
    cached = read_compiled(key)
    if cached is not None:
        return cached
    return build_pack(files, key)


def build_pack(files: list[Path], key: str) -> RulePack:
    """The pack of these files, validated, compiled and stored under `key`."""
    pack = RulePack()
    parsed = [(path, *_read_file(path)) for path in files]
    for path, data, lines in parsed:  # lexicons first: any file's rules may use any file's lists
        if data is not None and LEXICONS_KEY in data:
            pack.lexicons.extend(path, data, lines)
    for path, data, lines in parsed:
        if data is not None:
            _load_file(pack, path, data, lines)
    pack.digest = key
    _write_compiled(key, pack)
    return pack


def read_compiled(key: str) -> RulePack | None:
    """A pack compiled by an earlier run. The pickle is loaded only when its seal (an HMAC with
    the user's own key) verifies, so a planted or altered file never runs code."""
    data = read_cache_file(compiled_cache_dir() / f"{key}.pickle")
    if data is None:
        return None
    try:
        pack = pickle.loads(data)
    except Exception:  # a stale or damaged cache is rebuilt
        return None
    return pack if isinstance(pack, RulePack) and pack.digest == key else None


def _write_compiled(key: str, pack: RulePack) -> None:
    try:
        data = pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # caching is an optimisation only
        return
    write_cache_file(compiled_cache_dir() / f"{key}.pickle", data)  # read-only home: slower only


def _read_file(path: Path) -> tuple[Any, LineLookup | None]:
    """A file's parsed YAML (None for the vocabulary, which is not part of a pack's rules)."""
    from poalint.util.yamlio import load_yaml_with_lines

    if path.name == VOCABULARY_FILE and path.parent.resolve() == builtin_rules_dir().resolve():
        return None, None  # read by poalint.vocabulary (it is part of the pack's digest all the same)
    data, lines = load_yaml_with_lines(path)
    if data is not None and not hasattr(data, "keys"):
        raise RuleError(f"{path}:1:1", "a rule file must be a mapping with a `rules:` list", "see README")
    return data, lines


def _load_file(pack: RulePack, path: Path, data: Any, lines: LineLookup) -> None:
    keys = set(data.keys())
    if keys & LEXICON_KEYS:
        pack.lexicon.extend(path, data, lines)
        pack.cues.extend(path, data, lines)
    if keys & CONCRETE_KEYS:
        pack.concrete.extend(path, data, lines)
    if "issue" in keys:
        _load_issue(pack, path, data, lines)
    if "rules" in keys:
        for index, rule in enumerate(load_rule_file(path, data, pack.lexicons)):
            if pack.by_id(rule.id) is not None:
                raise RuleError(
                    f"{path}:{lines('rules', index)}",
                    f"duplicate rule id {rule.id!r} (first defined in {pack.sources[rule.id]})",
                    "rename one of them",
                )
            pack.rules.append(rule)
            pack.sources[rule.id] = str(path)
    unknown = keys - LEXICON_KEYS - CONCRETE_KEYS - {"rules", "issue", LEXICONS_KEY}
    if unknown & set(VOCABULARY_KEYS):
        key = sorted(unknown & set(VOCABULARY_KEYS))[0]
        raise RuleError(
            f"{path}:{lines(key)}",
            f"{key!r} belongs to the vocabulary, which a rule folder cannot change",
            "add section kinds and categories to poalint's rules/vocabulary.yaml (see CONTRIBUTING.md)",
        )
    if unknown:
        key = sorted(unknown)[0]
        raise RuleError(
            f"{path}:{lines(key)}",
            f"unknown top-level key {key!r}",
            "use rules, issue, lexicons, headings, combined, cues, metadata or time/quantity",
        )


def _load_issue(pack: RulePack, path: Path, data: Any, lines: LineLookup) -> None:
    from poalint.sections.issuetypes import load_issue_file

    issue = load_issue_file(path, data)
    names = {issue.id, *issue.aliases}
    for other in pack.issues.values():
        clash = names & {other.id, *other.aliases}
        if clash:
            raise RuleError(
                f"{path}:{lines('issue', 'id')}",
                f"issue type name {sorted(clash)[0]!r} is already used by {other.id!r} "
                f"({pack.issue_sources[other.id]})",
                "rename one of them",
            )
    pack.issues[issue.id] = issue
    pack.issue_sources[issue.id] = str(path)

"""Configuration: `[tool.poalint]` in pyproject.toml or a `.poalint.yaml`.

The file is found by searching upward from each linted file (or given with `--config`).
In each folder `.poalint.yaml` (or `.poalint.yml`) wins over `pyproject.toml`; a
pyproject.toml without a `[tool.poalint]` table is passed over. Settings that shape the
whole run (`model`, `fail-under`, `fail-level`) come from `--config` or else from the
configuration of the first path given; `select`, `ignore`, `severity` and
`per-file-ignores` apply per file from that file's own configuration, and rules loaded from
a configuration's `rules` folders report only in the files it governs.
"""

from __future__ import annotations

import fnmatch
import re
import textwrap
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from poalint.errors import ConfigError, UserError
from poalint.model.report import FindingModel
from poalint.util.suggest import did_you_mean
from poalint.vocabulary import CATEGORIES, SEVERITIES, Severity

YAML_NAMES = (".poalint.yaml", ".poalint.yml")
KEYS = (
    "select",
    "ignore",
    "severity",
    "per-file-ignores",
    "rules",
    "fail-under",
    "fail-level",
    "model",
    "jobs",
    "cache-dir",
    "exclude",
    "extend-exclude",
)
# Files in a project that are never POA drafts; `exclude` replaces this list, `extend-exclude`
# adds to it. Matched case-insensitively against each file and folder name below a walked folder.
DEFAULT_EXCLUDE = (
    "README*",
    "CHANGELOG*",
    "CHANGES*",
    "HISTORY*",
    "NEWS*",
    "RELEASE*NOTES*",
    "LICENSE*",
    "LICENCE*",
    "COPYING*",
    "NOTICE*",
    "AUTHORS*",
    "CONTRIBUTORS*",
    "CONTRIBUTING*",
    "CODE_OF_CONDUCT*",
    "SECURITY*",
    "SUPPORT*",
    "MAINTAINERS*",
    "requirements*.txt",
    "constraints*.txt",
    "*.egg-info",
    "site-packages",
)


class ConfigModel(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False, defer_build=True)

    select: list[str] | None = Field(default=None, description="only these rules / categories")
    ignore: list[str] = Field(default_factory=list, description="never these rules / categories")
    severity: dict[str, Severity] = Field(default_factory=dict, description="per-rule severity overrides")
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    rules: list[str] = Field(
        default_factory=list, description="extra rule folders, relative to the config file"
    )
    fail_under: float | None = Field(default=None, ge=0, le=100, alias="fail-under")
    fail_level: Severity | None = Field(default=None, alias="fail-level")
    model: str | None = None
    jobs: int | None = Field(default=None, ge=1, le=64)
    cache_dir: str | None = Field(default=None, alias="cache-dir")
    exclude: list[str] | None = Field(
        default=None, description="globs of files and folders that are not drafts (replaces the defaults)"
    )
    extend_exclude: list[str] = Field(
        default_factory=list, alias="extend-exclude", description="globs added to `exclude`"
    )
    issue: str | None = Field(
        default=None, description="issue type of the drafts (rules/issues); default: detected"
    )


@dataclass
class Config:
    path: Path | None  # None: defaults (no file found)
    settings: ConfigModel
    positions: dict[tuple, int] = field(default_factory=dict)  # key path -> line

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def cache_folder(self) -> Path:
        """`cache-dir`, relative to this file's folder and never outside it: a configuration
        that came with a cloned repository must not make poalint write elsewhere."""
        value = self.settings.cache_dir or ""
        folder = self.root / value
        try:
            inside = (
                folder.resolve().is_relative_to(self.root.resolve())
                and folder.resolve() != self.root.resolve()
            )
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            raise ConfigError(
                self.where("cache-dir"),
                f"cache-dir {value!r} is outside the project (the folder of this file)",
                "name a folder inside it, or pass --cache-dir on the command line",
            )
        return folder

    def rule_dirs(self) -> list[Path]:
        return [(self.root / d) for d in self.settings.rules]

    @property
    def exclude_patterns(self) -> list[str]:
        base = self.settings.exclude if self.settings.exclude is not None else list(DEFAULT_EXCLUDE)
        return [*base, *self.settings.extend_exclude]

    def excluded_by(self, path: str, below: str | None = None) -> str | None:
        """The `exclude` / `extend-exclude` glob that excludes `path`, or None.

        A glob without a slash matches any file or folder name; one with a slash matches the
        path relative to this configuration's folder (a folder excludes everything in it).
        With `below` (a folder being walked) only the part of the path under it is tested, so
        a folder named on the command line is walked even if a glob names it, as ruff does.
        """
        patterns = self.exclude_patterns
        if not patterns:
            return None
        target = Path(path)
        try:
            parts = target.resolve().relative_to(self.root.resolve()).parts
        except (ValueError, OSError, RuntimeError):
            parts = target.parts
        skip = 0
        if below is not None:
            try:
                skip = len(target.relative_to(below).parts)
            except ValueError:
                skip = len(parts)
            skip = len(parts) - skip
        for depth in range(max(skip, 0), len(parts)):
            name = parts[depth].lower()
            relative = "/".join(parts[: depth + 1]).lower()
            for pattern in patterns:
                glob = pattern.strip().rstrip("/").lower()
                if "/" in glob:
                    if fnmatch.fnmatchcase(relative, glob.lstrip("/")):
                        return pattern
                elif fnmatch.fnmatchcase(name, glob):
                    return pattern
        return None

    def where(self, *keys: Any) -> str:
        if self.path is None:
            return "configuration"
        for depth in range(len(keys), 0, -1):
            line = self.positions.get(tuple(keys[:depth]))
            if line:
                return f"{self.path}:{line}"
        return f"{self.path}:{self.positions.get((), 1)}"


DEFAULT = Config(None, ConfigModel())


# ---------------------------------------------------------------- loading


def _error_for(exc: ValidationError, path: Path, positions: dict[tuple, int]) -> ConfigError:
    error = exc.errors()[0]
    loc = tuple(error["loc"])
    config = Config(path, ConfigModel(), positions)
    where = config.where(*loc)
    key = ".".join(str(k) for k in loc) or "configuration"
    if error["type"] == "extra_forbidden":
        hint = did_you_mean(str(loc[-1]).replace("_", "-"), KEYS, f"known keys: {', '.join(KEYS)}")
        return ConfigError(where, f"unknown key {key!r}", hint)
    message = error["msg"].replace("Value error, ", "")
    return ConfigError(where, f"{key}: {message}", "fix the value")


def _validate(data: Any, path: Path, positions: dict[tuple, int]) -> Config:
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}:{positions.get((), 1)}", "configuration must be a table of keys", "see README"
        )
    try:
        settings = ConfigModel.model_validate(data)
    except ValidationError as exc:
        raise _error_for(exc, path, positions) from None
    return Config(path, settings, positions)


def load_yaml_config(path: Path) -> Config:
    from poalint.util.yamlio import load_yaml_with_lines, plain, position_of

    try:
        data, _ = load_yaml_with_lines(path)
    except UserError as exc:  # yamlio raises RuleError: re-badge it as a config error
        raise ConfigError(exc.where, exc.problem, exc.hint) from None
    if data is None:
        return Config(path, ConfigModel())
    positions: dict[tuple, int] = {(): 1}

    def walk(node: Any, keys: tuple) -> None:
        if hasattr(node, "items"):
            for key, value in node.items():
                positions[(*keys, str(key))] = position_of(data, *keys, key)[0]
                walk(value, (*keys, str(key)))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                positions[(*keys, index)] = position_of(data, *keys, index)[0]
                walk(value, (*keys, index))

    walk(data, ())
    return _validate(plain(data), path, positions)


def _toml_positions(text: str) -> dict[tuple, int]:
    """Line numbers of keys in [tool.poalint] (and its sub-tables), found by scanning the text."""
    positions: dict[tuple, int] = {}
    table: tuple | None = None
    header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$")
    assign = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")
    for number, line in enumerate(text.splitlines(), 1):
        match = header.match(line)
        if match and not line.strip().startswith("[["):
            name = [p.strip().strip("\"'") for p in match.group(1).split(".")]
            if name[:2] == ["tool", "poalint"]:
                table = tuple(name[2:])
                positions.setdefault(table, number)
            else:
                table = None
            continue
        if table is None:
            continue
        match = assign.match(line)
        if match:
            key = match.group(1).strip("\"'")
            parts = (
                tuple(p.strip("\"'") for p in key.split(".")) if match.group(1)[0] not in "\"'" else (key,)
            )
            positions.setdefault((*table, *parts), number)
    return positions


def load_toml_config(path: Path, required: bool = False) -> Config | None:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read ({exc.strerror})", "check the path") from None
    except UnicodeDecodeError:
        raise ConfigError(str(path), "not UTF-8 text", "re-save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = f"{path}:{line.group(1)}" if line else str(path)
        raise ConfigError(where, f"invalid TOML: {str(exc).split(' (at')[0]}", "fix the syntax") from None
    section = data.get("tool", {}).get("poalint") if isinstance(data.get("tool"), dict) else None
    if section is None:
        if required:
            raise ConfigError(str(path), "no [tool.poalint] table", "add one or pass a .poalint.yaml")
        return None
    positions = _toml_positions(text)
    positions[()] = positions.get((), 1)
    return _validate(section, path, positions)


def load_config_file(path: Path) -> Config:
    if not path.is_file():
        raise ConfigError(str(path), "config file not found", "check the --config path")
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        config = load_toml_config(path, required=True)
        assert config is not None
        return config
    return load_yaml_config(path)


class ConfigFinder:
    """Find the configuration governing each path, caching per folder."""

    def __init__(self, explicit: Path | None = None, isolated: bool = False) -> None:
        self.explicit = load_config_file(explicit) if explicit else None
        self.isolated = isolated
        self._cache: dict[Path, Config] = {}
        self._by_path: dict[str, Config] = {}

    def for_path(self, path: str) -> Config:
        if self.explicit is not None:
            return self.explicit
        if self.isolated:
            return DEFAULT
        if path not in self._by_path:
            self._by_path[path] = self._lookup(path)
        return self._by_path[path]

    def _lookup(self, path: str) -> Config:
        start = Path.cwd() if path in ("-", "<stdin>") else Path(path)
        try:
            start = start.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
            return DEFAULT
        folder = start if start.is_dir() else start.parent
        return self._find(folder)

    def _find(self, folder: Path) -> Config:
        if folder in self._cache:
            return self._cache[folder]
        config: Config | None = None
        for name in YAML_NAMES:
            if (folder / name).is_file():
                config = load_yaml_config(folder / name)
                break
        if config is None and (folder / "pyproject.toml").is_file():
            config = load_toml_config(folder / "pyproject.toml")
        if config is None:
            config = DEFAULT if folder.parent == folder else self._find(folder.parent)
        self._cache[folder] = config
        return config


# ---------------------------------------------------------------- applying


def check_names(config: Config, rule_ids: set[str]) -> None:
    """Every rule / category named in the configuration must exist."""
    known = rule_ids | set(CATEGORIES)
    s = config.settings
    named: list[tuple[tuple, str]] = []
    named += [(("select", i), t) for i, t in enumerate(s.select or [])]
    named += [(("ignore", i), t) for i, t in enumerate(s.ignore)]
    named += [(("severity", t), t) for t in s.severity]
    for glob, tokens in s.per_file_ignores.items():
        named += [(("per-file-ignores", glob, i), t) for i, t in enumerate(tokens)]
    for keys, token in named:
        if token not in known:
            hint = did_you_mean(token, known, "`poalint rules` lists rule ids and categories")
            raise ConfigError(config.where(*keys), f"{keys[0]}: unknown rule or category {token!r}", hint)


def _matches(finding: FindingModel, tokens: list[str] | set[str]) -> bool:
    return finding.rule in tokens or finding.category in tokens


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return Path(path).as_posix()


def file_ignores(config: Config, path: str) -> set[str]:
    if not config.settings.per_file_ignores or path in ("-", "<stdin>"):
        return set()
    rel = _relative(path, config.root)
    name = Path(path).name
    tokens: set[str] = set()
    for glob, rules in config.settings.per_file_ignores.items():
        if fnmatch.fnmatch(rel, glob) or ("/" not in glob and fnmatch.fnmatch(name, glob)):
            tokens.update(rules)
    return tokens


@dataclass
class Overrides:
    """Command-line options that override the configuration."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)


def rule_folders(configs: Iterable[Config]) -> dict[Path, Config]:
    """Extra rule folders named by the configurations in play -> the configuration naming each."""
    folders: dict[Path, Config] = {}
    for config in configs:
        for folder in config.rule_dirs():
            folders.setdefault(folder.resolve(), config)
    return folders


def rule_owners(pack, folders: dict[Path, Config]) -> dict[str, Config]:
    """Rule id -> the configuration whose `rules` folder defines it (only those rules)."""
    owners = {}
    for rule_id, source in pack.sources.items():
        config = folders.get(Path(source).resolve().parent)
        if config is not None:
            owners[rule_id] = config
    return owners


def make_filter(finder: ConfigFinder, overrides: Overrides, owners: dict[str, Config] | None = None):
    """A RunOptions.finding_filter applying select / ignore / severity / per-file-ignores.

    A rule loaded from a configuration's `rules` folder reports only in the drafts that
    configuration governs."""
    owners = owners or {}
    per_path: dict[str, tuple[Config, set[str]]] = {}  # path -> its configuration and ignores

    def keep(path: str, finding: FindingModel) -> FindingModel | None:
        if path not in per_path:
            config = finder.for_path(path)
            per_path[path] = (config, file_ignores(config, path))
        config, path_ignores = per_path[path]
        owner = owners.get(finding.rule)
        if owner is not None and owner is not config:
            return None
        s = config.settings
        select = overrides.select if overrides.select is not None else s.select
        if select is not None and not _matches(finding, select):
            return None
        if _matches(finding, [*s.ignore, *overrides.ignore]):
            return None
        if _matches(finding, path_ignores):
            return None
        severity = s.severity.get(finding.rule)
        if severity and severity != finding.severity:
            return finding.model_copy(update={"severity": severity})
        return finding

    return keep


STARTER_TEMPLATE = """\
# poalint configuration; the README section "Configuration" describes every key.
# Found by searching upward from each linted draft; command-line options override it.

{categories}
# select: [structure, vague, blame, time-bound, measurable]

# Never run these rules or categories.
ignore: []

# Change a rule's severity: {severities}.
# severity:
#   vague-action: error

# Ignore rules for files matching a glob (relative to this file).
# per-file-ignores:
#   "templates/*.md": [placeholder]

# Extra rule folders, relative to this file.
# rules: [poa-rules]

# Exit 1 when a draft scores below this (0-100).
# fail-under: 70

# Exit 1 on findings at or above this severity: {severities}.
fail-level: error

# spaCy pipeline (default: en_core_web_sm if installed, else the pinned copy).
# model: en_core_web_sm
"""


def _or_list(names: Iterable[str]) -> str:
    *rest, last = names
    return f"{', '.join(rest)} or {last}" if rest else last


STARTER = STARTER_TEMPLATE.format(
    categories=textwrap.fill(
        f"Only run these rules or categories (default: all). Categories: {', '.join(CATEGORIES)}.",
        width=89,
        initial_indent="# ",
        subsequent_indent="# ",
    ),
    severities=_or_list(SEVERITIES),
)

"""Which YAML files make up a rule pack, and the digest that identifies their contents.

Kept free of pydantic and ruamel.yaml so that commands which only describe rules start fast.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from poalint import CACHE_FORMAT, __version__
from poalint.errors import RuleError
from poalint.util.builtin import builtin_rules_dir
from poalint.util.usercache import user_cache_root

__all__ = ["builtin_rules_dir", "compiled_cache_dir", "pack_digest", "pack_files", "yaml_files"]


def yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise RuleError(str(folder), "rules folder not found", "pass a folder of .yaml rule files to --rules")
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def pack_files(extra_dirs: list[Path] | None = None, include_builtin: bool = True) -> list[Path]:
    folders = ([builtin_rules_dir()] if include_builtin else []) + list(extra_dirs or [])
    return [path for folder in folders for path in yaml_files(folder)]


def pack_digest(files: list[Path]) -> str:
    """Identifies a pack by poalint's version and the files' paths and bytes."""
    digest = hashlib.sha256(f"{__version__}\0{CACHE_FORMAT}\0{sys.version}".encode())
    for path in files:
        digest.update(str(path.resolve()).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError as exc:
            raise RuleError(str(path), f"cannot read ({exc.strerror})", "check the file") from None
    return digest.hexdigest()


def compiled_cache_dir() -> Path:
    return user_cache_root() / "packs"

"""Safe YAML loading that keeps line/column positions for error messages.

ruamel.yaml's round-trip loader never constructs Python objects, and we additionally
refuse any explicit tag outside YAML's core schema (`!!python/object`, `!custom`...),
so a rule pack or config file can hold only plain data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from poalint.errors import RuleError

_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "omap", "timestamp")
}

LineLookup = Callable[..., str]
MAX_YAML_BYTES = 4_000_000


def _tag_of(node: Any) -> str | None:
    tag = getattr(node, "tag", None)
    value = getattr(tag, "value", None) if tag is not None else None
    if value is None and isinstance(tag, str):
        value = tag
    return value


def _check_tags(node: Any, path: Path, where: str) -> None:
    tag = _tag_of(node)
    if tag and tag not in _CORE_TAGS:
        raise RuleError(
            where, f"YAML tag {tag.replace('tag:yaml.org,2002:', '!!')!r} is not allowed", "use plain values"
        )
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            line, col = _key_position(node, key)
            _check_tags(value, path, f"{path}:{line}:{col}")
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            line, col = _item_position(node, index)
            _check_tags(value, path, f"{path}:{line}:{col}")


def _key_position(node: CommentedMap, key: Any) -> tuple[int, int]:
    try:
        line, col = node.lc.key(key)
        return line + 1, col + 1
    except (KeyError, TypeError, AttributeError):
        return node.lc.line + 1, node.lc.col + 1


def _item_position(node: CommentedSeq, index: int) -> tuple[int, int]:
    try:
        line, col = node.lc.item(index)
        return line + 1, col + 1
    except (KeyError, TypeError, AttributeError, IndexError):
        return node.lc.line + 1, node.lc.col + 1


def position_of(root: Any, *keys: Any) -> tuple[int, int]:
    """1-based (line, column) of the node at `keys` (as deep as it can be followed)."""
    node = root
    line, col = 1, 1
    for key in keys:
        if isinstance(node, CommentedMap) and key in node:
            line, col = _key_position(node, key)
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line, col = _item_position(node, key)
            node = node[key]
        else:
            break
    return line, col


def parse_yaml(text: str, path: Path) -> Any:
    yaml = YAML(typ="rt")
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise RuleError(where, f"invalid YAML: {problem}", "fix the syntax") from None
    except YAMLError as exc:
        raise RuleError(str(path), f"invalid YAML: {str(exc).splitlines()[0]}", "fix the syntax") from None
    except RecursionError:
        raise RuleError(
            f"{path}:1:1", f"YAML nested deeper than {MAX_DEPTH} levels", "flatten the file"
        ) from None
    _check_expansion(data, path)
    _check_tags(data, path, f"{path}:1:1")
    return data


MAX_NODES = 200_000  # values in a file once aliases are expanded: far above any real pack
MAX_DEPTH = 64


def _check_expansion(data: Any, path: Path) -> None:
    """Refuse a file whose aliases expand past `MAX_NODES` values (a "billion laughs" alias
    bomb: 600 bytes that every later walk over the data would expand to millions of nodes) or
    that nests deeper than `MAX_DEPTH`. The walk itself stops at the budget."""
    budget = MAX_NODES
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        budget -= 1
        if budget < 0 or depth > MAX_DEPTH:
            line, col = (
                getattr(getattr(node, "lc", None), "line", None),
                getattr(getattr(node, "lc", None), "col", None),
            )
            where = f"{path}:{line + 1}:{col + 1}" if line is not None and col is not None else f"{path}:1:1"
            if budget < 0:
                problem = f"YAML aliases expand to more than {MAX_NODES} values (an alias bomb)"
                raise RuleError(where, problem, "write the values out instead of nesting aliases")
            raise RuleError(where, f"YAML nested deeper than {MAX_DEPTH} levels", "flatten the file")
        if isinstance(node, dict):
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node)


def load_yaml_with_lines(path: Path) -> tuple[Any, LineLookup]:
    """Load a YAML file; return the data and a function giving 'line:col' for a key path."""
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise RuleError(str(path), f"too large (over {MAX_YAML_BYTES} bytes)", "split the file")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), f"cannot read ({exc})", "check the file") from None
    data = parse_yaml(text, path)

    def lines(*keys: Any) -> str:
        line, col = position_of(data, *keys)
        return f"{line}:{col}"

    return data, lines


def plain(node: Any) -> Any:
    """Convert ruamel containers to plain dicts and lists (for pydantic)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if hasattr(node, "value") and _tag_of(node):  # TaggedScalar
        return node.value
    return node

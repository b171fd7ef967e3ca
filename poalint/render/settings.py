"""`poalint check --show-settings`: which configuration governs a draft, and the settings."""

from __future__ import annotations


def _value(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def render_settings(described: list[dict[str, object]]) -> str:
    """One block per path: `draft`, then `key: value` lines (JSON with `--format json`)."""
    blocks = []
    for settings in described:
        width = max(len(k) for k in settings)
        lines = [f"{key + ':':{width + 1}} {_value(value)}" for key, value in settings.items()]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"

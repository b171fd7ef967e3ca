"""Whether to colour output: `--color auto|always|never` and the NO_COLOR / FORCE_COLOR
conventions (https://no-color.org, https://force-color.org)."""

from __future__ import annotations

from collections.abc import Mapping

CHOICES = ("auto", "always", "never")


def use_colour(choice: str, terminal: bool, environ: Mapping[str, str]) -> bool:
    """`always` and `never` win. With `auto`: NO_COLOR set to anything but the empty string
    turns colour off; else FORCE_COLOR set (and not "0" or "false") turns it on even when
    piped; else colour when writing to a terminal."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if environ.get("NO_COLOR", ""):
        return False
    force = environ.get("FORCE_COLOR", "")
    if force and force.lower() not in ("0", "false"):
        return True
    return terminal

"""A progress bar on stderr for long runs: only on a terminal and only for many files."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

import click

MIN_FILES = 20
T = TypeVar("T")


def wanted(total: int, stream=None) -> bool:
    stream = stream or sys.stderr
    if total < MIN_FILES or os.environ.get("POALINT_NO_PROGRESS"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def track(items: Iterable[T], total: int, label: str = "Linting") -> Iterator[T]:
    """Yield `items`, drawing a bar on stderr when it is a terminal and `total` >= MIN_FILES."""
    if not wanted(total):
        yield from items
        return
    with click.progressbar(
        length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True, width=30
    ) as bar:
        for item in items:
            yield item
            bar.update(1)

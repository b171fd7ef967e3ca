"""Errors a user can cause. Each renders as one line naming where and what to do."""

from __future__ import annotations


class UserError(Exception):
    """A problem in the user's input, rules or configuration (exit status 2)."""

    def __init__(self, where: str, problem: str, hint: str = "") -> None:
        self.where = where
        self.problem = problem
        self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        text = f"{self.where}: {self.problem}" if self.where else self.problem
        if self.hint:
            text += f"; {self.hint}"
        return text


class InputError(UserError):
    """A draft that cannot be read."""


class RuleError(UserError):
    """A rule file or rule definition that cannot be loaded."""


class ConfigError(UserError):
    """A configuration file that cannot be used."""

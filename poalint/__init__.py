"""poalint: a rule-based linter for Amazon sellers' Plan of Action drafts."""

__version__ = "0.1.0"

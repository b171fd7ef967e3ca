"""Output formats: each module renders a Report to text."""

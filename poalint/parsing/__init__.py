"""Parsing: raw text -> blocks -> sections."""

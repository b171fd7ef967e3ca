"""Rule definitions: pydantic models for YAML rules, and the loader for rule packs."""

"""Emitters: from the resolved IR to files (Python package, docs, JSON Schema, IR as JSON)."""

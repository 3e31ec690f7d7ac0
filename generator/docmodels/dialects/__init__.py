"""Per-dialect readers of type expressions, defaults and names: one module per dialect."""

"""Shared locations for the test suite."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPECS = REPO / "specs"
OUTPUT = REPO / "output"
# Real model pages from public SDKs, beside the repository where the workplace provides them.
CORPUS = REPO.parent / "shared" / "corpus"

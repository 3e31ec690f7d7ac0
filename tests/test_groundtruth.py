"""Ground truth: for every generator's pages of our own specs, docmodels recovers every fact the
pages carry. What a dialect's pages lose is declared, with the reason, in groundtruth/losses/;
a fact that is neither recovered nor declared lost fails, and so does a declared loss that is
in fact recovered (the declaration is then wrong)."""

from __future__ import annotations

import pytest
from conftest import REPO

from groundtruth.measure import folders, losses, measure, summary, table

FOLDERS = {folder.name: (spec, folder) for spec, folder in folders()}
CLAIMED = sorted(name for name, (_, folder) in FOLDERS.items() if losses(folder) is not None)
RECOVERY = REPO / "docs" / "recovery.md"
BEGIN, END = "<!-- table: begin -->\n", "<!-- table: end -->\n"


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_every_ground_truth_folder_reads_without_crashing(name: str) -> None:
    spec, folder = FOLDERS[name]
    score = measure(spec, folder)
    assert sum(total for _, total in score.counts.values()) > 0


@pytest.mark.parametrize("name", CLAIMED)
def test_every_fact_the_pages_carry_is_recovered(name: str) -> None:
    spec, folder = FOLDERS[name]
    declared = losses(folder)
    assert declared is not None
    missed = measure(spec, folder).misses
    assert sorted(set(missed) - set(declared)) == [], "not recovered, not declared lost"
    assert sorted(set(declared) - set(missed)) == [], "declared lost, but recovered"


def test_claimed_dialects_read_without_errors() -> None:
    with_errors = {n: measure(*FOLDERS[n]).errors for n in CLAIMED}
    assert {n: e for n, e in with_errors.items() if e} == {}


def test_the_published_table_is_current() -> None:
    text = RECOVERY.read_text(encoding="utf-8")
    published = text[text.index(BEGIN) + len(BEGIN) : text.index(END)]
    assert published == table(), "regenerate with: python groundtruth/measure.py --docs"


def test_the_readme_summary_is_current() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    begin, end = "<!-- recovery: begin -->\n", "<!-- recovery: end -->\n"
    published = text[text.index(begin) + len(begin) : text.index(end)]
    assert published == summary(), "regenerate with: python groundtruth/measure.py --docs"

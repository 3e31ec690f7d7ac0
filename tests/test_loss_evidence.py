"""A declared loss is checked against its page (groundtruth/loss_evidence.py): the page must
show it does not carry the fact; what it cannot confirm is listed, in review's sight."""

from __future__ import annotations

import pytest

from groundtruth import loss_evidence

# The newest release of each generator: a slice of the 107 folders the full audit reads
# (python groundtruth/loss_evidence.py), each a docmodels run.
NEWEST = sorted({
    folder.split("@")[0]: folder
    for folder in sorted(loss_evidence.folders(), key=lambda f: [int(n) for n in f.split("@")[1].split(".")])
}.values())


def test_a_loss_the_page_refutes_is_not_confirmed() -> None:
    """go@5.4.0 once declared opt_nullable_ref's nullability lost, but its page has
    SetOptNullableRefNil: the row alone reads like a non-nullable model's."""
    found = loss_evidence.audit("go@5.4.0", {"nullable: Scalars.opt_nullable_ref": "not on the page"})
    assert found.unconfirmed() == ["nullable: Scalars.opt_nullable_ref"]


def test_a_fact_written_alike_for_two_values_is_confirmed_lost() -> None:
    found = loss_evidence.audit("powershell@7.26.0", {"format: Pet.weight": "float and double"})
    assert found.unconfirmed() == []
    assert "is written for format double, float" in found.confirmed["format: Pet.weight"]


def test_a_loss_of_a_fact_the_row_writes_is_not_confirmed() -> None:
    # rust writes the default on the row: [default to 120].
    found = loss_evidence.audit("rust@7.26.0", {"default: Pet.age_in_days": "not written"})
    assert found.unconfirmed() == ["default: Pet.age_in_days"]


@pytest.mark.parametrize("folder", NEWEST)
def test_every_declared_loss_is_confirmed_by_its_page_or_listed(folder: str) -> None:
    listed = {key for f, key in loss_evidence.read_unconfirmed() if f == folder}
    assert set(loss_evidence.audit(folder).unconfirmed()) == listed, (
        "regenerate with: python groundtruth/loss_evidence.py --write"
    )


def test_the_listed_losses_are_still_declared() -> None:
    for folder, key in loss_evidence.read_unconfirmed():
        assert key in loss_evidence.declared(folder), (folder, key)

"""Every real page in ../shared/corpus reads without a crash; the dialects we claim read cleanly.

Skipped where the corpus is absent (it lives beside the repository, not in it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS
from docmodels.diagnostics import Severity
from docmodels.load import load

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")

# Every corpus folder, in every dialect it holds: each page must read without an error diagnostic.
CLEAN = [
    "venkatajagannath__anyscale",
    "venkatajagannath__anyscale__openapi_client",
    "sendinblue__APIv3-python-library",
    "ory__sdk__python",
    "ory__sdk_v1.9.0__python",
    "ory__sdk__rust",
    "ory__sdk_v1.9.0__rust",
    "qiskit-community__qrmi",
    "qiskit-community__qrmi__felis",
    "qiskit-community__qrmi__iqm_client",
    "ory__sdk__go",
    "launchdarkly__api-client-go",
    "ory__sdk__typescript-axios",
    "ory__sdk__typescript-fetch",
    "ory__sdk__dart",
    "ory__sdk__dotnet",
    "ory__sdk_v1.9.0__dotnet",
    "ory__sdk__php",
    "ory__sdk_v1.9.0__php",
    "ory__sdk__java",
    "ory__sdk_v1.9.0__java",
    "ory__sdk__ruby",
    "kubernetes-client__c",
    "kubernetes-client__perl",
    "MrSmitix__ympa__java_micronaut",
    "MrSmitix__ympa__scala_akka",
    "massive-com__client-jvm",
]


def test_every_corpus_folder_is_held_to_zero_errors() -> None:
    """A folder added to the corpus is read clean, or this names it."""
    assert sorted(_folders()) == sorted(CLEAN)


def _folders() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.iterdir() if (p / "docs").is_dir())


@pytest.mark.parametrize("folder", _folders())
def test_every_page_reads_without_crashing(folder: str) -> None:
    model_set, diagnostics = load([CORPUS / folder / "docs"], CORPUS)
    pages = len(list((CORPUS / folder / "docs").glob("*.md")))
    # A page that yields no model must have said why.
    failed_pages = {d.location.path for d in diagnostics if d.severity is Severity.ERROR}
    assert len(model_set.models) + len(failed_pages) >= pages


@pytest.mark.parametrize("folder", CLEAN)
def test_supported_dialect_reads_without_errors(folder: str) -> None:
    if not (CORPUS / folder).is_dir():
        pytest.skip(f"{folder} is not in this corpus")
    model_set, diagnostics = load([CORPUS / folder / "docs"], CORPUS)
    errors = [str(d) for d in diagnostics if d.severity is Severity.ERROR]
    assert errors == []
    assert len(model_set.models) == len(list((CORPUS / folder / "docs").glob("*.md")))


def test_seed_pages_match_the_corpus() -> None:
    """specs/ holds the two seed pages unchanged."""
    specs = Path(__file__).resolve().parent.parent / "specs"
    for source, name in (
        ("venkatajagannath__anyscale/docs/CreateSession.md", "CreateSession.md"),
        ("qiskit-community__qrmi/docs/CreateSession200Response.md", "CreateSession200Response.md"),
    ):
        assert (specs / name).read_bytes() == (CORPUS / source).read_bytes()

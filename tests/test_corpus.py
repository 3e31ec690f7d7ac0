"""Every folder of the real SDK corpus (../shared/corpus), as shipped, generates: every page is a
model page read into a model, none left out; the dialects we claim read without a single loss.

Skipped where the corpus is absent (it lives beside the repository, not in it).
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from conftest import CORPUS
from docmodels.diagnostics import Diagnostic, Severity
from docmodels.ir import ModelSet
from docmodels.load import load

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")

# Folders read without a single loss (no property read as Any, no row or page left out).
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
    "Basis-Theory__basistheory-swift",
    "MrSmitix__ympa__android",
    "MrSmitix__ympa__bash",
    "MrSmitix__ympa__csharp",
    "MrSmitix__ympa__dart",
    "MrSmitix__ympa__javascript",
    "MrSmitix__ympa__julia",
    "MrSmitix__ympa__perl",
    "MrSmitix__ympa__powershell",
    "MrSmitix__ympa__python_pydantic_v1",
    "MrSmitix__ympa__r",
    "MrSmitix__ympa__scala_akka",
    "MrSmitix__ympa__swift5",
    "kubernetes-client__python",
    "massive-com__client-jvm",
    "MrSmitix__ympa__eiffel",
    "MrSmitix__ympa__ktorm_schema",
    "MrSmitix__ympa__markdown_doc",
    "MrSmitix__ympa__objc",
    "MrSmitix__ympa__rust_server",
    "sailpoint-oss__powershell-sdk__sources",
    "sailpoint-oss__powershell-sdk__triggers",
    "kubernetes-client__c",
    "kubernetes-client__perl",
    "MrSmitix__ympa__java_micronaut",
]
# Folders that generate with losses, each with what is not read yet.
LOSSY: dict[str, str] = {}


def test_every_corpus_folder_is_accounted_for() -> None:
    """A folder added to the corpus reads clean, or says here what it loses."""
    assert sorted(_folders()) == sorted([*CLEAN, *LOSSY])
    assert not set(CLEAN) & set(LOSSY)


def _folders() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.iterdir() if (p / "docs").is_dir())


@functools.cache
def _loaded(folder: str) -> tuple[ModelSet, list[Diagnostic]]:
    """Each folder is read once for all the tests below (a few seconds each)."""
    return load([CORPUS / folder / "docs"], CORPUS)


def _pages(folder: str) -> int:
    return len(list((CORPUS / folder / "docs").rglob("*.md")))


@pytest.mark.parametrize("folder", _folders())
def test_every_folder_generates_with_every_page_a_model(folder: str) -> None:
    model_set, diagnostics = _loaded(folder)
    assert [str(d) for d in diagnostics if d.severity is Severity.ERROR] == []
    assert [(p.path, p.reason) for p in model_set.left_out] == []
    assert [(p.path, p.reason) for p in model_set.skipped] == []
    assert len(model_set.models) == _pages(folder)


@pytest.mark.parametrize("folder", CLEAN)
def test_claimed_folders_read_without_a_loss(folder: str) -> None:
    if not (CORPUS / folder).is_dir():
        pytest.skip(f"{folder} is not in this corpus")
    model_set, diagnostics = _loaded(folder)
    assert [str(d) for d in diagnostics if d.loss] == []
    assert [(m.name, f.name) for m in model_set.models for f in m.fields if f.unread] == []


@pytest.mark.parametrize("folder", sorted(LOSSY))
def test_a_lossy_folder_is_no_longer_clean_only_where_it_loses(folder: str) -> None:
    """A folder that now reads clean must move to CLEAN."""
    if not (CORPUS / folder).is_dir():
        pytest.skip(f"{folder} is not in this corpus")
    _, diagnostics = _loaded(folder)
    assert any(d.loss for d in diagnostics), f"{folder} reads clean now: move it to CLEAN"


def test_seed_pages_match_the_corpus() -> None:
    """specs/ holds the two seed pages unchanged, each in its generator's folder."""
    specs = Path(__file__).resolve().parent.parent / "specs"
    for source, name in (
        ("venkatajagannath__anyscale/docs/CreateSession.md", "python/CreateSession.md"),
        ("qiskit-community__qrmi/docs/CreateSession200Response.md", "rust/CreateSession200Response.md"),
    ):
        assert (specs / name).read_bytes() == (CORPUS / source).read_bytes()


def test_the_published_table_of_folders_as_shipped_is_current() -> None:
    from groundtruth import corpus

    text = corpus.RECOVERY.read_text(encoding="utf-8")
    published = text[text.index(corpus.BEGIN) + len(corpus.BEGIN) : text.index(corpus.END)]
    current = corpus.table([corpus.shipped(f, *_loaded(f)) for f in _folders()])
    assert published == current, "regenerate with: python groundtruth/corpus.py --docs"

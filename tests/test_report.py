"""Findings for machines: GitHub Actions annotations, and the diff of what generate would change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import OUTPUT, REPO
from docmodels.cli import main
from docmodels.diagnostics import Location, error, warning
from docmodels.report import diagnostic, stale


def test_a_diagnostic_as_a_github_annotation() -> None:
    found = error(Location("specs/Pet.md", 7, 12), "property 'size': unknown type 'integer'")
    assert diagnostic(found, "github") == (
        "::error file=specs/Pet.md,line=7,col=12::property 'size': unknown type 'integer'"
    )
    assert diagnostic(found, "text") == (
        "specs/Pet.md:7:12: error: property 'size': unknown type 'integer'"
    )


def test_annotations_escape_what_would_end_them_early() -> None:
    found = warning(Location("a,b:c%.md", 1, 1), "50% done\nnext line")
    assert diagnostic(found, "github") == (
        "::warning file=a%2Cb%3Ac%25.md,line=1,col=1::50%25 done%0Anext line"
    )
    assert stale("out/x.py", "differs", "github") == "::error file=out/x.py::differs"


@pytest.fixture
def edited_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "output"
    shutil.copytree(OUTPUT, copy, ignore=shutil.ignore_patterns("__pycache__", ".*_cache"))
    page = copy / "docs" / "UserServiceAccessTypes.md"
    page.write_text(page.read_text(encoding="utf-8").replace("An enumeration.", "Changed."),
                    encoding="utf-8")
    (copy / "docs" / "Extra.md").write_text("stale\n", encoding="utf-8")
    monkeypatch.chdir(REPO)
    return copy


def test_check_diff_shows_what_generate_would_change(
    edited_output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "specs", "-o", str(edited_output), "--diff"]) == 1
    out = capsys.readouterr().out
    changed = f"{edited_output.as_posix()}/docs/UserServiceAccessTypes.md"
    extra = f"{edited_output.as_posix()}/docs/Extra.md"
    assert f"--- a/{changed}\n+++ b/{changed}\n" in out
    assert "-Changed.\n+An enumeration.\n" in out
    assert f"--- a/{extra}\n+++ /dev/null\n@@ -1 +0,0 @@\n-stale\n" in out


def test_check_in_github_format(edited_output: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "specs", "-o", str(edited_output), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    where = edited_output.as_posix()
    assert lines == [
        f"::error file={where}/docs/UserServiceAccessTypes.md::differs from what generate would write",
        f"::error file={where}/docs/Extra.md::not generated (generate would remove it)",
    ]


# What a terminal would act on rather than show (an escape sequence, a bell, a bidirectional
# override) reaches no output through a spec file's name or a planted cache entry.
_PAGE = (
    "# Pet\n\n## Properties\n\nName | Type | Description | Notes\n"
    "------------ | ------------- | ------------- | -------------\n"
    "**name** | **str** |  | [optional]\n**size** | **Sizee** |  | [optional]\n"
)


def _no_control(text: str) -> bool:
    return all(c.isprintable() or c == "\n" for c in text)


@pytest.fixture
def specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty spec folder, in a project whose cache folder is its own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "specs").mkdir()
    return tmp_path / "specs"


def test_a_page_named_with_an_escape_sequence_is_shown_escaped(
    specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (specs / "Pet\x1b[2J\u202e.md").write_text(_PAGE, encoding="utf-8")
    assert main(["generate", "specs", "-o", "out", "-v"]) == 0
    shown = capsys.readouterr()
    assert "specs/Pet\\x1b[2J\\u202e.md:8:" in shown.err  # the warning, at its place
    assert _no_control(shown.err) and _no_control(shown.out)


def test_a_damaged_run_record_is_refused_not_reprinted(
    specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A byte changed inside a run record's diagnostic keeps its JSON well formed: the
    record's seal tells, and the run is made again, saying what the pages say."""
    (specs / "Pet.md").write_text(_PAGE, encoding="utf-8")
    assert main(["generate", "specs", "-o", "out"]) == 0
    said = capsys.readouterr().err
    records = [p for p in (specs.parent / "cache" / "runs").iterdir() if len(p.name) == 64]
    data = records[0].read_bytes()
    message = data.index(b'"message": "') + len(b'"message": "')
    records[0].write_bytes(data[:message] + b"X" + data[message + 1:])
    assert main(["generate", "specs", "-o", "out"]) == 0
    assert capsys.readouterr().err == said


def test_a_damaged_page_hash_is_refused_once_not_built_on_every_run(
    specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A byte changed inside a page's hash in the file of the pages' hashes keeps its JSON well
    formed: believed, the page was read for a hash it does not have, and every run after it
    built everything again. The file's seal tells: the pages are hashed again, once."""
    import os
    import re

    import docmodels.pipeline

    (specs / "Pet.md").write_text(_PAGE, encoding="utf-8")
    an_hour_ago = os.stat(specs / "Pet.md").st_mtime - 3600
    os.utime(specs / "Pet.md", (an_hour_ago, an_hour_ago))  # (not racily clean: believed)
    assert main(["generate", "specs", "-o", "out"]) == 0
    [hashes] = [p for p in (specs.parent / "cache" / "runs").iterdir()
                if p.name.startswith("pages-")]
    data = hashes.read_bytes()
    found = re.search(rb'\["([0-9a-f]{64})"', data)
    assert found is not None
    at = found.start(1)
    hashes.write_bytes(data[:at] + (b"1" if data[at:at + 1] == b"0" else b"0") + data[at + 1:])

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("built again, with nothing changed")

    monkeypatch.setattr(docmodels.pipeline, "build", no_build)
    for _ in range(2):
        assert main(["generate", "specs", "-o", "out"]) == 0


def test_a_planted_run_record_is_shown_escaped(
    specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    (specs / "Pet.md").write_text(_PAGE, encoding="utf-8")
    assert main(["generate", "specs", "-o", "out"]) == 0
    records = [p for p in (specs.parent / "cache" / "runs").iterdir() if len(p.name) == 64]
    assert len(records) == 1
    from docmodels.cachedir import sealed, unsealed

    text = unsealed(records[0].read_bytes())  # (planted well formed: sealed as docmodels seals)
    assert text is not None
    data = json.loads(text)
    data["summary"] = "\x1b]0;owned\x07 read"
    data["diagnostics"][0]["message"] = "\x1b[2Jcleared"
    records[0].write_bytes(sealed(json.dumps(data).encode()))
    capsys.readouterr()
    assert main(["generate", "specs", "-o", "out"]) == 0  # the run remembered: nothing built
    shown = capsys.readouterr()
    assert "\\x1b[2Jcleared" in shown.err and "\\x1b]0;owned\\x07 read" in shown.out
    assert _no_control(shown.err) and _no_control(shown.out)

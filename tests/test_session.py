"""What `docmodels watch` keeps in memory between runs (session.py): a run reads only the pages
no earlier run read, and gives what a run without it gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmodels import load as load_module
from docmodels.load import load
from docmodels.session import Session
from generated import python_page, write_page


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages read from their text (not remembered), in order."""
    seen: list[str] = []
    real = load_module._read_one

    def counted(task: load_module._Task) -> load_module.Result:
        seen.append(task[1])
        return real(task)

    monkeypatch.setattr(load_module, "_read_one", counted)
    return seen


def pages(folder: Path, count: int) -> None:
    for index in range(count):
        write_page(folder, f"Model{index}", python_page(f"Model{index}", [
            f"**field_{index}** | **str** | A field. | [optional] "]))


def test_a_run_with_a_session_reads_only_the_page_that_changed(
    tmp_path: Path, read: list[str]
) -> None:
    specs = tmp_path / "specs"
    pages(specs, 5)
    session = Session()
    load([specs], tmp_path, jobs=1, session=session)
    assert sorted(set(read)) == [f"specs/Model{i}.md" for i in range(5)]
    read.clear()
    write_page(specs, "Model3", python_page("Model3", ["**other** | **int** | Changed. | "]))
    changed, _ = load([specs], tmp_path, jobs=1, session=session)
    assert set(read) == {"specs/Model3.md"}
    assert changed == load([specs], tmp_path, jobs=1)[0]


def test_a_run_with_a_session_and_nothing_changed_reads_no_page(
    tmp_path: Path, read: list[str]
) -> None:
    pages(tmp_path / "specs", 3)
    session = Session()
    first = load([tmp_path / "specs"], tmp_path, jobs=1, session=session)
    read.clear()
    assert load([tmp_path / "specs"], tmp_path, jobs=1, session=session) == first
    assert read == []


def test_a_session_keeps_only_what_the_latest_run_used(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    pages(specs, 4)
    session = Session()
    load([specs], tmp_path, jobs=1, session=session)
    kept = len(session)
    (specs / "Model0.md").unlink()
    (specs / "Model1.md").unlink()
    load([specs], tmp_path, jobs=1, session=session)
    assert len(session) == kept // 2

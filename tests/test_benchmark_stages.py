"""benchmarks/stages.py: a cold run's time, stage by stage, and how benchmarks/run.py writes it
and the load averages into docs/benchmarks.md; benchmarks/floor.py and saved_page.py, the least
one page changed can cost and what it costs a watch. Only the code paths are tested; the
figures are measured by the benchmarks, never in tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import corpus  # benchmarks/ is a folder of scripts, not a package
import run
import stages


def test_a_cold_run_is_timed_stage_by_stage_and_the_rows_add_up(tmp_path: Path) -> None:
    corpus.write(30, tmp_path)
    wall, rows = stages.profile(tmp_path / "pages")
    labels = [row.label for row in rows]
    assert "reading, parsing and resolving the 30 pages" in labels
    assert any(label.startswith("black's layout") for label in labels)
    assert any(label.startswith("writing the ") for label in labels)
    assert any(label.startswith("keeping the cache folder") for label in labels)
    assert all(row.seconds >= 0 for row in rows[1:-1])
    assert abs(sum(row.seconds for row in rows) - wall) < 1e-6
    # Reading the pages and rendering take time; the start-up is not all of it.
    by_label = {row.label: row.seconds for row in rows}
    assert by_label["reading, parsing and resolving the 30 pages"] > 0
    table = stages.table(wall, rows)
    assert table.count("\n") == len(rows) + 2


def test_a_run_with_one_page_changed_is_timed_in_finer_stages_that_add_up(
    tmp_path: Path
) -> None:
    corpus.write(30, tmp_path)
    stages.profile_changed(tmp_path)  # (the first: a cold run, its cache and output left)
    wall, rows = stages.profile_changed(tmp_path)
    by_label = {row.label: row.seconds for row in rows}
    assert by_label["each page's reading, from the cache (one page read, 29 decoded)"] > 0
    assert by_label["keys settled (each folder's convention, every model's fields)"] > 0
    assert by_label["every model's digest, and the plan of names from the memo's record"] > 0
    assert by_label["loading the render memo"] > 0
    assert abs(sum(row.seconds for row in rows) - wall) < 1e-6
    assert stages.table(wall, rows).count("\n") == len(rows) + 2


def test_the_tables_carry_the_load_average_around_each_measurement() -> None:
    measures = [
        run.Measure(50, "docmodels", "cold", 0.4, 30, 31, load_before=0.12, load_after=0.9),
        run.Measure(50, "docmodels", "no-op", 0.1, 20, 20, load_before=0.5, load_after=0.7),
    ]
    table = run.table(measures)
    assert "| 0.12 → 0.90 |" in table and "| 0.50 → 0.70 |" in table
    line = run.load_line(measures)
    assert "0.12 to 0.50" in line and "at most 0.90" in line


def test_one_page_changed_is_judged_by_its_cpu_time_against_its_paired_no_op() -> None:
    measures = [
        run.Measure(10000, "docmodels", "no-op", 0.5, 30, 30, cpu=0.4),
        run.Measure(10000, "docmodels", "one page changed", 0.9, 40, 40, cpu=0.8, per_noop=2.0),
    ]
    assert "| 0.80 s (2.0× the no-op's) |" in run.table(measures)
    verdicts = "\n".join(run.targets(measures))
    assert "no-op, 10,000 pages, CPU time (issue 17): 0.40 s against at most 0.50 s: met" in verdicts
    assert "2.00 × against at most 1.50 ×: missed by 1.3×" in verdicts


def test_each_runs_load_averages_are_kept_the_highest() -> None:
    assert run.best([(2.0, 10, 12, 0.1, 1.5, 0.9), (1.0, 11, 11, 0.4, 0.6, 1.1)]) == (
        1.0, 11, 12, 0.4, 1.5, 0.9)


def test_the_stage_table_goes_between_its_markers(tmp_path: Path) -> None:
    docs = tmp_path / "benchmarks.md"
    docs.write_text(f"before\n{run.STAGES_BEGIN}\nold, typed in\n{run.STAGES_END}\nafter\n", "utf-8")
    run.splice(docs, "| step | time |", run.STAGES_BEGIN, run.STAGES_END)
    assert docs.read_text("utf-8") == (
        f"before\n{run.STAGES_BEGIN}\n| step | time |\n{run.STAGES_END}\nafter\n"
    )
    # And the real page has the markers to write between.
    text = (REPO / "docs" / "benchmarks.md").read_text("utf-8")
    assert text.count(run.STAGES_BEGIN) == text.count(run.STAGES_END) == 1


def test_the_floor_of_one_page_changed_is_the_no_op_then_one_page_read_and_rendered(
    tmp_path: Path
) -> None:
    import floor

    corpus.write(30, tmp_path)
    stages.profile_changed(tmp_path)  # (a cold run: its cache and output left)
    noops, floors = floor.measure(tmp_path, 1)
    [(cpu, steps)] = floors
    assert list(steps) == ["no-op run", "the build's imports",
                           "the page read and its model resolved",
                           "its files rendered and laid out"]
    assert all(seconds >= 0 for seconds in steps.values()) and cpu > 0 and noops[0] > 0
    table = floor.table(30, noops, floors)
    assert "| the floor of one page changed" in table and table.count("| (of which)") == 4


def test_a_saved_page_is_timed_in_a_watch_session_and_regenerated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import saved_page

    corpus.write(30, tmp_path)
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    times = saved_page.measure(tmp_path, 2)
    assert len(times) == 2 and all(seconds > 0 for seconds in times) and times == sorted(times)
    page = (tmp_path / "pages" / corpus.DIALECTS[0] / f"{corpus.model_name(0)}.md").read_text()
    note = page.split("\n")[2].rsplit("saved ", 1)[1]
    docs = "".join(p.read_text() for p in (tmp_path / "docmodels-out").rglob("*.md"))
    assert f"saved {note}" in docs  # (the last save's description, regenerated)

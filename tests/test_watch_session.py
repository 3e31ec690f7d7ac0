"""A watch keeps what each step gave each model between its runs (session.py, recall.py): a run
after any edit gives exactly what a run from scratch gives, including edits that change what a
whole folder tells (the key convention its pages show, a model others refer to renamed, an enum
value added), and only the changed models' steps are done again."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from docmodels import load, pipeline
from docmodels.diagnostics import Diagnostic
from docmodels.emit import examples, memo, python
from docmodels.emit.formatting import FormatCache
from docmodels.ir import Model, ModelSet, model_references
from docmodels.pipeline import build
from docmodels.recall import Recall
from docmodels.session import Session
from docmodels.source import read_bytes
from generated import python_page, write_page
from test_incremental_build import STEPS, edit, enum, initial, model, pages_read, same

API = "# DefaultApi\n\n## Example\n\n```json\n{KEYS}\n```\n"


def keyed(rows: list[str]) -> Callable[[Path], None]:
    # Python's pages write field names and no convention: the folder's pages must tell it.
    return lambda f: write_page(f / "python", "Keyed", python_page("Keyed", rows))


def api(keys: str) -> Callable[[Path], None]:
    return lambda f: write_page(f / "python", "DefaultApi", API.replace("{KEYS}", keys))


# Edits of what the whole folder tells, after the steps every build is checked with.
FOLDER_STEPS: list[tuple[str, Callable[[Path], None]]] = [
    ("the overlay's key convention removed: every model's keys are uncertain", lambda f: edit(
        f / "docmodels-overlay.toml", 'keys = "snake_case"', "")),
    ("a model with keys to settle", keyed([
        "**some_field** | **str** | Some. | ", "**other_field** | **int** | Other. | [optional]"])),
    ("an API page's example shows its keys in camelCase",
     api('{"someField": "a", "otherField": 1}')),
    ("and then in kebab-case", api('{"some-field": "a", "other-field": 1}')),
    ("a name the SDK cannot spell: the pages write the keys", keyed([
        "**some_field** | **str** | Some. | ", "**fooBar** | **int** | Odd. | [optional]"])),
    ("and gone again", keyed([
        "**some_field** | **str** | Some. | ", "**other_field** | **int** | Other. | [optional]"])),
    ("a new enum value", lambda f: (f / "Level.md").write_text(enum("Level", "low", "mid", "top"))),
    ("an enum with a member HIGH", lambda f: (f / "Level.md").write_text(
        enum("Level", "low", "high"))),
    ("a default naming it", lambda f: edit(
        f / "Alpha.md", "(Level.md)> | The level. | [optional]",
        "(Level.md)> | The level. | [optional][default to high]")),
    ("the member gone: Alpha, which names it, lands again (its default is no value now)",
     lambda f: (f / "Level.md").write_text(enum("Level", "low", "mid"))),
    ("a referenced model renamed", lambda f: edit(f / "Beta.md", "# Beta", "# Bravo")),
    ("its users follow", lambda f: edit(f / "Alpha.md", "models::Beta**](Beta.md)",
                                         "models::Bravo**](Beta.md)")),
]


@pytest.mark.parametrize("target", ["dataclasses", "pydantic"])
@pytest.mark.parametrize("cached", [True, False], ids=["cache folder", "no cache folder"])
def test_every_run_of_a_watch_equals_a_run_from_scratch(
    tmp_path: Path, target: str, cached: bool
) -> None:
    folder = tmp_path / "specs"
    initial(folder, target)
    black = FormatCache(tmp_path / "black")
    session = Session()

    def both() -> None:
        aged(folder)
        watched = build([folder], "models", base=tmp_path, cache=black, target=target,
                        cache_dir=tmp_path / "cache" if cached else None, session=session)
        same(watched, build([folder], "models", base=tmp_path, cache=black, target=target))

    both()
    for _, step in [*STEPS, *FOLDER_STEPS]:
        step(folder)
        both()


def aged(folder: Path) -> None:
    """The files just written dated as if saved a while ago, each time a second later than the
    last: as files a person saves seconds apart are (a page saved within the racy window, two
    seconds, is read again on every run whatever its status: Session.page)."""
    global _CLOCK
    _CLOCK += 1_000_000_000
    recent = time.time_ns() - 60_000_000_000
    for path in folder.rglob("*"):
        if path.is_file() and path.stat().st_mtime_ns > recent:
            os.utime(path, ns=(_CLOCK, _CLOCK))


_CLOCK = time.time_ns() - 3600_000_000_000  # an hour ago


def reads(patch: pytest.MonkeyPatch) -> list[str]:
    """The pages whose bytes load reads from here on (their names)."""
    read: list[str] = []

    def spied(path: Path, shown: str) -> bytes | Diagnostic:
        read.append(Path(shown).name)
        return read_bytes(path, shown)

    patch.setattr(load, "read_bytes", spied)
    return read


def test_a_run_reads_only_the_pages_changed_added_or_renamed_and_equals_one_from_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "specs"
    initial(folder)
    aged(folder)
    session = Session()
    build([folder], "models", base=tmp_path, session=session)
    edit(folder / "Beta.md", "The second one.", "The 2nd one.")
    (folder / "Delta.md").write_text(model("Delta", "name | **String** |"))
    (folder / "One.md").rename(folder / "Uno.md")
    (folder / "Three.md").unlink()  # Two refers to it: an error, as from scratch
    # The same size and inode, a later time: an edit an event would tell of, seen by its status.
    (folder / "Level.md").write_text(enum("Level", "lo", "high") + " ")
    aged(folder)
    read = reads(monkeypatch)
    watched = build([folder], "models", base=tmp_path, session=session)
    assert sorted(read) == ["Beta.md", "Delta.md", "Level.md", "Uno.md"]
    monkeypatch.undo()
    same(watched, build([folder], "models", base=tmp_path))


def test_a_page_saved_within_the_racy_window_is_read_again_though_its_status_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "specs"
    initial(folder)
    pages = sorted(path.name for path in folder.rglob("*.md"))
    for path in folder.rglob("*.md"):
        os.utime(path)  # just now: a coarse clock could give an edit made next the same time
    session = Session()
    build([folder], "models", base=tmp_path, session=session)
    read = reads(monkeypatch)
    build([folder], "models", base=tmp_path, session=session)
    assert sorted(read) == pages
    aged(folder)
    build([folder], "models", base=tmp_path, session=session)  # their status changed: read
    read.clear()
    build([folder], "models", base=tmp_path, session=session)
    assert read == []
    (folder / "Beta.md").chmod(0o600)  # its status changed, not its size or time: read again
    build([folder], "models", base=tmp_path, session=session)
    assert read == ["Beta.md"]


def test_a_watch_run_lists_the_pages_once_for_its_fingerprint_and_its_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from docmodels import session as session_module
    from docmodels import source
    from docmodels.cli import _generate_once, _Show
    from docmodels.config import Settings
    from test_watch import files_of

    specs = tmp_path / "specs"
    write_page(specs, "Pet", python_page("Pet", ["**name** | **str** | The name | "]))
    write_page(specs, "Owner", python_page("Owner", ["**pet** | [**Pet**](Pet.md) | A pet | "]))
    monkeypatch.chdir(tmp_path)
    session = Session()
    settings = Settings(specs=(Path("specs"),), output=Path("out"))
    _generate_once(settings, None, tmp_path / "cache", _Show(), session)
    session.between()
    write_page(specs, "Pet", python_page("Pet", ["**name** | **str** | The pet's name | "]))
    listed: list[object] = []
    real = source.discover_shown

    def spied(specs: list[Path], base: Path, *made: dict[str, Path]) -> object:
        listed.append(specs)
        return real(specs, base, *made)

    for module in (source, load, session_module):
        monkeypatch.setattr(module, "discover_shown", spied, raising=False)
    assert _generate_once(settings, None, tmp_path / "cache", _Show(), session).changed
    assert len(listed) == 1
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    _generate_once(Settings(specs=(Path("specs"),), output=Path("fresh")), None, None, _Show())
    assert files_of(tmp_path / "out") == files_of(tmp_path / "fresh")


def _watch_session(tmp_path: Path) -> Callable[[Iterable[Path] | None], None]:
    """What runs a watch's session again, told of paths (None: of nothing), after a first run
    over Pet and Owner."""
    from docmodels.cli import _generate_once, _Show
    from docmodels.config import Settings

    specs = tmp_path / "specs"
    write_page(specs, "Pet", python_page("Pet", ["**name** | **str** | The name | "]))
    write_page(specs, "Owner", python_page("Owner", ["**pet** | [**Pet**](Pet.md) | A pet | "]))
    aged(specs)
    session = Session()
    settings = Settings(specs=(Path("specs"),), output=Path("out"))

    def run(told: Iterable[Path] | None) -> None:
        session.told(None if told is None else [str(p.absolute()) for p in told])
        _generate_once(settings, None, tmp_path / "cache", _Show(), session)
        session.between()

    run(None)
    return run


def test_a_watch_looks_only_at_the_pages_the_system_told_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The system is trusted: a page it told nothing of is as the last run found it. (An edit
    no event tells of is one a watch would not have run for at all.)"""
    monkeypatch.chdir(tmp_path)
    run = _watch_session(tmp_path)
    specs = tmp_path / "specs"
    write_page(specs, "Pet", python_page("Pet", ["**name** | **str** | Told | "]))
    write_page(specs, "Owner", python_page("Owner", ["**pet** | [**Pet**](Pet.md) | Untold | "]))
    run([specs / "Pet.md"])
    docs = tmp_path / "out" / "docs"
    assert "Told" in (docs / "Pet.md").read_text()
    assert "Untold" not in (docs / "Owner.md").read_text()
    run(None)  # told nothing: every page looked at
    assert "Untold" in (docs / "Owner.md").read_text()


@pytest.mark.parametrize("told", ["a new page", "a folder", "a page removed"])
def test_a_watch_told_of_pages_come_or_gone_looks_at_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: str
) -> None:
    monkeypatch.chdir(tmp_path)
    run = _watch_session(tmp_path)
    specs = tmp_path / "specs"
    write_page(specs, "Owner", python_page("Owner", ["**pet** | [**Pet**](Pet.md) | Edited | "]))
    if told == "a new page":
        named = write_page(specs / "more", "Tag", python_page("Tag", ["**id** | **int** |  | "]))
    elif told == "a folder":
        named = specs
    else:
        named = specs / "Gone.md"
        write_page(specs, "Gone", python_page("Gone", ["**id** | **int** |  | "]))
        run(None)
        named.unlink()
    run([named])
    docs = tmp_path / "out" / "docs"
    assert "Edited" in (docs / "Owner.md").read_text()
    assert (docs / "Tag.md").exists() is (told == "a new page")
    assert not (docs / "Gone.md").exists()


def test_a_quiet_page_is_not_the_reading_kept_where_the_fingerprint_found_it_changed(
    tmp_path: Path
) -> None:
    """A run with nothing to build reads no page: the reading kept may be older than what the
    fingerprint found since (a page edited, then run over with a record that held)."""
    from docmodels.load import Unread
    from docmodels.runs import PageHashes, PageState

    def found(sha256: str) -> PageHashes:
        """A fingerprint's look that found the page with this hash."""
        hashes = PageHashes(tmp_path / "runs", tmp_path, (0, {}))
        hashes.seen[key] = PageState(sha256, 6, 0, 0, 0)
        return hashes

    session = Session()
    page = write_page(tmp_path, "Pet", "# Pet\n")
    key = os.fspath(page)
    session.keep_page(key, page.stat(), 0, Unread(page, "a" * 64, 6))
    session.settle()
    session.list_pages([tmp_path], tmp_path)
    session.told([])
    session.hashes = found("a" * 64)
    assert session.quiet_page(key) == Unread(page, "a" * 64, 6)
    session.hashes = found("b" * 64)
    assert session.quiet_page(key) is None
    session.told([os.path.abspath(key)])
    session.hashes = found("a" * 64)
    assert session.quiet_page(key) is None  # (told of: looked at)


def test_the_folder_steps_change_what_the_folder_tells(tmp_path: Path) -> None:
    """(The steps above test what they mean to.)"""
    folder = tmp_path / "specs"
    initial(folder)
    seen = []
    for _, step in FOLDER_STEPS:
        step(folder)
        seen.append(build([folder], "models", base=tmp_path).model_set.key_conventions)
    python = [next(c for c in found if c.folder.endswith("python")) for found in seen]
    assert len({c.keys for c in python}) >= 3


def test_a_run_after_one_saved_page_redoes_only_that_models_steps(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    initial(folder)  # (its overlay gives the folder's key convention: see the next test)
    session = Session()
    build([folder], "models", base=tmp_path, session=session)
    done: list[str] = []
    real, real_map = Recall.get, Recall.map

    def counted(self: Recall, step: str, objects: tuple[object, ...], values: object,
                make: Callable[[], object]) -> object:
        def made() -> object:
            done.append(step)
            return make()
        return real(self, step, objects, values, made)  # type: ignore[arg-type]

    def counted_map(self: Recall, step: str, items: list[object], values: object,
                    make: Callable[[object], object]) -> list[object]:
        def made(item: object) -> object:
            done.append(step)
            return make(item)
        return real_map(self, step, items, values, made)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Recall, "get", counted)
        patch.setattr(Recall, "map", counted_map)
        edit(folder / "Widget.md", "The id.", "The widget's id.")
        build([folder], "models", base=tmp_path, session=session)
    # Widget's own steps, and those of its neighbours that read it (Gamma refers to it).
    assert done and done.count("resolve.land") <= 2 and done.count("keys.settled") == 1


@pytest.mark.parametrize("overlay", [True, False], ids=["keys from the overlay", "no overlay"])
def test_a_run_after_one_saved_description_finds_the_scopes_of_its_files_only(
    tmp_path: Path, overlay: bool
) -> None:
    """The emitters take an unchanged model's files while their scopes are the very objects
    they were, without finding the scopes again; the import cycles, which a description does
    not change, are not found again either. An overlay's key convention, given to every model,
    gives each the very object it gave before (else every model would be new on every run)."""
    folder = tmp_path / "specs"
    initial(folder)
    if not overlay:
        edit(folder / "docmodels-overlay.toml", 'keys = "snake_case"', "")
    aged(folder)
    session = Session()
    build([folder], "models", base=tmp_path, session=session)
    found: list[str] = []
    cycles: list[object] = []
    real_scope, real_cycles = memo.module_scope, python._cycles

    def scope(model: Model, *args: Any) -> memo.ModuleScope:
        found.append(model.name)
        return real_scope(model, *args)

    def counted(model_set: ModelSet) -> dict[str, int]:
        cycles.append(model_set)
        return real_cycles(model_set)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(memo, "module_scope", scope)
        patch.setattr(python, "_cycles", counted)
        edit(folder / "Widget.md", "The id.", "The widget's id.")
        aged(folder)
        watched = build([folder], "models", base=tmp_path, session=session)
    # Widget's module, and Gamma's, which refers to it; of some twenty models.
    assert len(watched.model_set.models) > 10
    assert set(found) <= {"Widget", "Gamma"} and "Widget" in found
    assert cycles == []
    same(watched, build([folder], "models", base=tmp_path))


def test_a_description_edited_makes_no_example_again_and_a_type_changed_does(
    tmp_path: Path,
) -> None:
    """An example reads a model's keys, types, defaults and values, not its descriptions: a
    description edited in a model that others' examples nest (Alpha's holds Beta) makes no
    example again; a property's type changed makes the examples that read it again."""
    folder = tmp_path / "specs"
    initial(folder)
    aged(folder)
    session = Session()
    build([folder], "models", base=tmp_path, session=session)
    made: list[str] = []
    real = examples.example_reading

    def counted(name: str, by_name: dict[str, Model]) -> tuple[object, tuple[str, ...]]:
        made.append(name)
        return real(name, by_name)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(examples, "example_reading", counted)
        edit(folder / "Beta.md", "The second one.", "The 2nd one.")
        aged(folder)
        watched = build([folder], "models", base=tmp_path, session=session)
        assert made == []
        same(watched, build([folder], "models", base=tmp_path))
        made.clear()
        edit(folder / "Beta.md", "**name** | **String** |", "**name** | **i32** |")
        aged(folder)
        watched = build([folder], "models", base=tmp_path, session=session)
        assert {"Alpha", "Beta"} <= set(made)
    same(watched, build([folder], "models", base=tmp_path))


def test_a_model_that_refers_to_one_edited_stays_the_very_object_it_was(
    tmp_path: Path,
) -> None:
    """Gamma refers to Widget: landing Gamma's references is done again when Widget changes,
    and gives what it gave, as the very object (else every model that refers to an edited one,
    and each that refers to those, would be new, and every step after done again for each)."""
    folder = tmp_path / "specs"
    initial(folder)
    aged(folder)
    session = Session()
    before = build([folder], "models", base=tmp_path, session=session).model_set.by_name()
    edit(folder / "Widget.md", "The id.", "The widget's id.")
    aged(folder)
    watched = build([folder], "models", base=tmp_path, session=session)
    after = watched.model_set.by_name()
    assert after["Widget"] is not before["Widget"]
    assert after["Gamma"] is before["Gamma"]
    same(watched, build([folder], "models", base=tmp_path))


def test_a_watch_compiles_its_templates_once_until_an_override_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "specs"
    initial(folder)
    overrides = tmp_path / "templates"
    (overrides / "docs").mkdir(parents=True)
    made: list[object] = []
    real = pipeline.Renderer

    def counted(*args: Any, **kwargs: Any) -> object:
        made.append(kwargs.get("overrides"))
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "Renderer", counted)
    session = Session()
    for _ in range(2):
        build([folder], "models", base=tmp_path, templates=overrides, session=session)
    assert len(made) == 1
    (overrides / "docs" / "index.md.jinja").write_text("# Our models\n")
    watched = build([folder], "models", base=tmp_path, templates=overrides, session=session)
    assert len(made) == 2 and watched.files["docs/README.md"] == "# Our models\n"


def test_what_a_run_defers_is_done_between_runs_in_order_with_what_it_defers() -> None:
    session = Session()
    done: list[str] = []
    session.defer(lambda: done.append("memo"))
    session.defer(lambda: session.defer(lambda: done.append("learned")))
    assert done == []
    session.between()
    assert done == ["memo", "learned"]
    session.between()
    assert done == ["memo", "learned"]


def test_a_watch_that_starts_up_to_date_writes_after_a_save_what_a_cold_generate_writes(
    tmp_path: Path,
) -> None:
    """Its first run has nothing to do and learns after its line (cli._learn); the save's run
    hashes the files the render memo gave again by their text, and writes its record after
    its line: the folder is a cold run's."""
    import os
    import subprocess
    import sys

    from test_watch import Lines, _default_sigint, files_of

    specs = tmp_path / "specs"
    write_page(specs, "Pet", python_page("Pet", ["**name** | **str** | The name | "]))
    write_page(specs, "Owner", python_page("Owner", ["**pet** | [**Pet**](Pet.md) | A pet | "]))
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "DOCMODELS_CACHE_DIR": str(tmp_path / "c")}
    docmodels = [sys.executable, "-m", "docmodels"]
    subprocess.run([*docmodels, "generate", "specs", "-o", "out"], cwd=tmp_path, env=env,
                   check=True, capture_output=True)
    process = subprocess.Popen(
        [*docmodels, "watch", "specs", "-o", "out", "--debounce", "0.1"], cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
        preexec_fn=_default_sigint,  # noqa: PLW1509 (no thread of ours runs yet)
    )
    try:
        out = Lines(process.stdout)  # type: ignore[arg-type]
        assert "up to date" in out.next()
        write_page(specs, "Pet", python_page("Pet", ["**name** | **str** | The name | ",
                                                     "**age** | **int** | The age | [optional] "]))
        assert "changed: regenerated" in out.next()
    finally:
        process.kill()
        process.wait()
    cold = {**env, "DOCMODELS_CACHE_DIR": str(tmp_path / "cold")}
    subprocess.run([*docmodels, "generate", "specs", "-o", "fresh"], cwd=tmp_path, env=cold,
                   check=True, capture_output=True)
    assert files_of(tmp_path / "out") == files_of(tmp_path / "fresh")


def test_a_run_after_a_watch_reads_and_renders_only_what_changed_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A watch's run reads a saved page alone (the rest it has in memory): the page store,
    written again with what a run used once it holds more than twice that, must count those
    it had in memory as used, or a run after the watch reads every page again; so must the
    render memo the files it took as they were."""
    folder = tmp_path / "specs"
    # A store of some MiB: a store of less is never written again.
    long = " ".join(["A long description of what the model holds."] * 8_000)
    for name in ("Alpha", "Beta", "Gamma", "Delta"):
        write_page(folder, name, python_page(name, ["**name** | **str** | The name. | "], long))
    aged(folder)
    session, cache = Session(), tmp_path / "cache"
    build([folder], "models", base=tmp_path, cache_dir=cache, session=session)
    session.between()
    edit(folder / "Beta.md", "The name.", "Its name.")
    aged(folder)
    build([folder], "models", base=tmp_path, cache_dir=cache, session=session)
    session.between()
    read: list[str] = []
    real = load._read_one
    monkeypatch.setattr(load, "_read_one", lambda task: (read.append(task[1]), real(task))[1])
    rendered: list[int] = []
    save = memo.RenderMemo.save
    monkeypatch.setattr(memo.RenderMemo, "save", lambda self: (
        rendered.append(self.rendered), save(self))[1])
    build([folder], "models", base=tmp_path, cache_dir=cache)
    assert read == [] and rendered == [0]


def test_a_fact_made_per_model_is_made_again_where_a_model_it_refers_to_moved(
    tmp_path: Path,
) -> None:
    """memo.per_model keeps what it made of a model (the package's facts: its first imports)
    while neither the model nor any it refers to moved: what it makes may read those."""
    from dataclasses import replace

    specs = tmp_path / "specs"
    write_page(specs, "Pet", python_page("Pet", ["**name** | **str** | The name | "], "A pet."))
    write_page(specs, "Owner", python_page("Owner", ["**pet** | [**Pet**](Pet.md) | A pet | "]))
    models = load.load([specs], tmp_path)[0].models
    steps, component = Recall(), {m.name: 0 for m in models}  # (the same cycles each run)

    def run(models: tuple[Model, ...]) -> dict[str, tuple[str, ...]]:
        by_name = {m.name: m for m in models}
        plan = python.plan_names(ModelSet(models), steps)
        made = memo.per_model(
            memo.RenderMemo(None, ["salt"], steps), "descriptions", models, plan, by_name,
            component, lambda m: tuple(by_name[r].description for r in model_references(m)))
        steps.settle()
        return made

    assert run(models)["Owner"] == ("A pet.",)
    described = tuple(replace(m, description="A pet, described.") if m.name == "Pet" else m
                      for m in models)
    assert run(described)["Owner"] == ("A pet, described.",)


def test_a_watch_finds_and_adds_readings_in_the_page_store_without_reading_its_index_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The store's index (10,000 entries at 10,000 pages) is read by a watch's first run; each
    later run takes it as the last left it, entries it appended included: a page saved back to
    what it said two runs ago is found in the store, not read."""
    from docmodels import store

    folder = tmp_path / "specs"
    initial(folder)
    aged(folder)
    session, cache = Session(), tmp_path / "cache"
    build([folder], "models", base=tmp_path, cache_dir=cache, session=session)
    indexed: list[int] = []
    real_index = store.index_of
    monkeypatch.setattr(store, "index_of", lambda stream, head: (indexed.append(1),
                                                                 real_index(stream, head))[1])
    read = pages_read(monkeypatch)
    before = (folder / "Beta.md").read_text()
    edit(folder / "Beta.md", "The second one.", "The 2nd one.")
    aged(folder)
    build([folder], "models", base=tmp_path, cache_dir=cache, session=session)
    assert read == ["specs/Beta.md"]  # (appended to the store)
    (folder / "Beta.md").write_text(before)
    aged(folder)
    watched = build([folder], "models", base=tmp_path, cache_dir=cache, session=session)
    assert read == ["specs/Beta.md"] and indexed == []
    monkeypatch.undo()
    same(watched, build([folder], "models", base=tmp_path))


def test_a_watch_holds_no_pages_bytes_between_its_runs(tmp_path: Path) -> None:
    # The first run reads every page; what it keeps of a page is its hash (Session.page), and
    # nothing kept by identity may hold the bytes read (at 10,000 pages, 23 MB until the next
    # run, and at the peak of the next).
    folder = tmp_path / "specs"
    initial(folder)
    session = Session()
    build([folder], "models", base=tmp_path, session=session, cache_dir=tmp_path / "cache")
    held = [o for objects, _ in session.steps._kept.values() for o in objects
            if isinstance(o, bytes)]
    assert session.steps._kept and not held


def test_the_examples_a_watch_keeps_are_the_memos_texts_not_copies_or_values(
    tmp_path: Path,
) -> None:
    # A watch keeps every model's example between runs (docs.example); held as a value and as
    # a copy of the memo's text, 10,000 examples took 56 MB more than the memo's texts alone.
    folder = tmp_path / "specs"
    initial(folder)
    session = Session()
    for _ in range(2):  # (the second run takes the examples from the memo)
        build([folder], "models", base=tmp_path, session=session, cache_dir=tmp_path / "cache")
        session.between()
    assert session._rendered is not None
    kept = session._rendered[1]  # (the memo's texts, by key, as the last run left them)
    examples = {key: result[0] for (step, _, key), (_, result) in session.steps._kept.items()
                if step == "docs.example"}
    assert examples
    for name, example in examples.items():
        assert example.text is kept["example-text:" + name]

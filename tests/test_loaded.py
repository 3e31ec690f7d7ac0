"""What loading gave is remembered by everything that decides it (loaded.py): `ir` and `schema`
after a `generate` of the same pages, or a `generate` of other options, take the model set
instead of loading the pages again, and print or write exactly what loading would give; any
change to a page, an overlay or an option loads again; a record or model entry that is not what
docmodels writes is ignored (issue 17)."""

from __future__ import annotations

import json
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SPECS
from docmodels import load as load_module
from docmodels import pipeline
from docmodels.cachedir import sealed, unsealed
from docmodels.cli import main


@pytest.fixture
def specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "specs"
    shutil.copytree(SPECS, folder)
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return folder


def loads_counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the pages are loaded, from now on (by ir and schema, which import load
    when they run, and by generate's pipeline)."""
    real = load_module.load
    count: list[int] = []

    def counted(*args: object, **kwargs: object) -> object:
        count.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(load_module, "load", counted)
    monkeypatch.setattr(pipeline, "load", counted)
    return count


def printed(command: str, folder: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    assert main([command, *options, str(folder)]) == 0
    return capsys.readouterr().out


def generate(folder: Path, output: str = "out", *options: str) -> None:
    assert main(["generate", "-q", *options, str(folder), "-o", output]) == 0


def edit(page: Path, old: str, new: str) -> None:
    text = page.read_text()
    assert old in text
    page.write_text(text.replace(old, new))


@pytest.mark.parametrize("command", ["ir", "schema"])
def test_ir_and_schema_after_generate_take_what_it_loaded(
    command: str, specs: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    generate(specs)
    edit(specs / "python" / "CreateSession.md", "Model used to create", "Model used to make")
    generate(specs)
    capsys.readouterr()
    loads = loads_counted(monkeypatch)
    after = printed(command, specs, capsys)
    assert loads == [] and "Model used to make" in after
    assert after == printed(command, specs, capsys, "--no-cache")


def test_a_generate_of_other_options_takes_what_one_loaded(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    generate(specs)
    loads = loads_counted(monkeypatch)
    generate(specs, "other", "--package", "api_models")
    assert loads == []
    cold = tmp_path / "cold"
    generate(specs, str(cold), "--package", "api_models", "--no-cache")
    written = {p.relative_to(tmp_path / "other"): p.read_bytes()
               for p in (tmp_path / "other").rglob("*") if p.is_file()}
    assert written == {p.relative_to(cold): p.read_bytes() for p in cold.rglob("*")
                       if p.is_file()}


@pytest.mark.parametrize("change", ["a page", "an overlay", "an option"])
def test_any_change_to_what_decides_the_models_loads_again(
    change: str, specs: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    generate(specs)
    options: tuple[str, ...] = ()
    if change == "a page":
        edit(specs / "rust" / "CreateSession200Response.md", "# CreateSession200Response\n",
             "# CreateSession200Response\n\nThe session made.\n")
    elif change == "an overlay":
        (specs / "docmodels-overlay.toml").write_text(
            (specs / "docmodels-overlay.toml").read_text()
            + '\n[models.CreateSession]\ndescription = "Overlaid."\n')
    else:
        options = ("--strict",)
    capsys.readouterr()
    loads = loads_counted(monkeypatch)
    assert main(["ir", *options, str(specs)]) in (0, 1)
    after = capsys.readouterr().out
    assert loads == [1]
    assert main(["ir", *options, "--no-cache", str(specs)]) in (0, 1)
    assert after == capsys.readouterr().out


def planted_record(cache: Path, change: object) -> None:
    """Every loaded record in the cache folder, changed."""
    records = sorted((cache / "runs").glob("loaded-*"))
    assert records
    for path in records:
        if callable(change):  # (well formed: sealed as docmodels seals a record)
            text = unsealed(path.read_bytes())
            assert text is not None
            record = json.loads(text)
            change(record)
            path.write_bytes(sealed(json.dumps(record).encode()))
        else:
            path.write_bytes(change)  # type: ignore[arg-type]


class Hostile:
    def __reduce__(self) -> tuple[object, ...]:
        return (exec, ("open('ran', 'w').write('ran')",))


def planted_models(cache: Path) -> None:
    """Every model in the model store replaced by a pickle that would run code."""
    from docmodels import store

    (path,) = sorted((cache / "runs").glob("models-*"))
    head = path.read_bytes().split(b"\n", 1)[0] + b"\n"
    with path.open("rb") as stream:
        keys = list(store.index_of(stream, head)[0])
    data = pickle.dumps(Hostile())
    path.write_bytes(head + b"".join(store.record(key, data) for key in keys))


PLANTED = {
    "no JSON": lambda cache: planted_record(cache, b"\x80\x04not json"),
    "a pickle": lambda cache: planted_record(cache, pickle.dumps(Hostile())),
    "another key's": lambda cache: planted_record(cache, lambda r: r.__setitem__("key", "0" * 64)),
    "a model that is not stored": lambda cache: planted_record(
        cache, lambda r: r["models"].__setitem__(0, "f" * 64)),
    "a digest that is no text": lambda cache: planted_record(
        cache, lambda r: r["models"].__setitem__(0, 7)),
    "a page left out that is a number": lambda cache: planted_record(
        cache, lambda r: r.__setitem__("left_out", [[1, 2, 3]])),
    "a diagnostic of another severity": lambda cache: planted_record(
        cache, lambda r: r.__setitem__("diagnostics", [{**_diagnostic(), "severity": "fatal"}])),
    "models that would run code": planted_models,
    "a model twice": lambda cache: planted_record(
        cache, lambda r: r["models"].__setitem__(1, r["models"][0])),
    "a model without one it refers to": lambda cache: planted_record(
        cache, lambda r: r["models"].pop()),  # (the last, UserServiceAccessTypes, an enum)
}


def _diagnostic() -> dict[str, object]:
    return {"path": "x.md", "line": 1, "column": 1, "severity": "warning", "message": "m",
            "loss": False}


@pytest.mark.parametrize("planted", sorted(PLANTED))
def test_a_record_not_as_docmodels_writes_it_is_ignored_and_the_pages_loaded(
    planted: str, specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    generate(specs)
    PLANTED[planted](tmp_path / "cache")
    capsys.readouterr()
    loads = loads_counted(monkeypatch)
    after = printed("schema", specs, capsys)
    assert loads == [1]
    assert not (tmp_path / "ran").exists()
    assert after == printed("schema", specs, capsys, "--no-cache")


def generate_with_a_page_saved_while_it_loads(
    specs: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A generate during whose load (after its fingerprint) a page is saved with another
    description; the page, saved back to what it was."""
    page = specs / "python" / "CreateSession.md"
    before = page.read_text()
    real = pipeline.load

    def saved_meanwhile(*args: object, **kwargs: object) -> object:
        page.write_text(before.replace("Model used to create", "Model used to make"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "load", saved_meanwhile)
    generate(specs)
    monkeypatch.setattr(pipeline, "load", real)
    page.write_text(before)
    return page


def test_a_page_saved_while_generate_loads_is_not_kept_as_what_it_was(
    specs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    """The record is keyed by the pages as the run's fingerprint found them: a page saved after
    that, which the load then reads, would make the record say the old page gave the new
    models (printed by an `ir` once the page is as it was)."""
    generate_with_a_page_saved_while_it_loads(specs, monkeypatch)
    capsys.readouterr()
    after = printed("ir", specs, capsys)
    assert "Model used to create" in after
    assert after == printed("ir", specs, capsys, "--no-cache")


def test_a_generate_whose_page_was_saved_while_it_loaded_is_not_remembered_as_its_run(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The run record is keyed by the same fingerprint: kept, the page saved back to what it
    was made the next generate say "already up to date" over output of the saved page."""
    generate_with_a_page_saved_while_it_loads(specs, monkeypatch)
    assert "Model used to make" in (tmp_path / "out" / "models" / "create_session.py").read_text()
    generate(specs)
    cold = tmp_path / "cold"
    generate(specs, str(cold), "--no-cache")
    assert {p.relative_to(tmp_path / "out"): p.read_bytes()
            for p in (tmp_path / "out").rglob("*") if p.is_file()} == {
        p.relative_to(cold): p.read_bytes() for p in cold.rglob("*") if p.is_file()}


@pytest.mark.parametrize("planted", ["a model twice", "a model without one it refers to"])
def test_a_generate_given_a_record_of_models_that_do_not_go_together_loads_the_pages(
    planted: str, specs: Path, tmp_path: Path,
) -> None:
    generate(specs)
    PLANTED[planted](tmp_path / "cache")
    generate(specs, "other", "--package", "api_models")
    cold = tmp_path / "cold"
    generate(specs, str(cold), "--package", "api_models", "--no-cache")
    assert {p.relative_to(tmp_path / "other"): p.read_bytes()
            for p in (tmp_path / "other").rglob("*") if p.is_file()} == {
        p.relative_to(cold): p.read_bytes() for p in cold.rglob("*") if p.is_file()}


def test_a_build_that_fails_on_a_remembered_set_is_made_from_the_pages(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever a record holds that its checks let through (models of two runs, each whole),
    the build made from it may fail anywhere: then the pages are loaded, never a traceback."""
    from dataclasses import replace

    from docmodels.loaded import Loaded

    generate(specs)
    real = Loaded.find

    def without_a_model(self: Loaded) -> object:
        found = real(self)
        assert found is not None
        model_set, diagnostics = found
        return replace(model_set, models=model_set.models[:-1]), diagnostics

    monkeypatch.setattr(Loaded, "find", without_a_model)
    loads = loads_counted(monkeypatch)
    generate(specs, "other", "--package", "api_models")
    assert loads == [1]
    cold = tmp_path / "cold"
    generate(specs, str(cold), "--package", "api_models", "--no-cache")
    assert {p.relative_to(tmp_path / "other"): p.read_bytes()
            for p in (tmp_path / "other").rglob("*") if p.is_file()} == {
        p.relative_to(cold): p.read_bytes() for p in cold.rglob("*") if p.is_file()}


def watch_runs(specs: Path) -> Callable[[], None]:
    """A run of a watch of ``specs`` (one session for every run), and what it does between
    runs (its writes to the cache folder)."""
    from docmodels import cli
    from docmodels.session import Session

    args = cli._parser().parse_args(["watch", str(specs), "-o", "out", "-q"])
    settings = cli._settings(args)
    session = Session()

    def run() -> None:
        cli._generate_once(settings, cli._dialect(settings, args), cli._cache_dir(),
                           cli._Show(args.format, True, False), session)
        session.between()

    return run


def test_a_watchs_run_of_a_saved_page_is_remembered_for_the_generate_after_it(
    specs: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A watch takes its pages as its session found them, not by the fingerprint's hashes: a
    page it read is no page changed since its fingerprint, and its run is remembered, so that a
    generate after the watch finds the output up to date without building."""
    run = watch_runs(specs)
    run()
    edit(specs / "python" / "CreateSession.md", "Model used to create", "Model used to make")
    run()
    builds = []
    real = pipeline.build

    def counted(*args: object, **kwargs: object) -> object:
        builds.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build", counted)
    generate(specs)
    assert builds == []


def test_a_watch_whose_page_was_saved_while_it_loaded_does_not_remember_its_run(
    specs: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """As a generate's (above): the page saved while the watch's build read it, then saved
    back, must not find the output of the saved page up to date."""
    run = watch_runs(specs)
    run()
    page = specs / "python" / "CreateSession.md"
    before = page.read_text()
    page.write_text(before.replace("Model used to create", "Model used to build"))
    real = pipeline.load

    def saved_meanwhile(*args: object, **kwargs: object) -> object:
        page.write_text(before.replace("Model used to create", "Model used to make"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "load", saved_meanwhile)
    run()
    monkeypatch.setattr(pipeline, "load", real)
    page.write_text(before.replace("Model used to create", "Model used to build"))
    run()
    assert "Model used to build" in (tmp_path / "out" / "models" / "create_session.py").read_text()

"""A build that reuses what earlier builds remembered (the pages read, the files rendered) gives
exactly what a build from scratch gives, whatever changed in between: pages changed, added,
renamed or deleted, references that make or break an import cycle, names that collide, Mermaid
ids that shift, errors. And a cache folder holding garbage is only a slower build."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SPECS
from docmodels.emit import targets
from docmodels.emit.formatting import FormatCache
from docmodels.pipeline import Build, build

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HEADER = (
    "## Properties\n\nName | Type | Description | Notes\n"
    "------------ | ------------- | ------------- | -------------\n"
)


def model(name: str, *rows: str, description: str = "") -> str:
    """A Rust page: rows are 'name | type | notes'."""
    lines = []
    for row in rows:
        prop, type_, notes = (part.strip() for part in row.split("|"))
        lines.append(f"**{prop}** | {type_} | The {prop}. | {notes}")
    return f"# {name}\n\n{description}\n\n{HEADER}" + "\n".join(lines) + "\n"


def ref(name: str, optional: bool = True, many: bool = False) -> str:
    link = f"[**models::{name}**]({name}.md)"
    if many:
        link = f"Vec<{link}>"
    return f"Option<{link}>" if optional else link


def enum(name: str, *values: str) -> str:
    bullets = "\n\n".join(f"* `{v.upper()}` (value: `'{v}'`)" for v in values)
    return f"# {name}\n\nAn enumeration.\n## Enum\n\n{bullets}\n"


def initial(folder: Path, target: str = targets.DEFAULT) -> None:
    shutil.copytree(SPECS, folder)
    for page in (FIXTURES / "unions").glob("*.md"):
        # msgspec cannot tell the members of a union of two object models apart.
        if target != "msgspec" or page.name not in ("Shape.md", "Holder.md", "Tree.md", "Branch.md"):
            shutil.copy(page, folder / page.name)
    pages = {
        "Alpha": model("Alpha", f"beta | {ref('Beta', False)} |", f"link | {ref('Link')} | [optional]",
                       f"level | {ref('Level')} | [optional]", "size | Option<**i32**> | [optional]"),
        "Beta": model("Beta", "name | **String** |", description="The second one."),
        "Link": model("Link", "url | **String** |"),
        "Level": enum("Level", "low", "high"),
        "Widget": model("Widget", "id | **i64** |"),
        "Gamma": model("Gamma", f"widgets | {ref('Widget', many=True)} | [optional]"),
        "One": model("One", f"two | {ref('Two')} | [optional]"),
        "Two": model("Two", f"three | {ref('Three')} | [optional]"),
        "Three": model("Three", "end | **bool** |"),
    }
    for name, text in pages.items():
        (folder / f"{name}.md").write_text(text)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new))


# Each step changes the pages; every build after it is compared with one from scratch.
STEPS: list[tuple[str, Callable[[Path], None]]] = [
    ("a description", lambda f: edit(f / "Beta.md", "The second one.", "The 2nd one.")),
    ("a leaf's property", lambda f: edit(f / "Leaf.md", "**String** |  | ", "Option<**String**> |  | [optional]")),
    ("a reference that makes a cycle", lambda f: (f / "Beta.md").write_text(
        model("Beta", "name | **String** |", f"back | {ref('Alpha')} | [optional]"))),
    ("the cycle broken again", lambda f: (f / "Beta.md").write_text(
        model("Beta", "name | **String** |", description="Back to one."))),
    ("a cycle closed by a model that is not in the scope of the others", lambda f: edit(
        f / "Three.md", "**end** | **bool** | The end. | ",
        f"**end** | **bool** | The end. | \n**one** | {ref('One')} | The one. | [optional]")),
    ("and opened again", lambda f: (f / "Three.md").write_text(model("Three", "end | **bool** |"))),
    ("a property of a model two references away: One's docs example shows it", lambda f: (
        f / "Three.md").write_text(model("Three", "end | **bool** |", "count | **i32** |"))),
    ("a reference made a list: the diagrams of the model it refers to change", lambda f: edit(
        f / "Alpha.md", "Option<[**models::Link**](Link.md)>",
        "Option<Vec<[**models::Link**](Link.md)>>")),
    ("an empty model", lambda f: (f / "Link.md").write_text(f"# Link\n\n{HEADER}")),
    ("made a union: a kind its names do not show", lambda f: (f / "Link.md").write_text(
        "# Link\n\n## Enum Variants\n\n| Name | Description |\n|---- | -----|\n| Beta |  |\n")),
    ("and an object again", lambda f: (f / "Link.md").write_text(
        model("Link", "url | **String** |"))),
    ("a page added", lambda f: (f / "Delta.md").write_text(
        model("Delta", f"alpha | {ref('Alpha')} | [optional]"))),
    ("a page renamed", lambda f: (f / "Delta.md").rename(f / "Epsilon.md")),
    ("a model renamed", lambda f: edit(f / "Epsilon.md", "# Delta", "# Zeta")),
    ("a class name that collides", lambda f: (f / "Widget_.md").write_text(
        model("Widget_", "id | **String** |"))),
    ("the first of the colliding pages deleted", lambda f: (f / "Widget.md").unlink()),
    ("its users pointed at the other", lambda f: edit(f / "Gamma.md", "Widget*", "Widget_*")),
    ("enum values changed", lambda f: (f / "Level.md").write_text(enum("Level", "low", "mid"))),
    ("a model whose Mermaid id is numbered", lambda f: (f / "Note.md").write_text(
        model("Note", f"link | {ref('Link')} | [optional]"))),
    ("one numbered before it", lambda f: (f / "Click.md").write_text(
        model("Click", "x | **i32** |"))),
    ("a referenced page deleted (an error)", lambda f: (f / "Link.md").unlink()),
    ("the page back", lambda f: (f / "Link.md").write_text(model("Link", "url | **String** |"))),
    ("a page that is no model", lambda f: (f / "Notes.md").write_text("no title here\n")),
    ("every page touched", lambda f: [p.write_text(p.read_text() + "\n") for p in f.glob("*.md")]),
]


def same(a: Build, b: Build) -> None:
    assert a.diagnostics == b.diagnostics
    assert a.model_set == b.model_set
    assert a.files.keys() == b.files.keys()
    for path in a.files:
        assert a.files[path] == b.files[path], path


@pytest.mark.parametrize("target", targets.names())
def test_every_build_equals_one_from_scratch(tmp_path: Path, target: str) -> None:
    folder = tmp_path / "specs"
    initial(folder, target)
    black = FormatCache(tmp_path / "black")
    cache = tmp_path / "cache"

    def both() -> None:
        remembered = build([folder], "models", base=tmp_path, cache=black, target=target,
                           cache_dir=cache)
        scratch = build([folder], "models", base=tmp_path, cache=black, target=target)
        same(remembered, scratch)

    both()
    for _, step in STEPS:
        step(folder)
        both()


def test_the_second_build_renders_only_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docmodels.emit.render import Renderer

    folder = tmp_path / "specs"
    initial(folder)
    black = FormatCache(tmp_path / "black")
    cache = tmp_path / "cache"
    first = build([folder], "models", base=tmp_path, cache=black, cache_dir=cache)
    rendered: list[str] = []
    real = Renderer.text

    def counting(self: Renderer, template: str, **context: object) -> str:
        rendered.append(template)
        return real(self, template, **context)

    monkeypatch.setattr(Renderer, "text", counting)
    again = build([folder], "models", base=tmp_path, cache=black, cache_dir=cache)
    same(first, again)
    # Nothing changed: nothing is rendered again, the package's and the docs' indexes and the
    # runtime included (the memo's, by a hash of all they read).
    assert rendered == []
    rendered.clear()
    edit(folder / "Beta.md", "The second one.", "The 2nd one.")
    build([folder], "models", base=tmp_path, cache=black, cache_dir=cache)
    # Beta's module and page, and Alpha's (which refers to it): its docs show Beta's name
    # only, but its scope is Beta's whole model.
    assert sorted(t for t in rendered if "index" not in t and "_" not in t.split("/")[1]) == [
        "docs/model.md.jinja", "docs/model.md.jinja",
        "python/model.py.jinja", "python/model.py.jinja",
    ]


def pages_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages the reader reads from here on (their display paths)."""
    import docmodels.reader

    read: list[str] = []
    real = docmodels.reader.read_text

    def counting(source: object, dialect: object = None) -> object:
        read.append(source.path)  # type: ignore[attr-defined]
        return real(source, dialect)  # type: ignore[arg-type]

    monkeypatch.setattr(docmodels.reader, "read_text", counting)
    return read


def test_pages_read_before_are_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "specs"
    initial(folder)
    cache = tmp_path / "cache"
    first = build([folder], "models", base=tmp_path, cache_dir=cache)
    read = pages_read(monkeypatch)
    same(first, build([folder], "models", base=tmp_path, cache_dir=cache))
    assert read == []
    edit(folder / "Beta.md", "The second one.", "The 2nd one.")
    build([folder], "models", base=tmp_path, cache_dir=cache)
    assert read == ["specs/Beta.md"]


@pytest.mark.parametrize("garbage", [b"", b"\x80\x05not a pickle", "truncated", "swapped"])
def test_a_cache_folder_of_garbage_is_only_slower(tmp_path: Path, garbage: bytes | str) -> None:
    folder = tmp_path / "specs"
    initial(folder)
    cache = tmp_path / "cache"
    expected = build([folder], "models", base=tmp_path)
    build([folder], "models", base=tmp_path, cache_dir=cache)
    entries = sorted(p for p in cache.rglob("*") if p.is_file())
    for kind in ("pages", "rendered"):  # read, rendered
        assert any(kind in p.parts for p in entries), kind
    contents = [p.read_bytes() for p in entries]
    for index, path in enumerate(entries):
        if garbage == "truncated":
            path.write_bytes(contents[index][: len(contents[index]) // 2])
        elif garbage == "swapped":  # well-formed entries, under each other's names
            path.write_bytes(contents[(index + 1) % len(contents)])
        else:
            assert isinstance(garbage, bytes)
            path.write_bytes(garbage)
    same(build([folder], "models", base=tmp_path, cache_dir=cache), expected)
    # ...and the next build finds good entries again.
    same(build([folder], "models", base=tmp_path, cache_dir=cache), expected)


def test_an_unwritable_cache_folder_is_only_slower(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    initial(folder)
    cache = tmp_path / "cache"
    cache.write_text("a file where the folder would be")
    same(build([folder], "models", base=tmp_path, cache_dir=cache),
         build([folder], "models", base=tmp_path))


def test_no_cache_remembers_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docmodels.cli import main

    cache = tmp_path / "cache"
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(cache))
    monkeypatch.chdir(tmp_path)
    initial(tmp_path / "specs")
    assert main(["generate", "specs", "-o", "out", "--no-cache"]) == 0
    assert not cache.exists()
    assert main(["generate", "specs", "-o", "out"]) == 0
    assert (cache / "pages").is_dir() and (cache / "rendered").is_dir()


@pytest.mark.parametrize("cached", [False, True])
def test_pages_read_in_parallel_processes_give_what_one_process_gives(
    tmp_path: Path, cached: bool
) -> None:
    import sys

    from conftest import REPO
    from docmodels.load import load

    sys.path.insert(0, str(REPO / "benchmarks"))
    import corpus  # benchmarks/ is a folder of scripts, not a package

    corpus.write(80, tmp_path / "corpus")
    folder = tmp_path / "specs"
    initial(folder)
    (folder / "Broken.md").write_bytes(b"# Broken\n\n\xff not UTF-8\n")
    specs = [tmp_path / "corpus" / "pages", folder, FIXTURES / "generate"]
    cache = tmp_path / "cache" if cached else None
    alone = load(specs, tmp_path, jobs=1)
    assert alone[1], "the pages have diagnostics to keep in order"
    assert load(specs, tmp_path, cache=cache, jobs=2) == alone
    assert load(specs, tmp_path, cache=cache, jobs=3) == alone  # from the cache, if any

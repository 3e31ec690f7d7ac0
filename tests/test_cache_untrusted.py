"""A cache folder may come from somewhere untrusted (a CI cache restored for a fork's pull
request, a folder inside the repository): what it holds is data, never run. An entry that
would run code if it were unpickled, or that is corrupt or cut short, is ignored: the run gives
what a run with no cache gives, and remembers good entries in its place."""

from __future__ import annotations

import pickle
import re
import shutil
from pathlib import Path

import jinja2.bccache
import pytest
from conftest import SPECS
from docmodels import pagecache, runs, store
from docmodels.emit.memo import RenderMemo
from docmodels.emit.render import templates_dir
from docmodels.pipeline import Build, build

FIXTURES = Path(__file__).resolve().parent / "fixtures"


class _Plant:
    """Unpickled, it creates the file ``marker`` (as any code could run)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return (Path.touch, (self.marker,))


def hostile(marker: Path) -> bytes:
    return pickle.dumps(_Plant(marker), protocol=pickle.HIGHEST_PROTOCOL)


def test_the_hostile_entry_would_run_if_unpickled(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    pickle.loads(hostile(marker))  # the point: what a cache must never do
    assert marker.exists()


def specs(tmp_path: Path) -> Path:
    folder = tmp_path / "specs"
    shutil.copytree(SPECS, folder)
    for page in (FIXTURES / "unions").glob("*.md"):
        shutil.copy(page, folder / page.name)
    return folder


def same(a: Build, b: Build) -> None:
    assert repr(a.diagnostics) == repr(b.diagnostics)
    assert repr(a.model_set) == repr(b.model_set)  # every field, compare=False ones too
    assert a.files == b.files


def entries(cache: Path, kind: str) -> list[Path]:
    found = sorted(p for p in (cache / kind).rglob("*") if p.is_file())
    assert found, kind
    return found


def memo_head(data: bytes) -> bytes:
    """What a memo file starts with: its format and the hash of what it was rendered with."""
    match = re.match(rb"docmodels render memo .*?[0-9a-f]{64}[\n\0]", data, re.DOTALL)
    assert match is not None
    return match.group()


@pytest.mark.parametrize("head", ["this format's", "the pickles' format", "none"])
def test_a_page_entry_that_would_run_code_is_ignored_and_rebuilt(
    tmp_path: Path, head: str
) -> None:
    folder, cache, marker = specs(tmp_path), tmp_path / "cache", tmp_path / "ran"
    cold = build([folder], "models", base=tmp_path)
    build([folder], "models", base=tmp_path, cache_dir=cache)
    prefix = {
        "this format's": pagecache._FORMAT,
        "the pickles' format": b"docmodels page cache 3\0",
        "none": b"",
    }[head]
    for path in entries(cache, "pages"):  # each page's entry in the store, in its place
        planted = stored(path)
        assert planted
        _write_store(path, {entry: prefix + hostile(marker) for entry in planted})
    same(build([folder], "models", base=tmp_path, cache_dir=cache), cold)
    assert not marker.exists()
    assert all(stored(path) and all(r is not None for r in stored(path).values())
               for path in entries(cache, "pages"))


def test_a_page_store_that_is_a_pickle_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    folder, cache, marker = specs(tmp_path), tmp_path / "cache", tmp_path / "ran"
    cold = build([folder], "models", base=tmp_path)
    build([folder], "models", base=tmp_path, cache_dir=cache)
    for path in entries(cache, "pages"):
        path.write_bytes(hostile(marker))
    same(build([folder], "models", base=tmp_path, cache_dir=cache), cold)
    assert not marker.exists()
    assert all(stored(path) for path in entries(cache, "pages"))


def stored(path: Path) -> dict[str, object]:
    """What a page store holds: each key's entry, decoded (None where it is not one)."""
    with path.open("rb") as stream:
        index, _ = store.index_of(stream, pagecache.STORE_HEAD)
        found: dict[str, object] = {}
        for entry, (offset, size, _) in index.items():
            stream.seek(offset)
            found[entry] = pagecache.decoded(stream.read(size), entry)
    return found


def _write_store(path: Path, records: dict[str, bytes]) -> None:
    data = pagecache.STORE_HEAD
    for entry, record in records.items():
        data += store.record(entry, record)
    path.write_bytes(data)


def test_a_render_memo_that_would_run_code_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    folder, cache, marker = specs(tmp_path), tmp_path / "cache", tmp_path / "ran"
    cold = build([folder], "models", base=tmp_path)
    build([folder], "models", base=tmp_path, cache_dir=cache)
    memos = entries(cache, "rendered")
    for path in memos:
        path.write_bytes(memo_head(path.read_bytes()) + hostile(marker))
    same(build([folder], "models", base=tmp_path, cache_dir=cache), cold)
    assert not marker.exists()
    for path in entries(cache, "rendered"):  # a memo again: the head, then a file's counts, CRC
        assert re.fullmatch(rb"\d+ \d+ \d+", path.read_bytes().split(b"\n")[1])


def test_a_file_changed_in_place_in_the_render_memo_is_rendered_again(tmp_path: Path) -> None:
    """A byte of a remembered file's text changed keeps the memo's shape (its counts): the
    text's CRC tells, and the file is rendered again, not written into the output as it is."""
    folder, cache = specs(tmp_path), tmp_path / "cache"
    cold = build([folder], "models", base=tmp_path)
    build([folder], "models", base=tmp_path, cache_dir=cache)
    for path in entries(cache, "rendered"):
        data = path.read_bytes()
        at = data.index(b"import ")  # (a module's text, which the memo holds)
        path.write_bytes(data[:at] + b"IMPORT " + data[at + 7:])
    same(build([folder], "models", base=tmp_path, cache_dir=cache), cold)


def test_compiled_templates_are_never_loaded_from_the_cache_folder(tmp_path: Path) -> None:
    # Jinja's compiled templates are code, and its files of them begin with a pickle: earlier
    # runs kept them in compiled-templates/CODE/, where jinja's own names say.
    folder, cache, marker = specs(tmp_path), tmp_path / "cache", tmp_path / "ran"
    cold = build([folder], "models", base=tmp_path)
    build([folder], "models", base=tmp_path, cache_dir=cache)
    assert not (cache / "compiled-templates").exists()
    compiled = cache / "compiled-templates" / runs.code()[:32]
    compiled.mkdir(parents=True)
    jinja = jinja2.FileSystemBytecodeCache(str(compiled))
    for template in ("python/model.py.jinja", "python/__init__.py.jinja", "docs/model.md.jinja"):
        key = jinja.get_cache_key(template, str(templates_dir() / template))
        (compiled / (jinja.pattern % key)).write_bytes(jinja2.bccache.bc_magic + hostile(marker))
    same(build([folder], "models", base=tmp_path, cache_dir=cache), cold)
    assert not marker.exists()


@pytest.mark.parametrize("kind", ["pages", "rendered"])
@pytest.mark.parametrize("cut", [0.5, 0.99])
def test_an_entry_cut_short_is_rebuilt(tmp_path: Path, kind: str, cut: float) -> None:
    folder, cache = specs(tmp_path), tmp_path / "cache"
    cold = build([folder], "models", base=tmp_path)
    build([folder], "models", base=tmp_path, cache_dir=cache)
    whole = {path: path.read_bytes() for path in entries(cache, kind)}
    for path, data in whole.items():
        path.write_bytes(data[: int(len(data) * cut)])
    same(build([folder], "models", base=tmp_path, cache_dir=cache), cold)
    rebuilt = {path: path.read_bytes() for path in entries(cache, kind)}
    assert rebuilt.keys() == whole.keys()
    for path, data in rebuilt.items():  # (the entries may come in another order)
        assert store_entries(data) == store_entries(whole[path])


def store_entries(data: bytes) -> dict[str, bytes]:
    """What an appended store's file holds: each key's data (the latest of a key)."""
    head = data.split(b"\n", 1)[0] + b"\n"
    index, _ = store._records(data, head, len(data))
    return {key: data[offset : offset + size] for key, (offset, size, _) in index.items()}


def test_a_memo_cut_short_keeps_the_entries_before_the_cut(tmp_path: Path) -> None:
    path = tmp_path / "memo"
    memo = RenderMemo(path, ["salt"])
    memo.keep("a", "text a\n")
    memo.keep("b", "text b\n")
    memo.save()
    found = RenderMemo(path, ["salt"])
    assert (found.recall("a"), found.recall("b")) == ("text a\n", "text b\n")
    path.write_bytes(path.read_bytes()[:-1])  # (a kill while the last entry was appended)
    found = RenderMemo(path, ["salt"])
    assert (found.recall("a"), found.recall("b"), found.known()) == ("text a\n", None, 1)


@pytest.mark.parametrize(
    "record",
    [b"64\n", b"1 2 3\n", b"-1 2\n", b"+1 2\n", b"1_0 2\n", b" 1 2\n", b"1 2\r\n", b"x\n",
     b"1 99999999999\nk", b"1 " + b"9" * 40 + b"\nk", b"1 6\nkabc", b"1 1\nk\xff"],
)
def test_nothing_after_a_record_of_no_file_in_a_memo_is_believed(
    tmp_path: Path, record: bytes
) -> None:
    path = tmp_path / "memo"
    memo = RenderMemo(path, ["salt"])
    memo.keep("a", "text a\n")
    memo.save()
    path.write_bytes(path.read_bytes() + record + store.record("b", b"text b\n"))
    found = RenderMemo(path, ["salt"])
    assert (found.recall("a"), found.recall("b")) == ("text a\n", None)


def test_the_memo_keeps_any_text_exactly(tmp_path: Path) -> None:
    path = tmp_path / "memo"
    texts = {"lone": "x = '\ud800'\n", "lines": "a\r\nb\u2028c\x00", "é": "café ☕\n",
             "counts": "1 2\nend\n", "": "", "\udfff key": "end", "long" * 100: "long key"}
    memo = RenderMemo(path, ["salt"])
    for key, text in texts.items():
        memo.keep(key, text)
    memo.save()
    found = RenderMemo(path, ["salt"])
    assert {key: found.recall(key) for key in texts} == texts
    assert found.known() == len(texts)


def test_a_memo_with_nothing_new_appends_nothing(tmp_path: Path) -> None:
    """A run that renders nothing new leaves the memo's file as it was: what it took from it
    is there already (a run with one page changed at 10,000 pages wrote 73 MB again)."""
    path = tmp_path / "memo"
    memo = RenderMemo(path, ["salt"])
    memo.keep("a", "text a\n")
    assert memo.file_at("0" * 64, lambda: "a file\n") == "a file\n"
    memo.save()
    written = path.read_bytes()
    again = RenderMemo(path, ["salt"])
    assert again.recall("a") == "text a\n"
    assert again.file_at("0" * 64, lambda: "rendered again\n") == "a file\n"
    again.keep("a", "text a\n")
    again.save()
    assert path.read_bytes() == written


def test_a_lone_surrogate_a_page_gives_is_remembered_exactly(tmp_path: Path) -> None:
    # Go's "\uD800" escape reads as a lone surrogate: the entry must keep it.
    header = "Name | Type | Description | Notes\n---- | ---- | ---- | ----\n"
    page = ("# Scalars\n\n## Properties\n\n" + header + "**ReqString** | **string** |  | \n"
            '**Size** | Pointer to **string** | How big. | [optional] [default to "\\uD800 half"]\n'
            "\n## Methods\n\n### NewScalars\n\n`func NewScalars(reqString string, ) *Scalars`\n")
    folder, cache = tmp_path / "specs", tmp_path / "cache"
    folder.mkdir()
    (folder / "Scalars.md").write_text(page)
    cold = build([folder], "models", base=tmp_path)
    assert cold.model_set.models[0].fields[1].default is not None
    assert cold.model_set.models[0].fields[1].default.value == "\ud800 half"
    build([folder], "models", base=tmp_path, cache_dir=cache)
    read = {entry: result for path in entries(cache, "pages")
            for entry, result in stored(path).items()}
    assert read and all(reading is not None for reading in read.values())
    same(build([folder], "models", base=tmp_path, cache_dir=cache), cold)


def test_a_run_record_that_would_run_code_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docmodels.cli import main

    folder, marker = specs(tmp_path), tmp_path / "ran"
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "specs", "-o", "out"]) == 0
    records = entries(tmp_path / "cache", "runs")  # the records and the pointers to the last
    assert any(path.name.startswith("last-") for path in records)
    for path in records:
        path.write_bytes(hostile(marker))
    page = next(folder.rglob("*.md"))
    page.write_text(page.read_text() + "\nEdited.\n")
    assert main(["generate", "specs", "-o", "out"]) == 0
    assert main(["generate", "specs", "-o", "cold", "--no-cache"]) == 0
    assert not marker.exists()
    assert _tree(tmp_path / "out") == _tree(tmp_path / "cold")


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file()}

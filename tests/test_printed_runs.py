"""`ir` and `schema` with exactly the inputs of an earlier run print what it printed, from the
cache folder, without loading a page (printed.py; issue 17: 10,000 pages in under 3 s); any
changed input is worked out again, and a corrupt or hostile entry is ignored and written again,
never run and never a traceback."""

from __future__ import annotations

import json
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SPECS
from docmodels import load as load_module
from docmodels.cli import main
from test_cache_untrusted import hostile

COMMANDS = [["ir"], ["schema"]]


@pytest.fixture
def specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SPECS, tmp_path / "specs")
    return tmp_path / "specs"


def run(
    command: list[str], capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str, str]:
    status = main([*command, "specs", *extra])
    out, err = capsys.readouterr()
    return status, out, err


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> object:
        raise AssertionError("the pages were loaded")

    monkeypatch.setattr(load_module, "load", refused)


def entries(specs: Path) -> list[Path]:
    return sorted((specs.parent / "cache" / "runs").glob("printed-*"))


def a_page(specs: Path) -> Path:
    return specs / "python" / "CreateSession.md"


@pytest.mark.parametrize("command", COMMANDS)
def test_the_same_inputs_print_the_same_without_loading_a_page(
    command: list[str], specs: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cold = run(command, capsys)
    assert cold[0] == 0 and cold[1].startswith("{")
    no_loading(monkeypatch)
    assert run(command, capsys) == cold  # the JSON, the diagnostics and the summary line
    assert run(command, capsys, "-q")[1] == cold[1]


def test_schema_into_a_file_is_printed_again_into_the_file(
    specs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["schema"], capsys, "-o", "cold.json")[0] == 0
    no_loading(monkeypatch)
    assert run(["schema"], capsys, "-o", "warm.json")[0] == 0
    cold, warm = (specs.parent / name for name in ("cold.json", "warm.json"))
    assert warm.read_bytes() == cold.read_bytes()


def uncached(command: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    return run(command, capsys, "--no-cache")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_changed_input_is_worked_out_again(
    command: list[str], specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(command, capsys)
    page = a_page(specs)
    original = page.read_bytes()
    # One letter of its description, the page's size kept, at once: the racily clean case.
    page.write_bytes(original.replace(b"Model used", b"Model Used", 1))
    assert page.read_bytes() != original
    edited = run(command, capsys)
    assert edited == uncached(command, capsys)
    assert edited[1] != first[1]
    page.write_bytes(original)
    assert run(command, capsys) == first
    (specs / "docmodels-overlay.toml").write_text("", encoding="utf-8")
    overlaid = run(command, capsys)
    assert overlaid == uncached(command, capsys)
    assert overlaid[1] != first[1]


@pytest.mark.parametrize("command", COMMANDS)
def test_options_that_decide_the_text_are_part_of_its_key(
    command: list[str], specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(command, capsys)
    for options in (["--keys", "camelCase"], ["--dialect", "python"], ["--strict"]):
        assert run(command, capsys, *options) == run(command, capsys, "--no-cache", *options)


def test_a_page_saved_during_the_run_leaves_nothing_remembered(
    specs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = load_module.load
    page = a_page(specs)

    def saving(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        page.write_bytes(page.read_bytes() + b"\nSaved during the run.\n")
        return result

    monkeypatch.setattr(load_module, "load", saving)
    assert run(["ir"], capsys)[0] == 0
    assert entries(specs) == []


def test_a_run_with_errors_is_not_remembered(
    specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (specs / "docmodels-overlay.toml").write_text("[models.Nowhere\n", encoding="utf-8")
    assert run(["ir"], capsys)[0] != 0
    assert entries(specs) == []


def forged(text: bytes) -> Callable[[Path, bytes], bytes]:
    """A well-formed entry of the same key (its sizes and checksum right), holding ``text``."""

    def make(path: Path, entry: bytes) -> bytes:
        key = path.name.removeprefix("printed-")
        head = json.dumps({"key": key, "diagnostics": [], "summary": "", "size": len(text)}).encode()
        body = zlib.compress(text)
        return b"docmodels printed run 2\n%d %d\n%s%s" % (len(head), len(body), head, body)

    return make


def parts(entry: bytes) -> tuple[bytes, dict[str, object], bytes]:
    """An entry's first line, head and compressed text."""
    magic, counts, rest = entry.split(b"\n", 2)
    head_size = int(counts.split(b" ")[0])
    return magic, json.loads(rest[:head_size]), rest[head_size:]


def escaping_diagnostic(path: Path, entry: bytes) -> bytes:
    """The entry's own text, with a diagnostic that would clear the terminal."""
    magic, head, body = parts(entry)
    head["diagnostics"] = [{"path": "specs/python/CreateSession.md", "line": 1, "column": 1,
                            "severity": "warning", "message": "\x1b[2J", "loss": False}]
    data = json.dumps(head).encode()
    return b"%s\n%d %d\n%s%s" % (magic, len(data), len(body), data, body)


def bomb(path: Path, entry: bytes) -> bytes:
    """An entry whose compressed text is far more than its head says."""
    good = path.read_bytes()
    magic, counts, rest = good.split(b"\n", 2)
    head_size = int(counts.split(b" ")[0])
    body = zlib.compress(b" " * (64 << 20), 9)
    return b"%s\n%d %d\n%s%s" % (magic, head_size, len(body), rest[:head_size], body)


BAD_ENTRIES: dict[str, Callable[[Path, bytes], bytes]] = {
    "a pickle": lambda path, entry: hostile(path.parent / "ran"),
    "empty": lambda path, entry: b"",
    "cut short": lambda path, entry: entry[: len(entry) * 2 // 3],
    "one byte changed": lambda path, entry: entry[:-10] + bytes([entry[-10] ^ 1]) + entry[-9:],
    "a longer body": lambda path, entry: entry + b"x",
    "a head of another key": lambda path, entry: entry.replace(b'"key": "', b'"key": "0', 1),
    "a terminal escape in a diagnostic": escaping_diagnostic,
    "a terminal escape": forged(b'{"models": "\x1b]0;owned\x07\x1b[2J"}'),
    "not UTF-8": forged(b'{"models": "\xff"}'),
    "a bomb": bomb,
}


@pytest.mark.parametrize("kind", sorted(BAD_ENTRIES))
def test_a_corrupt_or_hostile_entry_is_ignored_and_written_again(
    kind: str, specs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cold = run(["ir"], capsys)
    [entry] = entries(specs)
    good = entry.read_bytes()
    entry.write_bytes(BAD_ENTRIES[kind](entry, good))
    assert run(["ir"], capsys) == cold
    assert not (entry.parent / "ran").exists()
    assert entry.read_bytes() == good
    no_loading(monkeypatch)
    assert run(["ir"], capsys) == cold

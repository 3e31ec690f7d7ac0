"""`ir` and `schema` after a change make the text of the models that changed, not of every model:
each model's text is kept by the model's digest (printed.ModelTexts), checked when read back,
and what is printed is byte for byte what a run without the cache prints (issue 17)."""

from __future__ import annotations

import json
import shutil
import zlib
from pathlib import Path

import pytest
from conftest import SPECS
from docmodels import store
from docmodels.cli import main
from docmodels.emit import ir_json, jsonschema

COMMANDS = {"ir": (ir_json, "model_json"), "schema": (jsonschema, "model_schema")}


def specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "specs"
    shutil.copytree(SPECS, folder)
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return folder


def edit_description(folder: Path) -> None:
    page = folder / "python" / "CreateSession.md"
    page.write_text(page.read_text().replace("Model used to create", "Model used to make"))


def made_texts(command: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The models whose text the command makes (by name), from now on."""
    module, name = COMMANDS[command]
    real = getattr(module, name)
    made: list[str] = []

    def counted(model: object) -> object:
        made.append(model.name)  # type: ignore[attr-defined]
        return real(model)

    monkeypatch.setattr(module, name, counted)
    return made


def printed(command: str, folder: Path, capsys: pytest.CaptureFixture[str],
            *options: str) -> str:
    assert main([command, *options, str(folder)]) == 0
    return capsys.readouterr().out


def text_stores(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "runs").glob("texts-*"))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_after_a_change_only_the_changed_models_text_is_made(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = specs(tmp_path, monkeypatch)
    printed(command, folder, capsys)
    edit_description(folder)
    made = made_texts(command, monkeypatch)
    after = printed(command, folder, capsys)
    assert made == ["CreateSession"]
    assert "Model used to make" in after
    assert after == printed(command, folder, capsys, "--no-cache")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_cache_keeps_no_text(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = specs(tmp_path, monkeypatch)
    printed(command, folder, capsys, "--no-cache")
    assert text_stores(tmp_path) == []


def plant(path: Path, data: bytes) -> None:
    """Every entry of the text store in ``path`` replaced by ``data``."""
    head = path.read_bytes().split(b"\n", 1)[0] + b"\n"
    with path.open("rb") as stream:
        keys = list(store.index_of(stream, head)[0])
    assert keys
    path.write_bytes(head + b"".join(
        b"%d %d\n%s%s" % (len(key), len(data), key.encode(), data) for key in keys))


HOSTILE = {
    "a terminal escape sequence": zlib.compress(b'{\n      "title": "\x1b]2;owned\x07"\n    }', 1),
    "a text longer than any kept (a zlib bomb)": zlib.compress(b" " * ((64 << 20) + 1), 9),
    "no zlib stream": b'{"type": "object"}',
    "a stream cut short": zlib.compress(b'{\n  "type": "object"\n}', 1)[:-3],
    "two streams": zlib.compress(b"{}", 1) * 2,
    "no UTF-8": zlib.compress(b'"\xff\xfe"', 1),
}


@pytest.mark.parametrize("planted", sorted(HOSTILE))
def test_a_kept_text_that_is_not_one_is_made_again(
    planted: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = specs(tmp_path, monkeypatch)
    printed("schema", folder, capsys)
    (path,) = text_stores(tmp_path)
    plant(path, HOSTILE[planted])
    edit_description(folder)  # (not printed again whole: every model's text is looked up)
    made = made_texts("schema", monkeypatch)
    after = printed("schema", folder, capsys)
    assert sorted(made) == sorted(json.loads(after)["$defs"])  # every model's made again
    assert after == printed("schema", folder, capsys, "--no-cache")
    assert "\x1b" not in after


def test_a_text_kept_in_a_store_of_another_kind_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    folder = specs(tmp_path, monkeypatch)
    printed("schema", folder, capsys)
    (path,) = text_stores(tmp_path)
    path.write_bytes(b"docmodels page store 5\n" + path.read_bytes().split(b"\n", 1)[1])
    edit_description(folder)
    made = made_texts("schema", monkeypatch)
    after = printed("schema", folder, capsys)
    assert sorted(made) == sorted(json.loads(after)["$defs"])
    assert after == printed("schema", folder, capsys, "--no-cache")

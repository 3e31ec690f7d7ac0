"""black's layout for the generated Python, memoized so that unchanged modules cost nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SPECS
from docmodels.emit import formatting
from docmodels.emit.formatting import FormatCache, format_files

UNFORMATTED = "x = {'a':1,\n  'b':[1,2]}\n"
FORMATTED = 'x = {"a": 1, "b": [1, 2]}\n'


def test_python_files_get_black_layout_and_others_are_left_alone() -> None:
    files = {"pkg/a.py": UNFORMATTED, "docs/A.md": "x = {'a':1}\n"}
    assert format_files(files) == {"pkg/a.py": FORMATTED, "docs/A.md": "x = {'a':1}\n"}


def test_a_cached_module_is_not_formatted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = FormatCache(tmp_path / "cache")
    assert format_files({"a.py": UNFORMATTED}, cache) == {"a.py": FORMATTED}

    def refuse(source: str) -> str:
        raise AssertionError("black ran for a module already in the cache")

    monkeypatch.setattr(formatting, "format_python", refuse)
    assert format_files({"b.py": UNFORMATTED}, cache) == {"b.py": FORMATTED}


@pytest.mark.parametrize("damage", ["empty", "cut short", "a byte changed", "the text alone",
                                    "another module's, well-formed"])
def test_a_damaged_cache_entry_is_formatted_again(tmp_path: Path, damage: str) -> None:
    """An entry whose text is not what its first line says is one not found (an empty or cut
    entry was the module, written into the output)."""
    cache = FormatCache(tmp_path / "cache")
    format_files({"a.py": UNFORMATTED}, cache)
    [entry] = (tmp_path / "cache").rglob("*/*")
    data = entry.read_bytes()
    entry.write_bytes({
        "empty": b"",
        "cut short": data[:-5],
        "a byte changed": data[:-3] + b"X" + data[-2:],
        "the text alone": FORMATTED.encode(),
        "another module's, well-formed": data.split(b"\n", 1)[0] + b"\nimport os\n",
    }[damage])
    assert format_files({"a.py": UNFORMATTED}, cache) == {"a.py": FORMATTED}
    assert format_files({"b.py": UNFORMATTED}, cache) == {"b.py": FORMATTED}  # (rebuilt)


def test_the_cache_key_covers_the_whole_source() -> None:
    assert FormatCache.key(UNFORMATTED) != FormatCache.key(UNFORMATTED + "y = 1\n")
    assert FormatCache.key(UNFORMATTED) == FormatCache.key(str(UNFORMATTED))


def test_an_unusable_cache_folder_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder", encoding="utf-8")
    assert format_files({"a.py": UNFORMATTED}, FormatCache(blocker)) == {"a.py": FORMATTED}


def test_parallel_formatting_gives_the_same_bytes() -> None:
    files = {f"m{i}.py": f"value_{i} = [{i},{i}]\n" for i in range(40)}
    # format_files replaces the modules in the dict it is given: give each call its own.
    assert format_files(dict(files), jobs=2) == format_files(dict(files), jobs=1)


def test_generate_with_and_without_the_cache_writes_the_same_files(tmp_path: Path) -> None:
    cache = tmp_path / "cache"

    def generate(out: str, *flags: str) -> dict[str, bytes]:
        subprocess.run(
            [sys.executable, "-m", "docmodels", "generate", str(SPECS), "-o", str(tmp_path / out),
             *flags],
            cwd=REPO, check=True, capture_output=True,
            env={**os.environ, "DOCMODELS_CACHE_DIR": str(cache)},
        )
        return {p.name: p.read_bytes() for p in (tmp_path / out).rglob("*") if p.is_file()}

    cold = generate("cold")
    assert any(cache.rglob("*")), "the cache was filled"
    assert generate("warm") == cold
    assert generate("plain", "--no-cache") == cold

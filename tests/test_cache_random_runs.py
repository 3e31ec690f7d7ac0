"""Whatever mix of commands shares one cache folder, each gives what it gives without one.

Every command remembers its work in the cache folder by content (cachedir.py): the page store,
the render memo and its records, the run records, what loading gave, what ``ir`` and ``schema``
printed. A user mixes them: a watch running while ``generate`` runs in another terminal, a
``generate`` of another target, template overrides being edited under a watch or not, ``ir``
and ``schema`` between edits, and the cache folder is trimmed (cachesize) between them. Seeded sequences of edits (test_watch_random_edits' kinds) and
of commands drawn after each edit, each compared with the same command without a cache."""

from __future__ import annotations

import random
import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO
from docmodels import cachesize, cli
from docmodels.cli import _generate_once, _Show
from docmodels.config import Settings
from docmodels.session import Session
from test_watch import files_of
from test_watch_random_edits import a_folder
from test_watch_session import aged

COMMANDS = ("generate", "watch", "other target", "strict", "templates", "watched templates",
            "ir", "schema")


def _overlay_edit(root: Path, draw: random.Random) -> str:
    """The folder's overlay written, changed or deleted: a model's description, or the key
    convention of the folder's pages."""
    overlay = root / "docmodels-overlay.toml"
    what = draw.choice(["description", "keys", "delete"])
    if what == "delete":
        overlay.unlink(missing_ok=True)
    elif what == "description":
        model = draw.choice(sorted(p.stem for p in root.glob("Model*.md")))
        overlay.write_text(f"[models.{model}]\ndescription = 'Overlaid {draw.randrange(99)}.'\n")
    else:
        overlay.write_text(f"keys = '{draw.choice(['camelCase', 'snake_case'])}'\n")
    return f"overlay: {what}"


def _damaged(cache: Path, draw: random.Random) -> str:
    """A file of the cache folder drawn and damaged in place, as a disk or a hand may: cut
    short, a bit changed, or replaced by bytes of no format (a kept tree's file is one of the
    output's, through its hard link: the output folder is damaged with it)."""
    files = sorted(path for path in cache.rglob("*") if path.is_file())
    if not files:
        return "nothing to damage"
    victim = draw.choice(files)
    data = bytearray(victim.read_bytes())
    how = draw.choice(["cut", "flipped", "replaced"])
    if how == "cut" and data:
        del data[draw.randrange(len(data)):]
    elif how == "flipped" and data:
        data[draw.randrange(len(data))] ^= 1 << draw.randrange(8)
    else:
        data = bytearray(draw.randbytes(draw.randrange(1, 200)))
    victim.write_bytes(bytes(data))
    return f"{victim.relative_to(cache)}: {how}"


def _printed(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = cli.main([*args, "-q"])
    return status, capsys.readouterr().out


@pytest.mark.parametrize("seed", [2, 4, 5, 7])  # (each damaged the output before CRCs)
def test_every_command_with_a_shared_cache_gives_what_it_gives_without_one(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = a_folder(tmp_path / "specs", seed)
    draw = random.Random(seed)
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "cache"
    monkeypatch.setenv("DOCMODELS_CACHE_DIR", str(cache))
    settings = Settings(specs=(Path("specs"),), output=Path("out"))
    other = replace(settings, output=Path("other"), target="attrs")
    strict = replace(settings, output=Path("strict"), strict=True)
    overridden = replace(settings, output=Path("overridden"), templates=Path("tpl"))
    page_template = REPO / "templates" / "docs" / "model.md.jinja"
    (tmp_path / "tpl" / "docs").mkdir(parents=True)
    session, overriding = Session(), Session()  # (a watch of each settings)
    done: list[str] = []
    for step in range(30):
        aged(folder.root)
        command = draw.choice(COMMANDS)
        done.append(command)
        if command in ("ir", "schema"):
            assert _printed(capsys, command, "specs") == _printed(
                capsys, command, "specs", "--no-cache"), done
            done.append(_overlay_edit(folder.root, draw) if draw.random() < 0.15 else folder.edit())
            continue
        if command.endswith("templates"):  # the override edited (or first written) first
            (tmp_path / "tpl" / "docs" / "model.md.jinja").write_text(
                page_template.read_text() + f"\n<!-- edited {draw.randrange(3)} -->\n")
        chosen = {"other target": other, "strict": strict, "templates": overridden,
                  "watched templates": overridden}.get(command, settings)
        if command.startswith("watch"):
            watching = session if command == "watch" else overriding
            watching.told(None)
            outcome = _generate_once(chosen, None, cache, _Show(), watching)
            watching.between()
        else:
            outcome = _generate_once(chosen, None, cache, _Show())
        fresh = replace(chosen, output=Path(f"fresh{step}"))
        expected = _generate_once(fresh, None, None, _Show())
        assert (outcome.models, outcome.errors, outcome.failure, outcome.summary) == (
            expected.models, expected.errors, expected.failure, expected.summary), done
        if not expected.errors:
            assert files_of(tmp_path / chosen.output) == files_of(
                tmp_path / f"fresh{step}"), done
        if draw.random() < 0.5:
            done.append(_damaged(cache, draw))
        if draw.random() < 0.2:  # the cache trimmed to what the runs since then used
            since = time.time() - draw.choice([0.0, 5.0, 60.0])
            (cache / cachesize.STAMP).unlink(missing_ok=True)
            done.append(f"trimmed: {cachesize.trim(cache, 0, since).evicted} evicted")
        done.append(_overlay_edit(folder.root, draw) if draw.random() < 0.15 else folder.edit())

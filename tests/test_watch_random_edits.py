"""A watch takes a file as it was wherever its inputs did not move (emit/memo.Moved), and keeps
what it worked out of every model between runs: whatever a page's edit changes, every run of a
watch gives exactly what a run from scratch gives. Seeded sequences of edits, drawn from the
kinds a person makes (a description, a property added, removed or retyped, a reference made
or dropped, an enum's values, a page deleted or brought back, a model renamed), over a folder
of models that refer to each other."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from docmodels.pipeline import build
from docmodels.session import Session
from test_incremental_build import enum, model, ref, same
from test_watch_session import aged

SCALARS = ["**String**", "**i32**", "**bool**", "Option<**f64**>", "Vec<**String**>"]


@dataclass
class Folder:
    """The pages as text, by file name, and which were written since the last run."""

    root: Path
    rng: random.Random
    objects: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # title, rows
    enums: dict[str, list[str]] = field(default_factory=dict)
    gone: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)

    def row(self, name: str) -> str:
        """A property: a scalar, or a reference to another model or an enum."""
        prop = f"p{self.rng.randrange(1000)}"
        targets = [*self.objects, *self.enums]
        if targets and self.rng.random() < 0.5:
            target = self.rng.choice(targets)
            if target in self.enums and self.rng.random() < 0.5:
                # A default the enum's values may lose (resolution checks it against them).
                return f"{prop} | {ref(target)} | [optional][default to high]"
            kind = self.rng.random()
            return f"{prop} | {ref(target, optional=kind < 0.7, many=kind < 0.3)} | " + (
                "[optional]" if kind < 0.7 else "")
        return f"{prop} | {self.rng.choice(SCALARS)} | "

    def write(self, page: str) -> None:
        if page in self.enums:
            (self.root / f"{page}.md").write_text(enum(page, *self.enums[page]))
            return
        title, rows = self.objects[page]
        (self.root / f"{page}.md").write_text(
            model(title, *rows, description=self.descriptions.get(page, "")))

    def edit(self) -> str:
        """One edit, drawn; what it was."""
        page = self.rng.choice(sorted(self.objects))
        title, rows = self.objects[page]
        what = self.rng.choice(["description", "add", "remove", "retype", "enum", "delete",
                                "restore", "rename"])
        if what == "description":
            self.descriptions[page] = f"Edited {self.rng.randrange(10**6)}."
        elif what == "add" or (what in ("remove", "retype") and len(rows) < 2):
            rows.append(self.row(page))
        elif what == "remove":
            rows.pop(self.rng.randrange(len(rows)))
        elif what == "retype":
            at = self.rng.randrange(len(rows))
            rows[at] = rows[at].split(" | ")[0] + " | " + self.row(page).split(" | ", 1)[1]
        elif what == "enum":
            page = self.rng.choice(sorted(self.enums))
            values = self.enums[page]
            if len(values) > 1 and self.rng.random() < 0.5:
                values.pop(self.rng.randrange(len(values)))
            else:
                values.append(f"v{self.rng.randrange(100)}")
        elif what == "delete" and len(self.objects) > 3:
            self.gone[page] = self.objects.pop(page)
            (self.root / f"{page}.md").unlink()
            return f"{page} deleted"
        elif what == "restore" and self.gone:
            page = self.rng.choice(sorted(self.gone))
            self.objects[page] = self.gone.pop(page)
        elif what == "rename":
            self.objects[page] = (title + "X" if not title.endswith("X") else title[:-1], rows)
        self.write(page)
        return f"{page}: {what}"


def a_folder(root: Path, seed: int) -> Folder:
    root.mkdir(parents=True)
    folder = Folder(root, random.Random(seed))
    for index in range(3):
        folder.enums[f"Level{index}"] = ["low", "high"]
    for index in range(12):
        name = f"Model{index}"
        folder.objects[name] = (name, [])
        folder.objects[name][1].extend(folder.row(name) for _ in range(folder.rng.randrange(1, 4)))
    for page in [*folder.enums, *folder.objects]:
        folder.write(page)
    return folder


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_every_run_of_a_watch_after_drawn_edits_equals_a_run_from_scratch(
    tmp_path: Path, seed: int
) -> None:
    folder = a_folder(tmp_path / "specs", seed)
    session = Session()
    done: list[str] = []
    for _ in range(25):
        aged(folder.root)
        watched = build([folder.root], "models", base=tmp_path, session=session)
        try:
            same(watched, build([folder.root], "models", base=tmp_path))
        except AssertionError as error:
            raise AssertionError(f"after {done}") from error
        done.append(folder.edit())


def _contents(root: Path) -> dict[str, bytes]:
    return {str(p.absolute()): p.read_bytes() for p in root.rglob("*.md")}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_watch_told_what_changed_gives_what_a_run_from_scratch_gives(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole command's runs of a watch, each told (Session.told) the pages the drawn edit
    wrote or deleted, as the operating system tells them: a told page is looked at again, an
    untold one taken as the last run found it, a page come or gone lists them all again."""
    from docmodels.cli import _generate_once, _Show
    from docmodels.config import Settings
    from test_watch import files_of

    folder = a_folder(tmp_path / "specs", seed)
    monkeypatch.chdir(tmp_path)
    session = Session()
    settings = Settings(specs=(Path("specs"),), output=Path("out"))
    told: set[str] | None = None
    done: list[str] = []
    for step in range(20):
        aged(folder.root)
        session.told(frozenset(told) if told is not None else None)
        _generate_once(settings, None, tmp_path / "cache", _Show(), session)
        session.between()
        fresh = Settings(specs=(Path("specs"),), output=Path(f"fresh{step}"))
        _generate_once(fresh, None, None, _Show())
        assert files_of(tmp_path / "out") == files_of(tmp_path / f"fresh{step}"), done
        before = _contents(folder.root)
        done.append(folder.edit())
        after = _contents(folder.root)
        told = {path for path in before.keys() | after.keys()
                if before.get(path) != after.get(path)}

"""What a run from scratch takes from the render memo's records of the last run: the plan of
names (emit/plan_record.py: each unchanged model's names as the last run planned them, the rest
planned again, the result the plan itself; a record that is not exactly one of these model
names, or holds a name no plan could hold, is no record), and what each module and docs page
was made from (only the scopes a change reaches are found again). A cache folder may come from
somewhere untrusted: a record that is not what docmodels writes costs only the work it saves."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import SPECS
from docmodels.emit import plan_record, python
from docmodels.emit.memo import RenderMemo
from docmodels.ir import Location, Model, ModelKind, ModelSet
from docmodels.load import load
from docmodels.pipeline import Build, build
from test_incremental_build import edit, initial, same


def _built(tmp_path: Path) -> tuple[Path, Path, Build]:
    """The fixture's specs, the cache folder, and the first build, which the memo holds."""
    folder = tmp_path / "specs"
    initial(folder)
    cache = tmp_path / "cache"
    return folder, cache, build([folder], "models", base=tmp_path, cache_dir=cache)


def _model_set() -> ModelSet:
    model_set, _ = load([SPECS], SPECS.parent)
    # An enum whose values JSON writes alike but Python's dict tells apart by type.
    from docmodels.ir import EnumValue, Primitive, PrimitiveKind

    odd = Model("Odd", ModelKind.ENUM, "", "python", Location("Odd.md", 1, 1), (),
                enum_type=Primitive(PrimitiveKind.NUMBER),
                enum_values=tuple(EnumValue(v, None, Location("Odd.md", 3, 1))
                                  for v in (1, 2.5, -0.0)))
    return ModelSet((*model_set.models, odd))


def _record(model_set: ModelSet) -> tuple[tuple[str, ...], list[bytes], str]:
    memo = RenderMemo(None, ["test"])
    names = tuple(m.name for m in model_set.models)
    digests = [memo.digest(m) for m in model_set.models]
    plan = python._plan_names(model_set, None)
    text = plan_record.dumps(names, digests, list(plan.values()))
    assert text is not None
    return names, digests, text


def _loads(text: str, names: tuple[str, ...]) -> list[tuple[bytes, Any]] | None:
    """The plan a memo holding ``text`` as its record gives for these model names."""
    memo = RenderMemo(None, ["test"], previous=lambda salt: {plan_record.KEY: text})
    return plan_record.loads(memo.recorded(plan_record.KEY, list(names)), len(names))


def test_a_plan_read_back_is_the_plan_name_for_name() -> None:
    model_set = _model_set()
    names, digests, text = _record(model_set)
    back = _loads(text, names)
    assert back is not None
    plan = python._plan_names(model_set, None)
    assert [d for d, _ in back] == digests
    assert [repr(n) for _, n in back] == [repr(n) for n in plan.values()]  # (types of keys too)


def _edited(change: Callable[[list[Any]], object]) -> Callable[[str], str]:
    def edit_text(text: str) -> str:
        data = json.loads(text)
        change(data)
        return json.dumps(data)
    return edit_text


def _row(data: list[Any], column: int, value: object) -> None:
    data[1][0][column] = value


HOSTILE: dict[str, Callable[[str], str]] = {
    "not JSON": lambda text: text[:-3],
    "the models in another order": _edited(lambda d: d[0].reverse()),
    "one model fewer": _edited(lambda d: (d[0].pop(), d[1].pop())),
    "a digest that is no hex": _edited(lambda d: _row(d, 0, "zz")),
    "a class that is code": _edited(lambda d: _row(d, 1, "A(object): pass\nimport os\nclass B")),
    "a class that is a keyword": _edited(lambda d: _row(d, 1, "class")),
    "a module out of the folder": _edited(lambda d: _row(d, 2, "../evil")),
    "the package's own module": _edited(lambda d: _row(d, 2, "__init__")),
    "a page out of the folder": _edited(lambda d: _row(d, 3, "../../etc/passwd")),
    "the docs' index as a page": _edited(lambda d: _row(d, 3, "README")),
    "a device as a page": _edited(lambda d: _row(d, 3, "CON")),
    "an attribute that is code": _edited(lambda d: _row(d, 4, ["x = __import__('os')"])),
    "a member value that is a list": _edited(lambda d: _row(d, 5, [[[1], "ONE"]])),
    "two models of one module": _edited(lambda d: _row(d, 2, d[1][1][2].upper())),
    "a row cut short": _edited(lambda d: d[1][0].pop()),
    "a number where a row is": _edited(lambda d: d[1].__setitem__(0, 7)),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_record_of_other_models_or_of_names_no_plan_holds_is_no_record(kind: str) -> None:
    model_set = _model_set()
    names, _, text = _record(model_set)
    assert _loads(text, names) is not None
    assert _loads(HOSTILE[kind](text), names) is None


def _planned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The models whose names are planned from here on."""
    planned: list[str] = []
    real = python._model_names

    def counting(model: Model, *args: Any) -> Any:
        planned.append(model.name)
        return real(model, *args)

    monkeypatch.setattr(python, "_model_names", counting)
    return planned


def test_a_run_from_scratch_plans_again_only_the_models_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache, _ = _built(tmp_path)
    planned = _planned(monkeypatch)
    edit(folder / "Beta.md", "The second one.", "The 2nd one.")
    again = build([folder], "models", base=tmp_path, cache_dir=cache)
    assert planned == ["Beta"]
    planned.clear()
    same(again, build([folder], "models", base=tmp_path))
    assert "Beta" in planned and len(planned) > 1  # (a run without a memo plans every model)


def test_a_hostile_record_in_the_memo_costs_only_the_planning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache, _ = _built(tmp_path)
    # The first model's docs page, out of the docs folder.
    _rewrite_record(cache, plan_record.KEY, lambda r: r[1][0].__setitem__(3, "../../outside"))
    planned = _planned(monkeypatch)
    edit(folder / "Beta.md", "The second one.", "The 2nd one.")
    remembered = build([folder], "models", base=tmp_path, cache_dir=cache)
    assert len(planned) > 1  # the record refused: every model planned again
    same(remembered, build([folder], "models", base=tmp_path))


def _scopes_found(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The models whose module's scope, and whose docs page's, are found from here on."""
    from docmodels.emit import docs, memo

    modules: list[str] = []
    pages: list[str] = []
    real_module, real_page = memo.module_scope, docs.DocsEmitter._page_file
    monkeypatch.setattr(memo, "module_scope", lambda model, *a: (
        modules.append(model.name), real_module(model, *a))[1])
    monkeypatch.setattr(docs.DocsEmitter, "_page_file", lambda self, model, *a: (
        pages.append(model.name), real_page(self, model, *a))[1])
    return modules, pages


def test_a_run_from_scratch_finds_again_only_the_scopes_a_change_reaches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Beta's description edited: Beta's module and page, the modules of the models that refer
    # to it (their scopes hold Beta) and the pages of its neighbourhood; no other scope.
    from docmodels.ir import model_references

    folder, cache, first = _built(tmp_path)
    modules, pages = _scopes_found(monkeypatch)
    edit(folder / "Beta.md", "The second one.", "The 2nd one.")
    again = build([folder], "models", base=tmp_path, cache_dir=cache)
    users = {m.name for m in first.model_set.models if "Beta" in model_references(m)}
    beta = first.model_set.by_name()["Beta"]
    assert users and set(modules) == {"Beta", *users}
    assert set(pages) == {"Beta", *users, *model_references(beta)}
    same(again, build([folder], "models", base=tmp_path))


def test_a_run_from_scratch_after_a_watch_takes_the_watchs_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A watch's runs keep what they made in memory, and their memo is saved between runs: it
    must hold the records too, or the first run from scratch after the watch (a commit's
    hook) plans every model's names and finds every module's and page's scope again."""
    from docmodels.ir import model_references
    from docmodels.session import Session

    folder, cache, _ = _built(tmp_path)
    session = Session()
    build([folder], "models", base=tmp_path, cache_dir=cache, session=session)
    session.between()
    edit(folder / "Beta.md", "The second one.", "The 2nd one.")
    watched = build([folder], "models", base=tmp_path, cache_dir=cache, session=session)
    session.between()
    planned = _planned(monkeypatch)
    modules, pages = _scopes_found(monkeypatch)
    edit(folder / "Link.md", "**url** | **String** |", "**url** | Option<**String**> |")
    again = build([folder], "models", base=tmp_path, cache_dir=cache)
    link = watched.model_set.by_name()["Link"]
    users = {m.name for m in watched.model_set.models if "Link" in model_references(m)}
    assert planned == ["Link"]
    assert users and set(modules) == {"Link", *users}
    assert set(pages) == {"Link", *users, *model_references(link)}
    same(again, build([folder], "models", base=tmp_path))


@pytest.mark.parametrize("head, rows", [
    ({"Pet": 0, "Tag": 1}, [["Pet", "0" * 64, ["Pet", "Tag"]], ["Tag", "1" * 64, []]]),
    (["é", "\u2028", "\ud800"], [[1.5, -0.0, None, True, {"k": [1]}]]),
    (None, []),
])
def test_a_record_made_a_row_at_a_time_is_the_json_of_the_whole(
    head: object, rows: list[object]
) -> None:
    from docmodels.emit.memo import record_text

    assert record_text(head, iter(rows)) == json.dumps([head, rows])
    assert json.loads(record_text(head, iter(rows))) == [head, rows]


def _rewrite_record(cache: Path, prefix: str, change: Callable[[Any], object]) -> None:
    """The memo's record under ``prefix`` changed: appended again, which the next run reads."""
    from docmodels.store import AppendStore, index_of

    [memo_file] = (cache / "rendered").iterdir()
    head = memo_file.read_bytes().split(b"\n", 1)[0] + b"\n"
    with memo_file.open("rb") as stream:
        index, _ = index_of(stream, head)
    [key] = [k for k in index if k.startswith(prefix)]
    memo = AppendStore(memo_file, head)
    record = json.loads(memo.get(key, bytes.decode) or "")
    change(record)
    memo.add(key, json.dumps(record).encode())
    memo.close()  # (not save: nothing else is dropped)


BAD_SCOPES: dict[str, Callable[[Any], object]] = {
    "an entry that is no memo key": lambda r: r[1][0].__setitem__(1, "../../elsewhere"),
    "a scope of numbers": lambda r: r[1][0].__setitem__(2, [1, 2]),
    "a row cut short": lambda r: r[1][0].pop(),
    "a row that is text": lambda r: r[1].__setitem__(0, "row"),
    "another diagram or import cycles": lambda r: r.__setitem__(0, {"Nobody": "x"}),
}


@pytest.mark.parametrize("prefix", ["record:made:", "record:pages:"])
@pytest.mark.parametrize("kind", sorted(BAD_SCOPES))
def test_a_record_of_scopes_not_as_docmodels_writes_it_costs_only_finding_them(
    tmp_path: Path, prefix: str, kind: str
) -> None:
    folder, cache, _ = _built(tmp_path)
    _rewrite_record(cache, prefix, BAD_SCOPES[kind])
    edit(folder / "Beta.md", "The second one.", "The 2nd one.")
    same(build([folder], "models", base=tmp_path, cache_dir=cache),
         build([folder], "models", base=tmp_path))

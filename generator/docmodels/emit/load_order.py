"""Which models' modules each module imports as it loads: the graph the generated runtime walks
to import them leaf first.

A model's module imports the models it refers to. Nested, every import takes several frames of
Python's stack: importing the first of a chain of about 150 models, each referring to the next,
raised RecursionError. So a module that imports models which import models in turn first calls
``_rt.load_references(__name__)``, which imports them, and theirs, deepest first (each then
finds what it imports loaded); the package's ``__init__`` holds, per module, those modules
(``_docmodels_imports``). Modules that import no model need no order and are left out.
"""

from __future__ import annotations

from collections.abc import Iterable

from docmodels.emit import python_literals as lit
from docmodels.ir import Model, ModelKind, model_references


def first_imports(
    model: Model, by_name: dict[str, Model], component: dict[str, int], cycles_too: bool = True
) -> list[str]:
    """The models whose modules ``model``'s module imports as it loads and which import models
    themselves, by name. ``cycles_too``: whether the module imports the models of its own import
    cycle at its top, where any order will do (else at its bottom, after its class exists, as
    the pydantic and msgspec targets do, which only a union's module does not)."""
    own = component.get(model.name)
    found = []
    for name in model_references(model):
        if name == model.name:
            continue
        if not cycles_too and model.kind is not ModelKind.UNION and component.get(name) == own:
            continue
        target = by_name.get(name)
        if target is None or {*model_references(target)} <= {name}:
            continue  # imports no model: loads in one step wherever it is imported
        found.append(name)
    return sorted(found)


def package_imports(
    models: Iterable[Model], module_of: dict[str, str], imports: dict[str, list[str]]
) -> list[str]:
    """``_docmodels_imports``'s entries as ``__init__.py`` writes them: ``"module": (...)``,
    sorted by module. ``imports``: first_imports of each model."""
    entries = []
    for model in models:
        names = imports.get(model.name)
        if names:
            modules = ", ".join(lit.string(module_of[n]) for n in names)
            comma = "," if len(names) == 1 else ""
            entries.append(f"{lit.string(module_of[model.name])}: ({modules}{comma})")
    return sorted(entries)


def cycle_imports(model: Model, by_name: dict[str, Model], component: dict[str, int]) -> list[str]:
    """The object models of ``model``'s import cycle, for the pydantic and msgspec targets,
    whose modules import them at their bottom, after their class exists: importing them leaf
    first there too keeps a long cycle from nesting. Unions are left to import as they do (a
    union's module needs its members' classes when it loads)."""
    if model.kind is not ModelKind.OBJECT:
        return []
    own = component.get(model.name)
    return sorted(
        name for name in model_references(model)
        if name != model.name and component.get(name) == own
        and name in by_name and by_name[name].kind is ModelKind.OBJECT
    )

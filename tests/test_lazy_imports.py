"""What importing the generated package costs, in modules (benchmarks/imports.py has the times):
the package imports no model and no runtime, a model imports only the standard-library modules
its fields need, typing is for type checkers only, and yet everything a program or a library
reads from the models still works (typing.get_type_hints, dataclasses.fields, ValidationError).
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import typing

import pytest
from conftest import REPO, SPECS
from generated import FIXTURES, Generated, generate

CONSTRAINTS = REPO / "tests" / "fixtures" / "constraints"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate([SPECS, FIXTURES / "features", FIXTURES / "defaults", CONSTRAINTS],
                    tmp_path_factory.mktemp("lazy"))


def new_modules(package: Generated, statement: str) -> list[str]:
    """The modules a fresh interpreter (no site, so nothing preloaded) imports for the
    statement, beyond dataclasses and what dataclasses imports."""
    program = (
        f"import sys; sys.path.insert(0, {str(package.root)!r}); import dataclasses\n"
        "before = set(sys.modules)\n"
        f"{statement}\n"
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    done = subprocess.run([sys.executable, "-I", "-S", "-c", program], capture_output=True,
                          text=True, check=True)
    return done.stdout.split()


def test_the_package_imports_only_itself(package: Generated) -> None:
    name = package.name
    assert new_modules(package, f"import {name}") == ["__future__", name]


def test_a_model_imports_only_the_modules_its_fields_need(package: Generated) -> None:
    name = package.name
    # CreateSession refers to an enum model; no field is a date, a UUID or JSON text.
    assert new_modules(package, f"from {name} import CreateSession") == [
        "__future__", name, f"{name}._runtime", f"{name}.create_session",
        f"{name}.user_service_access_types", "math",
    ]
    # Order has date-time and date fields, and its OrderLine a UUID: datetime and uuid, and
    # still no typing or json.
    order = new_modules(package, f"from {name} import Order")
    assert {"datetime", "uuid", f"{name}.order_line"} <= set(order)
    assert not {"typing", "json"} & set(order)


def test_using_a_model_imports_what_the_use_needs(package: Generated) -> None:
    name = package.name
    used = new_modules(package, (
        f"from {name} import OrderLine\n"
        "OrderLine.from_json('{\"sku\": \"s\", \"quantity\": 1, \"discount\": null, "
        "\"type\": \"t\", "
        "\"line_id\": \"0b6f6c8e-2d0e-4d8a-9c61-7d1b2a3c4e5f\"}').to_json()"
    ))
    assert {"json", "uuid"} <= set(used)
    assert "typing" not in used


def test_type_hints_resolve_as_before(package: Generated) -> None:
    """Annotations name ``_t.Any`` and ``_t.Literal``: a stand-in for typing resolves them to
    typing's own objects."""
    models = package.module
    assert typing.get_type_hints(models.Limited)["kind"] == typing.Literal["a", "b"] | None
    assert typing.get_type_hints(models.Order)["_docmodels_extra"] == dict[str, typing.Any]
    for cls in (models.Order, models.CreateSession, models.Settings, models.Account):
        assert set(typing.get_type_hints(cls)) == {f.name for f in dataclasses.fields(cls)}


def test_the_key_set_is_no_field(package: Generated) -> None:
    """``_docmodels_keys`` is a class attribute (unannotated: dataclasses could not tell a
    ClassVar without typing), not a field: fields, replace and asdict are as before."""
    order = package.module.Order
    assert "_docmodels_keys" not in {f.name for f in dataclasses.fields(order)}
    assert isinstance(order._docmodels_keys, frozenset)
    assert [f.name for f in dataclasses.fields(order)][:3] == [
        "_docmodels_present", "_docmodels_extra", "_docmodels_spelled"]


def test_validation_error_is_exported_when_first_used(package: Generated) -> None:
    module = package.module
    assert module.ValidationError is module._runtime.ValidationError
    assert "ValidationError" in dir(module) and "ValidationError" in module.__all__
    with pytest.raises(module.ValidationError):
        module.Order.from_dict({"id": 1})
    assert json.loads(module.Settings().to_json()) == module.Settings().to_dict()

"""evolve is dataclasses.replace for the IR's frozen, slotted dataclasses: the same copy (every
field, those equality leaves out too), still frozen, and a refusal for a class it cannot copy so."""

from __future__ import annotations

import dataclasses

import pytest
from docmodels.diagnostics import Location
from docmodels.evolve import evolve
from docmodels.ir import Field, Primitive, PrimitiveKind, WireNameSource


def a_field() -> Field:
    return Field("name", "name", WireNameSource.PAGE, Primitive(PrimitiveKind.STRING), True,
                 None, False, None, "The name.", Location("Pet.md", 3, 1), spelled="str",
                 linked=True, type_column=12)


def test_a_copy_is_the_one_replace_makes_down_to_what_equality_leaves_out() -> None:
    field = a_field()
    changes = {"wire_name": "Name", "wire_name_source": WireNameSource.UNCERTAIN}
    copy, replaced = evolve(field, **changes), dataclasses.replace(field, **changes)  # type: ignore[arg-type]
    assert copy == replaced and repr(copy) == repr(replaced) and hash(copy) == hash(replaced)
    assert (copy.spelled, copy.linked, copy.type_column) == ("str", True, 12)
    assert field.wire_name == "name"  # the original as it was


def test_a_copy_is_frozen_and_a_field_that_is_none_is_refused() -> None:
    copy = evolve(a_field(), description="Other.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        copy.name = "other"  # type: ignore[misc]
    with pytest.raises(KeyError):
        evolve(copy, no_such_field=1)


def test_a_class_with_a_post_init_is_refused() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int
        b: int

        def __post_init__(self) -> None:
            pass

    with pytest.raises(TypeError):
        evolve(Checked(1, 2), a=3)

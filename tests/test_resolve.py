"""Resolution across pages: unique names, references that land, defaults that fit
(docmodels.resolve)."""

from __future__ import annotations

from dataclasses import replace

from docmodels.diagnostics import Location
from docmodels.ir import (
    AnyValue,
    ArrayOf,
    Default,
    EnumValue,
    Field,
    MapOf,
    MemberDefault,
    Model,
    ModelKind,
    Primitive,
    PrimitiveKind,
    Reference,
    TypeExpr,
    UnreadPage,
    WireNameSource,
)
from docmodels.resolve import resolve

STRING = Primitive(PrimitiveKind.STRING)


def prop(path: str, line: int, name: str, type_: TypeExpr, default: Default | None = None) -> Field:
    return Field(name, name, WireNameSource.PAGE, type_, True, None, False, default, "",
                 Location(path, line, 1))


def obj(name: str, *fields: Field, path: str | None = None) -> Model:
    return Model(name, ModelKind.OBJECT, "", "python", Location(path or f"{name}.md", 1, 3),
                 fields=fields)


def enum(name: str, *values: str) -> Model:
    at = Location(f"{name}.md", 1, 3)
    return Model(name, ModelKind.ENUM, "", "generic", at, enum_type=STRING,
                 enum_values=tuple(EnumValue(v, v.upper(), at) for v in values))


def test_models_come_out_sorted_by_name() -> None:
    model_set, diagnostics = resolve([obj("Zebra"), obj("Apple"), enum("Mango", "ripe")])
    assert diagnostics == []
    assert [m.name for m in model_set.models] == ["Apple", "Mango", "Zebra"]


def test_references_to_defined_models_resolve_silently() -> None:
    pet = obj("Pet", prop("Pet.md", 6, "owner", Reference("Owner")))
    model_set, diagnostics = resolve([pet, obj("Owner")])
    assert diagnostics == []
    assert model_set.by_name()["Pet"] == pet


def test_a_reference_nested_in_containers_must_land_too() -> None:
    pet = obj("Pet", prop("Pet.md", 6, "friends", MapOf(ArrayOf(Reference("Friend")))))
    model_set, diagnostics = resolve([pet])
    assert [str(d) for d in diagnostics] == [
        ("Pet.md:6:1: warning: property 'friends' refers to model 'Friend', which no page "
        "defines; read as any value")
    ]
    # Only the reference is lost: the map of lists stays.
    field = model_set.by_name()["Pet"].fields[0]
    assert (field.type, field.unread) == (
        MapOf(ArrayOf(AnyValue())), "model 'Friend' is not read"
    )


def test_a_reference_to_a_page_left_out_says_why() -> None:
    pet = obj("Pet", prop("Pet.md", 6, "owner", Reference("Owner")))
    owner = UnreadPage("Owner.md", "enum values mix strings and numbers", "Owner")
    _, diagnostics = resolve([pet], (owner,))
    assert [str(d) for d in diagnostics] == [
        ("Pet.md:6:1: warning: property 'owner' refers to model 'Owner', which no page defines "
        "(its page Owner.md gave none: enum values mix strings and numbers); read as any value")
    ]


def test_each_missing_model_is_reported_for_each_property() -> None:
    pet = obj(
        "Pet",
        prop("Pet.md", 6, "owner", Reference("Owner")),
        prop("Pet.md", 7, "vet", Reference("Owner")),
    )
    _, diagnostics = resolve([pet])
    assert [str(d) for d in diagnostics] == [
        ("Pet.md:6:1: warning: property 'owner' refers to model 'Owner', which no page defines; "
        "read as any value"),
        ("Pet.md:7:1: warning: property 'vet' refers to model 'Owner', which no page defines; "
        "read as any value"),
    ]


def test_of_two_pages_defining_a_model_the_first_by_path_is_kept() -> None:
    first = obj("Pet", prop("a/Pet.md", 6, "name", STRING), path="a/Pet.md")
    second = obj("Pet", path="b/Pet.md")
    model_set, diagnostics = resolve([second, first])
    assert [str(d) for d in diagnostics] == [
        "b/Pet.md:1:3: error: duplicate model 'Pet' (also defined at a/Pet.md:1:3)"
    ]
    assert model_set.models == (first,)


def test_a_default_that_is_a_value_of_the_referenced_enum_is_kept() -> None:
    pet = obj("Pet", prop("Pet.md", 6, "size", Reference("Size"), Default("big", "'big'")))
    model_set, diagnostics = resolve([pet, enum("Size", "big", "small")])
    assert diagnostics == []
    assert model_set.by_name()["Pet"].fields[0].default == Default("big", "'big'")


def test_a_default_that_is_not_a_value_of_the_referenced_enum_is_dropped_with_a_warning() -> None:
    pet = obj("Pet", prop("Pet.md", 6, "size", Reference("Size"), Default("huge", "'huge'")))
    model_set, diagnostics = resolve([pet, enum("Size", "big", "small")])
    assert [str(d) for d in diagnostics] == [
        "Pet.md:6:1: warning: property 'size': default 'huge' is not a valid Size; ignored"
    ]
    assert model_set.by_name()["Pet"].fields[0].default is None


def test_a_default_for_an_object_reference_must_be_an_object() -> None:
    pet = obj(
        "Pet",
        prop("Pet.md", 6, "owner", Reference("Owner"), Default({}, "{}")),
        prop("Pet.md", 7, "vet", Reference("Owner"), Default("x", "'x'")),
    )
    model_set, diagnostics = resolve([pet, obj("Owner")])
    assert [str(d) for d in diagnostics] == [
        "Pet.md:7:1: warning: property 'vet': default 'x' is not a valid Owner; ignored"
    ]
    assert [f.default for f in model_set.by_name()["Pet"].fields] == [Default({}, "{}"), None]


def member_default(member: str, text: str) -> Field:
    field = prop("Owner.md", 7, "visibility", Reference("Visibility"))
    return replace(field, default_member=MemberDefault((member,), text))


def test_a_default_naming_an_enum_member_takes_the_value_from_the_enums_page() -> None:
    owner = obj("Owner", member_default("PRIVATE", "Visibility.PRIVATE"))
    model_set, diagnostics = resolve([owner, enum("Visibility", "private", "public")])
    assert diagnostics == []
    (field,) = model_set.by_name()["Owner"].fields
    assert field.default == Default("private", "Visibility.PRIVATE")


def test_a_member_the_enum_does_not_have_is_reported_and_ignored() -> None:
    owner = obj("Owner", member_default("SECRET", "Visibility.SECRET"))
    model_set, diagnostics = resolve([owner, enum("Visibility", "private", "public")])
    assert [str(d) for d in diagnostics] == [
        (
            "Owner.md:7:1: warning: property 'visibility': default Visibility.SECRET: "
            "Visibility has no member 'SECRET'; ignored"
        )
    ]
    assert model_set.by_name()["Owner"].fields[0].default is None


def test_a_member_of_a_model_whose_page_lists_no_members_is_reported_and_ignored() -> None:
    owner = obj("Owner", member_default("PRIVATE", "Visibility.PRIVATE"))
    model_set, diagnostics = resolve([owner, obj("Visibility")])
    assert [d.message for d in diagnostics] == [
        (
            "property 'visibility': default Visibility.PRIVATE: the page of Visibility lists "
            "no enum members; ignored"
        )
    ]
    assert model_set.by_name()["Owner"].fields[0].default is None

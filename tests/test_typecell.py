"""The Type cell without its Markdown decoration (docmodels.page.typecell)."""

from __future__ import annotations

import pytest
from docmodels.page.typecell import TypeCell, decode_type_cell


@pytest.mark.parametrize(
    ("raw", "decoded"),
    [
        ("**str**", TypeCell("str", ())),
        ("**list[str]**", TypeCell("list[str]", ())),
        ("[**Person**](Person.md)", TypeCell("Person", ("Person.md",))),
        ("[**list[Person]**](Person.md)", TypeCell("list[Person]", ("Person.md",))),
        ("[**object**](.md)", TypeCell("object", (".md",))),
        ("Option<**String**>", TypeCell("Option<String>", ())),
        (
            "Option<[**Vec<models::X>**](x.md)>",
            TypeCell("Option<Vec<models::X>>", ("x.md",)),
        ),
        (
            "Option<[**::std::collections::HashMap<String, crate::models::Creds>**](creds.md)>",
            TypeCell(
                "Option<::std::collections::HashMap<String, crate::models::Creds>>", ("creds.md",)
            ),
        ),
        ("[`List&lt;Offer&gt;`](Offer.md)", TypeCell("List<Offer>", ("Offer.md",))),
        ("**Map&lt;String, Creds&gt;**", TypeCell("Map<String, Creds>", ())),
        ("`i32`", TypeCell("i32", ())),
        ("  **str**  ", TypeCell("str", ())),
        ("", TypeCell("", ())),
    ],
)
def test_decoration_is_removed_and_link_targets_are_kept(raw: str, decoded: TypeCell) -> None:
    assert decode_type_cell(raw) == decoded


def test_link_targets_are_kept_in_order() -> None:
    cell = decode_type_cell("[**Dict[str, A]**](A.md) [**B**](b.md)")
    assert cell.links == ("A.md", "b.md")


def test_a_link_label_does_not_hold_the_start_of_another_link() -> None:
    """Which keeps decoding linear: "[**" never closed, many times over, is searched for its
    end only up to the next "[**"."""
    assert decode_type_cell("[**A [**B**](b.md)") == TypeCell("[**A B", ("b.md",))
    assert decode_type_cell("[`A [`B`](b.md)") == TypeCell("[`A B", ("b.md",))
    # A go array's label holds brackets all the same.
    assert decode_type_cell("[**[]Pet**](Pet.md)") == TypeCell("[]Pet", ("Pet.md",))
    assert decode_type_cell("[**x" * 20_000).links == ()


def test_a_link_whose_label_is_not_bold_or_code_is_left_alone() -> None:
    # Swift writes arrays of models as [Model], which only looks like a link label.
    assert decode_type_cell("[HiddenOffer]") == TypeCell("[HiddenOffer]", ())


def test_each_character_maps_back_to_its_offset_in_the_raw_cell() -> None:
    cell = decode_type_cell("Option<[**Vec<i32>**](v.md)>")
    assert cell.text == "Option<Vec<i32>>"
    assert [cell.raw_offset(i) for i in range(len(cell.text))] == [
        *range(7),  # Option<
        *range(10, 18),  # Vec<i32>
        27,  # >
    ]


def test_the_end_of_the_text_maps_to_just_after_its_last_character() -> None:
    cell = decode_type_cell("**integer**")
    assert cell.raw_offset(0) == 2
    assert cell.raw_offset(len(cell.text)) == 9


def test_an_entity_maps_back_to_its_ampersand() -> None:
    cell = decode_type_cell("**List&lt;X&gt;**")
    assert cell.text == "List<X>"
    assert cell.raw_offset(4) == 6
    assert cell.raw_offset(5) == 10


@pytest.mark.parametrize(
    ("raw", "decoded"),
    [
        ("[PetStatus](PetStatus.md)", TypeCell("PetStatus", ("PetStatus.md",))),
        ("[Array&lt;Pet&gt;](Pet.md)", TypeCell("Array<Pet>", ("Pet.md",))),
        ("[{ [key: string]: Pet; }](Pet.md)", TypeCell("{ [key: string]: Pet; }", ("Pet.md",))),
    ],
)
def test_a_link_with_a_plain_label_is_reduced_to_its_label(raw: str, decoded: TypeCell) -> None:
    # typescript-fetch links model types without bold.
    assert decode_type_cell(raw) == decoded

"""A recall (recall.py) gives a step's result again only for the very objects it was made from:
a list mapped again makes only the items that are not the very ones, wherever they moved, and
a result kept for values that hold an object is never given for another object at its address."""

from __future__ import annotations

from docmodels.recall import Recall, Same


class Item:
    def __init__(self, name: str) -> None:
        self.name = name


def mapping(recall: Recall, made: list[str]):  # type: ignore[no-untyped-def]
    def make(item: Item) -> str:
        made.append(item.name)
        return item.name.upper()

    return lambda items, values=None: recall.map("step", items, values, make)


def test_a_list_of_the_very_same_items_is_the_last_list_and_makes_nothing() -> None:
    recall, made = Recall(), []
    run = mapping(recall, made)
    items = [Item("a"), Item("b"), Item("c")]
    first = run(items)
    recall.settle()
    assert run(list(items)) is first and made == ["a", "b", "c"]


def again(first: list[Item], second: list[Item]) -> tuple[list[str], list[str]]:
    """The second list mapped after the first, and the items it made."""
    recall, made = Recall(), []
    run = mapping(recall, made)
    run(first)
    recall.settle()
    made.clear()
    return run(second), made


def test_only_an_item_that_is_not_the_very_one_is_made_again() -> None:
    a, b, c = Item("a"), Item("b"), Item("c")
    assert again([a, b, c], [a, Item("b"), c]) == (["A", "B", "C"], ["b"])


def test_items_added_removed_and_moved_are_found_by_identity() -> None:
    a, b, c = Item("a"), Item("b"), Item("c")
    assert again([a, b, c], [c, Item("d"), a]) == (["C", "D", "A"], ["d"])


def test_other_values_make_every_item_again() -> None:
    recall, made = Recall(), []
    run = mapping(recall, made)
    items = [Item("a"), Item("b")]
    run(items, "one folder")
    recall.settle()
    made.clear()
    run(items, "another folder")
    assert made == ["a", "b"]


def test_a_same_value_is_equal_only_for_the_very_object_and_keeps_it() -> None:
    held = Item("index")
    assert Same(held) == Same(held) and hash(Same(held)) == hash(Same(held))
    assert Same(held) != Same(Item("index"))
    kept = Same(Item("gone"))
    assert kept.object.name == "gone"  # held: its address is not another object's while kept

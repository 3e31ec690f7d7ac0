"""A page's Markdown structure with line numbers (docmodels.page.structure)."""

from __future__ import annotations

from docmodels.page.structure import Heading, Line, Section, Table, parse_page

HEADER = "Name | Type | Description | Notes"
RULE = "------------ | ------------- | ------------- | -------------"


def test_the_first_level_one_heading_is_the_title() -> None:
    page = parse_page("p.md", "# CreateSession\n\n# Another\n")
    assert page.title == Heading("CreateSession", 1, 3)
    assert [s.title for s in page.sections] == ["Another"]


def test_blank_lines_before_the_title_are_counted() -> None:
    page = parse_page("p.md", "\n\n#   Identity\n")
    assert page.title == Heading("Identity", 3, 5)


def test_a_page_without_a_level_one_heading_has_no_title() -> None:
    page = parse_page("p.md", "Text.\n\n## Properties\n")
    assert page.title is None
    assert [s.title for s in page.sections] == ["Properties"]


def test_paragraphs_between_title_and_first_section_are_the_description() -> None:
    text = "# M\n\nFirst paragraph\ncontinues here.\n\nSecond one.\n## Properties\n\nNot this.\n"
    page = parse_page("p.md", text)
    assert page.description == "First paragraph\ncontinues here.\n\nSecond one."


def test_a_description_running_straight_into_the_heading_ends_there() -> None:
    page = parse_page("p.md", "# M\n\nModel used to create a Session.\n## Properties\n")
    assert page.description == "Model used to create a Session."


def test_list_items_are_not_part_of_the_description() -> None:
    page = parse_page("p.md", "# M\n\nIntro.\n\n* one\n* two\n")
    assert page.description == "Intro."


def test_a_property_table_keeps_its_header_and_rows_with_line_numbers() -> None:
    text = (
        f"# M\n\n## Properties\n{HEADER}\n{RULE}\n"
        "**a** | **str** |  | \n**b** | **int** |  | [optional]\n"
    )
    page = parse_page("p.md", text)
    assert page.sections == (
        Section(
            "Properties",
            3,
            (
                Table(
                    Line(4, HEADER),
                    (Line(6, "**a** | **str** |  | "), Line(7, "**b** | **int** |  | [optional]")),
                ),
            ),
            (),
        ),
    )


def test_a_table_ends_at_a_blank_line() -> None:
    text = (
        f"# M\n\n## Properties\n{HEADER}\n{RULE}\n"
        "**a** | **str** |  | \n\n[[Back to Model list]](../README.md)\n"
    )
    (table,) = parse_page("p.md", text).sections[0].tables
    assert table.rows == (Line(6, "**a** | **str** |  | "),)


def test_rows_are_kept_raw_even_when_they_hold_more_pipes_than_the_header() -> None:
    row = "**c** | **List[str]** | (&#39;|&#39;, etc) | [optional]"
    text = f"# M\n\n## Properties\n{HEADER}\n{RULE}\n{row}\n"
    (table,) = parse_page("p.md", text).sections[0].tables
    assert table.rows == (Line(6, row),)


def test_outer_pipes_are_decided_by_the_header() -> None:
    bordered = parse_page("p.md", "# M\n## P\n| Name | Value |\n|---- | -----|\n| A | a |\n")
    plain = parse_page("p.md", f"# M\n## P\n{HEADER}\n{RULE}\n| a | b | c | d |\n")
    assert bordered.sections[0].tables[0].outer_pipes
    assert not plain.sections[0].tables[0].outer_pipes


def test_pipes_in_a_code_block_make_no_table() -> None:
    text = "# M\n\n## Example\n\n```python\nName | Type\n---- | ----\nx | y\n```\n"
    assert parse_page("p.md", text).sections[0].tables == ()


def test_top_level_bullets_of_a_section_are_kept_with_their_line_numbers() -> None:
    text = "# M\n\n## Enum\n\n* `A` (value: `'a'`)\n  * nested\n\n* `B` (value: `'b'`)\n"
    (section,) = parse_page("p.md", text).sections
    assert section.bullets == (Line(5, "* `A` (value: `'a'`)"), Line(8, "* `B` (value: `'b'`)"))


def test_a_table_before_any_section_is_a_preamble_table() -> None:
    page = parse_page("p.md", f"# M\n\n{HEADER}\n{RULE}\n**a** | **str** |  | \n")
    assert page.preamble_tables == (Table(Line(3, HEADER), (Line(5, "**a** | **str** |  | "),)),)
    assert page.sections == ()


def test_sections_are_found_by_title_regardless_of_case() -> None:
    page = parse_page("p.md", "# M\n\n## Enum Variants\n\n## Properties\n")
    found = page.section("properties")
    assert found is not None and found.line == 5
    assert page.section("Enum", "enum variants") is page.sections[0]
    assert page.section("Methods") is None


def test_a_section_keeps_the_language_of_each_fenced_code_block() -> None:
    text = "# M\n\n## Load the model package\n\n```dart\nimport 'x';\n```\n\n```\nplain\n```\n"
    (section,) = parse_page("p.md", text).sections
    assert section.fences == ("dart", "")


def test_a_section_keeps_the_lines_inside_its_fenced_code_blocks() -> None:
    text = "# M\n\n## Methods\n\n```ruby\nM.name\n# => :'kind'\n```\n\n```\nunclosed\n"
    (section,) = parse_page("p.md", text).sections
    assert section.code == (Line(6, "M.name"), Line(7, "# => :'kind'"), Line(11, "unclosed"))


def test_indented_or_fenced_text_before_any_section_is_description() -> None:
    text = "# M\n\nFirst.\n\n\t0 indented\n\n```\nfenced\n```\n\n## Properties\n"
    page = parse_page("p.md", text)
    assert page.description == "First.\n\n0 indented\n\n```\nfenced\n```"


FRONT_MATTER = """---
id: pet
title: Pet
keywords: ['powershell', 'Pet']
slug: /tools/sdk/powershell/models/pet
---


# Pet

The pet.

## Properties
"""


def test_yaml_front_matter_before_the_title_is_not_content() -> None:
    page = parse_page("p.md", FRONT_MATTER)
    assert page.title == Heading("Pet", 9, 3)
    assert page.description == "The pet."
    assert [s.title for s in page.sections] == ["Properties"]


def test_a_rule_and_prose_before_the_title_are_no_front_matter() -> None:
    page = parse_page("p.md", "---\nJust prose.\n---\n# Pet\n")
    assert [s.title for s in page.sections] == ["Just prose."]


def test_a_rule_a_heading_and_a_rule_are_no_front_matter() -> None:
    page = parse_page("p.md", "---\n# Pet\nNote: a pet.\n---\n")
    assert page.title == Heading("Pet", 2, 3)

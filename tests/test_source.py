"""Finding spec pages and decoding them (docmodels.source)."""

from __future__ import annotations

from pathlib import Path

from docmodels.diagnostics import Diagnostic
from docmodels.source import SourceFile, decode, discover, display_path, read

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def decoded(data: bytes) -> str:
    result = decode(data, "p.md")
    assert isinstance(result, SourceFile)
    return result.text


def problem(data: bytes) -> str:
    result = decode(data, "p.md")
    assert isinstance(result, Diagnostic)
    return str(result)


def touch(path: Path, text: str = "# X\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_utf8_text_is_decoded() -> None:
    assert decoded("# Café\n".encode()) == "# Café\n"


def test_a_byte_order_mark_is_dropped() -> None:
    assert decoded(b"\xef\xbb\xbf# X\n") == "# X\n"


def test_crlf_and_cr_line_endings_become_lf() -> None:
    assert decoded(b"# X\r\n\r\nA\rB\n") == "# X\n\nA\nB\n"


def test_an_invalid_byte_is_reported_at_its_line_and_column() -> None:
    assert problem(b"# X\n\nab\xffc\n") == (
        "p.md:3:3: error: not valid UTF-8: byte 0xff cannot start or continue a character"
    )


def test_the_column_counts_characters_not_bytes() -> None:
    # "ü" and "€" take five bytes but two columns.
    assert problem("# X\nü€".encode() + b"\xfe") == (
        "p.md:2:3: error: not valid UTF-8: byte 0xfe cannot start or continue a character"
    )


def test_a_byte_order_mark_takes_no_column() -> None:
    assert problem(b"\xef\xbb\xbf# \x80") == (
        "p.md:1:3: error: not valid UTF-8: byte 0x80 cannot start or continue a character"
    )


def test_lines_are_counted_across_any_line_ending() -> None:
    assert problem(b"# X\r\rA\r\nB\xc3(") == (
        "p.md:4:2: error: not valid UTF-8: byte 0xc3 cannot start or continue a character"
    )


def test_a_folder_yields_its_markdown_pages_sorted_by_path() -> None:
    pages, diagnostics = discover([FIXTURES / "rust"], FIXTURES)
    assert diagnostics == []
    assert [display_path(p, FIXTURES) for p in pages] == [
        "rust/Collections.md",
        "rust/Event.md",
        "rust/Kind.md",
        "rust/Owner.md",
        "rust/Session.md",
    ]


def test_a_folders_readme_is_not_a_model_page() -> None:
    pages, _ = discover([FIXTURES / "python"], FIXTURES)
    assert (FIXTURES / "python" / "README.md").is_file()
    assert [p.name for p in pages] == ["Cluster.md", "Person.md", "Status.md", "Workspace.md"]


def test_subfolders_are_walked_but_hidden_ones_and_other_files_are_not(tmp_path: Path) -> None:
    touch(tmp_path / "docs" / "B.md")
    touch(tmp_path / "docs" / "nested" / "A.md")
    touch(tmp_path / "docs" / ".cache" / "C.md")
    touch(tmp_path / "docs" / "notes.txt")
    touch(tmp_path / "docs" / "Upper.MD")
    touch(tmp_path / "docs" / "nested" / "readme.md")
    pages, _ = discover([tmp_path / "docs"], tmp_path)
    assert [display_path(p, tmp_path) for p in pages] == [
        "docs/B.md",
        "docs/Upper.MD",
        "docs/nested/A.md",
    ]


def test_a_page_named_twice_is_read_once(tmp_path: Path) -> None:
    page = touch(tmp_path / "docs" / "A.md")
    again = tmp_path / "docs" / ".." / "docs" / "A.md"
    pages, _ = discover([tmp_path / "docs", page, again], tmp_path)
    assert [display_path(p, tmp_path) for p in pages] == ["docs/A.md"]


def test_a_file_named_explicitly_is_read_whatever_its_name(tmp_path: Path) -> None:
    readme = touch(tmp_path / "README.md")
    pages, _ = discover([readme], tmp_path)
    assert pages == [readme]


def test_a_missing_path_is_reported() -> None:
    pages, diagnostics = discover([Path("missing")], FIXTURES)
    assert pages == []
    assert [str(d) for d in diagnostics] == ["missing:1:1: error: no such file or directory"]


def test_paths_outside_the_base_are_shown_as_given(tmp_path: Path) -> None:
    page = touch(tmp_path / "A.md")
    assert display_path(page, FIXTURES) == page.as_posix()
    assert display_path(page, tmp_path) == "A.md"


def test_reading_a_page_gives_its_display_path_and_text(tmp_path: Path) -> None:
    (tmp_path / "A.md").write_bytes(b"# A\r\n")
    assert read(tmp_path / "A.md", tmp_path) == SourceFile("A.md", "# A\n")


def test_a_page_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    (tmp_path / "Dir.md").mkdir()
    result = read(tmp_path / "Dir.md", tmp_path)
    assert str(result) == "Dir.md:1:1: error: cannot read: Is a directory"


def test_the_folder_walk_visits_what_os_walk_visits(tmp_path: Path) -> None:
    """source._walk lists files with what the folder's listing says of them: the same folders
    and files as os.walk, in the same order, and linked folders listed but not walked into."""
    import os

    from docmodels.source import _walk

    spec = tmp_path / "spec"
    for folder in ("a/b", "a/c", "d", ".hidden"):
        (spec / folder).mkdir(parents=True)
    for page in ("P.md", "a/Q.md", "a/b/R.md", "a/c/S.md", "d/T.md", ".hidden/U.md"):
        (spec / page).write_text("# x\n")
    (spec / "link.md").symlink_to(spec / "P.md")
    (spec / "linked").symlink_to(spec / "a")
    os.mkfifo(spec / "pipe.md")
    ours = [(root, sorted(dirs), sorted(name for name, _ in files))
            for root, dirs, files in _walk(str(spec))]
    theirs = [(root, sorted(dirs), sorted(files)) for root, dirs, files in os.walk(spec)]
    assert sorted(ours) == sorted(theirs)
    regular = {name: flag for root, _, files in _walk(str(spec)) if root == str(spec)
               for name, flag in files}
    assert regular == {"P.md": True, "link.md": False, "pipe.md": False}

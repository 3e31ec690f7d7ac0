"""The Jinja environment over templates/, and black for the Python it renders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import black
import jinja2
from black.mode import Mode, TargetVersion

# Generated code runs on Python 3.10 and later (slots and keyword-only dataclasses).
BLACK_MODE = Mode(target_versions={TargetVersion.PY310}, line_length=88)


def templates_dir() -> Path:
    """The templates: inside the installed package (a wheel), else at the checkout's top level."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "templates"
    if installed.is_dir():
        return installed
    return here.parent.parent / "templates"


class Renderer:
    def __init__(self, directory: Path | None = None) -> None:
        # Spec text only ever reaches templates as values, never as template source, so {{ }} in
        # a description stays text. Escaping for Python is done by python_literals, not Jinja.
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(directory or templates_dir())),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def text(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    def python(self, template: str, **context: Any) -> str:
        return black.format_str(self.text(template, **context), mode=BLACK_MODE)

"""The Jinja environment over templates/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2


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
        """Python source as the template lays it out: emit.formatting gives it black's layout."""
        return self.text(template, **context)

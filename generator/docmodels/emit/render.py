"""The Jinja environment over templates/, and over a user's folder of templates that shadow ours."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2


class TemplateError(Exception):
    """A template that does not load or render (a user's override, most likely): the message
    names the template and line, so no traceback is needed."""


def templates_dir() -> Path:
    """The templates: inside the installed package (a wheel), else at the checkout's top level."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "templates"
    if installed.is_dir():
        return installed
    return here.parent.parent / "templates"


class Renderer:
    def __init__(
        self,
        directory: Path | None = None,
        overrides: Path | None = None,
    ) -> None:
        """``overrides``: a folder whose templates replace ours of the same relative path; any
        template it does not have comes from ``directory`` (default: ours). Templates are
        compiled in each run, never loaded compiled from the cache folder: compiled templates
        are code (and jinja's files of them begin with a pickle), and a cache folder may come
        from somewhere untrusted. Compiling a run's templates takes some 30 ms."""
        loaders: list[jinja2.BaseLoader] = [
            jinja2.FileSystemLoader(str(directory or templates_dir()))
        ]
        if overrides is not None:
            loaders.insert(0, jinja2.FileSystemLoader(str(overrides)))
        self.overrides = overrides
        # Spec text only ever reaches templates as values, never as template source, so {{ }} in
        # a description stays text. Escaping for Python is done by python_literals, not Jinja.
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            # A renderer serves one run: its templates are read once, not stat'ed again at each
            # of the run's thousands of renders (a watch makes a renderer per run).
            auto_reload=False,
        )

    def text(self, template: str, **context: Any) -> str:
        try:
            return self.env.get_template(template).render(**context)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"{exc.filename or template}:{exc.lineno}: template syntax error: {exc.message}"
            ) from None
        except jinja2.TemplateError as exc:
            # An undefined variable or a failing filter: jinja does not say where, so name the
            # template (and the folder it came from) at least.
            raise TemplateError(f"{self._origin(template)}: {exc.message}") from None

    def python(self, template: str, **context: Any) -> str:
        """Python source as the template lays it out: emit.formatting gives it black's layout."""
        return self.text(template, **context)

    def _origin(self, template: str) -> str:
        if self.overrides is not None and (self.overrides / template).is_file():
            return str(self.overrides / template)
        return template

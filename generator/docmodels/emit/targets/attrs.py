"""The IR as attrs classes: the ``attrs`` output target.

The default target with ``attrs.define`` in place of ``dataclasses.dataclass``: the same
``_runtime`` validates, so payloads mean exactly what they mean there (strict types, every
problem reported with its path, the unknown-key policies, presence tracking for ``to_dict``).
cattrs would bring its own structuring rules and error shapes, and a second dependency, for no
gain over validators the project already tests.
"""

from __future__ import annotations

from docmodels.emit.python_literals import string
from docmodels.emit.targets.dataclasses import DataclassesEmitter


class AttrsEmitter(DataclassesEmitter):
    model_template = "attrs/model.py.jinja"
    module_imports: frozenset[str] = frozenset()

    @staticmethod
    def default_factory(factory: str) -> str:
        return f"_attrs.field(factory={factory})"

    @staticmethod
    def field_default(attr: str, default_code: str) -> str:
        """attrs names ``__init__``'s argument for ``_x`` ``x``: ``_123_start`` would make
        ``123_start``, a syntax error, and ``_private`` a keyword other than the attribute. The
        alias keeps the attribute's own name."""
        if not attr.startswith("_"):
            return default_code
        alias = f"alias={string(attr)}"
        code = default_code.removeprefix(" = ")
        if not code:
            return f" = _attrs.field({alias})"
        if code.startswith("_attrs.field("):
            return f" = _attrs.field({alias}, {code.removeprefix('_attrs.field(')}"
        return f" = _attrs.field({alias}, default={code})"
